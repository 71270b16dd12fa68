"""The canvas screen's dealings with its file: save, open, export, and keeping work safe.

Kept apart from the editing code because it is about a different thing: the file and the
world around it. Another editor may hold the canvas (a lock), an earlier session may have
left unsaved changes (a recovery file), ``git pull`` may change the file under us (a stamp
checked every few seconds, on focus and before each save), and the connection may drop at
any moment (the recovery file is kept in step a moment after each edit).
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.screen import Screen

from bmc_tui.core.locking import LockHeld
from bmc_tui.core.recovery import BrokenRecovery
from bmc_tui.core.storage import CanvasError
from bmc_tui.core.textsafe import shown_path
from bmc_tui.core.watching import DiskState
from bmc_tui.tui.dialogs.choice import ChoiceDialog
from bmc_tui.tui.dialogs.text_prompt import TextPrompt

if TYPE_CHECKING:
    from textual.timer import Timer

    from bmc_tui.core.catalogue import Language
    from bmc_tui.core.document import CanvasDocument, Change
    from bmc_tui.core.export import ExportFormat
    from bmc_tui.core.safekeeping import Safekeeping

#: How long after the last edit the recovery file is brought up to date.
KEEP_DELAY = 2.0
#: How often the file on disk is compared with what the editor last read or wrote.
DISK_CHECK_INTERVAL = 2.0

SAVE_DISCARD_CANCEL = [
    ("save", "Save", "s"),
    ("discard", "Discard", "d"),
    ("cancel", "Cancel", "c"),
]


class FileActions(Screen[None]):
    """The base of ``CanvasScreen``: everything here reaches the canvas through ``document``
    and shows its effect through the few hooks below, which the canvas screen provides."""

    document: CanvasDocument
    safekeeping: Safekeeping
    default_folder: Path | None
    read_only: bool
    _keep_timer: Timer | None
    _disk_prompt_open: bool
    _disk_warning: str

    # --- hooks the canvas screen provides ----------------------------------------------------

    @property
    def language(self) -> Language:
        raise NotImplementedError

    def apply(self, change: Change | None, *, move_focus: bool = True) -> None:
        raise NotImplementedError

    def refresh_header(self) -> None:
        raise NotImplementedError

    def set_read_only(self, read_only: bool) -> None:
        raise NotImplementedError

    def compare_with_disk(self) -> None:
        raise NotImplementedError

    # --- when the canvas opens -------------------------------------------------------------

    @work
    async def guard_on_open(self) -> None:
        """Take the lock, then offer what an earlier session left unsaved."""
        held = self.safekeeping.take_lock()
        if isinstance(held, LockHeld):
            if held.stale:
                self.safekeeping.take_lock(force=True)
                self.notify(f"Took over a lock left behind: {held.describe()}", timeout=6)
            else:
                choice = await self.app.push_screen_wait(
                    ChoiceDialog(
                        f"{held.describe()}.\nTwo editors on one canvas overwrite each "
                        "other's work.",
                        [
                            ("read-only", "Open read-only", "r"),
                            ("anyway", "Open anyway", "a"),
                            ("quit", "Quit", "q"),
                        ],
                    )
                )
                if choice == "anyway":
                    self.safekeeping.take_lock(force=True)
                elif choice == "quit":
                    self.app.exit()
                    return
                else:
                    self.set_read_only(True)
        elif held is not None:
            self.notify(f"No lock taken: {held.reason}", severity="warning", timeout=6)
        await self._offer_recovery()

    async def _offer_recovery(self) -> None:
        found = self.safekeeping.pending_recovery()
        if found is None:
            return
        if isinstance(found, BrokenRecovery):
            self.notify(found.problem, title="Recovery file unreadable (kept)", severity="error")
            return
        when = found.written.astimezone().strftime("%Y-%m-%d %H:%M")
        summary = found.changes().summary()
        choice = await self.app.push_screen_wait(
            ChoiceDialog(
                f"Unsaved changes from {when} (pid {found.pid} on {found.host}) were kept "
                f"when that editor stopped: {summary}.\nRecovery file: {found.file}",
                [("restore", "Restore", "r"), ("discard", "Discard", "d"), ("later", "Later", "l")],
            )
        )
        if choice == "restore" and not self.read_only:
            self.apply(self.document.replace_canvas(found.canvas, "restore recovered changes"))
            self.notify("Recovered changes restored; ctrl+s saves them", timeout=5)
        elif choice == "discard":
            self.safekeeping.forget()

    # --- keeping unsaved work safe ---------------------------------------------------------

    def keep_soon(self) -> None:
        """After an edit: bring the recovery file up to date once the typing pauses."""
        if self._keep_timer is not None:
            self._keep_timer.stop()
        self._keep_timer = self.set_timer(KEEP_DELAY, self.keep_now)

    def keep_now(self) -> None:
        self._keep_timer = None
        if self.document.modified:
            problem = self.safekeeping.keep(self.document.canvas)
            if problem:
                self.notify(problem, title="Recovery file not written", severity="warning")
        elif self.safekeeping.recovery_written:
            self.safekeeping.forget()

    def close_canvas(self, *, discard: bool) -> None:
        """The canvas is being closed: keep or drop unsaved work, and let go of the lock."""
        if discard:
            self.safekeeping.forget()
        elif self.document.modified:
            self.keep_now()
        self.safekeeping.release()

    # --- the file changing under us --------------------------------------------------------

    @work(exclusive=True, group="disk")
    async def check_disk(self) -> None:
        """Has the file changed since we read or wrote it? Called on a timer and on focus."""
        if self._disk_prompt_open or not self.is_current:
            # Not while a dialog is up (it is asked again after), nor for a canvas that
            # another one has replaced.
            return
        status = self.document.disk_status()
        if status is None or not status.changed:
            self._disk_warning = ""
            return
        if status.state is not DiskState.MODIFIED:
            if status.message != self._disk_warning:
                self._disk_warning = status.message
                self.notify(
                    f"{status.message}; ctrl+s writes the canvas again",
                    severity="warning",
                    timeout=8,
                )
            return
        if not self.document.modified:
            self._reload("Reloaded: the file changed on disk")
            return
        await self._ask_about_disk_change()

    async def _ask_about_disk_change(self) -> bool:
        """The file changed on disk and the canvas has unsaved changes: ask. True when the
        user's version should stand (and may be saved over the file)."""
        self._disk_prompt_open = True
        try:
            while True:
                choice = await self.app.push_screen_wait(
                    ChoiceDialog(
                        f"{shown_path(self.document.path or '')} changed on disk, and this canvas "
                        "has unsaved changes.",
                        [
                            ("reload", "Reload (drop mine)", "r"),
                            ("keep", "Keep mine", "k"),
                            ("show", "Show differences", "s"),
                        ],
                    )
                )
                if choice == "show":
                    self.compare_with_disk()
                    return False
                if choice == "reload":
                    self._reload("Reloaded from disk; u brings your version back")
                    return False
                if choice == "keep":
                    self.document.accept_disk_version()
                    return True
                return False
        finally:
            self._disk_prompt_open = False

    def _reload(self, message: str) -> None:
        try:
            self.apply(self.document.reload())
        except CanvasError as error:
            self.notify(error.summary, title="Cannot reload", severity="error", timeout=8)
            return
        self.notify(message, timeout=4)

    # --- saving ----------------------------------------------------------------------------

    def action_save(self) -> None:
        if self.read_only:
            self.notify("Opened read-only: another editor has this canvas", severity="warning")
        elif self.document.path is None:
            self._ask_path_and_save()
        else:
            self._save_checked()

    @work(exclusive=True, group="save")
    async def _save_checked(self) -> None:
        """Save, but never over a change on disk this editor has not seen."""
        status = self.document.disk_status()
        changed = status is not None and status.state is DiskState.MODIFIED
        if changed and not await self._ask_about_disk_change():
            return
        assert self.document.path is not None
        self.save_to(self.document.path)

    @work(exclusive=True, group="save")
    async def _ask_path_and_save(self) -> None:
        await self.save_as()

    async def save_as(self) -> bool:
        """Ask for a file name (defaulting into ``canvases/``) and save there."""
        folder = self.default_folder or Path.cwd()
        suggestion = folder / "canvas.toml"
        with contextlib.suppress(ValueError):
            suggestion = suggestion.relative_to(Path.cwd())
        name = await self.app.push_screen_wait(
            TextPrompt("Save canvas as", str(suggestion), "enter saves · escape cancels")
        )
        if name is None:
            return False
        path = Path(name).expanduser()
        if path.suffix != ".toml":
            path = path.with_name(path.name + ".toml")
        if path.exists():
            choice = await self.app.push_screen_wait(
                ChoiceDialog(
                    f"{shown_path(path)} already exists.",
                    [("overwrite", "Overwrite", "o"), ("cancel", "Cancel", "c")],
                )
            )
            if choice != "overwrite":
                return False
        return self.save_to(path)

    def save_to(self, path: Path) -> bool:
        try:
            written = self.document.save(path)
        except CanvasError as error:
            self.notify(error.summary, title="Not saved", severity="error", timeout=10)
            return False
        self.safekeeping.moved_to(path)
        self.safekeeping.forget()
        self.refresh_header()
        self.notify(
            f"Saved {shown_path(path)}" if written else f"{shown_path(path)} is up to date",
            timeout=2,
        )
        return True

    # --- leaving this canvas ---------------------------------------------------------------

    async def confirm_close(self) -> bool:
        """Ask Save / Discard / Cancel when there are unsaved changes; True to go on."""
        if not self.document.modified or self.read_only:
            self.close_canvas(discard=self.read_only)
            return True
        choice = await self.app.push_screen_wait(
            ChoiceDialog("This canvas has unsaved changes.", SAVE_DISCARD_CANCEL)
        )
        if choice == "discard":
            self.close_canvas(discard=True)
            return True
        if choice == "save":
            path = self.document.path
            saved = await self.save_as() if path is None else self.save_to(path)
            if saved:
                self.close_canvas(discard=False)
                return True
        return False

    @work(exclusive=True, group="open")
    async def action_open(self) -> None:
        from bmc_tui.tui.dialogs.open_canvas import OpenCanvasDialog

        folders = [Path.cwd()]
        if self.default_folder and self.default_folder.resolve() != Path.cwd().resolve():
            folders.append(self.default_folder)
        path = await self.app.push_screen_wait(OpenCanvasDialog(folders))
        if path is not None and await self.confirm_close():
            # Later, from the app: this worker belongs to the screen being replaced.
            self.app.call_later(self.app.open_canvas, path)  # type: ignore[attr-defined]

    def export(self, format: ExportFormat) -> None:
        """Write the canvas beside its file (``name.md``/``.html``/``.json``), as shown."""
        from bmc_tui.core.export import render, write_export

        source = self.document.path or Path.cwd() / "untitled.toml"
        target = source.with_suffix(f".{format}")
        try:
            write_export(render(self.document.canvas, format, self.language), target, source=source)
        except CanvasError as error:
            self.notify(error.summary, title="Not exported", severity="error", timeout=8)
            return
        self.notify(f"Exported {shown_path(target)}", timeout=3)
