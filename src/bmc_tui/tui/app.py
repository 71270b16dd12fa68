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

from textual import work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen

from bmc_tui.core.catalogue import Language
from bmc_tui.core.messages import say
from bmc_tui.core.session import CanvasSession, LockOutcome, OpenFailed, orphaned_untitled
from bmc_tui.tui.commands import CanvasCommands
from bmc_tui.tui.dialogs.recover_untitled import RecoverUntitledDialog
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

    @property
    def default_folder(self) -> Path | None:
        folder = Path.cwd() / "canvases"
        return folder if folder.is_dir() else None

    def on_mount(self) -> None:
        self._install_signal_handlers()
        if self._start_notice:
            self.notify(self._start_notice, timeout=4)
        if self.start_path is None:
            self._offer_untitled_recoveries()

    def get_default_screen(self) -> Screen[Any]:
        # The canvas is the first screen itself, not pushed over a blank one: one frame
        # fewer to draw (and send over SSH) at start-up.
        return self._screen_for(self.start_path)

    def _screen_for(self, path: Path | None) -> Screen[Any]:
        """A screen for ``path`` (untitled when None), through the canvas session."""
        self._start_notice = ""
        if path is None:
            return self._canvas_screen(CanvasSession.untitled(self.language))
        opened = CanvasSession.open(path, self.language)
        if isinstance(opened, OpenFailed):
            return LoadErrorScreen(opened.message)
        if opened.new_file:
            self._start_notice = say("session-new-file", self.language, path=path)
        return self._canvas_screen(opened.session, opened.lock)

    def _canvas_screen(self, session: CanvasSession, opening: LockOutcome = None) -> CanvasScreen:
        return CanvasScreen(session, opening=opening, default_folder=self.default_folder)

    def _replace_screen_with(self, screen: Screen[Any]) -> None:
        # The first screen is the default screen, which Textual cannot switch away from; it
        # stays below, closed (its canvas was closed before this), and never shown again.
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def new_canvas(self, path: Path | None = None) -> None:
        self.open_canvas(path)

    def open_canvas(self, path: Path | None) -> None:
        self._replace_screen_with(self._screen_for(path))
        if self._start_notice:
            self.notify(self._start_notice, timeout=4)

    @work(exclusive=True, group="recover")
    async def _offer_untitled_recoveries(self) -> None:
        """Started with no file: offer the canvases that were never saved and whose editor
        has gone (a dropped connection before the first save)."""
        found = orphaned_untitled()
        screen = self.canvas_screen
        if not found or screen is None:
            return
        chosen = await self.push_screen_wait(RecoverUntitledDialog(found, self.language))
        if chosen is None or self.canvas_screen is not screen or screen.document.modified:
            return
        screen.close_canvas(discard=True)
        self._replace_screen_with(self._canvas_screen(CanvasSession.adopt(chosen)))
        when = chosen.written.astimezone().strftime("%Y-%m-%d %H:%M")
        self.notify(say("session-untitled-restored", self.language, when=when), timeout=5)

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
