"""Lint rules for a canvas: what a valid canvas may still be missing or getting wrong.

Validation (``storage``) says whether a file is a canvas at all; these rules say whether the
canvas hangs together. Each rule has a stable id that users put in ``lint_disable`` or pass to
``--disable``, so ids are never renamed or reused.

Segment links. A customer segment is named by the tags of its item in Customer Segments
(``Canvas.segment_tags``); an item elsewhere that carries one of those tags is linked to that
segment. The segment rules only apply once a canvas uses such links, that is once at least
one Customer Segments item carries a tag: a canvas that does not use tags at all is never
flagged for it. Then:

* ``unknown-segment-tag``: an item in Value Propositions, Channels, Customer Relationships or
  Revenue Streams that carries tags, none of which names a segment (often a typo: ``b2bb``);
* ``unserved-segment``: a segment none of whose tags any value proposition carries (a segment
  with no tag cannot be named, so it is unserved too);
* ``unpaid-segment``: a segment none of whose tags any revenue stream carries;
* ``revenue-without-segment``: a revenue stream with no tags at all, so no segment pays it.

Statuses (issue 14). Once items carry a status:

* ``validated-on-unproven-segment``: a validated item that carries the tag of a segment whose
  item is untested or invalidated;
* ``unproven-revenue``: a canvas that uses statuses and has revenue streams, all of them
  untested or invalidated.

Headless: imports nothing from Textual.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from bmc_tui.core import places
from bmc_tui.core.catalogue import (
    BLOCKS,
    BLOCKS_BY_ID,
    STATUSES_BY_ID,
    BlockId,
    Language,
    StatusId,
)
from bmc_tui.core.messages import say
from bmc_tui.core.model import CONFLICT_TAG, Canvas

#: The blocks whose items are "for" a segment and so may carry a segment's tag.
SEGMENT_FACING: tuple[BlockId, ...] = (
    BlockId.VALUE_PROPOSITIONS,
    BlockId.CHANNELS,
    BlockId.CUSTOMER_RELATIONSHIPS,
    BlockId.REVENUE_STREAMS,
)


@dataclass(frozen=True, slots=True)
class Finding:
    """One lint finding: which rule, where (block, and item when it is about one), and what.

    What is wrong is kept as a catalogue message and its fields, so it is said in the
    reader's language when it is shown (``message``); ``block`` is the block's title there.
    """

    rule: str
    block: BlockId | None
    item_id: str | None
    key: str
    fields: tuple[tuple[str, str], ...] = ()

    def message(self, language: Language) -> str:
        block = BLOCKS_BY_ID[self.block].title(language) if self.block is not None else ""
        fields = dict(self.fields)
        if "status" in fields:
            # Kept as the status's id; said by its name in the reader's language.
            fields["status"] = STATUSES_BY_ID[StatusId(fields["status"])].label(language)
        return say(self.key, language, block=block, **fields)


Check = Callable[[Canvas], Iterator[Finding]]


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    check: Check

    def description(self, language: Language) -> str:
        """What the rule looks for (``check --list-rules``)."""
        return say(f"lint-rule-{self.id}", language, tag=repr(CONFLICT_TAG))


def _empty_block(canvas: Canvas) -> Iterator[Finding]:
    for block in BLOCKS:
        if not canvas.items(block.id):
            yield Finding("empty-block", block.id, None, "lint-empty-block")


def _normal(text: str) -> str:
    return " ".join(text.casefold().split())


def _duplicate_item(canvas: Canvas) -> Iterator[Finding]:
    for block in BLOCKS:
        first: dict[str, str] = {}
        for item in canvas.items(block.id):
            key = _normal(item.text)
            if key in first:
                fields = (("text", repr(item.text)), ("first", first[key]))
                yield Finding("duplicate-item", block.id, item.id, "lint-duplicate-item", fields)
            else:
                first[key] = item.id


def _unresolved_conflict(canvas: Canvas) -> Iterator[Finding]:
    for block_id, _, item in canvas.all_items():
        if CONFLICT_TAG in item.tags:
            yield Finding(
                "unresolved-conflict",
                block_id,
                item.id,
                "lint-unresolved-conflict",
                (("text", repr(item.text)), ("tag", repr(CONFLICT_TAG))),
            )


def _uses_segment_tags(canvas: Canvas) -> bool:
    return bool(canvas.segment_tags())


def _unknown_segment_tag(canvas: Canvas) -> Iterator[Finding]:
    segments = canvas.segment_tags()
    if not segments:
        return
    for block_id in SEGMENT_FACING:
        for item in canvas.items(block_id):
            if item.tags and not any(tag in segments for tag in item.tags):
                yield Finding(
                    "unknown-segment-tag",
                    block_id,
                    item.id,
                    "lint-unknown-segment-tag",
                    (
                        ("text", repr(item.text)),
                        ("tags", ", ".join(item.tags)),
                        ("segments", ", ".join(sorted(segments))),
                    ),
                )


def _segments_not_carried(canvas: Canvas, rule: str, block_id: BlockId) -> Iterator[Finding]:
    if not _uses_segment_tags(canvas):
        return
    carried = {tag for item in canvas.items(block_id) for tag in item.tags}
    for item in canvas.items(BlockId.CUSTOMER_SEGMENTS):
        if not item.tags:
            key = f"lint-{rule}-untagged"
        elif not carried.intersection(item.tags):
            key = f"lint-{rule}"
        else:
            continue
        fields = (("text", repr(item.text)), ("tags", ", ".join(item.tags)))
        yield Finding(rule, BlockId.CUSTOMER_SEGMENTS, item.id, key, fields)


def _unserved_segment(canvas: Canvas) -> Iterator[Finding]:
    return _segments_not_carried(canvas, "unserved-segment", BlockId.VALUE_PROPOSITIONS)


def _unpaid_segment(canvas: Canvas) -> Iterator[Finding]:
    return _segments_not_carried(canvas, "unpaid-segment", BlockId.REVENUE_STREAMS)


def _revenue_without_segment(canvas: Canvas) -> Iterator[Finding]:
    if not _uses_segment_tags(canvas):
        return
    for item in canvas.items(BlockId.REVENUE_STREAMS):
        if not item.tags:
            yield Finding(
                "revenue-without-segment",
                BlockId.REVENUE_STREAMS,
                item.id,
                "lint-revenue-without-segment",
                (("text", repr(item.text)),),
            )


# --- issue 14: rules on the items' statuses ----------------------------------------------------

#: A segment with one of these statuses is still a guess (or proven wrong): nothing built on
#: it can be called validated.
UNPROVEN: frozenset[StatusId] = frozenset({StatusId.UNTESTED, StatusId.INVALIDATED})


def _validated_on_unproven_segment(canvas: Canvas) -> Iterator[Finding]:
    """A validated item outside Customer Segments that carries the tag of a segment whose
    own item is untested or invalidated: the evidence rests on a customer not yet shown to
    exist (or shown not to)."""
    segments = canvas.items(BlockId.CUSTOMER_SEGMENTS)
    by_tag = canvas.segment_tags()
    for block_id, _, item in canvas.all_items():
        if block_id == BlockId.CUSTOMER_SEGMENTS or item.status != StatusId.VALIDATED:
            continue
        for tag in item.tags:
            position = by_tag.get(tag)
            if position is None or segments[position].status not in UNPROVEN:
                continue
            segment = segments[position]
            yield Finding(
                "validated-on-unproven-segment",
                block_id,
                item.id,
                "lint-validated-on-unproven-segment",
                (
                    ("text", repr(item.text)),
                    ("segment", repr(segment.text)),
                    ("tag", tag),
                    ("status", str(segment.status)),
                ),
            )
            break  # one finding per item is enough to send a person to look


def _unproven_revenue(canvas: Canvas) -> Iterator[Finding]:
    """Every revenue stream untested or invalidated, in a canvas that uses statuses (one
    that never set a status is not tracking evidence, and is not flagged for it)."""
    streams = canvas.items(BlockId.REVENUE_STREAMS)
    if not streams or not canvas.uses_status():
        return
    if all(stream.status in UNPROVEN for stream in streams):
        yield Finding(
            "unproven-revenue",
            BlockId.REVENUE_STREAMS,
            None,
            "lint-unproven-revenue",
            (("count", str(len(streams))),),
        )


#: Each rule's words are ``lint-rule-<id>`` (what it looks for) and ``lint-<id>`` (a finding)
#: in the message catalogue.
RULES: tuple[Rule, ...] = (
    Rule("empty-block", _empty_block),
    Rule("duplicate-item", _duplicate_item),
    Rule("unresolved-conflict", _unresolved_conflict),
    Rule("unknown-segment-tag", _unknown_segment_tag),
    Rule("unserved-segment", _unserved_segment),
    Rule("unpaid-segment", _unpaid_segment),
    Rule("revenue-without-segment", _revenue_without_segment),
    Rule("validated-on-unproven-segment", _validated_on_unproven_segment),
    Rule("unproven-revenue", _unproven_revenue),
)
RULES_BY_ID: dict[str, Rule] = {rule.id: rule for rule in RULES}


def unknown_rules(rule_ids: Iterable[str]) -> list[str]:
    return [rule_id for rule_id in rule_ids if rule_id not in RULES_BY_ID]


def lint(canvas: Canvas, disable: Iterable[str] = ()) -> list[Finding]:
    """Every finding for the canvas, in canvas order (block by block, item by item).

    Rules named in ``disable`` or in the canvas's own ``lint_disable`` are skipped; unknown
    rule ids there are ignored, so a file written for a newer bmc-tui still checks.
    """
    off = set(disable) | set(canvas.header.lint_disable)
    findings = [f for rule in RULES if rule.id not in off for f in rule.check(canvas)]
    block_order = {block.id: number for number, block in enumerate(BLOCKS)}
    positions = {item.id: index for _, index, item in canvas.all_items()}
    rule_order = {rule.id: number for number, rule in enumerate(RULES)}

    def key(finding: Finding) -> tuple[int, int, int]:
        block = block_order[finding.block] if finding.block is not None else -1
        position = positions.get(finding.item_id, -1) if finding.item_id else -1
        return block, position, rule_order[finding.rule]

    return sorted(findings, key=key)


# --- places in the file ----------------------------------------------------------------------


def locate(text: str, canvas: Canvas, finding: Finding) -> tuple[int, int]:
    """LINE and COLUMN (1-based) of what a finding is about in the canvas file's text.

    One look-up; for every finding of a file, build a ``Locator`` once and ask it.
    """
    return Locator(text, canvas).locate(finding)


class Locator:
    """Places of findings in one canvas file: the file's tables and the canvas's item
    positions are indexed once, so placing every finding grows with the findings, not with
    findings times items."""

    def __init__(self, text: str, canvas: Canvas) -> None:
        self._places = places.PlaceIndex(text)
        self._positions = {
            item.id: (block_id, index) for block_id, index, item in canvas.all_items()
        }

    def locate(self, finding: Finding) -> tuple[int, int]:
        """The item's ``id = ...`` line when the file has one, else its ``[[block]]`` line; a
        finding about a whole block, or one whose place cannot be found, points at 1:1."""
        if finding.item_id is None:
            return 1, 1
        place = self._positions.get(finding.item_id)
        if place is None:
            return 1, 1
        block_id, index = place
        line, column = self._places.locate((block_id.value, index, "id"))
        return (line, column or 1) if line is not None else (1, 1)
