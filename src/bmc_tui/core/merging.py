"""Three-way merge of canvases, item by item, so two people can edit one canvas on branches.

A line merge of two canvas files conflicts whenever both sides add an item at the end of a
block, and can splice half of one item into another. Merging by item id instead:

* changes to different items, or to different fields of one item, combine cleanly; an edit on
  one side and a move (to another block, or within a block) on the other both happen;
* items added on both sides are all kept, ours before theirs where both added at one place;
* tags (and the header's ``lint_disable``) merge as sets: a tag added on one side and another
  added on the other are both kept, a tag removed on one side is removed;
* when both sides reorder one block differently, ours' order is kept (nothing is lost).

A real conflict (one field of one item changed differently on both sides, or an item edited
on one side and deleted on the other) never drops what either side wrote: ours stays where it
is and theirs is added right after it as a separate item with a new id; both carry the tag
``conflict`` and a note that says what conflicted and which copy is which. A header field
changed differently keeps ours, and theirs is written into the description. Resolving is
then ordinary editing: delete the copy you do not want, remove the tag and the note line.

Headless: imports nothing from Textual.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

from pydantic import ValidationError

from bmc_tui.core.catalogue import BLOCKS, BLOCKS_BY_ID, BlockId, Language
from bmc_tui.core.interface_language import default_language
from bmc_tui.core.messages import say
from bmc_tui.core.model import (
    CONFLICT_TAG,
    ITEM_FIELDS,
    MAX_NOTE_LENGTH,
    MAX_TAGS,
    Canvas,
    Header,
    Item,
    hashed_item_id,
)
from bmc_tui.core.places import first_problem


class _Missing:
    """Stands for "no base value": an item both sides added under one id."""

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return "MISSING"


MISSING: Final = _Missing()
_CONFLICT: Final = object()


@dataclass(frozen=True, slots=True)
class Conflict:
    """One conflict the merge could not decide, kept in the canvas for a person to resolve."""

    block: BlockId | None
    item_id: str | None
    message: str

    def __str__(self) -> str:
        where = self.block.value if self.block is not None else say("merge-where-header", _says())
        return f"{where}: {self.message}"


@dataclass(frozen=True, slots=True)
class MergeResult:
    canvas: Canvas
    conflicts: tuple[Conflict, ...]

    @property
    def clean(self) -> bool:
        return not self.conflicts


class MergeError(Exception):
    """The merged canvas could not be built (e.g. a note grew past its maximum length)."""


# --- value merges ----------------------------------------------------------------------------


def _three_way(base: Any, ours: Any, theirs: Any) -> Any:
    """The merged value, or ``_CONFLICT`` when both sides changed it differently."""
    if ours == theirs:
        return ours
    if ours == base:
        return theirs
    if theirs == base:
        return ours
    return _CONFLICT


def _merge_set(base: Any, ours: tuple[str, ...], theirs: tuple[str, ...]) -> tuple[str, ...]:
    """Tags as a set: keep what either side added, drop what either side removed.

    A change made on one side only comes back exactly as that side made it, order included.
    When both sides changed the list: ours' order first, then theirs' additions in theirs'
    order, so the result reads like ours with theirs added, the same on every run.
    """
    if ours == theirs or theirs == base:
        return ours
    if ours == base:
        return theirs
    known = set(base) if isinstance(base, tuple) else set()
    removed = (known - set(ours)) | (known - set(theirs))
    kept = [tag for tag in ours if tag not in removed]
    kept += [tag for tag in theirs if tag not in removed and tag not in kept]
    return tuple(kept)


def _lower_first(sentence: str) -> str:
    """A sentence made the second half of another ("conflict: this is ours; ...")."""
    return sentence[:1].lower() + sentence[1:]


def _quote(value: Any, language: Language) -> str:
    if value is None or value in ("", ()):
        return say("merge-note-none", language)
    if isinstance(value, tuple):
        return ", ".join(value)
    return json.dumps(str(value), ensure_ascii=False)


# --- items -----------------------------------------------------------------------------------

Placed = tuple[BlockId, Item]


@dataclass
class _Copy:
    """Theirs' version of a conflicting item, added next to ours under a new id."""

    original: str
    block: BlockId
    item: Item


class _Merger:
    def __init__(self, base: Canvas, ours: Canvas, theirs: Canvas) -> None:
        self.base, self.ours, self.theirs = base, ours, theirs
        self.b = _places(base)
        self.o = _places(ours)
        self.t = _places(theirs)
        self.taken = set(self.b) | set(self.o) | set(self.t)
        self.final: dict[str, Placed] = {}
        self.copies: list[_Copy] = []
        self.conflicts: list[Conflict] = []
        # The notes written into the canvas speak its language: ours', unless only theirs
        # changed it (the merged header's rule).
        language = _three_way(base.header.language, ours.header.language, theirs.header.language)
        self.language: Language = ours.header.language if language is _CONFLICT else language

    def _note(self, key: str, /, **fields: object) -> str:
        """One of the notes the merge writes into the canvas, in the canvas's language."""
        return say(key, self.language, label=say("merge-note-label", self.language), **fields)

    def run(self) -> MergeResult:
        order = list(self.o) + [i for i in self.t if i not in self.o]
        order += [i for i in self.b if i not in self.o and i not in self.t]
        for item_id in order:
            self._merge_item(item_id)
        # Which items end in each block, sorted out in one pass over the merge.
        landed: dict[BlockId, set[str]] = {block.id: set() for block in BLOCKS}
        for item_id, (block_id, _) in self.final.items():
            landed[block_id].add(item_id)
        blocks = {
            block.id: tuple(self._order_block(block.id, landed[block.id])) for block in BLOCKS
        }
        header = self._merge_header()
        return MergeResult(Canvas(header=header, blocks=blocks), tuple(self.conflicts))

    # -- one item --

    def _merge_item(self, item_id: str) -> None:
        base, ours, theirs = self.b.get(item_id), self.o.get(item_id), self.t.get(item_id)
        if ours is not None and theirs is not None:
            # Most items are changed on one side or none: that side's item is the merge, as
            # field by field it would be, without building (and validating) it once more.
            kept = ours if theirs in (ours, base) else theirs if ours == base else None
            if kept is not None and BLOCKS_BY_ID[kept[0]].allows(kept[1].category):
                self.final[item_id] = kept
                return
            self._merge_both(item_id, base, ours, theirs)
        elif ours is not None or theirs is not None:
            kept = ours if ours is not None else theirs
            assert kept is not None
            if base is None:
                self.final[item_id] = kept  # added on one side only
            elif kept != base:
                self._edited_and_deleted(item_id, kept, kept_side="ours" if ours else "theirs")
            # else: unchanged on one side, deleted on the other: deleted.
        # else: deleted on both sides (or never there).

    def _merge_both(self, item_id: str, base: Placed | None, ours: Placed, theirs: Placed) -> None:
        base_block: Any = base[0] if base else MISSING
        block = _three_way(base_block, ours[0], theirs[0])
        merged: dict[str, Any] = {"id": item_id}
        conflicting: list[str] = []
        for name in ITEM_FIELDS:  # one by one; ``tags`` merges as a set
            base_value = getattr(base[1], name) if base else MISSING
            ours_value, theirs_value = getattr(ours[1], name), getattr(theirs[1], name)
            if name == "tags":
                value = _merge_set(base_value, ours_value, theirs_value)
                if len(value) > MAX_TAGS:
                    value = _three_way(base_value, ours_value, theirs_value)
            else:
                value = _three_way(base_value, ours_value, theirs_value)
            if value is _CONFLICT:
                conflicting.append(name)
            merged[name] = value
        if block is _CONFLICT:
            conflicting.append("block")

        if not conflicting:
            self.final[item_id] = (block, self._fit_category(item_id, block, merged))
            return

        copy_id = self._new_id(item_id)
        ours_fields = {n: getattr(ours[1], n) if n in conflicting else merged[n] for n in merged}
        theirs_fields = {
            n: getattr(theirs[1], n) if n in conflicting else merged[n] for n in merged
        }
        theirs_fields["id"] = copy_id
        ours_block = ours[0] if block is _CONFLICT else block
        theirs_block = theirs[0] if block is _CONFLICT else block
        what = ", ".join(conflicting)
        base_text = (
            say("merge-note-base-text", self.language, text=_quote(base[1].text, self.language))
            if base and "text" in conflicting
            else ""
        )
        if base is None:
            what += say("merge-both-added", self.language)
        is_ours = say("merge-note-ours", self.language, id=copy_id)
        self.final[item_id] = (
            ours_block,
            self._marked(
                ours_block,
                ours_fields,
                self._note("merge-note-both-changed", what=what, which=is_ours, base=base_text),
                self._note("merge-note-short", which=_lower_first(is_ours)),
            ),
        )
        is_theirs = say("merge-note-theirs", self.language, id=item_id)
        self.copies.append(
            _Copy(
                item_id,
                theirs_block,
                self._marked(
                    theirs_block,
                    theirs_fields,
                    self._note(
                        "merge-note-both-changed", what=what, which=is_theirs, base=base_text
                    ),
                    self._note("merge-note-short", which=_lower_first(is_theirs)),
                ),
            )
        )
        fields_changed = ", ".join(conflicting)
        if base is None:
            fields_changed += say("merge-both-added", _says())
        report = say(
            "merge-both-changed",
            _says(),
            id=item_id,
            text=_quote(ours[1].text, _says()),
            what=fields_changed,
            copy=copy_id,
        )
        self.conflicts.append(Conflict(ours_block, item_id, report))

    def _edited_and_deleted(self, item_id: str, kept: Placed, kept_side: str) -> None:
        other = "theirs" if kept_side == "ours" else "ours"
        block, item = kept
        fields = item.model_dump()
        self.final[item_id] = (
            block,
            self._marked(
                block,
                fields,
                self._note(
                    "merge-note-changed-deleted",
                    kept=say(f"merge-side-{kept_side}", self.language),
                    other=say(f"merge-side-{other}", self.language),
                ),
                self._note("merge-note-deleted", other=say(f"merge-side-{other}", self.language)),
            ),
        )
        report = say(
            "merge-changed-deleted",
            _says(),
            id=item_id,
            text=_quote(item.text, _says()),
            kept=say(f"merge-side-{kept_side}", _says()),
            other=say(f"merge-side-{other}", _says()),
        )
        self.conflicts.append(Conflict(block, item_id, report))

    def _fit_category(self, item_id: str, block: BlockId, fields: dict[str, Any]) -> Item:
        """The item, unless its merged category does not exist in its merged block.

        That happens when one side moved the item and the other gave it a category of the old
        block; the category is then dropped and the note says which it was.
        """
        category = fields.get("category")
        if BLOCKS_BY_ID[block].allows(category):
            return _build(fields)
        fields = {**fields, "category": None}
        self.conflicts.append(
            Conflict(
                block,
                item_id,
                say(
                    "merge-category-dropped",
                    _says(),
                    id=item_id,
                    text=_quote(fields["text"], _says()),
                    category=repr(category),
                    block=block.value,
                ),
            )
        )
        return self._marked(
            block,
            fields,
            self._note(
                "merge-note-category-moved",
                category=repr(category),
                block=BLOCKS_BY_ID[block].title(self.language),
            ),
        )

    def _marked(
        self, block: BlockId, fields: dict[str, Any], explanation: str, short: str = "conflict."
    ) -> Item:
        """The item tagged ``conflict`` with the explanation first in its note.

        The tag is what ``check`` finds, so it is always there: on an item that already has
        the most tags allowed, it takes the last tag's place, and the note names the tag set
        aside so resolving can put it back. The explanation is only a help: when the note is
        too full for it, a ``short`` one is used, and when not even that fits, the note is
        left as it was (every word a person wrote is kept; the tag still marks the conflict).
        """
        fields = dict(fields)
        tags = tuple(fields.get("tags", ()))
        extra = ""
        if CONFLICT_TAG not in tags:
            if len(tags) >= MAX_TAGS:
                extra += say("merge-note-tag-set-aside", self.language, tag=repr(tags[-1]))
                tags = tags[: MAX_TAGS - 1]
            tags += (CONFLICT_TAG,)
        fields["tags"] = tags
        category = fields.get("category")
        if not BLOCKS_BY_ID[block].allows(category):
            fields["category"] = None
            extra += say(
                "merge-note-category-left-out",
                self.language,
                category=repr(category),
                block=BLOCKS_BY_ID[block].title(self.language),
            )
        note = fields.get("note", "")
        fields["note"] = note
        for candidate in (explanation + extra, short + extra, short):
            marked = f"{candidate}\n\n{note}" if note else candidate
            if len(marked) <= MAX_NOTE_LENGTH:
                fields["note"] = marked
                break
        return _build(fields)

    def _new_id(self, seed: str) -> str:
        """A new id derived from the original's, so merging twice gives the same file."""
        candidate = hashed_item_id(f"{seed}\0theirs", self.taken)
        self.taken.add(candidate)
        return candidate

    # -- order within a block --

    def _order_block(self, block_id: BlockId, here: set[str]) -> list[Item]:
        """The items that end in the block (``here``: their ids), in the merged order."""
        # Theirs' copy of an item stands where theirs had the original, when it lands in a
        # block the original did not.
        stand_in = {
            c.original: c.item.id
            for c in self.copies
            if c.block == block_id and self.final[c.original][0] != block_id
        }
        placed = here | set(stand_in.values())

        def ids(canvas: Canvas, substitute: bool) -> list[str]:
            out = []
            for item in canvas.items(block_id):
                item_id = stand_in.get(item.id, item.id) if substitute else item.id
                if item_id in placed:
                    out.append(item_id)
            return out

        ours, theirs, base = ids(self.ours, False), ids(self.theirs, True), ids(self.base, False)
        common = set(ours) & set(theirs) & set(base)

        def reordered(side: list[str]) -> bool:
            return [i for i in side if i in common] != [i for i in base if i in common]

        if reordered(theirs) and not reordered(ours):
            order = _weave(theirs, ours, set(base), skip_own_additions=False)
        else:
            order = _weave(ours, theirs, set(base), skip_own_additions=True)
        for item_id in placed - set(order):  # pragma: no cover - every kept item is on a side
            order.append(item_id)

        copies_by_id = {c.item.id: c.item for c in self.copies}
        # Each copy not yet placed goes right after its original (one pass, not an insert
        # per copy: a canvas with thousands of conflicts must not take quadratic time).
        placed_ids = set(order)
        follow: dict[str, list[str]] = {}
        for copy in self.copies:
            if copy.block == block_id and copy.item.id not in placed_ids:
                follow.setdefault(copy.original, []).append(copy.item.id)
        if follow:
            order = [
                placed_id
                for item_id in order
                for placed_id in (item_id, *reversed(follow.get(item_id, ())))
            ]
        return [
            copies_by_id[i] if i in copies_by_id else self.final[i][1]
            for i in order
            if i in copies_by_id or i in self.final
        ]

    # -- header --

    def _merge_header(self) -> Header:
        base, ours, theirs = self.base.header, self.ours.header, self.theirs.header
        fields: dict[str, Any] = {}
        notes: list[str] = []
        for name in Header.model_fields:
            b, o, t = getattr(base, name), getattr(ours, name), getattr(theirs, name)
            if name == "lint_disable":
                fields[name] = _merge_set(b, o, t)
                continue
            value = _three_way(b, o, t)
            if value is _CONFLICT:
                value = o
                if name == "description":
                    notes.append(self._note("merge-note-description", theirs=t))
                else:
                    notes.append(
                        self._note(
                            "merge-note-header-field",
                            name=name,
                            ours=_quote(o, self.language),
                            theirs=_quote(t, self.language),
                        )
                    )
                shown = (
                    ""
                    if name == "description"
                    else say(
                        "merge-both-values",
                        _says(),
                        ours=_quote(o, _says()),
                        theirs=_quote(t, _says()),
                    )
                )
                report = say("merge-header-changed", _says(), name=name, shown=shown)
                self.conflicts.append(Conflict(None, None, report))
            fields[name] = value
        if notes:
            description = fields["description"]
            fields["description"] = "\n\n".join([description, *notes] if description else notes)
        try:
            return Header.model_validate(fields)
        except ValidationError as error:
            problem = first_problem(error, language=default_language())
            raise MergeError(
                say("merge-header-invalid", default_language(), problem=problem)
            ) from None


def _says() -> Language:
    """The language of the merge's report (not of the notes it writes into the canvas, whose
    words ``conflicts`` reads back)."""
    return default_language()


def _places(canvas: Canvas) -> dict[str, Placed]:
    return {item.id: (block_id, item) for block_id, _, item in canvas.all_items()}


def _build(fields: dict[str, Any]) -> Item:
    try:
        return Item.model_validate(fields)
    except ValidationError as error:
        problem = first_problem(error, language=default_language())
        words = say("merge-item-invalid", default_language(), id=fields.get("id"), problem=problem)
        raise MergeError(words) from None


def _weave(
    backbone: Sequence[str], other: Sequence[str], base: set[str], *, skip_own_additions: bool
) -> list[str]:
    """``backbone`` with the items only ``other`` has, each placed after its predecessor there.

    With ``skip_own_additions``, an item goes after the backbone's own additions at the same
    place, so where both sides appended, the backbone's come first.
    """
    # A linked list (id -> the id after it; None heads the list and ends it), so finding
    # an item's place and inserting after it take constant time: a list's index() and
    # insert() made a merge of a 20,000-item block take seconds, of 100,000 minutes.
    following: dict[str | None, str | None] = {}
    previous: str | None = None
    for item_id in backbone:
        following[previous] = item_id
        previous = item_id
    following[previous] = None
    present = set(backbone)
    in_other = set(other)
    position: str | None = None
    for item_id in other:
        if item_id in present:
            position = item_id
            continue
        at = position
        if skip_own_additions:
            while (after := following[at]) is not None and after not in in_other:
                if after in base:
                    break
                at = after
        following[item_id] = following[at]
        following[at] = item_id
        present.add(item_id)
        position = item_id
    result: list[str] = []
    cursor = following[None]
    while cursor is not None:
        result.append(cursor)
        cursor = following[cursor]
    return result


def merge(base: Canvas, ours: Canvas, theirs: Canvas) -> MergeResult:
    """Merge ``theirs`` into ``ours``, both changed from ``base``; see the module docstring."""
    return _Merger(base, ours, theirs).run()
