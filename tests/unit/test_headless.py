"""The headless commands never import Textual.

``validate`` runs in pre-commit hooks and ``show``/``export`` in pipes and CI; importing the
editor's framework there would cost a noticeable start-up delay for nothing. The check runs
in a fresh interpreter, since this test process may already have Textual loaded.

Every module under ``bmc_tui.core`` is covered as it is found on disk; to cover a new command, add
its arguments to ``HEADLESS_COMMANDS`` (``{example}`` is replaced by an example canvas,
``{out}`` by a scratch file path, ``{merged}`` by another).
"""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
import textwrap
from pathlib import Path

CANVASES = Path(__file__).resolve().parents[2] / "canvases"


def _core_modules() -> list[str]:
    """Every module of the headless core and the command line, found on disk: a new one is
    covered without a list."""
    import bmc_tui.cli
    import bmc_tui.core

    return [
        f"{package.__name__}.{info.name}"
        for package in (bmc_tui.cli, bmc_tui.core)
        for info in pkgutil.iter_modules(package.__path__)
    ]


HEADLESS_MODULES = _core_modules()

HEADLESS_COMMANDS = [
    ["validate", "{example}"],
    ["show", "{example}", "--width", "120"],
    ["show", "{example}", "--width", "60"],
    ["export", "{example}", "--format", "md"],
    ["export", "{example}", "--format", "json"],
    ["export", "{example}", "--format", "html", "-o", "{out}"],
    ["fmt", "--check", "{example}"],
    ["check", "{example}"],
    ["diff", "{example}", "{example}"],
    ["merge", "-o", "{merged}", "{example}", "{example}", "{example}"],
    ["schema"],
]

PROBE = textwrap.dedent(
    """\
    import contextlib, importlib, io, json, sys

    modules, commands = json.loads(sys.argv[1])
    for name in modules:
        importlib.import_module(name)
    from bmc_tui.cli import main

    failures = []
    for args in commands:
        with contextlib.redirect_stdout(io.StringIO()):
            try:
                main.main(args, standalone_mode=False)
            except SystemExit as stop:
                if stop.code:
                    failures.append([args, stop.code])
    textual = sorted(name for name in sys.modules if name.startswith("textual"))
    print(json.dumps({"textual": textual, "failures": failures}))
    """
)


def test_headless_commands_import_no_textual(tmp_path: Path) -> None:
    example = CANVASES / "example-en.toml"
    if not example.exists():  # pragma: no cover - the examples are part of the repo
        example = tmp_path / "canvas.toml"
        example.write_text('format_version = 1\n[canvas]\ntitle = "x"\n', encoding="utf-8")
    out, merged = tmp_path / "poster.html", tmp_path / "merged.toml"
    commands = [
        [arg.format(example=example, out=out, merged=merged) for arg in command]
        for command in HEADLESS_COMMANDS
    ]
    result = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps([HEADLESS_MODULES, commands])],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["failures"] == []
    assert report["textual"] == [], "a headless module pulled in Textual"
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert merged.read_bytes() == example.read_bytes()  # nothing changed on either side


def test_the_editor_leaves_the_note_editor_unloaded_until_a_note_is_written() -> None:
    # TextArea and its document machinery are a start-up cost the first frame never uses:
    # they come with the note dialog (a shared dialog base once pulled them in again).
    probe = (
        "import sys, bmc_tui.tui.app; print(sorted(m for m in sys.modules"
        " if 'text_area' in m or m == 'textual.document'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"
