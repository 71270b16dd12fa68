"""Word wrapping on plain strings, fast enough for ten thousand items.

The editor's item list needs every item's height to place its scroll thumb but draws only the
lines on screen; ``bmc-tui show`` prints every item. Both measure and split with this one
function, with a hanging indent under the bullet. Headless: imports nothing from Textual.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rich.cells import cell_len
from rich.text import Text

#: Continuation lines start under the item's text, not under its bullet.
HANGING_INDENT = 2


#: Text made only of characters Rich draws one cell wide (and newlines): Latin, Greek and
#: Cyrillic letters, punctuation (• – — …), currency, arrows, box drawing and shapes
#: (● ▲ ■ ◆) and the narrow dingbats (✎ ✓). Nearly every item's line matches; a test checks
#: every character of the class against Rich's own widths.
_one_cell_text = re.compile(
    "[\n\x20-\x7e\xa0-\u02ff\u0370-\u0482\u2010-\u2027\u2030-\u205e\u20a0-\u20c0"
    "\u2190-\u21ff\u2500-\u25fc\u25ff\u2700-\u2704\u2706-\u2709\u270c-\u2727]*"
).fullmatch


@lru_cache(maxsize=4096)
def _char_cells(char: str) -> int:
    return cell_len(char)


def wrap_offsets(text: str, width: int, indent: int = HANGING_INDENT) -> list[int]:
    """Where each line after the first starts, as offsets into ``text``.

    The first line is ``width`` cells wide, later ones ``width - indent``. Lines break after
    spaces; a word longer than a line is broken where the line ends. Explicit newlines
    always break.
    """
    if width <= indent + 1:
        indent = 0
    width = max(width, 1)
    if _one_cell_text(text):
        return _wrap_one_cell(text, width, indent)
    return _wrap_any(text, width, indent)


def _wrap_one_cell(text: str, width: int, indent: int) -> list[int]:
    """``wrap_offsets`` for text whose every character is one cell wide: a line at a time
    with string searches, instead of a character at a time (the editor measures every item
    of a canvas of thousands when it starts)."""
    breaks: list[int] = []
    length = len(text)
    line_start = 0
    available = width
    while True:
        limit = line_start + available  # the first character that does not fit
        newline = text.find("\n", line_start, limit + 1)
        if newline != -1:
            line_start = newline + 1
        elif limit >= length:
            return breaks
        elif text[limit] == " ":
            line_start = limit + 1  # a space at the end of a line is swallowed by the break
        else:
            space = text.rfind(" ", line_start, limit)
            # Never break right after the bullet: a lone "•" line says nothing.
            fence = line_start + (indent if line_start == 0 else 0)
            line_start = space + 1 if space >= fence else limit
        breaks.append(line_start)
        available = width - indent


def _wrap_any(text: str, width: int, indent: int) -> list[int]:
    breaks: list[int] = []
    line_start = 0
    available = width
    used = 0
    last_space = -1
    ascii_only = text.isascii()
    index = 0
    length = len(text)
    while index < length:
        char = text[index]
        if char == "\n":
            breaks.append(index + 1)
            line_start, used, last_space = index + 1, 0, -1
            available = width - indent
            index += 1
            continue
        cells = 1 if ascii_only else _char_cells(char)
        if used + cells > available and index > line_start:
            if char == " ":
                # A space at the end of a line is swallowed by the break.
                breaks.append(index + 1)
                line_start, used, last_space = index + 1, 0, -1
                available = width - indent
                index += 1
                continue
            # Never break right after the bullet: a lone "•" line says nothing.
            if last_space >= line_start + (indent if line_start == 0 else 0):
                index = last_space + 1
            breaks.append(index)
            line_start, used, last_space = index, 0, -1
            available = width - indent
            continue
        if char == " ":
            last_space = index
        used += cells
        index += 1
    return breaks


def line_count(text: str, width: int) -> int:
    return len(wrap_offsets(text, width)) + 1


def wrap_text(text: Text, width: int, indent: int = HANGING_INDENT) -> list[Text]:
    """``text`` split into lines of at most ``width`` cells, later lines indented."""
    return split_lines(text, wrap_offsets(text.plain, width, indent), width, indent)


def split_lines(
    text: Text, breaks: list[int], width: int, indent: int = HANGING_INDENT
) -> list[Text]:
    """``text`` split at ``breaks`` (from ``wrap_offsets`` at ``width``), later lines indented."""
    pieces = text.divide(breaks)
    lines: list[Text] = []
    for number, piece in enumerate(pieces):
        if number and width > indent + 1:
            piece = Text(" " * indent) + piece
        piece.rstrip_end(width)
        lines.append(piece)
    return lines
