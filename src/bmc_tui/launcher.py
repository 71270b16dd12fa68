"""The ``bmc-tui`` console script: the garbage collector tuned before anything is imported.

Importing Textual and Pydantic creates a few hundred thousand objects that live as long as
the process, and the collector, left at its defaults, walks them again and again while they
load and while the first frames are drawn: 40 to 60 ms of a start-up of about half a second,
and a full collection in the middle of typing is a visible stall. So: no collections while
importing, one afterwards, and everything that survives is moved out of the collector's
sight (``gc.freeze``). A frame makes thousands of short-lived objects, so the youngest
generation is collected every few thousand allocations rather than every 700.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

#: Allocations between collections of the youngest generation (Python's default: 700).
YOUNG_GENERATION_THRESHOLD = 5_000


@contextmanager
def long_lived_imports() -> Iterator[None]:
    """Import inside this block what lives as long as the process: no collections while
    it loads, then one, and what survives is never walked again."""
    gc.disable()
    try:
        yield
    finally:
        gc.collect()
        gc.freeze()
        gc.enable()


def main() -> None:
    gc.set_threshold(YOUNG_GENERATION_THRESHOLD, *gc.get_threshold()[1:])
    with long_lived_imports():
        from bmc_tui.cli import main as cli_main
    cli_main()
