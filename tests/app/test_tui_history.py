"""Undo and redo of every change (header edits included), and exact dirty tracking: back at the
saved canvas is "not modified", whatever path led there."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static

from bmc_tui.core import storage
from bmc_tui.core.catalogue import BlockId
from bmc_tui.tui.app import BmcApp, create_app
from bmc_tui.tui.dialogs.header_form import HeaderDialog
from bmc_tui.tui.screens.canvas_screen import CanvasScreen
from bmc_tui.tui.widgets.text_line import TextLine
from conftest import canvas, texts

SIZE = (120, 40)
COSTS = BlockId.COST_STRUCTURE


def header_file_text(app: BmcApp) -> str:
    """What the header line says about the file (its name, "[+] modified")."""
    return str(canvas(app).query_one("#header-file", Static).content)


async def test_undo_and_redo_walk_every_kind_of_change(en_canvas: Path) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        screen = canvas(app)
        document = screen.document
        original_costs = texts(app, COSTS)
        original_title = document.canvas.header.title
        assert "modified" not in header_file_text(app)

        # 1: add an item
        await pilot.press("8", "a", *"Tax", "enter")
        # 2: delete another one
        await pilot.press("down", "d")
        # 3: a header edit
        await pilot.press("i")
        assert isinstance(app.screen, HeaderDialog)
        await pilot.press(*"Loaves", "ctrl+s")
        await pilot.pause()
        after_costs = texts(app, COSTS)
        assert after_costs == [original_costs[0], "Tax", *original_costs[2:]]
        assert document.canvas.header.title == "Loaves"
        assert document.modified
        assert "[+] modified" in header_file_text(app)

        # Undo, both keys, all the way back: the saved state is not "modified".
        await pilot.press("u")
        assert document.canvas.header.title == original_title
        await pilot.press("ctrl+z")
        assert texts(app, COSTS) == [original_costs[0], "Tax", *original_costs[1:]]
        await pilot.press("u")
        assert texts(app, COSTS) == original_costs
        assert not document.modified
        assert "modified" not in header_file_text(app)
        await pilot.press("u")
        await pilot.pause()
        assert any("Nothing to undo" in n.message for n in app._notifications)

        # Redo, both keys.
        await pilot.press("ctrl+r", "ctrl+y")
        assert texts(app, COSTS) == after_costs
        assert document.canvas.header.title == original_title
        await pilot.press("ctrl+r")
        assert document.canvas.header.title == "Loaves"
        assert document.modified
        assert "[+] modified" in header_file_text(app)
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert any("Nothing to redo" in n.message for n in app._notifications)


async def test_a_new_change_after_undo_drops_the_redo_steps(en_canvas: Path) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        document = canvas(app).document
        await pilot.press("8", "d", "u")
        assert document.can_redo
        await pilot.press("J")
        assert not document.can_redo
        await pilot.press("ctrl+r")
        assert document.can_undo


async def test_modified_compares_with_what_was_last_saved(en_canvas: Path) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        document = canvas(app).document
        await pilot.press("8", "J", "ctrl+s")
        await pilot.pause()
        assert not document.modified
        assert "modified" not in header_file_text(app)
        saved = storage.load(en_canvas)
        assert saved == document.canvas
        # Undoing past the save leaves a canvas that differs from the file: modified.
        await pilot.press("u")
        assert document.modified
        assert "[+] modified" in header_file_text(app)
        # Redo comes back to the saved canvas: clean again.
        await pilot.press("ctrl+r")
        assert not document.modified
        assert "modified" not in header_file_text(app)


async def test_header_dialog_escape_changes_nothing(en_canvas: Path) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        document = canvas(app).document
        title = document.canvas.header.title
        await pilot.press("i")
        assert isinstance(app.screen, HeaderDialog)
        field = app.screen.query_one("#field-title", Input)
        assert field.value == title
        assert app.screen.focused is field
        await pilot.press(*"X", "escape")
        await pilot.pause()
        assert isinstance(app.screen, CanvasScreen)
        assert document.canvas.header.title == title
        assert not document.modified
        assert not document.can_undo


async def test_header_dialog_refuses_a_bad_date(en_canvas: Path) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        document = canvas(app).document
        await pilot.press("i")
        dialog = app.screen
        assert isinstance(dialog, HeaderDialog)
        dialog.set_focus(dialog.query_one("#field-date", Input))
        await pilot.press(*"soon", "ctrl+s")
        await pilot.pause()
        assert app.screen is dialog
        assert any("must be a date written year-month-day" in n.message for n in app._notifications)
        assert not document.modified


async def test_header_dialog_says_a_refused_title_in_plain_words(en_canvas: Path) -> None:
    """The notice names the field and the problem, without Pydantic's "Value error," prefix."""
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        dialog = app.screen
        assert isinstance(dialog, HeaderDialog)
        # A pasted bidi override: the model refuses it in any text.
        dialog.query_one("#field-title", Input).value = "Trojan\u202eSource"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog
        messages = [n.message for n in app._notifications]
        assert "title: contains the control character U+202E" in messages


async def test_language_switch_renames_the_panes_and_is_undoable(en_canvas: Path) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        screen = canvas(app)
        partners = screen.pane(BlockId.KEY_PARTNERS)
        assert partners.border_title == "1 Key Partners"
        screen.set_language("da")
        await pilot.pause()
        assert partners.border_title == "1 Nøglepartnere"
        assert screen.pane(BlockId.REVENUE_STREAMS).border_title == "9 Indtægter"
        assert "Nøglepartnere" in str(screen.query_one("#hint", TextLine).render())
        assert screen.document.modified
        await pilot.press("u")
        assert partners.border_title == "1 Key Partners"
        assert not screen.document.modified
