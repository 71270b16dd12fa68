"""The ``bmc-tui`` command line: the program, and what every command shares.

Every subcommand but the editor itself is headless: this module and what it imports at the
top never import Textual, so ``validate`` in a pre-commit hook starts in a blink. The editor
is imported inside the one command that opens it.

Exit codes: 0 all well; 1 findings (``validate`` found invalid files, ``fmt --check`` found
files to reformat, ``diff`` found differences, ``check`` found lint findings, ``merge`` left
conflicts); 2 the command could not do its work (bad input, unwritable target).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from typing import Any, NoReturn, ParamSpec, TypeVar

import click

from bmc_tui import __version__
from bmc_tui.core.catalogue import LANGUAGES
from bmc_tui.core.interface_language import default_language
from bmc_tui.core.messages import say
from bmc_tui.core.storage import CanvasError
from bmc_tui.usage_errors import show_usage_error

#: Which files ``bmc-tui init`` sets git up for, unless --pattern says otherwise.
DEFAULT_PATTERN = "canvases/**/*.toml"

EXIT_FINDINGS = 1
EXIT_ERROR = 2

P = ParamSpec("P")
R = TypeVar("R")

LANGUAGE_CHOICE = click.Choice(LANGUAGES)
CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def fail(message: str) -> NoReturn:
    """Print one line to stderr and stop with the error exit code; never a traceback."""
    click.echo(f"bmc-tui: {message}", err=True)
    sys.exit(EXIT_ERROR)


def reports_canvas_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Turn a ``CanvasError`` anywhere in a command into one clear line and exit code 2."""

    @wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except CanvasError as error:
            fail(error.summary)

    return wrapper


def tell(key: str, **fields: object) -> str:
    """A message of the catalogue in the command line's language (``BMC_TUI_LANG``, else
    the locale's: ``default_language``)."""
    return say(key, default_language(), **fields)


def named(key: str, *, optional: bool = False, many: bool = False) -> str:
    """An argument's or a value's name in the usage line and the options (``FIL``), in the
    command line's language, marked as click marks it: ``[optional]``, ``many...``."""
    name = tell(key)
    name = f"[{name}]" if optional else name
    return f"{name}..." if many else name


class WordedCommand(click.Command):
    """A command whose whole help speaks the command line's language: its texts come from
    the catalogue (``help=tell(...)``), and so do the words click draws around them
    ("Usage:", "Options", ``[OPTIONS]``, the help option's line), which click has in English."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", tell("cli-options-metavar"))
        super().__init__(*args, **kwargs)

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        pieces = " ".join(self.collect_usage_pieces(ctx))
        formatter.write_usage(ctx.command_path, pieces, prefix=f"{tell('cli-usage')} ")

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [
            record
            for param in self.get_params(ctx)
            if not isinstance(param, click.Argument)
            and (record := param.get_help_record(ctx)) is not None
        ]
        if rows:
            with formatter.section(tell("cli-options")):
                formatter.write_dl(rows)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = tell("cli-option-help")
        return option


class DefaultToOpenGroup(WordedCommand, click.Group):
    """``bmc-tui FILE`` opens FILE: arguments that name no command open the editor, so
    ``bmc-tui FILE --lang da`` and ``bmc-tui --lang da FILE`` both work."""

    GROUP_OPTIONS = frozenset({"-h", "--help", "-V", "--version"})
    command_class = WordedCommand

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """click's ``main``, but a usage error (a missing argument, an unknown option, a bad
        value) is said by the catalogue, in the command line's language (exit 2, as click)."""
        if not kwargs.get("standalone_mode", True):
            return super().main(*args, **kwargs)
        try:
            return super().main(*args, **{**kwargs, "standalone_mode": False})
        except click.UsageError as error:
            show_usage_error(error, default_language(), self)
            sys.exit(error.exit_code)
        except click.ClickException as error:
            error.show()
            sys.exit(error.exit_code)
        except click.Abort:
            click.echo(tell("cli-aborted"), err=True)
            sys.exit(1)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        first = next((arg for arg in args if not arg.startswith("-")), None)
        opens = first is None or first not in self.commands
        if args and opens and not self.GROUP_OPTIONS.intersection(args):
            args = ["open", *args]
        return super().parse_args(ctx, args)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """Each command with the whole first sentence of its help, wrapped rather than cut
        off mid-sentence with "..." (click's default cuts it to the line)."""
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit=sys.maxsize)))
        if rows:
            with formatter.section(tell("cli-commands")):
                formatter.write_dl(rows)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # WordedCommand's options, then the commands (click.Group's, which comes later in
        # the method order, would write the options in click's words).
        super().format_options(ctx, formatter)
        self.format_commands(ctx, formatter)


@click.group(
    cls=DefaultToOpenGroup,
    invoke_without_command=True,
    context_settings=CONTEXT_SETTINGS,
    help=tell("cli-help-main"),
    subcommand_metavar=tell("cli-subcommand-metavar"),
)
@click.version_option(
    __version__, "-V", "--version", prog_name="bmc-tui", help=tell("cli-option-version")
)
@click.pass_context
def main(ctx: click.Context) -> None:
    """The editor, or the command named (the help text: the catalogue's ``cli-help-main``)."""
    if ctx.invoked_subcommand is None:
        from bmc_tui.cli.editor import open_command

        ctx.invoke(open_command, file=None, lang=None, ui_lang=None)
