"""The canvas screen's side of its file: outcomes of the canvas session, turned into dialogs.

Every decision about the file — may I save, is the lock mine, what changed on disk, what does
a merge keep, what goes to the recovery file — is made by ``core.session.CanvasSession``.
This mixin only shows what the session reports (a notice, or a question), passes the
answer back, and asks the session again: it holds no file policy of its own.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual.screen import Screen

from bmc_tui.core.messages import say
from bmc_tui.core.session import (
    DiskChanged,
    DiskOutcome,
    DiskProblem,
    KeepFailed,
    LockBusy,
    LockLost,
    LockOutcome,
    LockTakenOver,
    Merged,
    NeedsName,
    NoLock,
    ReadOnly,
    RecoveryOffer,
    RecoveryUnreadable,
    Reloaded,
    Saved,
    SaveFailed,
    SaveOutcome,
    TargetExists,
    TargetLocked,
)
from bmc_tui.core.textsafe import shown_path
from bmc_tui.tui.dialogs.choice import ChoiceDialog
from bmc_tui.tui.dialogs.text_prompt import TextPrompt
from bmc_tui.tui.key_gate import gate_of

if TYPE_CHECKING:
    from textual.timer import Timer

    from bmc_tui.core.catalogue import Language
    from bmc_tui.core.document import CanvasDocument, Change
    from bmc_tui.core.export import ExportFormat
    from bmc_tui.core.model import Canvas
    from bmc_tui.core.session import CanvasSession, PendingText

#: How long after the last edit the recovery file is brought up to date.
KEEP_DELAY = 2.0
#: How often the file on disk is compared with what the editor last read or wrote.
DISK_CHECK_INTERVAL = 2.0

#: Retry the operation a question interrupted, with what the user agreed to.
Retry = Callable[..., SaveOutcome]


class FileActions(Screen[None]):
    """The base of ``CanvasScreen``: it reaches the file only through ``session``."""

    session: CanvasSession
    default_folder: Path | None
    _opening: LockOutcome
    _keep_timer: Timer | None
    #: The answer to the "changed on disk" question while it is up: one such dialog at a time,
    #: whatever the disk-check timer does meanwhile, and a save waits for that answer.
    _disk_question: asyncio.Future[str | None] | None
    #: The comparison shown by "Show differences": cleared once the difference is resolved.
    _disk_marks: bool

    # --- hooks the canvas screen provides ----------------------------------------------------

    @property
    def document(self) -> CanvasDocument:
        return self.session.document

    @property
    def read_only(self) -> bool:
        return self.session.read_only

    @property
    def language(self) -> Language:
        raise NotImplementedError

    @property
    def ui_language(self) -> Language:
        raise NotImplementedError

    def apply(self, change: Change | None, *, move_focus: bool = True) -> None:
        raise NotImplementedError

    def refresh_header(self) -> None:
        raise NotImplementedError

    def set_read_only(self) -> None:
        raise NotImplementedError

    def show_comparison(self, base: Canvas, name: str) -> None:
        raise NotImplementedError

    def clear_marks(self) -> None:
        raise NotImplementedError

    def pending_texts(self) -> list[PendingText]:
        raise NotImplementedError

    def opened(self) -> None:
        """The opening questions are answered (or there were none): the canvas is ready."""

    def _say(self, key: str, **fields: object) -> str:
        """A message in the interface language; a path in it is shown safely (no control
        codes from a file name reach the terminal)."""
        shown = {
            name: shown_path(value) if isinstance(value, os.PathLike) else value
            for name, value in fields.items()
        }
        return say(key, self.ui_language, **shown)

    async def _ask(self, question: str, answers: list[tuple[str, str, str]], **options: Any) -> Any:
        return await self.app.push_screen_wait(ChoiceDialog(question, answers, **options))

    def _answer(self, answer_id: str, message: str, key: str) -> tuple[str, str, str]:
        return answer_id, self._say(message), key

    # --- when the canvas opens -------------------------------------------------------------

    @work
    async def guard_on_open(self) -> None:
        """Tell or ask what taking the lock came to, then offer what an earlier editor left."""
        opening = self._opening
        if isinstance(opening, LockTakenOver):
            owner = opening.held.owner.describe()
            self.notify(self._say("session-lock-taken-over", owner=owner), timeout=6)
        elif isinstance(opening, NoLock):
            message = self._say("session-no-lock", reason=opening.reason)
            self.notify(message, severity="warning", timeout=6)
        elif isinstance(opening, LockBusy):
            held = opening.held
            choice = await self._ask(
                self._say(
                    "session-lock-busy", lock_file=held.lock_file, owner=held.owner.describe()
                ),
                [
                    self._answer("read-only", "session-answer-read-only", "r"),
                    self._answer("anyway", "session-answer-anyway", "a"),
                    self._answer("quit", "session-answer-quit", "q"),
                ],
            )
            if choice == "anyway":
                self.session.claim(force=True)
            elif choice == "quit":
                self.app.exit()
                return
            else:
                self.session.open_read_only()
                self.set_read_only()
        await self._offer_recovery()
        self.opened()

    async def _offer_recovery(self) -> None:
        offer = self.session.pending_recovery()
        if isinstance(offer, RecoveryUnreadable):
            title = self._say("session-recovery-unreadable")
            self.notify(offer.found.problem, title=title, severity="error")
            return
        if not isinstance(offer, RecoveryOffer):
            return
        found = offer.found
        choice = await self._ask(
            self._say(
                "session-recovery-offer",
                when=found.written.astimezone().strftime("%Y-%m-%d %H:%M"),
                pid=found.pid,
                host=found.host,
                summary=found.changes().summary(self.ui_language),
                file=found.file,
            ),
            [
                self._answer("restore", "session-answer-restore", "r"),
                self._answer("discard", "session-answer-discard", "d"),
                self._answer("later", "session-answer-later", "l"),
            ],
            default="restore",
        )
        if choice == "restore" and not self.read_only:
            self.apply(self.session.restore(found))
            self.notify(self._say("session-restored"), timeout=5)
        elif choice == "discard":
            self.session.discard_recovery()

    # --- keeping unsaved work safe ---------------------------------------------------------

    def keep_soon(self) -> None:
        """After an edit: bring the recovery file up to date once the typing pauses."""
        if self._keep_timer is not None:
            self._keep_timer.stop()
        self._keep_timer = self.set_timer(KEEP_DELAY, self.keep_now)

    def keep_now(self) -> None:
        self._keep_timer = None
        self._report_keep(self.session.keep())

    def _report_keep(self, problem: KeepFailed | None) -> None:
        if problem is not None:
            title = self._say("session-keep-failed")
            self.notify(problem.message, title=title, severity="warning")

    def close_canvas(self, *, discard: bool) -> None:
        """The canvas is being closed (quit, another canvas, a signal): keep unsaved work —
        what is still being typed included — or drop it, and let go of the lock."""
        if self._keep_timer is not None:
            self._keep_timer.stop()
            self._keep_timer = None
        pending = [] if discard else self.pending_texts()
        self._report_keep(self.session.close(discard=discard, pending=pending))

    # --- the file changing under us --------------------------------------------------------

    def check_disk(self) -> None:
        """Has the file changed since we read or wrote it? Called on a timer and on focus."""
        if self._disk_question is not None or not self.is_current:
            # Not while a dialog is up (it is asked again after), nor for a canvas that
            # another one has replaced.
            return
        outcome = self.session.check_disk()
        if isinstance(outcome, DiskChanged):
            # Claimed now, before the worker starts, so the next tick cannot ask twice.
            self._disk_question = asyncio.get_running_loop().create_future()
            self._resolve_disk_change_later(self._disk_question)
        else:
            self._show_disk_outcome(outcome)

    def _show_disk_outcome(self, outcome: DiskOutcome | Merged) -> None:
        if isinstance(outcome, Reloaded):
            self.apply(outcome.change)
            self._clear_disk_marks()
            key = "session-reloaded-quietly" if outcome.quietly else "session-reloaded"
            self.notify(self._say(key), timeout=4)
        elif isinstance(outcome, Merged):
            self.apply(outcome.change)
            self._clear_disk_marks()
            if outcome.conflicts:
                count = len(outcome.conflicts)
                key = "session-merged-conflicts-one" if count == 1 else "session-merged-conflicts"
                message = self._say(key, count=count)
                self.notify(message, severity="warning", timeout=10)
            else:
                self.notify(self._say("session-merged"), timeout=5)
        elif isinstance(outcome, DiskProblem):
            message = self._say("session-disk-problem", message=outcome.message)
            self.notify(message, severity="warning", timeout=8)

    @work(group="disk")
    async def _resolve_disk_change_later(self, answer: asyncio.Future[str | None]) -> None:
        await self._ask_about_disk_change(answer)

    async def resolve_disk_change(self) -> str | None:
        """The file changed on disk and the canvas has unsaved changes: ask Merge / Keep
        mine / Reload / Show differences, and do it. Returns the answer ("keep" means the
        user's version may now be saved over the file); None when put off. When the
        question is already up (the disk check asked it), waits for that answer."""
        if self._disk_question is not None:
            return await asyncio.shield(self._disk_question)
        self._disk_question = asyncio.get_running_loop().create_future()
        return await self._ask_about_disk_change(self._disk_question)

    async def _ask_about_disk_change(self, answer: asyncio.Future[str | None]) -> str | None:
        choice: str | None = None
        try:
            choice = await self._disk_dialog()
        finally:
            if not answer.done():
                answer.set_result(choice)
            self._disk_question = None
        return choice

    async def _disk_dialog(self) -> str | None:
        detail = None
        while True:
            answers = [
                self._answer("merge", "session-answer-merge", "m"),
                self._answer("keep", "session-answer-keep-mine", "k"),
                self._answer("reload", "session-answer-reload", "r"),
                self._answer("show", "session-answer-show", "s"),
            ]
            assert self.document.path is not None
            choice: str | None = await self._ask(
                self._say("session-disk-changed", path=self.document.path),
                answers,
                default="merge",
                detail=detail or "",
            )
            if choice == "show":
                detail = self._show_disk_differences()
                continue
            if choice == "merge":
                self._show_disk_outcome(self.session.merge_with_disk())
            elif choice == "reload":
                self._show_disk_outcome(self.session.reload())
            elif choice == "keep":
                problem = self.session.keep_mine()
                if problem is not None:
                    self._show_disk_outcome(problem)
                    return None
                self._clear_disk_marks()
            else:
                # Put off (escape): not asked again for this change until a save.
                self.session.postpone_disk_change()
            return choice

    def _show_disk_differences(self) -> Any:
        """Mark the differences on the canvas; the same, as text, for inside the dialog."""
        from bmc_tui.core.diffing import diff_canvases, render_text  # loaded when first used

        disk = self.session.disk_canvas()
        if isinstance(disk, DiskProblem):
            title = self._say("session-cannot-compare")
            self.notify(disk.message, title=title, severity="error")
            return None
        self.show_comparison(disk, self._say("session-the-file-on-disk"))
        self._disk_marks = True
        differences = diff_canvases(disk, self.document.canvas)
        text = render_text(
            differences,
            self._say("session-the-file-on-disk"),
            self._say("session-this-canvas"),
            self.ui_language,
        )
        summary = differences.summary(self.ui_language)
        heading = self._say("session-disk-differences", summary=summary)
        return heading + "\n" + text.plain

    def _clear_disk_marks(self) -> None:
        if self._disk_marks:
            self._disk_marks = False
            self.clear_marks()

    # --- saving ----------------------------------------------------------------------------

    def action_save(self) -> None:
        worker = self._save_worker()
        if (gate := gate_of(self.app)) is not None:
            # A name may be asked for (an untitled canvas): what is typed next is the name.
            gate.asks_from(worker)

    @work(exclusive=True, group="save")
    async def _save_worker(self) -> None:
        await self.save_canvas()

    async def save_canvas(self) -> bool:
        """Save (asking for a name, the lock or the change on disk as needed); True if saved."""
        return await self._settle(self.session.save(), self._retry_save)

    def _retry_save(self, *, take_lock: bool = False, overwrite: bool = False) -> SaveOutcome:
        return self.session.save(take_lock=take_lock)

    async def save_as(self) -> bool:
        """Ask for a file name (defaulting into ``canvases/``) and save there."""
        folder = self.default_folder or Path.cwd()
        suggestion = folder / "canvas.toml"
        with contextlib.suppress(ValueError):
            suggestion = suggestion.relative_to(Path.cwd())
        name = await self.app.push_screen_wait(
            TextPrompt(
                self._say("session-save-as-title"),
                str(suggestion),
                self._say("session-save-as-help"),
            )
        )
        if name is None:
            return False
        path = Path(name).expanduser()

        def retry(*, take_lock: bool = False, overwrite: bool = False) -> SaveOutcome:
            return self.session.save_as(path, overwrite=overwrite, take_lock=take_lock)

        return await self._settle(retry(), retry)

    async def _settle(self, outcome: SaveOutcome, retry: Retry) -> bool:
        """Turn a save outcome into a notice, or a question and another try."""
        while True:
            if isinstance(outcome, Saved):
                self._clear_disk_marks()
                self.refresh_header()
                key = "session-saved" if outcome.written else "session-up-to-date"
                self.notify(self._say(key, path=outcome.path), timeout=2)
                return True
            if isinstance(outcome, SaveFailed):
                title = self._say("session-not-saved")
                self.notify(outcome.message, title=title, severity="error", timeout=10)
                return False
            if isinstance(outcome, ReadOnly):
                self.notify(self._say("session-read-only"), severity="warning")
                return False
            if isinstance(outcome, NeedsName):
                return await self.save_as()
            if isinstance(outcome, DiskChanged):
                if await self.resolve_disk_change() != "keep":
                    return False
                outcome = retry()
            elif isinstance(outcome, LockLost):
                question = (
                    self._say("session-lock-lost", owner=outcome.held.owner.describe())
                    if outcome.held is not None
                    else self._say("session-lock-gone")
                )
                choice = await self._ask(
                    question,
                    [
                        self._answer("save-as", "session-answer-save-as", "a"),
                        self._answer("take", "session-answer-take-back", "t"),
                        self._answer("cancel", "session-answer-cancel", "c"),
                    ],
                    default="save-as",
                )
                if choice == "save-as":
                    return await self.save_as()
                if choice != "take":
                    return False
                outcome = retry(take_lock=True)
            elif isinstance(outcome, TargetLocked):
                held = outcome.held
                choice = await self._ask(
                    self._say(
                        "session-target-locked", path=held.lock_file, owner=held.owner.describe()
                    ),
                    [
                        self._answer("cancel", "session-answer-cancel", "c"),
                        self._answer("anyway", "session-answer-save-anyway", "a"),
                    ],
                )
                if choice != "anyway":
                    return False
                outcome = retry(take_lock=True)
            elif isinstance(outcome, TargetExists):
                choice = await self._ask(
                    self._say("session-target-exists", path=outcome.path),
                    [
                        self._answer("overwrite", "session-answer-overwrite", "o"),
                        self._answer("cancel", "session-answer-cancel", "c"),
                    ],
                    default="cancel",
                )
                if choice != "overwrite":
                    return False
                outcome = retry(overwrite=True)
            else:  # pragma: no cover - every outcome is handled above
                raise AssertionError(outcome)

    # --- leaving this canvas ---------------------------------------------------------------

    async def confirm_close(self) -> bool:
        """Ask Save / Discard / Cancel when there are unsaved changes; True to go on."""
        if not self.document.modified or self.read_only:
            self.close_canvas(discard=False)
            return True
        choice = await self._ask(
            self._say("session-unsaved"),
            [
                self._answer("save", "session-answer-save", "s"),
                self._answer("discard", "session-answer-discard", "d"),
                self._answer("cancel", "session-answer-cancel", "c"),
            ],
        )
        if choice == "discard":
            self.close_canvas(discard=True)
            return True
        if choice == "save" and await self.save_canvas():
            self.close_canvas(discard=False)
            return True
        return False

    def action_open(self) -> None:
        worker = self._open_worker()
        if (gate := gate_of(self.app)) is not None:
            # What is typed next picks the canvas in the dialog, not an item here.
            gate.asks_from(worker)

    @work(exclusive=True, group="open")
    async def _open_worker(self) -> None:
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
        from bmc_tui.core.storage import CanvasError

        source = self.document.path or Path.cwd() / "untitled.toml"
        target = source.with_suffix(f".{format}")
        try:
            write_export(render(self.document.canvas, format, self.language), target, source=source)
        except CanvasError as error:
            title = self._say("notice-not-exported")
            self.notify(error.summary, title=title, severity="error", timeout=8)
            return
        self.notify(self._say("notice-exported", path=target), timeout=3)
