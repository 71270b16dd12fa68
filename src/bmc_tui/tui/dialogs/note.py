"""Writing an item's note: free text over several lines."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.widgets import Static, TextArea

from bmc_tui.core.messages import say
from bmc_tui.core.model import clean_text, text_problem
from bmc_tui.tui.dialogs.base import Dialog
from bmc_tui.tui.keymap import Context, bindings
from bmc_tui.tui.language import ui_language


class NoteText(TextArea):
    """The note's text area, with the keymap's keys over TextArea's own (ctrl+a selects all,
    so a long note is replaced or cleared at once)."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(Context.NOTE_TEXT)


class NoteDialog(Dialog[str]):
    """Dismisses with the new note (``ctrl+s``), or ``None`` (escape) to keep the old one."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(Context.NOTE)

    def __init__(self, item_text: str, note: str, problem: str = "") -> None:
        super().__init__()
        self.item_text = item_text
        self.note = note
        #: Why the note given was refused (from $EDITOR), shown from the start.
        self.problem = problem

    def compose(self) -> ComposeResult:
        words = ui_language(self)
        with Vertical(classes="dialog-box dialog-wide"):
            title = say("dialog-note-title", words, item=self.item_text)
            yield Static(title, classes="dialog-title", markup=False)
            editor = NoteText(self.note, id="note-text", soft_wrap=True, show_line_numbers=False)
            editor.cursor_blink = False
            yield editor
            yield Static(self.problem, id="problem", classes="dialog-problem", markup=False)
            yield Static(say("dialog-note-help", words), classes="dialog-help")

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    def action_done(self) -> None:
        note = self.query_one(TextArea).text
        # Refused text stays here, with the model's reason and an offer to clean it.
        words = ui_language(self)
        problem = text_problem(note, multiline=True, language=words)
        if problem is None:
            self.dismiss(note)
            return
        offer = say("clean-offer", words)
        self.query_one("#problem", Static).update(f"{problem}\n{offer}")

    def action_clean(self) -> None:
        area = self.query_one(TextArea)
        area.load_text(clean_text(area.text, multiline=True))
        self.query_one("#problem", Static).update("")
