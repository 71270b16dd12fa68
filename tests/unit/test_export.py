"""The exporters and ``show`` as functions: escaping, layout arithmetic, hostile text."""

from __future__ import annotations

import html
import io
import json
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from bmc_tui.core.catalogue import ATTRIBUTION, BLOCKS, GRID_COLUMNS, BlockId, block
from bmc_tui.core.export import (
    UnknownFormat,
    choose_format,
    poster_layout,
    render,
    to_html,
    to_json,
    to_markdown,
)
from bmc_tui.core.model import Canvas, CanvasFile, Header, Item
from bmc_tui.core.presentation import (
    NOTE_MARKER,
    category_label,
    guide_lead,
    markdown_escape,
    row_heights,
    segment_mark,
)
from bmc_tui.core.show import print_canvas
from bmc_tui.core.textsafe import REPLACEMENT, displayable


def canvas_with(block_id: BlockId, *items: Item, header: Header | None = None) -> Canvas:
    return Canvas(header=header or Header(title="T")).with_items(block_id, items)


def shown(canvas: Canvas, width: int, language: str = "en") -> str:
    out = io.StringIO()
    print_canvas(canvas, "da" if language == "da" else "en", width=width, file=out)
    return out.getvalue()


# --- textsafe --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain æøå 日本", "plain æøå 日本"),
        ("esc\x1b[31mred", f"esc{REPLACEMENT}[31mred"),
        ("bell\x07", f"bell{REPLACEMENT}"),
        ("bidi\u202eevil", f"bidi{REPLACEMENT}evil"),
        ("isolate\u2066x\u2069", f"isolate{REPLACEMENT}x{REPLACEMENT}"),
        ("tab\there", "tab here"),
        ("line\nbreak", "line break"),
        ("sep\u2028x", "sep x"),
        ("c1\x9bcsi", f"c1{REPLACEMENT}csi"),
    ],
)
def test_displayable(text: str, expected: str) -> None:
    assert displayable(text) == expected


def test_displayable_keeps_newlines_in_notes() -> None:
    assert displayable("a\nb\x1b", keep_newlines=True) == f"a\nb{REPLACEMENT}"


@given(st.text())
def test_displayable_output_is_always_safe(text: str) -> None:
    safe = displayable(text, keep_newlines=True)
    for char in safe:
        assert char == "\n" or unicodedata.category(char) not in ("Cc", "Cs")
        assert not "\u202a" <= char <= "\u202e"
        assert not "\u2066" <= char <= "\u2069"


# --- Markdown escaping -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0.3", "0.3"),
        ("R&D", "R&D"),
        ("&lt;", "\\&lt;"),
        ("1. first", "1\\. first"),
        ("2) second", "2\\) second"),
        ("- dash", "\\- dash"),
        ("-5 degrees", "-5 degrees"),
        ("> quote", "\\> quote"),
        ("---", "\\---"),
        ("# heading", "\\# heading"),
        ("<b>x</b>", "\\<b\\>x\\</b\\>"),
        ("[a](javascript:x)", "\\[a\\](javascript:x)"),
        ("*em* _em_ `code` ~~s~~ | t", "\\*em\\* \\_em\\_ \\`code\\` \\~\\~s\\~\\~ \\| t"),
        ("back\\slash", "back\\\\slash"),
    ],
)
def test_markdown_escape(text: str, expected: str) -> None:
    assert markdown_escape(text) == expected


def test_markdown_escape_mid_line_leaves_list_markers() -> None:
    assert markdown_escape("1. not a list here", line_start=False) == "1. not a list here"


# --- helpers ---------------------------------------------------------------------------------


def test_choose_format() -> None:
    assert choose_format(None, None) == "md"
    assert choose_format("json", Path("x.html")) == "json"
    assert choose_format(None, Path("poster.HTML")) == "html"
    assert choose_format(None, Path("data.json")) == "json"
    assert choose_format(None, Path("slide.SVG")) == "svg"
    assert choose_format(None, Path("README")) == "md", "no suffix: nothing to contradict"
    with pytest.raises(ValueError, match="unknown export format"):
        choose_format("pdf", None)


@pytest.mark.parametrize("name", ["poster.pdf", "notes.txt", "canvas.docx"])
def test_choose_format_refuses_a_suffix_it_cannot_write(name: str) -> None:
    # Markdown in a file called poster.pdf would open as a broken PDF.
    with pytest.raises(UnknownFormat) as refused:
        choose_format(None, Path(name))
    message = str(refused.value)
    assert Path(name).suffix in message
    assert all(f".{format}" in message for format in ("md", "html", "json", "svg"))
    assert "\n" not in message


def test_guide_lead_falls_back_to_the_intro() -> None:
    assert guide_lead(block(BlockId.KEY_PARTNERS), "en") == "Who are our key partners?"
    activities = block(BlockId.KEY_ACTIVITIES)
    assert not activities.questions
    assert activities.intro is not None
    assert guide_lead(activities, "da") == activities.intro.da


def test_category_labels_are_short_where_room_is_short() -> None:
    costs = block(BlockId.COST_STRUCTURE)
    assert category_label(costs, "value_driven", "en") == (
        "Value-driven (value creation and the best value proposition)"
    )
    assert category_label(costs, "value_driven", "en", 60) == "Value-driven"
    assert category_label(costs, "value_driven", "da", 60) == "Værdidreven"
    partners = block(BlockId.KEY_PARTNERS)
    assert category_label(partners, "optimization", "en", 60) == "Optimisation and economy"
    assert category_label(partners, "optimization", "en", 20) == "Economy"
    assert category_label(partners, "no-such-kind", "en", 20) == "no-such-kind"


def test_row_heights_share_tall_blocks_over_their_rows() -> None:
    by_id = {b.id: b for b in BLOCKS}
    needs = dict.fromkeys(BLOCKS, 3)
    needs[by_id[BlockId.KEY_ACTIVITIES]] = 5
    needs[by_id[BlockId.CHANNELS]] = 4
    needs[by_id[BlockId.CUSTOMER_SEGMENTS]] = 15
    needs[by_id[BlockId.REVENUE_STREAMS]] = 7
    heights = row_heights(needs)
    assert heights[0] + heights[1] == 15
    assert heights[0] >= 5
    assert heights[1] >= 4
    assert heights[2] == 7


# --- JSON ------------------------------------------------------------------------------------


def test_json_round_trips_every_field() -> None:
    import datetime as dt

    canvas = Canvas(
        header=Header(
            title="Ø", designed_for="a", date=dt.date(2024, 2, 29), version="1", language="da"
        )
    ).with_items(
        BlockId.CUSTOMER_SEGMENTS,
        [Item(id="s1", text="Students", category="niche", tags=("stud",), note="line\nline")],
    )
    text = to_json(canvas)
    data = json.loads(text)
    assert data["canvas"]["date"] == "2024-02-29"
    assert Canvas.from_file(CanvasFile.model_validate(data)) == canvas
    assert "Ø" in text
    assert render(canvas, "json", "en") == text


# --- Markdown --------------------------------------------------------------------------------


def test_markdown_structure() -> None:
    canvas = canvas_with(
        BlockId.CHANNELS,
        Item(id="a", text="Web shop", tags=("online", "b2c")),
        Item(id="b", text="Market stall", note="Saturdays\n\nSundays too\nin summer"),
    )
    text = to_markdown(canvas, "en")
    assert text.startswith("# T\n")
    headings = re.findall(r"^## (.*)$", text, flags=re.MULTILINE)
    assert headings == [f"{b.number} {b.title.en}" for b in BLOCKS]
    assert "- Web shop `#online` `#b2c`\n- Market stall\n" in text
    assert "\n  Saturdays\n\n  Sundays too\\\n  in summer\n" in text
    assert "## 1 Key Partners\n\n_(empty)_\n" in text
    assert text.rstrip().endswith(f"_{markdown_escape(ATTRIBUTION.en)}_")


def test_untitled_canvas_still_has_a_heading() -> None:
    assert to_markdown(Canvas(), "da").startswith("# Business Model Canvas\n")


# --- hostile text that bypassed the model ----------------------------------------------------

ESCAPE = "\x1b]0;owned\x07\x1b[2J"


def hostile_canvas() -> Canvas:
    """Built with ``model_construct``: the model's own checks never saw these strings."""
    item = Item.model_construct(
        id="x", text=f"evil{ESCAPE}\u202etxt", category=None, tags=(), note=f"n{ESCAPE}"
    )
    header = Header.model_construct(
        title=f"T{ESCAPE}",
        designed_for="",
        designed_by="",
        date=None,
        version="",
        language="en",
        description="",
        lint_disable=(),
    )
    return Canvas(header=header).with_items(BlockId.KEY_PARTNERS, [item])


@pytest.mark.parametrize("width", [60, 120])
def test_show_never_prints_control_characters(width: int) -> None:
    out = shown(hostile_canvas(), width)
    assert "\x1b" not in out
    assert "\x07" not in out
    assert "\u202e" not in out
    assert f"evil{REPLACEMENT}]0;owned" in out


def test_exports_never_write_control_characters() -> None:
    canvas = hostile_canvas()
    for text in (to_markdown(canvas, "en"), to_html(canvas, "en")):
        assert "\x1b" not in text
        assert "\u202e" not in text
        assert "\x07" not in text


# --- show ------------------------------------------------------------------------------------


@given(
    st.lists(
        st.text(
            alphabet=st.characters(codec="utf-8", categories=["L", "N", "P", "S", "Zs"]),
            min_size=1,
            max_size=60,
        ).filter(lambda text: text.strip()),
        max_size=4,
    ),
    st.integers(min_value=20, max_value=220),
)
def test_show_never_exceeds_the_width(texts: list[str], width: int) -> None:
    items = [Item(id=f"i{index}", text=text) for index, text in enumerate(texts)]
    canvas = canvas_with(BlockId.VALUE_PROPOSITIONS, *items)
    out = shown(canvas, width)
    assert max(cell_len(line) for line in out.splitlines()) <= width


def test_show_grid_columns_follow_the_catalogue() -> None:
    width = 150
    out = shown(Canvas(header=Header(title="T")), width)
    lines = out.splitlines()
    top = next(line for line in lines if line.count("╮╭") == 4)
    starts = [index for index, char in enumerate(top) if char == "╭"]
    expected = sorted(b.place.column * width // GRID_COLUMNS for b in BLOCKS if b.place.row == 0)
    assert starts == expected


def test_show_marks_notes_and_categories() -> None:
    canvas = canvas_with(
        BlockId.CUSTOMER_SEGMENTS,
        Item(id="a", text="Students", category="niche", tags=("stud",), note="more"),
    )
    out = shown(canvas, 79)
    glyph = segment_mark(0).glyph
    assert f"• {glyph} Students {NOTE_MARKER} [Niche market] {glyph}stud" in out


def test_show_in_danish() -> None:
    out = shown(Canvas(header=Header(title="T", language="da")), 200, "da")
    assert "1 Nøglepartnere" in out
    assert "Hvem er vores nøglepartnere?" in out


# --- HTML ------------------------------------------------------------------------------------


def test_html_escapes_header_and_items() -> None:
    canvas = canvas_with(
        BlockId.CHANNELS,
        Item(id="a", text='"quoted" <i>x</i> & more', tags=("t",)),
        header=Header(title="<Title>", designed_by="A & B"),
    )
    page = to_html(canvas, "en")
    assert "<title>&lt;Title&gt;</title>" in page
    assert html.escape('"quoted" <i>x</i> & more') in page
    assert "<dd>A &amp; B</dd>" in page


def test_poster_shrinks_the_font_for_a_full_canvas() -> None:
    sparse_font, sparse_rows, sparse_fits = poster_layout(Canvas(), "en")
    items = [Item(id=f"i{index}", text="a fairly long idea " * 5) for index in range(12)]
    full = canvas_with(BlockId.KEY_ACTIVITIES, *items)
    full_font, full_rows, _ = poster_layout(full, "en")
    assert sparse_fits
    assert full_font < sparse_font
    assert sum(full_rows) == pytest.approx(sum(sparse_rows))
    assert full_rows[0] > full_rows[1], "the row holding the full block grows"


def test_overfull_poster_says_so() -> None:
    items = [Item(id=f"i{index}", text="word " * 39) for index in range(60)]
    page = to_html(canvas_with(BlockId.CHANNELS, *items), "en")
    assert 'class="overflow"' in page
    assert 'class="overflow"' not in to_html(Canvas(), "en")
