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
from bmc_tui.core.messages import say

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
    commands = text.split(f"{say('cli-commands', language)}:")[1].strip().splitlines()
    assert len(commands) >= 12
    # click cuts a summary that does not fit with "..."; ours are whole, ending in a stop.
    assert all(line.rstrip().endswith(".") and "..." not in line for line in commands)


def test_diff_and_textconv_speak_the_language(tmp_path: Path) -> None:
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
    # git diff shows textconv's reading of both sides, in the reader's language.
    danish_reading, english_reading = (
        runner.invoke(main, ["diff", "--textconv", str(new)], env=environ).output
        for environ in ({"BMC_TUI_LANG": "da"}, {"LC_ALL": "C.UTF-8"})
    )
    assert danish_reading.startswith("Lærred: B\n")
    assert "== 6. Kanaler (2) ==" in danish_reading
    assert english_reading.startswith("Canvas: B\n")
    assert "== 6. Channels (2) ==" in english_reading


def test_option_help_follows_the_language() -> None:
    assert "Sproget i titlerne (standard: lærredets)." in help_text("da", "export")
    assert "Language of titles (default: the canvas's)." in help_text("en", "export")


#: ``bmc-tui --help`` and every command's, in one process per language (click reads its help
#: texts at import, in the language of that moment).
EVERY_HELP = """
import sys
from click.testing import CliRunner
from bmc_tui.cli import main
for name in ["", *sorted(main.commands)]:
    args = [name, "--help"] if name else ["--help"]
    result = CliRunner().invoke(main, args, prog_name="bmc-tui")
    sys.stdout.write(f"\\f{name}\\n{result.output}")
"""


def every_help(language: str) -> dict[str, str]:
    environ = {**os.environ, "BMC_TUI_LANG": language}
    command = [sys.executable, "-c", EVERY_HELP]
    done = subprocess.run(command, capture_output=True, text=True, env=environ, check=True)
    pages = done.stdout.split("\f")[1:]
    return {name: text for name, text in (page.split("\n", 1) for page in pages)}


def is_prose(word: str) -> bool:
    """A word of running text, not one both languages write alike (an option, a value, a
    file, a NAME, a proper name like Markdown)."""
    return re.fullmatch(r"\(?[a-zæøå]+[.,;:)]?", word) is not None


def shared_phrases(danish: str, english: str, length: int = 4) -> set[str]:
    """Runs of ``length`` English words that the Danish text repeats, names aside: a
    paragraph or an option's help left untranslated shows up as one."""
    danish_words = " ".join(danish.split())
    words = english.split()
    found = set()
    for start in range(len(words) - length + 1):
        run = words[start : start + length]
        if sum(is_prose(word) for word in run) < 2:
            continue
        phrase = " ".join(run)
        if phrase in danish_words:
            found.add(phrase)
    return found


#: Words that English help text is made of and Danish help never holds.
ENGLISH_HELP_WORDS = {
    "the", "and", "of", "is", "when", "Usage", "Options", "Commands", "Show", "Exit",
    "exit", "message", "file", "files", "with", "without", "or", "each",
}  # fmt: skip


def test_every_help_text_is_danish_throughout() -> None:
    danish, english = every_help("da"), every_help("en")
    assert set(danish) == set(english)
    assert len(danish) >= 14  # bmc-tui and its thirteen commands
    for name, page in danish.items():
        assert page.startswith("Brug: bmc-tui"), name
        assert "Tilvalg:" in page, name
        assert "Vis denne hjælp og afslut." in page, name
        assert shared_phrases(page, english[name]) == set(), name
        # Words inside backquotes are commands and file syntax, not prose.
        prose = re.sub(r"`[^`]*`", "", page)
        assert words(prose) & ENGLISH_HELP_WORDS == set(), name
        # The words the help speaks of are the words its usage line shows (FIL, not FILE).
        if "FIL" in page.split("\n", 1)[1]:
            assert re.search(r"\bFILES?\b", page) is None, name
    assert "Usage: bmc-tui" in english["validate"]
    assert "Options:" in english["validate"]


def test_refusals_across_items_in_danish(tmp_path: Path) -> None:
    """An unknown category and an id used twice: the catalogue's words, not the model's
    English (the block catalogue and the model word them with the message catalogue)."""
    path = tmp_path / "kryds.toml"
    path.write_text(
        '[[customer_segments]]\ntext = "a"\ncategory = "nitch"\n\n'
        '[[channels]]\ntext = "b"\nid = "abc"\n\n[[revenue_streams]]\ntext = "c"\nid = "abc"\n',
        encoding="utf-8",
    )
    danish = validate(path, BMC_TUI_LANG="da")
    assert "customer_segments[0].category: ukendt kategori 'nitch' (kendte i" in danish
    assert "revenue_streams[0].id: id'et 'abc' er brugt to gange (første gang i channels[0])" in (
        danish
    )
    assert words(danish) & {"unknown", "known", "duplicate", "first", "used"} == set()
    english = validate(path, LC_ALL="C.UTF-8")
    assert "customer_segments[0].category: unknown category 'nitch' (known for" in english
    assert "duplicate item id 'abc' (first used at channels[0])" in english


@pytest.mark.parametrize(
    ("args", "danish", "english"),
    [
        # (The argument's name is read at import, in this process's language: not checked.)
        (["validate"], "Fejl: Mangler argumentet '", "Error: Missing argument '"),
        (
            ["validate", "--quiett", "x"],
            "Fejl: Tilvalget '--quiett' findes ikke. Mente du '--quiet'?",
            "Error: No such option '--quiett'. Did you mean '--quiet'?",
        ),
        (
            ["show", "--width", "5", "x"],
            "Fejl: Ugyldig værdi for '--width': et helt tal fra 20 til 1000.",
            "Error: Invalid value for '--width': a whole number from 20 to 1000.",
        ),
        (
            ["show", "--lang", "de", "x"],
            "Fejl: Ugyldig værdi for '--lang': vælg en af da, en.",
            "Error: Invalid value for '--lang': choose one of da, en.",
        ),
        (["show", "--width"], "Fejl: Tilvalget '--width' skal have en værdi.", "requires a value"),
        (["fmt", "--check=1", "x"], "Fejl: Tilvalget '--check' tager ingen værdi.", "not take"),
    ],
)
def test_usage_errors_in_the_language(args: list[str], danish: str, english: str) -> None:
    """click's own usage errors are English ("Error: Missing argument"); ours follow the
    command line's language, exit 2 as click's, with the usage line and a hint to --help."""
    runner = CliRunner()
    said = runner.invoke(main, args, env={"BMC_TUI_LANG": "da"}, prog_name="bmc-tui")
    assert said.exit_code == 2
    assert danish in said.output
    assert words(said.output) & {"Error", "Missing", "Invalid", "Try", "such", "value"} == set()
    if "Brug:" in said.output:
        assert f"Se 'bmc-tui {args[0]} --help' for hjælp." in said.output
    told = runner.invoke(main, args, env={"LC_ALL": "C.UTF-8"}, prog_name="bmc-tui")
    assert told.exit_code == 2
    assert english in told.output


def test_merge_reports_its_conflicts_in_the_language(tmp_path: Path) -> None:
    """The report is the reader's; the notes written into the canvas stay as they are
    (bmc-tui reads them back when a conflict is resolved)."""
    files = {
        "base": '[canvas]\ntitle = "t"\n\n[[channels]]\nid = "a1"\ntext = "Butik"\n',
        "ours": '[canvas]\ntitle = "vores"\n\n[[channels]]\nid = "a1"\ntext = "Butikken"\n',
        "theirs": '[canvas]\ntitle = "deres"\n\n[[channels]]\nid = "a1"\ntext = "Webshop"\n',
    }
    for name, text in files.items():
        (tmp_path / f"{name}.toml").write_text(text, encoding="utf-8")
    args = ["merge", *(str(tmp_path / f"{name}.toml") for name in files), "-o"]
    runner = CliRunner()
    danish = runner.invoke(main, [*args, str(tmp_path / "da.toml")], env={"BMC_TUI_LANG": "da"})
    assert danish.exit_code == 1
    assert 'channels: punkt a1 "Butikken": begge sider ændrede text; beholdt begge' in (
        danish.output
    )
    assert "lærredets oplysninger: title ændret forskelligt på de to sider" in danish.output
    assert words(danish.output) & {"item", "both", "sides", "changed", "kept", "header"} == set()
    english = runner.invoke(main, [*args, str(tmp_path / "en.toml")], env={"LC_ALL": "C.UTF-8"})
    assert 'channels: item a1 "Butikken": both sides changed text; kept both' in english.output
    assert (tmp_path / "da.toml").read_text() == (tmp_path / "en.toml").read_text()
