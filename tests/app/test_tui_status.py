"""Issue 14: an item's status in the editor: the key and its dialog, one undo step, the
markers, the filter by status, the header's counts (in both languages) and zoom."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList, Static

from bmc_tui.core import storage
from bmc_tui.core.catalogue import BlockId, StatusId
from bmc_tui.core.model import Canvas
from bmc_tui.tui.app import BmcApp, create_app
from bmc_tui.tui.dialogs.status import StatusDialog
from bmc_tui.tui.screens.canvas_screen import CanvasScreen
from conftest import SIZE, canvas

CS = BlockId.CUSTOMER_SEGMENTS
VP = BlockId.VALUE_PROPOSITIONS


def header_text(app: BmcApp) -> str:
    header = canvas(app).query_one("#canvas-header")
    return " ".join(str(static.render()) for static in header.query(Static))


def statuses(screen: CanvasScreen, block: BlockId) -> list[StatusId]:
    return [item.status for item in screen.document.canvas.items(block)]


async def test_s_sets_the_status_by_digit_in_one_undo_step_and_save_writes_it(
    en_canvas: Path,
) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        screen = canvas(app)
        # A canvas without statuses shows none: no counts, no markers.
        assert "untested" not in header_text(app)
        assert not screen.pane(CS).item_list._texts[0].plain.startswith("• ?")
        await pilot.press("7", "s")
        await pilot.pause()
        assert isinstance(app.screen, StatusDialog)
        shown = "\n".join(str(s.content) for s in app.screen.query(Static))
        assert "Neighbours walking past on the school run" in shown
        await pilot.press("3")
        await pilot.pause()
        assert statuses(screen, CS)[0] is StatusId.VALIDATED
        # Now every item carries its marker, readable without colour, and the header counts.
        lines = [text.plain for text in screen.pane(CS).item_list._texts]
        assert lines[0].startswith("• ✓ ")
        assert lines[1].startswith("• ? ")
        assert screen.pane(VP).item_list._texts[0].plain.startswith("• ? ")
        total = screen.document.canvas.item_count()
        assert f"{total - 1} untested · 0 testing · 1 validated · 0 invalidated" in header_text(app)
        # The same item again, to invalidated: each choice is one step of the history.
        await pilot.press("s", "4")
        await pilot.pause()
        assert statuses(screen, CS)[0] is StatusId.INVALIDATED
        await pilot.press("u")
        await pilot.pause()
        assert statuses(screen, CS)[0] is StatusId.VALIDATED
        await pilot.press("u")
        await pilot.pause()
        assert statuses(screen, CS)[0] is StatusId.UNTESTED
        assert "untested" not in header_text(app), "no status left: the counts go"
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert statuses(screen, CS)[0] is StatusId.VALIDATED
        # Escape in the dialog changes nothing.
        await pilot.press("s", "escape")
        await pilot.pause()
        assert statuses(screen, CS)[0] is StatusId.VALIDATED
        await pilot.press("ctrl+s")
        await pilot.pause()
    text = en_canvas.read_text(encoding="utf-8")
    assert text.startswith("format_version = 2\n")
    assert text.count('status = "validated"') == 1
    assert storage.load(en_canvas).items(CS)[0].status is StatusId.VALIDATED


async def test_the_filter_selects_by_status_and_names_the_statuses_when_misspelt(
    en_canvas: Path,
) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        screen = canvas(app)
        await pilot.press("7", "s", "2", "down", "s", "3", "4", "s", "3")
        await pilot.pause()
        assert statuses(screen, CS)[:2] == [StatusId.TESTING, StatusId.VALIDATED]
        assert statuses(screen, VP)[0] is StatusId.VALIDATED
        await pilot.press("slash", *"status:val")
        await pilot.pause()
        assert screen.matches() == [(VP, 0), (CS, 1)]
        assert "2 matches for “status:val”" in header_text(app)
        # Words and a status together: the validated items that mention a loaf.
        await pilot.press(*" subscribers")
        await pilot.pause()
        assert screen.matches() == [(CS, 1)]
        await pilot.press("enter")
        await pilot.pause()
        assert screen.current_block.id is CS
        assert screen.selected_item() == screen.document.canvas.items(CS)[1]
        await pilot.press("slash", "ctrl+u", *"status:done")
        await pilot.pause()
        assert screen.matches() == []
        assert "no status is called done" in header_text(app)
        assert "untested, testing, validated, invalidated" in header_text(app)


async def test_a_danish_canvas_counts_its_statuses_in_danish(da_canvas: Path) -> None:
    app = create_app(da_canvas)
    async with app.run_test(size=SIZE) as pilot:
        screen = canvas(app)
        await pilot.press("7", "s")
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        shown = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert shown == ["1  ? utestet", "2  ~ under test", "3  ✓ bekræftet", "4  ✗ afkræftet"]
        await pilot.press("4")
        await pilot.pause()
        assert statuses(screen, CS)[0] is StatusId.INVALIDATED
        total = screen.document.canvas.item_count()
        assert f"{total - 1} utestet · 0 under test · 0 bekræftet · 1 afkræftet" in header_text(app)
        # The filter takes the Danish name too.
        await pilot.press("slash", *"status:afk")
        await pilot.pause()
        assert screen.matches() == [(CS, 0)]


async def test_a_narrow_header_counts_by_markers(en_canvas: Path) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = canvas(app)
        await pilot.press("7", "s", "3")
        await pilot.pause()
        total = screen.document.canvas.item_count()
        assert f"?{total - 1} ~0 ✓1 ✗0" in header_text(app)


async def test_zoom_shows_the_status_in_words_above_the_note(en_canvas: Path) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        screen = canvas(app)
        await pilot.press("7", "s", "3", "z")
        await pilot.pause()
        drawn = screen.pane(CS).item_list._texts[0].plain
        first = screen.document.canvas.items(CS)[0]
        assert "✓ validated" in drawn
        if first.has_note:
            assert drawn.index("✓ validated") < drawn.index(first.note.splitlines()[0].strip())


async def test_resolving_a_status_conflict_shows_both_statuses(en_canvas: Path) -> None:
    from bmc_tui.core.merging import merge
    from bmc_tui.tui.dialogs.choice import ChoiceDialog

    base = storage.load(en_canvas)
    first = base.items(CS)[0]

    def with_status(status: StatusId) -> Canvas:
        changed = first.model_copy(update={"status": status})
        return base.with_item_replaced(CS, 0, changed)

    merged = merge(base, with_status(StatusId.VALIDATED), with_status(StatusId.INVALIDATED))
    assert merged.conflicts
    storage.save(merged.canvas, en_canvas)
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("7", "r")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        shown = "\n".join(str(s.content) for s in app.screen.query(Static))
        assert f"Ours: {first.text} (✓ validated)" in shown
        assert f"Theirs: {first.text} (✗ invalidated)" in shown
        await pilot.press("t")
        await pilot.pause()
        (kept,) = [i for i in canvas(app).document.canvas.items(CS) if i.text == first.text]
        assert kept.status is StatusId.INVALIDATED
