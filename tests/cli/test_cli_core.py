"""``bmc-tui new / validate / fmt / schema`` as a user runs them, through the real entry point.

What a user (or a pre-commit hook) relies on: the exit code (0 fine, 1 findings, 2 could not
work), problems as ``FILE:LINE:COL: message`` lines, one clear line on stderr for bad input
and never a traceback, and no file written or changed when a command refuses.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from bmc_tui import __version__
from bmc_tui.cli import main
from bmc_tui.core.catalogue import BLOCKS
from bmc_tui.core.model import BASE_FORMAT_VERSION, FORMAT_VERSION
from bmc_tui.core.storage import dumps, load

CANVASES = Path(__file__).resolve().parents[2] / "canvases"
EXAMPLES = sorted(CANVASES.glob("example-*.toml"))
HAND_WRITTEN = '[canvas]\ntitle = "Hand made"\n\n[[channels]]\ntext = "Shop"\n'

#: Inputs no command can work with, and the words the one-line refusal must contain.
BAD_INPUTS: dict[str, tuple[bytes | None, str]] = {
    "missing": (None, "no such file"),
    "folder": (None, "is a folder"),
    "binary": (b"format_version = 1\n\x00\x01\x02", "binary"),
    "latin1": ('[canvas]\ntitle = "Bager på Nørrebro"\n'.encode("latin-1"), "not UTF-8"),
    "malformed": (b'[canvas]\ntitle = "never closed\n', "invalid TOML"),
    "wrong_types": (b"[[channels]]\ntext = 42\n", "channels[0].text"),
    "unknown_keys": (b'[canvas]\ntitle = "x"\nauthor = "me"\n', "canvas.author: unknown field"),
    "unknown_block": (b'[[stickies]]\ntext = "x"\n', "stickies: unknown block"),
    "newer_format": (f"format_version = {FORMAT_VERSION + 1}\n".encode(), "newer"),
}


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def run(runner: CliRunner, *args: str | Path) -> Result:
    return runner.invoke(main, [str(arg) for arg in args], catch_exceptions=False)


def make_bad(folder: Path, kind: str) -> Path:
    data, _ = BAD_INPUTS[kind]
    path = folder / f"{kind}.toml"
    if kind == "folder":
        path.mkdir()
    elif data is not None:
        path.write_bytes(data)
    return path


def snapshot(folder: Path) -> dict[str, tuple[bytes, int, int]]:
    """Every file under a folder with its bytes, mtime and mode: proof that nothing changed."""
    return {
        str(path.relative_to(folder)): (
            path.read_bytes(),
            path.stat().st_mtime_ns,
            path.stat().st_mode,
        )
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def assert_clean_refusal(result: Result, path: Path, words: str, exit_code: int = 2) -> None:
    assert result.exit_code == exit_code, result.output
    assert "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"bmc-tui: {path}"), lines[0]
    assert words in lines[0]


# --- --version and --help -------------------------------------------------------------------


def test_version(runner: CliRunner) -> None:
    result = run(runner, "--version")
    assert result.exit_code == 0
    assert result.stdout == f"bmc-tui, version {__version__}\n"


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_lists_the_core_commands(runner: CliRunner, flag: str) -> None:
    result = run(runner, flag)
    assert result.exit_code == 0
    for command in ("new", "validate", "fmt", "schema", "open"):
        assert command in result.stdout


@pytest.mark.parametrize("command", ["new", "validate", "fmt", "schema"])
def test_each_command_has_help(runner: CliRunner, command: str) -> None:
    result = run(runner, command, "--help")
    assert result.exit_code == 0
    assert f"Usage: main {command}" in result.stdout or f"{command} [OPTIONS]" in result.stdout


# --- new ------------------------------------------------------------------------------------


def test_new_writes_a_valid_empty_canvas(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "bakery.toml"
    result = run(runner, "new", path, "--title", "Crumb & Crust", "--lang", "da")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"Wrote {path}\n"
    canvas = load(path)
    assert canvas.header.title == "Crumb & Crust"
    assert canvas.header.language == "da"
    assert canvas.item_count() == 0
    assert path.read_text() == dumps(canvas), "new files are canonical"
    assert run(runner, "validate", path).exit_code == 0


def test_new_adds_toml_to_a_name_without_it_as_save_as_does(
    runner: CliRunner, tmp_path: Path
) -> None:
    result = run(runner, "new", tmp_path / "plan", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"Wrote {tmp_path / 'plan.toml'}\n"
    assert load(tmp_path / "plan.toml").item_count() == 0
    assert not (tmp_path / "plan").exists()


def test_new_follows_a_danish_locale(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LC_ALL", "da_DK.UTF-8")
    assert run(runner, "new", tmp_path / "x.toml").exit_code == 0
    assert load(tmp_path / "x.toml").header.language == "da"


def test_new_refuses_to_overwrite(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(HAND_WRITTEN)
    before = snapshot(tmp_path)
    result = run(runner, "new", path)
    assert_clean_refusal(result, path, "already exists")
    assert snapshot(tmp_path) == before


def test_new_refuses_a_dangling_symlink(runner: CliRunner, tmp_path: Path) -> None:
    link = tmp_path / "link.toml"
    link.symlink_to(tmp_path / "elsewhere.toml")
    assert_clean_refusal(run(runner, "new", link), link, "already exists")
    assert not (tmp_path / "elsewhere.toml").exists()


def test_new_refuses_a_bad_title(runner: CliRunner, tmp_path: Path) -> None:
    result = run(runner, "new", tmp_path / "x.toml", "--title", "red \x1b[31malert")
    assert result.exit_code == 2
    assert "--title" in result.stderr
    assert "\x1b" not in result.output
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("where", ["missing_folder", "under_a_file"])
def test_new_into_an_unwritable_place(runner: CliRunner, tmp_path: Path, where: str) -> None:
    (tmp_path / "a_file").write_text("x")
    target = (
        tmp_path / "no" / "such" / "x.toml"
        if where == "missing_folder"
        else tmp_path / "a_file" / "x.toml"
    )
    before = snapshot(tmp_path)
    assert_clean_refusal(run(runner, "new", target), target, "cannot save")
    assert snapshot(tmp_path) == before
    assert not (tmp_path / "no").exists()


def test_new_into_a_read_only_folder(runner: CliRunner, tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root can write into read-only folders")
    folder = tmp_path / "ro"
    folder.mkdir(mode=0o555)
    try:
        assert_clean_refusal(run(runner, "new", folder / "x.toml"), folder / "x.toml", "cannot")
    finally:
        folder.chmod(0o755)
    assert list(folder.iterdir()) == []


def test_new_on_a_full_disk(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def enospc(*args: Any, **kwargs: Any) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", enospc)
    target = tmp_path / "x.toml"
    assert_clean_refusal(run(runner, "new", target), target, "No space left on device")
    assert list(tmp_path.iterdir()) == []


# --- validate -------------------------------------------------------------------------------


def test_validate_passes_the_examples(runner: CliRunner) -> None:
    result = run(runner, "validate", *EXAMPLES)
    assert result.exit_code == 0, result.output
    for example in EXAMPLES:
        assert f"{example}: ok (" in result.stdout


def test_validate_quiet_prints_nothing_for_good_files(runner: CliRunner) -> None:
    result = run(runner, "validate", "--quiet", *EXAMPLES)
    assert result.exit_code == 0
    assert result.output == ""


def test_validate_reports_each_problem_as_file_line_col(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(
        '[canvas]\ntitle = "ok"\ncolour = "red"\n\n'
        '[[channels]]\ntext = "fine"\n\n[[channels]]\ntext = 7\n'
    )
    before = snapshot(tmp_path)
    result = run(runner, "validate", path)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{path}:3:1: canvas.colour: unknown field",
        f"{path}:9:1: channels[1].text: Input should be a valid string",
    ]
    assert snapshot(tmp_path) == before


def test_validate_goes_on_past_a_bad_file(runner: CliRunner, tmp_path: Path) -> None:
    bad = make_bad(tmp_path, "malformed")
    result = run(runner, "validate", bad, EXAMPLES[0])
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0].startswith(f"{bad}:2:")
    assert f"{EXAMPLES[0]}: ok" in result.stdout


@pytest.mark.parametrize("kind", sorted(BAD_INPUTS))
def test_validate_reports_bad_input_as_a_finding(
    runner: CliRunner, tmp_path: Path, kind: str
) -> None:
    path = make_bad(tmp_path, kind)
    before = snapshot(tmp_path)
    result = run(runner, "validate", path)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    (line,) = result.output.splitlines()
    assert line.startswith(f"{path}")
    assert BAD_INPUTS[kind][1] in line
    assert snapshot(tmp_path) == before


def test_validate_needs_a_file(runner: CliRunner) -> None:
    result = runner.invoke(main, ["validate"])
    assert result.exit_code == 2
    assert "Missing argument" in result.output


# --- fmt ------------------------------------------------------------------------------------


def test_fmt_rewrites_a_hand_written_file_canonically(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "hand.toml"
    path.write_text(HAND_WRITTEN)
    result = run(runner, "fmt", path)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{path}: reformatted\n"
    text = path.read_text()
    assert text.startswith(f"format_version = {BASE_FORMAT_VERSION}\n")
    assert '\nid = "' in text, "ids are assigned"
    assert load(path).items(BLOCKS[5].id)[0].text == "Shop"


def test_fmt_is_idempotent(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "hand.toml"
    path.write_text(HAND_WRITTEN)
    run(runner, "fmt", path)
    before = snapshot(tmp_path)
    result = run(runner, "fmt", path)
    assert result.exit_code == 0
    assert result.output == ""
    assert snapshot(tmp_path) == before


def test_fmt_check_changes_nothing_and_exits_1(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "hand.toml"
    path.write_text(HAND_WRITTEN)
    before = snapshot(tmp_path)
    result = run(runner, "fmt", "--check", path)
    assert result.exit_code == 1
    assert result.stdout == f"{path}: would reformat\n"
    assert snapshot(tmp_path) == before


def test_fmt_check_passes_canonical_files(runner: CliRunner, tmp_path: Path) -> None:
    for example in EXAMPLES:
        shutil.copy(example, tmp_path / example.name)
    before = snapshot(tmp_path)
    result = run(runner, "fmt", "--check", *sorted(tmp_path.iterdir()))
    assert result.exit_code == 0, result.output
    assert result.output == ""
    assert run(runner, "fmt", *sorted(tmp_path.iterdir())).exit_code == 0
    assert snapshot(tmp_path) == before


def test_fmt_keeps_the_mode_of_the_file(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "hand.toml"
    path.write_text(HAND_WRITTEN)
    path.chmod(0o640)
    assert run(runner, "fmt", path).exit_code == 0
    assert path.stat().st_mode & 0o777 == 0o640


def test_fmt_drops_a_byte_order_mark(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + EXAMPLES[0].read_bytes())
    assert run(runner, "fmt", "--check", path).exit_code == 1
    assert run(runner, "fmt", path).exit_code == 0
    assert path.read_bytes() == EXAMPLES[0].read_bytes()


@pytest.mark.parametrize("check", [False, True], ids=["fmt", "fmt--check"])
@pytest.mark.parametrize("kind", sorted(BAD_INPUTS))
def test_fmt_refuses_bad_input_in_one_line(
    runner: CliRunner, tmp_path: Path, kind: str, check: bool
) -> None:
    path = make_bad(tmp_path, kind)
    before = snapshot(tmp_path)
    result = run(runner, "fmt", *(["--check"] if check else []), path)
    assert_clean_refusal(result, path, BAD_INPUTS[kind][1])
    assert result.stdout == ""
    assert snapshot(tmp_path) == before


def test_fmt_formats_the_good_files_and_reports_the_bad(runner: CliRunner, tmp_path: Path) -> None:
    good = tmp_path / "good.toml"
    good.write_text(HAND_WRITTEN)
    bad = make_bad(tmp_path, "unknown_keys")
    result = run(runner, "fmt", bad, good)
    assert result.exit_code == 2
    assert f"{good}: reformatted" in result.stdout
    assert bad.read_bytes() == BAD_INPUTS["unknown_keys"][0]


def test_fmt_on_a_full_disk_leaves_the_file_alone(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "hand.toml"
    path.write_text(HAND_WRITTEN)
    before = snapshot(tmp_path)

    def enospc(*args: Any, **kwargs: Any) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "replace", enospc)
    result = run(runner, "fmt", path)
    assert_clean_refusal(result, path, "cannot save: No space left on device")
    assert snapshot(tmp_path) == before, "no change and no temporary file left behind"


# --- schema ---------------------------------------------------------------------------------


def test_schema_is_json_describing_every_block(runner: CliRunner) -> None:
    result = run(runner, "schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert schema["additionalProperties"] is False
    properties = schema["properties"]
    for block in BLOCKS:
        assert properties[block.id.value]["type"] == "array", block.id
    assert {"format_version", "canvas"} <= set(properties)


def test_schema_lists_each_blocks_categories(runner: CliRunner) -> None:
    schema = json.loads(run(runner, "schema").stdout)
    for block in BLOCKS:
        items = schema["properties"][block.id.value]["items"]
        if not block.categories:
            continue
        name = items["$ref"].rsplit("/", 1)[-1]
        allowed = schema["$defs"][name]["properties"]["category"]["enum"]
        assert allowed == [c.id for c in block.categories]


# --- the real executable --------------------------------------------------------------------


def _executable() -> list[str]:
    script = Path(sys.executable).with_name("bmc-tui")
    return [str(script)] if script.exists() else [sys.executable, "-m", "bmc_tui"]


def test_installed_command_validates_the_examples() -> None:
    completed = subprocess.run(
        [*_executable(), "validate", *map(str, EXAMPLES)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.count(": ok (") == len(EXAMPLES)


def test_python_dash_m_refuses_bad_input_without_a_traceback(tmp_path: Path) -> None:
    path = make_bad(tmp_path, "binary")
    completed = subprocess.run(
        [sys.executable, "-m", "bmc_tui", "fmt", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 2
    assert completed.stdout == ""
    assert completed.stderr == f"bmc-tui: {path}: is a binary file, not a TOML canvas\n"
    assert path.read_bytes() == BAD_INPUTS["binary"][0]


def test_headless_commands_do_not_import_textual() -> None:
    """``validate`` runs in pre-commit hooks; it must not pay for loading the editor."""
    code = (
        "import sys; from bmc_tui.cli import main\n"
        "try:\n    main(['schema'])\nexcept SystemExit:\n    pass\n"
        "print('textual' in sys.modules)"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert completed.stdout.rstrip().endswith("False"), completed.stderr


@pytest.mark.parametrize(
    "args",
    [["--ui-lang", "da", "bakery.toml"], ["bakery.toml", "--ui-lang", "da"]],
)
def test_the_editors_interface_language_is_an_option_of_its_own(
    args: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``--ui-lang`` pins the editor's interface language; ``--lang`` stays the language of
    a new canvas."""
    import types

    import bmc_tui.cli.editor
    import bmc_tui.tui.app

    calls: list[dict[str, Any]] = []
    terminal = types.SimpleNamespace(isatty=lambda: True)
    fake_sys = types.SimpleNamespace(stdin=terminal, stdout=terminal, exit=sys.exit)
    monkeypatch.setattr(bmc_tui.cli.editor, "sys", fake_sys)
    monkeypatch.setattr(
        bmc_tui.tui.app, "run_editor", lambda path, **options: calls.append(options)
    )
    result = CliRunner().invoke(main, [*args, "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert calls == [{"language": "en", "ui_language": "da", "guide": False}]


def test_help_lists_each_command_with_a_whole_sentence(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--help"], terminal_width=80)
    assert result.exit_code == 0
    commands = result.output.split("Commands:")[1]
    assert "..." not in commands
    # Each summary (its wrapped lines joined) is a sentence: it ends with a full stop.
    summaries: list[str] = []
    for line in commands.strip("\n").splitlines():
        if line.startswith("  ") and not line.startswith("   "):
            summaries.append(line.split(maxsplit=1)[1])
        else:
            summaries[-1] += " " + line.strip()
    assert len(summaries) == len(main.commands)  # type: ignore[attr-defined]
    assert all(summary.endswith(".") for summary in summaries), summaries
