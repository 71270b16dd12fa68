"""A terminal that vanishes, or a kill, ends the editor: gone in time, its work kept.

The stress test drops the real editor's pty (see ``ptydrop``) hundreds of times at random
moments; the others pin down the pieces: SIGTERM on a live and on a stalled terminal, a
normal quit, and the driver's own defences (the SIGCONT a hang-up sends, a writer on a dead
or silent terminal).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from ptydrop import GONE_WITHIN, SETSID, PtySession, stress

from bmc_tui.core.locking import lock_path
from bmc_tui.tui.app import BmcApp
from bmc_tui.tui.driver import ENDING_PATIENCE, TerminalDriver, TerminalWriter
from bmc_tui.tui.ending import DEADLINE

needs_setsid = pytest.mark.skipif(SETSID is None, reason="setsid (util-linux) is not installed")

#: Drops in the stress test, and how many editors run at once (each is its own process).
DROPS = 200
AT_ONCE = 6
#: Leaving the alternate screen: the editor gave the user's terminal back in order.
LEAVE_ALT_SCREEN = b"\x1b[?1049l"


@pytest.mark.slow
@needs_setsid
def test_every_dropped_terminal_ends_the_editor_with_its_work_kept(tmp_path: Path) -> None:
    outcomes = stress(tmp_path, DROPS, AT_ONCE, first_seed=random.randrange(10**6))
    broken = [(o.scenario, o.log, o.problems()) for o in outcomes if o.problems()]
    assert not broken, f"{len(broken)} of {len(outcomes)} drops went wrong: {broken[:5]}"
    # Every kind of moment was tried, and every one had an edit to keep.
    assert {o.scenario for o in outcomes} >= {"resizes", "typing", "dialog", "save", "after-edit"}
    assert all(o.committed for o in outcomes)
    assert max(o.gone_after or GONE_WITHIN for o in outcomes) < GONE_WITHIN


@pytest.fixture
def session(tmp_path: Path) -> Iterator[PtySession]:
    editor = PtySession(tmp_path, random.Random(17))
    yield editor
    editor.kill()


def _gone_after(session: PtySession, number: int) -> float | None:
    assert session.process is not None
    sent = time.monotonic()
    os.kill(session.process.pid, number)
    deadline = sent + GONE_WITHIN
    while session.process.poll() is None and time.monotonic() < deadline:
        session.pump(0.02)
    return None if session.process.poll() is None else time.monotonic() - sent


@needs_setsid
def test_sigterm_ends_the_editor_in_time_with_its_work_kept(session: PtySession) -> None:
    session.start()
    session.ready()
    session.add_item("Kept after TERM")
    mark = len(session.output)
    gone = _gone_after(session, signal.SIGTERM)
    assert gone is not None, f"still running {GONE_WITHIN} s after SIGTERM"
    outcome = session.outcome("sigterm", gone, ["Kept after TERM"], saved=False)
    assert outcome.recovery_texts, "no recovery file after SIGTERM"
    assert not outcome.problems()
    assert outcome.returncode == 128 + signal.SIGTERM
    # The terminal was still there: the editor handed it back, out of the alternate screen.
    assert LEAVE_ALT_SCREEN in session.output[mark:]


@needs_setsid
def test_sigterm_ends_an_editor_whose_terminal_reads_nothing(session: PtySession) -> None:
    """A link that stalled: output backs up and the writer blocks, yet SIGTERM still ends it."""
    session.start()
    session.ready()
    session.add_item("Kept while stalled")
    # Nobody reads the pty from here on, while the editor redraws for size after size.
    session.resize_burst(25, read=False)
    assert session.process is not None
    sent = time.monotonic()
    os.kill(session.process.pid, signal.SIGTERM)
    try:
        session.process.wait(timeout=GONE_WITHIN)
    except subprocess.TimeoutExpired:
        pytest.fail(f"still running {GONE_WITHIN} s after SIGTERM on a stalled terminal")
    assert time.monotonic() - sent < DEADLINE + 1
    outcome = session.outcome("stalled", 0.0, ["Kept while stalled"], saved=False)
    assert outcome.recovery_texts, "no recovery file after SIGTERM"
    assert not outcome.problems()


@needs_setsid
@pytest.mark.parametrize("how", ["TERM", "HUP", "drop"])
def test_an_editor_ended_while_it_starts_leaves_no_lock(session: PtySession, how: str) -> None:
    """The connection drops, or a kill comes, the moment the editor has taken its lock and
    is still drawing its first screen: the lock goes with it (it was left behind when the
    signal came before the editor's handlers were in place: default action, no clean-up)."""
    session.start()
    lock = lock_path(session.canvas)
    deadline = time.monotonic() + 40
    while not lock.exists():
        assert time.monotonic() < deadline, "the editor never took its lock"
        session.pump(0.0005)
    assert session.process is not None
    number = signal.SIGHUP if how == "drop" else getattr(signal, f"SIG{how}")
    gone = session.drop() if how == "drop" else _gone_after(session, number)
    assert gone is not None, f"still running {GONE_WITHIN} s after {how}"
    assert not lock.exists(), "the lock was left behind"
    assert session.process.returncode == 128 + number
    assert b"Traceback" not in session.output, "the editor crashed on its way out"


@needs_setsid
@pytest.mark.parametrize("key", ["q", "\x11"], ids=["q", "ctrl+q"])
def test_quitting_still_ends_the_editor_normally(session: PtySession, key: str) -> None:
    session.start()
    session.ready()
    mark = len(session.output)
    session.send(key)
    assert session.process is not None
    deadline = time.monotonic() + 10
    while session.process.poll() is None and time.monotonic() < deadline:
        session.pump(0.02)
    assert session.process.returncode == 0
    assert LEAVE_ALT_SCREEN in session.output[mark:]
    outcome = session.outcome("quit", 0.0, [], saved=False)
    assert not outcome.recovery_texts, "nothing was changed: nothing to recover"
    assert not outcome.lock_left


# --- the driver's own defences ----------------------------------------------------------------


@pytest.fixture
def signals_restored() -> Iterator[None]:
    """The driver installs ctrl+z handlers; the test process gets its own back."""
    saved = {number: signal.getsignal(number) for number in (signal.SIGTSTP, signal.SIGCONT)}
    yield
    for number, handler in saved.items():
        signal.signal(number, handler)


def _pipe_file(read_end_open: bool) -> tuple[TerminalWriter, TerminalDriver, int]:
    driver = TerminalDriver(BmcApp(None))
    reader, writer_end = os.pipe()
    if not read_end_open:
        os.close(reader)
        reader = -1
    writer = TerminalWriter(os.fdopen(writer_end, "w", encoding="utf-8"), driver)
    writer.start()
    return writer, driver, reader


async def test_a_hangups_sigcont_does_not_restart_the_terminal(
    signals_restored: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The kernel sends SIGHUP and SIGCONT on a hang-up; Textual took that SIGCONT for the end
    of a ctrl+z and started a second writer on the dead terminal (the hang in issue 17)."""
    driver = TerminalDriver(BmcApp(None))
    restarts: list[str] = []
    monkeypatch.setattr(driver, "start_application_mode", lambda: restarts.append("start"))
    monkeypatch.setattr(driver, "stop_application_mode", lambda: None)
    monkeypatch.setattr(driver, "close", lambda: None)
    monkeypatch.setattr(os, "kill", lambda pid, number: None)  # no real SIGSTOP here

    driver._sigcont_application(signal.SIGCONT, None)
    assert restarts == [], "a SIGCONT without a stop restarted application mode"
    # A real ctrl+z still comes back.
    driver._sigtstp_application(signal.SIGTSTP, None)
    driver._sigcont_application(signal.SIGCONT, None)
    assert restarts == ["start"]


async def test_output_to_a_dead_terminal_never_blocks(signals_restored: None) -> None:
    """EPIPE/EIO on output: the terminal counts as gone, later writes are dropped at once."""
    writer, driver, _ = _pipe_file(read_end_open=False)
    lost: list[str] = []
    driver.when_lost(lost.append)
    done = threading.Event()

    def flood() -> None:
        for number in range(500):  # far more than the queue's 30 places
            writer.write(f"frame {number}\n")
        writer.stop()
        done.set()

    threading.Thread(target=flood, daemon=True).start()
    assert done.wait(5), "a write or the stop waited on a dead terminal"
    assert driver.terminal_gone.is_set()
    assert len(lost) == 1, "the listener hears of a lost terminal exactly once"
    assert "output failed" in lost[0]


async def test_an_ending_editor_gives_up_on_a_terminal_that_reads_nothing(
    signals_restored: None,
) -> None:
    """A terminal that is there but reads nothing (a stalled link): once the editor is
    ending, a write that cannot be queued is dropped, and the stop does not wait forever."""
    writer, driver, reader = _pipe_file(read_end_open=True)
    try:
        driver.ending.set()
        done = threading.Event()

        def flood() -> None:
            for _ in range(200):  # 200 x 64 KiB: far beyond a pipe's buffer
                writer.write("x" * 65536)
            writer.stop()
            done.set()

        threading.Thread(target=flood, daemon=True).start()
        assert done.wait(5 + 40 * ENDING_PATIENCE), "an ending editor waited on a silent terminal"
        assert driver.terminal_gone.is_set()
    finally:
        os.close(reader)


async def test_the_end_of_input_counts_as_the_terminal_gone(signals_restored: None) -> None:
    """Input that ends (a hung-up pty reports POLLHUP, as a closed pipe does) is a lost
    terminal: the driver tells its listeners without waiting for a signal."""
    driver = TerminalDriver(BmcApp(None))
    reader, writer_end = os.pipe()
    driver.fileno = reader
    lost: list[str] = []
    driver.when_lost(lost.append)
    watch = threading.Thread(target=driver._watch_for_hangup, daemon=True)
    watch.start()
    try:
        time.sleep(0.1)
        assert not lost, "a terminal that is still there is not lost"
        os.close(writer_end)
        watch.join(5)
        assert driver.terminal_gone.is_set()
        assert lost == ["the terminal hung up"]
    finally:
        os.close(reader)
