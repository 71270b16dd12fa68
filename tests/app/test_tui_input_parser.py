"""The driver's input parser: ESC x is escape, then x; every real sequence reads as before."""

from __future__ import annotations

import time

import pytest
from textual import constants, events

from bmc_tui.tui.input_parser import EscapeThenKeyParser


def keys(data: str, wait_out_escape: bool = False) -> list[str]:
    parser = EscapeThenKeyParser()
    messages = list(parser.feed(data))
    if wait_out_escape:
        time.sleep(constants.ESCAPE_DELAY * 1.5)
        messages += list(parser.tick())
    return [m.key if isinstance(m, events.Key) else type(m).__name__ for m in messages]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("\x1b4", ["escape", "4"]),  # Textual: "¢"
        ("\x1ba", ["escape", "a"]),  # Textual: alt+a
        ("\x1bA", ["escape", "A"]),
        ("\x1b ", ["escape", "space"]),  # Textual: space, the escape lost
        ("\x1b\r", ["escape", "enter"]),
        ("\x1b/", ["escape", "slash"]),
        ("\x1bb", ["escape", "b"]),  # Textual: ctrl+left
        ("\x1bf", ["escape", "f"]),  # Textual: ctrl+right
        ("\x1b\t", ["escape", "tab"]),  # Textual: shift+tab
        ("\x1b\x7f", ["escape", "backspace"]),  # Textual: ctrl+w
        ("ab\x1b4cd", ["a", "b", "escape", "4", "c", "d"]),
    ],
)
def test_an_escape_glued_to_a_key_is_two_keys(data: str, expected: list[str]) -> None:
    assert keys(data) == expected


def test_a_line_feed_typed_ahead_is_enter() -> None:
    # Typed before the terminal was raw: the line discipline turned each CR into LF.
    assert keys("a\nb\r") == ["a", "enter", "b", "enter"]
    assert keys("\x1b\n") == ["escape", "enter"]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("\x1b[A", ["up"]),
        ("\x1bOP", ["f1"]),
        ("\x1b[1;2A", ["shift+up"]),
        ("\x1b\x1b", ["escape", "escape"]),
        ("\x1b[200~hi\x1b[201~", ["Paste"]),
    ],
)
def test_real_sequences_read_as_before(data: str, expected: list[str]) -> None:
    assert keys(data, wait_out_escape=True) == expected


def test_an_unfinished_sequence_that_times_out_is_escape_then_its_key() -> None:
    # ESC O is the start of an SS3 sequence; alone, it is escape and "O" typed at once.
    assert keys("\x1bO", wait_out_escape=True) == ["escape", "O"]
    assert keys("\x1b", wait_out_escape=True) == ["escape"]
