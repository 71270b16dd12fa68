"""A pane's list measures items by their words and styles only the items it draws: a
canvas of thousands of items opens without making a styled line for each (and measures
only as far as it draws: see test_tui_long_list)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.text import Text

from bmc_tui.core.catalogue import BLOCKS, BlockId
from bmc_tui.core.model import Canvas, Header, Item
from bmc_tui.core.render import Parts, plain_text, styled_text
from bmc_tui.core.storage import save
from bmc_tui.tui.app import create_app
from bmc_tui.tui.widgets import block_pane
from bmc_tui.tui.widgets.item_list import Lines
from conftest import SIZE, canvas


def test_a_line_is_made_when_first_asked_for_and_kept() -> None:
    made: list[int] = []

    def make(index: int) -> Text:
        made.append(index)
        return Text(f"line {index}")

    lines = Lines(5, lambda index: f"line {index}", make)
    assert len(lines) == 5
    assert made == []
    assert lines.plain(3) == "line 3"
    assert made == []  # the words alone make no line
    assert lines[3].plain == "line 3"
    assert lines[-1].plain == "line 4"
    assert lines[3] is lines[3]
    assert made == [3, 4]
    assert [text.plain for text in lines[:2]] == ["line 0", "line 1"]
    with pytest.raises(IndexError):
        lines[5]


@pytest.mark.parametrize(
    "parts",
    [
        [("• ", "dim"), ("Bread", None), (" [Tangible]", "italic")],
        [("• ", "dim"), ("bell\x07 and return\r", None)],  # Rich drops these control codes
        [("• ", "dim"), ("note", None), ("\n    ", None), ("second line", "dim")],
        [],
    ],
)
def test_the_words_measured_are_the_words_drawn(parts: Parts) -> None:
    assert plain_text(parts) == styled_text(parts).plain


async def test_a_long_list_styles_only_the_items_it_draws(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = workdir / "long.toml"
    items = tuple(Item(id=f"i{number}", text=f"Idea number {number}") for number in range(3000))
    blocks = {block.id: () for block in BLOCKS} | {BlockId.KEY_PARTNERS: items}
    save(Canvas(header=Header(title="Long"), blocks=blocks), path)
    made: list[Parts] = []

    def counted(parts: Parts) -> Text:
        made.append(parts)
        return styled_text(parts)

    monkeypatch.setattr(block_pane, "styled_text", counted)
    app = create_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        item_list = canvas(app).pane(BlockId.KEY_PARTNERS).item_list
        # The scroll height counts every item (a line each at least, until all are measured) ...
        assert item_list.virtual_size.height >= 3000
        # ... but only those on screen were styled.
        assert 0 < len(made) <= item_list.size.height
        await pilot.press("end")
        await pilot.pause()
        assert item_list.selected_id == "i2999"
        assert len(made) <= 2 * item_list.size.height


async def test_filtered_lines_measure_as_they_are_drawn(en_canvas: Path) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("/", *"oven")
        await pilot.pause()
        screen = canvas(app)
        marked = 0
        for block in BLOCKS:
            lines = screen.pane(block.id).item_list._texts
            for index in range(len(lines)):
                plain = lines.plain(index)
                assert plain == lines[index].plain
                marked += plain.startswith("» ")
        assert marked
