"""The application shell: one factory for the command line and the tests alike.

The App only holds what the whole program shares (the stylesheet, global keys, the command
palette, which canvas is open); everything a canvas does lives in ``CanvasScreen``.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import work
from textual.app import App
from textual.binding import BindingType
from textual.command import CommandPalette
from textual.screen import Screen
from textual.theme import ThemeProvider

from bmc_tui.core.catalogue import Language
from bmc_tui.core.document import CanvasDocument
from bmc_tui.core.interface_language import interface_language, pinned_language
from bmc_tui.core.messages import say
from bmc_tui.core.model import Header
from bmc_tui.core.safekeeping import Safekeeping
from bmc_tui.core.storage import CanvasError
from bmc_tui.tui.commands import CanvasCommands, system_commands
from bmc_tui.tui.keymap import Context, bindings
from bmc_tui.tui.screens.canvas_screen import CanvasScreen
from bmc_tui.tui.screens.load_error import LoadErrorScreen

if TYPE_CHECKING:
    from collections.abc import Iterable

    from textual.app import SystemCommand


class BmcApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "bmc-tui"
    COMMANDS = App.COMMANDS | {CanvasCommands}
    BINDINGS: ClassVar[list[BindingType]] = bindings(Context.APP)

    def __init__(
        self, path: Path | None, language: Language = "en", ui_language: str | None = None
    ) -> None:
        super().__init__()
        self.start_path = path
        #: The language of a new canvas.
        self.language = language
        #: The interface language a setting pins (``--ui-lang``, ``BMC_TUI_LANG``, the
        #: palette), or None to follow the open canvas.
        self.pinned_language = pinned_language(ui_language)
        self._start_notice = ""
        self.theme = "textual-dark"

    @property
    def interface_language(self) -> Language:
        """The language the key bar, help, palette and notices speak."""
        screen = self.canvas_screen
        return interface_language(
            screen.language if screen else self.language, self.pinned_language
        )

    def pin_language(self, language: Language | None) -> None:
        """Pin the interface language (None: follow the canvas again) and redraw the words."""
        self.pinned_language = language
        if (screen := self.canvas_screen) is not None:
            screen.refresh_all()  # the panes' own words ("removed")
            screen.refresh_chrome()

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        return system_commands(self, self.interface_language)

    def action_command_palette(self) -> None:
        # Textual's own, but with the search field's placeholder in the interface language.
        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            placeholder = say("palette-placeholder", self.interface_language)
            self.push_screen(CommandPalette(id="--command-palette", placeholder=placeholder))

    def search_themes(self) -> None:
        placeholder = say("palette-theme-placeholder", self.interface_language)
        self.push_screen(CommandPalette(providers=[ThemeProvider], placeholder=placeholder))

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


def create_app(
    path: Path | None = None, language: Language = "en", ui_language: str | None = None
) -> BmcApp:
    return BmcApp(path, language, ui_language)


def run_editor(
    path: Path | None, *, language: Language = "en", ui_language: str | None = None
) -> None:
    create_app(path, language, ui_language).run()
