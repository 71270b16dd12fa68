"""``show``'s boxes drawn line by line give exactly what Rich's own line splitter gives."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.style import Style
from rich.text import Span, Text

from bmc_tui.core.catalogue import BLOCKS
from bmc_tui.core.render import styled_text
from bmc_tui.core.show import BlockBox, Bullets, _padded, _render, block_body, pieces


def _console(width: int) -> Console:
    return Console(file=io.StringIO(), width=width, force_terminal=True, color_system="truecolor")


@pytest.mark.parametrize("width", [3, 12, 23, 40])
def test_bullets_lines_are_what_rich_splits_out_of_the_stream(width: int) -> None:
    bullets = Bullets(
        [
            Text("• A short one"),
            Text("• Kvalitetssikringsmedarbejderuddannelse i hele landet", style="italic"),
            Text("• A line\nkept in the text, and more words after it"),
            Text("• " + "wide 語 " * 9),
        ],
        "da",
    )
    console = _console(width)
    options = console.options.update(width=width, height=None)
    expected = console.render_lines(bullets, options, pad=True)
    assert list(bullets.lines(console, width)) == expected
    assert bullets.height(width) == len(bullets.wrapped(width))


_WORDS = st.sampled_from(
    ["Ladcykelproducent", "booking-system", "a", "語語", "kunde", "  ", "ø", "x" * 30, "é"]
)
_STYLES = st.sampled_from([None, "dim", "bold red", "italic"])


@settings(max_examples=150, deadline=None)
@given(
    parts=st.lists(st.tuples(st.lists(_WORDS, min_size=1, max_size=5), _STYLES), max_size=5),
    width=st.integers(1, 40),
    language=st.sampled_from(["da", "en"]),
)
def test_items_cut_from_one_rendering_are_the_lines_rich_splits_out(
    parts: list[tuple[list[str], str | None]], width: int, language: str
) -> None:
    """An item as ``item_line`` makes it (spans, no style of its own) is cut into lines from
    one rendering (the fast path): segment for segment what wrapping it into a ``Text`` per
    line and rendering each gives (styles, hyphens, the hanging indent, the spaces that
    overrun a line), so ``show`` and the SVG export draw the same bytes."""
    item = Text.assemble(("• ", "dim"), *((" ".join(words) + " ", style) for words, style in parts))
    bullets = Bullets([item, Text("• " + "ord " * 12)], language)  # type: ignore[arg-type]
    console = _console(width)
    expected = [
        line
        for text in bullets.wrapped(width)
        for line in _padded(console, text, width)  # a Text per line, rendered
    ]
    assert list(bullets.lines(console, width)) == expected
    assert bullets.height(width) == len(expected)


@settings(max_examples=100, deadline=None)
@given(
    parts=st.lists(st.tuples(st.lists(_WORDS, min_size=1, max_size=5), _STYLES), max_size=5),
    width=st.integers(1, 40),
)
def test_without_colour_the_lines_are_the_same_words(
    parts: list[tuple[list[str], str | None]], width: int
) -> None:
    """Where nothing is coloured (a pipe, a file), items are cut without rendering their
    styles, which Rich would not write: the words, line for line, are the same."""
    item = Text.assemble(("• ", "dim"), *((" ".join(words) + " ", style) for words, style in parts))
    bullets = Bullets([item, Text("• " + "ord " * 12)], "da")  # type: ignore[arg-type]
    plain = Console(file=io.StringIO(), width=width, color_system=None)

    def words(console: Console) -> list[str]:
        return ["".join(segment.text for segment in line) for line in bullets.lines(console, width)]

    assert words(plain) == words(_console(width))


@pytest.mark.parametrize(("width", "height"), [(30, None), (30, 40), (9, 12)])
def test_a_box_drawn_line_by_line_fills_its_width_and_height(
    example_canvas_for_show: object, width: int, height: int | None
) -> None:
    from bmc_tui.core.model import Canvas

    canvas = example_canvas_for_show
    assert isinstance(canvas, Canvas)
    console = _console(width)
    for block in BLOCKS:
        body = block_body(block, canvas, "en", canvas.segment_tags(), width - 4)
        box = BlockBox(block.title.en, body, tight=width < 20, height=height)
        options = console.options.update(width=width, height=height)
        lines = box.lines(console, options)
        assert lines == console.render_lines(box, options, pad=True)
        assert all(sum(segment.cell_length for segment in line) == width for line in lines)
        if height is not None:
            assert len(lines) == height


@pytest.fixture
def example_canvas_for_show() -> object:
    from bmc_tui.core.storage import load

    return load("canvases/example-en.toml")


_SPAN_STYLES = st.sampled_from(["dim", "bold", "italic", "bold red", "#ff8800", Style(dim=True)])


@settings(max_examples=200, deadline=None)
@given(
    plain=st.text(st.sampled_from(list("ab 語ø")), max_size=12),
    spans=st.lists(st.tuples(st.integers(0, 14), st.integers(0, 14), _SPAN_STYLES), max_size=5),
    ordered=st.booleans(),
)
def test_an_items_segments_are_what_rich_renders(
    plain: str, spans: list[tuple[int, int, str | Style]], ordered: bool
) -> None:
    """The quick rendering of an item's spans (side by side, as ``styled_text`` makes them)
    gives Rich's own segments; spans that overlap or run backwards are left to Rich."""
    if ordered:  # side by side, in order, within the text: the quick path
        bounds = sorted({min(n, len(plain)) for start, end, _ in spans for n in (start, end)})
        styles = [style for _, _, style in spans]
        # Every other pair of bounds: spans with gaps between them, some touching.
        spans = list(zip(bounds[::2], bounds[1::2], styles, strict=False))
    # Rich itself needs every span inside the text, its start before its end.
    size = len(plain)
    spans = [(min(a, b, size), min(max(a, b), size), style) for a, b, style in spans]
    text = Text(plain, spans=[Span(start, end, style) for start, end, style in spans])
    console = _console(20)
    assert _render(console, text) == list(text.render(console))


_PART_TEXTS = st.text(st.sampled_from(list("ab 語ø-\x07")), max_size=14)


@settings(max_examples=150, deadline=None)
@given(
    parts=st.lists(st.tuples(_PART_TEXTS, _STYLES), min_size=1, max_size=6),
    width=st.integers(1, 30),
    colour=st.booleans(),
)
def test_an_item_kept_as_pieces_draws_what_its_text_draws(
    parts: list[tuple[str, str | None]], width: int, colour: bool
) -> None:
    """``show`` keeps an item as its styled parts (no ``Text`` made for it): its lines are,
    segment for segment, the lines of the ``Text`` the editor draws for the same item,
    with colours and without, control codes (dropped by Rich) included."""
    item = [("• ", "dim"), *parts]
    console = _console(width) if colour else Console(file=io.StringIO(), width=width)
    kept = Bullets([pieces(item)], "en")
    made = Bullets([styled_text(item)], "en")
    assert list(kept.lines(console, width)) == list(made.lines(console, width))
    assert kept.height(width) == made.height(width)
