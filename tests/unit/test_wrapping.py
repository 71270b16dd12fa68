"""The list's word wrap: lines fit, nothing is lost, words break only when they must."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from bmc_tui.core.wrapping import HANGING_INDENT, wrap_offsets


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
