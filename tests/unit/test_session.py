"""The canvas session: every file path and every outcome, without a terminal.

What a user cares about: a second editor is always warned (a new file's too), a save never
overwrites what another program or editor wrote unseen, a merge keeps both sides' work,
unsaved work (even text still being typed) survives a dropped connection, and nothing is
left behind to trip over.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import socket
from collections.abc import Callable
from pathlib import Path

import pytest

from bmc_tui.core import storage
from bmc_tui.core.catalogue import BlockId
from bmc_tui.core.locking import acquire, inspect, lock_path
from bmc_tui.core.merging import merge
from bmc_tui.core.model import CONFLICT_TAG, MAX_NOTE_LENGTH, Canvas, Header, Item
from bmc_tui.core.recovery import Recovered, RecoveryStore
from bmc_tui.core.session import (
    CanvasSession,
    DiskChanged,
    DiskProblem,
    DiskUnchanged,
    LockBusy,
    LockLost,
    LockTakenOver,
    Merged,
    NeedsName,
    NoLock,
    Opened,
    OpenFailed,
    PendingText,
    ReadOnly,
    RecoveryOffer,
    RecoveryUnreadable,
    Reloaded,
    Saved,
    SaveFailed,
    TargetExists,
    TargetLocked,
    orphaned_untitled,
    restore_to_file,
    with_pending,
)
from bmc_tui.core.storage import CanvasError, dumps, load, save

LeaveUntitled = Callable[..., Path]
VP = BlockId.VALUE_PROPOSITIONS
CH = BlockId.CHANNELS


def canvas_with(*texts: str, block: BlockId = VP) -> Canvas:
    items = tuple(Item(id=f"i{n}", text=text) for n, text in enumerate(texts))
    return Canvas(header=Header(title="Bakery")).with_items(block, items)


def texts(canvas: Canvas, block: BlockId = VP) -> list[str]:
    return [item.text for item in canvas.items(block)]


@pytest.fixture
def path(tmp_path: Path) -> Path:
    file = tmp_path / "plan.toml"
    save(canvas_with("Bread"), file)
    return file


def opened(path: Path) -> CanvasSession:
    result = CanvasSession.open(path, "en")
    assert isinstance(result, Opened)
    assert result.lock is None, result.lock
    return result.session


def add(session: CanvasSession, text: str, block: BlockId = VP) -> None:
    session.document.add_item(block, len(session.document.canvas.items(block)), text)


# --- opening and the lock --------------------------------------------------------------------


def test_opening_a_file_takes_its_lock(path: Path) -> None:
    session = opened(path)
    assert texts(session.document.canvas) == ["Bread"]
    assert inspect(path) is not None
    session.close(discard=False)
    assert inspect(path) is None


def test_opening_a_path_that_does_not_exist_yet_locks_it_too(tmp_path: Path) -> None:
    """The bug: a new file had no lock, so a second editor opened it unwarned."""
    new = tmp_path / "NEW.toml"
    first = CanvasSession.open(new, "da")
    assert isinstance(first, Opened)
    assert first.new_file
    assert first.lock is None
    assert first.session.language == "da"
    assert lock_path(new).exists()
    assert not new.exists(), "nothing is written before the first save"

    second = CanvasSession.open(new, "en")
    assert isinstance(second, Opened)
    assert isinstance(second.lock, LockBusy)
    assert second.lock.held.owner.pid == os.getpid()


def test_a_new_file_in_a_missing_folder_has_no_lock_and_the_save_says_why(
    tmp_path: Path,
) -> None:
    result = CanvasSession.open(tmp_path / "nowhere" / "x.toml", "en")
    assert isinstance(result, Opened)
    assert result.lock is None
    add(result.session, "Idea")
    outcome = result.session.save()
    assert isinstance(outcome, SaveFailed)
    assert "does not exist" in outcome.message


def test_a_file_that_is_no_canvas_fails_to_open(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text('[canvas]\ntitle = "never closed\n')
    result = CanvasSession.open(broken, "en")
    assert isinstance(result, OpenFailed)
    assert "broken.toml" in result.message
    assert not lock_path(broken).exists()


def test_a_stale_lock_is_taken_over_and_said(path: Path, gone_pid: Callable[[], int]) -> None:
    lock_path(path).write_text(
        json.dumps({"pid": gone_pid(), "host": socket.gethostname(), "token": "old"})
    )
    result = CanvasSession.open(path, "en")
    assert isinstance(result, Opened)
    assert isinstance(result.lock, LockTakenOver)
    assert result.session.lock is not None
    assert result.session.lock.still_held()


def test_open_anyway_forces_the_lock_and_read_only_saves_nothing(path: Path) -> None:
    other = acquire(path)
    busy = CanvasSession.open(path, "en")
    assert isinstance(busy, Opened)
    assert isinstance(busy.lock, LockBusy)
    busy.session.open_read_only()
    add(busy.session, "Nope")
    assert isinstance(busy.session.save(), ReadOnly)
    assert busy.session.keep() is None
    assert RecoveryStore().find(path) is None, "a read-only editor keeps no recovery file"

    anyway = CanvasSession.open(path, "en")
    assert isinstance(anyway, Opened)
    assert anyway.session.claim(force=True) is None
    assert anyway.session.lock is not None
    assert anyway.session.lock.still_held()
    assert not other.still_held()  # type: ignore[union-attr]


def test_a_read_only_folder_gives_no_lock(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "plan.toml"
    save(canvas_with("Bread"), path)

    def refuse(*args: object, **kwargs: object) -> bool:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("bmc_tui.core.locking._create_with_content", refuse)
    result = CanvasSession.open(path, "en")
    assert isinstance(result, Opened)
    assert isinstance(result.lock, NoLock)
    assert "Permission denied" in result.lock.reason


# --- saving ----------------------------------------------------------------------------------


def test_save_writes_and_checks_the_lock_first(path: Path) -> None:
    session = opened(path)
    add(session, "Cake")
    outcome = session.save()
    assert outcome == Saved(path, True)
    assert texts(load(path)) == ["Bread", "Cake"]
    assert session.save() == Saved(path, False)


def test_a_lock_forced_away_is_reported_not_retaken(path: Path) -> None:
    session = opened(path)
    add(session, "Mine")
    thief = acquire(path, force=True)
    outcome = session.save()
    assert isinstance(outcome, LockLost)
    assert outcome.held is not None
    assert outcome.held.owner.pid == os.getpid()
    assert texts(load(path)) == ["Bread"], "nothing written over the other editor"
    assert thief.still_held(), "the lock is not silently taken back"  # type: ignore[union-attr]

    assert isinstance(session.save(take_lock=True), Saved)
    assert texts(load(path)) == ["Bread", "Mine"]
    assert not thief.still_held()  # type: ignore[union-attr]


def test_a_deleted_lock_file_is_reported_too(path: Path) -> None:
    session = opened(path)
    add(session, "Mine")
    lock_path(path).unlink()
    outcome = session.save()
    assert outcome == LockLost(path, None)


def test_two_editors_on_one_new_file_the_second_cannot_silently_overwrite(
    tmp_path: Path,
) -> None:
    """The reported bug, end to end: both open NEW.toml, the first saves an item, the second
    keeps its own version and saves: the first one's item must survive or be asked about."""
    new = tmp_path / "NEW.toml"
    first = CanvasSession.open(new, "en")
    second = CanvasSession.open(new, "en")
    assert isinstance(first, Opened)
    assert isinstance(second, Opened)
    assert isinstance(second.lock, LockBusy)
    second.session.claim(force=True)  # "Open anyway"
    add(first.session, "First's item")
    assert isinstance(first.session.save(), LockLost)
    assert isinstance(first.session.save(take_lock=True), Saved)
    add(second.session, "Second's item")
    outcome = second.session.save()
    assert isinstance(outcome, LockLost)
    assert isinstance(second.session.save(take_lock=True), DiskChanged)
    merged = second.session.merge_with_disk()
    assert isinstance(merged, Merged)
    assert isinstance(second.session.save(), Saved)
    # Both kept; where both added at one place, ours (the saving editor's) comes first.
    assert texts(load(new)) == ["Second's item", "First's item"]


def test_save_of_an_untitled_canvas_needs_a_name_then_locks_it(tmp_path: Path) -> None:
    session = CanvasSession.untitled("en")
    add(session, "Idea")
    assert session.keep() is None
    untitled_file = RecoveryStore().file_for(None)
    assert untitled_file.exists()
    assert isinstance(session.save(), NeedsName)
    outcome = session.save_as(tmp_path / "mine")
    assert outcome == Saved(tmp_path / "mine.toml", True)
    assert session.path == tmp_path / "mine.toml"
    assert lock_path(tmp_path / "mine.toml").exists()
    assert not untitled_file.exists(), "the untitled recovery file follows the canvas"


def test_save_as_asks_before_overwriting_and_before_taking_anothers_file(
    path: Path, tmp_path: Path
) -> None:
    session = CanvasSession.untitled("en")
    add(session, "Other")
    assert session.save_as(path) == TargetExists(path)
    other = acquire(path)
    outcome = session.save_as(path, overwrite=True)
    assert isinstance(outcome, TargetLocked)
    assert texts(load(path)) == ["Bread"]
    assert isinstance(session.save_as(path, overwrite=True, take_lock=True), Saved)
    assert texts(load(path)) == ["Other"]
    assert not other.still_held()  # type: ignore[union-attr]


def test_save_as_moves_the_lock_and_the_recovery_file(path: Path, tmp_path: Path) -> None:
    session = opened(path)
    add(session, "Cake")
    session.keep()
    assert RecoveryStore().find(path) is not None
    target = tmp_path / "copy.toml"
    assert isinstance(session.save_as(target), Saved)
    assert not lock_path(path).exists(), "the old name's lock is let go"
    assert lock_path(target).exists()
    assert RecoveryStore().find(path) is None
    assert texts(load(target)) == ["Bread", "Cake"]
    assert texts(load(path)) == ["Bread"]


def test_a_failed_save_keeps_the_canvas_modified(path: Path) -> None:
    session = opened(path)
    add(session, "Cake")
    session.document.path = path.parent / "folder.toml"
    session.document.path.mkdir()
    outcome = session.save()
    assert isinstance(outcome, SaveFailed)
    assert "folder" in outcome.message
    assert session.document.modified


def test_the_stamp_comes_from_the_write_not_a_second_read(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another program writes just after our rename: the old code stamped its bytes as ours
    and never reported them. Now the check sees the change."""
    session = opened(path)
    add(session, "Mine")
    real = storage.write_atomically

    def write_then_race(target: Path, data: bytes, mode: int, *, shown_as: Path) -> object:
        info = real(target, data, mode, shown_as=shown_as)
        target.write_text(dumps(canvas_with("Theirs")))
        return info

    monkeypatch.setattr(storage, "write_atomically", write_then_race)
    assert isinstance(session.save(), Saved)
    monkeypatch.undo()
    written = dumps(session.document.canvas).encode()
    assert session.document.stamp is not None
    assert session.document.stamp.sha256 == hashlib.sha256(written).hexdigest()
    outcome = session.check_disk()
    assert isinstance(outcome, Reloaded), "the other program's write is noticed"
    assert texts(session.document.canvas) == ["Theirs"]


# --- the file changing on disk ---------------------------------------------------------------


def test_an_unmodified_canvas_reloads_quietly(path: Path) -> None:
    session = opened(path)
    assert session.check_disk() == DiskUnchanged()
    save(canvas_with("Bread", "From git"), path)
    outcome = session.check_disk()
    assert isinstance(outcome, Reloaded)
    assert outcome.quietly
    assert texts(session.document.canvas) == ["Bread", "From git"]
    assert not session.document.modified


def test_unsaved_changes_and_a_change_on_disk_ask_and_save_asks_too(path: Path) -> None:
    session = opened(path)
    add(session, "Mine")
    save(canvas_with("Bread", "Theirs"), path)
    assert session.check_disk() == DiskChanged(path)
    assert session.save() == DiskChanged(path)
    assert texts(load(path)) == ["Bread", "Theirs"], "never saved over an unseen change"


def test_keep_mine_then_save_writes_mine_knowingly(path: Path) -> None:
    session = opened(path)
    add(session, "Mine")
    save(canvas_with("Bread", "Theirs"), path)
    assert session.keep_mine() is None
    assert session.check_disk() == DiskUnchanged()
    assert isinstance(session.save(), Saved)
    assert texts(load(path)) == ["Bread", "Mine"]


def test_put_off_is_not_asked_again_until_the_file_changes_but_save_still_asks(
    path: Path,
) -> None:
    session = opened(path)
    add(session, "Mine")
    save(canvas_with("Bread", "Theirs"), path)
    session.postpone_disk_change()
    assert session.check_disk() == DiskUnchanged()
    assert session.save() == DiskChanged(path)
    save(canvas_with("Bread", "Theirs again"), path)
    assert session.check_disk() == DiskChanged(path)


def test_reload_takes_theirs_and_undo_brings_mine_back(path: Path) -> None:
    session = opened(path)
    add(session, "Mine")
    save(canvas_with("Bread", "Theirs"), path)
    assert isinstance(session.reload(), Reloaded)
    assert texts(session.document.canvas) == ["Bread", "Theirs"]
    assert not session.document.modified
    session.document.undo()
    assert texts(session.document.canvas) == ["Bread", "Mine"]


def test_merge_keeps_both_sides_as_one_undo_step(path: Path) -> None:
    session = opened(path)
    base = session.document.canvas
    add(session, "Mine")
    ours = session.document.canvas
    theirs = base.with_item_inserted(CH, 0, Item(id="t1", text="Theirs"))
    save(theirs, path)
    outcome = session.merge_with_disk()
    assert isinstance(outcome, Merged)
    assert not outcome.conflicts
    # The same rules as `bmc-tui merge`: exactly its result.
    assert session.document.canvas == merge(base, ours, theirs).canvas
    assert texts(session.document.canvas) == ["Bread", "Mine"]
    assert texts(session.document.canvas, CH) == ["Theirs"]
    assert session.document.modified, "the merge is not saved until the user saves"
    assert session.check_disk() == DiskUnchanged(), "the change on disk is resolved"
    session.document.undo()
    assert session.document.canvas == ours, "one undo step takes the whole merge back"


def test_merge_marks_a_conflict_and_keeps_both_texts(path: Path) -> None:
    session = opened(path)
    session.document.update_item("i0", "edit", text="Sourdough bread")
    save(canvas_with("Rye bread"), path)
    outcome = session.merge_with_disk()
    assert isinstance(outcome, Merged)
    assert len(outcome.conflicts) == 1
    items = session.document.canvas.items(VP)
    assert [item.text for item in items] == ["Sourdough bread", "Rye bread"]
    assert all(CONFLICT_TAG in item.tags for item in items)


def test_merge_after_keep_mine_uses_the_version_kept_over_as_base(path: Path) -> None:
    session = opened(path)
    add(session, "Mine")
    save(canvas_with("Bread", "Theirs"), path)
    session.keep_mine()  # the user dropped "Theirs" knowingly
    save(canvas_with("Bread", "Theirs", "More of theirs"), path)
    outcome = session.merge_with_disk()
    assert isinstance(outcome, Merged)
    assert texts(session.document.canvas) == ["Bread", "Mine", "More of theirs"]


@pytest.mark.parametrize(
    ("language", "says"),
    [
        ("da", "kan ikke flette: lærredets oplysninger: description: må højst have"),
        ("en", "cannot merge: canvas header: description: may have at most"),
    ],
)
def test_a_merge_that_cannot_be_made_says_why_in_the_language(
    path: Path, monkeypatch: pytest.MonkeyPatch, language: str, says: str
) -> None:
    """Both sides retitled a canvas whose description is nearly full: the merge notes the
    other title in the description, which is then too long; nothing is merged, in words."""
    monkeypatch.setenv("BMC_TUI_LANG", language)
    full = "x" * (MAX_NOTE_LENGTH - 5)
    save(Canvas(header=Header(title="A", description=full)), path)
    session = opened(path)
    session.document.set_header(Header(title="Ours", description=full))
    save(Canvas(header=Header(title="Theirs", description=full)), path)
    outcome = session.merge_with_disk()
    assert isinstance(outcome, DiskProblem)
    assert outcome.message == f"{path}: {says} 20000 {'tegn' if language == 'da' else 'characters'}"


def test_a_vanished_file_is_reported_once(path: Path) -> None:
    session = opened(path)
    path.unlink()
    outcome = session.check_disk()
    assert isinstance(outcome, DiskProblem)
    assert "gone" in outcome.message
    assert session.check_disk() == DiskUnchanged()
    assert isinstance(session.reload(), DiskProblem)
    assert isinstance(session.merge_with_disk(), DiskProblem)
    assert isinstance(session.disk_canvas(), DiskProblem)


# --- recovery --------------------------------------------------------------------------------


def test_keep_writes_unsaved_work_and_removes_it_once_saved(path: Path) -> None:
    session = opened(path)
    assert session.keep() is None
    assert RecoveryStore().find(path) is None, "nothing unsaved, nothing kept"
    add(session, "Cake")
    session.keep()
    found = RecoveryStore().find(path)
    assert isinstance(found, Recovered)
    assert texts(found.canvas) == ["Bread", "Cake"]
    session.save()
    assert RecoveryStore().find(path) is None


def test_close_keeping_includes_the_text_being_typed_and_releases_the_lock(path: Path) -> None:
    session = opened(path)
    session.document.update_item("i0", "note", note="old note")
    pending = [
        PendingText(VP, "i0", "Half-typed new idea ", new_item=True),
        PendingText(VP, "i0", "Bread, edited", field="text"),
        PendingText(VP, "i0", "A note being written", field="note"),
        PendingText(CH, None, "   ", new_item=True),
    ]
    assert session.close(discard=False, pending=pending) is None
    found = RecoveryStore().find(path)
    assert isinstance(found, Recovered)
    items = found.canvas.items(VP)
    assert [item.text for item in items] == ["Bread, edited", "Half-typed new idea"]
    assert items[0].note == "A note being written"
    assert found.canvas.items(CH) == ()
    assert not lock_path(path).exists()


def test_pending_text_alone_is_kept_even_with_nothing_committed(path: Path) -> None:
    session = opened(path)
    session.close(discard=False, pending=[PendingText(VP, None, "Only typed", new_item=True)])
    found = RecoveryStore().find(path)
    assert isinstance(found, Recovered)
    assert texts(found.canvas) == ["Bread", "Only typed"]


def test_pending_text_too_long_for_an_item_is_left_out_not_kept_broken() -> None:
    canvas = canvas_with("Bread")
    result = with_pending(canvas, [PendingText(VP, None, "x" * 100_000, new_item=True)])
    assert result == canvas


def test_close_discarding_removes_the_recovery_file_and_the_lock(path: Path) -> None:
    session = opened(path)
    add(session, "Cake")
    session.keep()
    session.close(discard=True)
    assert RecoveryStore().find(path) is None
    assert not lock_path(path).exists()


def test_recovery_is_offered_restored_or_discarded(path: Path) -> None:
    RecoveryStore().write(path, canvas_with("Bread", "Lost in a hangup"))
    session = opened(path)
    offer = session.pending_recovery()
    assert isinstance(offer, RecoveryOffer)
    session.restore(offer.found)
    assert texts(session.document.canvas) == ["Bread", "Lost in a hangup"]
    assert session.document.modified
    session.discard_recovery()
    assert session.pending_recovery() is None


def test_a_recovery_equal_to_the_file_is_dropped_quietly(path: Path) -> None:
    RecoveryStore().write(path, load(path))
    assert opened(path).pending_recovery() is None
    assert RecoveryStore().find(path) is None


def test_a_broken_recovery_is_reported_and_kept(path: Path) -> None:
    file = RecoveryStore().file_for(path)
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text("not = [toml")
    offer = opened(path).pending_recovery()
    assert isinstance(offer, RecoveryUnreadable)
    assert file.exists()


def test_untitled_recoveries_of_gone_editors_are_found_and_adopted(
    leave_untitled: LeaveUntitled,
) -> None:
    gone = leave_untitled(canvas_with("Never saved"))
    leave_untitled(canvas_with("Still open elsewhere"), pid=os.getppid())  # a live editor
    found = orphaned_untitled()
    assert [texts(entry.canvas) for entry in found] == [["Never saved"]]

    session = CanvasSession.adopt(found[0])
    assert texts(session.document.canvas) == ["Never saved"]
    assert session.document.modified
    assert session.path is None
    assert not gone.exists(), "moved into this editor's own recovery file"
    mine = RecoveryStore().find(None)
    assert isinstance(mine, Recovered)
    assert texts(mine.canvas) == ["Never saved"]
    assert orphaned_untitled() == [], "this editor's own file is not offered"


def test_restore_to_file_refuses_to_overwrite_without_force(
    tmp_path: Path, path: Path, leave_untitled: LeaveUntitled
) -> None:
    leave_untitled(canvas_with("Never saved"))
    [found] = orphaned_untitled()
    with pytest.raises(CanvasError, match="already exists"):
        restore_to_file(found, path)
    assert texts(load(path)) == ["Bread"]
    target = tmp_path / "rescued.toml"
    restore_to_file(found, target)
    assert texts(load(target)) == ["Never saved"]
    assert orphaned_untitled() == []


# --- leftovers of killed saves ---------------------------------------------------------------


def leftover(path: Path, host: str, pid: int) -> Path:
    file = path.with_name(f".{path.name}.{host}.{pid}.abc123_x.tmp")
    file.write_text("half a canvas")
    return file


def test_temporary_files_of_killed_saves_are_removed_when_their_writer_is_gone(
    path: Path, gone_pid: Callable[[], int]
) -> None:
    host = re.sub(r"[^A-Za-z0-9-]+", "_", socket.gethostname())[:32]
    dead = leftover(path, host, gone_pid())
    alive = leftover(path, host, os.getppid())
    elsewhere = leftover(path, "another-host", gone_pid())
    old_style = path.with_name(f".{path.name}.k3j4h5.tmp")
    old_style.write_text("no pid in the name")
    session = opened(path)
    assert not dead.exists()
    assert alive.exists(), "a live writer's file is left alone"
    assert elsewhere.exists(), "another host's process cannot be checked"
    assert old_style.exists(), "no pid, no certainty"

    again = leftover(path, host, gone_pid())
    add(session, "Cake")
    assert isinstance(session.save(), Saved)
    assert not again.exists(), "a save tidies them too"


def test_a_save_names_its_temporary_file_for_the_cleaner(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []
    real = os.replace

    def spy(source: str, target: object) -> None:
        seen.append(Path(source).name)
        real(source, target)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", spy)
    save(canvas_with("Changed"), path)
    host = re.sub(r"[^A-Za-z0-9-]+", "_", socket.gethostname())[:32]
    assert seen
    assert seen[0].startswith(f".plan.toml.{host}.{os.getpid()}.")
    assert seen[0].endswith(".tmp")
