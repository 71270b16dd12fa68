"""The ``bmc-tui`` command line.

Every subcommand but the editor itself is headless: this module and what it imports at the
top never import Textual, so ``validate`` in a pre-commit hook starts in a blink. The editor
is imported inside the one command that opens it.

Exit codes: 0 all well; 1 findings (``validate`` found invalid files, ``fmt --check`` found
files to reformat, ``diff`` found differences, ``check`` found lint findings, ``merge`` left
conflicts); 2 the command could not do its work (bad input, unwritable target).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, NoReturn, ParamSpec, TypeVar

import click

from bmc_tui import __version__
from bmc_tui.collector import long_lived_imports
from bmc_tui.core.catalogue import LANGUAGES, Language
from bmc_tui.core.interface_language import default_language
from bmc_tui.core.messages import say
from bmc_tui.core.model import Canvas, Header
from bmc_tui.core.places import first_problem
from bmc_tui.core.storage import CanvasError, dumps, load, save, with_canvas_suffix
from bmc_tui.core.textsafe import shown_path
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
        ctx.invoke(open_command, file=None, lang=None, ui_lang=None)


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


# --- diff, merge, check, git-setup -----------------------------------------------------------


def _print_text(text: Any) -> None:
    """Print a Rich ``Text``: coloured on a terminal, plain when piped or NO_COLOR is set.

    Markup and highlighting are off, and long lines are not wrapped, so the output is exactly
    the text that was built, whatever the user wrote in their canvas.
    """
    from rich.console import Console

    console = Console(soft_wrap=True, highlight=False, markup=False, emoji=False)
    console.print(text, end="")


def _load_at_revision(file: Path, rev: str) -> tuple[Canvas, str]:
    from bmc_tui.core.gitintegration import file_at_revision
    from bmc_tui.core.storage import decode, parse

    label = f"{shown_path(file)}@{shown_path(rev)}"
    return parse(Path(label), decode(Path(label), file_at_revision(file, rev))), label


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

    if textconv:
        if len(files) != 1 or rev:
            fail(tell("cli-diff-textconv-args"))
        _textconv(files[0])
        return
    try:
        if rev is not None:
            if len(files) != 1:
                fail(tell("cli-diff-rev-args"))
            old_rev, new_rev = split_range(rev)
            old, old_label = _load_at_revision(files[0], old_rev)
            if new_rev is None:
                new, new_label = load(files[0]), shown_path(files[0])
            else:
                new, new_label = _load_at_revision(files[0], new_rev)
        else:
            if len(files) != 2:
                fail(tell("cli-diff-args"))
            old, new = load(files[0]), load(files[1])
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
    text = render(canvas, chosen, language)
    if output is None:
        click.echo(text, nl=False)
        return
    write_export(text, output, source=file)
    if not names_a_stream(output):
        click.echo(tell("cli-wrote", path=shown_path(output)))


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
    from bmc_tui.core.linemerge import is_not_a_canvas
    from bmc_tui.core.merging import MergeError, merge
    from bmc_tui.core.storage import checked_dumps, decode, parse, read_bytes, save_text

    target = output or ours
    label = shown_path(name or str(target))
    files = (base, ours, theirs)
    contents = [read_bytes(file) for file in files]
    try:
        canvases = [
            parse(file, decode(file, data)) for file, data in zip(files, contents, strict=True)
        ]
    except CanvasError:
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
