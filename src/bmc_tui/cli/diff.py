"""``diff``: what changed between two canvases (or revisions), and git's textconv reading."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from bmc_tui.cli.program import (
    CONTEXT_SETTINGS,
    EXIT_FINDINGS,
    fail,
    main,
    named,
    reports_canvas_errors,
    tell,
)
from bmc_tui.core.interface_language import default_language
from bmc_tui.core.model import Canvas
from bmc_tui.core.storage import CanvasError, load
from bmc_tui.core.textsafe import shown_path

if TYPE_CHECKING:
    from bmc_tui.core.shared_reading import SharedReader

# --- diff, merge, check, git-setup -----------------------------------------------------------


def _print_text(text: Any) -> None:
    """Print a Rich ``Text``: coloured on a terminal, plain when piped or NO_COLOR is set.

    Markup and highlighting are off, and long lines are not wrapped, so the output is exactly
    the text that was built, whatever the user wrote in their canvas.
    """
    from rich.console import Console

    console = Console(soft_wrap=True, highlight=False, markup=False, emoji=False)
    console.print(text, end="")


def _load_at_revision(file: Path, rev: str, shared: SharedReader) -> tuple[Canvas, str]:
    from bmc_tui.core.gitintegration import file_at_revision
    from bmc_tui.core.storage import decode, parse

    label = f"{shown_path(file)}@{shown_path(rev)}"
    data = file_at_revision(file, rev)
    return parse(Path(label), decode(Path(label), data), shared=shared), label


@main.command("diff", context_settings=CONTEXT_SETTINGS, help=tell("cli-help-diff"))
@click.argument(
    "files",
    nargs=-1,
    metavar=named("cli-name-files", optional=True, many=True),
    type=click.Path(path_type=Path),
)
@click.option(
    "--rev",
    metavar="REV|A..B",
    help=tell("cli-option-diff-rev"),
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "md", "json"]),
    default="text",
    help=tell("cli-option-diff-format"),
)
@click.option(
    "--textconv",
    is_flag=True,
    help=tell("cli-option-diff-textconv"),
)
@reports_canvas_errors
def diff_command(
    files: tuple[Path, ...], rev: str | None, output_format: str, textconv: bool
) -> None:
    """Show what changed between two canvases (help: ``cli-help-diff``)."""
    from bmc_tui.core import diffing
    from bmc_tui.core.gitintegration import GitError, split_range
    from bmc_tui.core.shared_reading import SharedReader

    if textconv:
        if len(files) != 1 or rev:
            fail(tell("cli-diff-textconv-args"))
        _textconv(files[0])
        return
    shared = SharedReader()  # two versions share most items: each is read once
    try:
        if rev is not None:
            if len(files) != 1:
                fail(tell("cli-diff-rev-args"))
            old_rev, new_rev = split_range(rev)
            old, old_label = _load_at_revision(files[0], old_rev, shared)
            if new_rev is None:
                new, new_label = load(files[0], shared=shared), shown_path(files[0])
            else:
                new, new_label = _load_at_revision(files[0], new_rev, shared)
        else:
            if len(files) != 2:
                fail(tell("cli-diff-args"))
            old, new = load(files[0], shared=shared), load(files[1], shared=shared)
            old_label, new_label = shown_path(files[0]), shown_path(files[1])
    except GitError as error:
        fail(str(error))

    result = diffing.diff_canvases(old, new)
    if output_format == "json":
        click.echo(diffing.render_json(result))
    elif output_format == "md":
        markdown = diffing.render_markdown(result, old_label, new_label, default_language())
        click.echo(markdown, nl=False)
    else:
        _print_text(diffing.render_text(result, old_label, new_label, default_language()))
    if not result.equal:
        sys.exit(EXIT_FINDINGS)


def _textconv(file: Path) -> None:
    """Print the textconv reading; a file that is no valid canvas is shown as it is.

    git runs textconv on whatever is committed, conflict markers and typos included; failing
    there would make ``git diff`` and ``git log -p`` fail too, so the raw text is shown,
    after one line that says why.
    """
    from bmc_tui.core.diffing import textconv
    from bmc_tui.core.linemerge import is_not_a_canvas
    from bmc_tui.core.storage import decode, parse, read_bytes
    from bmc_tui.core.textsafe import displayable

    data = read_bytes(file)
    if is_not_a_canvas(data):
        # pyproject.toml under a too-wide pattern: git shows it as the text it is (but for
        # what a terminal would obey: valid TOML may still hold a bidi override).
        text = data.decode("utf-8").replace("\r\n", "\n")
        click.echo(displayable(text, keep_newlines=True), nl=False)
        return
    try:
        canvas = parse(file, decode(file, data))
    except CanvasError as error:
        click.echo(f"(not a valid canvas: {error.summary})")
        # Shown as it is, except what a terminal would obey: a committed file may hold escapes.
        raw = data.decode("utf-8", errors="replace").replace("\r\n", "\n")
        click.echo(displayable(raw, keep_newlines=True), nl=False)
        return
    click.echo(textconv(canvas, default_language()), nl=False)
