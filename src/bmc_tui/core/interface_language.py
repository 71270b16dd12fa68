"""Which language the interface speaks: the open canvas's, unless a setting pins one.

The canvas text (block titles, guiding questions) is always in the canvas's own language.
The interface around it (the key bar, help, the palette, notices) follows that language by
default, so a Danish canvas gets a Danish editor; a person who reads one language better can
pin it with ``--ui-lang``, the ``BMC_TUI_LANG`` environment variable, or the palette.
Headless: the editor asks this module, and so could any other front end.
"""

from __future__ import annotations

import locale
import os
from collections.abc import Callable, Mapping
from typing import Final

from bmc_tui.core.language import LANGUAGES, Language

#: The environment variable that pins the interface language (``da`` or ``en``).
ENVIRONMENT_VARIABLE: Final = "BMC_TUI_LANG"


def pinned_language(
    option: str | None = None, environ: Mapping[str, str] = os.environ
) -> Language | None:
    """The language a setting pins, or None to follow the canvas.

    The command line's option wins over the environment variable. A value that names no
    language of ours pins nothing (as an unknown ``LANG`` falls back rather than fails).
    """
    for value in (option, environ.get(ENVIRONMENT_VARIABLE)):
        code = (value or "").strip().lower()
        for language in LANGUAGES:
            if code == language:
                return language
    return None


def locale_language(environ: Mapping[str, str] = os.environ) -> Language:
    """Danish when the user's locale is Danish, otherwise English."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(variable)
        if value:
            return "da" if value.lower().startswith("da") else "en"
    code = locale.getlocale()[0] or ""
    return "da" if code.lower().startswith("da") else "en"


#: While an editor runs: what tells the language its interface speaks now (see ``speak``).
_speaker: Callable[[], Language | None] | None = None


def speak(speaker: Callable[[], Language | None] | None) -> None:
    """Word the core's messages in the language ``speaker`` tells, or (None) by the setting
    and the locale again.

    The core words its errors when it raises them (``storage``'s "cannot save", a merge
    that cannot be made), without knowing who shows them. The command line shows them in
    the setting's language; the editor in its interface language, which follows the open
    canvas and the palette. So an editor, while it runs, is asked here; a speaker that
    answers None (its editor is gone) is passed over.
    """
    global _speaker
    _speaker = speaker


def default_language(environ: Mapping[str, str] = os.environ) -> Language:
    """The language when no canvas decides: what ``BMC_TUI_LANG`` pins, else the locale's
    (or, while an editor runs, its interface language: see ``speak``).

    The command line speaks it, the core's errors are worded in it, and a new canvas is
    written in it unless ``--lang`` says otherwise: the same setting the editor obeys.
    """
    spoken = _speaker() if _speaker is not None else None
    return spoken or pinned_language(None, environ) or locale_language(environ)


def interface_language(canvas_language: Language, pinned: Language | None) -> Language:
    """The language the interface speaks over a canvas written in ``canvas_language``."""
    return pinned or canvas_language
