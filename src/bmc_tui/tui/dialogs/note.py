"""Writing an item's note: free text over several lines."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.widgets import Static, TextArea

from bmc_tui.tui.dialogs.base import Dialog
from bmc_tui.tui.keymap import Context, bindings


class NoteDialog(Dialog[str]):
    """Dismisses with the new note (``ctrl+s``), or ``None`` (escape) to keep the old one."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(Context.NOTE)

    def __init__(self, item_text: str, note: str) -> None:
        super().__init__()
        self.item_text = item_text
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box dialog-wide"):
            yield Static(f"Note for: {self.item_text}", classes="dialog-title", markup=False)
            editor = TextArea(self.note, id="note-text", soft_wrap=True, show_line_numbers=False)
            editor.cursor_blink = False
            yield editor
            yield Static("ctrl+s keeps the note · escape cancels", classes="dialog-help")

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    def action_done(self) -> None:
        self.dismiss(self.query_one(TextArea).text)
