"""Places in a canvas file: how a field path reads, and a validation error in one line."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from bmc_tui.core.model import Header, Item
from bmc_tui.core.places import dotted, first_problem


def test_a_field_path_reads_as_in_the_file() -> None:
    assert dotted(("channels", 0, "text")) == "channels[0].text"
    assert dotted(("canvas", "title")) == "canvas.title"
    assert dotted(("x\x1b[2J",)) == "x\\u001b[2J"


def _refusal(**fields: object) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        Item(**fields)  # type: ignore[arg-type]
    return caught.value


def test_the_first_problem_names_the_field_and_drops_pydantics_prefix() -> None:
    error = _refusal(text="bad\u202etext")
    assert "Value error, " in str(error)
    assert first_problem(error) == "text: contains the control character U+202E"
    assert first_problem(error, with_place=False) == "contains the control character U+202E"


def test_an_indexed_place_reads_with_brackets() -> None:
    error = _refusal(text="x", tags=("ok", "not ok"))
    assert first_problem(error).startswith("tags[1]: ")


def test_a_header_and_a_plain_error_say_themselves() -> None:
    with pytest.raises(ValidationError) as caught:
        Header(title="x" * 500)
    assert first_problem(caught.value).startswith("title: ")
    assert first_problem(ValueError("plain words")) == "plain words"
