"""Asking for a file name (save as)."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from bmc_tui.dialogs.base import Dialog


class PathPrompt(Dialog[Path]):
    def __init__(self, title: str, suggestion: Path) -> None:
        super().__init__()
        self.title_text = title
        self.suggestion = suggestion

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(self.title_text, classes="dialog-title")
            field = Input(str(self.suggestion), id="path", compact=True)
            field.cursor_blink = False
            yield field
            yield Static("enter saves · escape cancels", classes="dialog-help")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _done(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        if not value:
            self.notify("Type a file name", severity="warning")
            return
        path = Path(value).expanduser()
        if path.suffix != ".toml":
            path = path.with_name(path.name + ".toml")
        self.dismiss(path)
