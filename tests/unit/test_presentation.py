"""The one vocabulary every view of a canvas shares (core/presentation.py), and proof that
each renderer (the editor's item lines, ``show``, Markdown, HTML) takes its words from it."""

from __future__ import annotations

import io
import itertools

import pytest
from rich.cells import cell_len

from bmc_tui.core import presentation
from bmc_tui.core.catalogue import BLOCKS, LANGUAGES, BlockId, Language, block
from bmc_tui.core.export import to_html, to_markdown
from bmc_tui.core.model import Canvas, Header, Item
from bmc_tui.core.presentation import (
    ELLIPSIS,
    NOTE_MARKER,
    NOTE_MARKER_ASCII,
    block_title,
    category_label,
    guide,
    guide_lead,
    note_marker,
    segment_mark,
    title_forms,
)
from bmc_tui.core.render import fitted_guide, fitted_run, guide_lines, item_line
from bmc_tui.core.show import print_canvas

# --- block titles ----------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_full_title_is_taken_wherever_it_fits(language: Language) -> None:
    for item in BLOCKS:
        full = f"{item.number} {item.title(language)}"
        assert block_title(item, language, cell_len(full)) == full
        assert block_title(item, language) == full, "no limit: the full title"
        forms = title_forms(item, language)
        assert forms[0] == full
        assert forms[-1] == f"{item.number} {item.short_title(language)}"
        for longer, shorter in itertools.pairwise(forms):
            # One cell short of a form gives the next, shorter one.
            assert block_title(item, language, cell_len(longer) - 1) == shorter


@pytest.mark.parametrize(
    ("block_id", "language", "room", "title"),
    [
        # A pane at 120 columns is 24 cells wide; its border leaves 18 for the title.
        (BlockId.KEY_ACTIVITIES, "da", 18, "2 Nøgleaktiviteter"),
        (BlockId.KEY_RESOURCES, "da", 18, "3 Nøgleressourcer"),
        (BlockId.CUSTOMER_RELATIONSHIPS, "da", 18, "5 Kunderelationer"),
        # At 200 columns a pane is 40 wide (34 for the title).
        (BlockId.VALUE_PROPOSITIONS, "en", 34, "4 Value Propositions"),
        (BlockId.CUSTOMER_RELATIONSHIPS, "en", 34, "5 Customer Relationships"),
        (BlockId.VALUE_PROPOSITIONS, "en", 18, "4 Value Props"),
    ],
)
def test_titles_that_fit_are_not_shortened(
    block_id: BlockId, language: Language, room: int, title: str
) -> None:
    assert block_title(block(block_id), language, room) == title


def test_a_title_that_cannot_fit_is_cut_with_a_mark() -> None:
    title = block_title(block(BlockId.CUSTOMER_SEGMENTS), "en", 6)
    assert title.endswith(ELLIPSIS)
    assert cell_len(title) == 6


# --- markers, colours, labels ----------------------------------------------------------------


def test_every_segment_has_its_own_mark_and_a_colour() -> None:
    marks = [segment_mark(position) for position in range(14)]
    assert len({mark.glyph for mark in marks}) == len(marks)
    assert all(mark.colour in presentation.TAG_COLOURS for mark in marks)
    assert all(mark.tint.startswith("#") for mark in marks)
    # Without an encoding for shapes, a segment is still named by a plain mark.
    plain = [segment_mark(position, ascii_only=True).glyph for position in range(14)]
    assert all(glyph.isascii() for glyph in plain)
    assert len(set(plain)) == len(plain)


def test_the_note_marker_has_an_ascii_fallback() -> None:
    assert note_marker() == NOTE_MARKER == "✎"
    assert note_marker(ascii_only=True) == NOTE_MARKER_ASCII
    assert NOTE_MARKER_ASCII.isascii()


def test_category_labels_grow_with_their_column() -> None:
    partners = block(BlockId.KEY_PARTNERS)
    narrow = category_label(partners, "optimization", "en", presentation.ROOMY_COLUMN - 1)
    roomy = category_label(partners, "optimization", "en", presentation.ROOMY_COLUMN)
    page = category_label(partners, "optimization", "en")
    assert (narrow, roomy, page) == ("Economy", "Optimisation and economy", roomy)
    segments = block(BlockId.CUSTOMER_SEGMENTS)
    assert category_label(segments, "customized", "en", 60) == "Customised"
    assert category_label(segments, "customized", "en").startswith("Customised (modified")


def test_the_danish_customized_is_the_templates_own_word_at_every_size() -> None:
    """The Danish template writes "• Customized (modifi ceret, tilpasset til bestemt person
    eller opgave)": "Customized" is its Danish word for the kind, glossed in Danish. The pane
    shows it as the template does (no word of ours in its place), the same word in a narrow
    column and a roomy one, and the gloss wherever the whole label has room."""
    segments = block(BlockId.CUSTOMER_SEGMENTS)
    narrow = category_label(segments, "customized", "da", presentation.ROOMY_COLUMN - 1)
    roomy = category_label(segments, "customized", "da", presentation.ROOMY_COLUMN)
    assert narrow == roomy == "Customized"
    assert category_label(segments, "customized", "da") == (
        "Customized (modificeret, tilpasset til bestemt person eller opgave)"
    )


# --- the guide -------------------------------------------------------------------------------


def test_the_guide_asks_its_questions_first_then_says_what_the_block_is_about() -> None:
    values = block(BlockId.VALUE_PROPOSITIONS)
    entries = guide(values, "en")
    assert [entry.question for entry in entries] == [True, True, True, False]
    assert entries[0].line().startswith("? Which values")
    assert guide_lead(values, "en") == entries[0].text
    activities = block(BlockId.KEY_ACTIVITIES)  # asks nothing: its introduction leads
    assert activities.intro is not None
    assert guide_lead(activities, "da") == activities.intro.da


@pytest.mark.parametrize("height", range(1, 16))
def test_a_fitted_guide_shows_whole_entries_and_marks_the_rest(height: int) -> None:
    values = block(BlockId.VALUE_PROPOSITIONS)
    width = 22
    entries = guide_lines(values, "en", width)
    shown = fitted_guide(values, "en", width, height)
    assert len(shown) <= height
    assert all(line.cell_len <= width for line in shown)
    plain = [line.plain for line in shown]
    if len(plain) == sum(len(entry) for entry in entries):
        assert ELLIPSIS not in "".join(plain), "everything fits: nothing to mark"
        return
    assert plain[-1].rstrip().endswith(ELLIPSIS), "what is left out is marked"
    if plain[-1] != ELLIPSIS:
        # Not even one entry fits beside the mark: the first one, as far as it goes.
        first = [line.plain for line in entries[0]]
        assert plain[:-1] == first[: len(plain) - 1]
        return
    whole = plain[:-1]
    if whole:
        # Every line before the mark belongs to an entry shown whole.
        flat = [[line.plain for line in entry] for entry in entries]
        taken = 0
        for entry in flat:
            if taken >= len(whole):
                break
            assert whole[taken : taken + len(entry)] == entry
            taken += len(entry)


def test_the_hint_runs_whole_sentences_and_marks_the_rest() -> None:
    from rich.text import Text

    parts = ["Who are our key partners?", "Who are our key suppliers?", "Which key resources?"]
    text = fitted_run(Text("1 Key Partners: "), parts, 40, 2)
    assert text.plain.replace("\n", " ").endswith(f"suppliers? {ELLIPSIS}")
    assert "Which" not in text.plain
    everything = fitted_run(Text("1 Key Partners: "), parts, 200, 2)
    assert ELLIPSIS not in everything.plain


# --- every renderer takes its words from here ------------------------------------------------

SEGMENT_ITEM = Item(id="s", text="Students", tags=("stud",), category="niche", note="More.")
TAGGED_ITEM = Item(id="v", text="Cheap lunch", tags=("stud",))


def sample() -> Canvas:
    return (
        Canvas(header=Header(title="T"))
        .with_items(BlockId.CUSTOMER_SEGMENTS, (SEGMENT_ITEM,))
        .with_items(BlockId.VALUE_PROPOSITIONS, (TAGGED_ITEM,))
    )


def shown(canvas: Canvas, width: int = 200) -> str:
    out = io.StringIO()
    print_canvas(canvas, "en", width=width, file=out)
    return out.getvalue()


@pytest.fixture
def odd_vocabulary(monkeypatch: pytest.MonkeyPatch) -> None:
    """Marks no renderer would have of its own: whoever shows them read them here."""
    monkeypatch.setattr(presentation, "NOTE_MARKER", "¤")
    monkeypatch.setattr(presentation, "_SEGMENT_PALETTE", (("§", "red", "#abcdef"),))


@pytest.mark.usefixtures("odd_vocabulary")
def test_the_editor_line_uses_the_shared_marks() -> None:
    segments = block(BlockId.CUSTOMER_SEGMENTS)
    line = item_line(SEGMENT_ITEM, segments, "en", {"stud": 0}, width=20)
    assert line.plain == "• § Students ¤ [Niche market] §stud"
    styles = {line.plain[span.start : span.end]: str(span.style) for span in line.spans}
    assert styles["§stud"] == "red"


@pytest.mark.usefixtures("odd_vocabulary")
def test_show_uses_the_shared_marks() -> None:
    out = shown(sample())
    assert "§ Students ¤" in out
    assert "Cheap lunch §stud" in out


@pytest.mark.usefixtures("odd_vocabulary")
def test_markdown_uses_the_shared_marks() -> None:
    out = to_markdown(sample(), "en")
    assert "- § Students _(Niche market)_ `§stud`" in out
    assert "- Cheap lunch `§stud`" in out


@pytest.mark.usefixtures("odd_vocabulary")
def test_html_uses_the_shared_marks_and_colours() -> None:
    page = to_html(sample(), "en")
    assert ".tag.segment-0 { background: #abcdef; }" in page
    assert '<span class="tag segment-0">§stud</span>' in page


def test_show_and_the_editor_draw_an_item_alike() -> None:
    # The same column width gives the same line, markers, label and tag alike.
    segments = block(BlockId.CUSTOMER_SEGMENTS)
    width = 200 * 2 // 10 - 4  # a top box of show at 200 columns, inside its frame
    editor = item_line(SEGMENT_ITEM, segments, "en", {"stud": 0}, width=width).plain
    assert editor in shown(sample())


def test_show_colours_a_segment_as_the_editor_does() -> None:
    from rich.console import Console

    from bmc_tui.core.show import CanvasView

    console = Console(file=io.StringIO(), width=200, record=True, color_system="standard")
    console.print(CanvasView(sample(), "en"))
    colour = segment_mark(0).colour
    for segment in console._record_buffer:
        if segment.text.endswith("stud"):
            assert segment.style is not None
            assert segment.style.color is not None
            assert segment.style.color.name == colour
            break
    else:
        pytest.fail("no segment tag drawn")


def test_show_falls_back_to_ascii_marks_where_the_output_cannot_encode_them() -> None:
    from rich.console import Console

    from bmc_tui.core.show import CanvasView

    buffer = io.BytesIO()
    # "replace": the attribution and the guides are Danish and English prose, not ASCII.
    out = io.TextIOWrapper(buffer, encoding="ascii", errors="replace")
    console = Console(file=out, width=200, color_system=None)
    console.print(CanvasView(sample(), "en"))
    out.flush()
    text = buffer.getvalue().decode("ascii")
    mark = segment_mark(0, ascii_only=True).glyph
    assert f"* {mark} Students {NOTE_MARKER_ASCII}" in text
    assert f"Cheap lunch {mark}stud" in text
    assert "+---" in text or "+-" in text, "the boxes are ASCII too"


# --- issue 14: statuses ------------------------------------------------------------------------


def test_each_status_has_words_in_both_languages_and_a_marker_that_needs_no_colour() -> None:
    from bmc_tui.core.catalogue import STATUSES, StatusId

    assert [status.id for status in STATUSES] == list(StatusId)
    assert [status.number for status in STATUSES] == [1, 2, 3, 4]
    markers = [status.marker for status in STATUSES]
    ascii_markers = [status.ascii_marker for status in STATUSES]
    assert len(set(markers)) == len(set(ascii_markers)) == len(STATUSES)
    assert all(marker.isascii() for marker in ascii_markers)
    for status in STATUSES:
        assert status.label("da")
        assert status.label("en")
        assert not status.marker.isalnum(), "a marker is a sign, not a letter"


def test_status_counts_read_in_words_or_by_markers() -> None:
    from bmc_tui.core.catalogue import StatusId
    from bmc_tui.core.presentation import status_counts_text

    counts = {
        StatusId.UNTESTED: 18,
        StatusId.TESTING: 3,
        StatusId.VALIDATED: 4,
        StatusId.INVALIDATED: 1,
    }
    assert (
        status_counts_text(counts, "en") == "18 untested · 3 testing · 4 validated · 1 invalidated"
    )
    assert (
        status_counts_text(counts, "da") == "18 utestet · 3 under test · 4 bekræftet · 1 afkræftet"
    )
    assert status_counts_text(counts, "en", short=True) == "?18 ~3 ✓4 ✗1"


def test_show_falls_back_to_ascii_status_markers() -> None:
    from rich.console import Console

    from bmc_tui.core.catalogue import StatusId
    from bmc_tui.core.show import CanvasView

    validated = SEGMENT_ITEM.model_copy(update={"status": StatusId.VALIDATED})
    canvas = sample().with_items(BlockId.CUSTOMER_SEGMENTS, (validated,))
    buffer = io.BytesIO()
    out = io.TextIOWrapper(buffer, encoding="ascii", errors="replace")
    console = Console(file=out, width=200, color_system=None)
    console.print(CanvasView(canvas, "en"))
    out.flush()
    text = buffer.getvalue().decode("ascii")
    mark = segment_mark(0, ascii_only=True).glyph
    assert f"* v {mark} Students" in text
    assert "* ? Cheap lunch" in text


def test_the_statuses_are_shown_only_once_a_canvas_uses_them() -> None:
    from bmc_tui.core.catalogue import StatusId

    assert "• ? Cheap lunch" not in shown(sample())
    testing = TAGGED_ITEM.model_copy(update={"status": StatusId.TESTING})
    used = sample().with_items(BlockId.VALUE_PROPOSITIONS, (testing,))
    assert "• ~ Cheap lunch" in shown(used)
    assert "• ? ● Students" in shown(used)
