"""Recovery files: unsaved work survives a dropped connection, and is never lost by accident.

What matters to a user: after the editor dies, opening the canvas again finds their changes;
the canvas file itself is never touched by recovery; a recovery file that has gone bad is
reported and kept, not deleted or crashed on; and nobody else can read their unsaved canvas.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from bmc_tui.core import recovery
from bmc_tui.core.catalogue import BlockId
from bmc_tui.core.model import Canvas, Header, Item
from bmc_tui.core.recovery import BrokenRecovery, Recovered, RecoveryStore
from bmc_tui.core.storage import CanvasError, load, parse, save


def canvas(title: str = "Bakery", *texts: str) -> Canvas:
    result = Canvas(header=Header(title=title))
    for index, text in enumerate(texts or ("The shop",)):
        result = result.with_item_inserted(BlockId.CHANNELS, index, Item(id=f"i{index}", text=text))
    return result


@pytest.fixture
def saved(tmp_path: Path) -> Path:
    path = tmp_path / "plan.toml"
    save(canvas(), path)
    return path


def test_the_folder_is_the_user_state_folder(tmp_path: Path) -> None:
    # conftest points XDG_STATE_HOME at a scratch folder; the store must follow it.
    state = Path(os.environ["XDG_STATE_HOME"])
    assert recovery.recovery_folder() == state / "bmc-tui" / "recovery"
    assert RecoveryStore().folder == state / "bmc-tui" / "recovery"


def test_write_then_find_gives_back_the_unsaved_canvas(saved: Path) -> None:
    store = RecoveryStore()
    edited = canvas("Bakery", "The shop", "Market stall")
    file = store.write(saved, edited)

    found = store.find(saved)
    assert isinstance(found, Recovered)
    assert found.file == file
    assert found.canvas == edited
    assert found.canvas_path == Path(os.path.realpath(saved))
    assert found.pid == os.getpid()
    assert found.host
    assert found.on_disk == load(saved)
    assert found.differs
    assert not found.writer_alive  # written by this very process
    assert abs(found.written - dt.datetime.now(dt.UTC)) < dt.timedelta(seconds=5)
    assert [change.text for change in found.changes().items] == ["Market stall"]


def test_the_canvas_file_is_never_touched(saved: Path) -> None:
    before = saved.read_bytes(), saved.stat().st_mtime_ns
    store = RecoveryStore()
    store.write(saved, canvas("Changed"))
    store.find(saved)
    store.discard(saved)
    assert (saved.read_bytes(), saved.stat().st_mtime_ns) == before


def test_recovery_files_are_private(saved: Path) -> None:
    file = RecoveryStore().write(saved, canvas("Secret plans"))
    assert stat.S_IMODE(file.stat().st_mode) == 0o600
    assert stat.S_IMODE(file.parent.stat().st_mode) == 0o700


def test_file_is_a_canvas_once_the_recovery_table_is_removed(saved: Path) -> None:
    """A person can always rescue their work by hand, without bmc-tui."""
    edited = canvas("By hand")
    text = RecoveryStore().write(saved, edited).read_text()
    assert "[recovery]" in text
    assert f'path = "{os.path.realpath(saved)}"' in text
    start = text.index("\n[recovery]\n") + 1
    end = text.index("\n\n", start)
    assert parse(Path("by-hand.toml"), text[:start] + text[end + 2 :]) == edited


def test_names_follow_the_real_path(
    tmp_path: Path, saved: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = RecoveryStore()
    monkeypatch.chdir(tmp_path)
    link = tmp_path / "link.toml"
    link.symlink_to(saved)
    assert store.file_for(link) == store.file_for(saved)
    assert store.file_for(Path("plan.toml")) == store.file_for(saved)
    assert store.file_for(Path("sub/../plan.toml")) == store.file_for(saved)
    other = tmp_path / "sub" / "plan.toml"
    assert store.file_for(other) != store.file_for(saved)
    assert store.file_for(saved).name.startswith("plan.toml.")


def test_hostile_file_names_give_tame_recovery_names(tmp_path: Path) -> None:
    name = "\x1b]0;pwned\x07 ../\u202e.toml"
    file = RecoveryStore().file_for(tmp_path / name)
    assert file.parent == RecoveryStore().folder
    assert file.name.isascii()
    assert file.name.isprintable()
    assert "/" not in file.name


def test_untitled_canvases_get_a_per_process_file() -> None:
    store = RecoveryStore()
    file = store.write(None, canvas("Untitled work"))
    assert str(os.getpid()) in file.name
    found = store.find(None)
    assert isinstance(found, Recovered)
    assert found.canvas_path is None
    assert found.on_disk is None
    assert found.differs


def test_untitled_work_of_a_dead_editor_is_listed(tmp_path: Path) -> None:
    script = textwrap.dedent(
        """
        from bmc_tui.core.model import Canvas, Header
        from bmc_tui.core.recovery import RecoveryStore
        print(RecoveryStore().write(None, Canvas(header=Header(title="Lost draft"))))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    file = Path(done.stdout.strip())
    entries = RecoveryStore().list()
    match = [entry for entry in entries if entry.file == file]
    assert len(match) == 1
    entry = match[0]
    assert isinstance(entry, Recovered)
    assert entry.canvas.header.title == "Lost draft"
    assert not entry.writer_alive  # that process has exited
    # find(None) in this process is a different (its own) untitled file.
    assert RecoveryStore().find(None) is None


def test_writer_alive_when_another_running_editor_wrote_it(saved: Path) -> None:
    script = textwrap.dedent(
        f"""
        import sys, time
        from pathlib import Path
        from bmc_tui.core.model import Canvas, Header
        from bmc_tui.core.recovery import RecoveryStore
        RecoveryStore().write(Path({str(saved)!r}), Canvas(header=Header(title="Live")))
        print("written", flush=True)
        time.sleep(60)
        """
    )
    process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "written"
        found = RecoveryStore().find(saved)
        assert isinstance(found, Recovered)
        assert found.writer_alive
    finally:
        process.kill()
        process.wait()
    found = RecoveryStore().find(saved)
    assert isinstance(found, Recovered)
    assert not found.writer_alive


def test_identical_recovery_does_not_differ(saved: Path) -> None:
    store = RecoveryStore()
    store.write(saved, load(saved))
    found = store.find(saved)
    assert isinstance(found, Recovered)
    assert not found.differs
    assert found.changes().equal


def test_canvas_deleted_or_broken_on_disk(saved: Path) -> None:
    store = RecoveryStore()
    store.write(saved, canvas("Keep me"))
    saved.write_text("this is [not toml")
    found = store.find(saved)
    assert isinstance(found, Recovered)
    assert found.on_disk is None
    assert found.differs
    assert "invalid TOML" in found.disk_problem
    saved.unlink()
    found = store.find(saved)
    assert isinstance(found, Recovered)
    assert found.on_disk is None
    assert found.disk_problem == ""
    assert found.canvas.header.title == "Keep me"


def test_disk_newer_when_the_canvas_was_saved_after_the_recovery(saved: Path) -> None:
    store = RecoveryStore()
    store.write(saved, canvas("Old edit"))
    later = dt.datetime.now().timestamp() + 3600
    os.utime(saved, (later, later))
    found = store.find(saved)
    assert isinstance(found, Recovered)
    assert found.disk_newer


def test_repeated_writes_replace_and_identical_writes_are_skipped(saved: Path) -> None:
    store = RecoveryStore()
    file = store.write(saved, canvas("One"))
    first = file.stat().st_mtime_ns, file.stat().st_ino
    assert store.write(saved, canvas("One")) == file
    assert (file.stat().st_mtime_ns, file.stat().st_ino) == first
    store.write(saved, canvas("Two"))
    found = store.find(saved)
    assert isinstance(found, Recovered)
    assert found.canvas.header.title == "Two"
    assert [p.name for p in store.folder.iterdir()] == [file.name]  # no temp files left


def test_discard(saved: Path) -> None:
    store = RecoveryStore()
    store.write(saved, canvas("Gone soon"))
    assert store.discard(saved)
    assert store.find(saved) is None
    assert not store.discard(saved)
    # After a discard, writing the same canvas again really writes it.
    store.write(saved, canvas("Gone soon"))
    assert isinstance(store.find(saved), Recovered)


def test_find_without_a_recovery_file(saved: Path) -> None:
    assert RecoveryStore().find(saved) is None
    assert RecoveryStore().list() == []


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\x00\x01binary",
        b"\xff\xfe not utf-8",
        b"[recovery\n",
        b'format_version = 1\n[canvas]\ntitle = "no recovery table"\n',
        b'[recovery]\npid = "x"\n',
        b"[recovery]\npid = 1\nwritten = 2024-01-01T00:00:00Z\n[[channels]]\ntext = 42\n",
        b'[recovery]\npid = 1\nwritten = 2024-01-01T00:00:00Z\n[canvas]\ntitle = "\\u001b[31m"\n',
        b"a = " + b"[" * 5000 + b"]" * 5000 + b"\n",
    ],
    ids=[
        "empty",
        "binary",
        "latin",
        "bad-toml",
        "no-table",
        "bad-meta",
        "bad-canvas",
        "escape",
        "deep",
    ],
)
def test_a_broken_recovery_file_is_reported_and_kept(saved: Path, content: bytes) -> None:
    store = RecoveryStore()
    file = store.file_for(saved)
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_bytes(content)

    found = store.find(saved)
    assert isinstance(found, BrokenRecovery)
    assert found.file == file
    assert str(file) in found.problem
    assert "\x1b" not in found.problem
    assert "\n" not in found.problem
    assert [entry.file for entry in store.list()] == [file]

    # Discard will not delete it behind the user's back...
    assert not store.discard(saved)
    assert file.read_bytes() == content
    # ...and a new recovery file moves it aside rather than over-writing it.
    store.write(saved, canvas("Fresh"))
    kept = [p for p in store.folder.iterdir() if recovery.is_broken_name(p)]
    assert len(kept) == 1
    assert kept[0].read_bytes() == content
    assert isinstance(store.find(saved), Recovered)
    entries = store.list()
    assert isinstance(entries[0], Recovered)
    assert isinstance(entries[1], BrokenRecovery)


def test_a_recovery_file_from_a_newer_bmc_tui_is_reported(saved: Path) -> None:
    store = RecoveryStore()
    file = store.write(saved, canvas())
    file.write_text(file.read_text().replace("format_version = 1", "format_version = 99", 1))
    found = store.find(saved)
    assert isinstance(found, BrokenRecovery)
    assert "newer" in found.problem
    assert found.canvas_path == Path(os.path.realpath(saved))


def test_an_unwritable_state_folder_is_a_canvas_error(
    tmp_path: Path, saved: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    store = RecoveryStore(blocker / "recovery")
    with pytest.raises(CanvasError) as caught:
        store.write(saved, canvas())
    assert "cannot keep recovery files" in caught.value.summary
    assert store.find(saved) is None
    assert store.list() == []


def test_a_folder_of_recovery_files_from_many_canvases(tmp_path: Path) -> None:
    store = RecoveryStore()
    paths = [tmp_path / f"c{n}.toml" for n in range(5)]
    for n, path in enumerate(paths):
        store.write(path, canvas(f"Canvas {n}"))
    titles = {entry.canvas.header.title for entry in store.list() if isinstance(entry, Recovered)}
    assert titles == {f"Canvas {n}" for n in range(5)}
    for path in paths:
        assert store.discard(path)
    assert store.list() == []


# --- a canvas under a folder whose name is not UTF-8 (issue 11) -----------------------------


@pytest.fixture
def non_utf8_canvas(tmp_path: Path) -> Path:
    """A canvas in a real folder named with a Latin-1 byte, as an old archive may have."""
    folder = Path(os.fsdecode(bytes(tmp_path) + b"/caf\xe9"))
    folder.mkdir()
    path = folder / "plan.toml"
    save(canvas(), path)
    return path


def test_a_canvas_under_a_non_utf8_folder_is_kept_and_found(non_utf8_canvas: Path) -> None:
    store = RecoveryStore()
    edited = canvas("Bakery", "The shop", "Market stall")
    file = store.write(non_utf8_canvas, edited)

    # The recovery file itself is UTF-8 TOML a person can read and rescue by hand.
    text = file.read_bytes().decode("utf-8")
    assert "caf\ufffd" in text
    found = store.find(non_utf8_canvas)
    assert isinstance(found, Recovered)
    assert found.canvas == edited
    assert found.canvas_path == Path(os.path.realpath(non_utf8_canvas))
    assert found.on_disk == load(non_utf8_canvas)
    assert store.list() == [found]
    assert store.discard(non_utf8_canvas)
