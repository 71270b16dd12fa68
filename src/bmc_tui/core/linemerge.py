"""Files the canvas merge cannot take: merged line by line, as git merges any text file.

Two cases reach here. A file that is not a canvas at all (``git-setup --pattern '*.toml'``
also catches ``pyproject.toml``) must merge as git would have merged it without the bmc
driver. And a canvas whose merge cannot be written as one valid canvas (both descriptions
together past the length limit) is still a conflict, not an error: git's conflict marks keep
both versions whole, and ``validate`` refuses the file until a person has chosen.

Both use ``git merge-file`` on the three files: git's own line merge, so the result is what
the user would get from git itself. Headless: imports nothing from Textual.
"""

from __future__ import annotations

import shutil
import subprocess
import tomllib
from dataclasses import dataclass
from pathlib import Path

from bmc_tui.core.catalogue import BLOCKS
from bmc_tui.core.interface_language import default_language
from bmc_tui.core.messages import say
from bmc_tui.core.problems import os_words

#: The top-level keys a canvas file may have: one of them makes a TOML file a canvas.
CANVAS_KEYS = frozenset({"format_version", "canvas", *(block.id.value for block in BLOCKS)})


class LineMergeError(Exception):
    """git merge-file could not run; ``str()`` is one line for the user."""


@dataclass(frozen=True)
class LineMerge:
    data: bytes
    #: How many conflicting hunks git marked (0 when the merge is clean).
    conflicts: int


def is_not_a_canvas(data: bytes) -> bool:
    """True for a TOML document with none of a canvas's keys (``pyproject.toml``, ...).

    Anything else, even a broken canvas (conflict marks, a typo), is a canvas to the driver,
    which then says what is wrong with it rather than merging it as plain text.
    """
    try:
        raw = tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
        return False
    return bool(raw) and not CANVAS_KEYS.intersection(raw)


def merge_lines(base: Path, ours: Path, theirs: Path, *, name: str) -> LineMerge:
    """git's three-way line merge of the three files; conflicts marked as git marks them."""
    if shutil.which("git") is None:
        raise LineMergeError(say("linemerge-no-git", default_language()))
    labels = [f"{name} (ours)", f"{name} (base)", f"{name} (theirs)"]
    command = ["git", "merge-file", "-p"]
    for label in labels:
        command += ["-L", label]
    try:
        done = subprocess.run(
            [*command, str(ours), str(base), str(theirs)], capture_output=True, check=False
        )
    except OSError as error:
        reason = os_words(error, default_language())
        raise LineMergeError(
            say("linemerge-cannot-run", default_language(), reason=reason)
        ) from None
    # merge-file exits with the number of conflicts (capped at 127), negative on an error.
    if done.returncode < 0 or done.returncode > 127:
        said = done.stderr.decode(errors="replace").strip().splitlines()
        reason = said[0] if said else str(done.returncode)
        raise LineMergeError(say("linemerge-failed", default_language(), reason=reason))
    return LineMerge(done.stdout, done.returncode)
