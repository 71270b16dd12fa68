"""Noticing a canvas changed under the editor: git pull, another editor, a deleted file.

The editor polls every couple of seconds, so a check must be cheap when nothing happened,
must not cry wolf when a file is only touched, and must catch a same-size edit even when the
filesystem's mtime did not move.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from bmc_tui.core import watching
from bmc_tui.core.storage import MAX_FILE_BYTES, CanvasError, dumps, load, save
from bmc_tui.core.watching import DiskState, FileStamp, changed, check, load_stamped, read_stamped

TEXT = '[canvas]\ntitle = "Bakery"\n'


@pytest.fixture
def canvas(tmp_path: Path) -> Path:
    path = tmp_path / "plan.toml"
    path.write_text(TEXT)
    return path


def age(path: Path, seconds: float = 60) -> None:
    """Set the file's mtime into the past, as if it was loaded a while ago."""
    past = time.time() - seconds
    os.utime(path, (past, past))


def old_stamp(path: Path) -> FileStamp:
    age(path)
    return FileStamp.capture(path)


def test_unchanged_file(canvas: Path) -> None:
    stamp = old_stamp(canvas)
    status = check(canvas, stamp)
    assert status.state is DiskState.UNCHANGED
    assert not status.changed
    assert status.stamp == stamp
    assert not changed(canvas, stamp)


def test_unchanged_check_does_not_read_the_file(
    canvas: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stamp = old_stamp(canvas)

    def no_reading(*args: object) -> None:
        raise AssertionError("read the file although its stat had not changed")

    monkeypatch.setattr(watching, "read_stamped", no_reading)
    assert check(canvas, stamp).state is DiskState.UNCHANGED


def test_edited_in_place(canvas: Path) -> None:
    stamp = old_stamp(canvas)
    canvas.write_text(TEXT + "# more\n")
    status = check(canvas, stamp)
    assert status.state is DiskState.MODIFIED
    assert str(canvas) in status.message
    assert status.stamp == stamp  # the editor still knows what it loaded


def test_same_size_edit_with_the_same_mtime_is_caught(canvas: Path) -> None:
    stamp = old_stamp(canvas)
    info = canvas.stat()
    canvas.write_text(TEXT.replace("Bakery", "Bikery"))
    os.utime(canvas, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert canvas.stat().st_size == stamp.size
    assert check(canvas, stamp).state is DiskState.MODIFIED


def test_racy_stamp_is_confirmed_by_hash(canvas: Path) -> None:
    """Just after a save the mtime may not move on a quick second write (coarse clocks)."""
    stamp = FileStamp.capture(canvas)  # mtime is "now": racy
    mtime = canvas.stat().st_mtime_ns
    canvas.write_text(TEXT.replace("Bakery", "Bikery"))
    os.utime(canvas, ns=(mtime, mtime))
    # Only ctime differs now; even with ctime equal the racy rule would hash.
    assert check(canvas, stamp).state is DiskState.MODIFIED


def test_touched_is_not_a_change_and_the_stamp_refreshes(canvas: Path) -> None:
    stamp = old_stamp(canvas)
    os.utime(canvas)  # touch
    status = check(canvas, stamp)
    assert status.state is DiskState.UNCHANGED
    assert status.stamp.mtime_ns != stamp.mtime_ns
    assert status.stamp.sha256 == stamp.sha256


def test_replaced_by_rename_with_the_same_bytes_is_no_change(canvas: Path) -> None:
    """``git checkout`` and atomic saves replace the file; identical bytes are no change."""
    stamp = old_stamp(canvas)
    other = canvas.with_name("new.toml")
    other.write_text(TEXT)
    os.replace(other, canvas)
    assert check(canvas, stamp).state is DiskState.UNCHANGED
    other.write_text(TEXT + "\n")
    os.replace(other, canvas)
    assert check(canvas, stamp).state is DiskState.MODIFIED


def test_vanished(canvas: Path) -> None:
    stamp = old_stamp(canvas)
    canvas.unlink()
    status = check(canvas, stamp)
    assert status.state is DiskState.MISSING
    assert "gone" in status.message
    assert changed(canvas, stamp)


def test_folder_vanished(canvas: Path) -> None:
    stamp = old_stamp(canvas)
    canvas.unlink()
    canvas.parent.rmdir()
    assert check(canvas, stamp).state is DiskState.MISSING


def test_replaced_by_a_symlink(tmp_path: Path, canvas: Path) -> None:
    stamp = old_stamp(canvas)
    elsewhere = tmp_path / "elsewhere.toml"
    elsewhere.write_text(TEXT)
    canvas.unlink()
    canvas.symlink_to(elsewhere)
    status = check(canvas, stamp)
    assert status.state is DiskState.RELINKED
    assert "link" in status.message


def test_symlink_retargeted_or_dangling(tmp_path: Path) -> None:
    first, second = tmp_path / "a.toml", tmp_path / "b.toml"
    first.write_text(TEXT)
    second.write_text(TEXT)
    link = tmp_path / "link.toml"
    link.symlink_to(first)
    age(first)
    canvas, stamp = load_stamped(link)
    assert canvas.header.title == "Bakery"
    assert stamp.link_target == str(first)
    assert check(link, stamp).state is DiskState.UNCHANGED
    first.write_text(TEXT + "\n")  # an edit through the link's target
    assert check(link, stamp).state is DiskState.MODIFIED
    link.unlink()
    link.symlink_to(second)
    assert check(link, stamp).state is DiskState.RELINKED
    link.unlink()
    link.symlink_to(first)
    first.unlink()
    assert check(link, stamp).state is DiskState.MISSING


def test_became_a_folder(canvas: Path) -> None:
    stamp = old_stamp(canvas)
    canvas.unlink()
    canvas.mkdir()
    assert check(canvas, stamp).state is DiskState.UNREADABLE


def test_became_unreadable(canvas: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stamp = old_stamp(canvas)
    canvas.chmod(0)
    real_open = os.open

    def refused(path: object, *args: object, **kwargs: object) -> int:
        if Path(str(path)) == canvas:
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    # As root permissions are ignored, so refuse the read the way the kernel would.
    monkeypatch.setattr(os, "open", refused)
    status = check(canvas, stamp)
    assert status.state is DiskState.UNREADABLE
    assert "permission denied" in status.message


def test_grown_too_large(canvas: Path) -> None:
    stamp = old_stamp(canvas)
    with canvas.open("ab") as stream:
        stream.truncate(MAX_FILE_BYTES + 1)
    status = check(canvas, stamp)
    assert status.state is DiskState.UNREADABLE
    assert "at most" in status.message


def test_load_stamped_matches_storage_load(canvas: Path) -> None:
    loaded, stamp = load_stamped(canvas)
    assert loaded == load(canvas)
    data, again = read_stamped(canvas)
    assert data == canvas.read_bytes()
    assert again.sha256 == stamp.sha256


def test_load_stamped_errors_are_canvas_errors(tmp_path: Path) -> None:
    with pytest.raises(CanvasError, match="no such file"):
        load_stamped(tmp_path / "missing.toml")
    with pytest.raises(CanvasError, match="is a folder"):
        load_stamped(tmp_path)
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    with pytest.raises(CanvasError, match="not a regular file"):
        load_stamped(fifo)  # must not hang waiting for a writer


def test_our_own_save_then_capture_is_unchanged(canvas: Path) -> None:
    loaded, _ = load_stamped(canvas)
    edited = loaded.with_header(loaded.header.model_copy(update={"title": "Saved"}))
    save(edited, canvas)
    stamp = FileStamp.capture(canvas)
    assert stamp.size == len(dumps(edited).encode())
    assert check(canvas, stamp).state is DiskState.UNCHANGED


def test_a_stamp_from_the_write_matches_the_file_without_reading_it(tmp_path: Path) -> None:
    """The save's own bytes and the temporary file's metadata describe the saved file: the
    next check finds it unchanged, and a rewrite with other bytes is caught."""
    from bmc_tui.core.model import Canvas, Header
    from bmc_tui.core.storage import write_canvas

    path = tmp_path / "plan.toml"
    written = write_canvas(Canvas(header=Header(title="Mine")), path)
    stamp = FileStamp.of_write(path, written)
    assert stamp.size == path.stat().st_size
    assert stamp.inode == path.stat().st_ino
    assert stamp.mtime_ns == path.stat().st_mtime_ns
    assert stamp.sha256 == read_stamped(path)[1].sha256
    assert check(path, stamp).state is DiskState.UNCHANGED
    path.write_text(dumps(Canvas(header=Header(title="Them"))))
    assert check(path, stamp).state is DiskState.MODIFIED
    # Saving what the file already holds writes nothing and still gives a true stamp.
    again = write_canvas(Canvas(header=Header(title="Them")), path)
    assert not again.written
    assert check(path, FileStamp.of_write(path, again)).state is DiskState.UNCHANGED
