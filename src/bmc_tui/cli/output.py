"""``show`` and ``export``: a canvas drawn in the terminal, or written as another format."""

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
from bmc_tui.collector import no_collections
from bmc_tui.core.catalogue import Language
from bmc_tui.core.storage import load
from bmc_tui.core.textsafe import shown_path

# --- show, export ----------------------------------------------------------------------------


@main.command("show", context_settings=CONTEXT_SETTINGS, help=tell("cli-help-show"))
@click.argument("file", metavar=named("cli-name-file"), type=click.Path(path_type=Path))
@click.option(
    "--width",
    metavar=named("cli-name-columns"),
    type=click.IntRange(min=20, max=1000),
    help=tell("cli-option-show-width"),
)
@click.option("--lang", type=LANGUAGE_CHOICE, help=tell("cli-option-titles-lang"))
@click.option("--summary", is_flag=True, help=tell("cli-option-show-summary"))
@reports_canvas_errors
def show_command(file: Path, width: int | None, lang: Language | None, summary: bool) -> None:
    """Print FILE as the nine-block canvas grid (help: ``cli-help-show``)."""
    canvas = load(file)
    language = lang or canvas.header.language
    if summary:
        from bmc_tui.core.summary import summary_table

        click.echo(summary_table(canvas, language), nl=False)
        return
    from bmc_tui.core.show import print_canvas

    print_canvas(canvas, language, width=width)


@main.command("export", context_settings=CONTEXT_SETTINGS, help=tell("cli-help-export"))
@click.argument("file", metavar=named("cli-name-file"), type=click.Path(path_type=Path))
@click.option(
    "-f",
    "--format",
    "export_format",
    type=click.Choice(["md", "html", "json", "svg"]),
    help=tell("cli-option-export-format"),
)
@click.option(
    "-o",
    "--output",
    metavar=named("cli-name-out"),
    type=click.Path(path_type=Path),
    help=tell("cli-option-export-output"),
)
@click.option("--lang", type=LANGUAGE_CHOICE, help=tell("cli-option-titles-lang"))
@reports_canvas_errors
def export_command(
    file: Path, export_format: str | None, output: Path | None, lang: Language | None
) -> None:
    """Export FILE as Markdown, HTML, JSON or SVG (help: ``cli-help-export``)."""
    from bmc_tui.core.export import UnknownFormat, choose_format, render, write_export
    from bmc_tui.core.storage import names_a_stream

    canvas = load(file)
    language = lang or canvas.header.language
    try:
        chosen = choose_format(export_format, output, language)
    except UnknownFormat as error:
        fail(str(error))
    with no_collections():  # one big text, built and written: nothing to collect
        text = render(canvas, chosen, language)
    if output is None:
        click.echo(text, nl=False)
        return
    write_export(text, output, source=file)
    if not names_a_stream(output):
        click.echo(tell("cli-wrote", path=shown_path(output)))
