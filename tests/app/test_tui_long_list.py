"""A pane of thousands of items opens measured only as far as it draws; everything a user
does with it (the end key, a page, the filter, an edit and its undo, the count in the title,
the scroll indicator) is as if every item had been measured before the first frame."""

from __future__ import annotations

from pathlib import Path

import pytest

from bmc_tui.core.catalogue import BLOCKS, BlockId
from bmc_tui.core.model import Canvas, Header, Item
from bmc_tui.core.storage import save
from bmc_tui.core.wrapping import wrap_offsets
from bmc_tui.tui.app import create_app
from bmc_tui.tui.widgets import item_list as item_list_module
from bmc_tui.tui.widgets.item_list import ItemList
from conftest import SIZE, canvas, texts

COUNT = 3000
PARTNERS = BlockId.KEY_PARTNERS


def idea(number: int) -> str:
    # Items of one to four lines in a narrow pane, so heights differ from item to item.
    return f"Idea {number:04d}" + " about sourdough deliveries" * (number % 4)


@pytest.fixture
def long_canvas(workdir: Path) -> Path:
    path = workdir / "long.toml"
    items = tuple(Item(id=f"i{number}", text=idea(number)) for number in range(COUNT))
    blocks = {block.id: () for block in BLOCKS} | {PARTNERS: items}
    save(Canvas(header=Header(title="Long"), blocks=blocks), path)
    return path


def on_screen(item_list: ItemList) -> list[str]:
    """The list's rows as drawn, scroll indicator column included."""
    return [item_list.render_line(y).text for y in range(item_list.size.height)]


def partners(app: object) -> ItemList:
    return canvas(app).pane(PARTNERS).item_list  # type: ignore[arg-type]


async def test_end_goes_to_the_last_of_thousands_of_items_and_shows_it(long_canvas: Path) -> None:
    app = create_app(long_canvas)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        item_list = partners(app)
        assert str(canvas(app).pane(PARTNERS).border_subtitle) == str(COUNT)
        await pilot.press("end")
        await pilot.pause()
        assert item_list.selected_id == f"i{COUNT - 1}"
        rows = on_screen(item_list)
        assert any("Idea 2999" in row for row in rows)
        assert item_list.line_of_selected() is not None
        # The thumb has reached the bottom of the indicator.
        assert rows[-1].endswith(ItemList.SCROLL_THUMB)
        assert not rows[0].endswith(ItemList.SCROLL_THUMB)
        await pilot.press("home")
        await pilot.pause()
        assert item_list.selected_id == "i0"
        assert on_screen(item_list)[0].startswith("• Idea 0000")


async def test_page_down_moves_a_page_and_keeps_the_cursor_in_sight(long_canvas: Path) -> None:
    app = create_app(long_canvas)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        item_list = partners(app)
        for _ in range(3):
            await pilot.press("pagedown")
        await pilot.pause()
        index = item_list.highlighted
        assert index is not None
        assert index > 3
        assert item_list.line_of_selected() is not None
        assert any(f"Idea {index:04d}" in row for row in on_screen(item_list))


async def test_the_filter_finds_an_item_far_down_the_list(long_canvas: Path) -> None:
    app = create_app(long_canvas)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("/", *"idea 2990")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        item_list = partners(app)
        assert item_list.selected_id == "i2990"
        assert any(row.startswith("» • Idea 2990") for row in on_screen(item_list))


async def test_undo_after_editing_the_last_item(long_canvas: Path) -> None:
    app = create_app(long_canvas)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("end", "e", *" baked", "enter")
        await pilot.pause()
        item_list = partners(app)
        assert texts(app, PARTNERS)[-1] == idea(COUNT - 1) + " baked"
        assert any("baked" in row for row in on_screen(item_list))
        await pilot.press("u")
        await pilot.pause()
        assert texts(app, PARTNERS)[-1] == idea(COUNT - 1)
        assert not canvas(app).document.modified
        assert item_list.selected_id == f"i{COUNT - 1}"
        assert not any("baked" in row for row in on_screen(item_list))
        assert any("Idea 2999" in row for row in on_screen(item_list))


async def test_a_long_list_opens_measuring_a_page_and_draws_as_if_measured_whole(
    long_canvas: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    measured: list[str] = []

    def counted(text: str, width: int, *args: object, **kwargs: object) -> list[int]:
        measured.append(text)
        return wrap_offsets(text, width, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(item_list_module, "wrap_offsets", counted)
    app = create_app(long_canvas)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        item_list = partners(app)
        assert 0 < len(measured) < 100  # a page of items, not three thousand
        first_frame = on_screen(item_list)
        # Measured whole, the list draws the very same rows, scroll indicator included.
        item_list._measure_all()
        item_list.notify_style_update()
        assert on_screen(item_list) == first_frame
        assert item_list._starts[-1] == sum(
            len(wrap_offsets(f"• {idea(n)}", item_list._width, language="en")) + 1
            for n in range(COUNT)
        )
        assert item_list.virtual_size.height >= item_list._starts[-1]


async def test_scrolling_down_from_the_top_reaches_the_real_end(long_canvas: Path) -> None:
    # The mouse wheel scrolls without moving the cursor: the scroll height it stops at is
    # that of every item measured, not of those measured to draw the first page.
    app = create_app(long_canvas)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        item_list = partners(app)
        item_list.scroll_to(y=10**6, animate=False, force=True, immediate=True)
        await pilot.pause()
        assert item_list.selected_id == "i0"
        rows = on_screen(item_list)
        assert any("Idea 2999" in row for row in rows)
        assert rows[-1].endswith(ItemList.SCROLL_THUMB)
