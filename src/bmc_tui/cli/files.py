"""``new``, ``validate``, ``fmt`` and ``schema``: making, checking and tidying canvas files."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from bmc_tui.cli.program import (
    CONTEXT_SETTINGS,
    EXIT_ERROR,
    EXIT_FINDINGS,
    LANGUAGE_CHOICE,
    fail,
    main,
    named,
    reports_canvas_errors,
    tell,
)
from bmc_tui.core.catalogue import Language
from bmc_tui.core.interface_language import default_language
from bmc_tui.core.model import Canvas, Header
from bmc_tui.core.places import first_problem
from bmc_tui.core.storage import CanvasError, dumps, load, save, with_canvas_suffix
from bmc_tui.core.textsafe import shown_path


@main.command(context_settings=CONTEXT_SETTINGS, help=tell("cli-help-new"))
@click.argument("file", metavar=named("cli-name-file"), type=click.Path(path_type=Path))
@click.option(
    "--title", default="", metavar=named("cli-name-text"), help=tell("cli-option-new-title")
)
@click.option("--lang", type=LANGUAGE_CHOICE, help=tell("cli-option-new-lang"))
@reports_canvas_errors
def new(file: Path, title: str, lang: Language | None) -> None:
    """Write a new, empty canvas to FILE (help: ``cli-help-new``)."""
    file = with_canvas_suffix(file)
    if file.exists() or file.is_symlink():
        fail(tell("cli-exists", path=shown_path(file)))
    try:
        header = Header(title=title, language=lang or default_language())
    except ValueError as error:
        fail(f"--title: {first_problem(error, with_place=False, language=default_language())}")
    save(Canvas(header=header), file)
    click.echo(tell("cli-wrote", path=shown_path(file)))


@main.command(context_settings=CONTEXT_SETTINGS, help=tell("cli-help-validate"))
@click.argument(
    "files",
    nargs=-1,
    required=True,
    metavar=named("cli-name-files", many=True),
    type=click.Path(path_type=Path),
)
@click.option("-q", "--quiet", is_flag=True, help=tell("cli-option-validate-quiet"))
def validate(files: tuple[Path, ...], quiet: bool) -> None:
    """Check that each FILE is a valid canvas (help: ``cli-help-validate``)."""
    invalid = 0
    for file in files:
        try:
            canvas = load(file)
        except CanvasError as error:
            invalid += 1
            click.echo(str(error), err=False)
            continue
        if not quiet:
            click.echo(tell("cli-valid", path=shown_path(file), count=canvas.item_count()))
    if invalid:
        sys.exit(EXIT_FINDINGS)


@main.command(context_settings=CONTEXT_SETTINGS, help=tell("cli-help-fmt"))
@click.argument(
    "files",
    nargs=-1,
    required=True,
    metavar=named("cli-name-files", many=True),
    type=click.Path(path_type=Path),
)
@click.option("--check", is_flag=True, help=tell("cli-option-fmt-check"))
@click.option("--force", is_flag=True, help=tell("cli-option-fmt-force"))
def fmt(files: tuple[Path, ...], check: bool, force: bool) -> None:
    """Rewrite each FILE in canonical form (help: ``cli-help-fmt``)."""
    from bmc_tui.core.storage import decode, parse, read_bytes, refuse_read_only

    errors = would_change = 0
    for file in files:
        try:
            data = read_bytes(file)
            canvas = parse(file, decode(file, data))
            if dumps(canvas).encode("utf-8") == data:
                continue
            if check:
                would_change += 1
                click.echo(tell("cli-would-reformat", path=shown_path(file)))
            else:
                if not force:
                    refuse_read_only(file)
                save(canvas, file)
                click.echo(tell("cli-reformatted", path=shown_path(file)))
        except CanvasError as error:
            errors += 1
            click.echo(f"bmc-tui: {error.summary}", err=True)
    if errors:
        sys.exit(EXIT_ERROR)
    if would_change:
        sys.exit(EXIT_FINDINGS)


@main.command(context_settings=CONTEXT_SETTINGS, help=tell("cli-help-schema"))
def schema() -> None:
    """Print the JSON Schema of the canvas file format (help: ``cli-help-schema``)."""
    import json

    from bmc_tui.core.schema import canvas_json_schema

    click.echo(json.dumps(canvas_json_schema(), indent=2, ensure_ascii=False))
