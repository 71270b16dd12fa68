"""Editing items with the keys a user presses: add, brainstorm, edit, note, delete, reorder,
move to another block, category and tags; and keys that arrive in one burst (a slow link)."""

from __future__ import annotations

import contextlib
import subprocess
from pathlib import Path

import pytest
from textual import events
from textual.widgets import Input, TextArea

from bmc_tui.core.catalogue import BlockId
from bmc_tui.core.model import Item
from bmc_tui.tui.app import BmcApp, create_app
from bmc_tui.tui.dialogs.category import CategoryDialog
from bmc_tui.tui.dialogs.move_to_block import MoveToBlockDialog
from bmc_tui.tui.dialogs.note import NoteDialog
from bmc_tui.tui.dialogs.tags import TagsDialog
from bmc_tui.tui.external_editor import ExternalEditResult, editor_command
from bmc_tui.tui.screens.canvas_screen import CanvasScreen
from bmc_tui.tui.widgets.item_editor import ItemEditor
from conftest import canvas

SIZE = (120, 40)
COSTS = BlockId.COST_STRUCTURE
PARTNERS = BlockId.KEY_PARTNERS
VALUES = BlockId.VALUE_PROPOSITIONS


def on_list(screen: CanvasScreen, block: BlockId) -> bool:
    """Whether the keyboard is on the item list of ``block`` (not an editor, not a dialog)."""
    return screen.focused is screen.pane(block).item_list


def items(app: BmcApp, block: BlockId) -> list[Item]:
    return list(canvas(app).document.canvas.items(block))


def texts(app: BmcApp, block: BlockId) -> list[str]:
    return [item.text for item in items(app, block)]


async def test_add_puts_the_item_after_the_selected_one(en_canvas: Path) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        before = texts(app, COSTS)
        await pilot.press("8", "a")
        screen = canvas(app)
        assert isinstance(screen.focused, ItemEditor)
        await pilot.press(*"Oven repairs", "enter")
        await pilot.pause()
        assert texts(app, COSTS) == [before[0], "Oven repairs", *before[1:]]
        assert not screen.query(ItemEditor)
        assert on_list(screen, COSTS)
        assert screen.selected_item() is not None
        assert screen.selected_item().text == "Oven repairs"  # type: ignore[union-attr]
        assert screen.document.modified


async def test_escape_cancels_an_add(en_canvas: Path) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        before = texts(app, COSTS)
        await pilot.press("8", "a", *"never kept", "escape")
        await pilot.pause()
        screen = canvas(app)
        assert texts(app, COSTS) == before
        assert not screen.query(ItemEditor)
        assert on_list(screen, COSTS)
        assert not screen.document.modified


async def test_brainstorm_keeps_each_idea_until_escape(en_canvas: Path) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        before = texts(app, COSTS)
        await pilot.press("8", "b", *"one", "enter", *"two", "enter", *"three", "enter")
        await pilot.pause()
        screen = canvas(app)
        # Still brainstorming: a fresh, empty editor waits for the next idea.
        assert isinstance(screen.focused, ItemEditor)
        assert screen.focused.value == ""
        await pilot.press("escape")
        await pilot.pause()
        assert texts(app, COSTS) == [before[0], "one", "two", "three", *before[1:]]
        assert not screen.query(ItemEditor)
        assert on_list(screen, COSTS)
        # Three ideas are three steps of undo.
        await pilot.press("u", "u")
        assert texts(app, COSTS) == [before[0], "one", *before[1:]]


async def test_enter_and_e_edit_the_selected_items_text(en_canvas: Path) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        before = texts(app, COSTS)
        screen = canvas(app)
        await pilot.press("8")
        for key, index in (("enter", 1), ("e", 2)):
            await pilot.press("down", key)
            editor = screen.focused
            assert isinstance(editor, ItemEditor)
            assert editor.value == before[index]
            # The editor opens with the whole text selected: "end" goes on typing after it.
            await pilot.press("end", *" ok", "enter")
            await pilot.pause()
            assert texts(app, COSTS)[index] == before[index] + " ok"
            assert on_list(screen, COSTS)
            assert screen.selected_item().text == before[index] + " ok"  # type: ignore[union-attr]
        assert texts(app, COSTS) == [before[0], before[1] + " ok", before[2] + " ok", *before[3:]]


async def test_edit_starts_after_the_text_so_a_stray_key_replaces_nothing(
    en_canvas: Path,
) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        before = texts(app, COSTS)
        await pilot.press("8", "e", *" (night)", "enter")
        await pilot.pause()
        assert texts(app, COSTS) == [before[0] + " (night)", *before[1:]]


async def test_escape_cancels_an_edit(en_canvas: Path) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        before = texts(app, COSTS)
        await pilot.press("8", "e", "backspace", "backspace", "escape")
        await pilot.pause()
        assert texts(app, COSTS) == before
        assert not canvas(app).document.modified


async def test_note_dialog_keeps_several_lines_on_ctrl_s(en_canvas: Path) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        assert items(app, COSTS)[1].note == ""
        await pilot.press("8", "down", "n")
        assert isinstance(app.screen, NoteDialog)
        assert isinstance(app.screen.focused, TextArea)
        await pilot.press(*"Rye", "enter", *"Spelt", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CanvasScreen)
        assert items(app, COSTS)[1].note == "Rye\nSpelt"
        assert canvas(app).document.modified


async def test_escape_leaves_the_note_as_it_was(en_canvas: Path) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        note = items(app, PARTNERS)[0].note
        await pilot.press("1", "n", *"scribble", "escape")
        await pilot.pause()
        assert isinstance(app.screen, CanvasScreen)
        assert items(app, PARTNERS)[0].note == note
        assert not canvas(app).document.modified


async def test_capital_e_edits_the_note_in_the_external_editor(
    en_canvas: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []

    def fake_editor(app: object, text: str) -> ExternalEditResult:
        seen.append(text)
        return ExternalEditResult(text="Written in vi")

    monkeypatch.setattr("bmc_tui.tui.external_editor.edit_in_external_editor", fake_editor)
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        note = items(app, PARTNERS)[0].note
        await pilot.press("1", "E")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert seen == [note]
        assert items(app, PARTNERS)[0].note == "Written in vi"


async def test_capital_e_without_an_editor_falls_back_to_vi_as_git_does(
    en_canvas: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    ran: list[list[str]] = []

    def fake_run(argv: list[str], check: bool) -> subprocess.CompletedProcess[bytes]:
        ran.append(argv)
        Path(argv[-1]).write_text("Written in vi\n", encoding="utf-8")
        return subprocess.CompletedProcess(argv, 0)

    monkeypatch.setattr("bmc_tui.tui.external_editor.subprocess.run", fake_run)
    app = create_app(en_canvas)
    # The headless test driver cannot hand the terminal over; a real one can.
    monkeypatch.setattr(app, "suspend", contextlib.nullcontext)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "E")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert [argv[0] for argv in ran] == ["vi"]
        assert items(app, PARTNERS)[0].note == "Written in vi"


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"VISUAL": "code -w", "EDITOR": "nano"}, "code -w"),
        ({"EDITOR": "nano"}, "nano"),
        ({"VISUAL": "", "EDITOR": "nano"}, "nano"),
        ({}, "vi"),
    ],
)
def test_the_note_editor_is_visual_then_editor_then_vi(
    environ: dict[str, str], expected: str
) -> None:
    assert editor_command(environ) == expected


async def test_d_and_delete_delete_undoably(en_canvas: Path) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        before = texts(app, COSTS)
        await pilot.press("8", "down", "d")
        screen = canvas(app)
        assert texts(app, COSTS) == [before[0], *before[2:]]
        # The cursor stays where the deleted item was.
        assert screen.selected_item().text == before[2]  # type: ignore[union-attr]
        await pilot.press("delete")
        assert texts(app, COSTS) == [before[0], *before[3:]]
        await pilot.press("u")
        assert texts(app, COSTS) == [before[0], *before[2:]]
        await pilot.press("u")
        assert texts(app, COSTS) == before
        assert not screen.document.modified


async def test_reorder_both_ways(en_canvas: Path) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        a, b, c, *rest = texts(app, COSTS)
        await pilot.press("8", "J")
        assert texts(app, COSTS) == [b, a, c, *rest]
        await pilot.press("shift+down")
        assert texts(app, COSTS) == [b, c, a, *rest]
        # The cursor follows the item it moves.
        assert canvas(app).selected_item().text == a  # type: ignore[union-attr]
        await pilot.press("K")
        assert texts(app, COSTS) == [b, a, c, *rest]
        await pilot.press("shift+up")
        assert texts(app, COSTS) == [a, b, c, *rest]
        # At the top, moving up again changes nothing.
        await pilot.press("K")
        assert texts(app, COSTS) == [a, b, c, *rest]
        # Back in the saved order: not modified, though four steps can be undone.
        assert not canvas(app).document.modified


async def test_m_then_a_number_moves_the_item_to_that_block(en_canvas: Path) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        first = texts(app, PARTNERS)[0]
        costs = texts(app, COSTS)
        await pilot.press("1", "m")
        assert isinstance(app.screen, MoveToBlockDialog)
        await pilot.press("8")
        await pilot.pause()
        screen = canvas(app)
        assert isinstance(app.screen, CanvasScreen)
        assert first not in texts(app, PARTNERS)
        assert texts(app, COSTS) == [*costs, first]
        # The focus follows the moved item to its new block.
        assert screen.current_block.id == COSTS
        assert screen.selected_item().text == first  # type: ignore[union-attr]
        # The partner category means nothing for costs: it is dropped.
        assert items(app, COSTS)[-1].category is None


async def test_m_then_escape_moves_nothing(en_canvas: Path) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        before = texts(app, PARTNERS)
        await pilot.press("1", "m", "escape")
        await pilot.pause()
        assert isinstance(app.screen, CanvasScreen)
        assert texts(app, PARTNERS) == before
        assert not canvas(app).document.modified


async def test_category_dialog_picks_by_number(en_canvas: Path) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        assert items(app, COSTS)[0].category == "value_driven"
        await pilot.press("8", "c")
        assert isinstance(app.screen, CategoryDialog)
        await pilot.press("1")
        await pilot.pause()
        assert isinstance(app.screen, CanvasScreen)
        assert items(app, COSTS)[0].category == "cost_driven"
        await pilot.press("c", "0")
        await pilot.pause()
        assert items(app, COSTS)[0].category is None


async def test_category_in_a_block_without_categories_is_refused(en_canvas: Path) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6", "c")
        await pilot.pause()
        assert isinstance(app.screen, CanvasScreen)
        assert any("no categories" in n.message for n in app._notifications)


async def test_tags_dialog_sets_the_typed_tags(en_canvas: Path) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("8", "t")
        assert isinstance(app.screen, TagsDialog)
        field = app.screen.query_one(Input)
        assert field.value == ""
        await pilot.press(*"foo bar", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CanvasScreen)
        assert items(app, COSTS)[0].tags == ("foo", "bar")


BURST = [
    ("4", "4"),
    ("a", "a"),
    ("F", "F"),
    ("r", "r"),
    ("enter", "\r"),
    ("b", "b"),
    ("x", "x"),
    ("enter", "\r"),
    ("y", "y"),
    ("enter", "\r"),
    ("escape", "\x1b"),
]


async def post_burst(app: BmcApp, keys: list[tuple[str, str]]) -> None:
    """Deliver ``keys`` the way one packet of a slow SSH link does: all queued at once."""
    for key, character in keys:
        app.post_message(events.Key(key, character))


async def test_burst_of_keys_reaches_the_right_block_and_editors(en_canvas: Path) -> None:
    """Over a slow link a whole line of keys arrives at once: none may go astray."""
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        snapshot = {block: texts(app, block) for block in BlockId}
        await post_burst(app, BURST)
        await pilot.pause()
        await pilot.pause()
        after = {block: texts(app, block) for block in BlockId}
        added = [text for text in after[VALUES] if text not in snapshot[VALUES]]
        assert sorted(added) == ["Fr", "x", "y"]
        assert len(after[VALUES]) == len(snapshot[VALUES]) + 3
        assert {b: t for b, t in after.items() if b != VALUES} == {
            b: t for b, t in snapshot.items() if b != VALUES
        }
        screen = canvas(app)
        assert not screen.query(ItemEditor)
        assert on_list(screen, VALUES)


async def test_keys_typed_one_by_one_add_in_typed_order(en_canvas: Path) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        before = texts(app, VALUES)
        await pilot.press(*(key for key, _ in BURST))
        await pilot.pause()
        assert texts(app, VALUES) == [before[0], "Fr", "x", "y", *before[1:]]


async def test_burst_of_keys_adds_in_typed_order(en_canvas: Path) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        before = texts(app, VALUES)
        await post_burst(app, BURST)
        await pilot.pause()
        await pilot.pause()
        # The same result as the keys typed one by one (test above).
        assert texts(app, VALUES) == [before[0], "Fr", "x", "y", *before[1:]]


async def test_backspace_in_a_burst_deletes_what_was_typed_before_it(en_canvas: Path) -> None:
    """Over a slow link "ab⌫c⏎" arrives in one packet; the backspace must act in its place."""
    from textual import events

    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        burst = [("6", "6"), ("a", "a"), ("a", "a"), ("b", "b"), ("backspace", None)]
        for key, character in [*burst, ("c", "c"), ("enter", "\r")]:
            app.post_message(events.Key(key, character))
        await pilot.pause()
        screen = app.canvas_screen
        assert screen is not None
        texts = [item.text for item in screen.document.canvas.items(BlockId.CHANNELS)]
        assert "ac" in texts
        assert "ab" not in texts


async def test_pasting_a_list_adds_one_item_per_line(en_canvas: Path) -> None:
    from textual import events

    from bmc_tui.tui.widgets.item_editor import ItemEditor

    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6", "b")
        editor = app.screen.query_one(ItemEditor)
        long_line = " ".join(["word"] * 60)  # 299 characters: more than one item may hold
        editor.post_message(events.Paste(f"Market stall\n\n  Radio ad  \n{long_line}\n"))
        await pilot.pause()
        added = texts(app, BlockId.CHANNELS)
        start = added.index("Market stall")
        assert added[start + 1] == "Radio ad"
        rest = added[start + 2 : start + 4]
        assert " ".join(rest) == long_line, "a long line is split between words, not cut"
        assert all(len(text) <= 200 for text in rest)


@pytest.mark.parametrize("key", ["a", "b"])
async def test_a_new_item_being_typed_stays_in_sight_in_an_empty_block(
    workdir: Path, key: str
) -> None:
    # Channels asks six questions: in an empty pane at 120x40 they fill it, and the new
    # item's line was laid out below the pane's last line, out of sight while typed.
    app = create_app(workdir / "new.toml")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("6", key, *"The shop")
        await pilot.pause()
        editor = canvas(app).focused
        assert isinstance(editor, ItemEditor)
        assert editor.value == "The shop"
        pane = canvas(app).pane(BlockId.CHANNELS)
        assert pane.content_region.contains_region(editor.region)
