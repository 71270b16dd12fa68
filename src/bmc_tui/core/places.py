"""Places in a canvas file: how a field path reads (``channels[0].text``), where it is in the
TOML text (LINE:COL), and a validation error said in one line.

A field path is what Pydantic calls an error's ``loc``: the block (or ``canvas``), the item's
index, the field. Validation (``storage``), lint findings (``check``), the command line and
the editor's notices all name places the same way through this module. Headless: imports
nothing from Textual.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise
from typing import Any

from pydantic import ValidationError

from bmc_tui.core.language import Language
from bmc_tui.core.problems import Refusal, describe

#: A ``[table]`` or ``[[array of tables]]`` header line, with an optional comment.
_TABLE_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_\-\"' .]+?)\s*(\]\]?)\s*(#.*)?$")


def shown_key(key: object) -> str:
    """A TOML key as it may be printed in a message: unlike values, keys are not checked for
    control characters, and an unknown key is echoed, so escape what a terminal would obey
    (``\\u001b``) rather than print it."""
    text = str(key)
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else f"\\u{ord(char):04x}" for char in text)


def dotted(path: Sequence[Any]) -> str:
    """How a field path reads to a person: ``channels[0].text``, ``canvas.title``."""
    out = ""
    for part in path:
        key = shown_key(part)
        out += f"[{part}]" if isinstance(part, int) else (f".{key}" if out else key)
    return out


def locate(text: str, path: Sequence[Any]) -> tuple[int | None, int | None]:
    """LINE and COLUMN (1-based) of a field path in a canvas file's TOML text, best effort.

    One look-up; to find many places in one text, build a ``PlaceIndex`` once and ask it.
    """
    return PlaceIndex(text).locate(path)


class PlaceIndex:
    """The tables of one canvas file's TOML text, read once, so that finding a place costs
    the size of its table, not of the file: ``check`` on a canvas of 10,000 items asks for
    thousands of places, and a scan of the whole text per place grew with the square."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        #: Line numbers (0-based) of every table header, in file order.
        self._headers: list[int] = []
        #: Each table name's header line numbers, in file order (``[[block]]`` repeats).
        self._tables: dict[str, list[int]] = {}
        #: For each header line, where its table ends (the next header, or the end).
        self._ends: dict[int, int] = {}
        for number, line in enumerate(self.lines):
            if "[" not in line:
                continue  # cheap test first: most lines are ``key = value``
            header = _TABLE_HEADER.match(line)
            if not header:
                continue
            self._headers.append(number)
            self._tables.setdefault(header[2].strip().strip("\"'"), []).append(number)
        for here, following in pairwise([*self._headers, len(self.lines)]):
            self._ends[here] = following

    def locate(self, path: Sequence[Any]) -> tuple[int | None, int | None]:
        """LINE and COLUMN (1-based) of a field path in the text, best effort.

        Follows the common shapes of a canvas file (``[canvas]``, ``[[block]]`` tables, plain
        ``key = value`` lines): the key's line when the table has it, else the table's header
        line; a path whose table cannot be found is tried as a top-level key
        (``format_version``, an array given inline). ``(None, None)`` when there is no such
        place at all.
        """
        if not path:
            return None, None
        lines = self.lines
        table, index, rest = str(path[0]), None, tuple(path[1:])
        if rest and isinstance(rest[0], int):
            index, rest = rest[0], rest[1:]
        key = str(rest[0]) if rest and not isinstance(rest[0], int) else None

        headers = self._tables.get(table, [])
        wanted = 0 if index is None else index
        found_table = 0 <= wanted < len(headers)
        if found_table:
            start = headers[wanted]
            end = self._ends[start]
        else:
            key, start = table, 0
            end = self._headers[0] if self._headers else len(lines)
        if key is not None:
            # A key may be written bare or quoted: ``id = ...`` or ``"id" = ...``.
            assignment = re.compile(rf"""["']?{re.escape(key)}["']?\s*=""")
            for number in range(start, end):
                stripped = lines[number].lstrip()
                if assignment.match(stripped):
                    return number + 1, len(lines[number]) - len(stripped) + 1
        if found_table:
            return start + 1, len(lines[start]) - len(lines[start].lstrip()) + 1
        return None, None


def detail_message(detail: Any, language: Language = "en") -> str:
    """The words of one Pydantic error detail (``core.problems`` says them)."""
    return describe(detail, language)


def first_problem(error: Exception, *, with_place: bool = True, language: Language = "en") -> str:
    """The first problem an error reports, as one line a person reads, in ``language``.

    For a Pydantic ``ValidationError``: ``place: what`` (``text: must not be empty``), or just
    what when ``with_place`` is false or the error has no place; a ``Refusal`` says itself in
    ``language``, any other error in its own words. The editor's notices, the header form,
    ``bmc-tui new`` and the merge all word it so.
    """
    if isinstance(error, ValidationError):
        details = error.errors(include_url=False)
        if details:
            message = detail_message(details[0], language)
            place = dotted(details[0].get("loc", ())) if with_place else ""
            return f"{place}: {message}" if place else message
    if isinstance(error, Refusal):
        return error.words(language)
    return str(error)
