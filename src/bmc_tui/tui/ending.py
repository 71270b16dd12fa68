"""How the editor ends when it is told to (SIGTERM) or loses its terminal (SIGHUP, or the
driver finding the terminal gone): unsaved work kept, the lock released, the process gone
within a hard deadline, whatever state Textual is in.

The signal handler does one thing: it writes the signal's number into a pipe. Nothing of
Textual or the event loop runs inside it, so it cannot re-enter either, and it works even
when the event loop is blocked (a Python handler runs as soon as the main thread's wait is
interrupted; a callback queued with ``loop.add_signal_handler`` would wait for the loop).
A thread of its own reads the pipe and does the rest, in this order:

1. Output to the terminal becomes a courtesy: writes that cannot proceed are dropped.
2. The unsaved work is kept and the lock released, on the event loop if it answers within
   ``KEEP_WAIT`` seconds, otherwise from this thread (a stuck loop is not changing the
   canvas, and the recovery file needs no terminal).
3. The app is asked to exit, which normally takes a fraction of a second.
4. If the process is still there ``DEADLINE`` seconds after the trigger, it ends with
   ``os._exit``: its work is safe by then, and a process left behind helps nobody.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from collections.abc import Callable
from types import FrameType
from typing import Any

#: Seconds from the trigger until the process ends, however far Textual's shutdown got.
DEADLINE = 2.0
#: Seconds the event loop gets to keep the work itself before this thread does it.
KEEP_WAIT = 0.75
#: The signals that end the editor: a hang-up (the connection dropped) and a polite kill.
ENDING_SIGNALS = (signal.SIGHUP, signal.SIGTERM)
#: The exit status when the terminal was found gone without a signal: as for SIGHUP.
LOST_STATUS = 128 + signal.SIGHUP

Handler = Callable[[int, FrameType | None], Any] | int | signal.Handlers | None


class Ending:
    """The editor's way out; ``arm()`` it once the event loop runs.

    ``keep`` keeps the unsaved work and releases the lock (it must be safe to call twice;
    only the first call is made). ``exit`` asks the app to exit with a status.
    ``on_ending`` is told first, so the driver can stop waiting on the terminal.
    """

    def __init__(
        self,
        keep: Callable[[], None],
        exit: Callable[[int], None],
        on_ending: Callable[[], None],
        *,
        deadline: float = DEADLINE,
    ) -> None:
        self._keep = keep
        self._exit = exit
        self._on_ending = on_ending
        self._deadline = deadline
        self._kept = threading.Event()
        self._keep_lock = threading.Lock()
        self._read_end, self._write_end = os.pipe()
        os.set_blocking(self._write_end, False)
        self._previous: dict[int, Handler] = {}
        self._thread = threading.Thread(target=self._run, name="bmc-ending", daemon=True)

    def arm(self, call_soon: Callable[[Callable[[], None]], object]) -> None:
        """Install the signal handlers and start the thread that acts on them.

        ``call_soon`` hands a callback to the event loop from another thread
        (``loop.call_soon_threadsafe``). Call from the main thread.
        """
        self._call_soon = call_soon
        for number in ENDING_SIGNALS:
            self._previous[number] = signal.signal(number, self._on_signal)
        self._thread.start()

    def disarm(self) -> None:
        """The editor has ended by itself: the signals get their old handlers back."""
        for number, handler in self._previous.items():
            with contextlib.suppress(ValueError, TypeError):
                signal.signal(number, handler)
        self._previous.clear()

    def _on_signal(self, number: int, frame: FrameType | None) -> None:
        # Nothing but a write to a pipe: safe at any point the main thread can be at.
        self.trigger(number)

    def trigger(self, number: int = 0) -> None:
        """End the editor (from any thread, or a signal handler); 0 = the terminal is gone."""
        with contextlib.suppress(BlockingIOError, OSError):
            os.write(self._write_end, bytes([number]))

    def terminal_lost(self, reason: str) -> None:
        """The driver's listener: the terminal is gone, so end as on a hang-up."""
        self.trigger(0)

    def _run(self) -> None:
        number = os.read(self._read_end, 1)[0]
        started = time.monotonic()
        status = 128 + number if number else LOST_STATUS
        try:
            self._on_ending()
            self._on_loop(self._keep_once)
            if not self._kept.wait(KEEP_WAIT):
                self._keep_once()
            self._on_loop(lambda: self._exit(status))
        finally:
            # Whatever happened above, the process does not outlive the deadline.
            time.sleep(max(0.0, self._deadline - (time.monotonic() - started)))
            os._exit(status)

    def _on_loop(self, callback: Callable[[], None]) -> None:
        with contextlib.suppress(RuntimeError):  # the loop has already closed
            self._call_soon(callback)

    def _keep_once(self) -> None:
        with self._keep_lock:
            if self._kept.is_set():
                return
            try:
                self._keep()
            finally:
                self._kept.set()
