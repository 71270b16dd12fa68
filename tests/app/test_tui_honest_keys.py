"""Issue 13 (first half): every screen tells the truth about what its keys do right now.

The key bar shows the keys of what has the focus, keeps help and quit at every size the
editor runs at, and offers no editing key on a read-only canvas, where an editing key says
why it does nothing.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from textual.pilot import Pilot

from bmc_tui.core.locking import acquire
from bmc_tui.tui.app import BmcApp, create_app
from bmc_tui.tui.dialogs.choice import ChoiceDialog
from bmc_tui.tui.widgets.key_bar import KeyBar
from conftest import SIZE, canvas


def bar(app: BmcApp) -> str:
    """The key bar of the screen on top, as it reads."""
    return app.screen.query_one(KeyBar).render().plain


@pytest.mark.parametrize("size", [(60, 18), (80, 24), (120, 40)])
async def test_help_and_quit_are_on_the_key_bar_at_every_size(
    en_canvas: Path, size: tuple[int, int]
) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        line = bar(app)
        assert "Help" in line
        assert "Quit" in line
        assert line.count("Quit") == 1
        # The most wanted keys go last: adding and editing are there at every size.
        assert "Add" in line
        if size[0] >= 80:
            assert {"Undo", "Filter", "Save"} <= set(line.split())


async def test_a_dialog_shows_its_own_keys_not_the_canvas_keys(en_canvas: Path) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "t")
        await pilot.pause()
        line = bar(app)
        assert "Cancel" in line
        assert "Quit" in line
        assert "Add" not in line
        assert "Delete" not in line


async def test_the_help_screen_bar_says_back_to_canvas_once(en_canvas: Path) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert bar(app).count("Back to canvas") == 1


@asynccontextmanager
async def opened_read_only(path: Path) -> AsyncIterator[tuple[BmcApp, Pilot[None]]]:
    """The editor on ``path`` while another editor holds it, answered "open read-only"."""
    other = acquire(path)
    app = create_app(path)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, ChoiceDialog)
            await pilot.press("r")
            await pilot.pause()
            yield app, pilot
    finally:
        other.release()  # type: ignore[union-attr]


async def test_read_only_offers_no_editing_keys_and_refuses_them_in_words(
    en_canvas: Path,
) -> None:
    async with opened_read_only(en_canvas) as (app, pilot):
        assert canvas(app).read_only
        line = bar(app)
        for word in ("Add", "Delete", "Save", "Edit", "Undo"):
            assert word not in line.split(), word
        assert "Help" in line
        assert "Quit" in line
        for key in ("a", "d", "ctrl+s"):
            app.clear_notifications()
            await pilot.press(key)
            await pilot.pause()
            messages = [n.message for n in app._notifications]
            assert any("read-only" in message for message in messages), (key, messages)


async def test_help_scrolls_with_j_and_k_and_lists_q_once(en_canvas: Path) -> None:
    from rich.table import Table
    from textual.containers import VerticalScroll
    from textual.widgets import Static

    app = create_app(en_canvas)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        table = app.screen.query_one("#help-keys", Static).content
        assert isinstance(table, Table)
        cells = [str(cell).split(" / ") for cell in table.columns[0].cells]
        assert sum("q" in keys for keys in cells) == 1
        help_text = app.screen.query_one("#help", VerticalScroll)
        await pilot.press("j", "j", "j")
        await pilot.pause()
        assert help_text.scroll_y == 3
        await pilot.press("k")
        await pilot.pause()
        assert help_text.scroll_y == 2


def _header_file(app: BmcApp) -> str:
    from textual.widgets import Static

    return str(canvas(app).query_one("#header-file", Static).render())


def _hint(app: BmcApp) -> str:
    from bmc_tui.tui.widgets.guide import HintLine

    return canvas(app).query_one("#hint", HintLine).render().plain


async def test_g_hides_the_questions_visibly_at_80x24_and_through_a_resize(
    en_canvas: Path,
) -> None:
    from bmc_tui.core.catalogue import BLOCKS
    from bmc_tui.core.storage import load
    from bmc_tui.tui.widgets.guide import Guide

    # A block whose first item has no note: with a note, the hint previews it instead.
    example = load(en_canvas)
    block = next(b for b in BLOCKS if (i := example.items(b.id)) and not i[0].has_note)
    app = create_app(en_canvas)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(str(block.number))
        await pilot.pause()
        # At 80x24 the panes have no room for the questions: the hint line shows them.
        question = _hint(app).split(": ", 1)[1][:30]
        assert question.strip()
        assert "questions hidden" not in _header_file(app)
        await pilot.press("g")
        await pilot.pause()
        assert "questions hidden" in _header_file(app)
        assert question not in _hint(app)
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert "questions hidden" in _header_file(app)
        assert not any(guide.display and guide.region.height for guide in app.screen.query(Guide))
        await pilot.press("g")
        await pilot.pause()
        assert "questions hidden" not in _header_file(app)
        assert all(guide.region.height for guide in app.screen.query(Guide))


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 50)])
@pytest.mark.parametrize("key", ["a", "b", "e"])
async def test_the_editor_hint_fits_its_pane_whole(
    en_canvas: Path, size: tuple[int, int], key: str
) -> None:
    from rich.cells import cell_len

    from bmc_tui.tui.widgets.item_editor import ItemEditor

    app = create_app(en_canvas)
    async with app.run_test(size=size) as pilot:
        await pilot.press("2", key)
        await pilot.pause()
        editor = app.screen.query_one(ItemEditor)
        assert editor.placeholder
        assert cell_len(editor.placeholder) <= editor.content_size.width, editor.placeholder
        if size[0] >= 200 and key == "a":
            assert "escape" in editor.placeholder, "where there is room, the whole sentence"


async def _open_palette(app: BmcApp, pilot: object) -> list[str]:
    """Open the palette (ctrl+p) and wait until it lists its commands; their names."""
    from textual.command import CommandList

    await pilot.press("ctrl+p")  # type: ignore[attr-defined]
    command_list = app.screen.query_one(CommandList)
    for _ in range(50):
        await pilot.pause(0.02)  # type: ignore[attr-defined]
        if command_list.option_count:
            break
    return [
        str(command_list.get_option_at_index(i).prompt).split("\n")[0]
        for i in range(command_list.option_count)
    ]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_palette_offers_only_this_editors_commands_and_draws_every_entry(
    en_canvas: Path, size: tuple[int, int]
) -> None:
    from textual.command import CommandList, CommandPalette

    app = create_app(en_canvas)
    async with app.run_test(size=size) as pilot:
        names = await _open_palette(app, pilot)
        assert names.count("Quit") == 1
        for textual_own in ("Keys", "Maximize", "Screenshot", "Minimize"):
            assert textual_own not in names
        # Its key bar is its own: close and quit, not the canvas's keys.
        line = bar(app)
        assert "Close" in line
        assert "Quit" in line
        assert "Add" not in line
        command_list = app.screen.query_one(CommandList)
        for _ in range(4):
            await pilot.press("pagedown")
            await pilot.pause()
            for y in range(command_list.size.height):
                assert command_list.render_line(y).text.strip(), (y, command_list.scroll_y)
        for _ in range(4):
            await pilot.press("pageup")
            await pilot.pause()
            for y in range(command_list.size.height):
                assert command_list.render_line(y).text.strip(), (y, command_list.scroll_y)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, CommandPalette)


def _selected(app: BmcApp) -> tuple[str, int | None]:
    pane = canvas(app).current_pane
    assert pane is not None
    return pane.block.id.value, pane.item_list.highlighted


async def test_the_filter_counts_steps_with_n_and_says_when_nothing_matches(
    en_canvas: Path,
) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"bread")
        await pilot.pause()
        assert "4 matches" in _header_file(app)
        await pilot.press("enter")
        await pilot.pause()
        assert _selected(app) == ("key_activities", 4)
        await pilot.press("n")
        assert _selected(app) == ("value_propositions", 2)
        await pilot.press("n", "n")
        assert _selected(app) == ("customer_segments", 1)
        await pilot.press("n")
        assert _selected(app) == ("key_activities", 4), "round the canvas"
        await pilot.press("N")
        assert _selected(app) == ("customer_segments", 1)
        assert "Next match" in bar(app)
        assert not isinstance(app.screen, type(None))
        # The filter cleared, n is the note's key again.
        await pilot.press("escape")
        await pilot.pause()
        assert "matches" not in _header_file(app)
        assert "Next match" not in bar(app)
        app.clear_notifications()
        await pilot.press("slash", *"zzzz", "enter")
        await pilot.pause()
        assert "no matches" in _header_file(app)
        assert any("no matches" in n.message for n in app._notifications)


async def test_filter_matches_read_apart_from_the_selection_without_colour(
    en_canvas: Path,
) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"sourdough", "enter")
        await pilot.pause()
        items = canvas(app).current_pane.item_list  # type: ignore[union-attr]
        lines = [items.render_line(y) for y in range(items.size.height)]
        marked = [strip for strip in lines if strip.text.lstrip().startswith("»")]
        assert marked, "a match carries a sign, which needs no colour"
        for strip in marked:
            styles = [segment.style for segment in strip if segment.text.strip()]
            # Underlined, not reversed: reversed is the selection.
            assert any(style and style.underline for style in styles)
        # The rest is dimmed (the terminal draws dim even without colour), the matches not.
        # (A match's wrapped lines carry its underline but no sign.)
        rest = [
            strip
            for strip in lines
            if strip.text.strip()
            and not any(segment.style and segment.style.underline for segment in strip)
        ]
        assert rest
        assert all(any(segment.style and segment.style.dim for segment in strip) for strip in rest)
        words = [
            segment
            for strip in marked
            for segment in strip
            if any(character.isalpha() for character in segment.text)
        ]
        assert words
        assert not any(segment.style and segment.style.dim for segment in words)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_filter_bar_shows_its_own_keys(en_canvas: Path, size: tuple[int, int]) -> None:
    # While the filter bar has the focus, enter and escape are what a user needs to know.
    app = create_app(en_canvas)
    async with app.run_test(size=size) as pilot:
        await pilot.press("slash", *"bread")
        await pilot.pause()
        line = bar(app)
        assert "Go to matches" in line
        assert "Clear filter" in line
        assert "Quit" in line
        await pilot.press("escape")
        await pilot.pause()
        assert "matches" not in _header_file(app)
        assert not app.screen.query("#filter")
        line = bar(app)
        assert "Clear filter" not in line
        assert "Add" in line


async def test_the_filter_bar_speaks_danish(da_canvas: Path) -> None:
    app = create_app(da_canvas)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"cykel")
        await pilot.pause()
        line = bar(app)
        assert "Gå til fund" in line
        assert "Ryd filter" in line


@pytest.mark.parametrize(
    ("keys", "answer"),
    [
        (("1", "t"), "Keep"),  # tags: enter keeps
        (("1", "c"), "Choose"),  # category: enter chooses
        (("1", "s"), "Choose"),  # status
        (("1", "n"), "Keep note"),  # note: ctrl+s keeps
        (("i",), "Keep header"),
        (("1", "m"), "1-9 Move there"),  # move: a digit answers
    ],
)
async def test_every_item_dialog_shows_how_to_answer_it_and_how_to_back_out(
    en_canvas: Path, keys: tuple[str, ...], answer: str
) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*keys)
        await pilot.pause()
        line = bar(app)
        assert answer in line, line
        assert "Cancel" in line
        assert "Quit" in line


async def test_a_dialogs_answer_key_is_named_in_danish(da_canvas: Path) -> None:
    app = create_app(da_canvas)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "t")
        await pilot.pause()
        assert "⏎ Behold" in bar(app)
        await pilot.press("escape", "c")
        await pilot.pause()
        assert "⏎ Vælg" in bar(app)
        await pilot.press("escape", "m")
        await pilot.pause()
        assert "1-9 Flyt dertil" in bar(app)


async def test_the_palette_names_keys_as_the_help_does_not_by_textuals_names(
    en_canvas: Path,
) -> None:
    # "key question_mark" and "tast slash" are Textual's names, not what is on the keyboard.
    from bmc_tui.tui.commands import CanvasCommands

    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        keys = {name: key for name, _, key in CanvasCommands(app.screen)._commands()}
        assert keys["Help"] == "key ?"
        assert keys["Filter"] == "key /"
        assert keys["Move down"] == "key shift+↓"
        for key in keys.values():
            for textual_name in ("question_mark", "slash", "shift+down"):
                assert textual_name not in key


@pytest.mark.parametrize(
    ("language", "word"), [("en", "read-only"), ("da", "skrivebeskyttet")], ids=["en", "da"]
)
async def test_read_only_shows_in_the_header_and_every_editing_key_says_why(
    en_canvas: Path, da_canvas: Path, language: str, word: str
) -> None:
    # Every key of the keymap that changes the canvas, not only a, d and ctrl+s: each is
    # refused with a line naming the key's action, and the canvas stays as it was.
    from bmc_tui.core.messages import say
    from bmc_tui.tui.keymap import Context, keys_for

    path = en_canvas if language == "en" else da_canvas
    async with opened_read_only(path) as (app, pilot):
        screen = canvas(app)
        assert f"[{word}]" in _header_file(app)
        before = screen.document.canvas
        for row in keys_for(Context.ITEM_LIST, Context.CANVAS):
            if not (row.edits and row.bound):
                continue
            key = row.keys.split(",")[0]
            app.clear_notifications()
            await pilot.press(key)
            await pilot.pause()
            messages = [n.message for n in app._notifications]
            assert any(word in m for m in messages), (key, messages)
            assert any(row.description(language) in m for m in messages), (key, messages)  # type: ignore[arg-type]
            assert app.screen is screen, f"{key} opened something"
        assert screen.document.canvas == before
        assert say("key-add", language) not in bar(app)  # type: ignore[arg-type]


async def _run_from_palette(app: BmcApp, pilot: object, name: str) -> None:
    """Choose ``name`` in the palette as a user does: ctrl+p, type it, enter."""
    from textual.command import CommandList, CommandPalette

    await pilot.press("ctrl+p", *name)  # type: ignore[attr-defined]
    command_list = app.screen.query_one(CommandList)
    for _ in range(50):
        await pilot.pause(0.02)  # type: ignore[attr-defined]
        first = command_list.get_option_at_index(0) if command_list.option_count else None
        if first is not None and str(first.prompt).split("\n")[0] == name:
            break
    await pilot.press("enter")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    assert not isinstance(app.screen, CommandPalette)


async def test_every_palette_entry_does_what_it_says(en_canvas: Path) -> None:
    # The list's own keys (Down, Last item…) did nothing from the palette, and Next match
    # with no filter on did nothing and said nothing.
    from bmc_tui.tui.commands import CanvasCommands

    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await pilot.pause()
        assert _selected(app) == ("key_activities", 0)
        await _run_from_palette(app, pilot, "Down")
        assert _selected(app) == ("key_activities", 1)
        await _run_from_palette(app, pilot, "Last item")
        assert _selected(app) == ("key_activities", 4)
        names = [name for name, _, _ in CanvasCommands(app.screen)._commands()]
        assert "Next match" not in names
        await pilot.press("slash", *"bread", "enter")
        await pilot.pause()
        await _run_from_palette(app, pilot, "Next match")
        assert _selected(app) == ("value_propositions", 2)


async def test_an_edit_chosen_in_the_palette_of_a_read_only_canvas_says_why(
    en_canvas: Path,
) -> None:
    async with opened_read_only(en_canvas) as (app, pilot):
        before = canvas(app).document.canvas
        app.clear_notifications()
        await _run_from_palette(app, pilot, "Add")
        messages = [n.message for n in app._notifications]
        assert "Add: the canvas is open read-only" in messages, messages
        assert canvas(app).document.canvas == before


@pytest.mark.parametrize("language", ["en", "da"])
def test_the_help_names_the_editor_e_opens_in_the_order_it_looks(language: str) -> None:
    # E opens $VISUAL, then $EDITOR, then vi (as git does); its words said only $EDITOR.
    from bmc_tui.tui.keymap import KEYS_BY_ID

    row = KEYS_BY_ID["note-editor"]
    sentence = row.help(language)  # type: ignore[arg-type]
    assert sentence.index("$VISUAL") < sentence.index("$EDITOR") < sentence.index("vi")
    assert "$EDITOR" not in row.description(language)  # type: ignore[arg-type]
