"""Reading several canvas files that share most of their items, each shared item read once.

A three-way merge reads three versions of one canvas (base, ours, theirs) and a diff reads two;
nearly every item is written the same in all of them. ``tomllib`` is pure Python here and was
most of what such a command did: on 10,000 items, reading the three files took longer than
everything else together. A :class:`SharedTomlReader` reads each file in pieces, one per
``[[block]]`` table, and reads a piece it has already seen (in this file or an earlier one)
only once: ``tomllib.loads`` is a pure function of its text, so the same text gives the same
data.

What comes back is exactly what ``tomllib.loads`` gives for the whole file, or the file is read
whole by ``tomllib.loads`` (for its result, or the error with its line and column). Why the
pieces add up to the whole:

* A file is cut before each line that starts with ``[[``. Each piece is read on its own, and
  the first one from the start of the file, so reading it goes exactly as reading the whole
  file does until the piece ends; a piece that ends inside a multi-line string or array
  therefore fails to parse (the string or array is left open), and the file is read whole.
  So when every piece parses, every cut is between two statements, and each piece after the
  first starts with an array-of-tables header as the whole file would read it.
* Each piece after the first must give exactly ``{name: [tables]}``: a top-level array of
  tables and nothing else (no ``[other]`` table, no dotted ``[[a.b]]``). The whole file would
  append those tables to ``name``'s array, which ``tomllib`` starts afresh for each ``[[name]]``
  header (no flag of an earlier table carries over), so they come out the same.
* The first piece (format version and ``[canvas]``) must not define any of those names: the
  whole file would refuse ``[[name]]`` after a ``name`` that is no array of tables.

Anything else (a hand-written file with odd headers) is simply read whole. Pydantic then
validates every file's data in full, as it does for a file read alone.

Headless: imports nothing from Textual.
"""

from __future__ import annotations

import re
import tomllib
from typing import Any

#: Where a piece starts: before each line that begins an array-of-tables header.
_PIECE_START = re.compile(r"^(?=\[\[)", re.MULTILINE)


class _NotInPieces(Exception):
    """The file is not made of pieces whose data adds up to the whole; read it whole."""


class SharedTomlReader:
    """``tomllib.loads`` for files that share pieces: see the module docstring.

    Keep one reader for the files of one command (a merge's three, a diff's two): it keeps
    the data of every piece it has read.
    """

    def __init__(self) -> None:
        self._pieces: dict[str, tuple[str, list[Any]]] = {}

    def loads(self, text: str) -> dict[str, Any]:
        """What ``tomllib.loads(text)`` returns, or raises (it is what runs when in doubt).

        Tables shared with other files are the same objects in each result: the data is
        read, never changed.
        """
        pieces = _PIECE_START.split(text)
        if len(pieces) > 2:  # a header and more than one table: something may be shared
            try:
                return self._combined(pieces)
            except (_NotInPieces, tomllib.TOMLDecodeError, RecursionError):
                pass
        return tomllib.loads(text)

    def _combined(self, pieces: list[str]) -> dict[str, Any]:
        data = tomllib.loads(pieces[0])
        header_keys = set(data)
        arrays: dict[str, list[Any]] = {}
        for piece in pieces[1:]:
            known = self._pieces.get(piece)
            if known is None:
                known = self._pieces[piece] = _array_of_tables(tomllib.loads(piece))
            name, tables = known
            if name in header_keys:
                raise _NotInPieces(name)
            array = arrays.get(name)
            if array is None:
                array = arrays[name] = data[name] = []
            array.extend(tables)
        return data


def _array_of_tables(data: dict[str, Any]) -> tuple[str, list[Any]]:
    """A piece's only key and its tables, when that is all the piece holds."""
    if len(data) != 1:
        raise _NotInPieces(list(data))
    ((name, tables),) = data.items()
    if not isinstance(tables, list) or not all(isinstance(table, dict) for table in tables):
        raise _NotInPieces(name)
    return name, tables
