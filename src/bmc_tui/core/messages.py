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
    # --- files: odd names, special files, permissions (issue 11) ---------------------------
    "not-a-regular-file-to-read": {
        "da": "er ikke en almindelig fil (men en enhed, FIFO eller socket); læser den ikke",
        "en": "is not a regular file (a device, FIFO or socket); not reading it",
    },
    "not-a-regular-file-to-write": {
        "da": "er ikke en almindelig fil (men en enhed, FIFO eller socket); skriver ikke til den",
        "en": "is not a regular file (a device, FIFO or socket); not writing to it",
    },
    "read-only-file": {
        "da": "er skrivebeskyttet (tilstand {mode}); omskriver den ikke",
        "en": "is read-only (mode {mode}); not rewriting it",
    },
    "merge-not-a-canvas": {
        "da": "er ikke et lærred; flettet linje for linje som git fletter tekst (se mærkerne)",
        "en": "is not a canvas; merged line by line as git merges text (see the marks)",
    },
    "git-pattern-comment": {
        "da": "{pattern}: et mønster, der begynder med # eller !, er en kommentar eller en "
        "negation i .gitattributes og rammer ingen filer",
        "en": "{pattern}: a pattern starting with # or ! is a comment or a negation in "
        ".gitattributes and matches no file",
    },
    "git-pattern-too-wide": {
        "da": "advarsel: {pattern} rammer også {files}, som ikke er lærreder; de flettes linje "
        "for linje, men et smallere mønster (fx canvases/**/*.toml) er bedre",
        "en": "warning: {pattern} also catches {files}, which are not canvases; they are "
        "merged line by line, but a narrower pattern (e.g. canvases/**/*.toml) is better",
    },
    "merge-beyond-a-canvas": {
        "da": "kan ikke flettes punkt for punkt ({reason}); begge versioner står i filen "
        "mellem gits mærker",
        "en": "cannot be merged item by item ({reason}); both versions are in the file "
        "between git's marks",
    },
}

#: The language of messages the core and the command line print, until the command line
#: has a language setting of its own (the canvas's ``--lang`` is about its titles).
MESSAGE_LANGUAGE: Final[Language] = "en"


def say(key: str, language: Language, /, **fields: object) -> str:
    """The message ``key`` in ``language`` with its placeholders filled in."""
    return MESSAGES[key][language].format(**fields)


def placeholders(text: str) -> frozenset[str]:
    """The names a message's text expects (for the test that both languages agree)."""
    return frozenset(name for _, name, _, _ in Formatter().parse(text) if name)
