"""Every sentence the product says to a person, in Danish and in English.

Code asks for a message by key (``say("saved", language, path=...)``) and never builds an
English sentence inline, so a Danish canvas gets a Danish interface and a test can prove
every message exists in both languages with the same placeholders. Kept as data in Python,
not gettext ``.po`` files: two languages, a catalogue that mypy and the tests read directly,
and no compile step in the build.
"""

from __future__ import annotations

from string import Formatter
from typing import Final

from bmc_tui.core.catalogue import Language

#: The language names as each language writes its own.
LANGUAGE_NAMES: Final[dict[Language, str]] = {"da": "Dansk", "en": "English"}

#: key -> language -> text with ``{placeholders}`` (str.format syntax).
MESSAGES: Final[dict[str, dict[Language, str]]] = {
    "language-name-da": {"da": "Dansk", "en": "Danish"},
    "language-name-en": {"da": "Engelsk", "en": "English"},
    # --- presentation and export (issue 12: one presentation, text that reads whole) ---
    "export-unknown-suffix": {
        "da": "kan ikke skrive {suffix}-filer; export skriver {formats} (eller angiv --format)",
        "en": "cannot write {suffix} files; export writes {formats} (or give --format)",
    },
}


def say(key: str, language: Language, /, **fields: object) -> str:
    """The message ``key`` in ``language`` with its placeholders filled in."""
    return MESSAGES[key][language].format(**fields)


def placeholders(text: str) -> frozenset[str]:
    """The names a message's text expects (for the test that both languages agree)."""
    return frozenset(name for _, name, _, _ in Formatter().parse(text) if name)
