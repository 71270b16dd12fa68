"""The guided session's headless part: the story's order, next/back/skip, resuming where a
person left off, and answers that name their segment."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bmc_tui.core.catalogue import BLOCKS, BLOCKS_BY_ID, BlockId
from bmc_tui.core.guide import (
    STEPS,
    STORY_ORDER,
    Guide,
    GuideMemory,
    Position,
    built_on,
    complete_tag,
    offers_tags,
    questions_of,
    segment_tags,
    split_answer,
)
from bmc_tui.core.model import Canvas, Item


def test_the_story_order_is_the_one_the_issue_names_and_covers_every_block() -> None:
    titles = [BLOCKS_BY_ID[block_id].title("en") for block_id in STORY_ORDER]
    assert titles == [
        "Customer Segments",
        "Value Propositions (Product / Service)",
        "Channels",
        "Customer Relationships",
        "Revenue Streams",
        "Key Resources",
        "Key Activities",
        "Key Partners",
        "Cost Structure",
    ]
    assert sorted(STORY_ORDER) == sorted(block.id for block in BLOCKS)


def test_every_question_of_the_template_is_asked_once_in_order() -> None:
    asked = [(step.block.id, step.question("da")) for step in STEPS]
    expected = [
        (block_id, question("da"))
        for block_id in STORY_ORDER
        for question in questions_of(BLOCKS_BY_ID[block_id])
    ]
    assert asked == expected
    # The Danish questions are the template's own: the catalogue's, word for word.
    first = STEPS[0]
    assert first.question("da") == "Hvem skaber vi værdi for?"
    assert (first.block_number, first.question_index, first.question_count) == (1, 0, 2)


def test_a_block_with_no_questions_is_guided_by_its_description() -> None:
    activities = [step for step in STEPS if step.block.id is BlockId.KEY_ACTIVITIES]
    assert len(activities) == 1
    assert activities[0].question("en").startswith("The activities the value proposition")
    assert activities[0].block_number == 7


def test_next_walks_every_question_and_finishes_after_the_last() -> None:
    guide = Guide()
    seen = [guide.position]
    while guide.next():
        seen.append(guide.position)
    assert seen == [step.position for step in STEPS]
    assert guide.finished
    assert guide.step.block.id is BlockId.COST_STRUCTURE


def test_back_goes_to_the_previous_question_across_blocks_and_stops_at_the_first() -> None:
    guide = Guide()
    assert not guide.back()
    assert guide.index == 0
    guide.next()
    guide.next()  # Value Propositions, question 1
    assert guide.position == Position(BlockId.VALUE_PROPOSITIONS, 0)
    assert guide.back()
    assert guide.position == Position(BlockId.CUSTOMER_SEGMENTS, 1)


def test_next_block_skips_the_rest_of_a_block() -> None:
    guide = Guide.at(Position(BlockId.CHANNELS, 1))
    assert guide.next_block()
    assert guide.position == Position(BlockId.CUSTOMER_RELATIONSHIPS, 0)
    last = Guide.at(Position(BlockId.COST_STRUCTURE, 0))
    assert not last.next_block()
    assert last.finished


def test_a_position_resumes_at_that_question_and_odd_ones_are_mended() -> None:
    assert Guide.at(Position(BlockId.REVENUE_STREAMS, 2)).step.question("en") == (
        "How do they pay?"
    )
    # A question the block no longer has: its last one; none at all: the start.
    assert Guide.at(Position(BlockId.CUSTOMER_SEGMENTS, 9)).position == Position(
        BlockId.CUSTOMER_SEGMENTS, 1
    )
    assert Guide.at(Position(BlockId.CUSTOMER_SEGMENTS, -3)).index == 0
    assert Guide.at(None).index == 0


def test_memory_remembers_per_canvas_outside_the_canvas_file(tmp_path: Path) -> None:
    memory = GuideMemory(tmp_path / "state")
    plan, other = tmp_path / "plan.toml", tmp_path / "sub" / "plan.toml"
    plan.write_text("", encoding="utf-8")
    assert memory.recall(plan) is None
    assert memory.remember(plan, Position(BlockId.CHANNELS, 3))
    assert memory.recall(plan) == Position(BlockId.CHANNELS, 3)
    # Another file of the same name is another canvas; the canvas file is untouched.
    assert memory.recall(other) is None
    assert plan.read_text(encoding="utf-8") == ""
    assert memory.file_for(plan).parent == tmp_path / "state"
    assert oct(memory.file_for(plan).stat().st_mode & 0o777) == oct(0o600)
    memory.forget(plan)
    assert memory.recall(plan) is None
    memory.forget(plan)  # twice is fine


def test_a_link_to_a_canvas_shares_its_memory(tmp_path: Path) -> None:
    memory = GuideMemory(tmp_path / "state")
    plan = tmp_path / "plan.toml"
    plan.write_text("", encoding="utf-8")
    link = tmp_path / "link.toml"
    os.symlink(plan, link)
    memory.remember(link, Position(BlockId.KEY_PARTNERS, 0))
    assert memory.recall(plan) == Position(BlockId.KEY_PARTNERS, 0)


@pytest.mark.parametrize(
    "content",
    ["not toml [", 'block = "nowhere"\nquestion = 1\n', 'block = "channels"\n', ""],
)
def test_an_unreadable_memory_starts_at_the_beginning(tmp_path: Path, content: str) -> None:
    memory = GuideMemory(tmp_path / "state")
    plan = tmp_path / "plan.toml"
    memory.folder.mkdir()
    memory.file_for(plan).write_text(content, encoding="utf-8")
    assert memory.recall(plan) is None


def test_an_unwritable_state_folder_is_reported_not_raised(tmp_path: Path) -> None:
    blocker = tmp_path / "state"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    assert not GuideMemory(blocker / "guide").remember(
        tmp_path / "p.toml", Position(BlockId.CHANNELS, 0)
    )


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Monthly box #cafes", ("Monthly box", ("cafes",))),
        ("Box  #cafes #shops", ("Box", ("cafes", "shops"))),
        ("Box #cafes #cafes", ("Box", ("cafes",))),
        ("#1 seller in town", ("#1 seller in town", ())),
        ("#cafes", ("#cafes", ())),
        ("Price # cafes", ("Price # cafes", ())),
        ("Box #not/a/tag", ("Box #not/a/tag", ())),
        ("Plain answer", ("Plain answer", ())),
    ],
)
def test_an_answer_ending_in_tags_names_its_segment(
    typed: str, expected: tuple[str, tuple[str, ...]]
) -> None:
    assert split_answer(typed) == expected


def test_the_tag_being_typed_is_completed_from_the_segments() -> None:
    tags = ["cafes", "caterers", "shops"]
    assert complete_tag("Box #ca", tags) == "Box #cafes"
    assert complete_tag("Box #cat", tags) == "Box #caterers"
    assert complete_tag("Box #S", tags) == "Box #shops"
    assert complete_tag("#sh", tags) == "#shops"
    assert complete_tag("Box #shops", tags) is None  # already whole
    assert complete_tag("Box ca", tags) is None  # not a tag
    assert complete_tag("Box #x", tags) is None


def test_revenue_streams_build_on_the_segments_and_offer_their_tags() -> None:
    canvas = Canvas()
    canvas = canvas.with_item_inserted(
        BlockId.CUSTOMER_SEGMENTS, 0, Item(id="s1", text="Cafés", tags=("cafes",))
    )
    canvas = canvas.with_item_inserted(BlockId.CUSTOMER_SEGMENTS, 1, Item(id="s2", text="Shops"))
    shown = built_on(canvas, BlockId.REVENUE_STREAMS)
    assert [(block.id, [item.text for item in items]) for block, items in shown] == [
        (BlockId.CUSTOMER_SEGMENTS, ["Cafés", "Shops"])
    ]
    assert segment_tags(canvas) == [("cafes", "Cafés")]
    assert offers_tags(BlockId.REVENUE_STREAMS)
    assert not offers_tags(BlockId.KEY_RESOURCES)
    assert built_on(canvas, BlockId.CUSTOMER_SEGMENTS) == []
