"""The guided session as a person uses it: G (or the palette, or ``bmc-tui guide``) walks the
nine blocks in the story's order, each answer lands in the focused block as an item at once,
and the session can be left and picked up later at the same question."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandPalette

from bmc_tui.core.catalogue import BlockId
from bmc_tui.core.guide import STEPS, GuideMemory, Position
from bmc_tui.core.storage import load
from bmc_tui.tui.app import BmcApp, create_app
from bmc_tui.tui.dialogs.guide_end import GuideEndDialog
from bmc_tui.tui.widgets.guide_editor import GuideEditor
from bmc_tui.tui.widgets.guide_panel import GuidePanel
from conftest import SIZE, canvas, texts


def panel_text(app: BmcApp) -> str:
    """What the guide's panel says, as plain lines."""
    return "\n".join(line.plain for line in canvas(app).query_one(GuidePanel).lines)


def saved_segments(path: Path) -> list[str]:
    """The Customer Segments of the canvas as saved in its file."""
    return [item.text for item in load(path).items(BlockId.CUSTOMER_SEGMENTS)]


def answering_in(app: BmcApp) -> BlockId:
    """The block whose guide editor has the focus (where the answer typed now goes)."""
    focused = canvas(app).focused
    assert isinstance(focused, GuideEditor), f"the focus is on {focused!r}"
    return focused.target.block_id


async def test_the_guide_walks_the_blocks_in_story_order_one_question_at_a_time(
    workdir: Path,
) -> None:
    app = create_app(workdir / "new.toml")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("G")
        await pilot.pause()
        seen: list[tuple[BlockId, str]] = []
        for _ in STEPS:
            text = panel_text(app)
            block = answering_in(app)
            seen.append((block, text))
            # The block being answered is the one focused on the grid.
            assert canvas(app).current_block.id is block
            await pilot.press("enter")  # nothing typed: on to the next question
            await pilot.pause()
        assert [block for block, _ in seen] == [step.block.id for step in STEPS]
        first, later = seen[0][1], seen[5][1]
        assert "block 1 of 9: Customer Segments · question 1 of 2" in first
        assert "For whom are we creating value?" in first
        assert "block 3 of 9: Channels · question 1 of 6" in later
        # Past the last question the guide is over: no panel, no guide editor.
        assert not canvas(app).query(GuidePanel)
        assert not canvas(app).query(GuideEditor)


async def test_each_answer_is_an_item_at_once_and_undo_takes_it_back(workdir: Path) -> None:
    app = create_app(workdir / "new.toml")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("G", *"Cafés", "enter", *"Home bakers", "enter")
        await pilot.pause()
        assert texts(app, BlockId.CUSTOMER_SEGMENTS) == ["Cafés", "Home bakers"]
        assert canvas(app).document.modified
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert texts(app, BlockId.CUSTOMER_SEGMENTS) == ["Cafés"]
        # Undone, the guide still waits for the next answer in the same block.
        assert answering_in(app) is BlockId.CUSTOMER_SEGMENTS
        await pilot.press(*"Restaurants", "enter", "ctrl+s")
        await pilot.pause()
        assert saved_segments(workdir / "new.toml") == ["Cafés", "Restaurants"]


async def test_an_answer_ending_in_a_segment_tag_is_tagged_and_the_tags_are_offered(
    workdir: Path,
) -> None:
    app = create_app(workdir / "new.toml")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("G", *"Cafés #cafes", "enter", "enter", "enter")
        await pilot.pause()
        # Value Propositions: the segments are there to build on, with their tags.
        text = panel_text(app)
        assert "Segments: Cafés #cafes" in text
        assert "Who is it for? End the answer with #cafes" in text
        # The tag being typed is completed from the segments; right arrow takes it.
        await pilot.press(*"Daily bread #c")
        await pilot.pause()
        editor = canvas(app).focused
        assert isinstance(editor, GuideEditor)
        await pilot.pause(0.1)
        await pilot.press("right", "enter")
        await pilot.pause()
        item = canvas(app).document.canvas.items(BlockId.VALUE_PROPOSITIONS)[0]
        assert (item.text, item.tags) == ("Daily bread", ("cafes",))
        # One answer, one undo step: text and tag go together.
        await pilot.press("ctrl+z")
        assert texts(app, BlockId.VALUE_PROPOSITIONS) == []


async def test_revenue_streams_ask_which_segment_pays(workdir: Path) -> None:
    memory = GuideMemory()
    path = workdir / "new.toml"
    app = create_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("G", *"Cafés #cafes", "enter", "ctrl+s", "escape")
        await pilot.pause()
        memory.remember(path, Position(BlockId.REVENUE_STREAMS, 0))
        await pilot.press("G")
        await pilot.pause()
        assert answering_in(app) is BlockId.REVENUE_STREAMS
        text = panel_text(app)
        assert "block 5 of 9: Revenue Streams · question 1 of 5" in text
        assert "Which segment pays? End the answer with #cafes" in text


async def test_tab_skips_shift_tab_goes_back_and_escape_leaves(workdir: Path) -> None:
    app = create_app(workdir / "new.toml")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("G", "tab", "tab")
        await pilot.pause()
        assert "Value Propositions (Product / Service) · question 1 of 3" in panel_text(app)
        await pilot.press("shift+tab")
        await pilot.pause()
        assert "Customer Segments · question 2 of 2" in panel_text(app)
        # Typed text goes with tab: it is kept, not lost.
        await pilot.press(*"Schools", "tab")
        await pilot.pause()
        assert texts(app, BlockId.CUSTOMER_SEGMENTS) == ["Schools"]
        assert answering_in(app) is BlockId.VALUE_PROPOSITIONS
        await pilot.press("escape")
        await pilot.pause()
        screen = canvas(app)
        assert screen.guided is None
        assert not screen.query(GuidePanel)
        assert not screen.query(GuideEditor)
        # Back on the canvas's keys: the list of the block the guide was in.
        assert screen.current_block.id is BlockId.VALUE_PROPOSITIONS
        assert not isinstance(screen.focused, GuideEditor)


async def test_page_down_skips_the_rest_of_the_block(workdir: Path) -> None:
    app = create_app(workdir / "new.toml")
    async with app.run_test(size=SIZE) as pilot:
        # Channels asks six questions; one answer, then on to Customer Relationships.
        await pilot.press("G", *["tab"] * 5, *"The shop", "pagedown")
        await pilot.pause()
        assert texts(app, BlockId.CHANNELS) == ["The shop"]
        assert "block 4 of 9: Customer Relationships · question 1 of 1" in panel_text(app)
        assert answering_in(app) is BlockId.CUSTOMER_RELATIONSHIPS


async def test_back_at_the_first_question_stays_there(workdir: Path) -> None:
    app = create_app(workdir / "new.toml")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("G", "shift+tab")
        await pilot.pause()
        assert "Customer Segments · question 1 of 2" in panel_text(app)
        assert answering_in(app) is BlockId.CUSTOMER_SEGMENTS


async def test_a_guide_left_midway_is_picked_up_at_the_same_question(en_canvas: Path) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("G", "tab", "tab", "tab", "escape", "ctrl+q")
        await pilot.pause()
    # Remembered in the state folder, not in the canvas file.
    assert GuideMemory().recall(en_canvas) == Position(BlockId.VALUE_PROPOSITIONS, 1)
    assert "guide" not in en_canvas.read_text(encoding="utf-8")
    again = create_app(en_canvas)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.press("G")
        await pilot.pause()
        assert "block 2 of 9: Value Propositions (Product / Service) · question 2 of 3" in (
            panel_text(again)
        )
        assert answering_in(again) is BlockId.VALUE_PROPOSITIONS


async def test_bmc_tui_guide_starts_the_guide_on_a_new_file(workdir: Path) -> None:
    app = create_app(workdir / "fresh.toml", guide=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*"Cafés", "enter", "ctrl+s")
        await pilot.pause()
        assert answering_in(app) is BlockId.CUSTOMER_SEGMENTS
    assert saved_segments(workdir / "fresh.toml") == ["Cafés"]


async def test_the_palette_starts_the_guide(en_canvas: Path) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert CommandPalette.is_open(app)
        await pilot.press(*"Guided session")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert answering_in(app) is BlockId.CUSTOMER_SEGMENTS
        assert canvas(app).query(GuidePanel)


async def test_a_danish_canvas_is_guided_by_the_templates_own_questions(da_canvas: Path) -> None:
    app = create_app(da_canvas)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("G")
        await pilot.pause()
        text = panel_text(app)
        assert "Guide · blok 1 af 9: Kundesegmenter · spørgsmål 1 af 2" in text
        assert "Hvem skaber vi værdi for?" in text


async def test_the_end_offers_each_check_finding_a_key_press_away(workdir: Path) -> None:
    path = workdir / "new.toml"
    GuideMemory().remember(path, Position(BlockId.COST_STRUCTURE, 2))
    app = create_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("G", *"Rent", "enter")
        await pilot.pause()
        # Resumed at the last question; the answer went to Cost Structure.
        assert texts(app, BlockId.COST_STRUCTURE) == ["Rent"]
        await pilot.press("enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, GuideEndDialog)
        messages = [finding.message("en") for finding in dialog.findings]
        assert "Key Partners has no items" in messages
        # Finished: the place is forgotten, and the findings are marked on the canvas.
        assert GuideMemory().recall(path) is None
        number = messages.index("Channels has no items")
        await pilot.press(str(number + 1))
        await pilot.pause()
        assert not isinstance(app.screen, GuideEndDialog)
        assert canvas(app).current_block.id is BlockId.CHANNELS


async def test_the_answer_being_typed_stays_in_sight_in_an_empty_block(workdir: Path) -> None:
    # Channels asks six questions: in an empty pane they fill it, and the editor was drawn
    # on the pane's border, out of sight, while the answer was typed.
    app = create_app(workdir / "new.toml")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("G", *["tab"] * 5, *"The shop")
        await pilot.pause()
        editor = canvas(app).focused
        assert isinstance(editor, GuideEditor)
        assert editor.target.block_id is BlockId.CHANNELS
        pane = canvas(app).pane(BlockId.CHANNELS)
        assert pane.content_region.contains_region(editor.region)


async def test_an_answer_being_typed_is_kept_for_recovery(en_canvas: Path) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("G", *"Half typed")
        await pilot.pause()
        pending = canvas(app).pending_texts()
        assert [(p.block, p.value, p.new_item) for p in pending] == [
            (BlockId.CUSTOMER_SEGMENTS, "Half typed", True)
        ]


async def test_a_read_only_canvas_is_not_guided(en_canvas: Path) -> None:
    from bmc_tui.core.locking import acquire

    other = acquire(en_canvas)
    try:
        app = create_app(en_canvas)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("r")  # the lock is busy: open read-only
            await pilot.pause()
            await pilot.press("G")
            await pilot.pause()
            assert canvas(app).read_only
            assert canvas(app).guided is None
            assert not canvas(app).query(GuideEditor)
    finally:
        other.release()  # type: ignore[union-attr]
