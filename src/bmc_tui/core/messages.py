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
    # --- the canvas session: files, locks, recovery, changes on disk (issue 10) ---------------
    "session-lock-busy": {
        "da": "{lock_file}: lærredet er åbent hos {owner}.\n"
        "To redigeringer af ét lærred overskriver hinandens arbejde.",
        "en": "{lock_file}: this canvas is open in {owner}.\n"
        "Two editors on one canvas overwrite each other's work.",
    },
    "session-answer-read-only": {"da": "Åbn skrivebeskyttet", "en": "Open read-only"},
    "session-answer-anyway": {"da": "Åbn alligevel", "en": "Open anyway"},
    "session-answer-quit": {"da": "Afslut", "en": "Quit"},
    "session-lock-taken-over": {
        "da": "Overtog en efterladt lås fra {owner} (den redigering er væk)",
        "en": "Took over a lock left behind by {owner} (that editor is gone)",
    },
    "session-no-lock": {"da": "Ingen lås taget: {reason}", "en": "No lock taken: {reason}"},
    "session-new-file": {
        "da": "{path} findes ikke endnu; den skrives ved første gem",
        "en": "{path} does not exist yet; it is written on the first save",
    },
    "session-recovery-offer": {
        "da": "Ugemte ændringer fra {when} (pid {pid} på {host}) blev gemt væk, da den "
        "redigering stoppede: {summary}.\nGendannelsesfil: {file}",
        "en": "Unsaved changes from {when} (pid {pid} on {host}) were kept when that editor "
        "stopped: {summary}.\nRecovery file: {file}",
    },
    "session-answer-restore": {"da": "Gendan", "en": "Restore"},
    "session-answer-discard": {"da": "Kassér", "en": "Discard"},
    "session-answer-later": {"da": "Senere", "en": "Later"},
    "session-recovery-unreadable": {
        "da": "Gendannelsesfilen kan ikke læses (beholdt)",
        "en": "Recovery file unreadable (kept)",
    },
    "session-restored": {
        "da": "Gendannede ændringer sat ind; ctrl+s gemmer dem",
        "en": "Recovered changes restored; ctrl+s saves them",
    },
    "session-keep-failed": {
        "da": "Gendannelsesfilen blev ikke skrevet",
        "en": "Recovery file not written",
    },
    "session-disk-problem": {
        "da": "{message}; ctrl+s skriver lærredet igen",
        "en": "{message}; ctrl+s writes the canvas again",
    },
    "session-reloaded-quietly": {
        "da": "Genindlæst: filen blev ændret på disken",
        "en": "Reloaded: the file changed on disk",
    },
    "session-reloaded": {
        "da": "Genindlæst fra disken; u henter din udgave tilbage",
        "en": "Reloaded from disk; u brings your version back",
    },
    "session-merged": {
        "da": "Ændringerne på disken er flettet ind; ctrl+s gemmer, u fortryder fletningen",
        "en": "Merged the changes on disk; ctrl+s saves, u undoes the merge",
    },
    "session-merged-conflicts": {
        "da": "Flettet med {count} konflikt(er), mærket 'conflict' med en note; "
        "ctrl+s gemmer, u fortryder",
        "en": "Merged with {count} conflict(s), tagged 'conflict' with a note; "
        "ctrl+s saves, u undoes",
    },
    "session-disk-changed": {
        "da": "{path} er ændret på disken, og lærredet har ugemte ændringer.",
        "en": "{path} changed on disk, and this canvas has unsaved changes.",
    },
    "session-disk-differences": {
        "da": "Forskelle (markeret på lærredet): {summary}",
        "en": "Differences (marked on the canvas): {summary}",
    },
    "session-answer-merge": {"da": "Flet", "en": "Merge"},
    "session-answer-keep-mine": {"da": "Behold mine", "en": "Keep mine"},
    "session-answer-reload": {"da": "Genindlæs (drop mine)", "en": "Reload (drop mine)"},
    "session-answer-show": {"da": "Vis forskelle", "en": "Show differences"},
    "session-the-file-on-disk": {"da": "filen på disken", "en": "the file on disk"},
    "session-this-canvas": {"da": "dette lærred", "en": "this canvas"},
    "session-cannot-reload": {"da": "Kan ikke genindlæse", "en": "Cannot reload"},
    "session-cannot-merge": {"da": "Kan ikke flette", "en": "Cannot merge"},
    "session-cannot-compare": {"da": "Kan ikke sammenligne", "en": "Cannot compare"},
    "session-saved": {"da": "Gemt {path}", "en": "Saved {path}"},
    "session-up-to-date": {"da": "{path} er opdateret", "en": "{path} is up to date"},
    "session-not-saved": {"da": "Ikke gemt", "en": "Not saved"},
    "session-read-only": {
        "da": "Åbnet skrivebeskyttet: en anden redigering har lærredet",
        "en": "Opened read-only: another editor has this canvas",
    },
    "session-lock-lost": {
        "da": "En anden redigering har overtaget lærredet: {owner}.\n"
        "Gemmer du nu, overskriver du dens arbejde.",
        "en": "Another editor took this canvas over: {owner}.\n"
        "Saving now would overwrite their work.",
    },
    "session-lock-gone": {
        "da": "Lærredets låsefil er fjernet af en anden.",
        "en": "Someone removed this canvas's lock file.",
    },
    "session-answer-take-back": {"da": "Tag den tilbage og gem", "en": "Take it back and save"},
    "session-answer-save-as": {"da": "Gem som", "en": "Save as"},
    "session-answer-cancel": {"da": "Annullér", "en": "Cancel"},
    "session-target-locked": {
        "da": "{path} er åben hos {owner}.",
        "en": "{path} is open in {owner}.",
    },
    "session-answer-save-anyway": {"da": "Gem alligevel", "en": "Save anyway"},
    "session-target-exists": {"da": "{path} findes allerede.", "en": "{path} already exists."},
    "session-answer-overwrite": {"da": "Overskriv", "en": "Overwrite"},
    "session-save-as-title": {"da": "Gem lærredet som", "en": "Save canvas as"},
    "session-save-as-help": {
        "da": "enter gemmer · escape annullerer",
        "en": "enter saves · escape cancels",
    },
    "session-untitled-offer": {
        "da": "Lærreder, der aldrig blev gemt, blev gemt væk, da deres redigering stoppede. "
        "Enter gendanner det valgte; escape starter et nyt.",
        "en": "Canvases that were never saved were kept when their editor stopped. "
        "Enter restores the one selected; escape starts a new one.",
    },
    "session-untitled-entry": {
        "da": "{when} · {count} punkter · {summary}",
        "en": "{when} · {count} items · {summary}",
    },
    "session-untitled-restored": {
        "da": "Ugemt lærred fra {when} gendannet; ctrl+s gemmer det",
        "en": "Unsaved canvas from {when} restored; ctrl+s saves it",
    },
    "session-recover-none": {
        "da": "Ingen gendannelsesfiler fra ugemte lærreder.",
        "en": "No recovery files of untitled canvases.",
    },
    "session-recover-hint": {
        "da": "Gendan et med: bmc-tui recover N -o FIL",
        "en": "Restore one with: bmc-tui recover N -o FILE",
    },
    "session-recover-no-such": {
        "da": "der er ingen gendannelsesfil nummer {number} (bmc-tui recover viser dem)",
        "en": "there is no recovery file number {number} (bmc-tui recover lists them)",
    },
    "session-recover-needs-output": {
        "da": "recover N skal have -o FIL: filen det gendannede lærred skrives til",
        "en": "recover N needs -o FILE: the file to write the recovered canvas to",
    },
    "session-recover-wrote": {"da": "Skrev {path}", "en": "Wrote {path}"},
    "session-unsaved": {
        "da": "Lærredet har ugemte ændringer.",
        "en": "This canvas has unsaved changes.",
    },
    "session-answer-save": {"da": "Gem", "en": "Save"},
}


def say(key: str, language: Language, /, **fields: object) -> str:
    """The message ``key`` in ``language`` with its placeholders filled in."""
    return MESSAGES[key][language].format(**fields)


def placeholders(text: str) -> frozenset[str]:
    """The names a message's text expects (for the test that both languages agree)."""
    return frozenset(name for _, name, _, _ in Formatter().parse(text) if name)
