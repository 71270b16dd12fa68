"""Marks laid over the canvas: what changed since a revision, or what the lint rules found.

The editor shows them inside the nine panes, beside the items they are about; this module
only decides what each mark says, so the same words serve whichever view shows them. Every
mark starts with a sign (``+``, ``~``, ``→``, ``−``, ``!``) so it reads without colour.
Headless: imports nothing from Textual.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bmc_tui.core.catalogue import BLOCKS_BY_ID, BlockId, Language
from bmc_tui.core.messages import say

if TYPE_CHECKING:
    # Types only: the editor imports this module at start-up, diff and lint on demand.
    from bmc_tui.core.diffing import CanvasDiff
    from bmc_tui.core.lint import Finding
    from bmc_tui.core.model import Item

ADDED, EDITED, MOVED, REMOVED, FINDING = "+", "~", "→", "−", "!"


@dataclass(frozen=True)
class Mark:
    sign: str
    label: str
    #: A style name the renderer may use besides the sign: "added", "edited", "removed", "finding".
    kind: str


@dataclass(frozen=True)
class Annotations:
    """What to show: a summary line, marks per item id, removed items per block, and marks
    for whole blocks (an empty block, say)."""

    summary: str
    items: Mapping[str, tuple[Mark, ...]] = field(default_factory=dict)
    removed: Mapping[BlockId, tuple[Item, ...]] = field(default_factory=dict)
    blocks: Mapping[BlockId, tuple[Mark, ...]] = field(default_factory=dict)


def from_diff(diff: CanvasDiff, against: str, language: Language, words: Language) -> Annotations:
    """Marks for what changed since ``against``: block names in the canvas's ``language``,
    the marks' own words in the interface's (``words``)."""
    items: dict[str, list[Mark]] = {}
    removed: dict[BlockId, list[Item]] = {}
    for change in diff.items:
        marks = items.setdefault(change.item_id, [])
        if change.kind == "added":
            marks.append(Mark(ADDED, say("mark-new", words), "added"))
        elif change.kind == "removed":
            assert change.old is not None
            removed.setdefault(change.block, []).append(change.old)
        else:
            if change.moved and change.old_block is not None:
                title = BLOCKS_BY_ID[change.old_block].short_title(language)
                marks.append(Mark(MOVED, say("mark-moved-from", words, block=title), "edited"))
            if change.edited:
                fields = ", ".join(f.field for f in change.fields)
                marks.append(Mark(EDITED, fields, "edited"))
            if change.reordered and not change.moved:
                marks.append(Mark(MOVED, say("mark-reordered", words), "edited"))
    fields = ", ".join(f.field for f in diff.header)
    header = say("marks-header-fields", words, fields=fields) if diff.header else ""
    summary = say("marks-changes-since", words, against=against, summary=diff.summary(words))
    return Annotations(
        summary=summary + header,
        items={item_id: tuple(marks) for item_id, marks in items.items() if marks},
        removed={block_id: tuple(gone) for block_id, gone in removed.items()},
    )


def from_findings(findings: Iterable[Finding], words: Language) -> Annotations:
    """Marks for lint findings, the summary in the interface's language (``words``)."""
    items: dict[str, list[Mark]] = {}
    blocks: dict[BlockId, list[Mark]] = {}
    found = list(findings)
    for finding in found:
        mark = Mark(FINDING, finding.rule, "finding")
        if finding.item_id is not None:
            items.setdefault(finding.item_id, []).append(mark)
        elif finding.block is not None:
            blocks.setdefault(finding.block, []).append(mark)
    count = len(found)
    said = "; ".join(finding.message(words) for finding in found[:3]) + (" …" if count > 3 else "")
    key = (
        "marks-check-none" if not found else "marks-check-one" if count == 1 else "marks-check-many"
    )
    summary = say(key, words, count=count, findings=said)
    return Annotations(
        summary=summary,
        items={key: tuple(value) for key, value in items.items()},
        blocks={key: tuple(value) for key, value in blocks.items()},
    )
