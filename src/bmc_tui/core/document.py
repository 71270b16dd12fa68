"""The open canvas: its file, its edits and their undo history.

This is the one place that changes a canvas in the editor. Every edit is a method here that
makes a new (frozen) canvas and records it, so undo and redo cover every change, header
edits included, and "modified" is a comparison with what was last saved rather than a flag
someone might forget to set. Headless: imports nothing from Textual.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from bmc_tui.core import storage
from bmc_tui.core.catalogue import BLOCKS_BY_ID, BlockId
from bmc_tui.core.conflicts import Choice, find_pair, resolve
from bmc_tui.core.model import Canvas, Header, new_item_id, validate_item
from bmc_tui.core.watching import FileStamp, Status, check, load_stamped

#: Past this many steps the oldest are forgotten; a long brainstorm stays cheap in memory.
HISTORY_LIMIT = 1000


@dataclass(frozen=True, slots=True)
class Change:
    """What one edit did: enough for the screen to refresh only what changed and to put the
    cursor back where the user was."""

    description: str
    blocks: frozenset[BlockId]
    header: bool = False
    #: The item to select afterwards, and the block it is in.
    focus: tuple[BlockId, str | None] | None = None
    #: The item the edit was about (a deleted one too): where undo puts the cursor back.
    item_id: str | None = None
    #: A category the edit had to leave out (a move to a block that has no such category).
    dropped_category: str | None = None


@dataclass(slots=True)
class _Step:
    before: Canvas
    after: Canvas
    change: Change


@dataclass
class CanvasDocument:
    """A canvas being edited, the file it belongs to, and how it got here."""

    canvas: Canvas
    path: Path | None = None
    saved: Canvas | None = None
    #: False until the first save of a canvas that did not exist as a file yet.
    on_disk: bool = True
    #: The file as this document last read or wrote it: what "changed on disk" compares with.
    stamp: FileStamp | None = None
    _undo: list[_Step] = field(default_factory=list)
    _redo: list[_Step] = field(default_factory=list)

    @classmethod
    def open(cls, path: Path) -> CanvasDocument:
        """Load ``path``; a file that does not exist yet is a new, empty canvas for it."""
        canvas, stamp = load_stamped(path)
        return cls(canvas=canvas, path=path, saved=canvas, stamp=stamp)

    @classmethod
    def new(cls, path: Path | None, header: Header) -> CanvasDocument:
        """An empty canvas, not yet on disk: unmodified until the user changes something."""
        canvas = Canvas(header=header)
        return cls(canvas=canvas, path=path, saved=canvas, on_disk=False)

    # --- state -----------------------------------------------------------------------------

    @property
    def modified(self) -> bool:
        if self.saved is None:
            return True
        return self.canvas is not self.saved and self.canvas != self.saved

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    # --- history ---------------------------------------------------------------------------

    def _apply(self, canvas: Canvas, change: Change) -> Change:
        self._undo.append(_Step(self.canvas, canvas, change))
        del self._undo[:-HISTORY_LIMIT]
        self._redo.clear()
        self.canvas = canvas
        return change

    def undo(self) -> Change | None:
        if not self._undo:
            return None
        step = self._undo.pop()
        self._redo.append(step)
        self.canvas = step.before
        return _refocused(step.change, self.canvas)

    def redo(self) -> Change | None:
        if not self._redo:
            return None
        step = self._redo.pop()
        self._undo.append(step)
        self.canvas = step.after
        return _refocused(step.change, self.canvas)

    # --- saving ----------------------------------------------------------------------------

    def save(self, path: Path | None = None) -> bool:
        """Write the canvas; raises ``storage.CanvasError`` and stays modified on failure.

        The stamp comes from the write itself (see ``FileStamp.of_write``)."""
        target = path or self.path
        if target is None:
            raise ValueError("an untitled canvas needs a file name to be saved")
        written = storage.write_canvas(self.canvas, target)
        self.path = target
        self.saved = self.canvas
        self.on_disk = True
        self.stamp = FileStamp.of_write(target, written)
        return written.written

    def disk_status(self) -> Status | None:
        """Whether the file changed since this document read or wrote it (None: no file)."""
        if self.path is None or self.stamp is None:
            return None
        status = check(self.path, self.stamp)
        self.stamp = status.stamp
        return status

    def take_disk_version(
        self, disk: Canvas, stamp: FileStamp, canvas: Canvas, description: str
    ) -> Change:
        """The file now holds ``disk`` (stamped ``stamp``) and the canvas becomes ``canvas``:
        a reload (``canvas`` is ``disk``) or a merge, as one undoable step."""
        change = self.replace_canvas(canvas, description)
        self.saved = disk
        self.stamp = stamp
        return change

    def reload(self) -> Change:
        """Take the file's current content as the canvas (undoable, and then unmodified)."""
        assert self.path is not None
        canvas, stamp = load_stamped(self.path)
        return self.take_disk_version(canvas, stamp, canvas, "reload from disk")

    def seen_on_disk(self, stamp: FileStamp) -> None:
        """The user has seen the file as ``stamp`` describes it and keeps their own version:
        stop reporting that change (the next save writes theirs, knowingly)."""
        self.stamp = stamp

    # --- edits -----------------------------------------------------------------------------

    def add_item(
        self, block_id: BlockId, index: int, text: str, tags: tuple[str, ...] = ()
    ) -> Change:
        """A new item; with ``tags`` (a guided answer naming its segment) in the same step,
        so one undo takes the answer back whole."""
        item = validate_item(block_id, id=new_item_id(self.canvas.item_ids()), text=text, tags=tags)
        canvas = self.canvas.with_item_inserted(block_id, index, item)
        return self._apply(
            canvas,
            Change("add item", frozenset({block_id}), focus=(block_id, item.id), item_id=item.id),
        )

    def update_item(self, item_id: str, description: str, **fields: object) -> Change | None:
        """Change fields of one item; returns None when nothing actually changed."""
        place = self.canvas.find(item_id)
        if place is None:
            return None
        block_id, index = place
        old = self.canvas.items(block_id)[index]
        data = old.model_dump()
        data.update(fields)
        item = validate_item(block_id, **data)
        if item == old:
            return None
        canvas = self.canvas.with_item_replaced(block_id, index, item)
        return self._apply(
            canvas,
            Change(description, frozenset({block_id}), focus=(block_id, item_id), item_id=item_id),
        )

    def delete_item(self, item_id: str) -> Change | None:
        place = self.canvas.find(item_id)
        if place is None:
            return None
        block_id, index = place
        canvas = self.canvas.with_item_removed(block_id, index)
        remaining = canvas.items(block_id)
        follow = remaining[min(index, len(remaining) - 1)].id if remaining else None
        return self._apply(
            canvas,
            Change("delete item", frozenset({block_id}), focus=(block_id, follow), item_id=item_id),
        )

    def reorder_item(self, item_id: str, offset: int) -> Change | None:
        """Move an item up (negative) or down within its block; None at either end."""
        place = self.canvas.find(item_id)
        if place is None:
            return None
        block_id, index = place
        items = list(self.canvas.items(block_id))
        target = index + offset
        if not 0 <= target < len(items):
            return None
        items.insert(target, items.pop(index))
        canvas = self.canvas.with_items(block_id, items)
        return self._apply(
            canvas,
            Change("move item", frozenset({block_id}), focus=(block_id, item_id), item_id=item_id),
        )

    def move_item(self, item_id: str, to_block: BlockId) -> Change | None:
        """Move an item to the end of another block; its category is kept only where that
        block knows it (categories belong to blocks), and the change names one left out, so
        the editor can say so. One undo brings the item back with its category."""
        place = self.canvas.find(item_id)
        if place is None:
            return None
        block_id, index = place
        if block_id == to_block:
            return None
        item = self.canvas.items(block_id)[index]
        kept = item.category if BLOCKS_BY_ID[to_block].allows(item.category) else None
        moved = validate_item(to_block, **{**item.model_dump(), "category": kept})
        canvas = self.canvas.with_item_removed(block_id, index)
        canvas = canvas.with_item_inserted(to_block, len(canvas.items(to_block)), moved)
        change = Change(
            "move item to another block",
            frozenset({block_id, to_block}),
            focus=(to_block, item_id),
            item_id=item_id,
            dropped_category=item.category if kept != item.category else None,
        )
        return self._apply(canvas, change)

    def resolve_conflict(self, item_id: str, choice: Choice) -> Change:
        """Resolve the merge conflict ``item_id`` is part of (see ``core.conflicts``) as one
        undoable step; the cursor goes to the version kept, under the original's id."""
        pair = find_pair(self.canvas, item_id)
        canvas, blocks = resolve(self.canvas, item_id, choice)
        original = pair.original.id if pair is not None else item_id
        place = canvas.find(original)
        focus: tuple[BlockId, str | None] | None = (
            (place[0], original) if place is not None else None
        )
        if focus is None:
            # Deleted: the cursor stays in the block, on the item that took its place.
            old = self.canvas.find(original)
            focus = (old[0], None) if old is not None else None
        change = Change("resolve conflict", blocks, focus=focus, item_id=original)
        return self._apply(canvas, change)

    def set_header(self, header: Header) -> Change | None:
        if header == self.canvas.header:
            return None
        return self._apply(
            self.canvas.with_header(header),
            Change("edit canvas header", frozenset(), header=True),
        )

    def replace_canvas(self, canvas: Canvas, description: str) -> Change:
        """Swap in a whole canvas (a reload, a recovery) as one undoable step."""
        return self._apply(canvas, Change(description, frozenset(canvas.blocks), header=True))


def _refocused(change: Change, canvas: Canvas) -> Change:
    """``change`` as undone or redone into ``canvas``: the cursor goes to the item the edit
    was about, wherever that item now is (a deleted item back in its place, a moved one back
    in its block); when the item is gone (an addition undone), to its block."""
    if change.item_id is None:
        return change
    place = canvas.find(change.item_id)
    if place is not None:
        focus: tuple[BlockId, str | None] = (place[0], change.item_id)
    elif change.focus is not None:
        focus = (change.focus[0], None)
    else:
        return change
    return replace(change, focus=focus)
