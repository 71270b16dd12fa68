"""Reading files through a shared reader gives exactly what reading each file alone gives.

merge and diff read their versions of a canvas through one ``SharedReader``, which parses
and validates an item written the same in several files once. If a piece could ever be read
differently from the whole file (a ``[[block]]`` line inside a note, a table header after an
item), or an item taken from an earlier file hid a problem of this one, a merge would
silently write something other than what the files say; so every file, valid or not, must
come back as ``tomllib`` and Pydantic read it alone, or fail with the same problems.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bmc_tui.core.catalogue import BlockId
from bmc_tui.core.model import Canvas, Item
from bmc_tui.core.shared_reading import SharedReader
from bmc_tui.core.storage import CanvasError, dumps, parse

#: Lines a canvas file (or something that only looks like one) may hold, the awkward ones
#: in particular: headers inside multi-line strings and arrays, headers that are no plain
#: array of tables, names the first piece already used, broken pieces.
LINES = [
    "format_version = 1",
    "[canvas]",
    'title = "T"',
    "[[key_partners]]",
    "[[customer_segments]]",
    '[["key_partners"]]',
    "[[canvas]]",
    "[[a.b]]",
    "[key_partners]",
    "[other]",
    "[key_partners.sub]",
    "  [[key_partners]]",
    'id = "a1"',
    'id = "b2"',
    'text = "Bakery"',
    'text = "Café"',
    'note = """',
    "note = '''",
    '"""',
    "'''",
    'tags = ["x",',
    '"y"]',
    "key_partners = [",
    "]",
    "key_partners = 1",
    "x = 2",
    "# [[key_partners]]",
    "",
    "= broken",
    '"unterminated',
]

#: Files of those lines, with Unix or Windows line ends (tomllib reads CRLF as LF).
documents = st.builds(
    lambda lines, end: end.join(lines),
    st.lists(st.sampled_from(LINES), max_size=14),
    st.sampled_from(["\n", "\r\n"]),
)


def _read(read: object, text: str) -> object:
    """The data read, or the error's class and message (where tomllib says what and where)."""
    assert callable(read)
    try:
        return read(text)
    except tomllib.TOMLDecodeError as error:
        return (type(error), str(error))


@settings(max_examples=400, deadline=None)
@given(st.lists(documents, min_size=1, max_size=4))
def test_every_file_reads_as_tomllib_reads_it_whole(texts: list[str]) -> None:
    reader = SharedReader()  # one reader for all: pieces of earlier files are reused
    for text in texts:
        assert _read(reader.loads, text) == _read(tomllib.loads, text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(LINES), min_size=1, max_size=8), st.integers(1, 3))
def test_a_piece_read_before_reads_the_same_in_another_file(lines: list[str], copies: int) -> None:
    """The same piece in several files, and twice in one, after other content."""
    piece = "[[key_partners]]\n" + "\n".join(lines) + "\n"
    first = "format_version = 1\n" + piece * copies
    second = "[canvas]\ntitle = 'x'\n" + piece + "[[key_partners]]\nid = 'z'\n" + piece
    reader = SharedReader()
    for text in (first, second, first):
        assert _read(reader.loads, text) == _read(tomllib.loads, text)


def _canvas(note: str, text: str = "Bakery") -> Canvas:
    items = (
        Item(id="a1", text=text, note=note),
        Item(id="b2", text="Flour mill"),
        Item(id="c3", text="Oven maker", tags=("local",)),
    )
    return Canvas().with_items(BlockId.KEY_PARTNERS, items)


@pytest.mark.parametrize(
    "note",
    [
        "",
        "Plain note.",
        # A note whose lines look like the next item: written inside a multi-line string,
        # they are cut into pieces that must not parse, and the file is read whole.
        '[[key_partners]]\nid = "zz"\ntext = "Not an item"',
        "[[key_partners]]\n'''\n\"\"\"\n[[customer_segments]]\n",
    ],
)
def test_canvases_sharing_items_parse_as_they_do_alone(note: str) -> None:
    base, ours, theirs = _canvas(""), _canvas(note), _canvas(note, text="Baker's")
    reader = SharedReader()
    for canvas in (base, ours, theirs):
        text = dumps(canvas)
        assert parse(Path("c.toml"), text, shared=reader) == parse(Path("c.toml"), text)


def test_a_broken_file_reports_the_line_of_the_whole_file() -> None:
    good = dumps(_canvas("note"))
    broken = good + '\n[[key_partners]]\nid = "d4"\ntext = "Unfinished\n'
    reader = SharedReader()
    reader.loads(good)
    with pytest.raises(CanvasError) as shared_error:
        parse(Path("c.toml"), broken, shared=reader)
    with pytest.raises(CanvasError) as alone_error:
        parse(Path("c.toml"), broken)
    assert str(shared_error.value) == str(alone_error.value)
    assert shared_error.value.problems[0].line == broken.count("\n")


#: Headers and items, valid and not, for canvases that share items: a duplicate id, an item
#: without id (twice the same, so derived ids are needed), an unknown category, a bad id, a
#: missing text, an unknown field, a status (format 2), a note that holds item-like lines.
HEADS = [
    "",
    "format_version = 1\n",
    'format_version = 2\n[canvas]\ntitle = "T"\n',
    "[canvas]\ntitle = 5\n",
    "format_version = 3\n",
]
ITEMS = [
    '[[key_partners]]\nid = "a1"\ntext = "Bakery"\n',
    '[[key_partners]]\nid = "a1"\ntext = "Same id"\n',
    '[[key_partners]]\ntext = "No id"\n',
    '[[customer_segments]]\nid = "c1"\ntext = "Families"\ntags = ["local"]\n',
    '[[key_partners]]\nid = "b2"\ntext = "Mill"\ncategory = "nonsense"\n',
    '[[key_partners]]\nid = "B!"\ntext = "Bad id"\n',
    '[[key_partners]]\nid = "d4"\n',
    '[[key_partners]]\nid = "e5"\ntext = "X"\ncolour = "red"\n',
    '[[channels]]\nid = "f6"\ntext = "Shop"\nstatus = "testing"\n',
    '[[channels]]\nid = "g7"\ntext = "Web"\nnote = """\n[[channels]]\nid = "h8"\n"""\n',
    '[[channels]]\nid = "i9"\ntext = "  padded  "\n',
    "[[channels]]\nid = 5\n",
]

canvas_files = st.builds(
    lambda head, items: head + "".join(items),
    st.sampled_from(HEADS),
    st.lists(st.sampled_from(ITEMS), max_size=6),
)


def _outcome(text: str, reader: SharedReader | None) -> object:
    """The canvas read, or every problem reported (each with its line)."""
    try:
        return parse(Path("c.toml"), text, shared=reader)
    except CanvasError as error:
        return str(error)


@settings(max_examples=300, deadline=None)
@given(st.lists(canvas_files, min_size=1, max_size=4))
def test_every_canvas_validates_as_it_does_alone(texts: list[str]) -> None:
    reader = SharedReader()  # items validated for an earlier file are taken as they are
    for text in texts:
        assert _outcome(text, reader) == _outcome(text, None)
