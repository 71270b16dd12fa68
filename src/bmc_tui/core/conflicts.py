"""Resolving what a merge left for a person: the items tagged ``conflict``.

``bmc-tui merge`` (core/merging.py) keeps both sides of a real conflict: ours under the
item's own id, theirs right after it under a new id, both tagged ``conflict`` with a first
note paragraph that says which copy is which ("This is ours; theirs is item X" and "This is
theirs; ours is item Y", in the canvas's language). An item edited on one side and deleted
on the other is kept alone, tagged the same way. This module reads those marks back: it finds
an item's counterpart and builds the canvas with the conflict resolved, the chosen version
under the *original* id, so history and ``diff`` show an edit of that item rather than a
removal and an addition.

Headless: imports nothing from Textual.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from bmc_tui.core.catalogue import LANGUAGES, BlockId
from bmc_tui.core.messages import say
from bmc_tui.core.model import CONFLICT_TAG, MAX_TAGS, Canvas, Item, validate_item

#: What a person may choose: one side, the other, both (each as its own item); for an item
#: with no counterpart (edited on one side, deleted on the other), keep it or delete it.
Choice = Literal["ours", "theirs", "both", "keep", "delete"]


def _pattern(key: str, field: str, capture: str) -> re.Pattern[str]:
    """A pattern that finds the message ``key`` in any language the product speaks, with the
    value of its placeholder ``field`` captured: merging writes its notes in the canvas's
    language from the same messages (one wording, read and written)."""
    marker = "\x00"
    versions = []
    for language in LANGUAGES:
        before, _, after = say(key, language, **{field: marker}).partition(marker)
        versions.append(re.escape(before.lstrip()) + capture + re.escape(after.rstrip(".")))
    return re.compile("|".join(f"(?:{version})" for version in versions), re.IGNORECASE)


def _captured(match: re.Match[str]) -> str:
    return next(group for group in match.groups() if group is not None)


_ITEM_ID = r"([a-z0-9][a-z0-9_-]*)"
#: How merging names the other copy, in the long and the short form of its note.
_OURS = _pattern("merge-note-ours", "id", _ITEM_ID)
_THEIRS = _pattern("merge-note-theirs", "id", _ITEM_ID)
#: A tag merging set aside to make room for ``conflict`` (see ``merging._Merger._marked``).
_SET_ASIDE = _pattern("merge-note-tag-set-aside", "tag", "'([^']+)'")
#: The first word of every note merging writes: "conflict", "konflikt".
_LABELS = tuple(say("merge-note-label", language) for language in LANGUAGES)


@dataclass(frozen=True, slots=True)
class ConflictPair:
    """A conflicting item and its counterpart: ``original`` holds the id the item had before
    the merge (ours); ``copy`` is theirs under a new id, or ``None`` when there is none."""

    original: Item
    copy: Item | None

    @property
    def choices(self) -> tuple[Choice, ...]:
        return ("ours", "theirs", "both") if self.copy is not None else ("keep", "delete")


def is_conflicting(item: Item) -> bool:
    return CONFLICT_TAG in item.tags


def count_conflicts(canvas: Canvas) -> int:
    """How many conflicts the canvas holds: a pair of copies counts once."""
    seen: set[str] = set()
    count = 0
    for _, _, item in canvas.all_items():
        if not is_conflicting(item) or item.id in seen:
            continue
        count += 1
        pair = find_pair(canvas, item.id)
        if pair is not None:
            seen.update({pair.original.id, *([pair.copy.id] if pair.copy else [])})
    return count


def find_pair(canvas: Canvas, item_id: str) -> ConflictPair | None:
    """The conflict ``item_id`` is part of, or ``None`` when it is not tagged ``conflict``."""
    item = _item(canvas, item_id)
    if item is None or not is_conflicting(item):
        return None
    head = _explanation(item.note)
    if (match := _OURS.search(head)) is not None:
        copy = _item(canvas, _captured(match))
        return ConflictPair(item, copy if copy is not None and is_conflicting(copy) else None)
    if (match := _THEIRS.search(head)) is not None:
        original = _item(canvas, _captured(match))
        if original is not None and is_conflicting(original):
            return ConflictPair(original, item)
        # Ours is gone (deleted by hand): this copy is all that is left of the conflict.
    return ConflictPair(item, None)


def resolve(canvas: Canvas, item_id: str, choice: Choice) -> tuple[Canvas, frozenset[BlockId]]:
    """The canvas with the conflict of ``item_id`` resolved as ``choice``, and the blocks it
    touched. The version kept goes under the original's id, in the original's place (in the
    copy's place when the two sides put it in different blocks); ``both`` keeps the two as
    separate items. The conflict tag and the merge's explanation go; the note the item had
    before the merge stays. Raises ``ValueError`` for an item not in conflict or a choice it
    does not offer."""
    pair = find_pair(canvas, item_id)
    if pair is None or choice not in pair.choices:
        raise ValueError(f"item {item_id} has no conflict to resolve as {choice!r}")
    original, copy = pair.original, pair.copy
    original_place = canvas.find(original.id)
    assert original_place is not None
    touched = {original_place[0]}
    if choice == "delete":
        return canvas.with_item_removed(*original_place), frozenset(touched)
    if choice == "keep" or copy is None:
        kept = _cleaned(original, original_place[0])
        return _replaced(canvas, original.id, kept), frozenset(touched)
    copy_place = canvas.find(copy.id)
    assert copy_place is not None
    touched.add(copy_place[0])
    if choice == "ours":
        canvas = _replaced(canvas, original.id, _cleaned(original, original_place[0]))
        return _removed(canvas, copy.id), frozenset(touched)
    if choice == "both":
        canvas = _replaced(canvas, original.id, _cleaned(original, original_place[0]))
        return _replaced(canvas, copy.id, _cleaned(copy, copy_place[0])), frozenset(touched)
    # Theirs, under ours' id: in ours' place, or where theirs put it when the block differs.
    theirs = _cleaned(copy, copy_place[0]).model_copy(update={"id": original.id})
    if copy_place[0] == original_place[0]:
        canvas = _removed(canvas, copy.id)
        return _replaced(canvas, original.id, theirs), frozenset(touched)
    canvas = _removed(canvas, original.id)
    return _replaced(canvas, copy.id, theirs), frozenset(touched)


def _cleaned(item: Item, block_id: BlockId) -> Item:
    """``item`` without the merge's marks: no ``conflict`` tag (a tag set aside for it put
    back) and its note as it was before the merge explained itself in front of it."""
    head = _explanation(item.note)
    tags = [tag for tag in item.tags if tag != CONFLICT_TAG]
    match = _SET_ASIDE.search(head)
    if match is not None and len(tags) < MAX_TAGS and _captured(match) not in tags:
        tags.append(_captured(match))
    note = item.note[len(head) :].lstrip("\n") if head else item.note
    return validate_item(block_id, **{**item.model_dump(), "tags": tuple(tags), "note": note})


def _explanation(note: str) -> str:
    """The note's first paragraph when merging wrote it (it starts ``conflict:`` or
    ``konflikt:``), else ""."""
    if not note.startswith(_LABELS):
        return ""
    return note.split("\n\n", 1)[0]


def _item(canvas: Canvas, item_id: str) -> Item | None:
    place = canvas.find(item_id)
    return canvas.items(place[0])[place[1]] if place is not None else None


def _replaced(canvas: Canvas, item_id: str, item: Item) -> Canvas:
    place = canvas.find(item_id)
    assert place is not None
    return canvas.with_item_replaced(*place, item)


def _removed(canvas: Canvas, item_id: str) -> Canvas:
    place = canvas.find(item_id)
    assert place is not None
    return canvas.with_item_removed(*place)
