"""``init`` (and its alias ``git-setup``): a repository set up for canvases."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from bmc_tui.cli.program import (
    CONTEXT_SETTINGS,
    DEFAULT_PATTERN,
    EXIT_FINDINGS,
    WordedCommand,
    fail,
    main,
    named,
    tell,
)
from bmc_tui.core.interface_language import default_language
from bmc_tui.core.messages import say
from bmc_tui.core.textsafe import shown_path


@main.command("init", context_settings=CONTEXT_SETTINGS, help=tell("cli-help-init"))
@click.option(
    "--pattern",
    default=DEFAULT_PATTERN,
    metavar=named("cli-name-pattern"),
    help=tell("cli-option-init-pattern", default=DEFAULT_PATTERN),
)
@click.option("--dry-run", is_flag=True, help=tell("cli-option-init-dry-run"))
@click.argument(
    "where",
    required=False,
    metavar=named("cli-name-where", optional=True),
    type=click.Path(path_type=Path),
    default=Path(),
)
def init(pattern: str, dry_run: bool, where: Path) -> None:
    """Set up this git repository for canvases (help: ``cli-help-init``)."""
    from bmc_tui.core.gitintegration import GitError, pattern_warnings
    from bmc_tui.core.repository_setup import SCHEMA_FILE, SetupError, apply_step, plan_setup

    language = default_language()
    families = {"attributes": "line", "ignore": "line"}
    try:
        plan = plan_setup(where, pattern)
        for warning in pattern_warnings(pattern):
            click.echo(f"bmc-tui: {warning}", err=True)
        for step in plan.steps:
            key = f"init-{families.get(step.kind, step.kind)}-{step.action}"
            if step.action not in ("keep", "conflict"):
                if dry_run:
                    key += "-dry"
                else:
                    apply_step(plan.root, step)
            detail = shown_path(step.detail)
            click.echo(
                say(
                    key,
                    language,
                    file=shown_path(os.path.relpath(plan.root / step.target)),
                    key=step.target,
                    line=detail,
                    pattern=detail,
                    value=detail,
                    schema=f"./{SCHEMA_FILE}",
                )
            )
    except GitError as error:
        fail(str(error))
    except SetupError as error:
        fail(say(error.key, language, **{k: shown_path(v) for k, v in error.fields.items()}))
    if dry_run:
        click.echo(say("init-dry-run", language))
    elif not plan.changes_anything:
        click.echo(say("init-nothing", language))
    else:
        files = [s.target for s in plan.steps if s.text is not None and s.action != "keep"]
        if files:
            click.echo(say("init-commit", language, files=", ".join(files)))
    if plan.conflicts:
        sys.exit(EXIT_FINDINGS)


# The old name, kept so scripts and habits keep working: the very same command.
main.add_command(
    WordedCommand(
        "git-setup",
        context_settings=CONTEXT_SETTINGS,
        callback=init.callback,
        params=init.params,
        help=tell("cli-help-git-setup"),
    )
)
