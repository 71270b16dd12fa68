"""``open`` and ``guide``: the commands that start the editor (on a terminal only)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from bmc_tui.cli.program import (
    CONTEXT_SETTINGS,
    LANGUAGE_CHOICE,
    fail,
    main,
    named,
    tell,
)
from bmc_tui.collector import long_lived_imports
from bmc_tui.core.catalogue import Language
from bmc_tui.core.interface_language import default_language


@main.command("open", context_settings=CONTEXT_SETTINGS, help=tell("cli-help-open"))
@click.argument(
    "file",
    required=False,
    metavar=named("cli-name-file", optional=True),
    type=click.Path(path_type=Path),
)
@click.option("--lang", type=LANGUAGE_CHOICE, help=tell("cli-option-open-lang"))
@click.option(
    "--ui-lang",
    type=LANGUAGE_CHOICE,
    help=tell("cli-option-open-ui-lang"),
)
def open_command(file: Path | None, lang: Language | None, ui_lang: Language | None) -> None:
    """Open FILE in the editor (the default command) (help: ``cli-help-open``)."""
    start_editor(file, lang, ui_lang)


def start_editor(
    file: Path | None, lang: Language | None, ui_lang: Language | None, *, guide: bool = False
) -> None:
    """The editor on FILE, as ``open`` and ``guide`` start it: on a terminal only."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        fail(tell("cli-needs-terminal"))
    # Imported here, not at the top: the headless commands must not pay for Textual.
    with long_lived_imports():
        from bmc_tui.tui.app import run_editor

    run_editor(file, language=lang or default_language(), ui_language=ui_lang, guide=guide)


@main.command(context_settings=CONTEXT_SETTINGS, help=tell("cli-help-guide"))
@click.argument("file", metavar=named("cli-name-file"), type=click.Path(path_type=Path))
@click.option("--lang", type=LANGUAGE_CHOICE, help=tell("cli-option-open-lang"))
@click.option("--ui-lang", type=LANGUAGE_CHOICE, help=tell("cli-option-open-ui-lang"))
def guide(file: Path, lang: Language | None, ui_lang: Language | None) -> None:
    """Walk through FILE question by question (help: ``cli-help-guide``)."""
    start_editor(file, lang, ui_lang, guide=True)
