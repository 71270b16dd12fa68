"""Shown instead of the canvas when a file cannot be opened: the problem, and a way on."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Static

from bmc_tui.core.messages import say
from bmc_tui.tui.keymap import Context, bindings
from bmc_tui.tui.language import ui_language
from bmc_tui.tui.widgets.key_bar import KeyBar


class LoadErrorScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = bindings(Context.LOAD_ERROR)

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message

    def compose(self) -> ComposeResult:
        language = ui_language(self)
        with Vertical(classes="dialog-box", id="load-error"):
            yield Static(say("load-error-title", language), classes="dialog-title")
            yield Static(self.message, markup=False, id="load-error-message")
            yield Static(say("load-error-help", language), classes="dialog-help")
        yield KeyBar()

    def action_open(self) -> None:
        from pathlib import Path

        from bmc_tui.tui.dialogs.open_canvas import OpenCanvasDialog

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.app.call_later(self.app.open_canvas, path)  # type: ignore[attr-defined]

        self.app.push_screen(OpenCanvasDialog([Path.cwd()]), chosen)

    def action_new(self) -> None:
        self.app.new_canvas()  # type: ignore[attr-defined]
