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


TEXT = """format_version = 1

[canvas]
title = "T"

[[channels]]
text = "first"

  [[channels]]
  "id" = "b2"
  text = "second"
"""


def test_locate_finds_a_key_in_the_nth_table_bare_or_quoted() -> None:
    from bmc_tui.core.places import locate

    assert locate(TEXT, ("format_version",)) == (1, 1)
    assert locate(TEXT, ("canvas", "title")) == (4, 1)
    assert locate(TEXT, ("channels", 0, "text")) == (7, 1)
    assert locate(TEXT, ("channels", 1, "id")) == (10, 3)
    # A key the table lacks points at the table's header, where its indent starts.
    assert locate(TEXT, ("channels", 0, "id")) == (6, 1)
    assert locate(TEXT, ("channels", 1, "note")) == (9, 3)
    assert locate(TEXT, ("revenue_streams", 0, "text")) == (None, None)


def test_validation_and_lint_point_at_an_item_by_the_same_rule() -> None:
    """``bmc-tui validate`` and ``bmc-tui check`` agree on where an item is."""
    from bmc_tui.core.catalogue import BlockId
    from bmc_tui.core.lint import Finding, locate
    from bmc_tui.core.places import locate as place_of
    from bmc_tui.core.storage import parse

    canvas = parse("t.toml", TEXT)
    finding = Finding("some-rule", BlockId.CHANNELS, "b2", "message")
    assert locate(TEXT, canvas, finding) == place_of(TEXT, ("channels", 1, "id")) == (10, 3)
