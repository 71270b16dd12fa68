"""Textual's input parser, reading an escape glued to the next key as two keys.

A terminal sends Alt+x as ESC x: the same bytes as escape and x typed at once, which is what
a laggy link delivers when a user presses escape and goes on typing. Textual reads those
bytes as Alt+x, and for many keys as something else again: ESC 4 is "¢" (macOS Option
digits), ESC b and ESC f are ctrl+left/right, ESC tab is shift+tab, ESC DEL is ctrl+w, and
ESC space or ESC enter lose the escape. This program binds no Alt keys, so here ESC x is
always "escape, then x": an editor closes before the key after it acts.

The bytes that open a longer sequence (``[`` for CSI, ``O`` for SS3) are left to Textual,
which reads on until the sequence is whole (or its escape delay passes).

A line feed is enter too. Keys typed while the editor starts (over SSH, before the terminal
is switched to raw mode) pass the terminal's line discipline, which turns enter's CR into LF;
Textual reads LF as ctrl+j, which nothing binds, so "idea⏎second⏎" typed ahead became one
item "ideasecond". Raw, only ctrl+j sends LF, and this program gives it no other meaning.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual import events
from textual._xterm_parser import XTermParser

ESC = "\x1b"
#: After ESC, these start a longer sequence (an arrow, a function key, a mouse report).
SEQUENCE_INTRODUCERS = frozenset("[O")


class EscapeThenKeyParser(XTermParser):
    """``XTermParser`` with one rule changed: ESC x is escape, then x (never Alt+x)."""

    def _sequence_to_key_events(self, sequence: str, alt: bool = False) -> Iterable[events.Key]:
        if alt:
            # Textual asks for "x with Alt" when ESC x waited out its escape delay.
            yield escape_key()
            yield from self._sequence_to_key_events(sequence)
            return
        if (
            len(sequence) == 2
            and sequence[0] == ESC
            and sequence[1] != ESC
            and sequence[1] not in SEQUENCE_INTRODUCERS
        ):
            yield escape_key()
            yield from self._sequence_to_key_events(sequence[1])
            return
        if sequence == "\n":
            yield enter_key()
            return
        yield from super()._sequence_to_key_events(sequence)


def enter_key() -> events.Key:
    """The enter key, as Textual names it (what a raw terminal's CR reads as)."""
    return events.Key("enter", "\r")


def escape_key() -> events.Key:
    """The escape key, as Textual names it."""
    return events.Key("escape", ESC)
