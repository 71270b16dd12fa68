"""The real program in a real terminal (tmux): terminal kinds, and a dropped connection.

These start ``bmc-tui`` as a user would, so they catch what a headless pilot cannot: the
terminal's own capabilities, locale, and a SIGHUP from a closing pty. Skipped where tmux is
not installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bmc_tui.core.catalogue import BlockId
from bmc_tui.core.locking import pid_alive
from bmc_tui.core.model import Item
from bmc_tui.core.storage import load, save
from conftest import EXAMPLE_EN

TMUX = shutil.which("tmux")
BMC_TUI = Path(sys.executable).parent / "bmc-tui"

pytestmark = pytest.mark.skipif(TMUX is None, reason="tmux is not installed")


class Terminal:
    """One tmux session with its own server socket, so tests never touch the user's tmux."""

    def __init__(self, socket: Path, name: str) -> None:
        self.socket = socket
        self.name = name

    def tmux(self, *args: str) -> str:
        assert TMUX is not None
        result = subprocess.run(
            [TMUX, "-S", str(self.socket), *args], capture_output=True, text=True, check=False
        )
        return result.stdout

    def start(self, command: str, env: dict[str, str], size: tuple[int, int] = (120, 40)) -> None:
        exports = " ".join(f"{key}={value!r}" for key, value in env.items())
        self.tmux(
            "new-session", "-d", "-s", self.name, "-x", str(size[0]), "-y", str(size[1]),
            f"env -u COLUMNS -u LINES {exports} {command}",
        )  # fmt: skip

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.name)

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", self.name, *keys)

    def wait_for(self, text: str, timeout: float = 15.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared on screen:\n{self.screen()}")

    def kill(self) -> None:
        self.tmux("kill-session", "-t", self.name)


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    term = Terminal(tmp_path / "tmux.sock", "bmc")
    yield term
    term.tmux("kill-server")


def base_env(tmp_path: Path) -> dict[str, str]:
    return {
        "HOME": str(tmp_path),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
    }


@pytest.mark.parametrize(
    ("term", "extra"),
    [
        ("xterm-256color", {}),
        ("screen-256color", {}),
        ("tmux-256color", {}),
        ("linux", {}),
        ("vt100", {}),
        ("xterm-256color", {"NO_COLOR": "1"}),
        ("xterm", {"LANG": "C", "LC_ALL": "C"}),
        ("xterm-256color", {"LANG": "C.UTF-8"}),
    ],
)
def test_the_canvas_opens_in_every_kind_of_terminal(
    terminal: Terminal, tmp_path: Path, term: str, extra: dict[str, str]
) -> None:
    canvas = tmp_path / "bakery.toml"
    shutil.copyfile(EXAMPLE_EN, canvas)
    terminal.start(f"{BMC_TUI} {canvas}", {**base_env(tmp_path), "TERM": term, **extra})
    screen = terminal.wait_for("9 Revenue Streams")
    for title in ("1 Key Partners", "2 Key Activities", "8 Cost Structure"):
        assert title in screen
    terminal.keys("4", "a")
    terminal.keys("-l", "Works here")
    terminal.keys("Enter")
    terminal.wait_for("Works here")
    terminal.keys("C-s")
    terminal.wait_for("Saved")
    assert "Works here" in canvas.read_text(encoding="utf-8")


def test_a_dropped_connection_keeps_the_edit_for_the_next_session(
    terminal: Terminal, tmp_path: Path
) -> None:
    canvas = tmp_path / "bakery.toml"
    shutil.copyfile(EXAMPLE_EN, canvas)
    original = canvas.read_bytes()
    env = {**base_env(tmp_path), "TERM": "xterm-256color"}
    terminal.start(f"{BMC_TUI} {canvas}", env)
    terminal.wait_for("9 Revenue Streams")
    terminal.keys("6", "a")
    terminal.keys("-l", "Kept after HUP")
    terminal.keys("Enter")
    terminal.wait_for("Kept after HUP")
    # Closing the session closes the pty: the kernel sends SIGHUP, as a dropped SSH link does.
    terminal.kill()
    recovery = tmp_path / "state" / "bmc-tui" / "recovery"
    deadline = time.monotonic() + 10
    while not any(recovery.glob("*.toml")) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert any(recovery.glob("*.toml")), "no recovery file after SIGHUP"
    assert canvas.read_bytes() == original, "the canvas itself is never written by a hangup"

    terminal.start(f"{BMC_TUI} {canvas}", env)
    screen = terminal.wait_for("Restore")
    assert "1 added" in screen
    terminal.keys("r")
    terminal.wait_for("Kept after HUP")
    terminal.keys("C-s")
    terminal.wait_for("Saved")
    assert "Kept after HUP" in canvas.read_text(encoding="utf-8")
    deadline = time.monotonic() + 5
    while any(recovery.glob("*.toml")) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(recovery.glob("*.toml")), "a saved recovery is tidied away"


# --- the canvas session, end to end (issue 10) -----------------------------------------------


def test_a_second_editor_on_a_new_file_is_warned(terminal: Terminal, tmp_path: Path) -> None:
    """The bug: a file that did not exist yet got no lock, so a second editor opened it
    straight into editing."""
    env = {**base_env(tmp_path), "TERM": "xterm-256color"}
    new = tmp_path / "NEW.toml"
    terminal.start(f"{BMC_TUI} {new}", env)
    terminal.wait_for("does not exist yet")
    second = Terminal(terminal.socket, "second")
    second.start(f"{BMC_TUI} {new}", env)
    screen = second.wait_for("Open read-only")
    assert "is open in" in screen
    second.keys("r")
    second.wait_for("read-only")
    terminal.keys("4", "a")
    terminal.keys("-l", "Only the first saves")
    terminal.keys("Enter")
    terminal.keys("C-s")
    terminal.wait_for("Saved")
    assert "Only the first saves" in new.read_text(encoding="utf-8")


def test_a_file_changed_under_unsaved_edits_is_merged(terminal: Terminal, tmp_path: Path) -> None:
    canvas = tmp_path / "bakery.toml"
    shutil.copyfile(EXAMPLE_EN, canvas)
    terminal.start(f"{BMC_TUI} {canvas}", {**base_env(tmp_path), "TERM": "xterm-256color"})
    terminal.wait_for("9 Revenue Streams")
    terminal.keys("6", "a")
    terminal.keys("-l", "Mine, unsaved")
    terminal.keys("Enter")
    terminal.wait_for("Mine, unsaved")
    theirs = load(canvas)
    item = Item(id="abc123", text="Theirs, from git")
    save(theirs.with_items(BlockId.CHANNELS, (*theirs.items(BlockId.CHANNELS), item)), canvas)
    terminal.wait_for("changed on disk")
    # One key, at once: no second copy of the dialog waits underneath.
    terminal.keys("m")
    terminal.wait_for("Merged the changes on disk")
    assert "changed on disk," not in terminal.screen()
    terminal.keys("C-s")
    terminal.wait_for("Saved")
    texts = [item.text for item in load(canvas).items(BlockId.CHANNELS)]
    assert "Mine, unsaved" in texts
    assert "Theirs, from git" in texts


def test_an_untitled_canvas_killed_by_sighup_is_offered_on_the_next_start(
    terminal: Terminal, tmp_path: Path
) -> None:
    env = {**base_env(tmp_path), "TERM": "xterm-256color"}
    terminal.start(str(BMC_TUI), env, size=(80, 24))
    terminal.wait_for("(untitled)")
    terminal.keys("4", "a")
    terminal.keys("-l", "Food truck lunches")
    terminal.keys("Enter")
    terminal.wait_for("Food truck")
    terminal.keys("a")
    terminal.keys("-l", "Typed, no Enter")
    terminal.wait_for("no Enter")
    terminal.kill()  # the pty closes: SIGHUP, as a dropped SSH link
    recovery = tmp_path / "state" / "bmc-tui" / "recovery"
    deadline = time.monotonic() + 10
    while not any(recovery.glob("untitled.*.toml")) and time.monotonic() < deadline:
        time.sleep(0.1)
    kept = next(recovery.glob("untitled.*.toml")).read_text(encoding="utf-8")
    assert "Typed, no Enter" in kept, "text being typed is kept too"
    # Offered once that editor has gone (while it still runs, its work is not lost).
    writer = int(kept.split("\npid = ")[1].split("\n")[0])
    while pid_alive(writer) and time.monotonic() < deadline:
        time.sleep(0.1)

    terminal.start(str(BMC_TUI), env, size=(80, 24))
    screen = terminal.wait_for("never saved")
    assert "2 items" in screen
    terminal.keys("Enter")
    screen = terminal.wait_for("restored")
    assert "Food truck" in screen
    assert "Typed, no" in screen
