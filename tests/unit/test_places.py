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


def _many_items_text(count: int) -> tuple[str, list[tuple[str, int, str]]]:
    """A canonical canvas file of ``count`` items spread over the blocks, every fifth one a
    duplicate of the one before it, and each item's (block, index, id)."""
    from bmc_tui.core.catalogue import BLOCKS
    from bmc_tui.core.model import Canvas
    from bmc_tui.core.storage import dumps

    blocks: dict[object, list[Item]] = {block.id: [] for block in BLOCKS}
    for n in range(count):
        block = BLOCKS[n % len(BLOCKS)]
        number = n - len(BLOCKS) if n % 5 == 0 and n >= len(BLOCKS) else n
        extra = {"note": "two\nlines"} if n % 3 == 0 else {}
        blocks[block.id].append(Item(id=f"i{n}", text=f"item {number}", **extra))  # type: ignore[arg-type]
    canvas = Canvas(
        header=Header(title="Many", language="en"),
        blocks={block_id: tuple(items) for block_id, items in blocks.items()},  # type: ignore[misc]
    )
    where = [(b.value, i, item.id) for b, i, item in canvas.all_items()]
    return dumps(canvas), where


def _line_of(text: str, needle: str) -> int:
    return text.splitlines().index(needle) + 1


def test_an_index_of_a_large_file_finds_every_item_where_its_id_is_written() -> None:
    """Built once and asked thousands of times (``check``, ``validate``): each answer is the
    item's own ``id = ...`` line, as a scan of the file for that id finds it."""
    from bmc_tui.core.places import PlaceIndex, locate

    text, where = _many_items_text(1_500)
    index = PlaceIndex(text)
    for block, position, item_id in where:
        assert index.locate((block, position, "id")) == (_line_of(text, f'id = "{item_id}"'), 1)
    # One-off look-ups say the same as the index, for tables, keys and missing places alike.
    for path in (("format_version",), ("canvas", "title"), ("channels", 9_999, "text"), ()):
        assert index.locate(path) == locate(text, path)
    # A file with no table at all still has its top-level keys.
    assert PlaceIndex("colour = 1\nformat_version = 9\n").locate(("format_version",)) == (2, 1)


def test_every_check_finding_on_a_large_canvas_points_at_its_items_id_line() -> None:
    from bmc_tui.core.lint import Locator, lint, locate
    from bmc_tui.core.storage import parse

    text, _ = _many_items_text(1_500)
    canvas = parse("many.toml", text)
    findings = [f for f in lint(canvas) if f.rule == "duplicate-item"]
    assert len(findings) == 1_500 // 5 - 2  # item 0 and item 5 have no earlier twin
    places = Locator(text, canvas)
    for finding in findings:
        line = _line_of(text, f'id = "{finding.item_id}"')
        assert places.locate(finding) == locate(text, canvas, finding) == (line, 1)


def test_validation_of_a_file_with_an_error_in_every_item_places_each_error() -> None:
    """A file with thousands of problems names each at its own line (one index, not one scan
    of the file per problem)."""
    from bmc_tui.core.storage import CanvasError, parse

    text, where = _many_items_text(1_200)
    broken = text.replace('text = "item ', 'text = " \\u0007item ')
    with pytest.raises(CanvasError) as caught:
        parse("broken.toml", broken)
    lines = broken.splitlines()
    problems = caught.value.problems
    assert len(problems) == len(where)
    for problem, (block, position, _) in zip(problems, where, strict=True):
        assert problem.message.startswith(f"{block}[{position}].text:")
        assert problem.line is not None
        assert lines[problem.line - 1].startswith('text = " \\u0007item ')
