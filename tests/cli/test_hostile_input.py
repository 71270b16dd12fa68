"""Hostile canvas files through the real ``bmc-tui`` console script.

Canvas files come from git pulls, e-mail and other people's editors. Whatever is in one, every
command must: exit with its documented code (validate 1, the others 2; 0 where the file is
in fact valid), say what is wrong in one line that names the file (and the place, where
known), never print a traceback, never let an escape sequence, bidi override or NUL reach
the terminal, never write or change a file, and finish: nothing may hang.

Each case is run through ``validate``, ``show``, ``export --format md|html|json``, ``diff``
and ``diff --textconv`` (which git runs on whatever is committed). Control characters are
tried in every kind of field; there, the full set of commands runs on one payload (an OSC
window-title sequence) and every other payload goes through ``validate`` only, all files in
one run: the other commands report the same ``CanvasError`` (its first line), so ``validate``,
which prints every problem, exercises every message. Set ``BMC_HOSTILE_FULL=1`` to run every
command on every payload as well.

The matrix runs in-process through click's ``CliRunner`` (the same ``main`` the console
script calls, with its exit codes and its streams kept apart); starting a Python process per
case made the setup take half a minute. The real console script still runs once per command
(:func:`test_the_console_script_itself`), for what only a real process shows: its exit code
as the shell sees it, and no traceback on its way out.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner

from bmc_tui.cli import main
from bmc_tui.core.storage import MAX_FILE_BYTES

CLI = Path(sys.executable).parent / "bmc-tui"
EXAMPLE = Path(__file__).resolve().parents[2] / "canvases" / "example-en.toml"
TIMEOUT = 90  # seconds: generous for a loaded machine; the point is "does not hang"

#: Bytes that must never reach the terminal, whatever a canvas holds.
FORBIDDEN_BYTES = {
    "ESC": b"\x1b",
    "C1 CSI": "\u009b".encode(),
    "NUL": b"\x00",
    "BEL": b"\x07",
    "backspace": b"\x08",
    **{f"bidi U+{ord(c):04X}": c.encode() for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067"},
}

#: Control sequences and characters, as TOML basic-string escapes.
PAYLOADS = {
    "osc-title": "\\u001b]0;pwned\\u0007",
    "csi-red": "\\u001b[31m",
    "osc52-clipboard": "\\u001b]52;c;cHduZWQ=\\u0007",
    "bidi-override": "\\u202e",
    "nul": "\\u0000",
    "other-controls": "\\u0008\\u007f\\u009b31m\\u0085",
}
FULL_PAYLOAD = "osc-title"

#: Every kind of place text can go, as a TOML template with ``{p}`` for the payload.
FIELDS = {
    "item-text": '[[channels]]\ntext = "a{p}b"\n',
    "item-note": '[[channels]]\ntext = "a"\nnote = "a{p}b"\n',
    "item-tag": '[[channels]]\ntext = "a"\ntags = ["a{p}b"]\n',
    "item-category": '[[channels]]\ntext = "a"\ncategory = "a{p}b"\n',
    "item-id": '[[channels]]\nid = "a{p}b"\ntext = "a"\n',
    "header-title": '[canvas]\ntitle = "a{p}b"\n',
    "header-designed_for": '[canvas]\ndesigned_for = "a{p}b"\n',
    "header-designed_by": '[canvas]\ndesigned_by = "a{p}b"\n',
    "header-version": '[canvas]\nversion = "a{p}b"\n',
    "header-description": '[canvas]\ndescription = "a{p}b"\n',
    "header-language": '[canvas]\nlanguage = "a{p}b"\n',
    "header-date": '[canvas]\ndate = "a{p}b"\n',
    "header-lint_disable": '[canvas]\nlint_disable = ["a{p}b"]\n',
    "format_version": 'format_version = "a{p}b"\n',
    "key-in-canvas": '[canvas]\n"a{p}b" = 1\n',
    "key-in-item": '[[channels]]\ntext = "a"\n"a{p}b" = 1\n',
    "key-as-block": '[["a{p}b"]]\ntext = "a"\n',
    "key-at-top": '"a{p}b" = 1\n',
}


@dataclass(frozen=True)
class Case:
    """One hostile file: how to make it, whether it is in fact valid, what the error says."""

    make: Callable[[Path], Path]
    valid: bool = False
    #: Words the one-line error must contain (for an invalid file).
    says: str = ""
    #: The FILE:LINE:COL place the error must name, as ":LINE:COL", where it is known.
    place: str = ""
    #: False for a TOML file with none of a canvas's keys: textconv shows it as plain text
    #: (as git would without bmc-tui), with nothing a terminal would obey.
    canvas: bool = True


def text(name: str, content: str | bytes) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8", newline="")
        else:
            path.write_bytes(content)
        return path

    return make


def symlink(name: str, target: Callable[[Path], Path | str]) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        path.symlink_to(target(folder))
        return path

    return make


def loop(folder: Path) -> Path:
    (folder / "loop-b.toml").symlink_to(folder / "loop-a.toml")
    (folder / "loop-a.toml").symlink_to(folder / "loop-b.toml")
    return folder / "loop-a.toml"


def outside_canvas(folder: Path) -> Path:
    elsewhere = folder.parent / f"{folder.name}-elsewhere"
    elsewhere.mkdir(exist_ok=True)
    target = elsewhere / "real.toml"
    target.write_bytes(EXAMPLE.read_bytes())
    return target


def many_items(count: int) -> str:
    return "".join(
        f'[[key_partners]]\nid = "k{n}"\ntext = "Partner {n}"\ntags = ["t{n % 40}"]\n\n'
        for n in range(count)
    )


def a_folder(folder: Path) -> Path:
    path = folder / "folder.toml"
    path.mkdir()
    return path


EXAMPLE_BYTES = EXAMPLE.read_bytes()
PADDING = b"# " + b"x" * 1000 + b"\n"
JUST_UNDER = EXAMPLE_BYTES + PADDING * ((MAX_FILE_BYTES - len(EXAMPLE_BYTES)) // len(PADDING))
assert len(JUST_UNDER) <= MAX_FILE_BYTES

CASES: dict[str, Case] = {
    "empty": Case(text("empty.toml", b""), valid=True),
    "binary": Case(text("binary.toml", b"format_version = 1\n\x00\x01\x02\xff"), says="binary"),
    "not-utf8": Case(
        text("latin1.toml", '[canvas]\ntitle = "Bager på Nørrebro"\n'.encode("latin-1")),
        says="not UTF-8",
        place=":2:17",
    ),
    "bom": Case(text("bom.toml", b"\xef\xbb\xbf" + EXAMPLE_BYTES), valid=True),
    "crlf": Case(text("crlf.toml", EXAMPLE_BYTES.replace(b"\n", b"\r\n")), valid=True),
    "crlf-in-note": Case(
        text("crlf-note.toml", '[[channels]]\ntext = "a"\nnote = """one\r\ntwo\r\n"""\r\n'),
        valid=True,
    ),
    "too-large": Case(text("huge.toml", b"#" * (MAX_FILE_BYTES + 1)), says="at most"),
    "just-under-the-limit": Case(text("under.toml", JUST_UNDER), valid=True),
    "deep-array": Case(
        text("deep-array.toml", "a = " + "[" * 10_000 + "]" * 10_000 + "\n"),
        says="nested too deeply",
    ),
    "deep-inline-tables": Case(
        text("deep-inline.toml", "a = " + "{b = " * 10_000 + "1" + "}" * 10_000 + "\n"),
        says="nested too deeply",
    ),
    "deep-table-header": Case(
        text("deep-table.toml", "[" + ".".join(["a"] * 10_000) + "]\n"),
        says="unknown block or table",
        canvas=False,
    ),
    "deep-array-in-title": Case(
        text("deep-title.toml", "[canvas]\ntitle = " + "[" * 10_000 + "]" * 10_000 + "\n"),
        says="nested too deeply",
    ),
    "10000-items": Case(text("many.toml", many_items(10_000)), valid=True),
    "duplicate-ids": Case(
        text(
            "dup.toml", '[[channels]]\nid = "a"\ntext = "x"\n\n[[channels]]\nid = "a"\ntext = "y"\n'
        ),
        says="duplicate item id 'a'",
        place=":6:1",
    ),
    "unknown-fields": Case(
        text("unknown.toml", '[canvas]\nauthor = "me"\n\n[[channels]]\ntext = "x"\ncolour = 1\n'),
        says="canvas.author: unknown field",
        place=":2:1",
    ),
    "wrong-types": Case(
        text("types.toml", '[canvas]\ntitle = 3\ndate = "soon"\n\n[[channels]]\ntext = ["x"]\n'),
        says="canvas.title",
        place=":2:1",
    ),
    "future-format": Case(text("future.toml", "format_version = 99\n"), says="newer", place=":1:1"),
    "malformed-toml": Case(
        text("malformed.toml", '[canvas]\ntitle = "never closed\n'), says="invalid TOML"
    ),
    "symlink-to-a-canvas-elsewhere": Case(
        symlink("link-elsewhere.toml", outside_canvas), valid=True
    ),
    "symlink-to-a-system-file": Case(
        symlink("link-passwd.toml", lambda _: "/etc/passwd"), says="invalid TOML"
    ),
    "symlink-to-dev-zero": Case(
        symlink("zero.toml", lambda _: "/dev/zero"), says="not a regular file"
    ),
    "symlink-to-dev-urandom": Case(
        symlink("urandom.toml", lambda _: "/dev/urandom"), says="not a regular file"
    ),
    "symlink-loop": Case(loop, says="symbolic links"),
    "dangling-symlink": Case(
        symlink("dangling.toml", lambda folder: folder / "gone.toml"), says="no such file"
    ),
    "missing": Case(lambda folder: folder / "missing.toml", says="no such file"),
    "a-folder": Case(a_folder, says="is a folder"),
    "raw-escape-in-string": Case(
        text("raw-esc.toml", b'[canvas]\ntitle = "\x1b]0;pwned\x07"\n'), says="invalid TOML"
    ),
    "raw-escape-in-comment": Case(
        text("raw-esc-comment.toml", b"# \x1b]0;pwned\x07\n"), says="invalid TOML"
    ),
    "raw-escape-in-key": Case(
        text("raw-esc-key.toml", b"[canvas]\n\x1b[31m = 1\n"), says="invalid TOML"
    ),
    "raw-bidi-in-string": Case(
        text("raw-bidi.toml", '[canvas]\ntitle = "abc\u202edef"\n'),
        says="U+202E",
        place=":2:1",
    ),
    "raw-bidi-in-key": Case(text("raw-bidi-key.toml", '[canvas]\n"\u202e" = 1\n'), says="\\u202e"),
    "raw-c1-in-note": Case(
        text("raw-c1.toml", '[[channels]]\ntext = "a"\nnote = "\u009b31m"\n'), says="U+009B"
    ),
}


def field_case(field: str, payload: str) -> Case:
    says = "\\u" if field.startswith("key-") else ""
    return Case(
        text(f"{field}.{payload}.toml", FIELDS[field].format(p=PAYLOADS[payload])),
        says=says,
        canvas=field not in ("key-at-top", "key-as-block"),
    )


FULL = os.environ.get("BMC_HOSTILE_FULL") == "1"
for _field in FIELDS:
    for _payload in PAYLOADS if FULL else [FULL_PAYLOAD]:
        CASES[f"{_field}/{_payload}"] = field_case(_field, _payload)

COMMANDS: dict[str, list[str]] = {
    "validate": ["validate", "{file}"],
    "show": ["show", "{file}", "--width", "100"],
    "export-md": ["export", "--format", "md", "{file}"],
    "export-html": ["export", "--format", "html", "{file}"],
    "export-json": ["export", "--format", "json", "{file}"],
    "diff": ["diff", "{file}", str(EXAMPLE)],
    "textconv": ["diff", "--textconv", "{file}"],
}


@dataclass(frozen=True)
class Run:
    args: list[str]
    returncode: int | None
    stdout: bytes
    stderr: bytes


ENV = {"COLUMNS": "100", "NO_COLOR": "1", "PYTHONUTF8": "1"}


def run_in_process(args: list[str], cwd: Path) -> Run:
    """``bmc-tui ARGS`` through ``main`` in this process; an exception that escapes it is
    reported as a traceback on stderr, as the console script would print it."""
    with contextlib.chdir(cwd):
        result = CliRunner(env=ENV).invoke(main, args, catch_exceptions=True)
    stderr = result.stderr_bytes or b""
    returncode = result.exit_code
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        assert result.exc_info is not None
        stderr += "".join(traceback.format_exception(*result.exc_info)).encode()
        returncode = 1
    return Run(args, returncode, result.stdout_bytes, stderr)


def run(args: list[str], cwd: Path) -> Run:
    """``bmc-tui ARGS`` as a separate process: the real console script."""
    env = {**os.environ, **ENV}
    try:
        done = subprocess.run(
            [str(CLI), *args], capture_output=True, timeout=TIMEOUT, cwd=cwd, env=env, check=False
        )
    except subprocess.TimeoutExpired as expired:
        return Run(args, None, expired.stdout or b"", expired.stderr or b"")
    return Run(args, done.returncode, done.stdout, done.stderr)


def snapshot(folder: Path) -> dict[str, tuple[bytes, int] | str]:
    """Every entry under ``folder``: files with bytes and mtime, links with their target."""
    state: dict[str, tuple[bytes, int] | str] = {}
    for entry in sorted(folder.rglob("*")):
        key = str(entry.relative_to(folder))
        if entry.is_symlink():
            state[key] = "-> " + os.readlink(entry)
        elif entry.is_dir():
            state[key] = "dir"
        else:
            state[key] = (entry.read_bytes(), entry.stat().st_mtime_ns)
    return state


@dataclass
class Matrix:
    """Every case's file, made once per test process, and each command's run on it, made
    when a test first asks for it (a process that runs three of the tests pays for three
    runs, not for the whole matrix)."""

    folder: Path
    workdir: Path
    files: dict[str, Path]
    jobs: dict[tuple[str, str], list[str]]
    before: dict[str, tuple[bytes, int] | str]
    runs: dict[tuple[str, str], Run] = field(default_factory=dict)

    def run(self, name: str, command: str) -> Run:
        key = (name, command)
        if key not in self.runs:
            args = self.jobs[key]
            done: list[Run] = []
            # In a thread with a deadline, so a run that hangs fails its test, not the suite.
            worker = threading.Thread(
                target=lambda: done.append(run_in_process(args, self.workdir)), daemon=True
            )
            worker.start()
            worker.join(TIMEOUT)
            self.runs[key] = done[0] if done else Run(args, None, b"", b"")
        return self.runs[key]


@pytest.fixture(scope="module")
def matrix(tmp_path_factory: pytest.TempPathFactory) -> Matrix:
    folder = tmp_path_factory.mktemp("hostile")
    workdir = tmp_path_factory.mktemp("cwd")
    files = {name: case.make(folder) for name, case in CASES.items()}
    before = snapshot(folder)
    jobs = {
        (name, command): [arg.replace("{file}", str(files[name])) for arg in args]
        for name in CASES
        for command, args in COMMANDS.items()
    }
    return Matrix(folder, workdir, files, jobs, before)


def leaks(output: bytes) -> list[str]:
    return [name for name, raw in FORBIDDEN_BYTES.items() if raw in output]


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("name", list(CASES))
def test_hostile_input(matrix: Matrix, name: str, command: str) -> None:
    check_run(CASES[name], matrix.run(name, command), str(matrix.files[name]), command)


#: One case per command for the real console script: a hostile payload, a valid file, and
#: one refused before parsing (the exit codes differ between them).
SCRIPT_CASES = {
    "validate": f"item-text/{FULL_PAYLOAD}",
    "show": f"header-title/{FULL_PAYLOAD}",
    "export-md": "not-utf8",
    "export-html": "bom",
    "export-json": "duplicate-ids",
    "diff": "raw-escape-in-string",
    "textconv": f"key-in-item/{FULL_PAYLOAD}",
}


@pytest.mark.parametrize("command", list(COMMANDS))
def test_the_console_script_itself(tmp_path: Path, command: str) -> None:
    """The same checks on a real process: exit code, streams, no traceback, no leak."""
    name = SCRIPT_CASES[command]
    case = CASES[name]
    folder = tmp_path / "files"
    folder.mkdir()
    file = case.make(folder)
    before = snapshot(folder)
    args = [arg.replace("{file}", str(file)) for arg in COMMANDS[command]]
    result = run(args, tmp_path)
    check_run(case, result, str(file), command)
    assert snapshot(folder) == before


def check_run(case: Case, result: Run, file: str, command: str) -> None:
    shown = f"{result.args}\nstdout: {result.stdout[:400]!r}\nstderr: {result.stderr[:400]!r}"

    assert result.returncode is not None, f"hung for {TIMEOUT}s: {shown}"
    assert b"Traceback" not in result.stdout + result.stderr, shown
    assert leaks(result.stdout + result.stderr) == [], shown

    stderr = result.stderr.decode("utf-8")
    stdout = result.stdout.decode("utf-8")
    if command == "textconv" and not case.canvas:
        assert result.returncode == 0, shown
        assert stderr == "", shown
        assert not stdout.startswith("(not a valid canvas"), shown
        assert stdout == Path(file).read_text(encoding="utf-8"), shown
        return
    if case.valid:
        expected = {0, 1} if command == "diff" else {0}
        assert result.returncode in expected, shown
        assert stderr == "", shown
        return

    if command == "validate":
        # validate is a report: one FILE[:LINE:COL]: message line per problem, on stdout.
        assert result.returncode == 1, shown
        assert stderr == "", shown
        lines = stdout.splitlines()
        assert lines, shown
        assert all(line.startswith(file) for line in lines), shown
        error_line = lines[0]
    elif command == "textconv" and result.returncode == 0:
        # git must still get a diff: one line saying why, then the text as it is.
        error_line = stdout.splitlines()[0]
        assert error_line.startswith(f"(not a valid canvas: {file}"), shown
        error_line = error_line.removeprefix("(not a valid canvas: ")
    else:
        assert result.returncode == 2, shown
        assert stdout == "", shown
        assert stderr.count("\n") == 1, shown
        assert stderr.startswith(f"bmc-tui: {file}"), shown
        error_line = stderr.removeprefix("bmc-tui: ")
    assert case.says in error_line, shown
    if case.place:
        assert error_line.startswith(file + case.place + ":"), shown


def test_no_file_was_written_or_changed(matrix: Matrix) -> None:
    for name, command in matrix.jobs:  # every command on every file, then nothing changed
        matrix.run(name, command)
    assert snapshot(matrix.folder) == matrix.before
    assert list(matrix.workdir.iterdir()) == []


def test_every_payload_in_every_field_through_validate(tmp_path: Path) -> None:
    """``validate`` prints every problem of every file: one run covers every message."""
    files = [field_case(field, payload).make(tmp_path) for field in FIELDS for payload in PAYLOADS]
    before = snapshot(tmp_path)
    result = run(["validate", *map(str, files)], tmp_path)
    shown = f"stdout: {result.stdout[:2000]!r}\nstderr: {result.stderr[:400]!r}"
    assert result.returncode == 1, shown
    assert result.stderr == b"", shown
    assert leaks(result.stdout) == [], shown
    lines = result.stdout.decode("utf-8").splitlines()
    # Every file is refused, and says so in lines that start with its name.
    for file in files:
        assert any(line.startswith(f"{file}") for line in lines), file
    assert not [line for line in lines if not line.startswith(str(tmp_path))]
    assert not [line for line in lines if line.endswith(": ok")]
    assert snapshot(tmp_path) == before


def test_10000_items_validate(tmp_path: Path) -> None:
    # How long it takes is the benchmark's business (tests/benchmarks/run.py times every
    # headless command on 1,000 and 10,000 items against validate); a timed assertion here
    # would fail on a loaded machine and prove nothing about scaling.
    path = tmp_path / "many.toml"
    path.write_text(many_items(10_000))
    result = run(["validate", str(path)], tmp_path)
    assert result.returncode == 0
    assert result.stdout.decode().strip() == f"{path}: ok (10000 items)"


def test_a_file_name_holding_an_escape_sequence(tmp_path: Path) -> None:
    path = tmp_path / "\x1b]0;pwned\x07.toml"
    path.write_bytes(EXAMPLE_BYTES)
    result = run(["validate", str(path)], tmp_path)
    assert result.returncode == 0
    assert leaks(result.stdout + result.stderr) == []
