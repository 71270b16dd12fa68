"""The JSON Schema of a canvas file, for TOML editors that check a file as it is typed.

Taplo (its CLI, and the Even Better TOML extension and LSP built on it) reads this schema.
It says as much about a file's shape as JSON Schema can: each block's own item schema, with
that block's categories or none at all; the header's fields; and for every text the same
characters, stripping and lengths that ``validate`` enforces.

One promise holds it together: **whatever this schema rejects, ``validate`` rejects too** (a
test proves it). Where the model's rule cannot be said exactly, the schema is the looser of
the two: a note's length counts a CRLF as one character after it becomes a newline, so a note
holding a carriage return is not length-checked here. What the schema cannot say at all
(item ids unique across blocks) is left to ``validate``.

Patterns use no ``\\w``, ``\\s`` or ``\\d``: their meaning differs between ECMA-262 (ASCII
only; what Taplo implements), Python and Rust (Pydantic's engine). Each character class is
spelt out with ``\\xHH`` and ``\\uHHHH`` escapes, built from the model's own rules, so every
engine reads the same set.

Headless: imports nothing from Textual.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from functools import cache
from typing import Any

from bmc_tui.core.catalogue import BLOCKS, DEFAULT_STATUS, STATUSES
from bmc_tui.core.model import (
    FORMAT_VERSION,
    ISO_DATE_PATTERN,
    MAX_HEADER_LENGTH,
    MAX_NOTE_LENGTH,
    MAX_TAG_LENGTH,
    MAX_TEXT_LENGTH,
    TAG_PATTERN,
    CanvasFile,
)
from bmc_tui.core.textsafe import is_forbidden

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

#: Header fields holding one line of text, stripped (``HeaderText`` in the model).
HEADER_LINES = ("title", "designed_for", "designed_by", "version")
#: Fields holding free text that may span lines (``NoteText`` in the model).
HEADER_NOTES = ("description",)
#: Every field the schema rewrites; a test checks that no text field of the model is missing.
HEADER_FIELDS = (*HEADER_LINES, *HEADER_NOTES, "date", "language", "lint_disable")
ITEM_FIELDS = ("id", "text", "category", "status", "tags", "note")

_SURROGATES = range(0xD800, 0xE000)


def _code_points() -> Iterable[int]:
    """Every character a TOML string can hold (surrogates cannot appear in one)."""
    return (cp for cp in range(sys.maxunicode + 1) if cp not in _SURROGATES)


@cache
def _whitespace() -> frozenset[int]:
    """What ``str.strip()`` removes: the model strips one-line texts before checking them."""
    return frozenset(cp for cp in _code_points() if chr(cp).isspace())


@cache
def _forbidden() -> frozenset[int]:
    """Characters no one-line text may hold, as the model decides."""
    return frozenset(cp for cp in _code_points() if is_forbidden(chr(cp)))


def _escaped(cp: int) -> str:
    if chr(cp).isascii() and chr(cp).isalnum():
        return chr(cp)
    if cp > 0xFFFF:  # pragma: no cover - every class built here lies in the BMP
        raise ValueError(f"U+{cp:X} cannot be written as \\uHHHH")
    return f"\\x{cp:02x}" if cp < 0x100 else f"\\u{cp:04x}"


def char_class(code_points: Iterable[int], *, negated: bool = False) -> str:
    """A regex character class of exactly these characters (or all others), as ranges."""
    points = sorted(set(code_points))
    parts: list[str] = []
    index = 0
    while index < len(points):
        end = index
        while end + 1 < len(points) and points[end + 1] == points[end] + 1:
            end += 1
        first, last = points[index], points[end]
        parts.append(_escaped(first) if first == last else f"{_escaped(first)}-{_escaped(last)}")
        index = end + 1
    return f"[{'^' if negated else ''}{''.join(parts)}]"


def stripped_text_pattern(max_length: int, *, required: bool) -> str:
    """One line of text that the model strips, then checks: non-empty when ``required``, at
    most ``max_length`` characters, no forbidden character.

    Exact: leading and trailing whitespace (which ``strip`` removes, control characters such
    as a tab included) is allowed; the text between, from its first to its last character
    that is not whitespace, is what is counted and checked.
    """
    space = char_class(_whitespace())
    inner = char_class(_forbidden(), negated=True)
    edge = char_class(_forbidden() | _whitespace(), negated=True)
    body = f"{edge}(?:{inner}{{0,{max_length - 2}}}{edge})?"
    if not required:
        body = f"(?:{body})?"
    return f"^{space}*{body}{space}*$"


def note_pattern() -> str:
    """Free text: newlines allowed, and a carriage return too (the model turns it into one)."""
    allowed = char_class(_forbidden() - {ord("\n"), ord("\r")}, negated=True)
    return f"^{allowed}*$"


def tag_pattern() -> str:
    """A tag, stripped, then matched against the model's ``TAG_PATTERN``.

    ``TAG_PATTERN`` uses ``\\w``, which for Pydantic means any Unicode letter, digit or mark,
    but for Taplo only ASCII: spelt as it is, Danish tags such as ``kunder-ø`` would be
    refused in the editor. So the ASCII characters are taken from the pattern itself and any
    other character that is neither whitespace nor forbidden is let through; ``validate``
    decides the rest.
    """
    ascii_points = range(0x80)
    first = {cp for cp in ascii_points if not re.fullmatch(TAG_PATTERN, chr(cp))}
    rest = {cp for cp in ascii_points if not re.fullmatch(TAG_PATTERN, "a" + chr(cp))}
    shut = _forbidden() | _whitespace()
    space = char_class(_whitespace())
    head = char_class(shut | first, negated=True)
    tail = char_class(shut | rest, negated=True)
    return f"^{space}*{head}{tail}{{0,{MAX_TAG_LENGTH - 1}}}{space}*$"


def _line(max_length: int, *, required: bool) -> dict[str, Any]:
    return {"type": "string", "pattern": stripped_text_pattern(max_length, required=required)}


def _note() -> dict[str, Any]:
    # The length is checked after CRLF becomes LF; with a CR in it, leave it to validate.
    return {
        "type": "string",
        "pattern": note_pattern(),
        "anyOf": [{"maxLength": MAX_NOTE_LENGTH}, {"pattern": "\\x0d"}],
    }


def _keep(field: dict[str, Any], *keys: str) -> dict[str, Any]:
    """The parts of Pydantic's field schema worth keeping: its title, description, default."""
    return {key: field[key] for key in ("title", "description", *keys) if key in field}


def _header(pydantic_header: dict[str, Any]) -> dict[str, Any]:
    fields = pydantic_header["properties"]
    properties: dict[str, Any] = {}
    for name in HEADER_FIELDS:
        field = fields[name]
        if name in HEADER_LINES:
            properties[name] = {
                **_keep(field, "default"),
                **_line(MAX_HEADER_LENGTH, required=False),
            }
        elif name in HEADER_NOTES:
            properties[name] = {**_keep(field, "default"), **_note()}
        elif name == "date":
            properties[name] = {
                **_keep(field),
                "description": "The date of this version of the canvas, YYYY-MM-DD.",
                "type": "string",
                "format": "date",
                "pattern": ISO_DATE_PATTERN,
            }
        elif name == "lint_disable":
            properties[name] = {
                **_keep(field, "default"),
                "type": "array",
                "items": _line(MAX_HEADER_LENGTH, required=False),
            }
        else:
            properties[name] = field
    return {
        **_keep(pydantic_header),
        "type": "object",
        "additionalProperties": False,
        "properties": properties,
    }


def _item(pydantic_item: dict[str, Any], block_index: int) -> dict[str, Any]:
    block = BLOCKS[block_index]
    fields = pydantic_item["properties"]
    properties: dict[str, Any] = {
        "id": fields["id"],
        "text": {**_keep(fields["text"]), **_line(MAX_TEXT_LENGTH, required=True)},
    }
    # Listed even where a block has no categories, with nothing allowed: Taplo then says
    # once `"bogus" is not one of []`, and hovering the key says why, where leaving it out
    # would repeat "Additional properties are not allowed" once for every key of the item.
    properties["category"] = {
        "title": "Category",
        "description": "; ".join(f"{c.id}: {c.label.en}" for c in block.categories)
        if block.categories
        else f"{block.title.en} has no categories: leave `category` out.",
        "enum": [c.id for c in block.categories],
    }
    # The statuses from the catalogue (Pydantic's own schema of the enum is a $ref).
    properties["status"] = {
        **_keep(fields["status"]),
        "enum": [status.id.value for status in STATUSES],
        "default": DEFAULT_STATUS.value,
    }
    tags = fields["tags"]
    properties["tags"] = {
        **_keep(tags, "default", "maxItems"),
        "type": "array",
        "uniqueItems": True,
        "items": {"type": "string", "pattern": tag_pattern()},
    }
    properties["note"] = {**_keep(fields["note"], "default"), **_note()}
    name = f"Item_{block.id.value}"
    return {
        "title": name,
        "description": f"One idea in {block.title.en}: a line of text, with an optional "
        + ("note, category, status and tags." if block.categories else "note, status and tags."),
        "type": "object",
        "additionalProperties": False,
        "properties": properties,
        "required": ["text"],
    }


def canvas_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a canvas file; the same program gives the same
    schema, key for key, so a written schema file changes only when the format does."""
    pydantic = CanvasFile.model_json_schema()
    defs = pydantic["$defs"]
    schema: dict[str, Any] = {
        "$schema": SCHEMA_DIALECT,
        "title": "bmc-tui canvas",
        "description": pydantic.get("description", ""),
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "format_version": {
                **pydantic["properties"]["format_version"],
                "maximum": FORMAT_VERSION,
            },
            "canvas": {"$ref": "#/$defs/Header"},
        },
        "$defs": {"Header": _header(defs["Header"])},
    }
    for index, block in enumerate(BLOCKS):
        item = _item(defs["Item"], index)
        schema["$defs"][item["title"]] = item
        field = pydantic["properties"][block.id.value]
        schema["properties"][block.id.value] = {
            **_keep(field, "default"),
            "type": "array",
            "items": {"$ref": f"#/$defs/{item['title']}"},
        }
    return schema
