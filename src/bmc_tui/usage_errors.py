"""click's usage errors (a missing argument, an unknown option, a bad value) said by the
message catalogue, in the command line's language.

click words them in English of its own ("Error: Missing argument 'FILE'."), around a usage
line that is ours. Each kind a person meets is told apart by its class and its parameter,
never by reading click's English; a kind not known here keeps click's words after ours.
"""

from __future__ import annotations

import click

from bmc_tui.core.language import Language
from bmc_tui.core.messages import say


def _name(error: click.UsageError, param: click.Parameter | None) -> str:
    return param.get_error_hint(error.ctx) if param is not None else "?"


def _option(error: click.UsageError, name: str, root: click.Command | None) -> click.Option | None:
    """The option that ``name`` (``--width``) names: the failing command's, or (click's parser
    gives some errors no context) the first of that name among ``root``'s commands."""
    if error.ctx is not None:
        commands = [error.ctx.command]
    elif isinstance(root, click.Group):
        commands = [root, *root.commands.values()]
    else:
        commands = [root] if root is not None else []
    options = (p for c in commands for p in c.params if isinstance(p, click.Option))
    return next((option for option in options if name in option.opts), None)


def _bad_value(error: click.BadParameter, language: Language) -> str:
    """What a parameter takes, by its type; click's own words for a type not known here."""
    kind = error.param.type if error.param is not None else None
    if isinstance(kind, click.Choice):
        choices = ", ".join(str(choice) for choice in kind.choices)
        return say("cli-error-choose", language, choices=choices)
    if isinstance(kind, click.IntRange):
        low = kind.min if kind.min is not None else "-∞"
        high = kind.max if kind.max is not None else "∞"
        return say("cli-error-range", language, low=low, high=high)
    if kind is click.INT:
        return say("cli-error-integer", language)
    return error.message


def usage_error_words(
    error: click.UsageError, language: Language, root: click.Command | None = None
) -> str:
    """The one line after "Fejl:"/"Error:" that says what is wrong with the command line."""
    if isinstance(error, click.MissingParameter):
        key = "cli-error-missing-option" if isinstance(error.param, click.Option) else None
        return say(key or "cli-error-missing-argument", language, name=_name(error, error.param))
    if isinstance(error, click.NoSuchOption):
        words = say("cli-error-no-such-option", language, option=f"'{error.option_name}'")
        if error.possibilities:
            options = ", ".join(f"'{name}'" for name in sorted(error.possibilities))
            words += " " + say("cli-error-did-you-mean", language, options=options)
        return words
    if isinstance(error, click.BadOptionUsage):
        option = _option(error, error.option_name, root)
        flag = option is not None and option.is_flag
        key = "cli-error-takes-no-value" if flag else "cli-error-needs-value"
        return say(key, language, option=f"'{error.option_name}'")
    if isinstance(error, click.BadParameter):
        what = _bad_value(error, language)
        return say("cli-error-bad-value", language, name=_name(error, error.param), what=what)
    return error.format_message()


def show_usage_error(
    error: click.UsageError, language: Language, root: click.Command | None = None
) -> None:
    """What click's ``UsageError.show`` prints, in ``language``: the usage line (ours), a
    hint to the help, and what is wrong (``root``: the command line's main command)."""
    ctx = error.ctx
    if ctx is not None:
        hint = say("cli-error-hint", language, command=ctx.command_path)
        click.echo(f"{ctx.get_usage()}\n{hint}\n", err=True, color=ctx.color)
    words = say("cli-error", language, message=usage_error_words(error, language, root))
    click.echo(words, err=True, color=ctx.color if ctx is not None else None)
