"""Lock files: two terminals on one canvas find out before either overwrites the other.

Exactly one of any number of racing editors wins; a lock left behind by an editor that died
is recognised as stale; forcing takes a lock over; releasing never removes someone else's.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from bmc_tui.core import locking
from bmc_tui.core.locking import (
    Lock,
    LockHeld,
    LockOwner,
    LockUnavailable,
    acquire,
    inspect,
    lock_path,
)


@pytest.fixture
def canvas(tmp_path: Path) -> Path:
    path = tmp_path / "plan.toml"
    path.write_text('[canvas]\ntitle = "x"\n')
    return path


def dead_pid() -> int:
    """The pid of a process that has certainly exited."""
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    return int(done.stdout)


def plant(canvas: Path, **fields: object) -> Path:
    data = {
        "pid": dead_pid(),
        "host": socket.gethostname(),
        "user": "ann",
        "since": "2024-05-01T10:00:00+00:00",
        "token": "feedface",
    }
    data.update(fields)
    file = lock_path(canvas)
    file.write_text(json.dumps(data))
    return file


def test_lock_file_is_hidden_beside_the_canvas(canvas: Path) -> None:
    assert lock_path(canvas) == canvas.with_name(".plan.toml.bmc-lock")
    assert locking.GITIGNORE_LINE == ".*.bmc-lock"


def test_lock_follows_symlinks_to_the_real_file(tmp_path: Path, canvas: Path) -> None:
    elsewhere = tmp_path / "links"
    elsewhere.mkdir()
    link = elsewhere / "alias.toml"
    link.symlink_to(canvas)
    assert lock_path(link) == lock_path(canvas)


def test_acquire_and_release(canvas: Path) -> None:
    lock = acquire(canvas)
    assert isinstance(lock, Lock)
    data = json.loads(lock.path.read_text())
    assert data["pid"] == os.getpid()
    assert data["host"] == socket.gethostname()
    assert data["user"]
    assert data["since"]
    assert lock.still_held()
    lock.release()
    assert not lock.path.exists()
    assert not lock.still_held()
    lock.release()  # twice is harmless


def test_context_manager_releases(canvas: Path) -> None:
    lock = acquire(canvas)
    assert isinstance(lock, Lock)
    with lock:
        assert lock.path.exists()
    assert not lock.path.exists()


def test_a_second_editor_finds_it_held(canvas: Path) -> None:
    first = acquire(canvas)
    assert isinstance(first, Lock)
    second = acquire(canvas)
    assert isinstance(second, LockHeld)
    assert not second.stale  # the holder (this process) is alive
    assert second.owner.pid == os.getpid()
    assert second.owner.host == socket.gethostname()
    assert str(second.lock_file) in second.describe()
    assert f"pid {os.getpid()}" in second.describe()
    assert inspect(canvas) == second
    first.release()
    assert inspect(canvas) is None
    assert isinstance(acquire(canvas), Lock)


def test_a_dead_editors_lock_is_stale_and_can_be_forced(canvas: Path) -> None:
    plant(canvas)
    held = acquire(canvas)
    assert isinstance(held, LockHeld)
    assert held.stale
    assert "gone" in held.describe()
    lock = acquire(canvas, force=True)
    assert isinstance(lock, Lock)
    assert json.loads(lock.path.read_text())["pid"] == os.getpid()
    assert not list(canvas.parent.glob("*.old"))


def test_a_lock_from_before_a_reboot_is_stale(canvas: Path) -> None:
    if not Path("/proc/sys/kernel/random/boot_id").exists():
        pytest.skip("no boot id on this system")
    plant(canvas, pid=os.getpid(), boot_id="another-boot")
    held = acquire(canvas)
    assert isinstance(held, LockHeld)
    assert held.stale


def test_a_lock_from_another_host_is_never_called_stale(canvas: Path) -> None:
    plant(canvas, host="some-other-machine")
    held = acquire(canvas)
    assert isinstance(held, LockHeld)
    assert not held.stale
    assert "some-other-machine" in held.describe()


def test_a_live_lock_can_be_forced_and_the_loser_notices(canvas: Path) -> None:
    first = acquire(canvas)
    assert isinstance(first, Lock)
    second = acquire(canvas, force=True)
    assert isinstance(second, Lock)
    assert not first.still_held()
    first.release()  # must not remove the lock the second editor now holds
    assert second.still_held()
    assert lock_path(canvas).exists()
    second.release()
    assert not lock_path(canvas).exists()


@pytest.mark.parametrize("content", ["", "{not json", '{"pid": "x", "host": 3}', "\x1b]0;x\x07"])
def test_an_unreadable_lock_file_is_held_by_someone_unknown(canvas: Path, content: str) -> None:
    lock_path(canvas).write_text(content)
    held = acquire(canvas)
    assert isinstance(held, LockHeld)
    assert held.owner.pid is None
    assert not held.stale
    assert "unknown" in held.describe()
    assert "\x1b" not in held.describe()
    assert isinstance(acquire(canvas, force=True), Lock)


def test_a_folder_that_cannot_take_a_lock(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder" / "plan.toml"
    result = acquire(missing)
    assert isinstance(result, LockUnavailable)
    assert result.reason
    assert not missing.parent.exists()


def test_lock_file_symlink_is_not_followed(tmp_path: Path, canvas: Path) -> None:
    """A planted symlink at the lock's name must not make us write somewhere else."""
    victim = tmp_path / "victim"
    lock_path(canvas).symlink_to(victim)
    result = acquire(canvas)
    assert not isinstance(result, Lock)
    assert not victim.exists()


def test_owner_round_trip() -> None:
    me = LockOwner.me()
    assert LockOwner.from_json(me.to_json()) == me
    assert not me.stale


RACER = textwrap.dedent(
    """
    import sys, time
    from bmc_tui.core.locking import Lock, acquire
    start = float(sys.argv[2])
    while time.time() < start:
        pass
    result = acquire(sys.argv[1])
    print("won" if isinstance(result, Lock) else "lost", flush=True)
    time.sleep(3)  # hold it while the others try
    """
)


def test_racing_editors_exactly_one_wins(canvas: Path) -> None:
    import time

    start = time.time() + 1.5
    racers = [
        subprocess.Popen(
            [sys.executable, "-c", RACER, str(canvas), str(start)],
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(8)
    ]
    outcomes = [racer.communicate(timeout=60)[0].strip() for racer in racers]
    assert sorted(outcomes) == ["lost"] * 7 + ["won"]
    # The winner has exited without releasing: its lock is now stale.
    held = inspect(canvas)
    assert held is not None
    assert held.stale


FORCER = textwrap.dedent(
    """
    import sys, time
    from bmc_tui.core.locking import Lock, acquire
    start = float(sys.argv[2])
    while time.time() < start:
        pass
    result = acquire(sys.argv[1], force=True)
    print("won" if isinstance(result, Lock) else "lost", flush=True)
    sys.stdin.readline()  # wait until every forcer has had its go
    print(isinstance(result, Lock) and result.still_held(), flush=True)
    """
)


def test_racing_forcers_leave_exactly_one_holder(canvas: Path) -> None:
    import time

    plant(canvas)
    start = time.time() + 1.5
    racers = [
        subprocess.Popen(
            [sys.executable, "-c", FORCER, str(canvas), str(start)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(6)
    ]
    try:
        first = []
        for racer in racers:
            assert racer.stdout is not None
            first.append(racer.stdout.readline().strip())
        outputs = [racer.communicate("check\n", timeout=60)[0].split() for racer in racers]
    finally:
        for racer in racers:
            if racer.poll() is None:
                racer.kill()
                racer.wait()
    still = [output[0] for output, won in zip(outputs, first, strict=True) if won == "won"]
    # Forcing may let several take the lock in turn, but only one can hold it at the end.
    assert still.count("True") == 1, (first, outputs)
    held = inspect(canvas)
    assert held is not None
    assert held.owner.pid in {racer.pid for racer in racers}
