"""The application shell: one factory for the command line and the tests alike.

The App only holds what the whole program shares (the stylesheet, global keys, the command
palette, which canvas is open); everything a canvas does lives in ``CanvasScreen``.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import constants, events, work
from textual.app import App
from textual.binding import BindingType
from textual.command import CommandPalette
from textual.driver import Driver
from textual.screen import Screen
from textual.theme import ThemeProvider

from bmc_tui.core.catalogue import Language
from bmc_tui.core.interface_language import interface_language, pinned_language
from bmc_tui.core.messages import say
from bmc_tui.core.session import CanvasSession, LockOutcome, OpenFailed, orphaned_untitled
from bmc_tui.core.textsafe import shown_path
from bmc_tui.tui.commands import CanvasCommands, Palette, system_commands
from bmc_tui.tui.dialogs.recover_untitled import RecoverUntitledDialog
from bmc_tui.tui.driver import TerminalDriver
from bmc_tui.tui.ending import Ending
from bmc_tui.tui.key_gate import KeyGate
from bmc_tui.tui.keymap import Context, bindings
from bmc_tui.tui.language import core_speaks_for
from bmc_tui.tui.screens.canvas_screen import CanvasScreen
from bmc_tui.tui.screens.load_error import LoadErrorScreen
from bmc_tui.tui.terminal_image import send_changes
from bmc_tui.tui.timer_guard import guard_timers

if TYPE_CHECKING:
    from collections.abc import Iterable

    from rich.console import RenderableType
    from textual.app import SystemCommand


class BmcApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "bmc-tui"
    COMMANDS = App.COMMANDS | {CanvasCommands}
    BINDINGS: ClassVar[list[BindingType]] = bindings(Context.APP)

    def __init__(
        self,
        path: Path | None,
        language: Language = "en",
        ui_language: str | None = None,
        *,
        guide: bool = False,
    ) -> None:
        guard_timers()  # before any timer: one due in the past must not freeze the editor
        super().__init__()
        self.start_path = path
        #: Start the guided session on the first canvas (``bmc-tui guide FILE``).
        self.start_guide = guide
        #: The language of a new canvas.
        self.language = language
        #: The interface language a setting pins (``--ui-lang``, ``BMC_TUI_LANG``, the
        #: palette), or None to follow the open canvas.
        self.pinned_language = pinned_language(ui_language)
        self._start_notice = ""
        self.theme = "textual-dark"
        self._ending: Ending | None = None
        # Set once a quit was confirmed: the canvas was kept, saved or discarded as asked,
        # and a signal during the shutdown must not keep it again.
        self._canvas_closed = False
        self.key_gate = KeyGate(self, super().on_event)

    async def on_event(self, event: events.Event) -> None:
        # Typed keys and pastes take their turn through the gate: none acts before the text
        # entry or dialog it follows has settled (see key_gate).
        if not await self.key_gate.receive(event):
            await super().on_event(event)

    def _display(self, screen: Screen[Any], renderable: RenderableType | None) -> None:
        # Only the cells that changed go to the terminal (see tui/terminal_image.py).
        driver = self._driver
        if not (
            isinstance(driver, TerminalDriver) and send_changes(self, driver.image, renderable)
        ):
            super()._display(screen, renderable)

    def action_redraw(self) -> None:
        """Draw every cell again: what the terminal shows is no longer what was sent."""
        driver = self._driver
        if isinstance(driver, TerminalDriver):
            driver.image.forget()
        self.screen.refresh()

    def get_driver_class(self) -> type[Driver]:
        # Textual's LinuxDriver, made safe for a terminal that vanishes (see tui/driver.py);
        # elsewhere (Windows, or a driver named in TEXTUAL_DRIVER) Textual's own choice.
        if sys.platform == "win32" or constants.DRIVER is not None:
            return super().get_driver_class()
        return TerminalDriver

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
            self.push_screen(Palette(id="--command-palette", placeholder=placeholder))

    def action_help_quit(self) -> None:
        """ctrl+c does not quit (it copies in a text field): say which key does, as Textual
        does, in the interface language."""
        for active in self.active_bindings.values():
            if active.binding.action in ("quit", "app.quit"):
                words = self.interface_language
                message = say("help-quit", words, key=self.get_key_display(active.binding))
                self.notify(message, title=say("help-quit-title", words), markup=False)
                return

    def search_themes(self) -> None:
        placeholder = say("palette-theme-placeholder", self.interface_language)
        self.push_screen(Palette(providers=[ThemeProvider], placeholder=placeholder))

    @property
    def default_folder(self) -> Path | None:
        folder = Path.cwd() / "canvases"
        return folder if folder.is_dir() else None

    def on_load(self) -> None:
        # The core words its errors (a save that fails) in this editor's language now.
        core_speaks_for(self)

    def on_unmount(self) -> None:
        core_speaks_for(None)

    def on_mount(self) -> None:
        if self._start_notice:
            self.notify(self._start_notice, timeout=4)
        if self.start_path is None:
            self._offer_untitled_recoveries()

    def get_default_screen(self) -> Screen[Any]:
        # The canvas is the first screen itself, not pushed over a blank one: one frame
        # fewer to draw (and send over SSH) at start-up.
        # Armed first: opening the canvas takes its lock, and a hang-up or kill from then on
        # must release it (Textual asks for this screen once its driver and loop run, well
        # before the app is mounted; a signal in between ended the editor with the lock left).
        self._arm_ending()
        return self._screen_for(self.start_path, guide=self.start_guide)

    def _screen_for(self, path: Path | None, *, guide: bool = False) -> Screen[Any]:
        """A screen for ``path`` (untitled when None), through the canvas session."""
        self._start_notice = ""
        if path is None:
            return self._canvas_screen(CanvasSession.untitled(self.language), guide=guide)
        opened = CanvasSession.open(path, self.language)
        if isinstance(opened, OpenFailed):
            return LoadErrorScreen(opened.message)
        if opened.new_file:
            self._start_notice = say("session-new-file", self.language, path=shown_path(path))
        return self._canvas_screen(opened.session, opened.lock, guide=guide)

    def _canvas_screen(
        self, session: CanvasSession, opening: LockOutcome = None, *, guide: bool = False
    ) -> CanvasScreen:
        return CanvasScreen(
            session, opening=opening, default_folder=self.default_folder, guide=guide
        )

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
        chosen = await self.push_screen_wait(RecoverUntitledDialog(found))
        if chosen is None or self.canvas_screen is not screen or screen.document.modified:
            return
        screen.close_canvas(discard=True)
        self._replace_screen_with(self._canvas_screen(CanvasSession.adopt(chosen)))
        when = chosen.written.astimezone().strftime("%Y-%m-%d %H:%M")
        self.notify(say("session-untitled-restored", self.interface_language, when=when), timeout=5)

    @property
    def canvas_screen(self) -> CanvasScreen | None:
        for screen in reversed(self.screen_stack):
            if isinstance(screen, CanvasScreen):
                return screen
        return None

    async def action_quit(self) -> None:
        """Quit, asking Save / Discard / Cancel when the canvas has unsaved changes."""
        worker = self._quit_when_confirmed()
        # Save / Discard / Cancel may be asked: the key typed next is the answer.
        self.key_gate.asks_from(worker)

    @work(exclusive=True, group="quit")
    async def _quit_when_confirmed(self) -> None:
        # A worker, because the question waits for an answer on a dialog of its own.
        screen = self.canvas_screen
        if screen is None or await screen.confirm_close():
            self._canvas_closed = True
            self.exit()

    def on_app_focus(self) -> None:
        # Back from another window (where a git pull may have happened): look at the file.
        if (screen := self.canvas_screen) is not None:
            screen.check_disk()

    def _arm_ending(self) -> None:
        """A dropped connection, a kill or a vanished terminal ends the editor with its
        unsaved work kept, within a deadline (see tui/ending.py). Only in a real terminal:
        a headless pilot has none to lose, and its test process keeps its own handlers."""
        driver = self._driver
        if not isinstance(driver, TerminalDriver) or self._ending is not None:
            return
        self._ending = Ending(
            keep=self._keep_for_ending,
            exit=self._exit_for_ending,
            on_ending=driver.ending.set,
        )
        self._ending.arm(asyncio.get_running_loop().call_soon_threadsafe)
        driver.when_lost(self._ending.terminal_lost)

    def _exit_for_ending(self, status: int) -> None:
        # A first screen still being built when the end comes would meet the shutdown half
        # made (its on_mount querying widgets the shutdown had already removed: a traceback
        # on the way out). It finishes mounting first; the exit waits in its queue.
        stack = self.screen_stack
        if stack and not stack[-1].is_mounted:
            stack[-1].call_later(self.exit, return_code=status)
        else:
            self.exit(return_code=status)

    def _keep_for_ending(self) -> None:
        # Headless: the recovery file and the lock need no terminal.
        if not self._canvas_closed and (screen := self.canvas_screen) is not None:
            self._canvas_closed = True
            screen.close_canvas(discard=False)

    def disarm_ending(self) -> None:
        if self._ending is not None:
            self._ending.disarm()


def create_app(
    path: Path | None = None,
    language: Language = "en",
    ui_language: str | None = None,
    *,
    guide: bool = False,
) -> BmcApp:
    return BmcApp(path, language, ui_language, guide=guide)


def run_editor(
    path: Path | None,
    *,
    language: Language = "en",
    ui_language: str | None = None,
    guide: bool = False,
) -> None:
    app = create_app(path, language, ui_language, guide=guide)
    app.run()
    app.disarm_ending()
    if app.return_code:
        # 128 + the signal after SIGHUP or SIGTERM, as a shell reports a killed program.
        sys.exit(app.return_code)
