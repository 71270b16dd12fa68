"""Places in a canvas file: how a field path reads (``channels[0].text``), and a validation
error said in one line.

A field path is what Pydantic calls an error's ``loc``: the block (or ``canvas``), the item's
index, the field. Validation (``storage``), lint findings (``check``), the command line and
the editor's notices all name places the same way through this module. Headless: imports
nothing from Textual.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError

#: What Pydantic puts before the message of a ``ValueError`` raised in a validator.
_VALUE_ERROR = "Value error, "


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


def detail_message(detail: Any) -> str:
    """The words of one Pydantic error detail, without Pydantic's "Value error, " prefix."""
    return str(detail["msg"]).removeprefix(_VALUE_ERROR)


def first_problem(error: Exception, *, with_place: bool = True) -> str:
    """The first problem an error reports, as one line a person reads.

    For a Pydantic ``ValidationError``: ``place: what`` (``text: must not be empty``), or just
    what when ``with_place`` is false or the error has no place; any other error says itself.
    The editor's notices, the header form, ``bmc-tui new`` and the merge all word it so.
    """
    if isinstance(error, ValidationError):
        details = error.errors(include_url=False)
        if details:
            message = detail_message(details[0])
            place = dotted(details[0].get("loc", ())) if with_place else ""
            return f"{place}: {message}" if place else message
    return str(error)
