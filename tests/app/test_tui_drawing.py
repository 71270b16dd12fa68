"""What the screen draws beyond the items themselves: the key bar at the bottom, and the
scroll indicator a list draws when its items do not fit."""

from __future__ import annotations

from pathlib import Path

from textual.events import MouseScrollDown

from bmc_tui.core.catalogue import BlockId
from bmc_tui.tui.app import create_app
from bmc_tui.tui.widgets.item_list import ItemList
from bmc_tui.tui.widgets.key_bar import KeyBar
from conftest import canvas


def shown(widget: KeyBar) -> str:
    return widget.render().plain


def thumb_rows(items: ItemList) -> list[int]:
    """The rows whose last cell shows the scroll thumb."""
    rows = []
    for y in range(items.size.height):
        strip = items.render_line(y)
        if strip.text.endswith(ItemList.SCROLL_THUMB):
            rows.append(y)
    return rows


async def test_the_key_bar_keeps_help_and_the_palette_at_80_columns(en_canvas: Path) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        line = shown(canvas(app).query_one(KeyBar))
        assert line.startswith(" a Add  e Edit")
        assert line.rstrip().endswith("? Help  q Quit  ^p palette")
        assert len(line) == 80
        # The least wanted keys that do not fit are left out whole, never cut in a name.
        assert "^s Save" in line
        assert "Brainstorm" not in line
        assert " b " not in line


async def test_the_key_bar_follows_the_focus(en_canvas: Path) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        bar = canvas(app).query_one(KeyBar)
        assert "a Add" in shown(bar)
        await pilot.press("a")
        await pilot.pause()
        # In the editor the item keys are text; the bar says how to keep or drop it.
        line = shown(bar)
        assert "⏎ Keep" in line
        assert "esc Cancel" in line
        assert "a Add" not in line


async def test_clicking_a_key_in_the_bar_runs_it(en_canvas: Path) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = canvas(app)
        bar = screen.query_one(KeyBar)
        column = shown(bar).index("z Zoom") + 1
        await pilot.click(KeyBar, offset=(column, 0))
        await pilot.pause()
        assert screen.zoomed is not None


async def test_a_list_that_overflows_shows_where_it_is_scrolled(en_canvas: Path) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = canvas(app)
        partners = screen.pane(BlockId.KEY_PARTNERS).item_list
        costs = screen.pane(BlockId.COST_STRUCTURE).item_list
        assert partners.max_scroll_y > 0, "the example's block 1 overflows at 120x40"
        top = thumb_rows(partners)
        assert top[:1] == [0]
        # Lines leave the last column to the thumb, so no word is cut by it.
        assert all(len(partners.render_line(y).text) == partners.size.width for y in range(3))
        await pilot.press("end")
        await pilot.pause()
        bottom = thumb_rows(partners)
        assert bottom[-1:] == [partners.size.height - 1]
        # A list whose items fit draws no thumb at all.
        assert costs.max_scroll_y == 0
        assert thumb_rows(costs) == []


async def test_the_mouse_wheel_scrolls_a_list_without_a_scrollbar(en_canvas: Path) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        partners = canvas(app).pane(BlockId.KEY_PARTNERS).item_list
        assert partners.scroll_y == 0
        partners.post_message(MouseScrollDown(partners, 1, 1, 0, 0, 0, False, False, False))
        await pilot.pause()
        assert partners.scroll_y > 0
