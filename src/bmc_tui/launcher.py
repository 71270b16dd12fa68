"""The ``bmc-tui`` console script: the garbage collector tuned before anything is imported
(see ``bmc_tui.collector`` for why)."""

from __future__ import annotations

from bmc_tui.collector import long_lived_imports, tune


def main() -> None:
    tune()
    with long_lived_imports():
        from bmc_tui.cli import main as cli_main
    cli_main()
