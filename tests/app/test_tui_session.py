"""The canvas session wired into the editor: every path goes through it, every answer works.

Pilot tests of what the unit tests of ``core.session`` cannot show: that the screen asks the
right question, that each answer takes one key press in every state of the dialog, that
only one dialog is up whatever the disk-check timer does, and that what the user is typing
reaches the recovery file when the editor is stopped.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Button, TextArea

from bmc_tui.core.catalogue import BlockId
from bmc_tui.core.locking import acquire, lock_path
from bmc_tui.core.model import Canvas, Header, Item
from bmc_tui.core.recovery import Recovered, RecoveryStore
from bmc_tui.core.storage import load, save
from bmc_tui.tui.app import BmcApp, create_app
from bmc_tui.tui.dialogs.choice import ChoiceDialog
from bmc_tui.tui.dialogs.note import NoteDialog
from bmc_tui.tui.dialogs.recover_untitled import RecoverUntitledDialog
from bmc_tui.tui.screens.canvas_screen import CanvasScreen
from conftest import SIZE, canvas, texts

CH = BlockId.CHANNELS
VP = BlockId.VALUE_PROPOSITIONS


def with_new_channel(path: Path, text: str) -> None:
    current = load(path)
    item = Item(id="abc123", text=text)
    save(current.with_items(CH, (*current.items(CH), item)), path)


def choice_dialogs(app: BmcApp) -> list[ChoiceDialog]:
    return [screen for screen in app.screen_stack if isinstance(screen, ChoiceDialog)]


async def settle(app: BmcApp, pilot: object) -> None:
    await pilot.pause()  # type: ignore[attr-defined]
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]


async def laid_out(dialog: ChoiceDialog, pilot: object) -> None:
    """Wait (on a busy machine, a few frames) until the dialog's buttons have their places."""
    for _ in range(50):
        if all(button.region.width for button in dialog.query(Button)):
            return
        await pilot.pause(0.05)  # type: ignore[attr-defined]


async def changed_under_unsaved_edits(app: BmcApp, pilot: object, path: Path) -> None:
    """Add "Mine" in the editor, "Theirs" on disk, and let the disk check notice."""
    await pilot.press("6", "a", *"Mine", "enter")  # type: ignore[attr-defined]
    # On a busy machine the add, then the dialog and its focus, each take a few rounds: an
    # unmodified canvas would reload quietly, and a dialog without focus takes no key.
    for _ in range(50):
        if "Mine" in texts(app, CH):
            break
        await pilot.pause()  # type: ignore[attr-defined]
    with_new_channel(path, "Theirs")
    canvas(app).check_disk()
    for _ in range(50):
        if choice_dialogs(app) and getattr(app.screen, "accepts_keys", False):
            break
        await pilot.pause()  # type: ignore[attr-defined]


# --- locks on every path ---------------------------------------------------------------------


async def test_a_new_file_is_locked_from_the_start_and_a_second_editor_is_warned(
    workdir: Path,
) -> None:
    new = workdir / "NEW.toml"
    first = create_app(new)
    async with first.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert lock_path(new).exists(), "locked before the first save"
        await pilot.press("4", "a", *"First", "enter", "ctrl+s")
        await settle(first, pilot)
        assert new.exists()
        assert lock_path(new).exists()
        assert not choice_dialogs(first)

        second = create_app(new)
        async with second.run_test(size=SIZE) as pilot2:
            await pilot2.pause()
            [dialog] = choice_dialogs(second)
            assert "is open in" in dialog.question
            await pilot2.press("r")
            await pilot2.pause()
            assert canvas(second).read_only
    assert not lock_path(new).exists()


async def test_a_lost_lock_is_asked_about_before_saving(en_canvas: Path) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6", "a", *"Mine", "enter")
        thief = acquire(en_canvas, force=True)
        await pilot.press("ctrl+s")
        await pilot.pause()
        [dialog] = choice_dialogs(app)
        assert "took this canvas over" in dialog.question
        before = en_canvas.read_bytes()
        await pilot.press("c")
        await settle(app, pilot)
        assert en_canvas.read_bytes() == before
        assert thief.still_held()  # type: ignore[union-attr]
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("t")
        await settle(app, pilot)
        assert "Mine" in [item.text for item in load(en_canvas).items(CH)]


# --- changed on disk ---------------------------------------------------------------------------


async def test_changed_on_disk_merge_is_first_and_one_key_merges(en_canvas: Path) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        await changed_under_unsaved_edits(app, pilot, en_canvas)
        assert len(choice_dialogs(app)) == 1
        focused = app.focused
        assert isinstance(focused, Button)
        assert focused.id == "answer-merge", "first focus loses nothing"
        await pilot.press("m")
        await settle(app, pilot)
        assert not choice_dialogs(app)
        channels = texts(app, CH)
        assert "Mine" in channels
        assert "Theirs" in channels
        # One undo step takes the whole merge back.
        await pilot.press("u")
        assert "Theirs" not in texts(app, CH)
        assert "Mine" in texts(app, CH)


@pytest.mark.parametrize(
    ("language", "said"),
    [("en", "Merged with 1 conflict, tagged"), ("da", "Flettet med 1 konflikt, mærket")],
)
async def test_a_merge_on_disk_change_counts_its_conflicts_in_words(
    workdir: Path, language: str, said: str
) -> None:
    # "1 conflict(s)" read like a form; one conflict is counted as one, in either language.
    path = workdir / "plan.toml"
    save(
        Canvas(
            header=Header(title="Plan", language=language),
            blocks={CH: (Item(id="c1", text="Shop"),)},
        ),
        path,
    )  # type: ignore[arg-type]
    app = create_app(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("6", "e", *" window", "enter")
        for _ in range(50):
            if "Shop window" in texts(app, CH):
                break
            await pilot.pause()
        current = load(path)
        save(current.with_items(CH, (Item(id="c1", text="Web shop"),)), path)
        canvas(app).check_disk()
        for _ in range(50):
            if choice_dialogs(app) and getattr(app.screen, "accepts_keys", False):
                break
            await pilot.pause()
        await pilot.press("m")
        await settle(app, pilot)
        notices = [notice.message for notice in app._notifications]
        assert any(notice.startswith(said) for notice in notices), notices
        assert sorted(texts(app, CH)) == ["Shop window", "Web shop"]


async def test_the_timer_never_stacks_a_second_dialog_and_one_key_answers(
    en_canvas: Path,
) -> None:
    """The bug: every disk check cancelled the waiting question and asked again, so dialogs
    piled up and the first key only closed the top copy."""
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        await changed_under_unsaved_edits(app, pilot, en_canvas)
        screen = canvas(app)
        for _ in range(4):
            screen.check_disk()
            await pilot.pause()
        assert len(choice_dialogs(app)) == 1
        await pilot.press("k")
        await settle(app, pilot)
        assert not choice_dialogs(app), "one key press answers"
        assert isinstance(app.screen, CanvasScreen)
        screen.check_disk()
        await pilot.pause()
        assert not choice_dialogs(app), "kept mine: that change is not asked about again"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        on_disk = [item.text for item in load(en_canvas).items(CH)]
        assert "Mine" in on_disk
        assert "Theirs" not in on_disk


async def test_a_save_while_the_disk_question_is_coming_waits_for_its_answer(
    en_canvas: Path,
) -> None:
    """ctrl+s in the moment the disk check asks: one question, and its answer serves the
    save too (before, the save was dropped without a word)."""
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6", "a", *"Mine", "enter")
        with_new_channel(en_canvas, "Theirs")
        screen = canvas(app)
        screen.check_disk()
        screen.action_save()
        await pilot.pause()
        assert len(choice_dialogs(app)) == 1
        await pilot.press("k")
        await settle(app, pilot)
        assert not choice_dialogs(app)
        on_disk = [item.text for item in load(en_canvas).items(CH)]
        assert "Mine" in on_disk
        assert "Theirs" not in on_disk
        assert not screen.document.modified


async def test_show_differences_marks_them_and_asks_again_with_working_keys(
    en_canvas: Path,
) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        await changed_under_unsaved_edits(app, pilot, en_canvas)
        await pilot.press("s")
        await pilot.pause()
        [dialog] = choice_dialogs(app)
        assert "Differences" in str(dialog.detail)
        assert "Mine" in str(dialog.detail)
        screen = canvas(app)
        assert screen.annotations is not None, "the differences are marked on the canvas"
        assert isinstance(app.focused, Button)
        assert app.focused.id == "answer-merge"
        await pilot.press("r")
        await settle(app, pilot)
        assert not choice_dialogs(app)
        assert "Theirs" in texts(app, CH)
        assert "Mine" not in texts(app, CH)
        assert screen.annotations is None, "marks clear once the difference is resolved"


async def test_marks_clear_after_keep_mine_and_save(en_canvas: Path) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        await changed_under_unsaved_edits(app, pilot, en_canvas)
        await pilot.press("s")
        await pilot.pause()
        assert canvas(app).annotations is not None
        await pilot.press("k", "ctrl+s")
        await settle(app, pilot)
        assert canvas(app).annotations is None
        assert not canvas(app).document.modified


async def test_escape_puts_the_question_off_until_the_save(en_canvas: Path) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        await changed_under_unsaved_edits(app, pilot, en_canvas)
        await pilot.press("escape")
        await settle(app, pilot)
        canvas(app).check_disk()
        await pilot.pause()
        assert not choice_dialogs(app), "not nagged every two seconds"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert len(choice_dialogs(app)) == 1, "a save still asks"


async def test_every_answer_is_visible_at_80x24(en_canvas: Path) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=(80, 24)) as pilot:
        await changed_under_unsaved_edits(app, pilot, en_canvas)
        [dialog] = choice_dialogs(app)
        for show in (False, True):
            await laid_out(dialog, pilot)
            buttons = list(dialog.query(Button))
            assert len(buttons) == 4
            for button in buttons:
                region = button.region
                assert region.width >= len(str(button.label)), button.label
                assert region.x >= 0
                assert region.right <= 80
                assert region.y >= 0
                assert region.bottom <= 24, button.label
            if not show:
                await pilot.press("s")
                await pilot.pause()
                [dialog] = choice_dialogs(app)


# --- untitled recovery ---------------------------------------------------------------------


async def test_an_untitled_canvas_left_by_a_hangup_is_offered_on_the_next_start(
    workdir: Path, leave_untitled: Callable[..., Path]
) -> None:
    left = Canvas(header=Header(title="Food truck")).with_items(
        VP, (Item(id="a1", text="Hot lunch by the office park"),)
    )
    file = leave_untitled(left)
    app = create_app(None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, RecoverUntitledDialog)
        await pilot.press("enter")
        await settle(app, pilot)
        screen = canvas(app)
        assert app.screen is screen
        assert texts(app, VP) == ["Hot lunch by the office park"]
        assert screen.document.modified
        assert screen.document.path is None
        assert not file.exists(), "moved into this editor's own recovery file"
        assert isinstance(RecoveryStore().find(None), Recovered)


async def test_escape_on_the_offer_starts_a_new_canvas_and_keeps_the_file(
    workdir: Path, leave_untitled: Callable[..., Path]
) -> None:
    file = leave_untitled(Canvas().with_items(VP, (Item(id="a1", text="Kept for later"),)))
    app = create_app(None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await settle(app, pilot)
        assert texts(app, VP) == []
    assert file.exists()


# --- text being typed is kept ----------------------------------------------------------------


async def test_text_typed_but_not_entered_reaches_the_recovery_file(en_canvas: Path) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "a", *"Half a thought")
        canvas(app).close_canvas(discard=False)
        await pilot.pause()
    found = RecoveryStore().find(en_canvas)
    assert isinstance(found, Recovered)
    assert "Half a thought" in [item.text for item in found.canvas.items(VP)]
    assert not lock_path(en_canvas).exists()


async def test_a_note_being_written_reaches_the_recovery_file(en_canvas: Path) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "n")
        await pilot.pause()
        assert isinstance(app.screen, NoteDialog)
        area = app.screen.query_one(TextArea)
        area.text = ""
        await pilot.press(*"Ask the mill about rye")
        item_id = canvas(app).selected_item().id  # type: ignore[union-attr]
        canvas(app).close_canvas(discard=False)
        await pilot.pause()
    found = RecoveryStore().find(en_canvas)
    assert isinstance(found, Recovered)
    place = found.canvas.find(item_id)
    assert place is not None
    assert found.canvas.items(place[0])[place[1]].note == "Ask the mill about rye"
