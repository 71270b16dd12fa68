"""End-to-end benchmark of bmc-tui in a real pseudo-terminal, against a budget.

Run from the repository root:

    .venv/bin/python tests/benchmarks/run.py            # full run (~4 minutes)
    .venv/bin/python tests/benchmarks/run.py --quick    # fewer repetitions, for a smoke test

The app (the venv's ``bmc-tui`` console script) runs in a pty of a fixed size; everything it
writes goes into a pyte screen, so the benchmark knows what is on screen, and the terminal
queries Textual sends are answered the way a modern terminal would. See README.md.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import copy
import fcntl
import json
import math
import os
import platform
import random
import re
import resource
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyte

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
VENV_BIN = Path(sys.executable).parent
BMC = VENV_BIN / "bmc-tui"
PYTHON = VENV_BIN / "python"
BARE_APP = HERE / "bare_app.py"
FLOOR_APP = HERE / "floor_app.py"
EXAMPLE = REPO / "canvases" / "example-en.toml"
RESULTS = HERE / "results"

QUIET = 0.150  # no output for this long = the screen has settled
KEY_TIMEOUT = 5.0
START_TIMEOUT = 60.0

sys.path.insert(0, str(HERE))
from bare_app import READY_TEXT  # noqa: E402

from bmc_tui.core.catalogue import BLOCKS  # noqa: E402

# --- the terminal ------------------------------------------------------------------------------

# Queries a terminal answers. Textual 8's LinuxDriver sends only the two DECRQM mode queries
# (?2026 synchronized output, ?2048 in-band resize) and waits for neither; the others are
# answered in case the app (or a future Textual) asks, and every query seen is recorded.
_QUERY = re.compile(
    rb"\x1b\[(?:"
    rb"(?P<da1>0?c)|(?P<da2>>0?c)|(?P<dsr>[56]n)|\?(?P<decrqm>\d+)\$p|(?P<kitty>\?u)"
    rb"|(?P<winsize>1[48]t)|(?P<xtversion>>0?q)"
    rb")"
    rb"|\x1b\](?P<osc>1[01]);\?(?:\x07|\x1b\\)"
)
# Kitty keyboard push/pop/set and the kitty query: pyte misreads them (it prints the "u").
_PYTE_UNSAFE = re.compile(rb"\x1b\[[<>=?][0-9;]*u")


def _incomplete_tail(buffer: bytes) -> int:
    """Index where an unfinished escape sequence starts at the end of ``buffer``, or -1."""
    start = buffer.rfind(b"\x1b")
    if start == -1 or len(buffer) - start > 256:
        return -1
    tail = buffer[start:]
    if len(tail) == 1:
        return start
    if tail[1:2] == b"[":
        return -1 if any(0x40 <= b <= 0x7E for b in tail[2:]) else start
    if tail[1:2] == b"]":
        return -1 if (b"\x07" in tail or b"\x1b\\" in tail) else start
    return -1


@dataclass
class Chunk:
    time: float
    data: bytes


class Terminal:
    """A child process in a pty of a fixed size, its output parsed by pyte."""

    def __init__(
        self,
        argv: list[str],
        cols: int,
        rows: int,
        env: dict[str, str],
        cwd: Path,
        *,
        sync_output: bool = True,
    ) -> None:
        self.cols, self.rows = cols, rows
        self.sync_output = sync_output
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.queries: collections.Counter[str] = collections.Counter()
        self.total = 0  # raw bytes received
        self.last_output = 0.0
        self.capture: bytearray | None = None
        self._queue: collections.deque[Chunk] = collections.deque()
        self._event = threading.Event()
        self._closed = False

        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.fd = master
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(
            argv,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            cwd=cwd,
            start_new_session=True,
            preexec_fn=_take_controlling_tty,
            close_fds=True,
        )
        os.close(slave)
        self.last_output = self.started
        self._reader = threading.Thread(target=self._read_loop, daemon=True)
        self._reader.start()

    # The reader thread only reads, timestamps and answers queries, so a slow pyte parse in
    # the main thread never delays a timestamp (or the app, blocked on a full pty buffer).
    def _read_loop(self) -> None:
        carry = b""
        while True:
            try:
                data = os.read(self.fd, 65536)
            except OSError:
                break
            if not data:
                break
            now = time.perf_counter()
            buffer = carry + data
            cut = _incomplete_tail(buffer)
            if cut >= 0:
                buffer, carry = buffer[:cut], buffer[cut:]
            else:
                carry = b""
            if buffer:
                self._answer(buffer)
            self._queue.append(Chunk(now, data))
            self._event.set()
        self._closed = True
        self._event.set()

    def _answer(self, buffer: bytes) -> None:
        for match in _QUERY.finditer(buffer):
            kind = match.lastgroup or "?"
            reply: bytes | None = None
            if kind == "da1":
                reply = b"\x1b[?62;22c"
            elif kind == "da2":
                reply = b"\x1b[>1;10;0c"
            elif kind == "dsr":
                if match["dsr"] == b"5n":
                    reply = b"\x1b[0n"
                else:  # cursor position report
                    cursor = self.screen.cursor
                    reply = f"\x1b[{cursor.y + 1};{cursor.x + 1}R".encode()
            elif kind == "decrqm":
                mode = int(match["decrqm"])
                # 2 = "reset but supported"; 0 = "not recognised" (what xterm says of both).
                value = 2 if (mode == 2026 and self.sync_output) else 0
                reply = f"\x1b[?{mode};{value}$y".encode()
                kind = f"decrqm?{mode}"
            elif kind == "winsize":
                if match["winsize"] == b"18t":
                    reply = f"\x1b[8;{self.rows};{self.cols}t".encode()
            elif kind == "osc":
                colour = "ffff/ffff/ffff" if match["osc"] == b"10" else "0000/0000/0000"
                reply = f"\x1b]{match['osc'].decode()};rgb:{colour}\x1b\\".encode()
                kind = f"osc{match['osc'].decode()}"
            # kitty (?u) and xtversion: not answered, like xterm; a terminal without the
            # feature is silent, and Textual must not wait for it.
            self.queries[kind + ("" if reply else " (unanswered)")] += 1
            if reply:
                with contextlib.suppress(OSError):
                    os.write(self.fd, reply)

    # --- main-thread side -----------------------------------------------------------------

    def pump(self, timeout: float, until: Callable[[], bool] | None = None) -> float | None:
        """Parse output for up to ``timeout`` s; return the chunk time at which ``until``
        became true (checked after each chunk), or None."""
        deadline = time.perf_counter() + timeout
        while True:
            while self._queue:
                chunk = self._queue.popleft()
                self._feed(chunk)
                if until is not None and until():
                    return chunk.time
            remaining = deadline - time.perf_counter()
            if remaining <= 0 or (self._closed and not self._queue):
                return None
            self._event.clear()
            if not self._queue:
                self._event.wait(min(remaining, 0.02))

    def _feed(self, chunk: Chunk) -> None:
        self.total += len(chunk.data)
        self.last_output = chunk.time
        if self.capture is not None:
            self.capture += chunk.data
        self.stream.feed(_PYTE_UNSAFE.sub(b"", chunk.data))

    def wait_for(self, predicate: Callable[[], bool], timeout: float = KEY_TIMEOUT) -> float:
        if predicate():
            return time.perf_counter()
        found = self.pump(timeout, predicate)
        if found is None:
            raise TimeoutError(f"screen never matched; screen was:\n{self.dump()}")
        return found

    def settle(
        self, quiet: float = QUIET, timeout: float = KEY_TIMEOUT, after: float = 0.0
    ) -> float:
        """Wait until nothing has been written for ``quiet`` s (counted from ``after`` at the
        earliest, e.g. the moment a key was sent); return the last output time."""
        deadline = time.perf_counter() + timeout
        while True:
            self.pump(0)
            now = time.perf_counter()
            since = now - max(self.last_output, after)
            if since >= quiet:
                return self.last_output
            if now > deadline:
                raise TimeoutError("output never settled")
            self.pump(quiet - since)

    def send(self, data: bytes) -> float:
        self.pump(0)
        when = time.perf_counter()
        os.write(self.fd, data)
        return when

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def row_text(self, row: int, col: int, length: int) -> str:
        line = self.screen.buffer[row]
        return "".join(line[x].data for x in range(col, min(col + length, self.cols)))

    def find(self, needle: str) -> tuple[int, int] | None:
        for y, line in enumerate(self.screen.display):
            x = line.find(needle)
            if x >= 0:
                return y, x
        return None

    def snapshot(self) -> list[tuple[Any, ...]]:
        self.screen.dirty.clear()
        return [self._line(y) for y in range(self.rows)]

    def _line(self, y: int) -> tuple[Any, ...]:
        line = self.screen.buffer[y]
        return tuple(line[x] for x in range(self.cols))

    def changed_since(self, snapshot: list[tuple[Any, ...]]) -> Callable[[], bool]:
        def predicate() -> bool:
            dirty = [y for y in list(self.screen.dirty) if y < self.rows]
            return any(self._line(y) != snapshot[y] for y in dirty)

        return predicate

    def dump(self) -> str:
        border = "+" + "-" * self.cols + "+"
        return "\n".join([border, *("|" + line + "|" for line in self.screen.display), border])

    def cpu_seconds(self) -> float | None:
        """User and system CPU time the child has used so far (``/proc``), or None."""
        try:
            fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            return None
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def status(self) -> dict[str, int]:
        """VmHWM / VmRSS of the child, in KiB."""
        out: dict[str, int] = {}
        try:
            for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
                key, _, value = line.partition(":")
                if key in ("VmHWM", "VmRSS"):
                    out[key] = int(value.split()[0])
        except OSError:
            pass
        return out

    def quit(self, timeout: float = 5.0) -> str:
        """ctrl+q (Discard if asked); kill on timeout. Returns how it ended."""
        if self.proc.poll() is None:
            self.send(b"\x11")
            deadline = time.perf_counter() + timeout
            discarded = False
            while self.proc.poll() is None and time.perf_counter() < deadline:
                self.pump(0.05)
                if not discarded and "unsaved changes" in self.text():
                    self.send(b"d")
                    discarded = True
            if self.proc.poll() is None:
                self.kill()
                return "killed"
        self.close()
        return "quit"

    def kill(self) -> None:
        if self.proc.poll() is None:
            with contextlib.suppress(Exception):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(5)
        self.close()

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.proc.wait(5)
        self._reader.join(2)
        with contextlib.suppress(Exception):
            os.close(self.fd)


def _take_controlling_tty() -> None:
    # start_new_session has already made the child a session leader; stdin is the pty slave.
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


# --- what is on screen ----------------------------------------------------------------------


def titles_visible(term: Terminal) -> bool:
    text = term.text()
    return all(
        f"{b.number} {b.title('en')}" in text or f"{b.number} {b.short_title('en')}" in text
        for b in BLOCKS
    )


def bare_visible(term: Terminal) -> bool:
    return READY_TEXT in term.text()


# --- decoding what the app wrote -------------------------------------------------------------

_CSI = re.compile(rb"\x1b\[([0-9;:?<>=]*)([ -/]*)([@-~])")
_OSC = re.compile(rb"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")


def describe(data: bytes, rows: int) -> dict[str, Any]:
    """What a burst of output does: frames, cursor jumps, rows touched, SGR and text bytes."""
    moves: list[tuple[int, int]] = []
    sgr = sgr_bytes = other = other_bytes = 0
    text_bytes = 0
    rows_touched: collections.Counter[int] = collections.Counter()
    position = 0
    row = None
    for match in _CSI.finditer(data):
        gap = data[position : match.start()]
        text_bytes += len(_OSC.sub(b"", gap))
        if row is not None and gap:
            rows_touched[row] += len(gap.decode("utf-8", "replace"))
        position = match.end()
        params, _, final = match.groups()
        if final == b"H":
            parts = params.split(b";")
            y = int(parts[0] or 1)
            x = int(parts[1] or 1) if len(parts) > 1 else 1
            moves.append((y, x))
            row = y
        elif final == b"m":
            sgr += 1
            sgr_bytes += len(match.group(0))
        else:
            other += 1
            other_bytes += len(match.group(0))
    gap = data[position:]
    text_bytes += len(_OSC.sub(b"", gap))
    if row is not None and gap:
        rows_touched[row] += len(gap.decode("utf-8", "replace"))
    return {
        "bytes": len(data),
        "sync_frames": data.count(b"\x1b[?2026h"),
        "cursor_moves": len(moves),
        "sgr_sequences": sgr,
        "sgr_bytes": sgr_bytes,
        "other_csi": other,
        "other_csi_bytes": other_bytes,
        "text_bytes": text_bytes,
        "rows_touched": sorted(rows_touched),
        "rows_touched_count": len(rows_touched),
        "rows_total": rows,
        "cells_written_per_row": {str(k): v for k, v in sorted(rows_touched.items())},
        "first_moves": [f"{y};{x}" for y, x in moves[:40]],
        "all_moves": [f"{y};{x}" for y, x in moves],
    }


def frames(before: pyte.Screen, data: bytes) -> list[dict[str, Any]]:
    """Replay ``data`` frame by frame (split at synchronized-output starts) onto a copy of
    the screen as it was before the key, and count the cells each frame really changed."""
    screen = copy.deepcopy(before)
    stream = pyte.ByteStream(screen)
    cols, rows = screen.columns, screen.lines

    def grid() -> list[list[Any]]:
        return [[screen.buffer[y][x] for x in range(cols)] for y in range(rows)]

    previous = grid()
    out = []
    parts = data.split(b"\x1b[?2026h")
    for index, part in enumerate(parts):
        if not part:
            continue
        raw = part if index == 0 else b"\x1b[?2026h" + part
        stream.feed(_PYTE_UNSAFE.sub(b"", raw))
        now = grid()
        changed: dict[int, list[int]] = collections.defaultdict(list)
        for y in range(rows):
            for x in range(cols):
                if now[y][x] != previous[y][x]:
                    changed[y + 1].append(x + 1)
        written = describe(raw, rows)
        out.append(
            {
                "bytes": len(raw),
                "rows_written": written["rows_touched_count"],
                "cells_changed": sum(len(xs) for xs in changed.values()),
                "changed": {
                    str(y): f"cols {min(xs)}-{max(xs)} ({len(xs)} cells)"
                    for y, xs in sorted(changed.items())
                },
            }
        )
        previous = now
    return out


# --- statistics --------------------------------------------------------------------------------


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def p95(values: list[float]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def summary(values: list[float]) -> dict[str, Any]:
    return {
        "n": len(values),
        "median": median(values),
        "p95": p95(values),
        "min": min(values) if values else None,
        "max": max(values) if values else None,
    }


# --- sessions ----------------------------------------------------------------------------------


@dataclass
class Case:
    name: str
    kind: str  # "bare", "floor" (bare + reading the canvas: floor_app.py) or "bmc"
    cols: int
    rows: int
    canvas: Path | None = None
    interact: bool = True
    max_runs: int | None = None  # startup-only extras get fewer runs, to stay within ~5 min


@dataclass
class Samples:
    startup: list[float] = field(default_factory=list)
    startup_cpu: list[float] = field(default_factory=list)
    first_paint: list[float] = field(default_factory=list)
    startup_bytes: list[float] = field(default_factory=list)
    hwm_kib: list[float] = field(default_factory=list)
    type_visible: list[float] = field(default_factory=list)
    type_settle: list[float] = field(default_factory=list)
    type_bytes: list[float] = field(default_factory=list)
    pane_visible: list[float] = field(default_factory=list)
    pane_settle: list[float] = field(default_factory=list)
    pane_bytes: list[float] = field(default_factory=list)
    item_visible: list[float] = field(default_factory=list)
    item_settle: list[float] = field(default_factory=list)
    item_bytes: list[float] = field(default_factory=list)
    idle_list_bps: list[float] = field(default_factory=list)
    idle_editor_bps: list[float] = field(default_factory=list)
    ended: collections.Counter[str] = field(default_factory=collections.Counter)
    queries: collections.Counter[str] = field(default_factory=collections.Counter)
    errors: list[str] = field(default_factory=list)


def clean_env(home: Path) -> dict[str, str]:
    env = {
        "PATH": f"{VENV_BIN}:/usr/local/bin:/usr/bin:/bin",
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_STATE_HOME": str(home / ".local" / "state"),
        "XDG_RUNTIME_DIR": str(home / "run"),
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
    }
    for key in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        Path(env[key]).mkdir(parents=True, exist_ok=True)
    (home / "run").mkdir(mode=0o700, exist_ok=True)
    return env


class Bench:
    def __init__(self, work: Path, args: argparse.Namespace) -> None:
        self.work = work
        self.args = args
        self.env = clean_env(work / "home")
        self.samples: dict[str, Samples] = collections.defaultdict(Samples)
        self.byte_samples: dict[str, bytes] = {}
        self.before_screens: dict[str, pyte.Screen] = {}
        self.screens: dict[str, str] = {}

    def spawn(self, case: Case) -> Terminal:
        if case.kind == "bare":
            argv = [str(PYTHON), str(BARE_APP)]
        elif case.kind == "floor":
            assert case.canvas is not None
            argv = [str(PYTHON), str(FLOOR_APP), str(case.canvas)]
        else:
            assert case.canvas is not None
            argv = [str(BMC), str(case.canvas)]
        return Terminal(
            argv, case.cols, case.rows, self.env, self.work, sync_output=not self.args.no_sync
        )

    def session(self, case: Case, index: int) -> None:
        s = self.samples[case.name]
        term = self.spawn(case)
        try:
            ready = titles_visible if case.kind == "bmc" else bare_visible
            painted = term.wait_for(lambda: ready(term), START_TIMEOUT)
            done = term.settle()
            s.first_paint.append(painted - term.started)
            s.startup.append(done - term.started)
            if (used := term.cpu_seconds()) is not None:
                s.startup_cpu.append(used)
            s.startup_bytes.append(term.total)
            if case.name not in self.screens:
                self.screens[case.name] = term.dump()
            if case.kind == "bmc" and case.interact:
                self.item_moves(term, s, case)
                self.pane_moves(term, s, case)
                self.typing(term, s, case)
            if index == 0 and not self.args.no_idle and case.interact:
                self.idle(term, s, case)
            status = term.status()
            if "VmHWM" in status:
                s.hwm_kib.append(status["VmHWM"])
            s.queries.update(term.queries)
        except Exception as error:  # record, keep going: one bad run must not lose the rest
            s.errors.append(f"run {index}: {type(error).__name__}: {error}")
            print(f"  ! {case.name} run {index}: {error}", file=sys.stderr)
            term.kill()
            s.ended["killed"] += 1
            return
        s.ended[term.quit()] += 1

    def _key(
        self, term: Terminal, key: bytes, capture_as: str | None = None
    ) -> tuple[float, float, int]:
        """Press ``key``; return (first visible change, settled, bytes) in seconds/bytes."""
        snap = term.snapshot()
        before = term.total
        if capture_as and capture_as not in self.byte_samples:
            term.capture = bytearray()
            self.before_screens[capture_as] = copy.deepcopy(term.screen)
        sent = term.send(key)
        visible = term.wait_for(term.changed_since(snap))
        settled = term.settle()
        if term.capture is not None:
            self.byte_samples[capture_as] = bytes(term.capture)  # type: ignore[index]
            term.capture = None
        return visible - sent, settled - sent, term.total - before

    def item_moves(self, term: Terminal, s: Samples, case: Case) -> None:
        # Block 1 has the focus at start, its first item highlighted; three down, three up
        # stays inside the list (the example's block 1 has five items).
        for key in b"jjjkkk":
            visible, settled, nbytes = self._key(term, bytes([key]), f"{case.name}:item-move")
            s.item_visible.append(visible)
            s.item_settle.append(settled)
            s.item_bytes.append(nbytes)

    def pane_moves(self, term: Terminal, s: Samples, case: Case) -> None:
        # 1 -> 2 -> 4 -> 5 and back: never past the edge, so every key moves the focus.
        term.settle(after=term.send(b"1"))
        for key in b"lllhhh":
            visible, settled, nbytes = self._key(term, bytes([key]), f"{case.name}:pane-move")
            s.pane_visible.append(visible)
            s.pane_settle.append(settled)
            s.pane_bytes.append(nbytes)

    def open_editor(self, term: Terminal) -> tuple[int, int]:
        term.settle(after=term.send(b"4"))
        term.send(b"a")
        term.wait_for(lambda: self._placeholder(term) is not None)
        term.settle()
        where = self._placeholder(term)
        assert where is not None
        return where

    @staticmethod
    def _placeholder(term: Terminal) -> tuple[int, int] | None:
        """Where the new-item editor's placeholder is: the editor shows its long form, or the
        short one where the pane is narrow (the words come from the message catalogue)."""
        from bmc_tui.core.messages import say

        for text in (say("editor-add", "en"), say("editor-add-short", "en")):
            if (where := term.find(text[:12])) is not None:
                return where
        return None

    def close_editor(self, term: Terminal) -> None:
        # Escape hands the focus back to the list: that repaints, so wait for it to land.
        snap = term.snapshot()
        sent = term.send(b"\x1b")
        term.wait_for(term.changed_since(snap))
        term.settle(after=sent)

    def typing(self, term: Terminal, s: Samples, case: Case) -> None:
        row, col = self.open_editor(term)
        typed = ""
        for char in "zqxwvy"[: self.args.chars]:
            typed += char
            if case.name + ":typed-char" not in self.byte_samples:
                term.capture = bytearray()
                self.before_screens[case.name + ":typed-char"] = copy.deepcopy(term.screen)
            before = term.total
            sent = term.send(char.encode())
            visible = term.wait_for(
                lambda target=typed: term.row_text(row, col, len(target)) == target
            )
            settled = term.settle()
            if term.capture is not None:
                self.byte_samples[case.name + ":typed-char"] = bytes(term.capture)
                term.capture = None
            s.type_visible.append(visible - sent)
            s.type_settle.append(settled - sent)
            s.type_bytes.append(term.total - before)
        if case.name + ":editor" not in self.screens:
            self.screens[case.name + ":editor"] = term.dump()
        self.close_editor(term)

    def idle(self, term: Terminal, s: Samples, case: Case) -> None:
        seconds = self.args.idle_seconds
        term.settle(quiet=0.5)
        before = term.total
        term.pump(seconds)
        s.idle_list_bps.append((term.total - before) / seconds)
        if case.kind == "bmc":
            self.open_editor(term)
            term.settle(quiet=0.5)
            before = term.total
            term.pump(seconds)
            s.idle_editor_bps.append((term.total - before) / seconds)
            self.close_editor(term)


# --- the generated canvas ----------------------------------------------------------------------

WORDS = (  # noqa: SIM905
    "bakery subscription wholesale flour oven courier café loyalty sourdough croissant "
    "delivery weekend market pastry supplier partner margin rent staff training tasting "
    "workshop catering corporate festival seasonal organic local heritage grain butter"
).split()


def generate_canvas(path: Path, count: int) -> None:
    from bmc_tui.core.model import Canvas, Header, Item, new_item_id

    rng = random.Random(20250314)
    ids: set[str] = set()
    blocks: dict[Any, list[Item]] = {block.id: [] for block in BLOCKS}
    for n in range(count):
        block = BLOCKS[n % len(BLOCKS)]
        item_id = new_item_id()
        while item_id in ids:
            item_id = new_item_id()
        ids.add(item_id)
        words = rng.sample(WORDS, rng.randint(3, 9))
        fields: dict[str, Any] = {"id": item_id, "text": f"{' '.join(words).capitalize()} #{n}"}
        if n % 7 == 0:
            fields["tags"] = (rng.choice(["local", "online", "wholesale"]),)
        if n % 11 == 0:
            fields["note"] = "A generated note.\nWith a second line."
        blocks[block.id].append(Item(**fields))
    canvas = Canvas(
        header=Header(title=f"Generated canvas, {count} items", language="en"),
        blocks={block_id: tuple(items) for block_id, items in blocks.items()},
    )
    from bmc_tui.core.storage import save

    save(canvas, path)


# --- the command line --------------------------------------------------------------------------


#: The headless commands measured on each generated canvas: a name and the arguments after
#: ``bmc-tui``; ``{c}`` is the canvas, ``{ours}``/``{theirs}`` its changed copies, ``{out}`` a
#: file in the work folder (exports write there, so the terminal's speed does not count).
HEADLESS: dict[str, list[str]] = {
    "validate": ["validate", "{c}"],
    "fmt --check": ["fmt", "--check", "{c}"],
    "check": ["check", "{c}"],
    "show": ["show", "--width", "120", "{c}"],
    "export md": ["export", "--format", "md", "--output", "{out}.md", "{c}"],
    "export html": ["export", "--format", "html", "--output", "{out}.html", "{c}"],
    "export json": ["export", "--format", "json", "--output", "{out}.json", "{c}"],
    "export svg": ["export", "--format", "svg", "--output", "{out}.svg", "{c}"],
    "diff": ["diff", "{c}", "{ours}"],
    "merge": ["merge", "--output", "{out}.toml", "{c}", "{ours}", "{theirs}"],
}


def size_label(items: int) -> str:
    """``1k`` for 1,000 items, ``10k`` for 10,000: how a generated canvas is named."""
    return f"{items // 1000}k" if items >= 1000 and items % 1000 == 0 else str(items)


def changed_copy(path: Path, out: Path, word: str, last_digit: str) -> Path:
    """A copy of a generated canvas with every tenth item's text changed (those whose number
    ends in ``last_digit``): the other side of a diff, or one side of a merge."""
    text = re.sub(rf' #(\d*{last_digit})"$', rf' {word} #\1"', path.read_text("utf-8"), flags=re.M)
    out.write_text(text, "utf-8")
    return out


def _children_cpu() -> float:
    """User and system CPU seconds of the finished child processes so far. On a machine
    shared with other work, a command's CPU time varies far less than its wall time."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def cli_benchmarks(bench: Bench, canvases: dict[str, Path], runs: int) -> dict[str, Any]:
    commands: dict[str, list[str]] = {"python -c pass": [str(PYTHON), "-c", "pass"]}
    for label, path in canvases.items():
        ours = changed_copy(path, path.with_name(f"{path.stem}-ours.toml"), "ours", "5")
        theirs = changed_copy(path, path.with_name(f"{path.stem}-theirs.toml"), "theirs", "7")
        out = str(bench.work / f"out-{label}")
        for name, template in HEADLESS.items():
            args = [part.format(c=path, ours=ours, theirs=theirs, out=out) for part in template]
            commands[f"{name} {label}"] = [str(BMC), *args]
    times: dict[str, list[float]] = {name: [] for name in commands}
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    codes: dict[str, set[int]] = {name: set() for name in commands}
    for run in range(runs):
        for name, argv in commands.items():  # interleaved: noise hits every command alike
            if run >= 3 and (median(times[name]) or 0) > 5.0:
                continue
            used = _children_cpu()
            start = time.perf_counter()
            done = subprocess.run(
                argv, env=bench.env, cwd=bench.work, capture_output=True, timeout=300
            )
            times[name].append(time.perf_counter() - start)
            cpu[name].append(_children_cpu() - used)
            codes[name].add(done.returncode)
    base = median(times["python -c pass"]) or 1.0
    return {
        name: {
            **summary(values),
            "cpu": summary(cpu[name]),
            "ratio_vs_python": (median(values) or 0) / base,
            "exit_codes": sorted(codes[name]),
        }
        for name, values in times.items()
    }


# --- budget and report -------------------------------------------------------------------------


def ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def build_budget(data: dict[str, Any]) -> list[dict[str, Any]]:
    c = data["cases"]

    def m(case: str, metric: str, stat: str = "median") -> float | None:
        return c.get(case, {}).get(metric, {}).get(stat)

    rows: list[tuple[str, float | None, float | None, str]] = [
        (
            "startup example 120x40 / bare",
            ratio(m("example-120x40", "startup_s"), m("bare-120x40", "startup_s")),
            1.6,
            "x",
        ),
        (
            "startup example / bare (cpu)",
            ratio(m("example-120x40", "startup_cpu_s"), m("bare-120x40", "startup_cpu_s")),
            1.6,
            "x",
        ),
        (
            "startup 10k 120x40 / example",
            ratio(m("10k-120x40", "startup_s"), m("example-120x40", "startup_s")),
            1.3,
            "x",
        ),
        (
            "startup 10k / example (cpu)",
            ratio(m("10k-120x40", "startup_cpu_s"), m("example-120x40", "startup_cpu_s")),
            1.3,
            "x",
        ),
        (
            "peak memory example / bare",
            ratio(m("example-120x40", "peak_rss_kib"), m("bare-120x40", "peak_rss_kib")),
            1.35,
            "x",
        ),
        (
            "peak memory 10k / bare",
            ratio(m("10k-120x40", "peak_rss_kib"), m("bare-120x40", "peak_rss_kib")),
            1.8,
            "x",
        ),
        ("bytes per typed char 120x40 (median)", m("example-120x40", "type_bytes"), 80, "B"),
        ("typed char visible median", _ms(m("example-120x40", "type_visible_s")), 10, "ms"),
        ("typed char visible p95", _ms(m("example-120x40", "type_visible_s", "p95")), 20, "ms"),
        ("bytes per pane move 120x40 (median)", m("example-120x40", "pane_bytes"), 4000, "B"),
        ("pane move settled median", _ms(m("example-120x40", "pane_settle_s")), 50, "ms"),
        (
            "idle output, list focused (example 120x40)",
            m("example-120x40", "idle_list_bytes_per_s"),
            0,
            "B/s",
        ),
    ]
    rows += headless_budget(data["cli"], *data["settings"]["headless_sizes"])

    # Not budgets: how much of the ratios above is the stack the product must stand on
    # (Textual, tomllib, Pydantic: floor_app.py) and how much is the editor itself.
    def info(
        label: str, case: str, metric: str, baseline: str
    ) -> tuple[str, float | None, None, str]:
        return (f"{label} (not a budget)", ratio(m(case, metric), m(baseline, metric)), None, "x")

    rows += [
        info("startup floor / bare", "floor-120x40", "startup_s", "bare-120x40"),
        info("startup example / floor", "example-120x40", "startup_s", "floor-120x40"),
        info("peak memory floor / bare", "floor-120x40", "peak_rss_kib", "bare-120x40"),
        info("peak memory example / floor", "example-120x40", "peak_rss_kib", "floor-120x40"),
        info("peak memory 10k / floor", "10k-120x40", "peak_rss_kib", "floor-120x40"),
    ]
    out = []
    for name, value, limit, unit in rows:
        if limit is None:
            verdict = "info"
        else:
            verdict = "n/a" if value is None else ("PASS" if value <= limit else "FAIL")
        over = None if value is None or not limit else value / limit
        out.append(
            {
                "budget": name,
                "value": value,
                "limit": limit,
                "unit": unit,
                "verdict": verdict,
                "over_by": over,
            }
        )
    return out


#: Every headless command on the large canvas within this many times ``validate`` on it...
HEADLESS_VS_VALIDATE = 2.5
#: ...and growing linearly: the large canvas's time within this many times the small one's.
HEADLESS_GROWTH = 12.0


def headless_budget(
    cli: dict[str, Any], small: str, large: str
) -> list[tuple[str, float | None, float, str]]:
    """Budget rows for the headless commands: each against ``validate`` on the large canvas,
    and its large-canvas time against its small-canvas time."""

    def t(name: str, label: str) -> float | None:
        return cli.get(f"{name} {label}", {}).get("median")

    def c(name: str, label: str) -> float | None:
        return cli.get(f"{name} {label}", {}).get("cpu", {}).get("median")

    rows: list[tuple[str, float | None, float, str]] = []
    for name in HEADLESS:
        if name != "validate":
            rows.append(
                (
                    f"{name} {large} / validate {large}",
                    ratio(t(name, large), t("validate", large)),
                    HEADLESS_VS_VALIDATE,
                    "x",
                )
            )
            # The same ratio in CPU time (user + system): beside the wall time, which
            # stays the budget's figure, for a machine busy with other work.
            rows.append(
                (
                    f"{name} {large} / validate {large} (cpu)",
                    ratio(c(name, large), c("validate", large)),
                    HEADLESS_VS_VALIDATE,
                    "x",
                )
            )
        rows.append(
            (
                f"{name} {large} / {small}",
                ratio(t(name, large), t(name, small)),
                HEADLESS_GROWTH,
                "x",
            )
        )
    return rows


def _ms(seconds: float | None) -> float | None:
    return None if seconds is None else seconds * 1000


METRICS = [
    ("startup_s", "startup", "s"),
    ("startup_cpu_s", "startup_cpu", "s"),
    ("first_paint_s", "first_paint", "s"),
    ("startup_bytes", "startup_bytes", "B"),
    ("peak_rss_kib", "hwm_kib", "KiB"),
    ("type_visible_s", "type_visible", "s"),
    ("type_settle_s", "type_settle", "s"),
    ("type_bytes", "type_bytes", "B"),
    ("pane_visible_s", "pane_visible", "s"),
    ("pane_settle_s", "pane_settle", "s"),
    ("pane_bytes", "pane_bytes", "B"),
    ("item_visible_s", "item_visible", "s"),
    ("item_settle_s", "item_settle", "s"),
    ("item_bytes", "item_bytes", "B"),
    ("idle_list_bytes_per_s", "idle_list_bps", "B/s"),
    ("idle_editor_bytes_per_s", "idle_editor_bps", "B/s"),
]


def fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if unit == "s":
        return f"{value * 1000:.1f} ms"
    if unit == "ms":
        return f"{value:.1f} ms"
    if unit == "x":
        return f"{value:.2f}x"
    if unit == "KiB":
        return f"{value / 1024:.1f} MiB"
    return f"{value:,.0f} {unit}"


def print_report(data: dict[str, Any]) -> None:
    print("\n== Per case (median / p95, n) ==")
    for name, metrics in data["cases"].items():
        print(f"\n[{name}]")
        for key, _, unit in METRICS:
            stats = metrics.get(key)
            if not stats or not stats["n"]:
                continue
            print(
                f"  {key:<26} {fmt(stats['median'], unit):>14} / "
                f"{fmt(stats['p95'], unit):>14}   n={stats['n']}"
            )
        if metrics.get("errors"):
            print(f"  errors: {metrics['errors']}")
    print("\n== Command line (median wall time, ratio vs `python -c pass`, median CPU) ==")
    for name, stats in data["cli"].items():
        print(
            f"  {name:<34} {fmt(stats['median'], 's'):>12}  "
            f"p95 {fmt(stats['p95'], 's'):>12}  {stats['ratio_vs_python']:6.1f}x  "
            f"cpu {fmt(stats.get('cpu', {}).get('median'), 's'):>10}  "
            f"exit {stats['exit_codes']}"
        )
    print("\n== One sample of each action, frame by frame (bytes written / cells changed) ==")
    for name, sample in data.get("output_samples", {}).items():
        parts = ", ".join(f"{f['bytes']:,}/{f['cells_changed']}" for f in sample["frames"])
        print(f"  {name:<28} {sample['bytes']:>7,} B in {len(sample['frames'])} frames: {parts}")
    print("\n== Budget ==")
    for row in data["budget"]:
        unit = row["unit"]
        over = (
            f"  ({row['over_by']:.1f}x the limit)"
            if row["verdict"] == "FAIL" and row["over_by"]
            else ""
        )
        print(
            f"  {row['verdict']:<5} {row['budget']:<44} {fmt(row['value'], unit):>12}"
            f"  limit {fmt(row['limit'], unit):>10}{over}"
        )


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="2 runs each, for a smoke test")
    parser.add_argument("--runs", type=int, default=7, help="app sessions per case (default 7)")
    parser.add_argument(
        "--cli-runs",
        type=int,
        default=3,
        help="runs per headless command",
    )
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--chars", type=int, default=5, help="typed chars per session")
    parser.add_argument("--idle-seconds", type=float, default=3.0)
    parser.add_argument("--no-idle", action="store_true")
    parser.add_argument("--wide", action="store_true", help="also measure at 200x60")
    parser.add_argument(
        "--no-sync",
        action="store_true",
        help="answer ?2026 as unsupported (no synchronized output)",
    )
    parser.add_argument("--dump", action="store_true", help="print each case's screen once")
    parser.add_argument("--output", type=Path, default=RESULTS / "latest.json")
    args = parser.parse_args(list(argv) if argv is not None else None)
    if args.quick:
        args.runs, args.cli_runs = 2, 2

    if not BMC.exists():
        print(f"{BMC} not found: run with the venv's python (.venv/bin/python)", file=sys.stderr)
        return 2

    began = time.perf_counter()
    load_at_start = os.getloadavg()
    work = Path(tempfile.mkdtemp(prefix="bmc-bench-"))
    try:
        bench = Bench(work, args)
        example = work / "example-en.toml"
        shutil.copyfile(EXAMPLE, example)
        big = work / f"generated-{size_label(args.items)}.toml"
        small = work / f"generated-{size_label(args.items // 10)}.toml"
        for path, count in ((big, args.items), (small, args.items // 10)):
            t = time.perf_counter()
            generate_canvas(path, count)
            print(
                f"generated {count} items ({path.stat().st_size:,} bytes) "
                f"in {time.perf_counter() - t:.1f} s"
            )
        sizes = [size_label(args.items // 10), size_label(args.items)]

        cases = [
            Case("bare-120x40", "bare", 120, 40),
            Case("floor-120x40", "floor", 120, 40, example, interact=False),
            Case("example-120x40", "bmc", 120, 40, example),
            Case("10k-120x40", "bmc", 120, 40, big),
        ]
        if args.wide:  # the budget is at 120x40; a larger terminal on request
            cases += [
                Case("bare-200x60", "bare", 200, 60),
                Case("example-200x60", "bmc", 200, 60, example),
                Case("10k-200x60", "bmc", 200, 60, big, interact=False, max_runs=3),
            ]
        order = random.Random(7)
        for run in range(args.runs):
            shuffled = cases[:]
            order.shuffle(shuffled)  # interleaved, in a different order each round
            print(
                f"round {run + 1}/{args.runs} ({time.perf_counter() - began:.0f} s): "
                + ", ".join(c.name for c in shuffled),
                flush=True,
            )
            for case in shuffled:
                if case.max_runs is None or run < case.max_runs:
                    bench.session(case, run)

        print("command line…", flush=True)
        cli = cli_benchmarks(bench, {sizes[0]: small, sizes[1]: big}, args.cli_runs)

        data: dict[str, Any] = {
            "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "machine": {
                "python": platform.python_version(),
                "platform": platform.platform(),
                "cpus": os.cpu_count(),
                "loadavg_at_start": load_at_start,
                "loadavg_at_end": os.getloadavg(),
            },
            "settings": {
                "runs": args.runs,
                "cli_runs": args.cli_runs,
                "items": args.items,
                "quiet_ms": QUIET * 1000,
                "term": "xterm-256color",
                "sync_output_answered": not args.no_sync,
                "canvas_10k_bytes": big.stat().st_size,
                "headless_sizes": sizes,
            },
            "cases": {},
            "cli": cli,
        }
        for case in cases:
            s = bench.samples[case.name]
            entry: dict[str, Any] = {"size": f"{case.cols}x{case.rows}"}
            for key, attr, _ in METRICS:
                entry[key] = summary(getattr(s, attr))
            entry["ended"] = dict(s.ended)
            entry["queries_seen"] = dict(s.queries)
            entry["errors"] = s.errors
            data["cases"][case.name] = entry
        data["budget"] = build_budget(data)
        data["output_samples"] = {}
        for name, raw in bench.byte_samples.items():
            described = describe(raw, 60 if "200x60" in name else 40)
            described.pop("all_moves")
            data["output_samples"][name] = {
                **described,
                "frames": frames(bench.before_screens[name], raw),
                "head": raw[:600].decode("utf-8", "replace"),
            }
        data["elapsed_s"] = time.perf_counter() - began

        print_report(data)
        if args.dump:
            for name, screen in bench.screens.items():
                print(f"\n[{name}]\n{screen}")
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        print(f"\nwrote {args.output} ({data['elapsed_s']:.0f} s)")
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
