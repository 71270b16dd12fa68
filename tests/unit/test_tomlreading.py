"""The compiled TOML reader reads exactly what tomllib reads, and fails exactly as it fails."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bmc_tui.core import tomlreading

CANVASES = Path(__file__).resolve().parents[2] / "canvases"


def outcome(text: str) -> tuple[str, Any]:
    """What reading ``text`` comes to: the data, or the error's type and words."""
    try:
        return "data", tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError) as error:
        return type(error).__name__, str(error)


def read(text: str) -> tuple[str, Any]:
    try:
        return "data", tomlreading.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError) as error:
        return type(error).__name__, str(error)


@pytest.mark.parametrize("path", sorted(CANVASES.glob("*.toml")), ids=lambda path: path.name)
def test_the_example_canvases_read_the_same(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert tomlreading.loads(text) == tomllib.loads(text)


@pytest.mark.parametrize(
    "text",
    [
        'a = "unclosed',
        "a = [1, 2",
        "x = 1\nx = 2",
        "d = 2024-13-01",
        'a = "\\e"',  # an escape TOML 1.1 adds
        "a = {x = 1,\n y = 2}",  # a line break TOML 1.1 allows in an inline table
        "t = 12:34",  # a time without seconds (TOML 1.1)
        "[canvas]\ntitle = 'x'\n[canvas]\n",
        '[[channels]]\ntext = "a"\n[channels]\n',
    ],
)
def test_a_broken_file_is_refused_in_tomllibs_words(text: str) -> None:
    expected = outcome(text)
    assert expected[0] == "TOMLDecodeError"
    assert read(text) == expected


@pytest.mark.parametrize("depth", [3, 40, 200, 400, 700, 1000, 10_000])
@pytest.mark.parametrize("opening", ["a = {0}", "a = {1}", "[canvas]\ntitle = {0}"])
def test_deep_nesting_ends_as_it_does_in_tomllib(depth: int, opening: str) -> None:
    # Tomli allows 1,000 levels; tomllib runs out of recursion sooner, and says so.
    array = "[" * depth + "]" * depth
    table = "{b = " * depth + "1" + "}" * depth
    text = opening.format(array, table) + "\n"
    assert read(text) == outcome(text)


TOML_KEYS = st.text(alphabet="abcdefghij_-", min_size=1, max_size=6)
TOML_SCALARS = (
    st.text(max_size=20)
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.booleans()
    | st.dates(min_value=dt.date(1, 1, 1))
)
TOML_VALUES = st.recursive(
    TOML_SCALARS,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(TOML_KEYS, children, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(TOML_KEYS, TOML_VALUES, max_size=6))
def test_any_document_reads_the_same(document: dict[str, Any]) -> None:
    for multiline in (False, True):
        text = tomli_w.dumps(document, multiline_strings=multiline)
        assert tomlreading.loads(text) == tomllib.loads(text)
