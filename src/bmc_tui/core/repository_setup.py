"""Setting a repository up for canvases: what ``bmc-tui init`` (alias ``git-setup``) does.

One command, run once per clone, so that everyone who edits the canvases, in bmc-tui or in a
text editor, gets the same results:

- ``.gitattributes``: the canvas pattern uses the ``bmc`` diff and merge drivers;
- ``.gitignore``: lock files (``.NAME.toml.bmc-lock``) never get committed;
- ``canvas.schema.json`` at the repository root: the JSON Schema of a canvas file;
- ``.taplo.toml``: a rule that applies that schema to the canvases and formats them exactly
  as bmc-tui writes them, so an editor's format-on-save (Taplo, Even Better TOML) changes
  no byte of a canonical file;
- the repository's own git config: the two drivers (git never takes config from a clone).

The schema sits at the root, beside ``.taplo.toml`` that names it, rather than beside the
canvases: the canvas pattern may match files in many folders (``*.canvas.toml``), and a
schema in the canvas folder would itself look like one more file there to whoever lists it.

Everything is planned first (:func:`plan_setup` reads, decides and writes nothing) and then
applied step by step (:func:`apply_step`), so ``--dry-run`` reports exactly what a real run
would do.
Files are only ever added to: a line or a rule is appended when it is missing, and a file
that already says what is needed is left byte for byte as it was. The one file replaced
whole is the schema, which bmc-tui generates and owns.

Headless: imports nothing from Textual.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, Literal

from bmc_tui.core.gitintegration import (
    DEFAULT_PATTERN,
    attributes_line,
    driver_config,
    git_config_value,
    own_command,
    repo_toplevel,
    set_git_config,
)
from bmc_tui.core.locking import GITIGNORE_LINE
from bmc_tui.core.schema import canvas_json_schema

SCHEMA_FILE: Final = "canvas.schema.json"
TAPLO_FILE: Final = ".taplo.toml"

#: Every formatting option of Taplo 0.9, pinned in the canvas rule to what bmc-tui writes:
#: Taplo's defaults, except that arrays stay one element a line (no collapsing one-tag lists)
#: and indent by four spaces, as tomli-w does. All are set, not only the two that differ, so
#: a repository-wide ``[formatting]`` table cannot reach the canvases.
TAPLO_FORMATTING: Final[dict[str, bool | int | str]] = {
    "align_entries": False,
    "align_comments": True,
    "align_single_comments": True,
    "array_trailing_comma": True,
    "array_auto_expand": True,
    "array_auto_collapse": False,
    "inline_table_expand": True,
    "compact_arrays": True,
    "compact_inline_tables": False,
    "compact_entries": False,
    "column_width": 80,
    "indent_tables": False,
    "indent_entries": False,
    "indent_string": "    ",
    "trailing_newline": True,
    "reorder_keys": False,
    "reorder_arrays": False,
    "allowed_blank_lines": 2,
    "crlf": False,
}

#: What a step does: ``add`` appends to a file (making it when missing), ``write`` makes a
#: file, ``update`` replaces one, ``set`` sets a git config key, ``keep`` finds it done,
#: ``conflict`` finds something in the way that only its owner should change.
Action = Literal["add", "write", "update", "set", "keep", "conflict"]
#: Which kind of thing a step is about, for the words that describe it.
Kind = Literal["attributes", "ignore", "schema", "taplo", "config"]


class SetupError(Exception):
    """Setup cannot go on. ``key`` and ``fields`` name the message (see core.messages)."""

    def __init__(self, key: str, **fields: str) -> None:
        super().__init__(key, fields)
        self.key = key
        self.fields = fields


@dataclass(frozen=True)
class Step:
    """One file or setting: what is there, and what setup does (or would do) about it."""

    kind: Kind
    action: Action
    #: The file (relative to the repository root) or the git config key.
    target: str
    #: What the step is about: the line, the pattern, the config value.
    detail: str
    #: The file's whole new text, for the steps that write one.
    text: str | None = None


@dataclass(frozen=True)
class SetupPlan:
    """Every step, in the order they are done and reported."""

    root: Path
    steps: tuple[Step, ...]

    @property
    def changes_anything(self) -> bool:
        return any(step.action not in ("keep", "conflict") for step in self.steps)

    @property
    def conflicts(self) -> tuple[Step, ...]:
        return tuple(step for step in self.steps if step.action == "conflict")


def taplo_include(pattern: str) -> str:
    """The ``.gitattributes`` pattern as a Taplo glob, relative to the repository root.

    git matches a pattern without a slash against the file name in every folder, and one with
    a slash from the root (a leading slash only anchors it); Taplo matches paths from the root.
    """
    if "/" not in pattern:
        return f"**/{pattern}"
    return pattern.removeprefix("/")


def schema_text() -> str:
    """The schema file's text: the same bytes as ``bmc-tui schema`` prints."""
    return json.dumps(canvas_json_schema(), indent=2, ensure_ascii=False) + "\n"


def taplo_rule(pattern: str) -> str:
    """The ``.taplo.toml`` rule for canvases, as text to append (comment included)."""
    lines = [
        "# Canvases (added by `bmc-tui init`): checked against the canvas schema, and",
        "# formatted exactly as bmc-tui writes them, so saving in an editor changes nothing.",
        "[[rule]]",
        f"include = [{json.dumps(taplo_include(pattern))}]",
        "",
        "[rule.schema]",
        f"path = {json.dumps('./' + SCHEMA_FILE)}",
        "",
        "[rule.formatting]",
    ]
    lines += [f"{key} = {_toml_value(value)}" for key, value in TAPLO_FORMATTING.items()]
    return "\n".join(lines) + "\n"


def _toml_value(value: bool | int | str) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value)  # an int, or a plain string: JSON and TOML write both alike


def plan_setup(
    where: Path, pattern: str = DEFAULT_PATTERN, command: list[str] | None = None
) -> SetupPlan:
    """Decide, file by file, what setting up the repository that holds ``where`` takes."""
    line = attributes_line(pattern)
    root = repo_toplevel(where)
    steps = [
        _line_step(root, "attributes", ".gitattributes", line),
        _line_step(root, "ignore", ".gitignore", GITIGNORE_LINE),
        _schema_step(root),
        _taplo_step(root, pattern),
    ]
    for key, value in driver_config(command or own_command()):
        current = git_config_value(root, key)
        steps.append(Step("config", "keep" if current == value else "set", key, value))
    return SetupPlan(root, tuple(steps))


def apply_step(root: Path, step: Step) -> None:
    """Do one step of a plan; a step found done (or in conflict) touches nothing.

    One step at a time, so the command can report each as it is done, and a failure halfway
    leaves a report of exactly what was changed before it.
    """
    if step.action == "set":
        set_git_config(root, step.target, step.detail)
    elif step.text is not None and step.action in ("add", "write", "update"):
        path = root / step.target
        try:
            path.write_text(step.text, encoding="utf-8", newline="")
        except OSError as error:
            raise SetupError(
                "init-error-write", file=str(path), reason=error.strerror or str(error)
            ) from None


def _read(path: Path) -> str | None:
    """A text file's content; None when it does not exist."""
    try:
        # Bytes, decoded by hand: ``read_text`` would turn CRLF into LF, and an append would
        # then rewrite every line of a Windows-made file.
        return path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        return None
    except UnicodeDecodeError:
        raise SetupError("init-error-read", file=str(path), reason="not UTF-8 text") from None
    except OSError as error:
        raise SetupError(
            "init-error-read", file=str(path), reason=error.strerror or str(error)
        ) from None


def _appended(existing: str | None, addition: str, *, gap: bool = False) -> str:
    """``existing`` with ``addition`` after it, on a line of its own (a blank line between
    when ``gap``); CRLF files stay CRLF."""
    text = existing or ""
    newline = "\r\n" if "\r\n" in text else "\n"
    if text and not text.endswith("\n"):
        text += newline
    if gap and text.strip():
        text += newline
    return text + addition.replace("\n", newline)


def _line_step(root: Path, kind: Kind, name: str, line: str) -> Step:
    """A line a file must hold (spacing aside); appended when missing."""
    existing = _read(root / name)
    wanted = " ".join(line.split())
    present = existing is not None and any(
        " ".join(old.split()) == wanted for old in existing.splitlines()
    )
    if present:
        return Step(kind, "keep", name, line)
    return Step(kind, "add", name, line, _appended(existing, line + "\n"))


def _schema_step(root: Path) -> Step:
    wanted = schema_text()
    existing = _read(root / SCHEMA_FILE)
    if existing == wanted:
        return Step("schema", "keep", SCHEMA_FILE, SCHEMA_FILE)
    action: Action = "write" if existing is None else "update"
    return Step("schema", action, SCHEMA_FILE, SCHEMA_FILE, wanted)


def _taplo_step(root: Path, pattern: str) -> Step:
    include = taplo_include(pattern)
    existing = _read(root / TAPLO_FILE)
    config: dict[str, Any] = {}
    if existing is not None:
        try:
            config = tomllib.loads(existing)
        except tomllib.TOMLDecodeError as error:
            raise SetupError(
                "init-error-taplo-invalid", file=str(root / TAPLO_FILE), reason=str(error)
            ) from None
    rules = config.get("rule", [])
    ours = [
        rule
        for rule in (rules if isinstance(rules, list) else [])
        if isinstance(rule, dict) and include in (rule.get("include") or [])
    ]
    if ours:
        action: Action = "keep" if any(_rule_is_complete(rule) for rule in ours) else "conflict"
        return Step("taplo", action, TAPLO_FILE, include)
    text = _appended(existing, taplo_rule(pattern), gap=True)
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        # e.g. ``rule = [...]`` written inline: ``[[rule]]`` cannot extend it.
        raise SetupError(
            "init-error-taplo-invalid", file=str(root / TAPLO_FILE), reason=str(error)
        ) from None
    return Step("taplo", "add", TAPLO_FILE, include, text)


def _rule_is_complete(rule: dict[str, Any]) -> bool:
    """A rule that applies the schema and pins every formatting option as bmc-tui writes."""
    schema = rule.get("schema")
    path = schema.get("path") if isinstance(schema, dict) else None
    formatting = rule.get("formatting")
    if not isinstance(path, str) or not isinstance(formatting, dict):
        return False
    return Path(path) == Path(SCHEMA_FILE) and all(
        formatting.get(key) == value for key, value in TAPLO_FORMATTING.items()
    )
