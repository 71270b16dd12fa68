"""The application shell: one factory for the command line and the tests alike.

The App only holds what the whole program shares (the stylesheet, global keys, the command
palette, which canvas is open); everything a canvas does lives in ``CanvasScreen``.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
from pathlib import Path
from typing import Any, ClassVar

from textual import events, work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen

from bmc_tui.core.catalogue import Language
from bmc_tui.core.document import CanvasDocument
from bmc_tui.core.model import Header
from bmc_tui.core.safekeeping import Safekeeping
from bmc_tui.core.storage import CanvasError
from bmc_tui.tui.commands import CanvasCommands
from bmc_tui.tui.key_gate import KeyGate
from bmc_tui.tui.screens.canvas_screen import CanvasScreen
from bmc_tui.tui.screens.load_error import LoadErrorScreen


class BmcApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "bmc-tui"
    COMMANDS = App.COMMANDS | {CanvasCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="app-quit"),
    ]

    def __init__(self, path: Path | None, language: Language = "en") -> None:
        super().__init__()
        self.start_path = path
        self.language = language
        self._start_notice = ""
        self.theme = "textual-dark"
        self.key_gate = KeyGate(self, super().on_event)

    async def on_event(self, event: events.Event) -> None:
        # Typed keys and pastes take their turn through the gate: none acts before the text
        # entry or dialog it follows has settled (see key_gate).
        if not await self.key_gate.receive(event):
            await super().on_event(event)

    @property
    def default_folder(self) -> Path | None:
        folder = Path.cwd() / "canvases"
        return folder if folder.is_dir() else None

    def on_mount(self) -> None:
        self._install_signal_handlers()
        if self._start_notice:
            self.notify(self._start_notice, timeout=4)

    def get_default_screen(self) -> Screen[Any]:
        # The canvas is the first screen itself, not pushed over a blank one: one frame
        # fewer to draw (and send over SSH) at start-up.
        return self._screen_for(self.start_path)

    def _screen_for(self, path: Path | None) -> Screen[Any]:
        self._start_notice = ""
        if path is None:
            return self._canvas_screen(CanvasDocument.new(None, Header(language=self.language)))
        if not path.exists() and not path.is_symlink():
            self._start_notice = f"{path} does not exist yet; it is written on the first save"
            return self._canvas_screen(CanvasDocument.new(path, Header(language=self.language)))
        try:
            return self._canvas_screen(CanvasDocument.open(path))
        except CanvasError as error:
            return LoadErrorScreen(str(error))

    def _canvas_screen(self, document: CanvasDocument) -> CanvasScreen:
        return CanvasScreen(
            document,
            default_folder=self.default_folder,
            safekeeping=Safekeeping(document.path),
        )

    def _replace_screen_with(self, screen: Screen[Any]) -> None:
        # The first screen is the default screen, which Textual cannot switch away from; it
        # stays below, closed (its canvas was closed before this), and never shown again.
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def new_canvas(self, path: Path | None = None) -> None:
        document = CanvasDocument.new(path, Header(language=self.language))
        self._replace_screen_with(self._canvas_screen(document))

    def open_canvas(self, path: Path) -> None:
        self._replace_screen_with(self._screen_for(path))
        if self._start_notice:
            self.notify(self._start_notice, timeout=4)

    @property
    def canvas_screen(self) -> CanvasScreen | None:
        for screen in reversed(self.screen_stack):
            if isinstance(screen, CanvasScreen):
                return screen
        return None

    async def action_quit(self) -> None:
        """Quit, asking Save / Discard / Cancel when the canvas has unsaved changes."""
        self._quit_when_confirmed()

    @work(exclusive=True, group="quit")
    async def _quit_when_confirmed(self) -> None:
        # A worker, because the question waits for an answer on a dialog of its own.
        screen = self.canvas_screen
        if screen is None or await screen.confirm_close():
            self.exit()

    def on_app_focus(self) -> None:
        # Back from another window (where a git pull may have happened): look at the file.
        if (screen := self.canvas_screen) is not None:
            screen.check_disk()

    def _install_signal_handlers(self) -> None:
        """A dropped SSH connection (SIGHUP) or a kill (SIGTERM) keeps unsaved work.

        The recovery file is written at once, before anything touches the terminal that
        may no longer be there; only then does the app shut down.
        """
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop = asyncio.get_running_loop()
            for number in (signal.SIGHUP, signal.SIGTERM):
                loop.add_signal_handler(number, self._stop_for_signal, number)

    def _stop_for_signal(self, number: int) -> None:
        if (screen := self.canvas_screen) is not None:
            screen.close_canvas(discard=False)
        self.exit(return_code=128 + number)


def create_app(path: Path | None = None, language: Language = "en") -> BmcApp:
    return BmcApp(path, language)


def run_editor(path: Path | None, *, language: Language = "en") -> None:
    create_app(path, language).run()
