"""The ``bmc-tui`` console script: the garbage collector tuned before anything is imported
(see ``bmc_tui.collector`` for why), and output that never fails on a character."""

from __future__ import annotations

import io
import sys

from bmc_tui.collector import long_lived_imports, tune


def main() -> None:
    tune()
    printable_anywhere()
    with long_lived_imports():
        from bmc_tui.cli import main as cli_main
    cli_main()


def printable_anywhere() -> None:
    """A terminal or pipe that cannot show a character gets a replacement for it, not a
    traceback: ``PYTHONIOENCODING=ascii``, or an old terminal over SSH, would otherwise end
    ``show`` at the first dash or Danish letter. Files written with ``-o`` are bytes, so
    they are always whole UTF-8."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and stream.errors == "strict":
            stream.reconfigure(errors="replace")
