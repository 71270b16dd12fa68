"""``recover``: the untitled canvases a closed editor left for recovery."""

from __future__ import annotations

from pathlib import Path

import click

from bmc_tui.cli.program import (
    CONTEXT_SETTINGS,
    LANGUAGE_CHOICE,
    fail,
    main,
    named,
    reports_canvas_errors,
    tell,
)
from bmc_tui.core.catalogue import Language
from bmc_tui.core.interface_language import default_language
from bmc_tui.core.messages import say
from bmc_tui.core.textsafe import shown_path

# --- recover (the canvas session's untitled recoveries) --------------------------------------


@main.command("recover", context_settings=CONTEXT_SETTINGS, help=tell("cli-help-recover"))
@click.argument(
    "number",
    required=False,
    metavar=named("cli-name-number", optional=True),
    type=click.IntRange(min=1),
)
@click.option(
    "-o",
    "--output",
    metavar=named("cli-name-file"),
    type=click.Path(path_type=Path),
    help=tell("cli-option-recover-output"),
)
@click.option("--force", is_flag=True, help=tell("cli-option-recover-force"))
@click.option("--lang", type=LANGUAGE_CHOICE, help=tell("cli-option-recover-lang"))
@reports_canvas_errors
def recover(number: int | None, output: Path | None, force: bool, lang: Language | None) -> None:
    """List or restore canvases never saved (help: ``cli-help-recover``)."""
    from bmc_tui.core.session import describe_recovery, orphaned_untitled, restore_to_file

    language = lang or default_language()
    found = orphaned_untitled()
    if number is None:
        if output is not None:
            fail(say("session-recover-needs-output", language))
        if not found:
            click.echo(say("session-recover-none", language))
            return
        for index, entry in enumerate(found, start=1):
            click.echo(f"{index}  {describe_recovery(entry, language)}")
        click.echo(say("session-recover-hint", language))
        return
    if number > len(found):
        fail(say("session-recover-no-such", language, number=number))
    if output is None:
        fail(say("session-recover-needs-output", language))
    restore_to_file(found[number - 1], output, force=force)
    click.echo(say("session-recover-wrote", language, path=shown_path(output)))
