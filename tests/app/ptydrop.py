"""The real editor in a pty whose far end we can drop at any moment, as an SSH link drops.

One :class:`PtySession` starts ``python -m bmc_tui`` on a private copy of a canvas, with its
own ``XDG_STATE_HOME``, as the session leader of a fresh pty (``setsid -c``): exactly what
tmux or sshd gives it, so closing the master makes the kernel hang the terminal up and send
the editor SIGHUP (and SIGCONT). Everything happens on one thread per session: the master is
only read between our own steps, never by a thread that could be blocked in ``read`` while
another closes it (which would keep the pty open).

Run as a script it is the stress loop on its own, reporting hangs out of N:
``python tests/app/ptydrop.py DROPS AT_ONCE [SEED]``. To measure another version of the
editor, put its ``src`` first on ``PYTHONPATH`` (it is passed on to the editors).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import random
import select
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import time
import tomllib
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

CANVASES = Path(__file__).resolve().parents[2] / "canvases"
EXAMPLE_EN = CANVASES / "example-en.toml"
SETSID = shutil.which("setsid")
TMUX = shutil.which("tmux")

#: What the editor must manage after its terminal is dropped (the issue's promise).
GONE_WITHIN = 3.0
#: What the footer shows while no inline editor is open: seen again after Enter, the item
#: has been committed to the canvas.
FOOTER_IDLE = b"Add"
FOOTER_EDITING = b"Keep"
#: The share of drops made through tmux rather than a pty of our own.
TMUX_SHARE = 0.15
#: The editor asks whether the terminal has synchronized output (DECRQM 2026) ...
SYNC_QUERY = b"\x1b[?2026$p"
#: ... and tmux answers that it has, switched off for now.
SYNC_SUPPORTED = b"\x1b[?2026;2$y"


class SessionFailed(AssertionError):
    """The editor never got to where a drop could be tried (not what is under test)."""


@dataclass
class Outcome:
    """What one drop left behind, for the assertions (and for a readable failure)."""

    scenario: str
    #: Seconds from the drop until the process was gone; None when it outlived the wait.
    gone_after: float | None
    returncode: int | None
    #: Texts of the items whose commit the editor had shown before the drop.
    committed: list[str]
    #: A save the editor had confirmed before the drop ("Saved" on screen).
    saved: bool
    recovery_texts: list[str]
    canvas_text: str
    lock_left: bool
    log: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        """Each way this drop broke the promise; empty when it kept it."""
        found = []
        if self.gone_after is None:
            found.append(f"still running {GONE_WITHIN:.0f} s after the drop")
        if self.lock_left:
            found.append("the lock file was left behind")
        if len(self.recovery_texts) > 1:
            found.append(f"{len(self.recovery_texts)} recovery files")
        kept = self.recovery_texts[0] if self.recovery_texts else self.canvas_text
        where = "recovery file" if self.recovery_texts else "canvas (no recovery file)"
        missing = [text for text in self.committed if text not in kept]
        if missing:
            found.append(f"committed edits missing from the {where}: {missing}")
        try:
            tomllib.loads(self.canvas_text)
        except tomllib.TOMLDecodeError as error:
            found.append(f"the canvas file no longer reads: {error}")
        return found


class PtySession:
    """The editor on a copy of the example canvas, in a pty of its own."""

    def __init__(self, folder: Path, rng: random.Random, size: tuple[int, int] = (100, 32)):
        self.folder = folder
        self.rng = rng
        self.canvas = folder / "bakery.toml"
        shutil.copyfile(EXAMPLE_EN, self.canvas)
        self.state = folder / "state"
        self.master = -1
        self.process: subprocess.Popen[bytes] | None = None
        self.output = bytearray()
        self.size = size
        self.log: list[str] = []
        #: Answer the editor's question about synchronized output as tmux and most modern
        #: terminals do (a frame is then three writes, not one).
        self.synchronized_output = True

    # --- the terminal ------------------------------------------------------------------------

    def start(self, extra_env: dict[str, str] | None = None) -> None:
        assert SETSID is not None, "setsid (util-linux) is needed to give the editor a pty"
        master, slave = os.openpty()
        self.master = master
        self._set_size(*self.size)
        env = {
            "HOME": str(self.folder),
            "XDG_STATE_HOME": str(self.state),
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "TERM": "xterm-256color",
            "LANG": "C.UTF-8",
            # Passed on so the script can measure another tree's editor (see main()).
            **{key: os.environ[key] for key in ("PYTHONPATH",) if key in os.environ},
            **(extra_env or {}),
        }
        # setsid -c: a session of its own with this pty as its controlling terminal, so the
        # kernel's hangup reaches the editor itself, as it does under tmux or sshd.
        self.process = subprocess.Popen(
            [SETSID, "-c", sys.executable, "-m", "bmc_tui", str(self.canvas)],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            cwd=self.folder,
            env=env,
        )
        os.close(slave)
        os.set_blocking(master, False)

    def _set_size(self, columns: int, rows: int) -> None:
        # The kernel sends SIGWINCH to the terminal's foreground process group itself.
        fcntl.ioctl(self.master, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))

    def pump(self, seconds: float) -> None:
        """Read what the editor draws for a while (a pty that is not read stalls its writer)."""
        deadline = time.monotonic() + seconds
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return
            ready, _, _ = select.select([self.master], [], [], left)
            if ready:
                try:
                    chunk = os.read(self.master, 65536)
                except BlockingIOError:
                    continue
                except OSError:  # the editor is gone: nothing more to read
                    return
                if self.synchronized_output and SYNC_QUERY in chunk:
                    os.write(self.master, SYNC_SUPPORTED)
                self.output += chunk

    def wait_for(self, marker: bytes, since: int, timeout: float = 20.0) -> None:
        deadline = time.monotonic() + timeout
        while marker not in self.output[since:]:
            if time.monotonic() > deadline:
                raise SessionFailed(f"{marker!r} never drawn; {self.log}")
            assert self.process is not None
            if self.process.poll() is not None:
                raise SessionFailed(f"editor ended ({self.process.returncode}) before {marker!r}")
            self.pump(0.02)

    def send(self, *keys: str) -> None:
        """Each key a write of its own, as a person types."""
        for key in keys:
            os.write(self.master, key.encode())
            self.pump(self.rng.uniform(0.0, 0.015))

    # --- what a person does ------------------------------------------------------------------

    def ready(self) -> None:
        self.wait_for(b"Revenue", 0, timeout=40.0)
        self.wait_for(FOOTER_IDLE, 0)

    def add_item(self, text: str) -> None:
        """``a``, the text, Enter; returns once the editor shows the item committed."""
        mark = len(self.output)
        self.send("a")
        # The footer offers "Keep" while the inline editor is open, "Add" again once it has
        # closed: an "Add" after that "Keep" can only be drawn after the Enter was handled.
        self.wait_for(FOOTER_EDITING, mark)
        self.send(*text)
        mark = len(self.output)
        self.send("\r")
        self.wait_for(FOOTER_IDLE, mark)

    def resize_burst(self, count: int, read: bool = True) -> None:
        """Window sizes 20 ms apart, as a window being dragged; ``read=False`` as a link
        that has stalled (the frames back up in the pty)."""
        for _ in range(count):
            self._set_size(self.rng.randint(40, 140), self.rng.randint(12, 45))
            if read:
                self.pump(0.02)
            else:
                time.sleep(0.02)

    def drop(self, hup_first: float | None = None) -> float | None:
        """Close the master, as sshd does when the link goes; how long until the editor is gone.

        ``hup_first``: first send SIGHUP to the editor's process group and wait that long, as
        ``tmux kill-server`` does before it closes the pane's pty.
        """
        assert self.process is not None
        if hup_first is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGHUP)
            self.pump(hup_first)
        os.close(self.master)
        self.master = -1
        dropped = time.monotonic()
        try:
            self.process.wait(timeout=GONE_WITHIN)
        except subprocess.TimeoutExpired:
            return None
        return time.monotonic() - dropped

    def kill(self) -> None:
        if self.master >= 0:
            os.close(self.master)
            self.master = -1
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def outcome(
        self, scenario: str, gone_after: float | None, committed: list[str], saved: bool
    ) -> Outcome:
        found = _outcome(self, scenario, gone_after, committed, saved)
        found.returncode = None if self.process is None else self.process.poll()
        return found


# --- the same through tmux ---------------------------------------------------------------------


class TmuxSession:
    """The editor in a tmux pane of a private tmux server, dropped with ``kill-server``: the
    issue's own recipe (tmux sends SIGHUP and closes the pane's pty, after resizes that tmux
    applies at its own pace). tmux reads the pane and answers the terminal queries itself."""

    def __init__(self, folder: Path, rng: random.Random) -> None:
        self.folder = folder
        self.rng = rng
        self.canvas = folder / "bakery.toml"
        shutil.copyfile(EXAMPLE_EN, self.canvas)
        self.state = folder / "state"
        # A socket path must stay short (108 bytes): not beside the canvas in a deep tmp_path.
        self.socket = Path(tempfile.mkdtemp(prefix="bmc-drop-")) / "tmux"
        self.pid = 0
        self.log: list[str] = ["tmux"]

    def tmux(self, *args: str) -> str:
        assert TMUX is not None
        result = subprocess.run(
            [TMUX, "-S", str(self.socket), *args], capture_output=True, text=True, check=False
        )
        return result.stdout

    def start(self) -> None:
        command = (
            f"env -u COLUMNS -u LINES HOME={self.folder} XDG_STATE_HOME={self.state} "
            f"{sys.executable} -m bmc_tui {self.canvas}"
        )
        self.tmux(
            "-f", "/dev/null", "new-session", "-d", "-s", "m", "-x", "110", "-y", "35", command
        )
        self.pid = int(self.tmux("list-panes", "-t", "m", "-F", "#{pane_pid}").strip() or 0)

    def wait_for(self, *texts: str, absent: str = "", timeout: float = 20.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.tmux("capture-pane", "-p", "-t", "m")
            if all(text in screen for text in texts) and not (absent and absent in screen):
                return
            time.sleep(0.03)
        raise SessionFailed(f"{texts} never on screen: {self.log}")

    def ready(self) -> None:
        self.wait_for("Revenue", "Add", timeout=40.0)

    def add_item(self, text: str) -> None:
        self.tmux("send-keys", "-t", "m", "a")
        self.wait_for("Keep")
        self.tmux("send-keys", "-t", "m", "-l", text)
        self.tmux("send-keys", "-t", "m", "Enter")
        self.wait_for("Add", absent="Keep")

    def resize_burst(self, count: int) -> None:
        for _ in range(count):
            columns, rows = self.rng.randint(40, 160), self.rng.randint(12, 50)
            self.tmux("resize-window", "-t", "m", "-x", str(columns), "-y", str(rows))
            time.sleep(0.02)

    def drop(self) -> float | None:
        dropped = time.monotonic()
        self.tmux("kill-server")
        while time.monotonic() - dropped < GONE_WITHIN:
            if not _running(self.pid):
                return time.monotonic() - dropped
            time.sleep(0.02)
        return None

    def kill(self) -> None:
        self.tmux("kill-server")
        if self.pid and _running(self.pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
        shutil.rmtree(self.socket.parent, ignore_errors=True)

    def outcome(self, scenario: str, gone_after: float | None, committed: list[str]) -> Outcome:
        return _outcome(self, scenario, gone_after, committed, saved=False)


def _running(pid: int) -> bool:
    """True while ``pid`` runs (a zombie waiting for its new parent to reap it has ended)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rpartition(")")[2].split()[0] != "Z"
    except FileNotFoundError:
        return False


def _outcome(
    session: PtySession | TmuxSession,
    scenario: str,
    gone_after: float | None,
    committed: list[str],
    saved: bool,
) -> Outcome:
    recovery = session.state / "bmc-tui" / "recovery"
    files = sorted(recovery.glob("*.toml")) if recovery.is_dir() else []
    return Outcome(
        scenario=scenario,
        gone_after=gone_after,
        returncode=None,
        committed=committed,
        saved=saved,
        recovery_texts=[file.read_text(encoding="utf-8") for file in files],
        canvas_text=session.canvas.read_text(encoding="utf-8"),
        lock_left=any(session.folder.glob(".*.bmc-lock")),
        log=session.log,
    )


# --- the moments a terminal can be dropped at -----------------------------------------------


def _during_resizes(session: PtySession) -> None:
    session.resize_burst(session.rng.randint(3, 25), read=session.rng.random() < 0.5)


def _during_typing(session: PtySession) -> None:
    session.send("a")
    session.pump(session.rng.uniform(0.0, 0.1))
    session.send(*"half typed words"[: session.rng.randint(1, 16)])


def _in_a_dialog(session: PtySession) -> None:
    # q with unsaved changes asks Save / Discard / Cancel; ? is the help; ctrl+p the palette.
    session.send(session.rng.choice(["q", "?", "\x10"]))
    session.pump(session.rng.uniform(0.0, 0.3))
    if session.rng.random() < 0.5:
        session.resize_burst(session.rng.randint(1, 6))


def _during_a_save(session: PtySession) -> None:
    session.send("\x13")  # ctrl+s
    session.pump(session.rng.uniform(0.0, 0.15))


def _right_after_the_edit(session: PtySession) -> None:
    session.pump(session.rng.uniform(0.0, 0.05))


SCENARIOS: dict[str, Callable[[PtySession], None]] = {
    "resizes": _during_resizes,
    "typing": _during_typing,
    "dialog": _in_a_dialog,
    "save": _during_a_save,
    "after-edit": _right_after_the_edit,
}


def one_drop(folder: Path, seed: int, scenario: str | None = None) -> Outcome:
    """Start, commit one or two edits, do something, drop the terminal: what was left.

    One drop in ``TMUX_SHARE`` goes through tmux (resizes, then ``kill-server``), the rest
    through a pty of our own, at any of the ``SCENARIOS``.
    """
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    if scenario is None and TMUX is not None and rng.random() < TMUX_SHARE:
        return tmux_drop(folder, seed, rng)
    scenario = scenario or rng.choice(sorted(SCENARIOS))
    session = PtySession(folder, rng)
    session.log.append(f"seed={seed}")
    session.synchronized_output = rng.random() < 0.75
    committed: list[str] = []
    try:
        session.start()
        session.ready()
        for number in range(rng.choice([1, 1, 2])):
            text = f"Kept {seed}-{number}"
            session.add_item(text)
            committed.append(text)
        mark = len(session.output)
        SCENARIOS[scenario](session)
        saved = b"Saved" in session.output[mark:]
        hup_first = rng.choice([None, rng.uniform(0.0, 0.03)])
        # A link that stalls before it drops: nothing read, so the editor's output backs up.
        stall = rng.choice([0.0, rng.uniform(0.0, 0.2)])
        session.log.append(f"hup_first={hup_first} stall={stall:.3f}")
        time.sleep(stall)
        gone_after = session.drop(hup_first)
        return session.outcome(scenario, gone_after, committed, saved)
    finally:
        session.kill()


def tmux_drop(folder: Path, seed: int, rng: random.Random) -> Outcome:
    """The issue's recipe: an edit, 3-25 window sizes 20 ms apart, ``tmux kill-server``."""
    session = TmuxSession(folder, rng)
    session.log.append(f"seed={seed}")
    try:
        session.start()
        session.ready()
        text = f"Kept {seed}-0"
        session.add_item(text)
        session.resize_burst(rng.randint(3, 25))
        return session.outcome("tmux", session.drop(), [text])
    finally:
        session.kill()


def stress(root: Path, drops: int, workers: int, first_seed: int = 0) -> list[Outcome]:
    """``drops`` sessions, ``workers`` at a time; every outcome, in seed order."""
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [
            pool.submit(one_drop, root / f"drop-{seed}", seed)
            for seed in range(first_seed, first_seed + drops)
        ]
        return [future.result() for future in futures]


def main() -> None:  # pragma: no cover - a measuring tool, run by hand
    drops = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    workers = int(sys.argv[2]) if len(sys.argv) > 2 else 6
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    signal.signal(signal.SIGINT, signal.default_int_handler)
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as root:
        outcomes = stress(Path(root), drops, workers, seed)
    took = time.monotonic() - started
    broken = [outcome for outcome in outcomes if outcome.problems()]
    hangs = sum(outcome.gone_after is None for outcome in outcomes)
    by_scenario: dict[str, list[int]] = {}
    for outcome in outcomes:
        counts = by_scenario.setdefault(outcome.scenario, [0, 0])
        counts[0] += outcome.gone_after is None
        counts[1] += 1
    times = sorted(o.gone_after for o in outcomes if o.gone_after is not None)
    print(f"{drops} drops in {took:.0f} s: {hangs} hung, {len(broken)} broke a promise")
    print("hangs by scenario:", {name: f"{h}/{n}" for name, (h, n) in by_scenario.items()})
    if times:
        print(f"gone after: median {times[len(times) // 2]:.2f} s, max {times[-1]:.2f} s")
    for outcome in broken[:10]:
        print(outcome.scenario, outcome.problems())


if __name__ == "__main__":
    main()
