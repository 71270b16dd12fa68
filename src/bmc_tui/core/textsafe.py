"""Make user text safe to put in front of a person: no control codes, no bidi tricks.

The model already refuses control characters and bidirectional overrides in canvas files,
but a canvas can also be built in code (``model_construct``, a future importer, a bug), and
an escape sequence that slips through to a terminal can move the cursor, retitle the window
or hide text; a bidi override on a page can make text read in another order than it is
stored. Every exporter therefore passes user text through :func:`displayable` as a second,
independent line of defence. Headless: imports nothing from Textual.
"""

from __future__ import annotations

import os
import re
import unicodedata

#: What a forbidden character turns into: visibly wrong, never silently dropped, so a person
#: can see that something in the text needs mending.
REPLACEMENT = "\ufffd"

#: Bidirectional embeddings, overrides and isolates (the "Trojan Source" characters): they
#: can make text display in an order other than the one stored.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Unicode line and paragraph separators break lines in some renderers and not in others.
_SEPARATORS = frozenset("\u2028\u2029")


def is_forbidden(char: str) -> bool:
    """Whether ``char`` may never reach a person: a control code, a lone surrogate, or a bidi
    control. The model refuses these in a canvas, and the exporters replace them."""
    return char in BIDI_CONTROLS or unicodedata.category(char) in ("Cc", "Cs")


def _safe_character(char: str, keep_newlines: bool) -> str:
    if char == "\n":
        return "\n" if keep_newlines else " "
    if char == "\t" or char in _SEPARATORS:
        return " "
    if is_forbidden(char):
        return REPLACEMENT
    return char


def displayable(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with every control code and bidi override replaced by U+FFFD.

    Tabs become spaces (their width depends on where they fall); newlines are kept only in
    multi-line text such as notes, and become spaces in one-line text such as item texts.
    """
    if text.isprintable():
        # The common case. ``isprintable`` is false for every control, format (bidi
        # included) and separator character but the plain space, so nothing can slip by.
        return text
    return "".join(_safe_character(char, keep_newlines) for char in text)


#: Characters that join or restyle an emoji: the zero-width joiner of sequences such as
#: 👨‍👩‍👧, the five skin tones (🏽) and the variation selectors that ask for emoji or text
#: presentation. Terminals disagree about how many cells such a sequence takes (tmux 3.3
#: draws 👍🏽 four cells wide, Rich counts two, an older xterm draws 👨‍👩‍👧 six wide where Rich
#: counts two), and every cell of disagreement pushes a pane's border sideways.
_EMOJI_JOINERS = re.compile("[\u200d\ufe0e\ufe0f\U0001f3fb-\U0001f3ff]")


def terminal_text(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` as the editor and ``bmc-tui show`` draw it in a grid of cells.

    :func:`displayable`, and then each emoji sequence is drawn as its parts (👍🏽 as 👍,
    👨‍👩‍👧 as 👨👩👧): the width of every character left is the same whether it is measured
    one character at a time, as most terminals do, or a grapheme at a time, as Rich does,
    so what we measure is what the terminal draws. Only the screen changes; the file keeps
    every character. Flags (two regional indicators) need nothing: both ways give two.
    """
    return _EMOJI_JOINERS.sub("", displayable(text, keep_newlines=keep_newlines))


def shown_path(path: os.PathLike[str] | str | bytes) -> str:
    """A file name as it may be put in front of a person, wherever it is shown.

    The one rendering of a path for the command line, the editor and every message: a name
    may hold an escape sequence (``ls`` and git quote such names) or bytes that are not UTF-8
    (held as surrogate escapes, which no terminal or UTF-8 file can take); both become U+FFFD.
    """
    text = os.fsdecode(path) if isinstance(path, bytes) else os.fspath(path)
    return displayable(text)
