"""The key gate's safety net: it lets keys through only when one key's hold outlives the
limit, never because a long burst kept the gate busy (each key settling in its turn).

Over a loaded SSH link a burst of twenty keys, each taking a few hundred milliseconds to
settle, keeps the gate busy for longer than the limit. Measured from the first held key,
the limit gave up mid-burst and routed the rest at once to whatever had the focus then:
typed text ran as canvas commands.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import ClassVar, cast

import pytest
from textual import events
from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget

from bmc_tui.tui import key_gate
from bmc_tui.tui.key_gate import KeyGate

#: How long each key takes to be handled: a loaded machine drawing a busy screen.
HANDLING = 0.05


async def until(pilot: Pilot[None], condition: Callable[[], bool]) -> None:
    """Wait for ``condition`` a few seconds at most: a gate that holds keys for good fails
    the test rather than hanging it."""
    for _ in range(200):
        if condition():
            return
        await pilot.pause(HANDLING)
    raise AssertionError("the keys never got there")


class Slow(Widget, can_focus=True):
    """Takes its time over every key, then hands the focus to the other widget."""

    def __init__(self, name: str) -> None:
        super().__init__(id=name)
        self.keys: list[str] = []
        self.handled = 0

    async def on_key(self, event: events.Key) -> None:
        event.stop()
        self.keys.append(event.key)
        await asyncio.sleep(HANDLING)  # the handling itself is slow, not the test
        other = "#second" if self.id == "first" else "#first"
        self.app.query_one(other, Slow).focus()
        self.handled += 1


class GatedApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.key_gate = KeyGate(self, super().on_event)

    def compose(self) -> ComposeResult:
        yield Slow("first")
        yield Slow("second")

    async def on_event(self, event: events.Event) -> None:
        if not await self.key_gate.receive(event):
            await super().on_event(event)


async def test_a_long_burst_of_slow_keys_stays_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    # The limit is far longer than any one key's handling (even on a loaded machine), and
    # shorter than the burst.
    monkeypatch.setattr(key_gate, "HOLD_LIMIT", HANDLING * 20)
    app = GatedApp()
    async with app.run_test() as pilot:
        first, second = app.query_one("#first", Slow), app.query_one("#second", Slow)
        first.focus()
        await pilot.pause()
        burst = [str(number % 10) for number in range(40)]
        for key in burst:  # all in the app's queue at once, as one packet delivers them
            app.post_message(events.Key(key, key))
        await until(pilot, lambda: first.handled + second.handled == len(burst))
        # Each key moves the focus: every key must find the widget the one before chose.
        assert first.keys == burst[0::2]
        assert second.keys == burst[1::2]


async def test_a_hold_that_never_settles_lets_keys_through_after_the_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(key_gate, "HOLD_LIMIT", HANDLING * 4)
    app = GatedApp()
    async with app.run_test() as pilot:
        first = app.query_one("#first", Slow)
        first.focus()
        await pilot.pause()
        app.key_gate.hold(object())  # a dialog that never says it settled: a bug
        app.post_message(events.Key("x", "x"))
        await pilot.pause(HANDLING)
        assert first.keys == [], "the key went ahead of the hold"
        await until(pilot, lambda: first.handled > 0)
        assert first.keys == ["x"]


class BoundApp(GatedApp):
    """Binds "x" on the app itself (not a priority binding): it runs only once the key has
    bubbled up from the focused widget, through the screen, to the app."""

    BINDINGS: ClassVar[list[BindingType]] = [("x", "mark")]

    def __init__(self) -> None:
        super().__init__()
        self.marks = 0

    def action_mark(self) -> None:
        self.marks += 1


class Counting(Widget, can_focus=True):
    """Lets "x" bubble; for every other key, notes how many marks the app had made."""

    def __init__(self) -> None:
        super().__init__(id="counting")
        self.seen: list[int] = []

    def on_key(self, event: events.Key) -> None:
        if event.key != "x":
            event.stop()
            self.seen.append(cast(BoundApp, self.app).marks)


async def test_a_key_the_app_binds_acts_before_the_keys_behind_it() -> None:
    # ctrl+s over an item list: the screen's binding runs when the key reaches the app, and
    # the name typed after it must wait for the save-as question that binding opens.
    app = BoundApp()
    async with app.run_test() as pilot:
        counting = Counting()
        await app.mount(counting)
        counting.focus()
        await pilot.pause()
        for _ in range(30):
            for key in "xy":
                event = events.Key(key, key)
                event._sender = app  # as the driver's keys are: sent by the app
                app.post_message(event)
        await until(pilot, lambda: len(counting.seen) == 30)
        assert counting.seen == list(range(1, 31))


class Recorder(Widget, can_focus=True):
    def __init__(self) -> None:
        super().__init__()
        self.keys: list[str] = []

    def on_key(self, event: events.Key) -> None:
        event.stop()
        self.keys.append(event.key)


async def test_keys_reach_a_dialog_that_never_says_it_takes_them_after_the_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The safety net covers a dialog too: one that never settled must not freeze the editor.
    monkeypatch.setattr(key_gate, "HOLD_LIMIT", HANDLING * 4)
    app = GatedApp()
    async with app.run_test() as pilot:
        stuck = Screen[None]()
        stuck.accepts_keys = False  # type: ignore[attr-defined]
        await app.push_screen(stuck)
        widget = Recorder()
        await stuck.mount(widget)
        widget.focus()
        await pilot.pause()
        app.post_message(events.Key("x", "x"))
        await pilot.pause(HANDLING)
        assert widget.keys == [], "the key went ahead of the dialog"
        await until(pilot, lambda: bool(widget.keys))
        assert widget.keys == ["x"]
