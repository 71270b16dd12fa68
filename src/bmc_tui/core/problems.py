"""A validation problem said in words a person understands, in Danish or in English.

Pydantic's own messages name regular expressions (``String should match pattern
'^[\\w][\\w.+-]*$'``) and parser internals; here each kind of problem a canvas can have is
said by a message from the catalogue. The model raises its own refusals as ``Refusal``, a
``ValueError`` that carries its message key, so the words are looked up in the catalogue,
never parsed back out of an English sentence. Headless: imports nothing from Textual.
"""

from __future__ import annotations

import ast
import calendar
import datetime as dt
import errno
import re
from typing import Any, Final

from bmc_tui.core.language import Language
from bmc_tui.core.messages import say

#: What Pydantic puts before the message of a ``ValueError`` raised in a validator.
_VALUE_ERROR = "Value error, "

#: Year-month-day as digits: told apart from other text to say *why* a date is refused.
_DATE_SHAPE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


class Refusal(ValueError):
    """A value the model refuses, with the catalogue message that says why.

    Its ``str`` is the English message (what Pydantic and the command line print); ``words``
    gives it in any language.
    """

    def __init__(self, key: str, **fields: object) -> None:
        super().__init__(say(key, "en", **fields))
        self.key = key
        self.fields = fields

    def words(self, language: Language) -> str:
        return say(self.key, language, **self.fields)


class PlacedRefusals(ValueError):
    """Several refusals, each at its place in a file (``channels[1].id``): what the model's
    checks across items find. Its ``str`` is English, ``"; "``-joined (the form Pydantic and
    storage split back into one problem per place); ``words`` gives it in any language."""

    def __init__(self, parts: list[tuple[str, Refusal]]) -> None:
        self.parts = parts
        super().__init__(self.words("en"))

    def words(self, language: Language) -> str:
        return "; ".join(f"{place}: {refusal.words(language)}" for place, refusal in self.parts)


def parse_date(text: str) -> dt.date | None:
    """A date written year-month-day (``2026-11-27``), or None for empty text.

    Raises ``Refusal`` saying what is wrong: a date that does not exist (``2025-13-45``)
    is told apart from text that is not written as a date at all.
    """
    text = text.strip()
    if not text:
        return None
    shape = _DATE_SHAPE.fullmatch(text)
    if shape is None:
        raise Refusal("problem-date-format")
    year, month, day = (int(part) for part in shape.groups())
    if not 1 <= month <= 12:
        raise Refusal("problem-date-month", date=text, month=month)
    days = calendar.monthrange(year, month)[1] if year >= 1 else 31
    if not 1 <= day <= days:
        raise Refusal("problem-date-day", date=text, month=month, year=year, days=days)
    try:
        return dt.date(year, month, day)
    except ValueError:  # year 0: digits in the right shape, but no date
        raise Refusal("problem-date-format") from None


def _date_words(value: object, language: Language) -> str:
    if isinstance(value, str):
        try:
            parse_date(value)
        except Refusal as refusal:
            return refusal.words(language)
    return say("problem-date-format", language)


def _pattern_words(loc: tuple[Any, ...], language: Language) -> str:
    """What a text with a pattern may hold, told by the field it belongs to."""
    if "tags" in loc:
        return say("problem-tag-characters", language)
    if loc and loc[-1] == "id":
        return say("problem-id-characters", language)
    return say("problem-characters", language)


def status_words(value: object, language: Language) -> str:
    """Why ``value`` is no status, naming the ones there are (from the catalogue)."""
    # Imported here: the catalogue's refusals are made by this module.
    from bmc_tui.core.catalogue import STATUSES

    allowed = [status.id.value for status in STATUSES]
    return say(
        "problem-unknown-status",
        language,
        status=repr(value) if isinstance(value, str) else str(value),
        allowed=say("words-or", language, first=", ".join(allowed[:-1]), last=allowed[-1]),
    )


def describe(detail: Any, language: Language = "en") -> str:
    """The words of one Pydantic error detail (an entry of ``ValidationError.errors()``)."""
    kind = str(detail.get("type", ""))
    context = detail.get("ctx") or {}
    loc = tuple(detail.get("loc", ()))
    error = context.get("error")
    if isinstance(error, Refusal | PlacedRefusals):
        return error.words(language)
    if kind == "string_pattern_mismatch":
        return _pattern_words(loc, language)
    if kind == "string_too_long":
        return say("problem-too-long", language, max=context.get("max_length"))
    if kind == "too_long":
        return say("problem-too-many", language, max=context.get("max_length"))
    if kind == "string_too_short":
        return say("problem-empty", language)
    if kind == "missing":
        return say("problem-required", language)
    if kind.startswith("date_"):
        return _date_words(detail.get("input"), language)
    if kind == "enum" and loc and loc[-1] == "status":
        return status_words(detail.get("input"), language)
    # Anything else (a wrong type in a hand-edited file) in Pydantic's own words.
    return str(detail.get("msg", "")).removeprefix(_VALUE_ERROR)


#: tomllib's messages (its words, without the place it adds) and the catalogue message that
#: says each; a named group is the message's field. Checked in the order given.
_TOML_MESSAGES: Final[tuple[tuple[re.Pattern[str], str], ...]] = tuple(
    (re.compile(pattern), key)
    for pattern, key in (
        (r"Invalid statement", "toml-invalid-statement"),
        (r"Expected newline or end of document after a statement", "toml-expected-newline"),
        (r"Expected '=' after a key in a key/value pair", "toml-expected-equals"),
        (r"Expected '\]' at the end of a table declaration", "toml-table-unclosed"),
        (r"Expected '\]\]' at the end of an array declaration", "toml-array-table-unclosed"),
        (r"Expected (?P<expected>.+)", "toml-expected"),
        (r"Found invalid character (?P<char>.+)", "toml-invalid-character"),
        # A line break inside a one-line string: its closing quote was forgotten.
        (r"Illegal character '\\n'", "toml-unterminated-string"),
        (r"Illegal character (?P<char>.+)", "toml-illegal-character"),
        (r"Cannot declare (?P<table>\(.*\)) twice", "toml-declared-twice"),
        (r"Cannot overwrite a value", "toml-overwrite"),
        (r"Cannot mutate immutable namespace (?P<table>\(.*\))", "toml-immutable"),
        (r"Cannot redefine namespace (?P<table>\(.*\))", "toml-redefine"),
        (r"Invalid initial character for a key part", "toml-key-start"),
        (r"Unclosed array", "toml-unclosed-array"),
        (r"Unclosed inline table", "toml-unclosed-inline-table"),
        (r"Duplicate inline table key (?P<key>.+)", "toml-duplicate-inline-key"),
        (r"Unescaped '\\' in a string", "toml-bad-escape"),
        (r"Invalid hex value", "toml-bad-hex"),
        (r"Escaped character is not a Unicode scalar value", "toml-bad-unicode"),
        (r"Unterminated string", "toml-unterminated-string"),
        (r"Invalid date or datetime", "toml-bad-date"),
        (r"Invalid value", "toml-invalid-value"),
    )
)


def _dotted_key(text: str) -> str:
    """tomllib names a table by its key as a tuple (``('a', 'b')``); a person writes ``a.b``."""
    try:
        parts = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return text
    if isinstance(parts, tuple) and all(isinstance(part, str) for part in parts):
        return ".".join(parts)
    return text


def toml_words(message: str, language: Language) -> str:
    """What tomllib found wrong (``message``, its English words without the place), in
    ``language``; a message not known here is given as tomllib wrote it."""
    for pattern, key in _TOML_MESSAGES:
        match = pattern.fullmatch(message)
        if match is not None:
            fields = {
                name: _dotted_key(value) if name == "table" else value
                for name, value in match.groupdict().items()
            }
            return say(key, language, **fields)
    return message


#: The system's reasons a file operation fails that a person meets, each said by the
#: catalogue (the system's own ``strerror`` is English whatever the interface speaks).
_OS_REASONS: Final[dict[int, str]] = {
    errno.EACCES: "os-permission",
    errno.EPERM: "os-permission",
    errno.ENOENT: "os-missing",
    errno.ENOSPC: "os-no-space",
    errno.EDQUOT: "os-no-space",
    errno.EROFS: "os-read-only",
    errno.EISDIR: "os-is-folder",
    errno.ENOTDIR: "os-not-a-folder",
    errno.ENAMETOOLONG: "os-name-too-long",
    errno.EEXIST: "os-exists",
}


def os_words(error: OSError, language: Language) -> str:
    """Why a file operation failed, in ``language``: the system's own words in English (as
    ``strerror`` gives them), the catalogue's in Danish; the system's for a reason not
    known here."""
    key = _OS_REASONS.get(error.errno or 0)
    if key is None or language == "en":
        return error.strerror or str(error)
    return say(key, language)
