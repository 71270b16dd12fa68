"""``merge``: the three-way merge git's driver runs, item by item."""

from __future__ import annotations

import sys
from pathlib import Path

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
from bmc_tui.core.storage import CanvasError
from bmc_tui.core.textsafe import shown_path


@main.command("merge", context_settings=CONTEXT_SETTINGS, help=tell("cli-help-merge"))
@click.argument("base", metavar=named("cli-name-base"), type=click.Path(path_type=Path))
@click.argument("ours", metavar=named("cli-name-ours"), type=click.Path(path_type=Path))
@click.argument("theirs", metavar=named("cli-name-theirs"), type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    metavar=named("cli-name-file"),
    type=click.Path(path_type=Path),
    help=tell("cli-option-merge-output"),
)
@click.option("--name", metavar=named("cli-name-name"), help=tell("cli-option-merge-name"))
@reports_canvas_errors
def merge_command(
    base: Path, ours: Path, theirs: Path, output: Path | None, name: str | None
) -> None:
    """Merge two changed canvases item by item (help: ``cli-help-merge``)."""
    from bmc_tui.core.merging import MergeError, merge
    from bmc_tui.core.shared_reading import SharedReader
    from bmc_tui.core.storage import checked_dumps, decode, parse, read_bytes, save_text

    target = output or ours
    label = shown_path(name or str(target))
    files = (base, ours, theirs)
    contents = [read_bytes(file) for file in files]
    shared = SharedReader()  # the three versions share most items: each is read once
    try:
        canvases = [
            parse(file, decode(file, data), shared=shared)
            for file, data in zip(files, contents, strict=True)
        ]
    except CanvasError:
        from bmc_tui.core.linemerge import is_not_a_canvas

        # Only a file that is no canvas is read a second time, to ask whether it is some other
        # TOML: pyproject.toml under a too-wide pattern is merged as git would without us.
        if any(is_not_a_canvas(data) for data in contents):
            _merge_lines(files, target, label, tell("merge-not-a-canvas"))
            return
        raise
    try:
        result = merge(*canvases)
    except MergeError as error:
        # Not an error for git: both versions are kept, in git's marks, for a person to choose.
        reason = tell("merge-beyond-a-canvas", reason=error)
        _merge_lines(files, target, label, reason, always_conflict=True)
        return
    # The result must read back as a valid canvas before it replaces anything.
    save_text(checked_dumps(result.canvas, Path(label)), target)
    for conflict in result.conflicts:
        click.echo(tell("cli-conflict", label=label, conflict=conflict))
    if result.conflicts:
        sys.exit(EXIT_FINDINGS)


def _merge_lines(
    files: tuple[Path, Path, Path],
    target: Path,
    label: str,
    reason: str,
    *,
    always_conflict: bool = False,
) -> None:
    """git's line merge of the three files into ``target``; exit 1 on conflicts."""
    from bmc_tui.core.linemerge import LineMergeError, merge_lines
    from bmc_tui.core.storage import write_file

    try:
        merged = merge_lines(*files, name=label)
    except LineMergeError as error:
        fail(f"{label}: {error}")
    write_file(target, merged.data)
    if merged.conflicts or always_conflict:
        click.echo(tell("cli-conflict", label=label, conflict=reason))
        sys.exit(EXIT_FINDINGS)
