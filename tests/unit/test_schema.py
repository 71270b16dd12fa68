"""The JSON Schema a TOML editor checks canvases with, against what ``validate`` says.

The promise: whatever the schema rejects, ``validate`` rejects too, so an editor never flags a
file bmc-tui accepts. Checked with a table of bad files (each refused by both), a table of
awkward good ones (each accepted by both), and Hypothesis throwing near-valid data at both.
Here the schema is read by the ``jsonschema`` package; tests/unit/test_taplo.py runs the same
tables through the real Taplo CLI.
"""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import tomli_w
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bmc_tui.cli import main
from bmc_tui.core.catalogue import BLOCKS, STATUSES
from bmc_tui.core.model import (
    FORMAT_VERSION,
    MAX_NOTE_LENGTH,
    MAX_TAGS,
    MAX_TEXT_LENGTH,
    Header,
    Item,
)
from bmc_tui.core.repository_setup import schema_text
from bmc_tui.core.schema import HEADER_FIELDS, ITEM_FIELDS, canvas_json_schema
from bmc_tui.core.storage import CanvasError, parse

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "canvases").glob("example-*.toml"))
PATH = Path("schema.toml")

#: Files ``validate`` refuses, one way each; the schema must refuse every one (by name).
BAD_FILES: dict[str, str] = {
    "category on a block without categories": '[[channels]]\ntext = "Shop"\ncategory = "bogus"\n',
    "category unknown to customer segments": '[[customer_segments]]\ntext = "x"\n'
    'category = "bogus"\n',
    "another block's category": '[[cost_structure]]\ntext = "x"\ncategory = "niche"\n',
    "date-time for a date": "[canvas]\ndate = 2025-03-14T00:00:00\n",
    "date with an offset": "[canvas]\ndate = 2025-03-14T00:00:00Z\n",
    "number for a date": "[canvas]\ndate = 1741910400\n",
    "date without zeros": '[canvas]\ndate = "2025-3-4"\n',
    "date in another form": '[canvas]\ndate = "14/03/2025"\n',
    "no such day": '[canvas]\ndate = "2025-02-30"\n',
    "unknown language": '[canvas]\nlanguage = "sv"\n',
    "unknown header field": '[canvas]\nauthor = "me"\n',
    "unknown block": '[[customers]]\ntext = "x"\n',
    "unknown item field": '[[channels]]\ntext = "x"\npriority = 1\n',
    "item without text": '[[channels]]\nnote = "x"\n',
    "empty text": '[[channels]]\ntext = ""\n',
    "text of spaces": '[[channels]]\ntext = " \\t "\n',
    "text too long": f'[[channels]]\ntext = "{"x" * (MAX_TEXT_LENGTH + 1)}"\n',
    "tab inside a text": '[[channels]]\ntext = "a\\tb"\n',
    "newline inside a text": '[[channels]]\ntext = "a\\nb"\n',
    "bidi override in a title": '[canvas]\ntitle = "a\\u202eb"\n',
    "escape in a note": '[[channels]]\ntext = "x"\nnote = "\\u001b[31m"\n',
    "number for a text": "[[channels]]\ntext = 7\n",
    "empty id": '[[channels]]\nid = ""\ntext = "x"\n',
    "capital id": '[[channels]]\nid = "Abc"\ntext = "x"\n',
    "tag with a space": '[[channels]]\ntext = "x"\ntags = ["two words"]\n',
    "tag starting with a dot": '[[channels]]\ntext = "x"\ntags = [".x"]\n',
    "tag with a slash": '[[channels]]\ntext = "x"\ntags = ["a/b"]\n',
    "empty tag": '[[channels]]\ntext = "x"\ntags = [" "]\n',
    "tag twice": '[[channels]]\ntext = "x"\ntags = ["a", "a"]\n',
    "too many tags": '[[channels]]\ntext = "x"\ntags = ['
    + ", ".join(f'"t{n}"' for n in range(MAX_TAGS + 1))
    + "]\n",
    "tag too long": f'[[channels]]\ntext = "x"\ntags = ["{"t" * 33}"]\n',
    "newer format": f"format_version = {FORMAT_VERSION + 1}\n",
    # issue 14: a status the catalogue does not list, or one written as a number.
    "unknown status": '[[channels]]\ntext = "x"\nstatus = "done"\n',
    "status as a number": '[[channels]]\ntext = "x"\nstatus = 3\n',
    "status in capitals": '[[channels]]\ntext = "x"\nstatus = "Validated"\n',
    "format version as text": 'format_version = "1"\n',
    "note too long": f'[[channels]]\ntext = "x"\nnote = "{"n" * (MAX_NOTE_LENGTH + 1)}"\n',
    "block as a table": '[channels]\ntext = "x"\n',
}

#: Files ``validate`` accepts although they look odd; the schema must accept them too.
GOOD_FILES: dict[str, str] = {
    "Danish tag": '[[customer_segments]]\ntext = "x"\ncategory = "niche"\ntags = ["kunder-ø"]\n',
    "tag with a combining accent": '[[channels]]\ntext = "x"\ntags = ["cafe\\u0301"]\n',
    "tag written with spaces": '[[channels]]\ntext = "x"\ntags = [" cafe "]\n',
    "text with a tab at the end": '[[channels]]\ntext = "Shop\\t"\n',
    "full-length text with spaces around": f'[[channels]]\ntext = "  {"x" * MAX_TEXT_LENGTH}  "\n',
    "note with Windows line ends": '[[channels]]\ntext = "x"\nnote = "a\\r\\nb\\rc"\n',
    "full-length note with a Windows line end": '[[channels]]\ntext = "x"\n'
    f'note = "{"n" * (MAX_NOTE_LENGTH - 1)}\\r\\n"\n',
    "date written as text": '[canvas]\ndate = "2025-03-14"\n',
    "empty title": '[canvas]\ntitle = "   "\n',
    "emoji everywhere": '[canvas]\ntitle = "🥖 bakery 🥐"\n[[channels]]\ntext = "🚲"\n',
    # issue 14: every status, in a version-2 file and (hand-written) in a version-1 one.
    **{
        f"status {status.id.value}": f'format_version = 2\n[[channels]]\ntext = "x"\n'
        f'status = "{status.id.value}"\n'
        for status in STATUSES
    },
    "status in a version-1 file": '[[channels]]\ntext = "x"\nstatus = "testing"\n',
}


def toml_to_json(value: Any) -> Any:
    """TOML data as a TOML editor hands it to the schema: dates and times become strings."""
    if isinstance(value, dict):
        return {key: toml_to_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [toml_to_json(item) for item in value]
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return value


VALIDATOR = jsonschema.Draft202012Validator(
    canvas_json_schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
)


def schema_accepts(data: dict[str, Any]) -> bool:
    return VALIDATOR.is_valid(toml_to_json(data))


def validate_accepts(text: str) -> bool:
    try:
        parse(PATH, text)
    except CanvasError:
        return False
    return True


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(canvas_json_schema())


def test_schema_output_is_deterministic_and_is_what_init_writes() -> None:
    runner = CliRunner()
    first, second = runner.invoke(main, ["schema"]), runner.invoke(main, ["schema"])
    assert first.exit_code == 0
    assert first.output == second.output == schema_text()
    assert json.loads(first.output) == canvas_json_schema()


def test_every_field_of_the_model_has_its_schema() -> None:
    """A field added to the model without a rule in the schema would be checked by nothing."""
    assert set(HEADER_FIELDS) == set(Header.model_fields)
    assert set(ITEM_FIELDS) == set(Item.model_fields)


def test_each_block_has_its_own_item_schema() -> None:
    schema = canvas_json_schema()
    for block in BLOCKS:
        ref = schema["properties"][block.id.value]["items"]["$ref"]
        item = schema["$defs"][ref.removeprefix("#/$defs/")]
        # A block without categories allows none: an empty enum.
        assert item["properties"]["category"]["enum"] == [c.id for c in block.categories]
        assert item["additionalProperties"] is False


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda path: path.name)
def test_the_examples_pass(example: Path) -> None:
    assert schema_accepts(tomllib.loads(example.read_text(encoding="utf-8")))


@pytest.mark.parametrize("text", BAD_FILES.values(), ids=BAD_FILES.keys())
def test_a_bad_file_is_refused_by_the_schema_and_by_validate(text: str) -> None:
    assert not validate_accepts(text)
    assert not schema_accepts(tomllib.loads(text))


@pytest.mark.parametrize("text", GOOD_FILES.values(), ids=GOOD_FILES.keys())
def test_an_odd_good_file_is_accepted_by_both(text: str) -> None:
    assert validate_accepts(text)
    assert schema_accepts(tomllib.loads(text))


# --- Hypothesis: near-valid data, wherever it lands -------------------------------------------

#: Characters at every border the rules draw: whitespace that strip removes (controls among
#: them), controls that it does not, bidi overrides, ASCII punctuation in and out of tags,
#: letters that are a word character only for some regex engines.
_char = st.one_of(
    st.sampled_from("aZ09_.+-/ ,#\t\n\r\x0b\x1c\x1f\x00\x1b\x7f\x85\xa0\u2003\u3000\u202e\u2066"),
    st.sampled_from("æøåé\u0301²€🥖"),
    st.characters(exclude_categories=("Cs",)),
)
_string = st.one_of(
    st.lists(_char, max_size=12).map("".join),
    st.builds(
        lambda pad, core, end: pad + core + end,
        st.sampled_from(["", " ", "\t"]),
        st.integers(MAX_TEXT_LENGTH - 2, MAX_TEXT_LENGTH + 1).map(lambda n: "x" * n),
        st.sampled_from(["", " ", "\n"]),
    ),
)
#: Tags near the border: padded, accented, punctuated, one side or the other of 32 characters.
_tag_like = st.builds(
    lambda pad, first, rest, end: pad + first + rest + end,
    st.sampled_from(["", " ", "\t"]),
    st.sampled_from("aZ9_æ.-é²\u0301"),
    st.text(alphabet="ax9_.+-æ\u0301/ ", max_size=33),
    st.sampled_from(["", " ", "\n"]),
)
_date = st.one_of(
    st.dates(),
    st.datetimes(),
    st.dates().map(dt.date.isoformat),
    st.sampled_from(["2025-3-4", "20250314", "2025-02-30", "0"]),
    st.integers(-10, 10**10),
)
_any_category = st.sampled_from(
    sorted({c.id for block in BLOCKS for c in block.categories} | {"bogus", ""})
)


def _value(draw: st.DrawFn, field: str, block_categories: list[str]) -> Any:
    """A value for ``field`` from both sides of its rules."""
    if field == "date":
        return draw(_date)
    if field == "language":
        return draw(st.sampled_from(["da", "en", "sv"]))
    if field in ("lint_disable", "tags"):
        return draw(st.lists(_tag_like | _string, max_size=3))
    if field == "category":
        return draw(st.sampled_from(block_categories or ["bogus"]) | _any_category)
    if field == "id":
        return draw(st.sampled_from(["a1", "", "A", "x" * 33]) | _string)
    if field == "format_version":
        return draw(st.sampled_from([1, 2, 0, "1", 1.0]))
    return draw(_string)


@st.composite
def near_canvases(draw: st.DrawFn) -> dict[str, Any]:
    """A valid file with one to three values redrawn from both sides of their rules, so
    each rule is met on its own often enough to tell whether the two sides agree."""
    block = draw(st.sampled_from(BLOCKS))
    own = [c.id for c in block.categories]
    item: dict[str, Any] = {"text": "x"}
    data: dict[str, Any] = {"canvas": {"title": "T"}, block.id.value: [item]}
    places = st.sampled_from(
        [("file", "format_version")]
        + [("canvas", field) for field in HEADER_FIELDS]
        + [("item", field) for field in ITEM_FIELDS]
    )
    for where, field in draw(st.lists(places, min_size=1, max_size=3, unique=True)):
        target = {"file": data, "canvas": data["canvas"], "item": item}[where]
        target[field] = _value(draw, field, own)
    return data


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(near_canvases())
def test_whatever_the_schema_rejects_validate_rejects_too(data: dict[str, Any]) -> None:
    text = tomli_w.dumps(data)
    if not schema_accepts(data):
        assert not validate_accepts(text), VALIDATOR.iter_errors(toml_to_json(data))
