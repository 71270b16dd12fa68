"""The command line speaks one language, chosen by one rule: ``BMC_TUI_LANG`` pins it (as it
pins the editor's), else the locale decides. Errors, reports, lint findings and the command
summaries of ``--help`` follow it; the places (``FILE:LINE:COL``) and rule ids do not change."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from bmc_tui.cli import main
from bmc_tui.core.interface_language import default_language

#: A canvas with three problems a person can fix: an empty text, a tag with a space, a
#: date that does not exist.
BAD = """\
[canvas]
title = "Værksted"
language = "da"
date = "2025-02-30"

[[channels]]
text = ""

[[customer_segments]]
text = "Familier"
tags = ["lad cykler"]
"""

#: Words the English command line uses that Danish output must not contain.
ENGLISH = {"must", "empty", "does", "exist", "may", "contain", "only", "letters", "items"}


def words(text: str) -> set[str]:
    return set(re.findall(r"[A-Za-zÆØÅæøå]+", text))


@pytest.fixture
def bad(tmp_path: Path) -> Path:
    path = tmp_path / "bad.toml"
    path.write_text(BAD, encoding="utf-8")
    return path


def validate(path: Path, **environ: str) -> str:
    result = CliRunner().invoke(main, ["validate", str(path)], env=environ)
    assert result.exit_code == 1
    return result.output


def test_bmc_tui_lang_da_validates_in_danish(bad: Path) -> None:
    output = validate(bad, BMC_TUI_LANG="da")
    lines = output.splitlines()
    assert len(lines) == 3
    # The places stay as they are: FILE:LINE:COL, the field's own name.
    assert all(re.match(rf"{re.escape(str(bad))}:\d+:\d+: ", line) for line in lines)
    assert "2025-02-30 findes ikke: måned 2 i 2025 har 28 dage" in output
    assert "må ikke være tom" in output
    assert "et tag må kun indeholde bogstaver" in output
    assert words(output) & ENGLISH == set()


def test_the_c_locale_validates_in_english(bad: Path) -> None:
    output = validate(bad, LC_ALL="C.UTF-8")
    assert "2025-02-30 does not exist: month 2 of 2025 has 28 days" in output
    assert "must not be empty" in output
    assert "a tag may contain only letters" in output


def test_a_danish_locale_speaks_danish_and_bmc_tui_lang_overrides_it(bad: Path) -> None:
    assert "må ikke være tom" in validate(bad, LC_ALL="da_DK.UTF-8")
    assert "must not be empty" in validate(bad, LC_ALL="da_DK.UTF-8", BMC_TUI_LANG="en")


def test_one_rule_for_the_language() -> None:
    assert default_language({"LANG": "da_DK.UTF-8"}) == "da"
    assert default_language({"LANG": "da_DK.UTF-8", "BMC_TUI_LANG": "en"}) == "en"
    assert default_language({"LC_ALL": "C", "BMC_TUI_LANG": "DA"}) == "da"
    # A value that names no language of ours pins nothing.
    assert default_language({"LC_ALL": "C", "BMC_TUI_LANG": "klingon"}) == "en"


def test_check_and_its_rules_in_danish(tmp_path: Path) -> None:
    path = tmp_path / "tom.toml"
    path.write_text('[canvas]\ntitle = "Tom"\nlanguage = "da"\n', encoding="utf-8")
    runner = CliRunner()
    found = runner.invoke(main, ["check", str(path)], env={"BMC_TUI_LANG": "da"})
    assert found.exit_code == 1
    # The rule id stays the id a canvas's lint_disable names; the words are Danish.
    assert f"{path}:1:1: empty-block Nøglepartnere har ingen punkter" in found.output
    rules = runner.invoke(main, ["check", "--list-rules"], env={"BMC_TUI_LANG": "da"})
    assert "empty-block" in rules.output
    assert "En blok har endnu ingen punkter." in rules.output
    english = runner.invoke(main, ["check", str(path)], env={"LC_ALL": "C.UTF-8"})
    assert "empty-block Key Partners has no items" in english.output


def test_cli_errors_in_danish(tmp_path: Path) -> None:
    path = tmp_path / "findes.toml"
    path.write_text('[canvas]\ntitle = "x"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["new", str(path)], env={"BMC_TUI_LANG": "da"})
    assert result.exit_code == 2
    assert "findes allerede; overskriver den ikke" in result.output
    missing = CliRunner().invoke(
        main, ["validate", str(tmp_path / "nej.toml")], env={"BMC_TUI_LANG": "da"}
    )
    assert "filen findes ikke" in missing.output


def help_text(language: str, *command_name: str) -> str:
    """``bmc-tui [COMMAND] --help`` in a fresh process: click reads help texts at import."""
    environ = {**os.environ, "BMC_TUI_LANG": language}
    program = "from bmc_tui.cli import main; main()"
    command = [sys.executable, "-c", program, *command_name, "--help"]
    done = subprocess.run(command, capture_output=True, text=True, env=environ, check=True)
    return done.stdout


@pytest.mark.parametrize(
    ("language", "summary"),
    [
        ("da", "validate   Kontrollér, at hver FIL er et gyldigt lærred."),
        ("en", "validate   Check that each FILE is a valid canvas."),
    ],
)
def test_help_summaries_are_whole_sentences_in_the_language(language: str, summary: str) -> None:
    text = help_text(language)
    assert summary in text
    commands = text.split("Commands:")[1].strip().splitlines()
    assert len(commands) >= 12
    # click cuts a summary that does not fit with "..."; ours are whole, ending in a stop.
    assert all(line.rstrip().endswith(".") and "..." not in line for line in commands)


def test_diff_speaks_the_language_and_textconv_stays_the_same(tmp_path: Path) -> None:
    old, new = tmp_path / "old.toml", tmp_path / "new.toml"
    old.write_text('[canvas]\ntitle = "A"\n\n[[channels]]\ntext = "Butik"\n', encoding="utf-8")
    new.write_text(
        '[canvas]\ntitle = "B"\n\n[[channels]]\ntext = "Butik"\n\n[[channels]]\ntext = "Webshop"\n',
        encoding="utf-8",
    )
    runner = CliRunner()
    danish = runner.invoke(main, ["diff", str(old), str(new)], env={"BMC_TUI_LANG": "da"})
    assert danish.exit_code == 1
    assert "1 tilføjet, 1 felt i oplysningerne ændret" in danish.output
    assert "Lærredets oplysninger" in danish.output
    markdown = runner.invoke(
        main, ["diff", "--format", "md", str(old), str(new)], env={"BMC_TUI_LANG": "da"}
    )
    assert "**Tilføjet:** Webshop" in markdown.output
    english = runner.invoke(main, ["diff", str(old), str(new)], env={"LC_ALL": "C.UTF-8"})
    assert "1 added, 1 header field changed" in english.output
    # git keeps and compares textconv output across machines: it does not follow the language.
    textconv = [
        runner.invoke(main, ["diff", "--textconv", str(new)], env=environ).output
        for environ in ({"BMC_TUI_LANG": "da"}, {"LC_ALL": "C.UTF-8"})
    ]
    assert textconv[0] == textconv[1]


def test_option_help_follows_the_language() -> None:
    assert "Sproget i titlerne (standard: lærredets)." in help_text("da", "export")
    assert "Language of titles (default: the canvas's)." in help_text("en", "export")
