"""The canvas as Pydantic models: what a canvas file may hold, and nothing else.

Models are frozen: an edit makes a new canvas that shares every untouched item with the old
one, so the undo history is a list of cheap snapshots and a diff can compare by identity.

The file's shape (``format_version``, ``[canvas]``, then one array of tables per block) is
built from the block catalogue, so adding a field to the catalogue never means editing a
second list here. This module is headless: it imports nothing from Textual.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from collections.abc import Container, Iterable, Iterator, Mapping
from typing import Annotated, Any, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    create_model,
    field_validator,
    model_validator,
)

from bmc_tui.core.catalogue import (
    BLOCKS,
    BLOCKS_BY_ID,
    DEFAULT_STATUS,
    STATUSES,
    Block,
    BlockId,
    Language,
    StatusId,
)
from bmc_tui.core.messages import say
from bmc_tui.core.problems import PlacedRefusals, Refusal, parse_date
from bmc_tui.core.textsafe import BIDI_CONTROLS, is_forbidden

#: The newest version of the file format this program reads and writes.
#:
#: Version 2 (issue 14) adds an item's ``status``. Only a canvas that uses it is written as
#: version 2; every other canvas is still written as version 1, byte for byte as before, so
#: a bmc-tui that knows only version 1 keeps reading it. Given a version-2 file, such a
#: bmc-tui stops with one line that says the file is newer than it reads (``storage``), where
#: without the new version it would list an "unknown field" per item, which reads like a
#: broken file whose ``status`` lines should be deleted.
FORMAT_VERSION = 2
#: The version a canvas without any status is written as: what every bmc-tui reads.
BASE_FORMAT_VERSION = 1

#: The tag a merge puts on both versions of an item it could not reconcile. It marks a
#: conflict to resolve, so it never names a customer segment.
CONFLICT_TAG = "conflict"

MAX_TEXT_LENGTH = 200
MAX_NOTE_LENGTH = 20_000
MAX_TAG_LENGTH = 32
MAX_TAGS = 16
MAX_HEADER_LENGTH = 200
ITEM_ID_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,31}$"
TAG_PATTERN = r"^[\w][\w.+-]*$"


def _forbidden_character(text: str, *, allow_newlines: bool) -> str | None:
    if text.isprintable() or (allow_newlines and text.replace("\n", "").isprintable()):
        # Nearly every text, checked at C speed: ``isprintable`` is false for every control,
        # format (the bidi controls included) and surrogate character. A note's line breaks
        # are allowed, and would otherwise send every note through the loop below.
        return None
    for char in text:
        if allow_newlines and char == "\n":
            continue
        if is_forbidden(char):
            return char
    return None


#: What a forbidden character becomes when the user agrees to clean a text: a tab (a
#: spreadsheet's column break) a space, anything else nothing.
_CLEANED = {"\t": " "}


def text_problem(text: str, *, multiline: bool, language: Language = "en") -> str | None:
    """Why ``text`` cannot be kept as an item's text (or, ``multiline``, a note), in words;
    ``None`` when it can. The same rules the validators below apply to files."""
    limit = MAX_NOTE_LENGTH if multiline else MAX_TEXT_LENGTH
    if len(text) > limit:
        return say("text-too-long", language, length=len(text), limit=limit)
    bad = _forbidden_character(text, allow_newlines=multiline)
    if bad is None:
        return None
    if bad == "\t":
        return say("text-has-tab", language)
    if bad == "\n":
        return say("text-has-newline", language)
    if bad in BIDI_CONTROLS:
        return say("text-has-bidi", language, code=f"U+{ord(bad):04X}")
    return say("text-has-control", language, code=f"U+{ord(bad):04X}")


def clean_text(text: str, *, multiline: bool = False) -> str:
    """``text`` with what :func:`text_problem` objects to turned into what it may hold:
    tabs into spaces, other control and direction characters removed."""
    if _forbidden_character(text, allow_newlines=multiline) is None:
        return text
    return "".join(
        char
        if (char == "\n" and multiline) or _forbidden_character(char, allow_newlines=False) is None
        else _CLEANED.get(char, "")
        for char in text
    )


def tags_problem(tags: tuple[str, ...], language: Language = "en") -> str | None:
    """Why ``tags`` cannot be an item's tags, in words; ``None`` when they can."""
    if len(tags) > MAX_TAGS:
        return say("tags-too-many", language, count=len(tags), limit=MAX_TAGS)
    seen: set[str] = set()
    for tag in tags:
        if len(tag) > MAX_TAG_LENGTH:
            return say("tag-too-long", language, tag=tag, limit=MAX_TAG_LENGTH)
        if not re.fullmatch(TAG_PATTERN, tag):
            return say("tag-not-a-word", language, tag=tag)
        if tag in seen:
            return say("tag-twice", language, tag=tag)
        seen.add(tag)
    return None


def _reject_control_characters(allow_newlines: bool) -> AfterValidator:
    def check(value: str) -> str:
        bad = _forbidden_character(value, allow_newlines=allow_newlines)
        if bad is not None:
            # Name the character by code point: printing it is exactly what must not happen.
            raise Refusal("problem-control-character", code=f"U+{ord(bad):04X}")
        return value

    return AfterValidator(check)


def _normalise_newlines(value: Any) -> Any:
    """Accept CRLF or CR line ends in multi-line text (files edited on Windows) as LF."""
    if isinstance(value, str):
        return value.replace("\r\n", "\n").replace("\r", "\n")
    return value


def _strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def _not_empty(value: str) -> str:
    if not value:
        raise Refusal("problem-empty")
    return value


# Field constraints come before the BeforeValidator so they bind to the ``str`` itself (and
# still apply after stripping): placed after it, Pydantic reports "at most 200 items".
ItemText = Annotated[
    str,
    Field(max_length=MAX_TEXT_LENGTH, description="One line, stripped; required."),
    BeforeValidator(_strip),
    AfterValidator(_not_empty),
    _reject_control_characters(allow_newlines=False),
]
HeaderText = Annotated[
    str,
    Field(max_length=MAX_HEADER_LENGTH),
    BeforeValidator(_strip),
    _reject_control_characters(allow_newlines=False),
]
NoteText = Annotated[
    str,
    Field(max_length=MAX_NOTE_LENGTH, description="Free text; may span several lines."),
    BeforeValidator(_normalise_newlines),
    _reject_control_characters(allow_newlines=True),
]
Tag = Annotated[
    str,
    Field(min_length=1, max_length=MAX_TAG_LENGTH, pattern=TAG_PATTERN),
    BeforeValidator(_strip),
]
ItemId = Annotated[str, Field(pattern=ITEM_ID_PATTERN)]


#: A date as a canvas writes it: a TOML date, or the same written as a "YYYY-MM-DD" string.
ISO_DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


def _date_only(value: Any) -> Any:
    """Refuse what Pydantic would otherwise turn into a date: a date-time (even at midnight),
    a number of seconds, a string in any form but ``YYYY-MM-DD``. A TOML editor checking the
    file against the JSON Schema refuses those too, and the two must agree."""
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date | str):
        raise Refusal("problem-date-format")
    if isinstance(value, str):
        if not re.fullmatch(ISO_DATE_PATTERN, value):
            raise Refusal("problem-date-format")
        # The one date rule: a date that does not exist says why (no month 13).
        return parse_date(value)
    return value


def _unique_tags(tags: tuple[str, ...]) -> tuple[str, ...]:
    seen: set[str] = set()
    for tag in tags:
        if tag in seen:
            raise Refusal("problem-tag-twice", tag=repr(tag))
        seen.add(tag)
    return tags


#: The one set of field names each combination of an item's fields shares (see below).
_FIELDS_SETS: dict[frozenset[str], set[str]] = {}


class Item(BaseModel):
    """One idea in a block: a line of text, with an optional note, category and tags."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)

    id: ItemId = Field(
        default="",
        description="Short, stable, unique in the canvas. Assigned on save when left out.",
        json_schema_extra={"pattern": ITEM_ID_PATTERN},
    )
    text: ItemText
    category: str | None = Field(
        default=None, description="One of the block's category ids (see the catalogue)."
    )
    status: StatusId = Field(
        default=DEFAULT_STATUS,
        description="How far the item has been tested: "
        + ", ".join(status.id.value for status in STATUSES)
        + f". Left out, it is {DEFAULT_STATUS.value}.",
    )
    tags: Annotated[tuple[Tag, ...], AfterValidator(_unique_tags)] = Field(
        default=(), max_length=MAX_TAGS
    )
    note: NoteText = ""

    @field_validator("id", mode="before")
    @classmethod
    def _empty_id_is_missing(cls, value: Any) -> Any:
        # An id of "" in a file is refused: only leaving the key out asks for a new id.
        if value == "":
            raise Refusal("problem-empty-id")
        return value

    @model_validator(mode="after")
    def _share_fields_set(self) -> Self:
        # Pydantic gives every model its own set of the names of the fields it was given
        # (about 200 bytes); items have a handful of distinct ones, so each validated item
        # takes the one set for its names, and its own is freed at once (2 MiB for a canvas
        # of ten thousand items, and never all alive at the same time). Safe because items
        # are frozen: Pydantic adds to the set only when a field is assigned, and a copy
        # (``model_copy``) copies the set before it adds to it.
        names = self.__pydantic_fields_set__
        same = _FIELDS_SETS.setdefault(frozenset(names), names)
        if same is not names:
            object.__setattr__(self, "__pydantic_fields_set__", same)
        return self

    @property
    def has_note(self) -> bool:
        return bool(self.note.strip())


#: What an item holds, in the order the file writes it: every field but ``id``, which is what
#: follows an item from version to version (diff, merge), so it never "changes".
ITEM_FIELDS: tuple[str, ...] = tuple(name for name in Item.model_fields if name != "id")


class Header(BaseModel):
    """What the canvas is about and who made it: the ``[canvas]`` table of a file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: HeaderText = ""
    designed_for: HeaderText = ""
    designed_by: HeaderText = ""
    date: Annotated[dt.date, BeforeValidator(_date_only)] | None = None
    version: HeaderText = ""
    language: Language = "en"
    description: NoteText = ""
    # HeaderText, not bare str: rule ids are echoed by diff and check, so no control characters.
    lint_disable: tuple[HeaderText, ...] = Field(
        default=(), description="Ids of lint rules that `bmc-tui check` skips for this canvas."
    )


def _usable_id(candidate: str, taken: Container[str]) -> bool:
    """Whether a made-up id may be given: free, and not all digits (which would read as a
    number, a block's or a count, wherever an id is shown)."""
    return candidate not in taken and not candidate.isdigit()


def new_item_id(taken: Iterable[str] = ()) -> str:
    """A fresh random id for an item made in the editor, distinct from ``taken``."""
    used = set(taken)
    while True:
        candidate = secrets.token_hex(3)
        if _usable_id(candidate, used):
            return candidate


def hashed_item_id(seed: str, taken: Container[str]) -> str:
    """A deterministic id for ``seed``: the shortest usable prefix (six hex digits or more) of
    its SHA-256.

    Ids that must come out the same on every machine are made here: those ``fmt`` and
    loading give items a person wrote without one, and the copies a merge makes, so two
    people who run the same command on the same files get the same ids.
    """
    digest = hashlib.sha256(seed.encode()).hexdigest()
    for length in range(6, len(digest) + 1):
        candidate = digest[:length]
        if _usable_id(candidate, taken):
            return candidate
    raise AssertionError("sha256 ran out of distinct prefixes")  # pragma: no cover


def _derived_item_id(block_id: str, text: str, occurrence: int, used: set[str]) -> str:
    """An id for an item a person wrote without one: derived from the item itself rather
    than drawn at random, so their branches still merge."""
    return hashed_item_id(f"{block_id}\0{text}\0{occurrence}", used)


def _place(block: Block, index: int) -> str:
    """An item's place in a file's words: ``key_partners[3]``."""
    return f"{block.id}[{index}]"


class _CanvasFileBase(BaseModel):
    """Checks that span items: ids unique across blocks, categories known to their block."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    @model_validator(mode="after")
    def _check_items(self) -> Self:
        # Where each id is first used, as (block, index): made into words only for an error,
        # not for each of ten thousand items.
        first_use: dict[str, tuple[Block, int]] = {}
        errors: list[tuple[str, Refusal]] = []
        for block in BLOCKS:
            items: tuple[Item, ...] = getattr(self, block.id)
            for index, item in enumerate(items):
                if item.category is not None and not block.allows(item.category):
                    place = _place(block, index)
                    errors.append((f"{place}.category", block.unknown_category(item.category)))
                if item.id:
                    if item.id in first_use:
                        first = _place(*first_use[item.id])
                        duplicate = Refusal("problem-duplicate-id", id=repr(item.id), first=first)
                        errors.append((f"{_place(block, index)}.id", duplicate))
                    else:
                        first_use[item.id] = (block, index)
        if errors:
            raise PlacedRefusals(errors)
        return self


#: The shape of a canvas file, built from the catalogue: validation and JSON Schema both use it.
CanvasFile: type[_CanvasFileBase] = create_model(  # type: ignore[call-overload]
    "CanvasFile",
    __base__=_CanvasFileBase,
    __doc__="A Business Model Canvas, as stored in a bmc-tui TOML file.",
    format_version=(
        int,
        # Strict: a lax "2" or 2.0 would slip past storage's newer-version check.
        Field(
            default=BASE_FORMAT_VERSION,
            ge=1,
            strict=True,
            description="The file format's version: 2 once an item has a status, else 1.",
        ),
    ),
    canvas=(Header, Field(default_factory=Header)),
    **{
        block.id.value: (
            tuple[Item, ...],
            Field(default=(), description=block.title.en),
        )
        for block in BLOCKS
    },
)


class Canvas(BaseModel):
    """A whole canvas: its header and, per block, its items in order.

    Every item has a non-empty id that is unique in the canvas (``from_file`` sees to that),
    so edits, undo, diff and merge can follow an item wherever it goes.
    """

    model_config = ConfigDict(frozen=True)

    header: Header = Field(default_factory=Header)
    blocks: Mapping[BlockId, tuple[Item, ...]] = Field(
        default_factory=lambda: {block.id: () for block in BLOCKS}
    )

    @classmethod
    def from_file(cls, file: _CanvasFileBase) -> Canvas:
        used = {item.id for block in BLOCKS for item in getattr(file, block.id) if item.id}
        blocks: dict[BlockId, tuple[Item, ...]] = {}
        for block in BLOCKS:
            items: list[Item] = []
            occurrences: dict[str, int] = {}
            for item in getattr(file, block.id):
                if not item.id:
                    count = occurrences[item.text] = occurrences.get(item.text, 0) + 1
                    item_id = _derived_item_id(block.id, item.text, count, used)
                    used.add(item_id)
                    item = item.model_copy(update={"id": item_id})
                items.append(item)
            blocks[block.id] = tuple(items)
        # Built from what the file's model validated, so not validated a second time: that
        # went over every item again (ten thousand of them) to find each one an Item already.
        return cls.model_construct(header=file.canvas, blocks=blocks)  # type: ignore[attr-defined]

    def to_file_data(self) -> dict[str, Any]:
        """The canvas as plain data in the file's order, optional empty fields left out."""
        data: dict[str, Any] = {"format_version": self.format_version()}
        data["canvas"] = _compact(self.header.model_dump(mode="python"))
        for block in BLOCKS:
            items = self.blocks.get(block.id, ())
            if items:
                data[block.id.value] = [_item_data(item) for item in items]
        return data

    def format_version(self) -> int:
        """The file format this canvas needs: the newest only when it uses what is new."""
        return FORMAT_VERSION if self.uses_status() else BASE_FORMAT_VERSION

    def uses_status(self) -> bool:
        """Whether any item has a status other than the default (``untested``)."""
        # Straight over the items (asked twice as the editor opens, of every item).
        return any(
            item.status != DEFAULT_STATUS for items in self.blocks.values() for item in items
        )

    def status_counts(self, block_id: BlockId | None = None) -> dict[StatusId, int]:
        """How many items (of one block, or of the whole canvas) have each status, every
        status listed, in the catalogue's order."""
        counts = {status.id: 0 for status in STATUSES}
        for found_block, _, item in self.all_items():
            if block_id is None or found_block == block_id:
                counts[item.status] += 1
        return counts

    # --- reading ---------------------------------------------------------------------------

    def items(self, block_id: BlockId) -> tuple[Item, ...]:
        return self.blocks.get(block_id, ())

    def all_items(self) -> Iterator[tuple[BlockId, int, Item]]:
        for block in BLOCKS:
            for index, item in enumerate(self.items(block.id)):
                yield block.id, index, item

    def find(self, item_id: str) -> tuple[BlockId, int] | None:
        for block_id, index, item in self.all_items():
            if item.id == item_id:
                return block_id, index
        return None

    def item_ids(self) -> set[str]:
        return {item.id for _, _, item in self.all_items()}

    def item_count(self) -> int:
        return sum(len(items) for items in self.blocks.values())

    def segment_tags(self) -> dict[str, int]:
        """Tags that name a customer segment, mapped to that segment's position (0-based).

        A segment is named by the tags of its item in Customer Segments; any other item that
        carries the same tag is linked to that segment.
        """
        names: dict[str, int] = {}
        for position, item in enumerate(self.items(BlockId.CUSTOMER_SEGMENTS)):
            for tag in item.tags:
                if tag != CONFLICT_TAG:
                    names.setdefault(tag, position)
        return names

    # --- editing: each returns a new canvas ------------------------------------------------

    def with_header(self, header: Header) -> Canvas:
        return self.model_copy(update={"header": header})

    def with_items(self, block_id: BlockId, items: Iterable[Item]) -> Canvas:
        blocks = dict(self.blocks)
        blocks[block_id] = tuple(items)
        return self.model_copy(update={"blocks": blocks})

    def with_item_inserted(self, block_id: BlockId, index: int, item: Item) -> Canvas:
        items = list(self.items(block_id))
        items.insert(index, item)
        return self.with_items(block_id, items)

    def with_item_replaced(self, block_id: BlockId, index: int, item: Item) -> Canvas:
        items = list(self.items(block_id))
        items[index] = item
        return self.with_items(block_id, items)

    def with_item_removed(self, block_id: BlockId, index: int) -> Canvas:
        items = list(self.items(block_id))
        del items[index]
        return self.with_items(block_id, items)


#: An item's fields in the model's (and so the file's) order.
_ITEM_KEYS: tuple[str, ...] = tuple(Item.model_fields)


def _item_data(item: Item) -> dict[str, Any]:
    """An item as the file writes it: the default status is left out like an empty note,
    so a canvas without statuses is written exactly as before statuses existed.

    Read field by field rather than through ``model_dump``: every value of an item is a
    string, an enum or a tuple of strings, which ``model_dump`` returns as they are, and it
    cost as much as the TOML writer when a canvas of ten thousand items was saved, merged
    or formatted."""
    data = _compact({key: getattr(item, key) for key in _ITEM_KEYS})
    if item.status == DEFAULT_STATUS:
        del data["status"]
    else:
        data["status"] = str(item.status)
    return data


#: What an optional field holds when it holds nothing.
_EMPTY: tuple[Any, ...] = ("", None, (), [])


def _compact(data: dict[str, Any]) -> dict[str, Any]:
    """Leave out optional fields that hold nothing, so files stay small and diffs quiet.

    A value that is true is never one of the empty ones, and that test is nearly free; the
    comparison with each empty value (an enum's is a Python call) was most of the time it
    took to write a canvas of ten thousand items."""
    return {key: value for key, value in data.items() if value or value not in _EMPTY}


def validate_item(block_id: BlockId, **fields: Any) -> Item:
    """Build an item for a block, checking its category against the block's catalogue entry."""
    item = Item(**fields)
    block = BLOCKS_BY_ID[block_id]
    if item.category is not None and not block.allows(item.category):
        raise block.unknown_category(item.category)
    return item
