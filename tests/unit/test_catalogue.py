"""The block catalogue: the canvas's shape and its guiding text, checked against the seed.

The catalogue is the single place the nine blocks are spelt out; if it drifts from the
canvas everyone knows (order, numbering, layout) or from the Danish template the product
ships, every screen and export inherits the mistake. These tests pin it down.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from bmc_tui.core.catalogue import (
    BLOCKS,
    BLOCKS_BY_ID,
    BLOCKS_BY_NUMBER,
    GRID_COLUMNS,
    GRID_ROWS,
    LANGUAGES,
    Block,
    BlockId,
    Text,
    block,
)

SEED = Path("/work/shared/seed/business-model-canvas-da.txt")

EXPECTED_ORDER = [
    "key_partners",
    "key_activities",
    "key_resources",
    "value_propositions",
    "customer_relationships",
    "channels",
    "customer_segments",
    "cost_structure",
    "revenue_streams",
]

#: The PDF extraction split these words where it had drawn an "fi"/"fl" ligature.
LIGATURE_ARTEFACTS = {
    "modifi ceret": "modificeret",
    "kundeprofi l": "kundeprofil",
    "kontaktfl ade": "kontaktflade",
}

#: A word hyphenated across a line end: letters, "-", the line break, more letters. A hyphen
#: followed by a comma or a space on the same line ("kommunikations-, ...") is real.
LINE_END_HYPHEN = re.compile(r"(\w+)-[ \t]*\n[ \t]*(\w+)")


def _seed_text() -> str:
    if not SEED.exists():
        pytest.skip(f"seed template not available at {SEED}")
    return SEED.read_text(encoding="utf-8")


def _mend_seed(raw: str) -> str:
    """The seed as running prose: PDF artefacts mended, bullets dropped, spaces collapsed."""
    text = raw
    for broken, whole in LIGATURE_ARTEFACTS.items():
        text = text.replace(broken, whole)
    text = LINE_END_HYPHEN.sub(r"\1\2", text)
    text = text.replace("•", " ")
    return re.sub(r"\s+", " ", text).strip()


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _danish_guidance(entry: Block) -> Iterator[tuple[str, str]]:
    """Every Danish sentence the template itself gives for a block, labelled for messages."""
    if entry.intro is not None:
        yield f"{entry.id}.intro", entry.intro.da
    for number, question in enumerate(entry.questions):
        yield f"{entry.id}.questions[{number}]", question.da
    for number, hint in enumerate(entry.hints):
        yield f"{entry.id}.hints[{number}]", hint.da
    if entry.categories_heading is not None:
        yield f"{entry.id}.categories_heading", entry.categories_heading.da


def _all_danish() -> Iterator[tuple[str, str]]:
    for entry in BLOCKS:
        yield f"{entry.id}.title", entry.title.da
        yield f"{entry.id}.short_title", entry.short_title.da
        yield from _danish_guidance(entry)
        for category in entry.categories:
            yield f"{entry.id}.categories.{category.id}", category.label.da


# --- shape ------------------------------------------------------------------------------------


def test_there_are_nine_blocks_numbered_one_to_nine_in_canvas_order() -> None:
    assert [b.id.value for b in BLOCKS] == EXPECTED_ORDER
    assert [b.number for b in BLOCKS] == list(range(1, 10))
    assert [b.value for b in BlockId] == EXPECTED_ORDER


def test_lookups_agree_with_the_tuple() -> None:
    assert set(BLOCKS_BY_ID) == set(BlockId)
    assert all(BLOCKS_BY_ID[b.id] is b for b in BLOCKS)
    assert all(BLOCKS_BY_NUMBER[b.number] is b for b in BLOCKS)
    assert block("channels") is BLOCKS_BY_ID[BlockId.CHANNELS]
    with pytest.raises((KeyError, ValueError)):
        block("not_a_block")


def test_grid_places_tile_the_whole_grid_without_overlap() -> None:
    owner: dict[tuple[int, int], BlockId] = {}
    for entry in BLOCKS:
        place = entry.place
        assert place.row >= 0
        assert place.column >= 0
        assert place.row_span >= 1
        assert place.column_span >= 1
        assert place.row + place.row_span <= GRID_ROWS, entry.id
        assert place.column + place.column_span <= GRID_COLUMNS, entry.id
        for row in range(place.row, place.row + place.row_span):
            for column in range(place.column, place.column + place.column_span):
                assert (row, column) not in owner, f"{entry.id} overlaps {owner[(row, column)]}"
                owner[(row, column)] = entry.id
    assert len(owner) == GRID_ROWS * GRID_COLUMNS


def test_the_layout_is_the_familiar_canvas() -> None:
    """Partners far left, segments far right, value in the middle, money along the bottom."""
    place = {b.id: b.place for b in BLOCKS}
    assert place[BlockId.KEY_PARTNERS].column == 0
    assert place[BlockId.CUSTOMER_SEGMENTS].column + 2 == GRID_COLUMNS
    assert place[BlockId.VALUE_PROPOSITIONS].column == GRID_COLUMNS // 2 - 1
    assert place[BlockId.COST_STRUCTURE].row == place[BlockId.REVENUE_STREAMS].row == 2
    assert place[BlockId.COST_STRUCTURE].column < place[BlockId.REVENUE_STREAMS].column


@pytest.mark.parametrize("language", LANGUAGES)
def test_short_titles_fit_a_narrow_pane_and_are_distinct(language: str) -> None:
    titles = [b.short_title.da if language == "da" else b.short_title.en for b in BLOCKS]
    assert all(0 < len(title) <= 12 for title in titles), titles
    assert len(set(titles)) == len(titles)


def test_text_speaks_each_language() -> None:
    sample = Text("hej", "hello")
    assert sample("da") == "hej"
    assert sample("en") == "hello"


def test_every_text_has_both_languages_and_no_stray_whitespace() -> None:
    for entry in BLOCKS:
        texts = [entry.title, entry.short_title, *entry.questions, *entry.hints]
        texts += [c.label for c in entry.categories]
        texts += [t for t in (entry.intro, entry.categories_heading) if t is not None]
        for text in texts:
            for value in (text.da, text.en):
                assert value, entry.id
                assert value == value.strip(), value
                assert "\n" not in value, value
                assert "  " not in value, value


def test_category_ids_are_unique_per_block_and_look_like_ids() -> None:
    for entry in BLOCKS:
        ids = [c.id for c in entry.categories]
        assert len(set(ids)) == len(ids), entry.id
        assert all(re.fullmatch(r"[a-z][a-z_]*", i) for i in ids), ids
        for category in entry.categories:
            assert entry.category(category.id) is category
        assert entry.category("no_such_category") is None


def test_a_block_allows_no_category_or_one_it_lists_and_says_which_it_knows() -> None:
    for entry in BLOCKS:
        assert entry.allows(None)
        assert all(entry.allows(category.id) for category in entry.categories)
        assert not entry.allows("no_such_category")
        # A Refusal: said in either language by whoever shows it (English as its str).
        refusal = entry.unknown_category("no_such_category")
        english, danish = refusal.words("en"), refusal.words("da")
        assert str(refusal) == english
        assert english.startswith("unknown category 'no_such_category' (")
        assert danish.startswith("ukendt kategori 'no_such_category' (")
        for category in entry.categories:
            assert category.id in english
            assert category.id in danish
        if entry.categories:
            assert f"(known for {entry.id}: " in english
        else:
            assert english.endswith(f"({entry.id} has no categories)")
            assert danish.endswith(f"({entry.id} har ingen kategorier)")


# --- faithful to the Danish seed ----------------------------------------------------------------


def test_the_seed_really_has_the_artefacts_we_mend() -> None:
    """Guards the test itself: if the seed changed, the mending below must be revisited."""
    raw = _seed_text()
    for broken in LIGATURE_ARTEFACTS:
        assert broken in _normalise(raw), broken
    assert LINE_END_HYPHEN.search(raw)
    # A real hyphen (a suspended compound) that mending must leave alone.
    assert "kommunikations-, distributions- og" in _mend_seed(raw)


@pytest.mark.parametrize(
    ("where", "danish"),
    [
        pytest.param(where, text, id=where)
        for entry in BLOCKS
        for where, text in _danish_guidance(entry)
    ],
)
def test_danish_guidance_is_word_for_word_from_the_seed(where: str, danish: str) -> None:
    assert _normalise(danish) in _mend_seed(_seed_text()), where


@pytest.mark.parametrize(
    ("where", "danish"),
    [
        pytest.param(where, text, id=where)
        for entry in BLOCKS
        for where, text in [(f"{entry.id}.title", entry.title.da)]
        + [(f"{entry.id}.categories.{c.id}", c.label.da) for c in entry.categories]
    ],
)
def test_danish_titles_and_categories_come_from_the_seed(where: str, danish: str) -> None:
    """Titles are capitalised differently in the PDF's headings, so compare ignoring case."""
    assert danish.casefold() in _mend_seed(_seed_text()).casefold(), where


def test_no_danish_text_carries_a_pdf_artefact() -> None:
    raw = _seed_text()
    # Each word the PDF split at a line end, e.g. "værditil-" + "buddet".
    split_words = [(m[1], m[2]) for m in LINE_END_HYPHEN.finditer(raw)]
    assert ("værditil", "buddet") in split_words
    for where, danish in _all_danish():
        for broken in LIGATURE_ARTEFACTS:
            assert broken not in danish, where
        for head, tail in split_words:
            assert f"{head}- {tail}" not in danish, where
            assert f"{head}-{tail}" not in danish, where
        assert "\ufb01" not in danish  # the ligature character itself
        assert "\ufb02" not in danish


def test_mended_words_are_spelt_whole_in_the_catalogue() -> None:
    danish = " ".join(text for _, text in _all_danish()).casefold()
    for whole in LIGATURE_ARTEFACTS.values():
        assert whole in danish, whole
    for joined in ("værditilbuddet", "downloads", "indtægtsskabende", "kundesegment"):
        assert joined in danish, joined
