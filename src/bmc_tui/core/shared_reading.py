"""Reading several versions of one canvas, each item they share parsed and validated once.

A three-way merge reads three versions of one canvas (base, ours, theirs) and a diff reads two;
nearly every item is written the same in all of them. ``tomllib`` is pure Python here and was
most of what such a command did: on 10,000 items, reading the three files took longer than
everything else together. A :class:`SharedReader` reads each file in pieces, one per
``[[block]]`` table, and parses a piece it has already seen (in this file or an earlier one)
only once: ``tomllib.loads`` is a pure function of its text, so the same text gives the same
data. The table an item's piece gives is then one object in every file that has the piece,
and Pydantic validates it into an ``Item`` once (:meth:`SharedReader.validate`).

What :meth:`SharedReader.loads` returns is exactly what ``tomllib.loads`` gives for the whole
file, or the file is read whole by ``tomllib.loads`` (for its result, or the error with its
line and column). Why the pieces add up to the whole:

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

Anything else (a hand-written file with odd headers) is simply read whole.

Headless: imports nothing from Textual.
"""

from __future__ import annotations

import re
import tomllib
from typing import Any

from pydantic import TypeAdapter, ValidationError

from bmc_tui.core.catalogue import BLOCKS
from bmc_tui.core.model import CanvasFile, Item, _CanvasFileBase

#: Where a piece starts: before each line that begins an array-of-tables header.
_PIECE_START = re.compile(r"^(?=\[\[)", re.MULTILINE)


class _NotInPieces(Exception):
    """The file is not made of pieces whose data adds up to the whole; read it whole."""


class SharedReader:
    """``tomllib.loads`` and the canvas file's validation for files that share items.

    Keep one reader for the files of one command (a merge's three, a diff's two): it keeps
    the data of every piece it has read, and the item validated from each table.
    """

    def __init__(self) -> None:
        self._pieces: dict[str, tuple[str, list[Any]]] = {}
        #: id of an item's table -> the table (which keeps the id its own) and its item.
        self._items: dict[int, tuple[dict[str, Any], Item]] = {}
        self._item_list: TypeAdapter[list[Item]] = TypeAdapter(list[Item])

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

    def validate(self, raw: dict[str, Any]) -> _CanvasFileBase:
        """``CanvasFile.model_validate(raw)``, with each item table Pydantic has not yet
        validated validated once (a table shared with an earlier file is the same object).

        The file itself is validated as ever, with its items as they came out: Pydantic takes
        a validated ``Item`` as it is, so the result is the one validating ``raw`` gives. When
        anything fails, ``raw`` is validated as it is, so the errors, and their places in
        this file, are the ones it always gave.
        """
        new: dict[int, dict[str, Any]] = {}
        for block in BLOCKS:
            tables = raw.get(block.id.value)
            if tables is None:
                continue
            if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
                return CanvasFile.model_validate(raw)
            new.update((id(table), table) for table in tables if id(table) not in self._items)
        try:
            items = self._item_list.validate_python(list(new.values()))
            for table, item in zip(new.values(), items, strict=True):
                self._items[id(table)] = (table, item)
            shaped = dict(raw)
            for block in BLOCKS:
                if block.id.value in raw:
                    shaped[block.id.value] = [self._items[id(t)][1] for t in raw[block.id.value]]
            return CanvasFile.model_validate(shaped)
        except ValidationError:
            return CanvasFile.model_validate(raw)  # raises, with this file's places

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
