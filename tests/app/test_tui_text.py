"""Text in the editor reads whole: titles that fit are not shortened, guides never stop
mid-sentence without a mark, and a scrolled list always opens on an item's bullet."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.events import MouseScrollDown, MouseScrollUp

from bmc_tui.core.catalogue import BLOCKS, BlockId
from bmc_tui.core.presentation import ELLIPSIS, segment_mark
from bmc_tui.tui.app import create_app
from bmc_tui.tui.widgets.guide import Guide
from bmc_tui.tui.widgets.item_list import ItemList
from conftest import canvas


@pytest.mark.parametrize(
    ("size", "which", "titles"),
    [
        (
            (120, 40),
            "da",
            {
                BlockId.KEY_ACTIVITIES: "2 Nøgleaktiviteter",
                BlockId.KEY_RESOURCES: "3 Nøgleressourcer",
                BlockId.CUSTOMER_RELATIONSHIPS: "5 Kunderelationer",
            },
        ),
        (
            (200, 60),
            "en",
            {
                BlockId.VALUE_PROPOSITIONS: "4 Value Propositions",
                BlockId.CUSTOMER_RELATIONSHIPS: "5 Customer Relationships",
            },
        ),
    ],
)
async def test_pane_titles_are_whole_where_they_fit(
    en_canvas: Path, da_canvas: Path, size: tuple[int, int], which: str, titles: dict[BlockId, str]
) -> None:
    app = create_app(da_canvas if which == "da" else en_canvas)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = canvas(app)
        for block_id, title in titles.items():
            assert str(screen.pane(block_id).border_title) == title


def reads_whole(lines: list[str]) -> bool:
    """Every entry of a guide ends as a sentence does, or the guide ends in the mark.

    A question starts "? " and its later lines hang under it; the introduction after the
    questions starts flush left.
    """
    entries: list[list[str]] = []
    for line in lines:
        question = line.startswith("? ")
        hangs = line.startswith("  ")
        starts_intro = not question and not hangs and (not entries or entries[-1][0][:2] == "? ")
        if question or starts_intro or not entries:
            entries.append([line])
        else:
            entries[-1].append(line)
    return all(entry[-1].rstrip().endswith(("?", ".", ELLIPSIS)) for entry in entries)


@pytest.mark.parametrize("size", [(120, 40), (200, 60)])
@pytest.mark.parametrize("which", ["da", "en"])
async def test_guides_never_stop_mid_sentence_without_a_mark(
    en_canvas: Path, da_canvas: Path, size: tuple[int, int], which: str
) -> None:
    app = create_app(da_canvas if which == "da" else en_canvas)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = canvas(app)
        for block in BLOCKS:
            guide = screen.pane(block.id).query_one(Guide)
            lines = guide.render().plain.split("\n")
            assert len(lines) <= guide.size.height, block.id
            assert reads_whole(lines), (block.id, lines)


async def test_pane_4_at_120_columns_shows_whole_questions(en_canvas: Path) -> None:
    # It used to end "? Which need do we / satisfy for our", cut by the pane's edge.
    app = create_app(en_canvas)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        guide = canvas(app).pane(BlockId.VALUE_PROPOSITIONS).query_one(Guide)
        lines = guide.render().plain.split("\n")
        assert lines[-1] == ELLIPSIS
        assert "satisfy for our" not in " ".join(lines)


def first_line(items: ItemList) -> str:
    return items.render_line(0).text


async def test_a_scrolled_list_always_opens_on_a_bullet(da_canvas: Path) -> None:
    app = create_app(da_canvas)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        items = canvas(app).pane(BlockId.KEY_PARTNERS).item_list
        count = len(items.item_ids)
        scrolled = False
        for _ in range(count):
            await pilot.press("j")
            await pilot.pause()
            scrolled = scrolled or items.scroll_y > 0
            assert first_line(items).startswith("•"), first_line(items)
        assert scrolled, "the pane is too small for its items: moving down scrolls"
        for _ in range(count):
            await pilot.press("k")
            await pilot.pause()
            assert first_line(items).startswith("•"), first_line(items)


async def test_the_mouse_wheel_scrolls_by_whole_items(da_canvas: Path) -> None:
    app = create_app(da_canvas)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        items = canvas(app).pane(BlockId.KEY_PARTNERS).item_list
        for event in (MouseScrollDown,) * 6 + (MouseScrollUp,) * 6:
            items.post_message(event(items, 1, 1, 0, 0, 0, False, False, False))
            await pilot.pause()
            assert first_line(items).startswith("•"), first_line(items)
        assert items.scroll_y == 0


async def test_panes_and_show_mark_a_segment_alike(en_canvas: Path) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        items = canvas(app).pane(BlockId.CUSTOMER_SEGMENTS).item_list
        mark = segment_mark(0)
        text = items._texts[0]
        assert text.plain.startswith(f"• {mark.glyph} ")
        styles = [str(span.style) for span in text.spans]
        assert f"bold {mark.colour}" in styles


async def test_category_labels_follow_the_pane_width(en_canvas: Path) -> None:
    # Short where room is short, the label itself where a pane is roomy: the rule show uses.
    app = create_app(en_canvas)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        items = canvas(app).pane(BlockId.KEY_PARTNERS).item_list
        assert "[Economy]" in items._texts[1].plain
        await pilot.resize_terminal(270, 60)  # a top pane is then 54 cells wide
        await pilot.pause()
        assert "[Optimisation and economy]" in items._texts[1].plain
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert "[Economy]" in items._texts[1].plain
