"""Emoji sequences measured as the terminal draws them (issue 11).

Terminals disagree about skin tones (tmux 3.3 draws 👍🏽 four cells wide, Rich counts two)
and joined sequences (an older xterm draws 👨‍👩‍👧 six wide, Rich two): each cell of
disagreement moved a pane's border. Text drawn in a grid of cells is therefore made of
characters whose width is the same counted one character at a time (as terminals do) and
a grapheme at a time (as Rich and Textual do).
"""

from __future__ import annotations

import itertools
import unicodedata

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from bmc_tui.core.catalogue import BLOCKS_BY_ID, BlockId
from bmc_tui.core.model import Item
from bmc_tui.core.render import item_line
from bmc_tui.core.textsafe import terminal_text
from bmc_tui.core.wrapping import wrap_offsets

SEQUENCES = {
    "skin tone": "\U0001f44d\U0001f3fd",
    "zwj family": "\U0001f468\u200d\U0001f469\u200d\U0001f467",
    "zwj with tone": "\U0001f469\U0001f3fd\u200d\U0001f4bb",
    "flag": "\U0001f1e9\U0001f1f0",
    "emoji presentation": "\u2764\ufe0f",
    "text presentation": "\u2764\ufe0e",
}


def per_character(text: str) -> int:
    """Cells as a terminal without grapheme support counts them (wcwidth, tmux 3.3): wide
    and full-width characters two, combining and format characters none, the rest one."""

    def cells(char: str) -> int:
        if unicodedata.category(char) in ("Mn", "Me", "Cf"):
            return 0
        return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1

    return sum(cells(char) for char in text)


def test_each_sequence_measures_the_same_both_ways() -> None:
    for name, sequence in SEQUENCES.items():
        shown = terminal_text(f"a {sequence} b")
        assert cell_len(shown) == per_character(shown), name


def test_sequences_keep_their_pictures() -> None:
    assert terminal_text(SEQUENCES["skin tone"]) == "\U0001f44d"
    assert terminal_text(SEQUENCES["zwj family"]) == "\U0001f468\U0001f469\U0001f467"
    assert terminal_text(SEQUENCES["flag"]) == SEQUENCES["flag"]


EMOJI_TEXT = st.text(
    alphabet=st.sampled_from(
        ["a", " ", "é", "\u200d", "\ufe0f", "\U0001f3fd", "\U0001f44d", "\U0001f1e9", "\u2764"]
    ),
    max_size=40,
)


@given(EMOJI_TEXT)
def test_what_the_editor_draws_measures_the_same_both_ways(text: str) -> None:
    block = BLOCKS_BY_ID[BlockId.CHANNELS]
    line = item_line(Item(id="x", text=text.strip() or "a"), block, "en", {}).plain
    assert cell_len(line) == per_character(line)


@given(EMOJI_TEXT, st.integers(min_value=4, max_value=30))
def test_wrapped_lines_fit_the_width_as_a_terminal_counts(text: str, width: int) -> None:
    shown = terminal_text(text)
    starts = [0, *wrap_offsets(shown, width), len(shown)]
    for number, (start, end) in enumerate(itertools.pairwise(starts)):
        line = shown[start:end].rstrip(" \n")
        room = width if number == 0 else width - 2
        # A single wide character may overflow a one-cell line; nothing else may.
        assert per_character(line) <= max(room, 2), (shown, width, line)
