"""A Textual timer whose delay has already passed fires at once instead of freezing the editor.

Textual 8.2.8's ``Timer._run`` catches up on missed ticks in a loop that does not await:
``count = int((now - start) / interval + 1)``. With a negative interval that count stays at
0 and the next tick stays in the past, so the loop never ends and the whole event loop stops:
no key is read, nothing is drawn, no signal is handled. An interval of 0 divides by zero there.

Textual makes such a timer itself. ``ToastRack.show`` checks that a notice has not expired,
then builds its ``Toast``, which takes the notice's remaining time a moment later; a notice that
runs out in between gets a timer a few microseconds below zero. Every screen shows the notices
again when it comes to the top, so a dialog closing while a short notice runs out froze the
editor: rarely, and mostly on a loaded machine, where that moment lasts longest.

The guard gives every timer an interval of at least ``SHORTEST_INTERVAL``: a timer that was
already due runs on the next turn of the loop, as it would have with a delay of zero.
"""

from __future__ import annotations

from functools import wraps
from typing import Any

from textual.timer import Timer

SHORTEST_INTERVAL = 0.001
"""Seconds; below any interval Textual or bmc-tui asks for on purpose (the shortest is 1/120)."""

_unguarded_init = Timer.__init__


@wraps(_unguarded_init)
def _guarded_init(self: Timer, event_target: Any, interval: float, **options: Any) -> None:
    _unguarded_init(self, event_target, max(interval, SHORTEST_INTERVAL), **options)


def guard_timers() -> None:
    """Install the guard on Textual's ``Timer`` (idempotent)."""
    setattr(Timer, "__init__", _guarded_init)  # noqa: B010  (mypy refuses assigning a method)
