"""Reading a canvas file's TOML: the standard library's reader, compiled.

``tomllib`` is Tomli, frozen into Python, and runs as plain Python: a canvas of ten thousand
items is about a megabyte of TOML, and reading it took 120 ms of the editor's start-up (and
three times that in a merge, which reads three files). Tomli itself is published compiled
(mypyc) and reads the same files in about half the time. It is pinned below 2.4, which reads
TOML 1.1: the files accepted are exactly those ``tomllib`` accepts.

``tomllib`` reads a text again where Tomli refuses it, or where the text nests deeper than
any canvas does, so a broken file is described in ``tomllib``'s words (which
:func:`bmc_tui.core.problems.toml_words` knows in Danish) and a file nested too deeply fails
exactly as it did (``tomllib`` runs out of recursion sooner than Tomli's own limit).
"""

from __future__ import annotations

from typing import Any

import tomli

#: Deeper than any canvas nests (a table in an array of tables, holding a list of tags), and
#: far below where ``tomllib`` runs out of recursion.
MAX_DEPTH = 32


def loads(text: str) -> dict[str, Any]:
    """``tomllib.loads(text)``: the same data, or the same ``tomllib.TOMLDecodeError`` (or
    ``RecursionError``), sooner."""
    try:
        data: dict[str, Any] | None = tomli.loads(text)
    except (tomli.TOMLDecodeError, RecursionError):
        data = None
    if data is None or _deeper_than(data, MAX_DEPTH):
        import tomllib

        return tomllib.loads(text)
    return data


def _deeper_than(data: dict[str, Any], limit: int) -> bool:
    """Whether tables and arrays nest more than ``limit`` deep in ``data`` (without
    recursion: the data may nest thousands deep)."""
    stack: list[tuple[dict[str, Any] | list[Any], int]] = [(data, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > limit:
            return True
        for child in node.values() if isinstance(node, dict) else node:
            if isinstance(child, dict | list):
                stack.append((child, depth + 1))
    return False
