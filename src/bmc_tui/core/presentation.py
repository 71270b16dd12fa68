"""How a canvas is presented: one vocabulary for the editor, ``show``, ``export`` and ``diff``.

A block's heading, which title fits a box, how a customer segment is marked and coloured,
the note marker, how long a category label is, the order of a block's guiding text, the
header's labels and Markdown escaping are decided here, once. The renderers only lay
things out; none imports another, so two of them can no longer drift apart (they did:
segment 1 was magenta in the editor and green in ``show``, a note was ``✎`` in one and
``+`` in the other).

Plain strings and names only: no Rich renderables and no Textual, so the Markdown and HTML
exports and ``diff`` can use it as cheaply as the editor. Headless.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Mapping
from dataclasses import dataclass

from rich.cells import cell_len

from bmc_tui.core.catalogue import (
    STATUSES,
    STATUSES_BY_ID,
    Block,
    Language,
    StatusId,
    Text,
)
from bmc_tui.core.model import Canvas, Header
from bmc_tui.core.textsafe import displayable

# --- headings and titles ---------------------------------------------------------------------


def block_heading(block: Block, language: Language) -> str:
    """``"N Title"``: the number ties the block to the template a workshop prints."""
    return f"{block.number} {block.title(language)}"


#: A trailing explanation in brackets, as in "Value Propositions (Product / Service)".
_EXPLANATION = re.compile(r"\s*\([^)]*\)$")


def without_explanation(text: str) -> str:
    """``text`` without a trailing explanation in brackets ("Customised (modified, ...)" →
    "Customised"); ``text`` itself if that would leave nothing."""
    return _EXPLANATION.sub("", text) or text


def block_title(block: Block, language: Language, room: int | None = None) -> str:
    """The block's heading in ``room`` cells: the full title wherever it fits.

    Then the title without its bracketed explanation ("4 Value Propositions"), then the
    catalogue's short title ("4 Value Props", made to stay distinct in a pane 14 cells
    wide), and only where even that does not fit, the short title cut with "…". ``None``
    means there is room for anything (a page, a heading of its own).
    """
    for candidate in title_forms(block, language):
        if room is None or cell_len(candidate) <= room:
            return candidate
    assert room is not None  # with no limit, the full title was taken
    return cut(f"{block.number} {block.short_title(language)}", max(room, 1))


def title_forms(block: Block, language: Language) -> tuple[str, ...]:
    """The block's headings from longest to shortest, as :func:`block_title` tries them."""
    full = block.title(language)
    titles = dict.fromkeys((full, without_explanation(full), block.short_title(language)))
    return tuple(f"{block.number} {title}" for title in titles)


def cut(text: str, room: int) -> str:
    """``text`` in at most ``room`` cells, ending in "…" where it had to be cut."""
    if cell_len(text) <= room:
        return text
    kept = ""
    for char in text:
        if cell_len(kept + char) > room - 1:
            break
        kept += char
    return kept + ELLIPSIS


#: The mark of text that goes on beyond what is shown: never a silent cut.
ELLIPSIS = "…"

# --- markers and colours ---------------------------------------------------------------------

#: Sixteen-colour friendly: these survive a terminal with the basic ANSI palette.
TAG_COLOURS = ("cyan", "magenta", "yellow", "green", "blue", "red")


@dataclass(frozen=True, slots=True)
class SegmentMark:
    """How a customer segment is marked wherever it appears: on the segment's own item and
    on every tag that links an item to it. The glyph carries the meaning without colour."""

    glyph: str
    #: An ANSI colour name, for the editor and ``show``.
    colour: str
    #: The same colour as a light tint, for the poster's tag background.
    tint: str


#: One shape and one colour per customer segment, in the order the segments are listed.
_SEGMENT_PALETTE = (
    ("●", "cyan", "#cffafe"),
    ("▲", "magenta", "#fae8ff"),
    ("■", "yellow", "#fef9c3"),
    ("◆", "green", "#dcfce7"),
    ("★", "blue", "#dbeafe"),
    ("✚", "red", "#fee2e2"),
)
#: What stands for a shape where the output cannot encode it (followed by the number).
SEGMENT_ASCII = "@"


def segment_mark(position: int, *, ascii_only: bool = False) -> SegmentMark:
    """The mark of the customer segment at ``position`` (0 for the first).

    Past the sixth segment the shapes repeat with a number ("●2"), so no two segments
    share a mark.
    """
    glyph, colour, tint = _SEGMENT_PALETTE[position % len(_SEGMENT_PALETTE)]
    if ascii_only:
        glyph = f"{SEGMENT_ASCII}{position + 1}"
    elif position >= len(_SEGMENT_PALETTE):
        glyph += str(position // len(_SEGMENT_PALETTE) + 1)
    return SegmentMark(glyph, colour, tint)


def tag_colour(tag: str) -> str:
    """The same tag has the same colour in every pane and every session (a stable hash)."""
    return TAG_COLOURS[zlib.crc32(tag.encode()) % len(TAG_COLOURS)]


def tag_label(tag: str, segments: Mapping[str, int], *, ascii_only: bool = False) -> str:
    """A tag as shown beside an item: ``#tag``, or the segment's mark for a segment's tag."""
    position = segments.get(tag)
    if position is None:
        return f"#{displayable(tag)}"
    return f"{segment_mark(position, ascii_only=ascii_only).glyph}{displayable(tag)}"


#: What starts an item in a list, and its stand-in where the output cannot encode it.
BULLET = "•"
BULLET_ASCII = "*"


def bullet(*, ascii_only: bool = False) -> str:
    return BULLET_ASCII if ascii_only else BULLET


#: Shown after an item that has a note: there is more to read (zoom shows it).
NOTE_MARKER = "✎"
#: The note marker where the output cannot encode ``✎``.
NOTE_MARKER_ASCII = "+"


def note_marker(*, ascii_only: bool = False) -> str:
    return NOTE_MARKER_ASCII if ascii_only else NOTE_MARKER


# --- an item's status (issue 14) --------------------------------------------------------------
# The statuses themselves (ids, words, markers, colours) are data in the catalogue; here is
# how every view writes them, so the pane, ``show``, the exports and the summary agree.


def status_marker(status: StatusId, *, ascii_only: bool = False) -> str:
    """The status's marker (``✓``), or its ASCII stand-in where the output needs one."""
    entry = STATUSES_BY_ID[status]
    return entry.ascii_marker if ascii_only else entry.marker


def status_label(status: StatusId, language: Language, *, ascii_only: bool = False) -> str:
    """Marker and word: ``✓ validated`` (``v validated`` in ASCII)."""
    return (
        f"{status_marker(status, ascii_only=ascii_only)} {STATUSES_BY_ID[status].label(language)}"
    )


def status_counts_text(
    counts: dict[StatusId, int], language: Language, *, short: bool = False
) -> str:
    """The counts of a canvas's statuses in one line, every status named.

    ``"18 untested · 3 testing · 4 validated · 1 invalidated"``; ``short`` gives the markers
    in place of the words (``"?18 ~3 ✓4 ✗1"``), for a line with little room.
    """
    if short:
        return " ".join(f"{status.marker}{counts.get(status.id, 0)}" for status in STATUSES)
    return " · ".join(f"{counts.get(status.id, 0)} {status.label(language)}" for status in STATUSES)


def status_names(language: Language) -> str:
    """Every status's name, in the catalogue's order: "untested, testing, ..."."""
    return ", ".join(status.label(language) for status in STATUSES)


def status_legend(language: Language) -> str:
    """Every status with its marker and digit, for the help screen and the dialog."""
    return ", ".join(
        f"{status.number} {status.marker} {status.label(language)}" for status in STATUSES
    )


def shows_status(canvas: Canvas) -> bool:
    """Whether a view shows every item's status: once the canvas uses statuses at all.

    A canvas that never set one reads as it always did; one that tracks its assumptions
    marks its guesses (``?``) as plainly as what has been validated.
    """
    return canvas.uses_status()


# --- category labels -------------------------------------------------------------------------

#: A column narrower than this many cells shows a category's short label ("Economy"); a
#: wider one the label without its bracketed explanation ("Optimisation and economy").
ROOMY_COLUMN = 50


def category_label(
    block: Block, category_id: str, language: Language, width: int | None = None
) -> str:
    """An item's category in the words its room allows: short where room is short.

    ``width`` is the column the item is shown in, in cells (a pane, a box of ``show``);
    ``None`` means text that flows across a page (Markdown, the zoomed block), which gets
    the catalogue's whole label. An id the catalogue does not know is shown as it is.
    """
    category = block.category(category_id)
    if category is None:
        return displayable(category_id)
    if width is None:
        return category.label(language)
    if width < ROOMY_COLUMN:
        return category.short_label(language)
    return without_explanation(category.label(language))


# --- a block's guiding text ------------------------------------------------------------------

#: What starts a question in a guide, so it reads as a question without colour.
QUESTION_PREFIX = "? "


@dataclass(frozen=True, slots=True)
class GuideEntry:
    text: str
    question: bool

    def line(self) -> str:
        """The entry as one line of text, questions with their ``?``."""
        return f"{QUESTION_PREFIX}{self.text}" if self.question else self.text


def guide(block: Block, language: Language) -> tuple[GuideEntry, ...]:
    """What the template asks of a block: its questions first, then its introduction.

    The questions are what a person answers on the canvas, so they lead wherever room is
    short (a pane, an empty box of ``show``, the poster); the introduction says what the
    block is about, and leads only where a block asks no question (Key Activities). Every
    view that shows guidance shows this order; one with room for a single line shows the
    first entry (:func:`guide_lead`).
    """
    entries = [GuideEntry(question(language), True) for question in block.questions]
    if block.intro:
        entries.append(GuideEntry(block.intro(language), False))
    return tuple(entries)


def guide_lead(block: Block, language: Language) -> str:
    """The first thing the template says of a block, for a view with room for one line."""
    entries = guide(block, language)
    return entries[0].text if entries else ""


# --- the canvas header -----------------------------------------------------------------------

DESIGNED_FOR = Text("Designet til", "Designed for")
DESIGNED_BY = Text("Designet af", "Designed by")
DATE = Text("Dato", "Date")
VERSION = Text("Version", "Version")
#: What a canvas without a title is called, so an export never starts with an empty heading.
UNTITLED = Text("Business Model Canvas", "Business Model Canvas")


def header_fields(header: Header, language: Language) -> list[tuple[str, str]]:
    """The header's filled-in fields as (label, value) pairs, in the template's order.

    Values are made displayable here so no caller can forget to.
    """
    fields = [
        (DESIGNED_FOR, header.designed_for),
        (DESIGNED_BY, header.designed_by),
        (DATE, header.date.isoformat() if header.date else ""),
        (VERSION, header.version),
    ]
    return [(label(language), displayable(value)) for label, value in fields if value]


def canvas_title(header: Header, language: Language) -> str:
    return displayable(header.title) or UNTITLED(language)


# --- the grid --------------------------------------------------------------------------------


def row_heights(needs: Mapping[Block, int]) -> dict[int, int]:
    """Heights per grid row such that every block gets at least what it ``needs``.

    Blocks one row tall set each row's minimum first; a block spanning rows that still falls
    short then has the shortfall shared out over the rows it spans. ``bmc-tui show`` uses
    this for terminal lines, the poster for tenths of a millimetre.
    """
    heights = dict.fromkeys(sorted({row for block in needs for row in rows_of(block)}), 0)
    for block in sorted(needs, key=lambda b: b.place.row_span):
        rows = rows_of(block)
        missing = needs[block] - sum(heights[row] for row in rows)
        if missing > 0:
            share, extra = divmod(missing, len(rows))
            for offset, row in enumerate(rows):
                heights[row] += share + (1 if offset < extra else 0)
    return heights


def rows_of(block: Block) -> range:
    return range(block.place.row, block.place.row + block.place.row_span)


# --- Markdown --------------------------------------------------------------------------------

# Characters that Markdown (CommonMark and GitHub's dialect) may read as markup anywhere in a
# line: emphasis, code, links and images, raw HTML, tables, strikethrough, closing ``#``s of a
# heading; and an ``&`` only where it would start an entity (``&lt;``), so "R&D" stays as is.
_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~#]|&(?=#?\w+;))")
# What turns a line into a quote, heading, list item, rule or setext underline when it starts
# a line (most of them only when followed by a space).
_MD_LINE_START = re.compile(r"^(\s*)(>|[#+\-=*]+(?=\s|$)|\d+[.)](?=\s|$))")


def markdown_escape(text: str, *, line_start: bool = True) -> str:
    """``text`` as Markdown that renders exactly as written: every markup character escaped.

    ``line_start`` says the text begins a line (or a list item), where ``- ``, ``1. `` or
    ``> `` would start a block; text after a label on the same line needs no such escape.
    """
    escaped = _MD_INLINE.sub(r"\\\1", text)
    if not line_start:
        return escaped
    return _MD_LINE_START.sub(lambda m: f"{m[1]}{_escape_marker(m[2])}", escaped)


def _escape_marker(marker: str) -> str:
    if marker[0].isdigit():
        return f"{marker[:-1]}\\{marker[-1]}"
    return f"\\{marker}"
