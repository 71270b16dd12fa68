"""Word wrapping on plain strings, fast enough for ten thousand items.

The editor's item list needs every item's height to place its scroll thumb but draws only the
lines on screen; ``bmc-tui show`` prints every item. Both measure and split with this one
function, with a hanging indent under the bullet. Headless: imports nothing from Textual.

Lines break at spaces. A word longer than a whole line breaks where its language allows,
with a hyphen: the hyphenation dictionaries of ``pyphen`` (Danish and British English, the
LibreOffice ones) know that "Ladcykelproducent" breaks as "Ladcykel-pro-du-cent", which no
rule of our own would. Only a word with no break point at all is cut where the line ends.
Words that fit are never looked up, and the dictionary is loaded on the first long word, so
a canvas of short words pays nothing for it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Span, Text

if TYPE_CHECKING:
    from collections.abc import Callable

    import pyphen

    from bmc_tui.core.catalogue import Language

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


def is_one_cell(text: str) -> bool:
    """Whether every character of ``text`` is drawn one cell wide: its width is its length."""
    return _one_cell_text(text) is not None


@lru_cache(maxsize=4096)
def _char_cells(char: str) -> int:
    return cell_len(char)


#: A letter or a digit: where the words of an item start, after its bullet and markers.
_WORD = re.compile(r"\w")


def _first_word(text: str, indent: int) -> int:
    """Where the first line may first break: not before the item's first word, so the
    markers in front of it (the bullet, a segment's shape) stay with a word; and never
    inside the first ``indent`` cells."""
    found = _WORD.search(text)
    return max(indent, found.start()) if found else indent


class HyphenBreak(int):
    """A line break inside a word, at a hyphenation point: the line before it ends in "-".

    An ``int`` like every other break, so code that only counts or bisects lines needs no
    change; :func:`split_lines` adds the hyphen.
    """


#: The hyphenation dictionary for each language the product speaks.
HYPHENATION_DICTIONARIES: dict[str, str] = {"da": "da_DK", "en": "en_GB"}


@lru_cache(maxsize=4)
def _dictionary(language: str) -> pyphen.Pyphen:
    # On the first long word only: many canvases never need it. Parsed once per machine.
    from bmc_tui.core.hyphenation import dictionary

    return dictionary(HYPHENATION_DICTIONARIES[language])


@lru_cache(maxsize=8192)
def hyphenation_points(word: str, language: str) -> tuple[int, ...]:
    """Where ``word`` may break, as offsets into it: its hyphenation points, and the place
    after a hyphen it already has ("booking-|system")."""
    points = {int(point) for point in _dictionary(language).positions(word)}
    points.update(index + 1 for index, char in enumerate(word[:-1]) if char in "-‐")
    return tuple(sorted(point for point in points if 0 < point < len(word)))


def _inside_word(
    text: str,
    word_start: int,
    line_start: int,
    available: int,
    language: Language,
    measure: Callable[[str], int],
) -> int | None:
    """The last hyphenation point of the word at ``word_start`` that leaves the line (from
    ``line_start``, ``available`` cells) room for its hyphen; ``None`` if there is none."""
    end = word_start
    while end < len(text) and text[end] not in " \n":
        end += 1
    for point in reversed(hyphenation_points(text[word_start:end], language)):
        at = word_start + point
        if text[at - 1] in "-‐":
            if measure(text[line_start:at]) <= available:
                return at
        elif measure(text[line_start:at]) + 1 <= available:
            return HyphenBreak(at)
    return None


def wrap_offsets(
    text: str, width: int, indent: int = HANGING_INDENT, *, language: Language | None = None
) -> list[int]:
    """Where each line after the first starts, as offsets into ``text``.

    The first line is ``width`` cells wide, later ones ``width - indent``. Lines break after
    spaces; a word longer than a line breaks at a hyphenation point of ``language`` (a
    :class:`HyphenBreak`), and where it has none, or no language is given, where the line
    ends. Explicit newlines always break.
    """
    if width <= indent + 1:
        indent = 0
    width = max(width, 1)
    if _one_cell_text(text):
        return _wrap_one_cell(text, width, indent, language)
    return _wrap_any(text, width, indent, language)


def _wrap_one_cell(
    text: str, width: int, indent: int, language: Language | None = None
) -> list[int]:
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
            # Never break before the first word: a lone "•" or "• ●" line says nothing.
            fence = _first_word(text, indent) if line_start == 0 else line_start
            if space >= fence:
                line_start = space + 1
            else:
                # A word longer than the line: break it where its language allows.
                inside = None
                if language is not None:
                    word = max(space + 1, line_start)
                    inside = _inside_word(text, word, line_start, available, language, len)
                line_start = limit if inside is None else inside
        breaks.append(line_start)
        available = width - indent


def _wrap_any(text: str, width: int, indent: int, language: Language | None = None) -> list[int]:
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
            # Never break before the first word: a lone "•" or "• ●" line says nothing.
            if last_space >= (_first_word(text, indent) if line_start == 0 else line_start):
                index = last_space + 1
            elif language is not None:
                # A word longer than the line: break it where its language allows.
                word = max(last_space + 1, line_start)
                measure = len if ascii_only else cell_len
                inside = _inside_word(text, word, line_start, available, language, measure)
                index = index if inside is None else inside
            breaks.append(index)
            line_start, used, last_space = index, 0, -1
            available = width - indent
            continue
        if char == " ":
            last_space = index
        used += cells
        index += 1
    return breaks


def line_count(text: str, width: int, *, language: Language | None = None) -> int:
    return len(wrap_offsets(text, width, language=language)) + 1


def wrap_text(
    text: Text, width: int, indent: int = HANGING_INDENT, *, language: Language | None = None
) -> list[Text]:
    """``text`` split into lines of at most ``width`` cells, later lines indented."""
    breaks = wrap_offsets(text.plain, width, indent, language=language)
    return split_lines(text, breaks, width, indent)


def split_lines(
    text: Text, breaks: list[int], width: int, indent: int = HANGING_INDENT
) -> list[Text]:
    """``text`` split at ``breaks`` (from ``wrap_offsets`` at ``width``), later lines indented."""
    pieces = text.divide(breaks)
    lines: list[Text] = []
    for number, piece in enumerate(pieces):
        if number < len(breaks) and isinstance(breaks[number], HyphenBreak):
            _add_hyphen(piece)
        if piece.plain.endswith("\n"):
            # An explicit newline ended this line (a note drawn whole): the break is the
            # line itself; the character would be drawn as a line of its own.
            piece.right_crop(1)
        if number and width > indent + 1:
            if piece.style:  # the indent stays outside the piece's own style
                piece = Text(" " * indent) + piece
            else:  # the same line, without copying it (show wraps 10,000 items this way)
                piece.pad_left(indent)
        piece.rstrip_end(width)
        lines.append(piece)
    return lines


def _add_hyphen(piece: Text) -> None:
    """End ``piece`` with a hyphen styled as the letter before it (an italic label's hyphen
    is italic too)."""
    end = len(piece)
    piece.append("-")
    piece.spans[:] = [
        Span(span.start, end + 1, span.style) if span.end == end else span for span in piece.spans
    ]
