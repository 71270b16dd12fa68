"""Moving around the canvas: block numbers, tab order, arrows and hjkl across panes, zoom,
the filter, the guiding questions, and terminals too small for the canvas."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Static

from bmc_tui.core.catalogue import BLOCKS_BY_NUMBER, BlockId
from bmc_tui.tui.app import BmcApp, create_app
from bmc_tui.tui.screens.canvas_screen import CanvasScreen
from bmc_tui.tui.widgets.guide import Guide
from bmc_tui.tui.widgets.text_line import TextLine
from conftest import canvas

SIZE = (120, 40)


def top(app: BmcApp) -> object:
    """The screen on top (a function call, so type checkers do not narrow it)."""
    return app.screen


def block_number(app: BmcApp) -> int:
    screen = canvas(app)
    assert screen.current_pane is not None, "the keyboard is on no pane"
    return screen.current_block.number


def option_texts(screen: CanvasScreen, block: BlockId) -> list[str]:
    """The lines the item list of ``block`` draws, one per item (plain text)."""
    items = screen.pane(block).item_list
    return [text.plain for text in items._texts[: len(items.item_ids)]]


async def test_number_keys_and_tab_order(en_canvas: Path) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        assert block_number(app) == 1
        for number in (5, 9, 1):
            await pilot.press(str(number))
            assert block_number(app) == number
        visited = []
        for _ in range(9):
            await pilot.press("tab")
            visited.append(block_number(app))
        assert visited == [2, 3, 4, 5, 6, 7, 8, 9, 1]
        await pilot.press("shift+tab")
        assert block_number(app) == 9
        await pilot.press("shift+tab")
        assert block_number(app) == 8


async def test_arrows_cross_to_the_neighbouring_pane(en_canvas: Path) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        screen = canvas(app)
        # Right of Key Activities is Value Propositions (it spans both top rows).
        await pilot.press("2", "right")
        assert block_number(app) == 4
        await pilot.press("left")
        assert block_number(app) == 2
        # Down within Key Activities first, then past its last item into Key Resources.
        count = len(screen.document.canvas.items(BlockId.KEY_ACTIVITIES))
        await pilot.press(*["down"] * (count - 1))
        assert block_number(app) == 2
        assert screen.pane(BlockId.KEY_ACTIVITIES).item_list.highlighted == count - 1
        await pilot.press("down")
        assert block_number(app) == 3
        assert screen.pane(BlockId.KEY_RESOURCES).item_list.highlighted == 0
        # Up past the first item goes back, to the last item of the pane above.
        await pilot.press("up")
        assert block_number(app) == 2
        assert screen.pane(BlockId.KEY_ACTIVITIES).item_list.highlighted == count - 1
        # From the bottom row, up lands in one of the panes above it.
        await pilot.press("8", "up")
        assert block_number(app) in {1, 3, 4}
        # Nothing lies left of Key Partners: the focus stays.
        await pilot.press("1", "left")
        assert block_number(app) == 1
        await pilot.press("9", "right")
        assert block_number(app) == 9


async def test_hjkl_move_like_the_arrows(en_canvas: Path) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        screen = canvas(app)
        await pilot.press("2", "l")
        assert block_number(app) == 4
        await pilot.press("h")
        assert block_number(app) == 2
        await pilot.press("j")
        assert screen.pane(BlockId.KEY_ACTIVITIES).item_list.highlighted == 1
        await pilot.press("k", "k")
        # Up from the first item of a top pane: nothing above, the focus stays.
        assert block_number(app) == 2
        assert screen.pane(BlockId.KEY_ACTIVITIES).item_list.highlighted == 0


async def test_empty_panes_are_crossed_in_one_step(workdir: Path) -> None:
    app = create_app(None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "down")
        assert block_number(app) == 3
        await pilot.press("right", "right")
        assert block_number(app) == 5
        await pilot.press("down")
        assert block_number(app) == 6
        await pilot.press("down")
        assert block_number(app) == 9


async def test_zoom_shows_one_block_and_z_or_escape_return(en_canvas: Path) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        screen = canvas(app)
        await pilot.press("7", "z")
        await pilot.pause()
        # Zoom is a mode of the canvas screen: one pane fills the grid, the others hide.
        assert app.screen is screen
        assert screen.zoomed is BlockId.CUSTOMER_SEGMENTS
        zoomed = screen.pane(BlockId.CUSTOMER_SEGMENTS)
        assert zoomed.border_title == "7 Customer Segments"
        assert [pane.display for pane in screen.panes].count(True) == 1
        shown = "\n".join(text.plain for text in zoomed.item_list._texts)
        for item in screen.document.canvas.items(BlockId.CUSTOMER_SEGMENTS):
            assert item.text in shown
        await pilot.press("z")
        assert screen.zoomed is None
        assert block_number(app) == 7
        await pilot.press("z", "escape")
        assert screen.zoomed is None
        assert all(pane.display for pane in screen.panes)
        assert block_number(app) == 7


async def test_filter_marks_matches_and_escape_clears(en_canvas: Path) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        screen = canvas(app)
        # Escape in the filter bar clears what was typed and closes the bar.
        await pilot.press("/", *"zz")
        assert screen.filter_text == "zz"
        await pilot.press("escape")
        assert not screen.query("#filter")
        assert screen.filter_text == ""
        assert screen.current_pane is not None
        await pilot.press("/")
        bar = screen.query_one("#filter", Input)
        assert screen.focused is bar
        await pilot.press(*"oven")
        await pilot.pause()
        # Matching items are marked in every pane, the others are not.
        document = screen.document.canvas
        for block in BlockId:
            for item, shown in zip(document.items(block), option_texts(screen, block), strict=True):
                matches = "oven" in f"{item.text} {item.note}".casefold()
                assert shown.startswith("» ") == matches, (block, item.text)
        marked = {
            block
            for block in BlockId
            if any(line.startswith("» ") for line in option_texts(screen, block))
        }
        # (Key Activities matches by a note.)
        assert marked == {
            BlockId.KEY_PARTNERS,
            BlockId.KEY_ACTIVITIES,
            BlockId.KEY_RESOURCES,
            BlockId.COST_STRUCTURE,
        }
        # Enter goes to the first match (in block order).
        await pilot.press("enter")
        await pilot.pause()
        assert block_number(app) == 1
        selected = screen.selected_item()
        assert selected is not None
        first_match = next(
            item
            for item in document.items(BlockId.KEY_PARTNERS)
            if "oven" in f"{item.text} {item.note}".casefold()
        )
        assert selected == first_match
        # Escape on the list clears the filter too: no marks, no bar.
        await pilot.press("escape")
        await pilot.pause()
        assert not screen.query("#filter")
        assert screen.filter_text == ""
        for block in BlockId:
            assert not any(line.startswith("» ") for line in option_texts(screen, block))
        assert block_number(app) == 1


async def test_leaving_the_filter_bar_returns_to_the_block_you_were_on(en_canvas: Path) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5", "/", *"zz", "escape")
        await pilot.pause()
        assert block_number(app) == 5


async def test_enter_in_the_filter_goes_to_a_match_found_in_a_note(en_canvas: Path) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        screen = canvas(app)
        # "bench" is only in the note of the first Key Activities item.
        await pilot.press("5", "/", *"bench")
        await pilot.pause()
        assert option_texts(screen, BlockId.KEY_ACTIVITIES)[0].startswith("» ")
        await pilot.press("enter")
        await pilot.pause()
        assert block_number(app) == 2


async def test_g_shows_and_hides_the_questions(en_canvas: Path) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        screen = canvas(app)
        guide = screen.pane(BlockId.KEY_PARTNERS).query_one(".guide", Guide)
        assert not screen.has_class("-hide-guides")
        assert guide.display
        await pilot.press("g")
        assert screen.has_class("-hide-guides")
        assert not guide.display
        await pilot.press("g")
        assert not screen.has_class("-hide-guides")
        assert guide.display


async def test_help_opens_with_question_mark_or_f1_and_closes(en_canvas: Path) -> None:
    from bmc_tui.tui.screens.help_screen import HelpScreen

    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        screen = canvas(app)
        await pilot.press("3", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert top(app) is screen
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        assert top(app) is screen
        assert block_number(app) == 3


async def test_ctrl_p_opens_the_command_palette_with_canvas_commands(en_canvas: Path) -> None:
    from textual.command import CommandPalette

    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"block 9")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CanvasScreen)
        assert block_number(app) == 9


async def test_a_small_terminal_shows_a_message_instead_of_the_canvas(en_canvas: Path) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        screen = canvas(app)
        too_small = screen.query_one("#too-small", Static)
        body = screen.query_one("#body")
        assert not too_small.display
        assert body.display
        await pilot.resize_terminal(50, 15)
        await pilot.pause()
        assert too_small.display
        assert not body.display
        assert "too small" in str(too_small.content)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert not too_small.display
        assert body.display
        assert screen.pane(BlockId.KEY_PARTNERS).region.width > 0


async def test_a_terminal_resized_under_the_help_is_laid_out_anew_once_back(
    en_canvas: Path,
) -> None:
    # The canvas skips a Resize to the size it was last made for (as the editor starts,
    # three arrive at the first size): one that came while another screen was on top must
    # still reach it.
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        screen = canvas(app)
        assert not screen.has_class("-narrow")
        await pilot.press("question_mark")
        await pilot.pause()
        assert app.screen is not screen
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        assert screen.has_class("-narrow")
        assert screen.pane(BlockId.KEY_PARTNERS).region.width == 80 * 2 // 10
        await pilot.resize_terminal(*SIZE)
        await pilot.pause()
        assert not screen.has_class("-narrow")
        assert screen.pane(BlockId.KEY_PARTNERS).region.width == SIZE[0] * 2 // 10


async def test_the_focus_comes_back_when_the_canvas_shows_again(en_canvas: Path) -> None:
    # Hidden behind "too small", the focused list lost the focus: back at a usable size,
    # no key reached a pane and the key bar offered only save and quit.
    app = create_app(en_canvas)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = canvas(app)
        await pilot.press("4")
        await pilot.pause()
        await pilot.resize_terminal(40, 12)
        await pilot.pause()
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert screen.current_block.id == BlockId.VALUE_PROPOSITIONS
        await pilot.press("a", *"Typed while small")
        await pilot.resize_terminal(40, 12)
        await pilot.pause()
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.press(*" and more", "enter")
        await pilot.pause()
        texts = [item.text for item in screen.document.canvas.items(BlockId.VALUE_PROPOSITIONS)]
        assert "Typed while small and more" in texts


@pytest.mark.parametrize("key", ["q", "ctrl+q"])
async def test_quit_keys_work_from_the_too_small_message(en_canvas: Path, key: str) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=(50, 15)) as pilot:
        await pilot.pause()
        await pilot.press(key)
        await pilot.pause()
        assert app.return_code == 0


async def test_every_pane_title_is_readable_at_80x24(en_canvas: Path) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = canvas(app)
        assert screen.has_class("-narrow")
        for number in range(1, 10):
            block = BLOCKS_BY_NUMBER[number]
            title = screen.pane(block.id).query_one(".pane-title", TextLine)
            assert title.display
            shown = str(title.render())
            assert shown.startswith(f"{number} ")
            assert "…" not in shown, shown


@pytest.mark.parametrize("width", [60, 80, 93, 117, 120, 151, 200])
async def test_titles_are_chosen_for_the_width_the_grid_gives_before_it_gives_it(
    en_canvas: Path, width: int
) -> None:
    # Titles are picked before the first layout, from the width the grid will give each
    # pane, so the first frame over SSH is the finished one; a wrong guess would cost a
    # second frame to mend every title that changed.
    app = create_app(en_canvas)
    async with app.run_test(size=(width, 40)) as pilot:
        await pilot.pause()
        screen = canvas(app)
        for pane in screen.panes:
            assert pane.expected_width() == pane.size.width, pane.block.number


async def test_the_filter_bar_keeps_the_hint_of_the_block_it_was_opened_from(
    en_canvas: Path,
) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6", "slash")
        await pilot.pause()
        hint = canvas(app).query_one("#hint", TextLine)
        assert hint.render().plain.startswith("6 Channels:")
