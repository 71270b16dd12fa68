"""The garbage collector, tuned for a process that imports a lot and then draws frames.

Importing Textual and Pydantic creates a few hundred thousand objects that live as long as
the process, and the collector, left at its defaults, walks them again and again while they
load and while the first frames are drawn: 40 to 60 ms of a start-up of about half a second,
and a full collection in the middle of typing is a visible stall. So: no collections while
importing, and everything imported is moved out of the collector's sight (``gc.freeze``).
Importing leaves next to no garbage (about 700 unreachable objects, the editor's imports
included), so no collection looks for it first: each such pass cost about 15 ms of every
start-up. A frame makes thousands of short-lived objects, so the youngest generation is
collected every few thousand allocations rather than every 700.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

#: Allocations between collections of the youngest generation (Python's default: 700).
YOUNG_GENERATION_THRESHOLD = 5_000


def tune() -> None:
    """Collect the youngest generation every few thousand allocations, not every 700."""
    gc.set_threshold(YOUNG_GENERATION_THRESHOLD, *gc.get_threshold()[1:])


@contextmanager
def long_lived_imports() -> Iterator[None]:
    """Import inside this block what lives as long as the process: no collections while
    it loads, and what it made is never walked again."""
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


@contextmanager
def no_collections() -> Iterator[None]:
    """Build one large, acyclic result without the collector: drawing a canvas of ten
    thousand items as a picture makes a few hundred thousand short-lived tuples and lists
    (pieces of lines), no cycles among them, and every collection walks them all again for
    nothing (an eighth of ``export -f svg``). Reference counting still frees them."""
    if not gc.isenabled():  # already paused by the caller: leave it as it is
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
