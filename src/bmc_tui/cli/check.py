"""``check``: the canvas's lint findings."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from bmc_tui.cli.program import (
    CONTEXT_SETTINGS,
    EXIT_ERROR,
    EXIT_FINDINGS,
    fail,
    main,
    named,
    tell,
)
from bmc_tui.core.interface_language import default_language
from bmc_tui.core.storage import CanvasError
from bmc_tui.core.textsafe import shown_path


@main.command("check", context_settings=CONTEXT_SETTINGS, help=tell("cli-help-check"))
@click.argument(
    "files",
    nargs=-1,
    metavar=named("cli-name-files", optional=True, many=True),
    type=click.Path(path_type=Path),
)
@click.option(
    "--disable",
    multiple=True,
    metavar=named("cli-name-rule"),
    help=tell("cli-option-check-disable"),
)
@click.option("--list-rules", is_flag=True, help=tell("cli-option-check-list-rules"))
def check(files: tuple[Path, ...], disable: tuple[str, ...], list_rules: bool) -> None:
    """Lint each canvas FILE for what it may miss (help: ``cli-help-check``)."""
    from bmc_tui.core.lint import RULES, Locator, lint, unknown_rules
    from bmc_tui.core.storage import decode, parse, read_bytes

    if list_rules:
        width = max(len(rule.id) for rule in RULES)
        for rule in RULES:
            click.echo(f"{rule.id:<{width}}  {rule.description(default_language())}")
        return
    if not files:
        fail(tell("cli-check-needs-file"))
    unknown = unknown_rules(disable)
    if unknown:
        fail(tell("cli-unknown-rule", rule=repr(unknown[0])))
    errors = findings = 0
    for file in files:
        try:
            text = decode(file, read_bytes(file))
            canvas = parse(file, text)
        except CanvasError as error:
            errors += 1
            click.echo(f"bmc-tui: {error.summary}", err=True)
            continue
        places = Locator(text, canvas)
        for finding in lint(canvas, disable):
            findings += 1
            line, column = places.locate(finding)
            message = finding.message(default_language())
            click.echo(f"{shown_path(file)}:{line}:{column}: {finding.rule} {message}")
    if errors:
        sys.exit(EXIT_ERROR)
    if findings:
        sys.exit(EXIT_FINDINGS)
