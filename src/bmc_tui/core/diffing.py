"""Semantic diff of two canvases: what a person changed, said in terms of items and blocks.

A line diff of two canvas files shows TOML keys; this module follows each item by its stable
id instead, so an item that moved to another block is one "moved" change rather than a removal
and an addition, and reordering a block is not mistaken for editing it. The diff is plain data
(:class:`CanvasDiff`); the renderers turn it into Rich ``Text`` for a terminal, Markdown or
JSON. User text only ever enters a ``Text`` as plain text, never as Rich markup, so a canvas
item such as ``[bold]`` prints as written.

Headless: imports nothing from Textual.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from rich.text import Text

from bmc_tui.core.catalogue import (
    BLOCKS,
    BLOCKS_BY_ID,
    DEFAULT_STATUS,
    STATUSES_BY_ID,
    BlockId,
    Language,
)
from bmc_tui.core.messages import say
from bmc_tui.core.model import ITEM_FIELDS, Canvas, Header, Item
from bmc_tui.core.presentation import (
    block_heading,
    canvas_title,
    category_label,
    header_fields,
    markdown_escape,
)

#: Header fields in the order the file writes them.
HEADER_FIELDS: tuple[str, ...] = tuple(Header.model_fields)

ChangeKind = Literal["added", "removed", "changed"]


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field whose value differs: ``old`` and ``new`` are the field's plain values."""

    field: str
    old: Any
    new: Any


@dataclass(frozen=True, slots=True)
class ItemChange:
    """Everything that happened to one item, found by its id in both canvases.

    ``block`` is where the item is now (for a removed item, where it was), so a change can be
    listed under the block a reader would look in. An item can be edited and moved at once.
    """

    item_id: str
    kind: ChangeKind
    block: BlockId
    old: Item | None
    new: Item | None
    old_block: BlockId | None = None
    old_position: int | None = None
    new_position: int | None = None
    fields: tuple[FieldChange, ...] = ()
    reordered: bool = False

    @property
    def moved(self) -> bool:
        """True when the item now sits in another block than before."""
        return (
            self.kind == "changed" and self.old_block is not None and self.old_block != self.block
        )

    @property
    def edited(self) -> bool:
        return bool(self.fields)

    @property
    def text(self) -> str:
        """The item's current text (its last text, for a removed item)."""
        item = self.new or self.old
        assert item is not None
        return item.text


@dataclass(frozen=True, slots=True)
class CanvasDiff:
    """The differences between an old and a new canvas, in catalogue order."""

    header: tuple[FieldChange, ...] = ()
    items: tuple[ItemChange, ...] = ()
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def equal(self) -> bool:
        return not self.header and not self.items

    def by_block(self) -> Iterator[tuple[BlockId, tuple[ItemChange, ...]]]:
        """Changes grouped by block in catalogue order; blocks without changes are skipped."""
        for block in BLOCKS:
            changes = tuple(change for change in self.items if change.block == block.id)
            if changes:
                yield block.id, changes

    def summary(self, language: Language = "en") -> str:
        """One line such as ``3 added, 1 removed, 2 edited, 1 moved`` (``no changes``)."""
        parts = [
            say(f"diff-count-{name}", language, count=count)
            for name, count in self.counts.items()
            if count
        ]
        if self.header:
            key = "diff-header-field" if len(self.header) == 1 else "diff-header-fields"
            parts.append(say(key, language, count=len(self.header)))
        return ", ".join(parts) if parts else say("diff-no-changes", language)


# --- computing -------------------------------------------------------------------------------


def diff_canvases(old: Canvas, new: Canvas) -> CanvasDiff:
    """Compare two canvases item by item (by id) and field by field."""
    old_places = {item.id: (block_id, index, item) for block_id, index, item in old.all_items()}
    new_places = {item.id: (block_id, index, item) for block_id, index, item in new.all_items()}
    reordered = _reordered_ids(old, new)

    changes: list[ItemChange] = []
    for block_id, index, item in new.all_items():
        before = old_places.get(item.id)
        if before is None:
            changes.append(ItemChange(item.id, "added", block_id, None, item, new_position=index))
            continue
        old_block, old_index, old_item = before
        fields = _field_changes(old_item, item, ITEM_FIELDS)
        was_reordered = item.id in reordered
        if fields or old_block != block_id or was_reordered:
            changes.append(
                ItemChange(
                    item.id,
                    "changed",
                    block_id,
                    old_item,
                    item,
                    old_block=old_block,
                    old_position=old_index,
                    new_position=index,
                    fields=fields,
                    reordered=was_reordered,
                )
            )
    for block_id, index, item in old.all_items():
        if item.id not in new_places:
            changes.append(ItemChange(item.id, "removed", block_id, item, None, old_position=index))

    order = {block.id: number for number, block in enumerate(BLOCKS)}

    def sort_key(change: ItemChange) -> tuple[int, int, int]:
        # Within a block: items in their new order, then what was removed, in its old order.
        if change.kind == "removed":
            return order[change.block], 1, change.old_position or 0
        return order[change.block], 0, change.new_position or 0

    changes.sort(key=sort_key)
    counts = {
        "added": sum(c.kind == "added" for c in changes),
        "removed": sum(c.kind == "removed" for c in changes),
        "edited": sum(c.edited for c in changes),
        "moved": sum(c.moved for c in changes),
        "reordered": sum(c.reordered for c in changes),
    }
    header = _field_changes(old.header, new.header, HEADER_FIELDS)
    return CanvasDiff(header=header, items=tuple(changes), counts=counts)


def _field_changes(
    old: Item | Header, new: Item | Header, names: tuple[str, ...]
) -> tuple[FieldChange, ...]:
    return tuple(
        FieldChange(name, getattr(old, name), getattr(new, name))
        for name in names
        if getattr(old, name) != getattr(new, name)
    )


def _reordered_ids(old: Canvas, new: Canvas) -> set[str]:
    """Ids of items that stayed in their block but changed place relative to the others.

    The longest common subsequence of the block's surviving ids is the part that kept its
    order; whatever falls outside it is what a person moved. Items added, removed or moved
    between blocks are left out first, so they never make their neighbours look reordered.
    """
    moved: set[str] = set()
    for block in BLOCKS:
        old_ids = [item.id for item in old.items(block.id)]
        new_ids = [item.id for item in new.items(block.id)]
        kept = set(old_ids) & set(new_ids)
        old_seq = [i for i in old_ids if i in kept]
        new_seq = [i for i in new_ids if i in kept]
        if old_seq == new_seq:
            continue
        matcher = difflib.SequenceMatcher(a=old_seq, b=new_seq, autojunk=False)
        in_order = {
            new_seq[j] for a, j, size in matcher.get_matching_blocks() for j in range(j, j + size)
        }
        moved.update(i for i in new_seq if i not in in_order)
    return moved


# --- rendering: terminal ---------------------------------------------------------------------

_STYLE = {
    "added": "green",
    "removed": "red",
    "changed": "yellow",
    "heading": "bold",
    "id": "dim",
    "summary": "bold",
}


def _show(value: Any, language: Language) -> str:
    """A field value as a reader would write it: quoted text, comma-separated tags."""
    if value is None or value == "" or value == ():
        return say("diff-none", language)
    if isinstance(value, tuple):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _describe_field(change: FieldChange, language: Language) -> str:
    """One phrase per changed field; notes are long, so only their change is named."""
    name = change.field
    if change.field == "tags" or change.field == "lint_disable":
        old, new = tuple(change.old), tuple(change.new)
        added = [t for t in new if t not in old]
        removed = [t for t in old if t not in new]
        parts = [f"+{t}" for t in added] + [f"-{t}" for t in removed]
        if not parts:
            return say("diff-field-reordered", language, field=name, value=_show(new, language))
        return f"{change.field} {' '.join(parts)}"
    if change.field == "status":
        # The statuses' names, unquoted: "status: untested → validated".
        old_status, new_status = STATUSES_BY_ID[change.old], STATUSES_BY_ID[change.new]
        return f"{name}: {old_status.label(language)} → {new_status.label(language)}"
    if change.field in ("note", "description"):
        kind = "added" if not change.old else "removed" if not change.new else "changed"
        return say(f"diff-field-{kind}", language, field=name)
    return f"{name}: {_show(change.old, language)} → {_show(change.new, language)}"


def change_details(change: ItemChange, language: Language = "en") -> list[str]:
    """What happened to an item, as short phrases in a fixed order."""
    details = [_describe_field(f, language) for f in change.fields]
    if change.moved and change.old_block is not None:
        block = block_heading(BLOCKS_BY_ID[change.old_block], language)
        details.append(say("diff-moved-from", language, block=block))
    if change.reordered and change.old_position is not None and change.new_position is not None:
        old, new = change.old_position + 1, change.new_position + 1
        details.append(say("diff-reordered-position", language, old=old, new=new))
    return details


_MARK = {"added": "+", "removed": "-", "changed": "~"}


def render_text(
    diff: CanvasDiff, old_label: str = "old", new_label: str = "new", language: Language = "en"
) -> Text:
    """The diff as styled Rich text: one heading per block, one line per item and detail;
    block headings and the words in ``language`` (the reader's)."""
    out = Text()
    out.append(f"--- {old_label}\n", style=_STYLE["removed"])
    out.append(f"+++ {new_label}\n", style=_STYLE["added"])
    if diff.header:
        out.append(say("diff-canvas-header", language) + "\n", style=_STYLE["heading"])
        for field_change in diff.header:
            out.append("  ~ ", style=_STYLE["changed"])
            out.append(_describe_field(field_change, language))
            out.append("\n")
    for block_id, changes in diff.by_block():
        heading = block_heading(BLOCKS_BY_ID[block_id], language)
        out.append(f"{heading}\n", style=_STYLE["heading"])
        for change in changes:
            style = _STYLE[change.kind]
            out.append(f"  {_MARK[change.kind]} ", style=style)
            out.append(change.text, style=style if change.kind != "changed" else "")
            out.append(f"  [{change.item_id}]\n", style=_STYLE["id"])
            if change.kind == "changed":
                for detail in change_details(change, language):
                    out.append(f"      {detail}\n")
    out.append(diff.summary(language), style=_STYLE["summary"])
    out.append("\n")
    return out


# --- rendering: Markdown ---------------------------------------------------------------------


def render_markdown(
    diff: CanvasDiff, old_label: str = "old", new_label: str = "new", language: Language = "en"
) -> str:
    """The diff as a Markdown document, e.g. for a pull-request comment."""
    esc = markdown_escape
    old, new = esc(old_label, line_start=False), esc(new_label, line_start=False)
    lines = [f"# {say('diff-markdown-title', language, old=old, new=new)}", ""]
    lines += [f"**{esc(diff.summary(language), line_start=False)}**", ""]
    if diff.header:
        lines += [f"## {say('diff-canvas-header', language)}", ""]
        lines += [f"- {esc(_describe_field(field, language))}" for field in diff.header]
        lines.append("")
    labels = {kind: say(f"diff-kind-{kind}", language) for kind in ("added", "removed", "changed")}
    for block_id, changes in diff.by_block():
        lines += [f"## {esc(block_heading(BLOCKS_BY_ID[block_id], language))}", ""]
        for change in changes:
            text = esc(change.text, line_start=False)
            line = f"- **{labels[change.kind]}:** {text} (`{change.item_id}`)"
            details = change_details(change, language) if change.kind == "changed" else []
            if details:
                line += " — " + "; ".join(esc(d, line_start=False) for d in details)
            lines.append(line)
        lines.append("")
    return "\n".join(lines)


# --- rendering: JSON -------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _field_json(change: FieldChange) -> dict[str, Any]:
    return {"field": change.field, "old": _plain(change.old), "new": _plain(change.new)}


def diff_to_json(diff: CanvasDiff) -> dict[str, Any]:
    """The diff as plain JSON-ready data, for scripts and CI."""
    blocks = []
    for block_id, changes in diff.by_block():
        entries = []
        for change in changes:
            entry: dict[str, Any] = {
                "id": change.item_id,
                "kind": change.kind,
                "text": change.text,
            }
            if change.kind == "changed":
                entry["fields"] = [_field_json(f) for f in change.fields]
                entry["moved_from"] = (
                    change.old_block.value if change.moved and change.old_block else None
                )
                entry["reordered"] = change.reordered
                entry["old_position"] = change.old_position
                entry["new_position"] = change.new_position
            elif change.kind == "added":
                entry["item"] = change.new.model_dump(mode="json") if change.new else None
                entry["position"] = change.new_position
            else:
                entry["item"] = change.old.model_dump(mode="json") if change.old else None
                entry["position"] = change.old_position
            entries.append(entry)
        blocks.append({"block": block_id.value, "changes": entries})
    return {
        "equal": diff.equal,
        "summary": diff.summary(),
        "counts": dict(diff.counts),
        "header": [_field_json(field) for field in diff.header],
        "blocks": blocks,
    }


def render_json(diff: CanvasDiff) -> str:
    return json.dumps(diff_to_json(diff), indent=2, ensure_ascii=False)


# --- textconv --------------------------------------------------------------------------------


def textconv(canvas: Canvas, language: Language) -> str:
    """A stable, line-oriented reading of one canvas, for ``git diff`` through textconv.

    One line per item (text, then category, tags and a status other than untested, then the
    id) and one indented line per note line, blocks in catalogue order: a line diff of two of
    these reads as the words a person changed, and the same canvas always gives the same text.
    The words are the reader's (``language``), not the canvas's: git reads both sides of a
    diff in one language, so a canvas that changed language shows only what changed.
    """
    header = canvas.header
    lines = [say("textconv-canvas", language, title=canvas_title(header, language))]
    lines += [f"{label}: {value}" for label, value in header_fields(header, language)]
    lines.append(say("textconv-language", language, language=header.language))
    if header.lint_disable:
        lines.append(say("textconv-lint-disabled", language, rules=", ".join(header.lint_disable)))
    if header.description:
        lines.append(say("textconv-description", language))
        lines += [f"    {line}".rstrip() for line in header.description.split("\n")]
    for block in BLOCKS:
        items = canvas.items(block.id)
        lines += ["", f"== {block.number}. {block.title(language)} ({len(items)}) =="]
        for item in items:
            line = f"- {item.text}"
            if item.category:
                line += f" ({category_label(block, item.category, language)})"
            if item.tags:
                line += " " + " ".join(f"#{tag}" for tag in item.tags)
            if item.status != DEFAULT_STATUS:
                line += f" [{STATUSES_BY_ID[item.status].label(language)}]"
            lines.append(f"{line}  {{{item.id}}}")
            if item.note:
                lines += [f"    {note_line}".rstrip() for note_line in item.note.split("\n")]
    return "\n".join(lines) + "\n"
