"""Nothing a user wrote is lost: locks, recovery files, changes on disk, signals."""

from __future__ import annotations

import signal
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from bmc_tui.core.catalogue import BlockId
from bmc_tui.core.locking import acquire, lock_path
from bmc_tui.core.model import Item
from bmc_tui.core.recovery import RecoveryStore
from bmc_tui.core.storage import dumps, load, save
from bmc_tui.tui.app import create_app
from bmc_tui.tui.dialogs.choice import ChoiceDialog
from bmc_tui.tui.screens import canvas_screen
from bmc_tui.tui.screens.canvas_screen import CanvasScreen
from conftest import SIZE


def screen_of(app: object) -> CanvasScreen:
    screen = app.canvas_screen  # type: ignore[attr-defined]
    assert isinstance(screen, CanvasScreen)
    return screen


def with_new_channel(path: Path, text: str) -> None:
    canvas = load(path)
    item = Item(id="abc123", text=text)
    save(canvas.with_items(BlockId.CHANNELS, (*canvas.items(BlockId.CHANNELS), item)), path)


async def test_an_unmodified_canvas_reloads_quietly_when_the_file_changes(
    en_canvas: Path,
) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        screen = screen_of(app)
        with_new_channel(en_canvas, "Market stall (from a git pull)")
        screen.check_disk()
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        texts = [item.text for item in screen.document.canvas.items(BlockId.CHANNELS)]
        assert "Market stall (from a git pull)" in texts
        assert not screen.document.modified


async def test_keep_mine_then_save_writes_mine_knowingly(
    en_canvas: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The save is what must ask here: the check of the disk every two seconds stays out of
    # it (on a loaded machine it fired first, and "k" answered its question instead).
    monkeypatch.setattr(canvas_screen, "DISK_CHECK_INTERVAL", 3600.0)
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        screen = screen_of(app)
        await pilot.press("6", "a", *"Mine", "enter")
        assert await settled(pilot, lambda: screen.document.modified)
        with_new_channel(en_canvas, "Theirs")
        await pilot.press("ctrl+s")
        asked = await settled(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        assert asked, "saving over an unseen change must ask"
        await pilot.press("k")
        await app.workers.wait_for_complete()
        assert await settled(pilot, lambda: not screen.document.modified)
        on_disk = [item.text for item in load(en_canvas).items(BlockId.CHANNELS)]
        assert "Mine" in on_disk
        assert "Theirs" not in on_disk


async def test_reload_drops_mine_and_undo_brings_it_back(en_canvas: Path) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        screen = screen_of(app)

        def channels() -> list[str]:
            return [item.text for item in screen.document.canvas.items(BlockId.CHANNELS)]

        await pilot.press("6", "a", *"Mine", "enter")
        # "Mine" is in before the file changes: an unmodified canvas would reload quietly.
        assert await settled(pilot, lambda: "Mine" in channels())
        with_new_channel(en_canvas, "Theirs")
        # One question, whether this call or the disk-check timer asks it.
        screen.check_disk()
        assert await settled(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        await pilot.press("r")
        assert await settled(pilot, lambda: "Theirs" in channels())
        assert "Mine" not in channels()
        assert not isinstance(app.screen, ChoiceDialog), "the question was asked twice"
        await pilot.press("u")
        assert await settled(pilot, lambda: "Mine" in channels())


async def settled(pilot: Pilot[None], condition: Callable[[], bool], rounds: int = 50) -> bool:
    """Let the app work until ``condition`` holds (a key through the gate, a worker's
    dialog), a bounded number of rounds: no fixed sleep, no race with a busy machine."""
    for _ in range(rounds):
        if condition():
            return True
        await pilot.pause()
    return condition()


async def test_recovered_changes_are_offered_and_restored(en_canvas: Path) -> None:
    canvas = load(en_canvas)
    unsaved = canvas.with_items(BlockId.CHANNELS, (Item(id="zz9911", text="Lost in a hangup"),))
    RecoveryStore().write(en_canvas, unsaved)
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("r")
        await pilot.pause()
        screen = screen_of(app)
        assert screen.document.canvas == unsaved
        assert screen.document.modified
        await pilot.press("ctrl+s")
        await pilot.pause()
        await app.workers.wait_for_complete()
    assert dumps(load(en_canvas)) == dumps(unsaved)
    assert RecoveryStore().find(en_canvas) is None, "a saved recovery is tidied away"


async def test_a_second_editor_is_warned_and_can_open_read_only(en_canvas: Path) -> None:
    other = acquire(en_canvas)
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("r")
        await pilot.pause()
        screen = screen_of(app)
        assert screen.read_only
        before = screen.document.canvas
        await pilot.press("a", *"nope", "enter", "d")
        assert screen.document.canvas == before
    other.release()  # type: ignore[union-attr]


async def test_hangup_keeps_unsaved_work_and_releases_the_lock(en_canvas: Path) -> None:
    original = en_canvas.read_bytes()
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "a", *"Typed before the line dropped", "enter")
        assert lock_path(en_canvas).exists()
        # What the ending (tui/ending.py) asks of the event loop after a SIGHUP; the signal
        # itself is tested through a real pty in test_tui_dropped_terminal.py.
        app._keep_for_ending()
        app.exit(return_code=128 + signal.SIGHUP)
        await pilot.pause()
    found = RecoveryStore().find(en_canvas)
    assert found is not None
    assert not isinstance(found, str)
    texts = [item.text for item in found.canvas.items(BlockId.VALUE_PROPOSITIONS)]  # type: ignore[union-attr]
    assert "Typed before the line dropped" in texts
    assert en_canvas.read_bytes() == original, "the canvas file itself is never written"
    assert not lock_path(en_canvas).exists()
