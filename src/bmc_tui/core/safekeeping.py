"""What keeps an open canvas safe outside its own file: its lock and its recovery file.

The editor holds one ``Safekeeping`` per open canvas. It takes the lock when the canvas is
opened, keeps the recovery file in step with unsaved changes (so a dropped SSH connection
or a killed terminal loses nothing), and tidies both away when the canvas is saved or
closed. Headless: imports nothing from Textual.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from bmc_tui.core.locking import Lock, LockHeld, LockUnavailable, acquire
from bmc_tui.core.model import Canvas
from bmc_tui.core.recovery import BrokenRecovery, Recovered, RecoveryStore
from bmc_tui.core.storage import CanvasError


class Safekeeping:
    def __init__(self, path: Path | None, store: RecoveryStore | None = None) -> None:
        self.path = path
        self.store = store or RecoveryStore()
        self.lock: Lock | None = None
        #: True once a recovery file holds this canvas's unsaved changes.
        self.recovery_written = False

    def take_lock(self, *, force: bool = False) -> LockHeld | LockUnavailable | None:
        """Lock the canvas; None when it is ours, otherwise who has it (or why none)."""
        if self.path is None or not self.path.exists():
            return None
        result = acquire(self.path, force=force)
        if isinstance(result, Lock):
            self.lock = result
            return None
        return result

    def pending_recovery(self) -> Recovered | BrokenRecovery | None:
        """Unsaved changes an earlier editor left for this canvas, if any worth offering.

        Offered only while this editor holds the lock: then no other editor is working on
        the canvas, even if the one that wrote the file is still shutting down (a process
        cut off from its terminal can take a while to go).
        """
        found = self.store.find(self.path)
        if not isinstance(found, Recovered):
            return found
        if self.path is not None and self.lock is None and found.writer_alive:
            return None
        if not found.differs:
            # Identical to the file: nothing to recover, so nothing to ask about.
            self.store.discard(self.path)
            return None
        return found

    def keep(self, canvas: Canvas) -> str | None:
        """Write the unsaved canvas to the recovery file; a problem, in one line, or None."""
        try:
            self.store.write(self.path, canvas)
        except CanvasError as error:
            return error.summary
        self.recovery_written = True
        return None

    def forget(self) -> None:
        """The changes are saved or deliberately dropped: the recovery file can go."""
        with contextlib.suppress(OSError):
            self.store.discard(self.path)
        self.recovery_written = False

    def moved_to(self, path: Path) -> None:
        """The canvas was saved under a (new) name: recovery and lock follow it."""
        if path == self.path:
            return
        self.forget()
        self.release()
        self.path = path
        self.take_lock()

    def release(self) -> None:
        if self.lock is not None:
            self.lock.release()
            self.lock = None
