"""Keys wait their turn while the place they belong to is still settling.

Textual routes a key the moment the app reads it, to whatever has the focus *then*; the
widget handles it later, from its own queue. Over a slow SSH link keys arrive in bursts, so
"a", "idea", enter, "d" could be routed before the editor that "a" opens has the focus, or
"d" before the enter ahead of it closed the editor: typed text ran as commands. The gate
keeps one ordered stream instead. While something that decides where keys go is pending (an
editor finishing its text, a dialog opening or applying its answer), arriving keys are held,
and they are replayed in the order they came once it has settled.

Who holds:
- a :class:`TextEntry` widget, for a key that may end its text entry (enter, escape, a
  paste): the gate holds as it forwards such a key and the widget calls :meth:`settled`
  once it has acted on it, focus moved and edit applied;
- a screen whose ``accepts_keys`` is false (a dialog not yet focused, or already answered),
  until it calls :meth:`wake`.

The gate also reads an escape that arrived glued to the next key as two keys: the terminal
sends Alt+x as ESC x, the same bytes as escape and x typed at once, and this program binds no
Alt keys, so ESC x is always "escape, then x".
"""

from __future__ import annotations

from collections import deque
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from textual import events
from textual.message import Message

if TYPE_CHECKING:
    from textual.app import App
    from textual.timer import Timer

#: A hold that outlives this is a bug; keys then flow again rather than freeze the editor.
HOLD_LIMIT = 2.0

InputEvent = events.Key | events.Paste


@runtime_checkable
class TextEntry(Protocol):
    """A focused widget that may move the focus when it handles a key."""

    def ends_entry(self, event: InputEvent) -> bool:
        """Whether ``event`` may end the entry (the gate then holds until :meth:`settled`)."""
        ...


class KeyGate:
    """The app's one ordered queue of keys and pastes (see the module docstring)."""

    def __init__(self, app: App[Any], dispatch: Callable[[events.Event], Awaitable[None]]):
        self._app = app
        #: Textual's own routing of an input event, run for every key in its turn.
        self._dispatch = dispatch
        self._held: deque[InputEvent] = deque()
        #: Forwarded keys whose entry has not yet said it settled.
        self._pending: set[int] = set()
        self._replaying = False
        self._limit: Timer | None = None

    # --- the app's side ----------------------------------------------------------------------

    async def receive(self, event: events.Event) -> bool:
        """Route ``event`` in its turn; ``False`` for events that are not typed input."""
        if not isinstance(event, (events.Key, events.Paste)) or event.is_forwarded:
            return False
        self._held.extend(split_escape(event))
        if not self._replaying:
            await self._flow()
        return True

    async def _flow(self, *, force: bool = False) -> None:
        """Route held keys in order until one has to wait (``force``: none waits)."""
        self._replaying = True
        try:
            while self._held and (force or self._open()):
                await self._route(self._held.popleft())
        finally:
            self._replaying = False
        self._arm_limit()

    def _open(self) -> bool:
        return not self._pending and getattr(self._app.screen, "accepts_keys", True)

    async def _route(self, event: InputEvent) -> None:
        # Where Textual sends it: the focused widget, else the screen itself.
        target = self._app.focused or self._app.screen
        token = id(event)
        holds = isinstance(target, TextEntry) and target.ends_entry(event)
        if holds:
            self._pending.add(token)
        await self._dispatch(event)
        if holds and not event.is_forwarded:
            # A priority binding took it: the entry never sees it, so never answers.
            self._pending.discard(token)

    # --- the widgets' side -------------------------------------------------------------------

    def settled(self, holder: object) -> None:
        """``holder`` (an entry's key, a dialog) has settled: keys behind it may go on."""
        if id(holder) in self._pending:
            self._pending.discard(id(holder))
            self._arm_limit()
            self.wake()

    def hold(self, holder: object) -> None:
        """Keys wait until :meth:`settled` with the same ``holder``."""
        self._pending.add(id(holder))
        self._arm_limit()

    def wake(self) -> None:
        """Something that held keys has settled: route what waits, in the app's own turn."""
        if self._held and self._open() and not self._replaying:
            self._app.call_next(self._flow)

    # --- the safety net ----------------------------------------------------------------------

    def _arm_limit(self) -> None:
        waiting = bool(self._held or self._pending)
        if waiting and self._limit is None:
            self._limit = self._app.set_timer(HOLD_LIMIT, self._give_up)
        elif not waiting and self._limit is not None:
            self._limit.stop()
            self._limit = None

    async def _give_up(self) -> None:
        self._limit = None
        if self._pending:
            self._app.log.warning("key gate: an entry never settled; letting keys through")
            self._pending.clear()
        if self._held and not self._replaying:
            await self._flow(force=True)


class Settled(Message):
    """Posted by an entry after its handling of ``event`` (and after any message that
    handling posted, such as an input's ``Submitted``); it bubbles the same way, so the
    dialog that owns the entry sees it once it has acted on what came before."""

    def __init__(self, event: InputEvent) -> None:
        super().__init__()
        self.event = event


def split_escape(event: InputEvent) -> list[InputEvent]:
    """Alt+x (ESC x, as escape and x typed at once arrive) as escape, then x."""
    if not isinstance(event, events.Key) or not event.key.startswith("alt+"):
        return [event]
    character = event.character
    if character is None or len(character) != 1 or not character.isprintable():
        return [event]
    from textual._xterm_parser import XTermParser

    # The parser's own naming of a lone character, so "x" here is the "x" typed alone.
    plain = list(XTermParser()._sequence_to_key_events(character))
    return [events.Key("escape", "\x1b"), *plain]


def gate_of(app: object) -> KeyGate | None:
    """The app's key gate, where there is one (a bare test app has none)."""
    gate = getattr(app, "key_gate", None)
    return gate if isinstance(gate, KeyGate) else None
