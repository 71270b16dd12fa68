"""Issue 13 (second half): zoom is a place to work, a note shows more than its ✎, a move says
what it left out, undo says what it undid, conflicts are found and resolved, and dialogs name
the item they act on."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from bmc_tui.core import storage
from bmc_tui.core.catalogue import BlockId
from bmc_tui.core.merging import merge
from bmc_tui.core.model import CONFLICT_TAG
from bmc_tui.tui.app import BmcApp, create_app
from bmc_tui.tui.dialogs.category import CategoryDialog
from bmc_tui.tui.dialogs.choice import ChoiceDialog
from bmc_tui.tui.dialogs.move_to_block import MoveToBlockDialog
from bmc_tui.tui.dialogs.tags import TagsDialog
from bmc_tui.tui.widgets.guide import HintLine
from conftest import SIZE, canvas, texts

KP = BlockId.KEY_PARTNERS
KA = BlockId.KEY_ACTIVITIES


def notices(app: BmcApp) -> list[str]:
    return [n.message for n in app._notifications]


def dialog_text(app: BmcApp) -> str:
    return "\n".join(str(s.content) for s in app.screen.query(Static))


async def test_zoom_is_a_full_editing_view_with_notes_whole(en_canvas: Path) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        screen = canvas(app)
        await pilot.press("1", "z")
        await pilot.pause()
        pane = screen.pane(KP)
        first = screen.document.canvas.items(KP)[0]
        drawn = pane.item_list._texts[0].plain
        # The whole note, every line of it, under its item.
        for line in first.note.splitlines():
            assert line.strip() in drawn
        hint = screen.query_one("#hint", HintLine).render().plain
        assert "every item key works here" in hint
        # Item keys work in zoom: add, edit, reorder, delete, undo, tags.
        await pilot.press("end", "a", *"Flour", "enter")
        assert texts(app, KP)[-1] == "Flour"
        await pilot.press("e", "ctrl+u", *"Rye flour", "enter")
        assert texts(app, KP)[-1] == "Rye flour"
        await pilot.press("K")
        assert texts(app, KP)[-2] == "Rye flour"
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, TagsDialog)
        await pilot.press(*"grain", "enter")
        await pilot.pause()
        item = screen.document.canvas.items(KP)[-2]
        assert item.tags == ("grain",)
        await pilot.press("d")
        assert "Rye flour" not in texts(app, KP)
        await pilot.press("u")
        assert "Rye flour" in texts(app, KP)
        assert screen.zoomed is KP
        await pilot.press("escape")
        assert screen.zoomed is None


async def test_the_selected_items_note_is_previewed(en_canvas: Path) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        screen = canvas(app)
        await pilot.press("1")
        await pilot.pause()
        hint = screen.query_one("#hint", HintLine)
        assert "Stoneground flour from wheat" in hint.render().plain
        await pilot.press("down")  # the dairy co-op: no note
        await pilot.pause()
        assert "Stoneground" not in hint.render().plain
        await pilot.press("down")
        await pilot.pause()
        assert "Paid per drop" in hint.render().plain


async def test_a_move_says_which_category_it_left_out_and_undo_brings_it_back(
    en_canvas: Path,
) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        screen = canvas(app)
        item_id = screen.document.canvas.items(KP)[0].id
        await pilot.press("1", "m")
        await pilot.pause()
        assert isinstance(app.screen, MoveToBlockDialog)
        shown = dialog_text(app)
        assert "Heritage-grain mill in the Borders" in shown
        assert "1–9 moves" in shown
        assert "escape cancels" in shown
        await pilot.press("2")
        await pilot.pause()
        assert screen.document.canvas.find(item_id) is not None
        moved = screen.document.canvas.items(KA)[-1]
        assert moved.id == item_id
        assert moved.category is None
        assert any("Acquisition" in n and "left out" in n for n in notices(app))
        await pilot.press("u")
        await pilot.pause()
        assert screen.document.canvas.items(KP)[0].category == "acquisition"
        assert screen.current_block.id is KP
        assert screen.pane(KP).item_list.selected_id == item_id
        assert any(n == "Undone: move item to another block" for n in notices(app))


async def test_undo_and_redo_say_what_and_select_it(en_canvas: Path) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        screen = canvas(app)
        await pilot.press("1", "down")
        deleted = screen.pane(KP).item_list.selected_id
        await pilot.press("d", "3")
        assert screen.current_block.id is not KP
        await pilot.press("u")
        await pilot.pause()
        assert screen.current_block.id is KP
        assert screen.pane(KP).item_list.selected_id == deleted
        assert "Undone: delete item" in notices(app)
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert "Redone: delete item" in notices(app)


async def test_undo_speaks_danish_on_a_danish_canvas(da_canvas: Path) -> None:
    app = create_app(da_canvas)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "d", "u")
        await pilot.pause()
        assert "Fortrudt: slet punkt" in notices(app)


def conflicted(path: Path) -> None:
    """Make ``path`` a merged canvas with one text conflict on its first key partner."""
    base = storage.load(path)
    first = base.items(KP)[0]
    ours = base.with_item_replaced(KP, 0, first.model_copy(update={"text": "Ours mill"}))
    theirs = base.with_item_replaced(KP, 0, first.model_copy(update={"text": "Theirs mill"}))
    storage.save(merge(base, ours, theirs).canvas, path)


async def test_conflicts_are_counted_on_open_and_resolved_under_the_original_id(
    en_canvas: Path,
) -> None:
    conflicted(en_canvas)
    original = storage.load(en_canvas).items(KP)[0].id
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert any("has 1 merge conflict to resolve" in n for n in notices(app)), notices(app)
        screen = canvas(app)
        await pilot.press("1", "down")  # theirs' copy: resolving works from either
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        shown = dialog_text(app)
        assert "Theirs mill" in shown
        assert "Ours mill" in shown
        await pilot.press("t")
        await pilot.pause()
        items = screen.document.canvas.items(KP)
        assert (items[0].id, items[0].text) == (original, "Theirs mill")
        assert CONFLICT_TAG not in items[0].tags
        assert "Ours mill" not in texts(app, KP)
        assert screen.pane(KP).item_list.selected_id == original
        await pilot.press("u")
        assert texts(app, KP)[:2] == ["Ours mill", "Theirs mill"]


async def test_resolve_on_an_item_without_conflict_says_so(en_canvas: Path) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "r")
        await pilot.pause()
        assert "This item has no merge conflict to resolve." in notices(app)


async def test_tags_and_category_dialogs_name_their_item_and_keys(en_canvas: Path) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "t")
        await pilot.pause()
        assert isinstance(app.screen, TagsDialog)
        shown = dialog_text(app)
        assert "Heritage-grain mill in the Borders" in shown
        assert "enter keeps" in shown
        assert "escape cancels" in shown
        # A bad tag keeps the dialog open with what was typed.
        await pilot.press("ctrl+u", *"no/slash", "enter")
        await pilot.pause()
        assert isinstance(app.screen, TagsDialog)
        # What was typed is still there, and the reason is given in words.
        from textual.widgets import Input

        assert app.screen.query_one("#tags", Input).value == "no/slash"
        assert "must be one word" in str(app.screen.query_one("#problem", Static).content)
        await pilot.press("escape", "c")
        await pilot.pause()
        assert isinstance(app.screen, CategoryDialog)
        shown = dialog_text(app)
        assert "Heritage-grain mill in the Borders" in shown
        assert "escape cancels" in shown


async def test_e_edits_on_the_items_own_line(en_canvas: Path) -> None:
    from bmc_tui.tui.widgets.item_editor import ItemEditor

    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        screen = canvas(app)
        await pilot.press("1", "down", "e")
        await pilot.pause()
        editor = screen.query_one(ItemEditor)
        items = screen.pane(KP).item_list
        assert items.highlighted == 1
        row = items.region.y + items._item_region(1).y - round(items.scroll_y)
        # On the selected item's row, not at the foot of the pane.
        assert editor.region.y == row
        assert editor.value == texts(app, KP)[1]
        await pilot.press("ctrl+u", *"Dairy", "enter")
        assert texts(app, KP)[1] == "Dairy"


async def test_the_header_dialog_keeps_a_refused_date_with_the_reason_in_view(
    en_canvas: Path,
) -> None:
    from textual.widgets import Input

    from bmc_tui.tui.dialogs.header_form import HeaderDialog

    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, HeaderDialog)
        dialog.set_focus(dialog.query_one("#field-date", Input))
        await pilot.press("ctrl+u", *"soon", "ctrl+s")
        await pilot.pause()
        assert app.screen is dialog
        assert dialog.query_one("#field-date", Input).value == "soon"
        assert "year-month-day" in str(dialog.query_one("#problem", Static).content)


def test_a_note_drawn_whole_breaks_into_lines_without_stray_newlines() -> None:
    from rich.text import Text

    from bmc_tui.core.wrapping import split_lines, wrap_offsets

    text = Text("Mill\n    Stoneground flour.\n    A pallet for us.")
    lines = split_lines(text, wrap_offsets(text.plain, 40), 40)
    assert [line.plain.strip() for line in lines] == [
        "Mill",
        "Stoneground flour.",
        "A pallet for us.",
    ]
    assert not any("\n" in line.plain for line in lines)


async def test_a_long_note_is_previewed_by_its_first_words_at_80x24(en_canvas: Path) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        await pilot.pause()
        hint = canvas(app).query_one("#hint", HintLine).render().plain
        assert "Note: Stoneground flour from wheat" in hint
        assert "never stops the ovens" in hint


async def test_resolve_conflict_is_offered_in_the_palette(en_canvas: Path) -> None:
    from bmc_tui.tui.commands import CanvasCommands

    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        names = [name for name, _, _ in CanvasCommands(app.screen)._commands()]
        assert "Resolve conflict" in names


# --- sign-off of issue 13: a note cleared in two keys, a filter bar that shows its keys -----


async def test_the_note_editor_selects_all_so_a_note_clears_in_two_keys(en_canvas: Path) -> None:
    # Clearing a long conflict note took ~160 backspaces: ctrl+a selects it all, the next
    # key replaces it, and the dialog's key bar and help line say so.
    from bmc_tui.tui.dialogs.note import NoteDialog
    from bmc_tui.tui.widgets.key_bar import KeyBar

    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        screen = canvas(app)
        assert screen.document.canvas.items(KP)[0].note
        await pilot.press("1", "n")
        await pilot.pause()
        assert isinstance(app.screen, NoteDialog)
        assert "Select all" in app.screen.query_one(KeyBar).render().plain
        assert "ctrl+a selects all" in dialog_text(app)
        await pilot.press("ctrl+a", "backspace", "ctrl+s")
        await pilot.pause()
        assert screen.document.canvas.items(KP)[0].note == ""
        # Typed over a selection, the text replaces it.
        await pilot.press("down", "down", "n")
        await pilot.pause()
        await pilot.press("ctrl+a", *"Per drop", "ctrl+s")
        await pilot.pause()
        assert screen.document.canvas.items(KP)[2].note == "Per drop"


async def test_the_note_editor_says_select_all_in_danish(da_canvas: Path) -> None:
    from bmc_tui.tui.widgets.key_bar import KeyBar

    app = create_app(da_canvas)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "n")
        await pilot.pause()
        line = app.screen.query_one(KeyBar).render().plain
        assert "Vælg alt" in line
        assert "ctrl+a vælger alt" in dialog_text(app)
