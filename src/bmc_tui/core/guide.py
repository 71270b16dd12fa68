"""A guided session: the nine blocks in the order a business model's story is told, one
guiding question at a time, and where a person left off.

The order is the story's, not the canvas's numbering: first for whom (Customer Segments),
then what they get (Value Propositions), how it reaches them (Channels, Customer
Relationships) and what they pay (Revenue Streams); then what it takes (Key Resources, Key
Activities, Key Partners) and what it costs (Cost Structure). The questions are the
catalogue's own, in the canvas's language (the Danish ones are the template's); a block the
template asks no question of (Key Activities) is guided by its description.

Each block's answers build on what was said before: ``BUILDS_ON`` names the blocks a step
shows, and in the blocks whose items are for a segment (``lint.SEGMENT_FACING``) an answer
ending in ``#tag`` is tagged with that segment (:func:`split_answer`), the tags being offered
as the person types (:func:`complete_tag`).

Where a session was left is kept per canvas in the state folder (``$XDG_STATE_HOME/bmc-tui/
guide``), never in the canvas file: it is this person's progress, not the canvas's content.

Headless: imports nothing from Textual.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import platformdirs
import tomli_w

from bmc_tui.core.catalogue import BLOCKS_BY_ID, Block, BlockId, Text
from bmc_tui.core.lint import SEGMENT_FACING
from bmc_tui.core.model import TAG_PATTERN, Canvas, Item
from bmc_tui.core.recovery import canvas_key, state_name
from bmc_tui.core.storage import CanvasError, write_atomically

#: The blocks in the order a business model's story is told.
STORY_ORDER: tuple[BlockId, ...] = (
    BlockId.CUSTOMER_SEGMENTS,
    BlockId.VALUE_PROPOSITIONS,
    BlockId.CHANNELS,
    BlockId.CUSTOMER_RELATIONSHIPS,
    BlockId.REVENUE_STREAMS,
    BlockId.KEY_RESOURCES,
    BlockId.KEY_ACTIVITIES,
    BlockId.KEY_PARTNERS,
    BlockId.COST_STRUCTURE,
)

#: What a block's answers should connect to: blocks told before it, whose items the step
#: shows. Each follows the block's own questions (Key Resources asks about "our value
#: proposition ... distribution channels, customer relationships and revenue").
BUILDS_ON: dict[BlockId, tuple[BlockId, ...]] = {
    BlockId.CUSTOMER_SEGMENTS: (),
    BlockId.VALUE_PROPOSITIONS: (BlockId.CUSTOMER_SEGMENTS,),
    BlockId.CHANNELS: (BlockId.CUSTOMER_SEGMENTS, BlockId.VALUE_PROPOSITIONS),
    BlockId.CUSTOMER_RELATIONSHIPS: (BlockId.CUSTOMER_SEGMENTS,),
    BlockId.REVENUE_STREAMS: (BlockId.CUSTOMER_SEGMENTS, BlockId.VALUE_PROPOSITIONS),
    BlockId.KEY_RESOURCES: (
        BlockId.VALUE_PROPOSITIONS,
        BlockId.CHANNELS,
        BlockId.CUSTOMER_RELATIONSHIPS,
        BlockId.REVENUE_STREAMS,
    ),
    BlockId.KEY_ACTIVITIES: (
        BlockId.VALUE_PROPOSITIONS,
        BlockId.CHANNELS,
        BlockId.CUSTOMER_RELATIONSHIPS,
    ),
    BlockId.KEY_PARTNERS: (BlockId.KEY_RESOURCES, BlockId.KEY_ACTIVITIES),
    BlockId.COST_STRUCTURE: (
        BlockId.KEY_RESOURCES,
        BlockId.KEY_ACTIVITIES,
        BlockId.KEY_PARTNERS,
    ),
}


def questions_of(block: Block) -> tuple[Text, ...]:
    """The guiding questions of ``block``: the template's questions, or its description
    where it asks none (Key Activities)."""
    if block.questions:
        return block.questions
    return (block.intro,) if block.intro is not None else (block.title,)


@dataclass(frozen=True, slots=True)
class Step:
    """One question of the session, and where it stands in it."""

    block: Block
    #: 1-based place of the block in the story (block k of 9).
    block_number: int
    #: 0-based index of the question in its block.
    question_index: int
    question_count: int
    question: Text

    @property
    def position(self) -> Position:
        return Position(self.block.id, self.question_index)


@dataclass(frozen=True, slots=True)
class Position:
    """Where a session stands: a block and the index of its question."""

    block_id: BlockId
    question: int


#: Every question of the session, in order.
STEPS: tuple[Step, ...] = tuple(
    Step(BLOCKS_BY_ID[block_id], number, index, len(asked), question)
    for number, block_id in enumerate(STORY_ORDER, start=1)
    for asked in (questions_of(BLOCKS_BY_ID[block_id]),)
    for index, question in enumerate(asked)
)


class Guide:
    """A cursor over ``STEPS``: the question asked now, forward, back, and the end."""

    def __init__(self, index: int = 0) -> None:
        self.index = max(0, min(index, len(STEPS) - 1))
        #: Set once the last question was moved past.
        self.finished = False

    @classmethod
    def at(cls, position: Position | None) -> Guide:
        """A guide at ``position``; a question the block no longer has is its last, and no
        position (or one for no block) is the start."""
        if position is None:
            return cls()
        candidates = [i for i, step in enumerate(STEPS) if step.block.id == position.block_id]
        if not candidates:
            return cls()
        return cls(candidates[0] + max(0, min(position.question, len(candidates) - 1)))

    @property
    def step(self) -> Step:
        return STEPS[self.index]

    @property
    def position(self) -> Position:
        return self.step.position

    def next(self) -> bool:
        """On to the next question; ``False`` (and finished) past the last one."""
        if self.index + 1 < len(STEPS):
            self.index += 1
            return True
        self.finished = True
        return False

    def back(self) -> bool:
        """Back to the previous question; ``False`` at the first one."""
        if self.index == 0:
            return False
        self.index -= 1
        return True

    def next_block(self) -> bool:
        """On to the first question of the next block; ``False`` (finished) from the last."""
        block_id = self.step.block.id
        while self.step.block.id == block_id:
            if not self.next():
                return False
        return True


# --- answers ---------------------------------------------------------------------------------

_TAG = re.compile(TAG_PATTERN)


def split_answer(text: str) -> tuple[str, tuple[str, ...]]:
    """An answer's text and the tags it ends with: "Subscription #cafes" is the item
    "Subscription" tagged ``cafes``. Only whole ``#word``s at the end count, so "#1 seller"
    stays text; an answer that is nothing but tags is text too (an item needs words)."""
    words = text.split()
    tags: list[str] = []
    while len(words) > 1 and words[-1].startswith("#") and _TAG.match(words[-1][1:]):
        tags.insert(0, words.pop()[1:])
    if not tags:
        return text, ()
    return " ".join(words), tuple(dict.fromkeys(tags))


def complete_tag(value: str, tags: Iterable[str]) -> str | None:
    """``value`` with the ``#tag`` being typed at its end completed to the first of ``tags``
    it begins (in their order), or None when there is nothing to complete."""
    head, _, last = value.rpartition(" ")
    if not last.startswith("#"):
        return None
    typed = last[1:].casefold()
    for tag in tags:
        if tag.casefold().startswith(typed) and tag.casefold() != typed:
            return f"{head} #{tag}" if head else f"#{tag}"
    return None


def offers_tags(block_id: BlockId) -> bool:
    """Whether an answer in ``block_id`` is for a segment and may name it by its tag."""
    return block_id in SEGMENT_FACING


def built_on(canvas: Canvas, block_id: BlockId) -> list[tuple[Block, tuple[Item, ...]]]:
    """The blocks ``block_id`` builds on that have items, with those items."""
    found = []
    for other in BUILDS_ON[block_id]:
        items = canvas.items(other)
        if items:
            found.append((BLOCKS_BY_ID[other], tuple(items)))
    return found


def segment_tags(canvas: Canvas) -> list[tuple[str, str]]:
    """Each tag that names a segment, with that segment's text, in canvas order."""
    segments = canvas.items(BlockId.CUSTOMER_SEGMENTS)
    return [(tag, segments[position].text) for tag, position in canvas.segment_tags().items()]


# --- where a session was left -----------------------------------------------------------------


def guide_folder() -> Path:
    """The folder the places of guided sessions are kept in (the state folder's ``guide``)."""
    return platformdirs.user_state_path("bmc-tui") / "guide"


class GuideMemory:
    """Where each canvas's guided session was left, one small file per canvas.

    A file that cannot be read is as good as none (the session starts at the beginning);
    one that cannot be written is reported by ``remember`` returning False, never raised:
    a full disk must not end the editor.
    """

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder if folder is not None else guide_folder()

    def file_for(self, canvas_path: Path | str) -> Path:
        return self.folder / f"{state_name(canvas_path)}.toml"

    def recall(self, canvas_path: Path | str) -> Position | None:
        try:
            data = tomllib.loads(self.file_for(canvas_path).read_text(encoding="utf-8"))
            return Position(BlockId(data["block"]), int(data["question"]) - 1)
        except (OSError, ValueError, KeyError, TypeError, tomllib.TOMLDecodeError):
            return None

    def remember(self, canvas_path: Path | str, position: Position) -> bool:
        data = {
            # For a person reading the folder; a path that is not UTF-8 is shown mended.
            "path": canvas_key(canvas_path).encode("utf-8", "replace").decode("utf-8"),
            "block": position.block_id.value,
            # 1-based, as a person counts questions.
            "question": position.question + 1,
        }
        file = self.file_for(canvas_path)
        try:
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            write_atomically(file, tomli_w.dumps(data).encode("utf-8"), 0o600, shown_as=file)
        except (OSError, CanvasError):
            return False
        return True

    def forget(self, canvas_path: Path | str) -> None:
        self.file_for(canvas_path).unlink(missing_ok=True)
