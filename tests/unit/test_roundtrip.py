"""Whatever a canvas holds, writing it and reading it back gives the same canvas, byte for byte.

The canonical file is the product's contract with git: if any text (Danish letters, emoji,
quotes, backslashes, triple quotes, notes ending in newlines) came back different, a save
would silently change someone's words, or a load-save cycle would make a diff out of nothing.
Hypothesis generates canvases the hand-written tests would not think of.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bmc_tui.core.catalogue import BLOCKS, DEFAULT_STATUS, LANGUAGES, StatusId
from bmc_tui.core.model import (
    BASE_FORMAT_VERSION,
    FORMAT_VERSION,
    MAX_TAG_LENGTH,
    MAX_TEXT_LENGTH,
    Canvas,
    Header,
    Item,
)
from bmc_tui.core.storage import dumps, load, parse, save
from bmc_tui.core.textsafe import BIDI_CONTROLS

PATH = Path("roundtrip.toml")
EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "canvases").glob("example-*.toml"))

SETTINGS = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

_BIDI = "".join(sorted(BIDI_CONTROLS))

#: Any printable character a person might type: no controls, no surrogates, no bidi overrides.
_char = st.characters(exclude_categories=("Cc", "Cs"), exclude_characters=_BIDI)

#: Pieces that are hard for a TOML writer, mixed in far more often than chance would.
_tricky = st.sampled_from(
    [
        '"',
        "'",
        '"""',
        "'''",
        "\\",
        "\\n",
        "\\u00e6",
        "æøå",
        "ÆØÅ",
        "🥖",
        "👩‍👩‍👧",
        "面包店",
        "#",
        "=",
        "[",
        "]",
    ]
)

_one_line = st.lists(st.one_of(_char, _tricky), max_size=30).map("".join)
_multi_line = st.lists(st.one_of(_char, _tricky, st.just("\n"), st.just("\n\n")), max_size=40).map(
    "".join
)

_item_text = _one_line.map(str.strip).filter(bool).filter(lambda text: len(text) <= MAX_TEXT_LENGTH)
_header_text = _one_line.map(str.strip)

_tag_first = st.one_of(
    st.sampled_from("abcdefghijklmnopqrstuvwxyzæøåABCXYZ0123456789_"),
    st.sampled_from("面包店ÆØÅ"),
)
_tag = st.builds(
    lambda first, rest: (first + rest)[:MAX_TAG_LENGTH],
    _tag_first,
    st.text(alphabet="abcxyzæøå019_.+-", max_size=12),
)
_tags = st.lists(_tag, unique=True, max_size=5).map(tuple)

#: Ids as the pattern allows them (all digits, dashes, underscores), kept cheap to draw.
_item_id = st.builds(
    lambda first, rest: first + rest,
    st.sampled_from("abcz0189"),
    st.text(alphabet="abcz0189_-", max_size=7),
)


@st.composite
def canvases(draw: st.DrawFn, *, statuses: bool = False) -> Canvas:
    """A valid canvas: every block's items with categories that block knows, unique ids;
    with ``statuses``, each item's status drawn too (else every item is untested)."""
    header = Header(
        title=draw(_header_text),
        designed_for=draw(_header_text),
        designed_by=draw(_header_text),
        date=draw(st.none() | st.dates(min_value=dt.date(1, 1, 1))),
        version=draw(_header_text),
        language=draw(st.sampled_from(LANGUAGES)),
        description=draw(_multi_line),
        lint_disable=tuple(
            draw(st.lists(st.sampled_from(["empty-block", "no-segment"]), unique=True))
        ),
    )
    counts = [draw(st.integers(0, 3)) for _ in BLOCKS]
    ids = iter(draw(st.lists(_item_id, min_size=sum(counts), max_size=sum(counts), unique=True)))
    canvas = Canvas(header=header)
    for block, count in zip(BLOCKS, counts, strict=True):
        categories = [None, *(c.id for c in block.categories)]
        items = [
            Item(
                id=next(ids),
                text=draw(_item_text),
                category=draw(st.sampled_from(categories)),
                tags=draw(st.just(()) | _tags),
                note=draw(st.just("") | _multi_line),
                status=draw(st.sampled_from(list(StatusId))) if statuses else DEFAULT_STATUS,
            )
            for _ in range(count)
        ]
        canvas = canvas.with_items(block.id, items)
    return canvas


@SETTINGS
@given(canvases())
def test_dumps_then_parse_gives_the_same_canvas_and_the_same_text(canvas: Canvas) -> None:
    text = dumps(canvas)
    again = parse(PATH, text)
    assert again == canvas
    assert dumps(again) == text


# The bytes are already proven stable in memory above; this adds only the disk, so fewer runs.
@settings(SETTINGS, max_examples=30)
@given(canvas=canvases())
def test_loading_and_saving_a_canonical_file_changes_no_byte(
    tmp_path: Path, canvas: Canvas
) -> None:
    path = tmp_path / "canvas.toml"
    path.write_bytes(dumps(canvas).encode("utf-8"))
    mtime = path.stat().st_mtime_ns
    assert save(load(path), path) is False
    assert path.read_bytes() == dumps(canvas).encode("utf-8")
    assert path.stat().st_mtime_ns == mtime


@SETTINGS
@given(
    note=st.lists(st.one_of(_tricky, st.just("\n")), min_size=1, max_size=12).map("".join),
    trailing=st.integers(0, 3),
)
def test_notes_keep_leading_and_trailing_newlines(note: str, trailing: int) -> None:
    note = "\n" + note + "\n" * trailing
    canvas = Canvas().with_items(BLOCKS[0].id, [Item(id="n", text="x", note=note)])
    assert parse(PATH, dumps(canvas)).items(BLOCKS[0].id)[0].note == note


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_examples_survive_load_and_save_unchanged(tmp_path: Path, example: Path) -> None:
    copy = tmp_path / example.name
    copy.write_bytes(example.read_bytes())
    assert save(load(copy), copy) is False
    assert copy.read_bytes() == example.read_bytes()
    assert dumps(load(copy)).encode("utf-8") == example.read_bytes()


def test_a_hand_written_file_reaches_a_fixed_point_in_one_format(tmp_path: Path) -> None:
    path = tmp_path / "hand.toml"
    path.write_text(
        "# my notes\n[[channels]]\ntext = 'Shop'  \ntags = ['a']\n"
        '[canvas]\ntitle = "T"\ndescription = """\r\nline\r\n"""\n',
        newline="",
    )
    assert save(load(path), path) is True
    once = path.read_bytes()
    assert save(load(path), path) is False
    assert path.read_bytes() == once


# --- issue 14: statuses ------------------------------------------------------------------------


def version_1_text(canvas: Canvas) -> str:
    """The canvas as the format was written before statuses existed, built here on its own
    from the format's description (not from ``storage``): ``format_version = 1``, the header
    table, then one ``[[block]]`` table per item with id, text, category, tags and note,
    empty ones left out."""

    def compact(data: dict[str, object]) -> dict[str, object]:
        return {key: value for key, value in data.items() if value not in ("", None, (), [])}

    chunks = [tomli_w.dumps({"format_version": 1})]
    header = compact(canvas.header.model_dump(mode="python"))
    chunks.append(tomli_w.dumps({"canvas": header}, multiline_strings=True))
    for block in BLOCKS:
        for item in canvas.items(block.id):
            fields = {name: getattr(item, name) for name in ("id", "text", "category", "tags")}
            fields["note"] = item.note
            chunks.append(
                f"[[{block.id.value}]]\n" + tomli_w.dumps(compact(fields), multiline_strings=True)
            )
    return "\n".join(chunks)


@SETTINGS
@given(canvases())
def test_a_canvas_without_statuses_is_written_byte_for_byte_as_before(canvas: Canvas) -> None:
    """An older bmc-tui keeps reading every canvas that does not use statuses."""
    assert not canvas.uses_status()
    assert dumps(canvas) == version_1_text(canvas)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_the_examples_are_still_version_1_files(example: Path) -> None:
    canvas = load(example)
    assert not canvas.uses_status()
    assert version_1_text(canvas).encode("utf-8") == example.read_bytes()


@SETTINGS
@given(canvases(statuses=True))
def test_statuses_survive_the_round_trip_and_set_the_version(canvas: Canvas) -> None:
    text = dumps(canvas)
    again = parse(PATH, text)
    assert again == canvas
    assert [item.status for _, _, item in again.all_items()] == [
        item.status for _, _, item in canvas.all_items()
    ]
    assert dumps(again) == text
    uses = any(item.status != DEFAULT_STATUS for _, _, item in canvas.all_items())
    version = FORMAT_VERSION if uses else BASE_FORMAT_VERSION
    assert text.startswith(f"format_version = {version}\n")
    # The default is never written; every other status is, once per item that has it.
    assert sum(line.startswith('status = "') for line in text.splitlines()) == sum(
        item.status != DEFAULT_STATUS for _, _, item in canvas.all_items()
    )
    assert 'status = "untested"' not in text
