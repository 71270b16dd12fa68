"""How an item reads on screen: one line of text with its markers, as a Rich ``Text``.

Shared by the editor's panes and the zoom view so an item looks the same everywhere. Built
from ``Text`` objects, never from markup strings, so a ``[bold]`` a user typed stays text.
Meaning never rests on colour alone: a note has a marker, a tag its ``#``, a segment link its
glyph.
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping

from rich.text import Text

from bmc_tui.core.catalogue import Block, BlockId, Language
from bmc_tui.core.model import Item
from bmc_tui.core.textsafe import terminal_text

#: Sixteen-colour friendly: these survive a terminal with the basic ANSI palette.
TAG_COLOURS = ("cyan", "magenta", "yellow", "green", "blue", "red")
#: One shape per customer segment, so a link is visible without colour too.
SEGMENT_GLYPHS = "●▲■◆★✚"
NOTE_MARKER = "✎"


def tag_colour(tag: str) -> str:
    """The same tag has the same colour in every pane and every session (a stable hash)."""
    return TAG_COLOURS[zlib.crc32(tag.encode()) % len(TAG_COLOURS)]


def segment_mark(position: int) -> tuple[str, str]:
    """The glyph and colour of the customer segment at ``position``."""
    glyph = SEGMENT_GLYPHS[position % len(SEGMENT_GLYPHS)]
    if position >= len(SEGMENT_GLYPHS):
        glyph += str(position // len(SEGMENT_GLYPHS) + 1)
    return glyph, TAG_COLOURS[position % len(TAG_COLOURS)]


def item_line(
    item: Item,
    block: Block,
    language: Language,
    segment_tags: Mapping[str, int],
    *,
    show_note: bool = False,
) -> Text:
    line = Text()
    line.append("• ", style="dim")
    if block.id == BlockId.CUSTOMER_SEGMENTS:
        for tag in item.tags:
            position = segment_tags.get(tag)
            if position is not None:
                glyph, colour = segment_mark(position)
                line.append(f"{glyph} ", style=f"bold {colour}")
                break
    line.append(terminal_text(item.text))
    if item.has_note:
        line.append(f" {NOTE_MARKER}", style="bold")
    if item.category:
        category = block.category(item.category)
        if category is not None:
            label = category.label(language) if show_note else category.short_label(language)
            line.append(f" [{label}]", style="italic")
    for tag in item.tags:
        position = segment_tags.get(tag)
        if position is not None:
            glyph, colour = segment_mark(position)
            line.append(" ")
            line.append(f"{glyph}{tag}", style=colour)
        else:
            # The space stays unstyled, so a selected (reversed) line shows no coloured gap.
            line.append(" ")
            line.append(f"#{tag}", style=tag_colour(tag))
    if show_note and item.has_note:
        for note_line in item.note.rstrip("\n").split("\n"):
            line.append("\n    ")
            line.append(terminal_text(note_line), style="dim")
    return line


def guide_text(block: Block, language: Language, *, full: bool = False) -> Text:
    """The block's guiding text: its questions, or its introduction where it has none.

    ``full`` adds the hints and the categories, for the zoomed view and the help screen.
    """
    guide = Text()
    if block.intro and (full or not block.questions):
        guide.append(block.intro(language) + "\n", style="italic")
    for question in block.questions:
        guide.append(f"? {question(language)}\n")
    if full:
        for hint in block.hints:
            guide.append("\n" + hint(language) + "\n", style="italic")
        if block.categories:
            guide.append("\n")
            if block.categories_heading:
                guide.append(block.categories_heading(language) + "\n", style="bold")
            for category in block.categories:
                guide.append(f"  · {category.label(language)}\n")
    guide.rstrip()
    return guide
