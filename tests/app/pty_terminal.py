"""The real editor on a real pty, fed key by key as a slow SSH link delivers them.

tmux coalesces what it is sent; here every key is its own ``write`` to the pty, with no
pause between them, so the program reads them as a laggy link delivers them: sometimes one
by one, sometimes several in one read. Tests judge by the file the editor saves, and by the
text on screen: the output goes through a terminal emulator (pyte), because the editor only
sends what changed, so a line on screen is seldom one run of text in the output.
"""

from __future__ import annotations

import fcntl
import os
import re
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path

import pyte

#: The bytes a terminal sends for the keys the tests type.
KEY_BYTES = {
    "enter": b"\r",
    "escape": b"\x1b",
    "space": b" ",
    "tab": b"\t",
    "shift+tab": b"\x1b[Z",
    "backspace": b"\x7f",
    "ctrl+s": b"\x13",
    "ctrl+u": b"\x15",
    "ctrl+q": b"\x11",
    "ctrl+l": b"\x0c",
}

_CONTROL = re.compile(
    rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>78]"
)


#: Kitty keyboard sequences (push, pop, query), which pyte would print ("u").
PYTE_UNSAFE = re.compile(rb"\x1b\[[<>=?][0-9;]*u")


def key_bytes(key: str) -> bytes:
    """What a terminal sends for ``key``: a named key, or the character itself."""
    return KEY_BYTES.get(key) or key.encode()


def paste_bytes(text: str) -> bytes:
    """``text`` as a terminal in bracketed-paste mode sends it."""
    return b"\x1b[200~" + text.encode() + b"\x1b[201~"


class PtyTerminal:
    """``python -m bmc_tui`` on its own pty, its output drained so it never blocks."""

    def __init__(
        self,
        args: list[str],
        env: dict[str, str],
        cwd: Path,
        size: tuple[int, int] = (120, 40),
        *,
        resizable: bool = False,
    ) -> None:
        self._master, slave = os.openpty()
        columns, rows = size
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        # COLUMNS and LINES pin the size (Textual asks shutil, which reads them first); a
        # resizable terminal leaves the size to the pty, which ``resize`` changes.
        sized = {} if resizable else {"COLUMNS": str(columns), "LINES": str(rows)}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bmc_tui", *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env={**env, "TERM": "xterm-256color", **sized},
            cwd=cwd,
            start_new_session=True,
        )
        os.close(slave)
        self._screen = pyte.Screen(columns, rows)
        self._stream = pyte.ByteStream(self._screen)
        self._shown = 0  # how much of the output the screen has been fed
        self._output = bytearray()
        self._lock = threading.Lock()
        self._reader = threading.Thread(target=self._drain, daemon=True)
        self._reader.start()

    def _drain(self) -> None:
        while True:
            try:
                chunk = os.read(self._master, 65536)
            except OSError:
                return
            if not chunk:
                return
            with self._lock:
                self._output += chunk

    @property
    def text(self) -> str:
        """Everything drawn so far, control sequences removed."""
        with self._lock:
            raw = bytes(self._output)
        return _CONTROL.sub(b"", raw).decode(errors="replace")

    def screen(self) -> str:
        """The screen as the terminal shows it now, line by line."""
        return "\n".join(self.emulated().display)

    def emulated(self) -> pyte.Screen:
        """The terminal emulator's screen, fed all output so far."""
        with self._lock:
            new = bytes(self._output[self._shown :])
            self._shown += len(new)
        # (A kitty sequence cut in two by a read is not dropped: pyte would print a "u".)
        self._stream.feed(PYTE_UNSAFE.sub(b"", new))
        return self._screen

    def scribble(self, data: bytes) -> None:
        """Something else writes to the terminal (a background job, ``wall``): the screen
        shows it, and the editor does not know."""
        self.emulated()
        self._stream.feed(data)

    def output(self) -> bytes:
        """Everything written so far, escape sequences and all."""
        with self._lock:
            return bytes(self._output)

    def resize(self, columns: int, rows: int) -> None:
        """Resize the terminal, as a window manager does: new size, then SIGWINCH (for a
        terminal started ``resizable``)."""
        self.screen()
        self._screen.resize(rows, columns)
        fcntl.ioctl(self._master, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        os.killpg(self.process.pid, signal.SIGWINCH)

    def mark(self) -> int:
        """How much the editor has written so far."""
        with self._lock:
            return len(self._output)

    def wait_for(self, text: str, timeout: float = 20.0) -> None:
        """Wait until ``text`` is on screen (within a line)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text in self.screen():
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.02)
        raise AssertionError(f"{text!r} never appeared; the screen ended as:\n{self.screen()}")

    def send(self, *keys: str) -> None:
        """Each key its own write, with no pause between them."""
        for key in keys:
            os.write(self._master, key_bytes(key))

    def send_raw(self, data: bytes) -> None:
        """``data`` in one write: one packet."""
        os.write(self._master, data)

    def wait_exit(self, timeout: float = 20.0) -> int:
        return self.process.wait(timeout=timeout)

    def close(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        os.close(self._master)
        self._reader.join(timeout=5)


def typed(text: str) -> list[str]:
    """The keys that type ``text``, one per character."""
    return ["space" if char == " " else char for char in text]


def wait_until(condition: object, timeout: float = 20.0) -> bool:
    """Poll ``condition()`` until it is true or ``timeout`` passes."""
    assert callable(condition)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return bool(condition())
