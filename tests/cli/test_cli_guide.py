"""``bmc-tui guide FILE``: the editor, opened as ``bmc-tui FILE`` opens it, with the guide on."""

from __future__ import annotations

import sys
import types
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from bmc_tui.cli import main


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["guide", "new.toml", "--lang", "da"], {"language": "da", "ui_language": None}),
        (["guide", "--ui-lang", "en", "new.toml"], {"language": "en", "ui_language": "en"}),
    ],
)
def test_guide_opens_the_editor_with_the_guide_on(
    args: list[str], expected: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    import bmc_tui.cli.editor
    import bmc_tui.tui.app

    calls: list[tuple[Path, dict[str, Any]]] = []
    terminal = types.SimpleNamespace(isatty=lambda: True)
    monkeypatch.setattr(
        bmc_tui.cli.editor,
        "sys",
        types.SimpleNamespace(stdin=terminal, stdout=terminal, exit=sys.exit),
    )
    monkeypatch.setattr(
        bmc_tui.tui.app, "run_editor", lambda path, **options: calls.append((path, options))
    )
    result = CliRunner().invoke(main, args, env={"BMC_TUI_LANG": "en"})
    assert result.exit_code == 0, result.output
    assert calls == [(Path("new.toml"), {**expected, "guide": True})]


def test_guide_without_a_terminal_says_so() -> None:
    result = CliRunner().invoke(main, ["guide", "plan.toml"])
    assert result.exit_code == 2
    assert "needs a terminal" in result.output


def test_guide_needs_a_file() -> None:
    result = CliRunner().invoke(main, ["guide"])
    assert result.exit_code == 2
