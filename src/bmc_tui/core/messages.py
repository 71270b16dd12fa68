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
    # --- bmc-tui init (alias git-setup): setting a repository up for canvases -------------
    "init-line-add": {"da": "{file}: tilføjede {line}", "en": "{file}: added {line}"},
    "init-line-add-dry": {"da": "{file}: ville tilføje {line}", "en": "{file}: would add {line}"},
    "init-line-keep": {"da": "{file}: har allerede {line}", "en": "{file}: already has {line}"},
    "init-schema-write": {
        "da": "{file}: skrev JSON-skemaet for en canvas-fil",
        "en": "{file}: wrote the JSON Schema of a canvas file",
    },
    "init-schema-write-dry": {
        "da": "{file}: ville skrive JSON-skemaet for en canvas-fil",
        "en": "{file}: would write the JSON Schema of a canvas file",
    },
    "init-schema-update": {
        "da": "{file}: opdaterede til skemaet fra denne bmc-tui",
        "en": "{file}: updated to this bmc-tui's schema",
    },
    "init-schema-update-dry": {
        "da": "{file}: ville opdatere til skemaet fra denne bmc-tui",
        "en": "{file}: would update to this bmc-tui's schema",
    },
    "init-schema-keep": {
        "da": "{file}: er allerede skemaet fra denne bmc-tui",
        "en": "{file}: already holds this bmc-tui's schema",
    },
    "init-taplo-add": {
        "da": "{file}: tilføjede en regel for {pattern}: canvas-skemaet og en formatering, "
        "der lader kanoniske filer være, som de er",
        "en": "{file}: added a rule for {pattern}: the canvas schema, and formatting that "
        "leaves canonical files as they are",
    },
    "init-taplo-add-dry": {
        "da": "{file}: ville tilføje en regel for {pattern}: canvas-skemaet og en formatering, "
        "der lader kanoniske filer være, som de er",
        "en": "{file}: would add a rule for {pattern}: the canvas schema, and formatting that "
        "leaves canonical files as they are",
    },
    "init-taplo-keep": {
        "da": "{file}: har allerede reglen for {pattern}",
        "en": "{file}: already has the rule for {pattern}",
    },
    "init-taplo-conflict": {
        "da": "{file}: har en anden regel for {pattern} og blev ikke rørt; giv den "
        "schema.path = {schema} og formateringen fra README, eller slet den og kør init igen",
        "en": "{file}: has a different rule for {pattern}, left as it is; give it "
        "schema.path = {schema} and the formatting from the README, or delete it and run "
        "init again",
    },
    "init-config-set": {
        "da": "git config {key}: sat til {value}",
        "en": "git config {key}: set to {value}",
    },
    "init-config-set-dry": {
        "da": "git config {key}: ville blive sat til {value}",
        "en": "git config {key}: would be set to {value}",
    },
    "init-config-keep": {
        "da": "git config {key}: er allerede {value}",
        "en": "git config {key}: already {value}",
    },
    "init-nothing": {
        "da": "Intet at ændre: dette repository er sat op til canvasser.",
        "en": "Nothing to change: this repository is set up for canvases.",
    },
    "init-dry-run": {
        "da": "Prøvekørsel: intet blev skrevet.",
        "en": "Dry run: nothing was written.",
    },
    "init-commit": {
        "da": "Commit {files}. Alle, der kloner, kører `bmc-tui init` én gang for git-config.",
        "en": "Commit {files}. Everyone who clones runs `bmc-tui init` once for the git config.",
    },
    "init-error-read": {
        "da": "{file}: kan ikke læses: {reason}",
        "en": "{file}: cannot read: {reason}",
    },
    "init-error-write": {
        "da": "{file}: kan ikke skrives: {reason}",
        "en": "{file}: cannot write: {reason}",
    },
    "init-error-taplo-invalid": {
        "da": "{file}: ikke gyldig TOML, så der kan ikke tilføjes en regel ({reason})",
        "en": "{file}: not valid TOML, so no rule can be added to it ({reason})",
    },
}


def say(key: str, language: Language, /, **fields: object) -> str:
    """The message ``key`` in ``language`` with its placeholders filled in."""
    return MESSAGES[key][language].format(**fields)


def placeholders(text: str) -> frozenset[str]:
    """The names a message's text expects (for the test that both languages agree)."""
    return frozenset(name for _, name, _, _ in Formatter().parse(text) if name)
