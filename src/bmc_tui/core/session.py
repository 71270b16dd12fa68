"""One open canvas and everything that keeps it safe: the one place with a file policy.

A ``CanvasSession`` owns the document (the canvas and its undo history), the path it belongs
to, the lock that keeps a second editor off it, the recovery file that keeps unsaved work
through a dropped connection, and the stamp that tells when another program changed the
file. Every file operation goes through it — open an existing file, open a path that does
not exist yet, start untitled, save, save as, reload, merge with the file on disk, restore a
recovery, keep, close — and each returns an *outcome*: a small frozen value that says what
happened or what must be asked. The editor's screen turns outcomes into dialogs and notices
and calls back with the answer; it decides nothing about files itself, so every path that
opens, saves or reloads goes through the same code, and all of it is tested without a
terminal.

The rules, in one place:

* The lock is taken as soon as a path is known, a new file's path included (the lock sits
  beside the file-to-be when its folder exists), and checked before every save. A lock
  another editor forced away is reported (:class:`LockLost`), never silently taken back.
* A save never writes over a change on disk this editor has not seen (:class:`DiskChanged`);
  the user chooses to merge, keep theirs, reload or look first.
* The stamp of a saved file comes from the write itself, never from a second read.
* Unsaved work goes to the recovery file, including text still being typed (a "pending"
  canvas the screen hands over), and the recovery file goes once the work is saved or
  deliberately dropped.
* Temporary files that killed saves left beside the canvas are removed on open and save,
  when their writer is certainly gone.

Headless: imports nothing from Textual.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from bmc_tui.core import storage
from bmc_tui.core.catalogue import BlockId, Language
from bmc_tui.core.document import CanvasDocument, Change
from bmc_tui.core.interface_language import default_language
from bmc_tui.core.locking import (
    Lock,
    LockHeld,
    LockUnavailable,
    acquire,
    current_host,
    inspect,
)
from bmc_tui.core.messages import say
from bmc_tui.core.model import Canvas, Header
from bmc_tui.core.recovery import BrokenRecovery, Recovered, RecoveryStore
from bmc_tui.core.storage import CanvasError, with_canvas_suffix
from bmc_tui.core.textsafe import displayable
from bmc_tui.core.watching import DiskState, load_stamped, read_stamped

if TYPE_CHECKING:  # the merge is loaded when a file changes on disk, not at start-up
    from bmc_tui.core.merging import Conflict

# --- outcomes --------------------------------------------------------------------------------


@dataclass(frozen=True)
class LockBusy:
    """Another live editor has the canvas: ask whether to open read-only, anyway, or quit."""

    held: LockHeld


@dataclass(frozen=True)
class LockTakenOver:
    """A lock left by an editor that is gone was taken over (say so, in passing)."""

    held: LockHeld


@dataclass(frozen=True)
class NoLock:
    """No lock file could be made (a read-only folder): edit with care."""

    reason: str


#: What taking the lock came to; None when the lock is ours (or there is no path to lock).
LockOutcome = LockBusy | LockTakenOver | NoLock | None


@dataclass(frozen=True)
class Opened:
    """A session is ready; ``lock`` says what the screen must tell or ask first."""

    session: CanvasSession
    lock: LockOutcome
    #: The path does not exist yet: it is written on the first save.
    new_file: bool = False


@dataclass(frozen=True)
class OpenFailed:
    """The file exists but is no canvas: show why (nothing was changed on disk)."""

    path: Path
    message: str


@dataclass(frozen=True)
class Saved:
    path: Path
    #: False when the file already held exactly this canvas.
    written: bool


@dataclass(frozen=True)
class SaveFailed:
    message: str


@dataclass(frozen=True)
class NeedsName:
    """An untitled canvas: ask for a file name, then :meth:`CanvasSession.save_as`."""


@dataclass(frozen=True)
class ReadOnly:
    """Opened read-only (another editor has it): nothing is saved."""


@dataclass(frozen=True)
class DiskChanged:
    """The file changed on disk since this editor read or wrote it, and the canvas has
    unsaved changes: ask Merge / Keep mine / Reload / Show differences."""

    path: Path


@dataclass(frozen=True)
class LockLost:
    """Another editor forced the lock away since it was taken; ``held`` is who has it now
    (None when the lock file was simply deleted). Not saved: ask before taking it back."""

    path: Path
    held: LockHeld | None


@dataclass(frozen=True)
class TargetExists:
    """Save as: the file is there already; ask before overwriting."""

    path: Path


@dataclass(frozen=True)
class TargetLocked:
    """Save as (or a first save): another editor has that file open."""

    held: LockHeld


SaveOutcome = (
    Saved | SaveFailed | NeedsName | ReadOnly | DiskChanged | LockLost | TargetExists | TargetLocked
)


@dataclass(frozen=True)
class Reloaded:
    """The canvas is now the file's content (undo brings the editor's version back);
    ``quietly`` when there were no unsaved changes to lose."""

    change: Change
    quietly: bool = False


@dataclass(frozen=True)
class Merged:
    """The file's changes were merged into the canvas as one undo step; conflicts are kept
    in the canvas as tagged copies, as ``bmc-tui merge`` keeps them."""

    change: Change
    conflicts: tuple[Conflict, ...]


@dataclass(frozen=True)
class DiskProblem:
    """The file cannot be read, reloaded or merged (gone, unreadable, no canvas)."""

    message: str


@dataclass(frozen=True)
class DiskUnchanged:
    pass


DiskOutcome = DiskUnchanged | Reloaded | DiskChanged | DiskProblem


@dataclass(frozen=True)
class RecoveryOffer:
    """Unsaved changes an earlier editor of this canvas left: offer to restore them."""

    found: Recovered


@dataclass(frozen=True)
class RecoveryUnreadable:
    """A recovery file that cannot be read (kept, never deleted)."""

    found: BrokenRecovery


@dataclass(frozen=True)
class KeepFailed:
    """The recovery file could not be written (a full disk, say): show it, keep editing."""

    message: str


@dataclass(frozen=True)
class PendingText:
    """Text the user is typing and has not committed yet: an item editor before enter, a
    note dialog before it is kept. Kept in the recovery file as if committed, so a dropped
    connection loses not even the sentence being typed."""

    block: BlockId
    #: The item edited; for a new item, the one it goes after (None: the end of the block).
    item_id: str | None
    value: str
    field: Literal["text", "note"] = "text"
    new_item: bool = False


def with_pending(canvas: Canvas, pending: Sequence[PendingText]) -> Canvas:
    """``canvas`` with ``pending`` text applied, by the same rules as the edits themselves;
    text that no item could hold (too long, say) is left out rather than kept broken."""
    scratch = CanvasDocument(canvas=canvas)
    for text in pending:
        value = text.value if text.field == "note" else text.value.strip()
        with contextlib.suppress(ValueError):
            if text.new_item:
                if not value:
                    continue
                items = scratch.canvas.items(text.block)
                ids = [item.id for item in items]
                index = ids.index(text.item_id) + 1 if text.item_id in ids else len(ids)
                scratch.add_item(text.block, index, value)
            elif text.item_id is not None and (value or text.field == "note"):
                scratch.update_item(text.item_id, "typed", **{text.field: value})
    return scratch.canvas


# --- the session -----------------------------------------------------------------------------


class CanvasSession:
    """One open canvas: document, path, lock, recovery file and disk stamp (see above)."""

    def __init__(self, document: CanvasDocument, *, store: RecoveryStore | None = None) -> None:
        self.document = document
        self.store = store if store is not None else RecoveryStore()
        self.lock: Lock | None = None
        self.read_only = False
        #: The canvas as the file held it when this editor last read, wrote or accepted it:
        #: the base of a merge with the file on disk. None until there is a file.
        self.base: Canvas | None = document.saved if document.on_disk else None
        #: True once a recovery file holds this canvas's unsaved changes.
        self.recovery_written = False
        #: The last disk problem reported, so the same one is reported once.
        self._disk_warning = ""
        #: The hash of a change on disk the user put off deciding about: not asked again on
        #: every check (a save still asks).
        self._postponed = ""

    # --- starting ---------------------------------------------------------------------------

    @classmethod
    def open(
        cls, path: Path, language: Language, *, store: RecoveryStore | None = None
    ) -> Opened | OpenFailed:
        """Open ``path``: the canvas in it, or a new empty one when it does not exist yet.
        Either way the lock is taken now, and a killed save's leftovers are tidied."""
        if not path.exists() and not path.is_symlink():
            document = CanvasDocument.new(path, Header(language=language))
            new_file = True
        else:
            try:
                document = CanvasDocument.open(path)
            except CanvasError as error:
                return OpenFailed(path, str(error))
            new_file = False
        session = cls(document, store=store)
        storage.remove_stale_temporaries(path)
        return Opened(session, session.claim(), new_file=new_file)

    @classmethod
    def untitled(cls, language: Language, *, store: RecoveryStore | None = None) -> CanvasSession:
        """A new canvas with no file yet (save asks for a name)."""
        return cls(CanvasDocument.new(None, Header(language=language)), store=store)

    @classmethod
    def adopt(cls, found: Recovered, *, store: RecoveryStore | None = None) -> CanvasSession:
        """A new untitled session holding an orphaned untitled recovery (see
        :func:`orphaned_untitled`): its work moves into this editor's own recovery file at
        once, and only then is the old file removed, so it is never in neither."""
        session = cls.untitled(found.canvas.header.language, store=store)
        session.document.replace_canvas(found.canvas, "restore recovered canvas")
        if session.keep() is None:
            session.store.discard_file(found.file)
        return session

    @property
    def path(self) -> Path | None:
        return self.document.path

    @property
    def language(self) -> Language:
        return self.document.canvas.header.language

    # --- the lock ---------------------------------------------------------------------------

    def claim(self, *, force: bool = False) -> LockOutcome:
        """Take the lock of this canvas's path; ``force`` takes it over from a live editor
        (the user insisted). A lock left by an editor that is gone is taken over at once."""
        path = self.path
        if path is None or not path.parent.is_dir():
            # No file name yet, or a folder that is not there: the save will say why.
            return None
        result = acquire(path, force=force)
        if isinstance(result, Lock):
            self.lock = result
            return None
        if isinstance(result, LockUnavailable):
            return NoLock(result.reason)
        if result.stale:
            taken = acquire(path, force=True)
            if isinstance(taken, Lock):
                self.lock = taken
                return LockTakenOver(result)
        return LockBusy(result)

    def open_read_only(self) -> None:
        """The user chose to look, not edit: nothing will be saved or kept."""
        self.read_only = True

    def release(self) -> None:
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    # --- recovery ---------------------------------------------------------------------------

    def pending_recovery(self) -> RecoveryOffer | RecoveryUnreadable | None:
        """Unsaved changes an earlier editor left for this canvas, if any worth offering.

        Offered only while this editor holds the lock: then no other editor is working on
        the canvas, even if the one that wrote the file is still shutting down.
        """
        if self.path is None:
            return None
        found = self.store.find(self.path)
        if found is None:
            return None
        if isinstance(found, BrokenRecovery):
            return RecoveryUnreadable(found)
        if self.lock is None and found.writer_alive:
            return None
        if not found.differs:
            # Identical to the file: nothing to recover, so nothing to ask about.
            self.store.discard(self.path)
            return None
        return RecoveryOffer(found)

    def restore(self, found: Recovered) -> Change:
        """Put the recovered canvas in the editor, as one undoable (and unsaved) step."""
        return self.document.replace_canvas(found.canvas, "restore recovered changes")

    def discard_recovery(self) -> None:
        """The changes are saved or deliberately dropped: the recovery file can go."""
        if self.read_only:
            return
        with contextlib.suppress(OSError):
            self.store.discard(self.path)
        self.recovery_written = False

    def keep(self, pending: Sequence[PendingText] = ()) -> KeepFailed | None:
        """Bring the recovery file in step with the unsaved canvas (with ``pending``, the
        text still being typed, as if committed), or remove it when nothing is unsaved."""
        if self.read_only:
            return None
        canvas = with_pending(self.document.canvas, pending)
        if self.document.saved is not None and canvas == self.document.saved:
            if self.recovery_written:
                self.discard_recovery()
            return None
        try:
            self.store.write(self.path, canvas)
        except CanvasError as error:
            return KeepFailed(error.summary)
        self.recovery_written = True
        return None

    def close(self, *, discard: bool, pending: Sequence[PendingText] = ()) -> KeepFailed | None:
        """The canvas is being closed: keep unsaved work (``discard`` False) or drop it, and
        let go of the lock either way."""
        problem = None
        if discard:
            self.discard_recovery()
        else:
            problem = self.keep(pending)
        self.release()
        return problem

    # --- the file on disk -------------------------------------------------------------------

    def check_disk(self) -> DiskOutcome:
        """Has the file changed since this editor read or wrote it? Call it on a timer, on
        focus and before saving. An unmodified canvas simply takes the new content."""
        state, message = self._disk_state()
        if state is DiskState.UNCHANGED:
            self._disk_warning = ""
            return DiskUnchanged()
        if state is not DiskState.MODIFIED:
            if message == self._disk_warning:
                return DiskUnchanged()
            self._disk_warning = message
            return DiskProblem(message)
        assert self.path is not None
        if self.document.modified:
            if self._postponed and self._postponed == self._disk_hash():
                return DiskUnchanged()
            return DiskChanged(self.path)
        outcome = self.reload()
        return Reloaded(outcome.change, quietly=True) if isinstance(outcome, Reloaded) else outcome

    def _disk_state(self) -> tuple[DiskState, str]:
        """How the file compares with what this editor last read or wrote. A file that was
        not there when the canvas was opened and is now (another editor saved it first) is
        a change on disk like any other."""
        path = self.path
        if path is None:
            return DiskState.UNCHANGED, ""
        if self.document.stamp is None:
            appeared = os.path.lexists(path)
            return (DiskState.MODIFIED if appeared else DiskState.UNCHANGED), ""
        status = self.document.disk_status()
        if status is None:
            return DiskState.UNCHANGED, ""
        return status.state, status.message

    def postpone_disk_change(self) -> None:
        """The user put off the question about the change on disk: do not ask again on every
        check until the file changes once more (saving still asks first)."""
        self._postponed = self._disk_hash()

    def _disk_hash(self) -> str:
        assert self.path is not None
        try:
            return read_stamped(self.path)[1].sha256
        except CanvasError:
            return ""

    def disk_canvas(self) -> Canvas | DiskProblem:
        """The canvas the file holds now (for "show differences")."""
        assert self.path is not None
        try:
            return storage.load(self.path)
        except CanvasError as error:
            return DiskProblem(error.summary)

    def reload(self) -> Reloaded | DiskProblem:
        """Take the file's content as the canvas; undo brings the editor's version back."""
        assert self.path is not None
        try:
            disk, stamp = load_stamped(self.path)
        except CanvasError as error:
            return DiskProblem(error.summary)
        change = self.document.take_disk_version(disk, stamp, disk, "reload from disk")
        self.base = disk
        self._disk_warning = ""
        return Reloaded(change)

    def merge_with_disk(self) -> Merged | DiskProblem:
        """Merge the file's changes into the canvas, item by item (base: the file as this
        editor last read or wrote it; ours: the canvas; theirs: the file now), with the
        rules and conflict marking of ``bmc-tui merge``. One undo step."""
        from bmc_tui.core.merging import MergeError, merge

        assert self.path is not None
        try:
            theirs, stamp = load_stamped(self.path)
        except CanvasError as error:
            return DiskProblem(error.summary)
        base = self.base if self.base is not None else Canvas(header=theirs.header)
        try:
            result = merge(base, self.document.canvas, theirs)
            # The result must read back as a valid canvas before it replaces anything.
            storage.checked_dumps(result.canvas, self.path)
        except (MergeError, CanvasError, ValueError) as error:
            summary = error.summary if isinstance(error, CanvasError) else str(error)
            words = say("session-cannot-merge", default_language(), path=self.path, problem=summary)
            return DiskProblem(words)
        change = self.document.take_disk_version(
            theirs, stamp, result.canvas, "merge with the file on disk"
        )
        self.base = theirs
        self._disk_warning = ""
        return Merged(change, result.conflicts)

    def keep_mine(self) -> DiskProblem | None:
        """The user keeps their version over the change on disk: stop reporting that change
        (the next save writes theirs, knowingly), and merge against it from now on."""
        assert self.path is not None
        try:
            disk, stamp = load_stamped(self.path)
        except CanvasError as error:
            return DiskProblem(error.summary)
        self.document.seen_on_disk(stamp)
        self.base = disk
        return None

    # --- saving -----------------------------------------------------------------------------

    def save(self, *, take_lock: bool = False) -> SaveOutcome:
        """Save to the canvas's own file, after checking that the lock is still this
        editor's and that the file holds nothing this editor has not seen.

        ``take_lock``: the user agreed to take the lock back from the editor that has it.
        """
        if self.read_only:
            return ReadOnly()
        path = self.path
        if path is None:
            return NeedsName()
        refused = self._hold_lock(path, force=take_lock)
        if refused is not None:
            return refused
        if self._disk_state()[0] is DiskState.MODIFIED:
            return DiskChanged(path)
        return self._write(path)

    def save_as(
        self, path: Path, *, overwrite: bool = False, take_lock: bool = False
    ) -> SaveOutcome:
        """Save under another name: the lock moves there, and the recovery file follows."""
        if self.read_only:
            return ReadOnly()
        path = with_canvas_suffix(path)
        if self.path is not None and _same_file(path, self.path):
            return self.save(take_lock=take_lock)
        if (path.exists() or path.is_symlink()) and not overwrite:
            return TargetExists(path)
        new_lock: Lock | None = None
        if path.parent.is_dir():
            result = acquire(path, force=take_lock)
            if isinstance(result, LockHeld):
                if not result.stale:
                    return TargetLocked(result)
                result = acquire(path, force=True)
            if isinstance(result, Lock):
                new_lock = result
        old_path, old_lock = self.path, self.lock
        try:
            written = self.document.save(path)
        except CanvasError as error:
            if new_lock is not None:
                new_lock.release()
            return SaveFailed(error.summary)
        storage.remove_stale_temporaries(path)
        # Saved under the new name: the old recovery file (and lock) no longer apply.
        with contextlib.suppress(OSError):
            self.store.discard(old_path)
        if old_lock is not None:
            old_lock.release()
        self.lock = new_lock
        self.recovery_written = False
        self.base = self.document.canvas
        return Saved(path, written)

    def _hold_lock(self, path: Path, *, force: bool) -> LockLost | TargetLocked | None:
        """None when this editor may write ``path``: its lock is still its own, or a lock
        could be taken now (a path whose folder appeared, say)."""
        if self.lock is not None:
            if self.lock.still_held():
                return None
            if not force:
                return LockLost(path, inspect(path))
            self.lock.released = True  # forced away: not ours to remove any more
            self.lock = None
        result = acquire(path, force=force) if path.parent.is_dir() else None
        if isinstance(result, Lock):
            self.lock = result
        elif isinstance(result, LockHeld):
            if not result.stale:
                return TargetLocked(result)
            taken = acquire(path, force=True)
            if isinstance(taken, Lock):
                self.lock = taken
        return None

    def _write(self, path: Path) -> Saved | SaveFailed:
        try:
            written = self.document.save(path)
        except CanvasError as error:
            return SaveFailed(error.summary)
        storage.remove_stale_temporaries(path)
        self.discard_recovery()
        self.base = self.document.canvas
        self._disk_warning = ""
        return Saved(path, written)


def _same_file(one: Path, other: Path) -> bool:
    return os.path.realpath(os.path.abspath(one)) == os.path.realpath(os.path.abspath(other))


def orphaned_untitled(store: RecoveryStore | None = None) -> list[Recovered]:
    """The recovery files of untitled canvases whose editor has gone, newest first: the
    only way back to a canvas that was never saved (``bmc-tui recover``, and the offer made
    when ``bmc-tui`` starts with no file)."""
    store = store if store is not None else RecoveryStore()
    return [
        found
        for found in store.list()
        if isinstance(found, Recovered)
        and found.canvas_path is None
        and not found.writer_alive
        and not (found.pid == os.getpid() and found.host == current_host())
    ]


def restore_to_file(found: Recovered, target: Path, *, force: bool = False) -> Path:
    """Write an orphaned recovery to ``target`` as an ordinary canvas file, then remove the
    recovery file. Never over an existing file unless ``force``; raises ``CanvasError``."""
    if (target.exists() or target.is_symlink()) and not force:
        raise CanvasError.single(target, say("recover-exists", default_language()))
    held = inspect(target)
    if held is not None and not held.stale:
        raise CanvasError.single(
            target, say("recover-target-open", default_language(), owner=held.owner.describe())
        )
    storage.write_canvas(found.canvas, target)
    RecoveryStore(found.file.parent).discard_file(found.file)
    return target


def describe_recovery(found: Recovered, language: Language) -> str:
    """One line for a person: when an untitled canvas was kept, how much it holds, and the
    start of what it says (the title, else the first items)."""
    canvas = found.canvas
    texts = [item.text for _, _, item in canvas.all_items()]
    if canvas.header.title:
        texts.insert(0, canvas.header.title)
    summary = "; ".join(texts[:3]) or "-"
    if len(summary) > 60:
        summary = summary[:59] + "…"
    return say(
        "session-untitled-entry",
        language,
        when=found.written.astimezone().strftime("%Y-%m-%d %H:%M"),
        count=canvas.item_count(),
        summary=displayable(summary),
    )
