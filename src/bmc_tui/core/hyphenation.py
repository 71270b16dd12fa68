"""Hyphenation dictionaries, parsed once per machine instead of once per run.

Pyphen parses a dictionary's patterns each time a program loads it. For English (about
14,000 patterns) that is about 50 ms, paid by the first frame wherever a word is longer than
a pane's line (at 80x24, nearly every English canvas: a tenth of the start-up) or, later, by
the first long word typed. The parsed patterns are kept in the user's cache folder
(``platformdirs.user_cache_path("bmc-tui") / "hyphenation"``: on Linux
``$XDG_CACHE_HOME/bmc-tui/hyphenation``) as JSON, which reads back in about 15 ms.

JSON, not ``marshal`` (which reads back in 3 ms): ``marshal`` is not safe against damaged
data, and a few flipped bytes in its file crashed the editor outright (a segmentation
fault, the unsaved work lost with it). Whatever a cache file holds, reading it can only
fail in words; what it gives is checked for the shape and the values Pyphen's patterns
have before it is used.

A cache file's name carries Pyphen's version and the dictionary file's size and modification
time: a new Pyphen or a changed dictionary is parsed afresh, and the older file removed. A
cache that cannot be read or written is no error; the dictionary is then parsed as it always
was. Headless: imports nothing from Textual.
"""

from __future__ import annotations

import json
import os
import tempfile
from itertools import chain
from pathlib import Path
from typing import Any, cast

import platformdirs
import pyphen

#: Pyphen's patterns: the letters of a pattern -> where its values start, and the values.
Patterns = dict[str, tuple[int, tuple[int, ...]]]


def cache_folder() -> Path:
    return platformdirs.user_cache_path("bmc-tui") / "hyphenation"


def dictionary(name: str) -> pyphen.Pyphen:
    """Pyphen's dictionary ``name`` (``"en_GB"``, ``"da_DK"``), from the cache when it holds it."""
    path = pyphen.LANGUAGES[name]
    try:
        stat = path.stat()
    except OSError:
        return pyphen.Pyphen(lang=name)
    # Pyphen's version: the patterns' form is Pyphen's own (its type stubs omit the name).
    version = getattr(pyphen, "__version__", "unknown")
    cached = cache_folder() / f"{path.stem}-{version}-{stat.st_size}-{stat.st_mtime_ns}.json"
    patterns = _read(cached)
    if patterns is not None:
        return _Dictionary(_Patterns(patterns))
    parsed = pyphen.Pyphen(lang=name)
    if _write(cached, parsed.hd.patterns):
        _forget_others(cached, f"{path.stem}-")
    return parsed


class _Patterns(pyphen.HyphDict):
    """Pyphen's patterns of one dictionary, as parsed before."""

    def __init__(self, patterns: Patterns) -> None:
        # Not Pyphen's own __init__: it reads and parses the dictionary file.
        self.patterns = patterns
        self.cache = {}
        self.maxlen = max(len(letters) for letters in patterns)


class _Dictionary(pyphen.Pyphen):
    """A Pyphen dictionary on patterns parsed before, with Pyphen's default margins."""

    def __init__(self, patterns: pyphen.HyphDict) -> None:
        # Not Pyphen's own __init__: it would parse the dictionary file again.
        self.left, self.right = 2, 2
        self.hd = patterns


def _read(cached: Path) -> Patterns | None:
    try:
        data = json.loads(cached.read_bytes())
    except (OSError, ValueError, RecursionError):
        return None
    if type(data) is not dict or not _are_patterns(data):
        return None
    # Each entry is a JSON list ``[start, [values]]`` where Pyphen makes a tuple: it only
    # unpacks and slices them, so lists serve alike, and are not copied (a copy of every
    # entry was 9 ms and 2.5 MiB more at the peak of the first frame).
    return cast(Patterns, data)


#: The values a pattern gives a place between two letters (Liang's digits).
_DIGITS = frozenset(range(10))


def _are_patterns(patterns: dict[Any, Any]) -> bool:
    """Whether ``patterns`` have the shape and values Pyphen's patterns have: letters, each
    with where its values start (inside the letters) and the values, digits; as Pyphen
    makes them (tuples) or as JSON gives them back (lists).

    Checked type by type over all entries at once (``set(map(type, ...))`` runs in C): entry
    by entry in Python, the check cost as much as reading the file."""
    if not patterns or set(map(type, patterns)) != {str}:
        return False
    entries = patterns.values()
    if not set(map(type, entries)) <= {tuple, list} or set(map(len, entries)) != {2}:
        return False
    starts, values = zip(*entries, strict=True)
    if set(map(type, starts)) != {int} or min(starts) < 0:
        return False
    if not set(map(type, values)) <= {tuple, list}:
        return False
    digits = list(chain.from_iterable(values))
    return (
        set(map(type, digits)) <= {int}
        and set(digits) <= _DIGITS
        and all(
            start + len(given) <= len(letters) + 1 for letters, (start, given) in patterns.items()
        )
    )


def _write(cached: Path, patterns: Patterns) -> bool:
    """Keep ``patterns`` for the next run, whole or not at all (written beside, then renamed
    into place, so a run that reads meanwhile sees the old file or the new one); whether
    they were kept."""
    if not _are_patterns(patterns):  # a dictionary with non-standard hyphens: parse each time
        return False
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=cached.parent, prefix=".", suffix=".part")
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(json.dumps(patterns, ensure_ascii=False).encode())
            os.replace(temporary, cached)
        except BaseException:
            os.unlink(temporary)
            raise
    except (OSError, ValueError):
        return False
    return True


def _forget_others(cached: Path, prefix: str) -> None:
    """Remove the cache files of the same dictionary from another Pyphen or an earlier copy
    of it (each reinstall gives the file a new date), so they do not pile up."""
    try:
        for other in cached.parent.glob(f"{prefix}*"):
            if other != cached:
                other.unlink(missing_ok=True)
    except OSError:
        pass
