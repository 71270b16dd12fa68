"""How an item and a block's guide read on a terminal, as Rich ``Text``.

Shared by the editor's panes, the zoomed block and ``bmc-tui show``, so an item looks the
same everywhere: the words for it (markers, colours, labels, the guide's order) come from
:mod:`bmc_tui.core.presentation`; this module only puts them into styled text. Built from
``Text`` objects, never from markup strings, so a ``[bold]`` a user typed stays text.
Meaning never rests on colour alone: a note has a marker, a tag its ``#``, a segment link
its glyph.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.control import strip_control_codes
from rich.text import Span, Text

from bmc_tui.core.catalogue import STATUSES_BY_ID, Block, BlockId, Language
from bmc_tui.core.model import Item
from bmc_tui.core.presentation import (
    ELLIPSIS,
    bullet,
    category_label,
    guide,
    note_marker,
    segment_mark,
    status_label,
    status_marker,
    tag_colour,
    tag_label,
)
from bmc_tui.core.textsafe import displayable, terminal_text
from bmc_tui.core.wrapping import HANGING_INDENT, wrap_text

#: Pieces of text, each with its style (or none): what a styled line is made of.
Parts = list[tuple[str, str | None]]


def item_line(
    item: Item,
    block: Block,
    language: Language,
    segment_tags: Mapping[str, int],
    *,
    width: int | None = None,
    show_note: bool = False,
    ascii_only: bool = False,
    show_status: bool = False,
) -> Text:
    """One item as a bullet: its status, its segment's mark, text, note marker, category,
    tags.

    ``width`` is the column it is shown in (for how long the category label may be; ``None``
    for a page); ``show_note`` adds the note's lines below it (the zoomed block), and with
    ``show_status`` the status in words above them. ``show_status`` marks the item with its
    status (:func:`presentation.shows_status` says when a canvas wants that).
    """
    return styled_text(
        item_parts(
            item,
            block,
            language,
            segment_tags,
            width=width,
            show_note=show_note,
            ascii_only=ascii_only,
            show_status=show_status,
        )
    )


def item_parts(
    item: Item,
    block: Block,
    language: Language,
    segment_tags: Mapping[str, int],
    *,
    width: int | None = None,
    show_note: bool = False,
    ascii_only: bool = False,
    show_status: bool = False,
) -> Parts:
    """The pieces of :func:`item_line`, before they are made a ``Text``: their words alone
    (:func:`plain_text`) are what a list measures, and a list of ten thousand items makes a
    ``Text`` only for the items it draws."""
    parts: Parts = [(f"{bullet(ascii_only=ascii_only)} ", "dim")]
    if show_status:
        colour = STATUSES_BY_ID[item.status].colour
        parts.append((status_marker(item.status, ascii_only=ascii_only), f"bold {colour}"))
        parts.append((" ", None))
    if block.id == BlockId.CUSTOMER_SEGMENTS:
        for tag in item.tags:
            position = segment_tags.get(tag)
            if position is not None:
                mark = segment_mark(position, ascii_only=ascii_only)
                parts.append((f"{mark.glyph} ", f"bold {mark.colour}"))
                break
    parts.append((terminal_text(item.text), None))
    if item.has_note:
        parts.append((f" {note_marker(ascii_only=ascii_only)}", "bold"))
    if item.category:
        label = category_label(block, item.category, language, width)
        parts.append((f" [{label}]", "italic"))
    for tag in item.tags:
        position = segment_tags.get(tag)
        colour = tag_colour(tag) if position is None else segment_mark(position).colour
        # The space stays unstyled, so a selected (reversed) line shows no coloured gap.
        parts.append((" ", None))
        parts.append((tag_label(tag, segment_tags, ascii_only=ascii_only), colour))
    if show_note and show_status:
        # Zoomed, the status is said in words, with the note (the evidence) under it.
        parts.append(("\n    ", None))
        label = status_label(item.status, language, ascii_only=ascii_only)
        parts.append((label, f"italic {STATUSES_BY_ID[item.status].colour}"))
    if show_note and item.has_note:
        for note_line in displayable(item.note, keep_newlines=True).rstrip("\n").split("\n"):
            parts.append(("\n    ", None))
            parts.append((terminal_text(note_line), "dim"))
    return parts


def plain_text(parts: Parts) -> str:
    """The words :func:`styled_text` makes of ``parts`` (its ``.plain``), without making it:
    a ``Text`` drops the control codes Rich strips, so those are dropped here too (they are
    rare: an item's own text is made safe for the terminal before it gets here)."""
    joined = "".join([part for part, _ in parts])
    return joined if joined.isprintable() else strip_control_codes(joined)


def styled_text(parts: Parts) -> Text:
    """``Text.assemble(*parts)``, built in one step: a canvas of ten thousand items makes
    ten thousand of these (the editor's list, ``show``, the SVG export), and appending part
    by part cost more than wrapping them."""
    joined = "".join([part for part, _ in parts])
    text = Text(joined, spans=part_spans(parts))
    if len(text) != len(joined):  # Rich dropped control codes: let it place the spans itself
        return Text.assemble(*((part, style or "") for part, style in parts))
    return text


def part_spans(parts: Parts) -> list[Span]:
    """The spans of :func:`styled_text`'s ``Text`` of ``parts`` (without control codes):
    one per styled part, side by side, in order."""
    spans: list[Span] = []
    offset = 0
    for part, style in parts:
        if style and part:
            spans.append(Span(offset, offset + len(part), style))
        offset += len(part)
    return spans


def guide_text(block: Block, language: Language, *, full: bool = False) -> Text:
    """The block's guiding text, in the one order (:func:`presentation.guide`).

    ``full`` adds the hints and the categories, for the zoomed view and the help screen.
    """
    text = Text()
    for entry in guide(block, language):
        text.append(entry.line() + "\n", style="" if entry.question else "italic")
    if full:
        for hint in block.hints:
            text.append("\n" + hint(language) + "\n", style="italic")
        if block.categories:
            text.append("\n")
            if block.categories_heading:
                text.append(block.categories_heading(language) + "\n", style="bold")
            for category in block.categories:
                text.append(f"  · {category.label(language)}\n")
    text.rstrip()
    return text


def guide_lines(block: Block, language: Language, width: int) -> list[list[Text]]:
    """The guide wrapped to ``width``, entry by entry (a question's later lines hang under
    its text, after the ``?``)."""
    entries = []
    for entry in guide(block, language):
        text = Text(entry.line(), style="" if entry.question else "italic")
        indent = HANGING_INDENT if entry.question else 0
        entries.append(wrap_text(text, width, indent, language=language))
    return entries


def fitted_guide(block: Block, language: Language, width: int, height: int) -> list[Text]:
    """The guide in ``width`` x ``height`` cells: whole entries, never one cut silently.

    What does not fit is marked with "…" on a line of its own; where not even one entry
    fits beside that line, the first entry is shown as far as it goes, its last line
    ending in "…" (after a space where the entry ends there whole).
    """
    entries = guide_lines(block, language, width)
    lines = [line for entry in entries for line in entry]
    if len(lines) <= height or height <= 0:
        return lines[: max(height, 0)]
    kept: list[Text] = []
    for entry in entries:
        if len(kept) + len(entry) > height - 1:
            break
        kept += entry
    if kept:
        return [*kept, Text(ELLIPSIS, style="dim")]
    kept = lines[:height]
    last = kept[-1].copy()
    last.rstrip()
    if height == len(entries[0]) and last.cell_len + 2 <= width:
        last.append(f" {ELLIPSIS}", style="dim")
    else:
        last.truncate(max(width - 1, 0))
        last.append(ELLIPSIS, style="dim")
    return [*kept[:-1], last]


def fitted_run(
    head: Text,
    parts: list[str],
    width: int,
    height: int,
    *,
    language: Language | None = None,
    separator: str = "  ",
) -> Text:
    """``head`` then ``parts`` (sentences) run together, wrapped to ``width`` x ``height``:
    as many whole parts as fit, and " …" where some are left out; never a silent cut.

    For the hint line under the canvas, which runs the focused block's guide together (or,
    with ``separator`` " " and words for parts, the first words of the selected item's note).
    """
    width, height = max(width, 1), max(height, 1)
    for count in range(len(parts), -1, -1):
        text = head.copy()
        text.append(separator.join(parts[:count]))
        if count < len(parts):
            text.append(f" {ELLIPSIS}" if count else ELLIPSIS, style="dim")
        lines = wrap_text(text, width, 0, language=language)
        if len(lines) <= height:
            return Text("\n").join(lines)
    kept = lines[:height]
    last = kept[-1]
    last.truncate(max(width - 1, 0))
    last.append(ELLIPSIS, style="dim")
    return Text("\n").join(kept)
