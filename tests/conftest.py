"""Fixtures every test folder shares."""

from __future__ import annotations

import gc
import os
import re
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from bmc_tui.collector import tune
from bmc_tui.core.model import Canvas
from bmc_tui.core.recovery import RecoveryStore

REPO = Path(__file__).resolve().parent.parent
CANVASES = REPO / "canvases"


@pytest.fixture
def repo_root() -> Path:
    return REPO


@pytest.fixture(autouse=True)
def _isolated_user_state(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keep tests away from the developer's real state, settings and cache folders (recovery
    files, hyphenation dictionaries)."""
    state = tmp_path_factory.mktemp("state")
    monkeypatch.setenv("XDG_STATE_HOME", str(state))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(state / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(state / "cache"))
    monkeypatch.delenv("NO_COLOR", raising=False)
    # Rich takes a pipe's width from COLUMNS when it is set: a developer's wide terminal
    # must not change what the tests of printed output see.
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.delenv("LINES", raising=False)
    # The command line and the core speak the pinned language, else the locale's: tests
    # start from an English locale with nothing pinned, whatever the developer's shell says.
    monkeypatch.delenv("BMC_TUI_LANG", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LC_ALL", "C.UTF-8")


@pytest.fixture
def gone_pid() -> Callable[[], int]:
    """Gives the pid of a process that has certainly exited (a fresh one each call)."""
    return dead_pid


def dead_pid() -> int:
    """The pid of a process that has certainly exited."""
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    return int(done.stdout)


@pytest.fixture
def leave_untitled() -> Callable[..., Path]:
    """Leave an untitled canvas's recovery file as an editor with ``pid`` (a dead one when
    None) would have: what a hangup before the first save leaves behind."""

    def leave(canvas: Canvas, pid: int | None = None) -> Path:
        store = RecoveryStore()
        file = store.write(None, canvas)
        pid = dead_pid() if pid is None else pid
        text = re.sub(r"(?m)^pid = \d+$", f"pid = {pid}", file.read_text())
        target = file.with_name(f"untitled.{socket.gethostname()}.{pid}.toml")
        target.write_text(text)
        if target != file:
            file.unlink()
        return target

    return leave


def pytest_configure(config: pytest.Config) -> None:
    """Each test process runs the editor under the collector settings the console script
    gives it (``bmc_tui.collector``): the young generation collected every few thousand
    allocations, not every 700."""
    tune()


def pytest_collection_finish(session: pytest.Session) -> None:
    """What collection imported (Textual, Pydantic, the tests) lives as long as the process:
    out of the collector's sight, as the console script does after its imports."""
    gc.collect()
    gc.freeze()


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """``-n auto``: two test processes per core. The editor's tests wait about as much as
    they compute (on a pty's editor process, a timer, a file landing), so on two cores four
    processes finish the suite in about 90 s where two take about 140."""
    return 2 * (os.cpu_count() or 1)
