"""The ``bmc-tui`` console script: the garbage collector tuned before anything is imported
(see ``bmc_tui.collector`` for why), and output that never fails on a character."""

from __future__ import annotations

import io
import sys
import types

from bmc_tui.collector import long_lived_imports, tune


def main() -> None:
    tune()
    printable_anywhere()
    without_pydantic_plugins()
    with long_lived_imports():
        from bmc_tui.cli import main as cli_main
    cli_main()


#: The module through which Pydantic looks for plugins, when it first builds a validator.
PYDANTIC_PLUGIN_LOADER = "pydantic.plugin._loader"


def without_pydantic_plugins() -> None:
    """Pydantic plugins observe every validation (for tracing and logging services); a
    canvas editor wants none. Looking for them imports ``importlib.metadata`` (and with it
    ``email``, ``zipfile``, ``csv``...) and reads every installed package's entry points:
    1.5 MiB and about 10 ms of each start-up, the editor's and every headless command's.
    Pydantic still validates every canvas; it is only told there are no plugins, as
    ``PYDANTIC_DISABLE_PLUGINS`` would, without the search. (Pydantic imports the loader
    by this name when it builds a validator; a test holds it to that.)"""
    loader = types.ModuleType(PYDANTIC_PLUGIN_LOADER)
    loader.get_plugins = tuple  # type: ignore[attr-defined]  # no plugins: ()
    sys.modules.setdefault(PYDANTIC_PLUGIN_LOADER, loader)


def printable_anywhere() -> None:
    """A terminal or pipe that cannot show a character gets a replacement for it, not a
    traceback: ``PYTHONIOENCODING=ascii``, or an old terminal over SSH, would otherwise end
    ``show`` at the first dash or Danish letter. Files written with ``-o`` are bytes, so
    they are always whole UTF-8."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and stream.errors == "strict":
            stream.reconfigure(errors="replace")
