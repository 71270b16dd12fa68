"""Asking for one line of text: a file name to save as, a revision to compare with."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from bmc_tui.core.messages import say
from bmc_tui.tui.dialogs.base import Dialog
from bmc_tui.tui.language import ui_language
from bmc_tui.tui.widgets.ordered_input import OrderedInput


class TextPrompt(Dialog[str]):
    """Dismisses with the stripped text (never empty), or ``None`` on escape."""

    REWORDS = False  # its words are the asker's

    def __init__(self, title: str, value: str, help_text: str) -> None:
        super().__init__()
        self.title_text = title
        self.value = value
        self.help_text = help_text

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(self.title_text, classes="dialog-title", markup=False)
            field = OrderedInput(self.value, id="prompt", compact=True)
            field.cursor_blink = False
            yield field
            yield Static(self.help_text, classes="dialog-help", markup=False)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _done(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        if value:
            self.dismiss(value)
        else:
            self.notify(say("dialog-prompt-empty", ui_language(self)), severity="warning")
