"""The list's word wrap: lines fit, nothing is lost, words break only when they must."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.text import Text

from bmc_tui.core.catalogue import Language
from bmc_tui.core.wrapping import HANGING_INDENT, hyphenation_points, wrap_offsets, wrap_text


def lines(text: str, width: int) -> list[str]:
    breaks = wrap_offsets(text, width)
    return [text[a:b] for a, b in zip([0, *breaks], [*breaks, len(text)], strict=True)]


@given(
    text=st.text(alphabet=st.sampled_from(list("abc defæøå中文🎉 -")), min_size=0, max_size=200),
    width=st.integers(min_value=4, max_value=60),
)
def test_every_line_fits_and_nothing_is_lost(text: str, width: int) -> None:
    parts = lines(text, width)
    assert "".join(parts) == text
    for number, part in enumerate(parts):
        room = width if number == 0 else width - HANGING_INDENT
        # A trailing space may overhang: it is swallowed by the break.
        assert cell_len(part.rstrip(" ")) <= max(room, 2), (part, width)


def test_breaks_between_words() -> None:
    assert lines("• one two three four", 10) == ["• one two ", "three ", "four"]


def test_never_leaves_the_bullet_alone() -> None:
    assert lines("• Heritage-grain mill", 13)[0] == "• Heritage-gr"


def test_wide_characters_count_two_cells() -> None:
    assert lines("• 中文中文中文", 8) == ["• 中文中", "文中文"]


@given(
    text=st.text(alphabet=st.sampled_from(list("ab cdé—•✎●\n")), min_size=0, max_size=200),
    width=st.integers(min_value=1, max_value=40),
    indent=st.integers(min_value=0, max_value=4),
)
def test_the_fast_path_for_one_cell_text_wraps_exactly_like_the_general_one(
    text: str, width: int, indent: int
) -> None:
    # Items made of one-cell characters (nearly all) take a line-at-a-time path; it must
    # give the same lines as the character-at-a-time path that handles every character.
    from bmc_tui.core.wrapping import _wrap_any, _wrap_one_cell

    if width <= indent + 1:
        indent = 0
    assert _wrap_one_cell(text, width, indent) == _wrap_any(text, width, indent)


def test_the_fast_path_takes_only_one_cell_characters() -> None:
    from bmc_tui.core.wrapping import _one_cell_text

    assert _one_cell_text("• Café sign — £5 ✎ ●neighbours ▲■◆\n")
    assert not _one_cell_text("中文")
    assert not _one_cell_text("e\u0301")  # a combining accent takes no cell
    wrong = [
        f"U+{code:04X}"
        for code in range(0x3000)
        if chr(code) != "\n" and _one_cell_text(chr(code)) and cell_len(chr(code)) != 1
    ]
    assert wrong == []


# --- hyphenation -----------------------------------------------------------------------------


def hyphenated(text: str, width: int, language: Language) -> list[str]:
    """The lines as drawn: a line broken inside a word ends in its hyphen."""
    return [line.plain for line in wrap_text(Text(text), width, language=language)]


@pytest.mark.parametrize(
    ("text", "width", "language", "expected"),
    [
        # Danish compounds break between their syllables, with a hyphen, not mid-syllable.
        ("• Ladcykelproducent", 12, "da", ["• Ladcykel-", "  producent"]),
        ("på Christianshavn", 13, "da", ["på ", "  Christians-", "  havn"]),
        ("• Indkøb [Materielle]", 10, "da", ["• Indkøb ", "  [Materi-", "  elle]"]),
        # English, and a word that already has a hyphen breaks after it, adding none.
        ("• Heritage-grain mill", 13, "en", ["• Heritage-", "  grain mill"]),
        ("• Subscription", 11, "en", ["• Subscrip-", "  tion"]),
    ],
)
def test_long_words_break_where_their_language_allows(
    text: str, width: int, language: Language, expected: list[str]
) -> None:
    assert hyphenated(text, width, language) == expected


def test_a_word_without_a_break_point_is_cut_where_the_line_ends() -> None:
    assert hyphenated("• 1234567890123", 8, "en") == ["• 123456", "  789012", "  3"]


def test_words_that_fit_are_never_looked_up() -> None:
    # The editor measures every item of a canvas of thousands: only an overlong word may
    # cost a dictionary look-up.
    hyphenation_points.cache_clear()
    for number in range(2000):
        wrap_offsets(f"• Item {number} with a few short words in it", 14, language="da")
    assert hyphenation_points.cache_info().misses == 0


def test_a_segment_shape_stays_with_the_first_word() -> None:
    assert hyphenated("• ● Neighbours walking", 13, "en")[0] == "• ● Neigh-"


@given(
    text=st.text(alphabet=st.sampled_from(list("abcdeøå ●-\n")), min_size=0, max_size=120),
    width=st.integers(min_value=1, max_value=30),
    indent=st.integers(min_value=0, max_value=4),
    language=st.sampled_from(["da", "en"]),
)
def test_hyphenated_wrapping_is_the_same_on_both_paths_and_fits(
    text: str, width: int, indent: int, language: Language
) -> None:
    from bmc_tui.core.wrapping import _wrap_any, _wrap_one_cell

    if width <= indent + 1:
        indent = 0
    breaks = _wrap_one_cell(text, max(width, 1), indent, language)
    assert breaks == _wrap_any(text, max(width, 1), indent, language)
    assert [type(b) for b in breaks] == [
        type(b) for b in _wrap_any(text, max(width, 1), indent, language)
    ]
    # Drawn, a line holds its indent, its text and its hyphen: all within the width.
    for line in wrap_text(Text(text), width, indent, language=language):
        assert cell_len(line.plain.rstrip(" ")) <= max(width, 2), (line.plain, width)
    # Nothing is lost: the lines less the hyphens they gained are the text.
    parts = [text[a:b] for a, b in zip([0, *breaks], [*breaks, len(text)], strict=True)]
    assert "".join(parts) == text
