"""Saving when the world is hostile, for real: a full filesystem, a killed process, an
immutable file, a folder that vanished.

test_storage.py fakes these faults by patching ``os`` calls; here they are made to happen, so
what is checked is what the kernel really does. The promise under test is the one
``storage.save`` makes: afterwards the canvas file holds the whole old canvas or the whole new
one, never a mixture, and a refused save says why in one line and leaves no litter.

Some faults need privileges (mounting a small tmpfs, ``chattr +i``, dropping to another
user); where the sandbox does not allow one, that test is skipped with the reason.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from bmc_tui.core.catalogue import BlockId
from bmc_tui.core.model import Canvas, Header, Item
from bmc_tui.core.recovery import Recovered, RecoveryStore
from bmc_tui.core.storage import CanvasError, dumps, load, save

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
NOBODY = 65534


def canvas_with(items: int, title: str = "Bakery", note: str = "") -> Canvas:
    result = Canvas(header=Header(title=title))
    entries = [Item(id=f"i{n}", text=f"Idea number {n}", note=note) for n in range(items)]
    return result.with_items(BlockId.KEY_PARTNERS, entries)


def temp_files(folder: Path) -> list[str]:
    return sorted(entry.name for entry in folder.iterdir() if entry.name.endswith(".tmp"))


def fill(folder: Path, leave: int = 0) -> None:
    """Fill the filesystem under ``folder`` until at most ``leave`` bytes are free."""
    with open(folder / "filler", "wb") as stream:
        for size in (65536, 4096, 512, 1):
            while True:
                free = os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize
                if free <= leave:
                    return
                try:
                    stream.write(b"\0" * min(size, max(free - leave, 1)))
                    stream.flush()
                except OSError as error:
                    if error.errno != errno.ENOSPC:
                        raise
                    stream.seek(0, os.SEEK_END)
                    stream.truncate(stream.tell())
                    break


# --- a really full disk ---------------------------------------------------------------------


@pytest.fixture
def small_disk() -> Iterator[Path]:
    """A 64 KiB tmpfs of our own, unmounted afterwards."""
    if not IS_ROOT or shutil.which("mount") is None:
        pytest.skip("mounting a tmpfs needs root and mount(8)")
    folder = Path(tempfile.mkdtemp(prefix="bmc-full-disk-"))
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k,mode=0755", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        folder.rmdir()
        pytest.skip(f"mounting a tmpfs is not permitted here: {done.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=False)
        with contextlib.suppress(OSError):
            folder.rmdir()


@pytest.mark.parametrize("leave", [0, 8192], ids=["full", "nearly-full"])
def test_save_on_a_full_disk_keeps_the_old_file(small_disk: Path, leave: int) -> None:
    path = small_disk / "plan.toml"
    save(canvas_with(3), path)
    before = path.read_bytes()
    fill(small_disk, leave=leave)
    bigger = canvas_with(400, note="A note long enough to need room. " * 3)
    assert len(dumps(bigger)) > leave + 16384

    with pytest.raises(CanvasError) as caught:
        save(bigger, path)

    assert caught.value.summary.startswith(f"{path}: cannot save: ")
    assert "No space left on device" in caught.value.summary
    assert "\n" not in caught.value.summary
    assert path.read_bytes() == before
    assert load(path) == canvas_with(3)
    assert temp_files(small_disk) == []


def test_save_on_a_full_disk_through_the_cli(small_disk: Path) -> None:
    path = small_disk / "plan.toml"
    path.write_text('[[key_partners]]\ntext = "No id yet"\n' * 200)
    before = path.read_bytes()
    fill(small_disk)
    cli = Path(sys.executable).parent / "bmc-tui"
    done = subprocess.run(
        [str(cli), "fmt", str(path)], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 2
    assert done.stderr.startswith(f"bmc-tui: {path}: cannot save: No space left on device")
    assert "Traceback" not in done.stderr
    assert path.read_bytes() == before
    assert temp_files(small_disk) == []


def test_recovery_on_a_full_disk_keeps_the_previous_recovery(small_disk: Path) -> None:
    store = RecoveryStore(small_disk / "recovery")
    canvas_path = small_disk / "plan.toml"
    store.write(canvas_path, canvas_with(2, title="Before"))
    fill(small_disk)
    with pytest.raises(CanvasError) as caught:
        store.write(canvas_path, canvas_with(400, note="x" * 200))
    assert "No space left on device" in caught.value.summary
    found = store.find(canvas_path)
    assert isinstance(found, Recovered)
    assert found.canvas.header.title == "Before"
    assert temp_files(store.folder) == []


# --- a crash in the middle of a save --------------------------------------------------------

CRASHER = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path
    from bmc_tui.core import storage
    from bmc_tui.core.catalogue import BlockId
    from bmc_tui.core.model import Canvas, Header, Item

    def stop_here(*args, **kwargs):
        print("stopped", flush=True)
        time.sleep(120)

    stage = sys.argv[2]
    if stage == "write":
        # Half the bytes reach the temporary file, then the process hangs mid-write.
        real_fdopen = os.fdopen

        class HalfWriter:
            def __init__(self, stream):
                self.stream = stream
            def __enter__(self):
                return self
            def __exit__(self, *exc):
                self.stream.close()
            def write(self, data):
                self.stream.write(data[: len(data) // 2])
                self.stream.flush()
                stop_here()
            def flush(self):
                self.stream.flush()
            def fileno(self):
                return self.stream.fileno()

        os.fdopen = lambda *a, **k: HalfWriter(real_fdopen(*a, **k))
    elif stage == "fsync":
        os.fsync = stop_here
    elif stage == "replace":
        os.replace = stop_here
    elif stage == "after-replace":
        storage._fsync_folder = stop_here
    items = tuple(Item(id=f"n{n}", text=f"New idea {n}") for n in range(500))
    canvas = Canvas(header=Header(title="New")).with_items(BlockId.KEY_PARTNERS, items)
    storage.save(canvas, Path(sys.argv[1]))
    print("finished", flush=True)
    """
)


@pytest.mark.parametrize("stage", ["write", "fsync", "replace", "after-replace"])
def test_killed_mid_save_leaves_a_whole_canvas(tmp_path: Path, stage: str) -> None:
    path = tmp_path / "plan.toml"
    old = canvas_with(5, title="Old")
    save(old, path)
    before = path.read_bytes()

    process = subprocess.Popen(
        [sys.executable, "-c", CRASHER, str(path), stage], stdout=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "stopped"
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == -signal.SIGKILL

    survivor = load(path)
    if stage == "after-replace":
        # The rename happened: the new canvas, whole.
        assert survivor.header.title == "New"
        assert survivor.item_count() == 500
        assert temp_files(tmp_path) == []
    else:
        assert path.read_bytes() == before
        assert survivor == old
        # A killed process cannot tidy up: its temporary file stays, hidden, beside the
        # canvas, and is never mistaken for it.
        leftovers = temp_files(tmp_path)
        assert len(leftovers) == 1
        assert leftovers[0].startswith(".plan.toml.")
    # The next save works as usual despite any leftover.
    assert save(canvas_with(1, title="After"), path)
    assert load(path).header.title == "After"


# --- read-only files and folders ------------------------------------------------------------


@contextlib.contextmanager
def immutable(path: Path) -> Iterator[None]:
    if shutil.which("chattr") is None:
        pytest.skip("chattr is not installed")
    done = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"chattr +i is not permitted here: {done.stderr.strip()}")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=False)


def test_immutable_file_refuses_the_save_cleanly(tmp_path: Path) -> None:
    """chmod 444 means nothing to root; ``chattr +i`` binds even root."""
    path = tmp_path / "plan.toml"
    save(canvas_with(2), path)
    before = path.read_bytes()
    with immutable(path):
        with pytest.raises(CanvasError) as caught:
            save(canvas_with(3), path)
        assert caught.value.summary == f"{path}: cannot save: Operation not permitted"
        assert path.read_bytes() == before
        assert temp_files(tmp_path) == []


def test_immutable_folder_refuses_the_save_cleanly(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    path = folder / "plan.toml"
    save(canvas_with(2), path)
    before = path.read_bytes()
    with immutable(folder):
        with pytest.raises(CanvasError) as caught:
            save(canvas_with(3), path)
        assert "cannot save" in caught.value.summary
        assert path.read_bytes() == before
        assert temp_files(folder) == []


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A folder another (unprivileged) user can reach: pytest's tmp_path is root-only."""
    if not IS_ROOT:
        pytest.skip("dropping to another user needs root")
    folder = Path(tempfile.mkdtemp(prefix="bmc-readonly-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


SAVE_AS_NOBODY = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from bmc_tui.core.model import Canvas, Header
    from bmc_tui.core.storage import CanvasError, save
    try:
        save(Canvas(header=Header(title="Changed")), Path(sys.argv[1]))
    except CanvasError as error:
        print(error.summary)
    else:
        print("saved")
    """
)


def save_as_nobody(path: Path) -> str:
    """Save a changed canvas to ``path`` as the unprivileged user ``nobody``.

    setpriv(1) is used rather than ``subprocess``'s ``user=``: in some sandboxes only the
    former can still execute an interpreter that lives under root's home.
    """
    if shutil.which("setpriv") is None:
        pytest.skip("setpriv(1) is not installed")
    done = subprocess.run(
        [
            "setpriv",
            f"--reuid={NOBODY}",
            f"--regid={NOBODY}",
            "--clear-groups",
            sys.executable,
            "-c",
            SAVE_AS_NOBODY,
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd="/",
    )
    if done.returncode != 0:
        pytest.skip(f"cannot run Python as an unprivileged user here: {done.stderr[-300:]}")
    return done.stdout.strip()


def test_read_only_folder_for_an_ordinary_user(shared_folder: Path) -> None:
    path = shared_folder / "plan.toml"
    save(canvas_with(2), path)
    before = path.read_bytes()
    path.chmod(0o666)  # the file is writable, the folder is not: no temp file can be made
    assert save_as_nobody(path) == f"{path}: cannot save: Permission denied"
    assert path.read_bytes() == before
    assert temp_files(shared_folder) == []


def test_read_only_file_in_a_writable_folder_for_an_ordinary_user(shared_folder: Path) -> None:
    """An atomic save replaces the file by renaming, which the folder's permission governs,
    so a chmod 444 file in a folder the user may write is replaced (as ``sed -i`` would),
    keeping its 444 mode. Pinned here so a change of policy is a deliberate one."""
    folder = shared_folder / "mine"
    folder.mkdir()
    os.chown(folder, NOBODY, NOBODY)
    path = folder / "plan.toml"
    save(canvas_with(2), path)
    os.chown(path, NOBODY, NOBODY)
    path.chmod(0o444)
    assert save_as_nobody(path) == "saved"
    assert load(path).header.title == "Changed"
    assert (path.stat().st_mode & 0o777) == 0o444
    assert temp_files(folder) == []


# --- the world changed between load and save ------------------------------------------------


def test_folder_removed_between_load_and_save(tmp_path: Path) -> None:
    folder = tmp_path / "project"
    folder.mkdir()
    path = folder / "plan.toml"
    save(canvas_with(2), path)
    canvas = load(path)
    shutil.rmtree(folder)
    with pytest.raises(CanvasError) as caught:
        save(canvas, path)
    assert caught.value.summary == f"{path}: cannot save: the folder {folder} does not exist"
    assert not folder.exists()  # not silently re-created somewhere unexpected


def test_folder_replaced_by_a_file_between_load_and_save(tmp_path: Path) -> None:
    folder = tmp_path / "project"
    folder.mkdir()
    path = folder / "plan.toml"
    save(canvas_with(2), path)
    canvas = load(path)
    shutil.rmtree(folder)
    folder.write_text("not a folder")
    with pytest.raises(CanvasError) as caught:
        save(canvas, path)
    assert caught.value.summary.startswith(f"{path}: cannot save: ")
    assert folder.read_text() == "not a folder"


def test_file_replaced_by_a_folder_between_load_and_save(tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    save(canvas_with(2), path)
    canvas = load(path)
    path.unlink()
    path.mkdir()
    with pytest.raises(CanvasError) as caught:
        save(canvas, path)
    assert caught.value.summary == f"{path}: is a folder, not a canvas file"
    assert path.is_dir()
    assert temp_files(tmp_path) == []
