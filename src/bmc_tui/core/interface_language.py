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
from collections.abc import Mapping
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


def default_language(environ: Mapping[str, str] = os.environ) -> Language:
    """The language when no canvas decides: what ``BMC_TUI_LANG`` pins, else the locale's.

    The command line speaks it, the core's errors are worded in it, and a new canvas is
    written in it unless ``--lang`` says otherwise: the same setting the editor obeys.
    """
    return pinned_language(None, environ) or locale_language(environ)


def interface_language(canvas_language: Language, pinned: Language | None) -> Language:
    """The language the interface speaks over a canvas written in ``canvas_language``."""
    return pinned or canvas_language
