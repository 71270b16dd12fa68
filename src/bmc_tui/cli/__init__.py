"""The ``bmc-tui`` command line: ``main`` is the program; each module beside this one adds
its commands to it.

Every subcommand but the editor itself is headless: the package never imports Textual at the
top, so ``validate`` in a pre-commit hook starts in a blink. The editor is imported inside
the one command that opens it (``editor.start_editor``).
"""

from bmc_tui.cli import (  # noqa: F401  (each module registers its commands on ``main``)
    check,
    diff,
    editor,
    files,
    init,
    merge,
    output,
    recover,
)
from bmc_tui.cli.program import main

__all__ = ["main"]
