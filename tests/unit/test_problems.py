"""Validation problems are said in words, in Danish and English: never a regular expression,
and a date that does not exist says so."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pydantic import ValidationError

from bmc_tui.core.catalogue import LANGUAGES, Language
from bmc_tui.core.model import Header, Item
from bmc_tui.core.places import first_problem
from bmc_tui.core.problems import Refusal, parse_date, toml_words
from bmc_tui.core.storage import CanvasError, parse

REGEX_SIGNS = ("^", "$", "\\w", "[", "pattern")


def _problem(language: Language, model: type[Item] | type[Header], **fields: object) -> str:
    with pytest.raises(ValidationError) as caught:
        model(**fields)
    return first_problem(caught.value, language=language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_tag_with_a_space_says_what_a_tag_may_contain(language: Language) -> None:
    message = _problem(language, Item, text="x", tags=("ok", "not ok"))
    assert message.startswith("tags[1]: ")
    words = message.removeprefix("tags[1]: ")
    assert not any(sign in words for sign in REGEX_SIGNS), message
    assert ("mellemrum" if language == "da" else "no spaces") in words


def test_the_command_line_says_it_in_words_too_at_its_place() -> None:
    text = '[[channels]]\ntext = "x"\ntags = ["a b"]\n'
    with pytest.raises(CanvasError) as caught:
        parse("t.toml", text)
    problem = caught.value.problems[0]
    assert (problem.line, problem.column) == (3, 1)
    assert "a tag may contain only letters, digits" in problem.message
    assert "pattern" not in problem.message


@pytest.mark.parametrize(
    ("text", "english", "danish"),
    [
        ("2025-13-45", "2025-13-45 does not exist: there is no month 13", "ingen måned 13"),
        ("2025-02-30", "month 2 of 2025 has 28 days", "måned 2 i 2025 har 28 dage"),
        ("2024-02-30", "month 2 of 2024 has 29 days", "har 29 dage"),
        ("27/11/2026", "must be a date written year-month-day", "år-måned-dag"),
    ],
)
def test_a_date_that_does_not_exist_says_so(text: str, english: str, danish: str) -> None:
    with pytest.raises(Refusal) as caught:
        parse_date(text)
    assert english in caught.value.words("en")
    assert danish in caught.value.words("da")
    # The model says the same when the date comes as text (a file, a form).
    assert english in _problem("en", Header, date=text)
    assert danish in _problem("da", Header, date=text)


def test_a_real_date_and_no_date_parse() -> None:
    assert parse_date(" 2026-11-27 ") == dt.date(2026, 11, 27)
    assert parse_date("") is None


def test_the_models_own_refusals_speak_both_languages() -> None:
    assert _problem("da", Item, text="  ") == "text: må ikke være tom"
    assert _problem("en", Item, text="  ") == "text: must not be empty"
    assert _problem("da", Item, text="x", tags=("a", "a")) == "tags: tagget 'a' står der to gange"
    assert _problem("da", Item, text="x" * 300) == "text: må højst have 200 tegn"
    # Outside Pydantic a refusal says itself in the language asked for.
    assert first_problem(Refusal("problem-empty"), language="da") == "må ikke være tom"


def test_a_bare_toml_date_that_does_not_exist_says_so_at_its_place() -> None:
    """tomllib calls ``date = 2025-13-45`` a syntax error ("Expected newline"); the person
    reads that the date does not exist, at the date."""
    text = '[canvas]\ntitle = "x"\ndate = 2025-13-45\n'
    with pytest.raises(CanvasError) as caught:
        parse("t.toml", text)
    problem = caught.value.problems[0]
    assert problem.message == "date: 2025-13-45 does not exist: there is no month 13"
    assert (problem.line, problem.column) == (3, 8)


#: Broken TOML a person writes by hand, where tomllib finds it, and what each language says.
BROKEN_TOML = [
    ("[canvas]\ntitle = Værksted\n", (2, 9), "ugyldig værdi", "invalid value"),
    ('[canvas]\ntitle "x"\n', (2, 7), "der mangler et = efter nøglen", "an = is missing"),
    ('[canvas\ntitle = "x"\n', (1, 8), "tabellens navn mangler sit", "the table name lacks"),
    ('[canvas]\ntitle = "x\n', (2, 11), "en streng mangler sit afsluttende", "a string lacks its"),
    ('[canvas]\ntitle = "x" y\n', (2, 13), "der står mere efter værdien", "more follows the value"),
    (
        "[canvas]\n[canvas]\n",
        (2, 8),
        "tabellen [canvas] står der to gange",
        "the table [canvas] is",
    ),
    (
        '[canvas]\ntitle = "a"\ntitle = "b"\n',
        (3, 12),
        "en værdi med det navn er",
        "a value of that",
    ),
    ('[[channels]]\ntext = "a\\q"\n', (2, 12), "en \\ i en streng skal", "a \\ in a string"),
    ('[[channels]]\ntags = ["a"\n', (3, 1), "en liste mangler sit", "a list lacks its"),
]


@pytest.mark.parametrize(("text", "place", "danish", "english"), BROKEN_TOML)
def test_invalid_toml_is_said_in_words_at_its_place(
    monkeypatch: pytest.MonkeyPatch, text: str, place: tuple[int, int], danish: str, english: str
) -> None:
    """tomllib's English after "ugyldig TOML:" read as two languages in one line; its common
    errors are the catalogue's words now, and the place is kept."""
    for language, words in (("da", danish), ("en", english)):
        monkeypatch.setenv("BMC_TUI_LANG", language)
        with pytest.raises(CanvasError) as caught:
            parse(Path("x.toml"), text)
        (problem,) = caught.value.problems
        prefix = "ugyldig TOML: " if language == "da" else "invalid TOML: "
        assert problem.message.startswith(prefix + words), problem.message
        assert (problem.line, problem.column) == place


def test_every_tomllib_message_known_here_has_words_and_an_unknown_one_is_kept() -> None:
    for message in (
        "Invalid statement",
        "Cannot declare ('a', 'b') twice",
        "Cannot mutate immutable namespace ('a',)",
        "Duplicate inline table key 'b'",
        "Unclosed inline table",
    ):
        assert toml_words(message, "da") != message
        assert toml_words(message, "en") != message
    assert "[a.b]" in toml_words("Cannot declare ('a', 'b') twice", "da")
    assert toml_words("Something tomllib says one day", "da") == "Something tomllib says one day"
