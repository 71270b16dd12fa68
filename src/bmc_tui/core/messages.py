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
    # --- typed input: what is refused, and why (issue 11: editor input) -------------------
    "text-too-long": {
        "da": "Teksten er {length} tegn lang; højst {limit} kan gemmes.",
        "en": "The text is {length} characters long; at most {limit} can be kept.",
    },
    "text-has-tab": {
        "da": "Teksten indeholder et tabulatortegn.",
        "en": "The text contains a tab.",
    },
    "text-has-newline": {
        "da": "Teksten skal stå på én linje.",
        "en": "The text must be on one line.",
    },
    "text-has-bidi": {
        "da": "Teksten indeholder et usynligt retningstegn ({code}), som kan få den til at "
        "læses i en anden rækkefølge, end den står.",
        "en": "The text contains an invisible direction mark ({code}) that can make it read "
        "in another order than it is written.",
    },
    "text-has-control": {
        "da": "Teksten indeholder et styretegn ({code}), som ikke kan vises.",
        "en": "The text contains a control character ({code}) that cannot be shown.",
    },
    "tags-too-many": {
        "da": "{count} mærker; et punkt kan have højst {limit}.",
        "en": "{count} tags; an item can have at most {limit}.",
    },
    "tag-too-long": {
        "da": "Mærket »{tag}« er for langt; højst {limit} tegn.",
        "en": "The tag “{tag}” is too long; at most {limit} characters.",
    },
    "tag-not-a-word": {
        "da": "Mærket »{tag}« skal være ét ord: bogstaver og tal, og efter det første tegn "
        "også punktum, plus og bindestreg.",
        "en": "The tag “{tag}” must be one word: letters and digits, and after the first "
        "character also dots, plus signs and hyphens.",
    },
    "tag-twice": {
        "da": "Mærket »{tag}« står der to gange.",
        "en": "The tag “{tag}” is given twice.",
    },
    "not-kept": {"da": "Ikke gemt", "en": "Not kept"},
    "paste-cleaned": {
        "da": "Det indsatte havde tegn, et punkt ikke kan rumme: tabulatorer blev til "
        "mellemrum, styretegn blev fjernet.",
        "en": "The paste had characters an item cannot hold: tabs became spaces, control "
        "characters were removed.",
    },
    "clean-offer": {
        "da": "ctrl+l retter det: tabulatorer bliver til mellemrum, styretegn fjernes.",
        "en": "ctrl+l cleans it: tabs become spaces, control characters are removed.",
    },
    "external-note-refused": {
        "da": "Noten fra $EDITOR blev ikke gemt, men er åbnet her, så du kan rette den.",
        "en": "The note from $EDITOR was not kept; it is open here for you to fix.",
    },
}


def say(key: str, language: Language, /, **fields: object) -> str:
    """The message ``key`` in ``language`` with its placeholders filled in."""
    return MESSAGES[key][language].format(**fields)


def placeholders(text: str) -> frozenset[str]:
    """The names a message's text expects (for the test that both languages agree)."""
    return frozenset(name for _, name, _, _ in Formatter().parse(text) if name)
