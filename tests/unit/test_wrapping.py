"""The list's word wrap: lines fit, nothing is lost, words break only when they must."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from bmc_tui.wrapping import HANGING_INDENT, wrap_offsets


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
