"""The terminal driver: Textual's ``LinuxDriver``, made safe for a terminal that can vanish.

Over SSH the terminal can disappear at any moment. Textual 8.2.8's driver then hangs the
editor for good, and this is why (seen with py-spy on hung editors, and in strace):

* When a pty is hung up, the kernel sends its session leader SIGHUP *and SIGCONT* (an editor
  started by tmux or sshd is one). Textual's SIGCONT handler takes any SIGCONT for the end
  of a ctrl+z and "resumes" application mode: from inside the signal handler it starts a
  second writer thread on the dead terminal. That writer dies on its first write (EIO), the
  first one idles on, and the thirty-first write into the dead writer's bounded queue (a
  frame, the shutdown's own escape codes, the stop marker) waits for room forever.
* A writer that dies on EIO/EPIPE, or hangs in ``write()`` to a terminal nobody reads, leaves
  the same queue full, and ``Queue.put`` waits with no timeout. A process blocked there never
  gets back to its event loop, so its SIGHUP/SIGTERM callbacks never run either.

So this driver: resumes only after a stop it took itself; writes through a writer that
never dies on an OSError and never lets a write wait forever once the terminal is known
gone or the editor is ending; and tells its listeners the moment the terminal is gone: an
output error, an input error, or the hang-up itself (``poll`` reports POLLHUP on the input
descriptor). What to do about it is the listener's business (see ``bmc_tui.tui.ending``).
"""

from __future__ import annotations

import codecs
import contextlib
import os
import queue
import select
import selectors
import threading
from collections.abc import Callable
from typing import IO, Any

from textual._loop import loop_last
from textual._parser import ParseError
from textual.drivers._writer_thread import WriterThread
from textual.drivers.linux_driver import LinuxDriver

from bmc_tui.tui.input_parser import EscapeThenKeyParser
from bmc_tui.tui.terminal_image import TerminalImage

#: How long a write waits for room in the writer's queue before it looks again at whether
#: the terminal has gone (room normally comes within milliseconds).
_POLL = 0.05
#: Once the editor is ending, output that cannot be queued within this long is dropped, and
#: the terminal counts as gone: the shutdown's escape codes are a courtesy, not a duty.
ENDING_PATIENCE = 0.25

#: What ``poll`` reports for a terminal that was hung up, whose master closed, or whose
#: input ended.
_HUNG_UP = select.POLLHUP | select.POLLERR | select.POLLNVAL

TerminalLost = Callable[[str], None]


class TerminalWriter(WriterThread):
    """Textual's writer thread, for a terminal that may stop reading or vanish.

    Writes go straight to the file descriptor (``os.write``): a thread stuck in a write then
    holds no lock of the ``sys.stderr`` object, which the interpreter needs when it exits.
    What is queued when nothing can be written any more is drained and dropped, so no
    ``write()`` waits on a queue nobody empties.
    """

    def __init__(self, file: IO[str], driver: TerminalDriver) -> None:
        super().__init__(file)
        self._driver = driver
        self._encoding = getattr(file, "encoding", None) or "utf-8"
        self._errors = getattr(file, "errors", None) or "strict"

    def write(self, text: str) -> None:
        driver = self._driver
        waited = 0.0
        while not driver.terminal_gone.is_set():
            try:
                self._queue.put(text, timeout=_POLL)
            except queue.Full:
                waited += _POLL
                if driver.ending.is_set() and waited >= ENDING_PATIENCE:
                    driver.lose("the terminal takes no output")
            else:
                return

    def run(self) -> None:
        descriptor = self._file.fileno()
        while True:
            text = self._queue.get()
            if text is None:
                return
            chunks = [text]
            stopping = False
            # Everything already queued goes out in one write, as Textual's own writer does
            # by flushing only when its queue is empty.
            while not stopping:
                try:
                    more = self._queue.get_nowait()
                except queue.Empty:
                    break
                if more is None:
                    stopping = True
                else:
                    chunks.append(more)
            if not self._driver.terminal_gone.is_set():
                data = "".join(chunks).encode(self._encoding, self._errors)
                try:
                    _write_all(descriptor, data)
                except OSError as error:
                    self._driver.lose(f"output failed: {error.strerror or error}")
            if stopping:
                return

    def stop(self) -> None:
        """Stop the thread once what is queued is written; never wait on a dead terminal."""
        driver = self._driver
        while True:
            try:
                self._queue.put(None, timeout=_POLL)
                break
            except queue.Full:
                if driver.terminal_gone.is_set() or driver.ending.is_set():
                    # Room for the stop marker: what is queued would be dropped anyway.
                    with contextlib.suppress(queue.Empty):
                        while True:
                            self._queue.get_nowait()
        while self.is_alive():
            self.join(_POLL)
            if driver.terminal_gone.is_set() or driver.ending.is_set():
                # A writer stuck in write() to a terminal nobody reads: a moment, not forever.
                self.join(ENDING_PATIENCE)
                return


def _write_all(descriptor: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        try:
            written = os.write(descriptor, view)
        except BlockingIOError:
            # A descriptor someone set non-blocking: wait until it takes more.
            select.select([], [descriptor], [], _POLL)
            continue
        view = view[written:]


class TerminalDriver(LinuxDriver):
    """``LinuxDriver`` that survives its terminal: see the module docstring."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        #: Set once the terminal is known to be gone: output is dropped from then on.
        self.terminal_gone = threading.Event()
        #: Set when the editor is ending: output may be dropped rather than waited for.
        self.ending = threading.Event()
        self._listeners: list[TerminalLost] = []
        self._listeners_lock = threading.Lock()
        self._gone_reason = ""
        self._stopped_by_us = False
        self._writer: TerminalWriter | None = None
        self._hangup_watch: threading.Thread | None = None
        #: What the terminal shows, so a frame sends only what changed (tui/terminal_image).
        self.image = TerminalImage()
        super().__init__(*args, **kwargs)

    # Textual's start_application_mode builds its writer with ``WriterThread(self._file)`` and
    # starts it on the next line. This property puts a TerminalWriter in its place, so the
    # rest of Textual's start-up (escape codes, termios, the input thread) stays Textual's.
    @property
    def _writer_thread(self) -> TerminalWriter | None:
        return self._writer

    @_writer_thread.setter
    def _writer_thread(self, writer: WriterThread | None) -> None:
        if writer is None or self._file is None:
            self._writer = None
        else:
            self._writer = TerminalWriter(self._file, self)

    # --- the terminal going away ---------------------------------------------------------------

    def when_lost(self, listener: TerminalLost) -> None:
        """Call ``listener(reason)`` (from any thread) once the terminal is gone."""
        with self._listeners_lock:
            self._listeners.append(listener)
            reason = self._gone_reason
        if reason:
            listener(reason)

    def lose(self, reason: str) -> None:
        """The terminal is gone (or takes nothing more): drop output, tell the listeners."""
        with self._listeners_lock:
            if self._gone_reason:
                return
            self._gone_reason = reason
            self.terminal_gone.set()
            listeners = list(self._listeners)
        for listener in listeners:
            listener(reason)

    def start_application_mode(self) -> None:
        # At start-up, and back from ctrl+z or the external editor: what the terminal shows
        # is not what this process drew last.
        self.image.forget()
        super().start_application_mode()  # type: ignore[no-untyped-call]
        if self._hangup_watch is None:
            self._hangup_watch = threading.Thread(
                target=self._watch_for_hangup, name="bmc-hangup-watch", daemon=True
            )
            self._hangup_watch.start()

    def _watch_for_hangup(self) -> None:
        # Asking for no events still reports POLLHUP/POLLERR: the pty was hung up, its
        # master closed, or the input ended. A quiet terminal costs nothing here.
        poller = select.poll()
        poller.register(self.fileno, 0)
        while not self.terminal_gone.is_set():
            try:
                events = poller.poll()
            except OSError:  # pragma: no cover - interrupted on a platform without PEP 475
                continue
            if any(
                mask & (select.POLLHUP | select.POLLERR | select.POLLNVAL) for _, mask in events
            ):
                self.lose("the terminal hung up")
                return

    def run_input_thread(self) -> None:
        # Textual turns an exception here into a panic, which ends the app without its
        # shutdown path; a read that fails because the terminal went is not a bug.
        try:
            self._read_input()
        except OSError as error:
            self.lose(f"input failed: {error.strerror or error}")

    def _read_input(self) -> None:
        """Textual's own input loop (``LinuxDriver.run_input_thread``), with the parser that
        reads ESC x as escape, then x (see ``bmc_tui.tui.input_parser``). Textual builds its
        parser inside that loop, so the loop is here to choose the parser."""
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        parser = EscapeThenKeyParser(self._debug)
        decode = codecs.getincrementaldecoder("utf-8")().decode

        def read(ready: list[tuple[selectors.SelectorKey, int]], final: bool = False) -> None:
            for last, (_key, mask) in loop_last(ready):
                if mask & selectors.EVENT_READ:
                    text = decode(os.read(self.fileno, 1024 * 4), final=final and last)
                    if not text:
                        break
                    for message in parser.feed(text):
                        self.process_message(message)
            for message in parser.tick():
                self.process_message(message)

        try:
            while not self.exit_event.is_set():
                read(selector.select(0.1))
            selector.unregister(self.fileno)
            read(selector.select(0.1), final=True)
        finally:
            selector.close()
            with contextlib.suppress(EOFError, ParseError):
                for _message in parser.feed(""):
                    pass

    # --- ctrl+z, and the SIGCONT a hang-up sends ------------------------------------------------

    def _sigtstp_application(self, *args: Any) -> None:
        self._stopped_by_us = self._auto_restart
        super()._sigtstp_application(*args)

    def _sigcont_application(self, *args: Any) -> None:
        # Only the end of a stop this driver took is a reason to take the terminal back.
        if self._stopped_by_us and not self.terminal_gone.is_set():
            self._stopped_by_us = False
            super()._sigcont_application(*args)
