"""Keys wait their turn while the place they belong to is still settling.

Textual routes a key the moment the app reads it, to whatever has the focus *then*; the
widget handles it later, from its own queue, and what it does about it (close an editor,
answer a dialog, bubble to a screen binding such as ctrl+s) may move the focus later still.
Over a slow SSH link keys arrive in bursts, so "a", "idea", enter, "d" were routed before the
editor that "a" opens had the focus, or "d" before the enter ahead of it closed the editor:
typed text ran as commands. The gate keeps one ordered stream instead: a key routed to a
widget holds the keys behind it until it has been handled all the way (the widget's queue,
then each parent's up to the app, so bindings matched on the way have run too); a screen
whose ``accepts_keys`` is false (a dialog opening, or applying its answer) holds them until
it calls :meth:`KeyGate.wake`. Held keys are routed in the order they came.

An action that asks from a worker (save-as's file name, quit's Save/Discard/Cancel) opens its
dialog later than the key that started it has settled: the keys typed after it are the
answer, yet they would reach the canvas first. :meth:`KeyGate.asks_from` holds keys while such
a worker runs, except while one of its dialogs is up and taking keys.

An escape glued to the next key (ESC x) is split into escape, then x, where the bytes are
read: by the terminal driver's parser (``bmc_tui.tui.input_parser``), before keys reach here.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import deque
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from textual import events
from textual.message_pump import MessagePump
from textual.widgets import Input

if TYPE_CHECKING:
    from textual.app import App
    from textual.timer import Timer
    from textual.worker import Worker

#: A hold that outlives this is a bug; keys then flow again rather than freeze the editor.
#: Measured from the last key that settled, not from the start of a burst: a long burst over
#: a loaded link keeps the gate busy for longer than this, one key settling after another.
HOLD_LIMIT = 10.0
#: How many times a key's follower waits behind messages a widget posted to itself while
#: handling it (an input's Submitted, a list's OptionSelected) before it moves on up.
PATIENCE = 4

InputEvent = events.Key | events.Paste


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
        #: Workers whose questions the keys wait for (see :meth:`asks_from`).
        self._asking: set[Worker[Any]] = set()
        #: A dialog that kept the keys waiting past the limit (see :meth:`_give_up`).
        self._overdue: object | None = None
        self._watchers: set[asyncio.Task[None]] = set()

    # --- the app's side ----------------------------------------------------------------------

    async def receive(self, event: events.Event) -> bool:
        """Route ``event`` in its turn; ``False`` for events that are not typed input."""
        if not isinstance(event, (events.Key, events.Paste)) or event.is_forwarded:
            return False
        self._held.append(event)
        if not self._replaying:
            await self._flow()
        return True

    async def _flow(self) -> None:
        """Route held keys in order until one has to wait."""
        self._replaying = True
        try:
            while self._held and self._open():
                await self._route(self._held.popleft())
        finally:
            self._replaying = False
        self._arm_limit()

    def _open(self) -> bool:
        if self._pending:
            return False
        # A dialog says itself whether it takes keys now; any other screen takes them unless
        # a worker is about to ask something.
        screen = self._app.screen
        accepts: bool | None = getattr(screen, "accepts_keys", None)
        if accepts is None:
            return not self._asking
        # A dialog that never said it took keys within the limit gets them even so.
        return accepts or screen is self._overdue

    async def _route(self, event: InputEvent) -> None:
        # Where Textual sends it: the focused widget, else the screen itself.
        target = self._app.focused or self._app.screen
        # Held from before it is sent: the widget may act on it (and say so) at once.
        holds = not _typed_into(target, event)
        if holds:
            self._pending.add(id(event))
        await self._dispatch(event)
        if not holds or id(event) not in self._pending:
            return
        if event.is_forwarded:
            # In that widget's queue now: the keys behind wait until it has been handled.
            self._follow(target, event, PATIENCE)
        else:
            # A priority binding ran it, there and then.
            self._pending.discard(id(event))

    def _follow(
        self, node: MessagePump, event: InputEvent, patience: int, climb: bool = False
    ) -> None:
        """Go through ``node``'s queue behind ``event``, then up through its parents'."""
        if node is self._app:
            # Bubbled to the app, which matches the bindings no widget on the way matched (a
            # dialog's ctrl+s): the key is settled once the app's queue has got past it.
            if not node.call_later(self.settled, event):
                self.settled(event)
        elif not node.call_later(self._arrived, node, event, patience, climb):
            # The node is closing.
            self.settled(event)

    def _arrived(self, node: MessagePump, event: InputEvent, patience: int, climb: bool) -> None:
        if _queued(node) and patience and node is self._app.focused:
            # Messages the key's handling posted here (Submitted, Pressed…) come first, and
            # they bubble: follow them up. A widget that gave the focus away (an editor
            # that closed) is done with the key.
            self._follow(node, event, patience - 1, climb=True)
            return
        parent = node._parent
        # A screen stops a key the app sent as it hands it on to the app (Textual stops a
        # message at its sender), and the app then matches the bindings nothing below it
        # matched: the screen's own ctrl+s among them. Followed to the app, that binding
        # has run before the keys behind it are routed (the name typed after ctrl+s belongs
        # to the save-as question the binding asks).
        to_its_sender = parent is self._app and event._sender is self._app
        if event._stop_propagation and not climb and not to_its_sender:
            # Handled here, and nothing it did goes further up.
            self.settled(event)
            return
        target = parent if isinstance(parent, MessagePump) else self._app
        self._follow(target, event, PATIENCE, climb)

    # --- the widgets' side -------------------------------------------------------------------

    def settled(self, holder: object) -> None:
        """``holder`` (an entry's key, a dialog) has settled: keys behind it may go on."""
        if id(holder) in self._pending:
            self._pending.discard(id(holder))
            self._arm_limit(progress=True)
            self.wake()

    def hold(self, holder: object) -> None:
        """Keys wait until :meth:`settled` with the same ``holder``."""
        self._pending.add(id(holder))
        self._arm_limit()

    def wake(self) -> None:
        """Something that held keys has settled: route what waits, in the app's own turn."""
        if self._held and self._open() and not self._replaying:
            self._app.call_next(self._flow)

    def asks_from(self, worker: Worker[Any]) -> None:
        """Keys wait while ``worker`` runs, but for when a dialog it opened takes them.

        Called by the action that starts the worker, in the key's own turn: the worker
        itself starts too late to hold the keys behind that key."""
        self._asking.add(worker)
        watcher = asyncio.create_task(self._done_asking(worker))
        self._watchers.add(watcher)
        watcher.add_done_callback(self._watchers.discard)

    async def _done_asking(self, worker: Worker[Any]) -> None:
        # Ended however it ended: failed and cancelled work asks nothing more either.
        with contextlib.suppress(Exception):
            await worker.wait()
        self._asking.discard(worker)
        self._arm_limit()
        self.wake()

    # --- the safety net ----------------------------------------------------------------------

    def _arm_limit(self, *, progress: bool = False) -> None:
        """Keep the safety net's timer running while keys wait; ``progress`` (a key settled)
        starts it again, for it limits one hold, not a burst."""
        waiting = bool(self._held or self._pending)
        if waiting and self._limit is None:
            self._limit = self._app.set_timer(HOLD_LIMIT, self._give_up)
        elif waiting and progress and self._limit is not None:
            self._limit.reset()
        elif not waiting and self._limit is not None:
            self._limit.stop()
            self._limit = None

    async def _give_up(self) -> None:
        self._limit = None
        if self._pending or self._asking:
            self._app.log.warning("key gate: an entry never settled; letting keys through")
            self._pending.clear()
            self._asking.clear()
        if getattr(self._app.screen, "accepts_keys", None) is False:
            # A dialog that never settled: keys typed into it beat an editor frozen for good.
            self._app.log.warning("key gate: a dialog never took keys; letting them through")
            self._overdue = self._app.screen
        if self._held and not self._replaying:
            await self._flow()


def _queued(node: MessagePump) -> int:
    """Messages waiting for ``node``, counting the one its loop has already peeked at
    (Textual takes the next message out of the queue early, to look ahead)."""
    peeked = getattr(node, "_pending_message", None) is not None
    return node.message_queue_size + peeked


def _typed_into(target: object, event: InputEvent) -> bool:
    """A character typed into a text input: the input keeps it, and the focus stays. The
    one kind of key that need not hold the keys behind it (and most keys are this kind:
    waiting after each would cost a frame per character)."""
    return isinstance(target, Input) and isinstance(event, events.Key) and event.is_printable


def gate_of(app: object) -> KeyGate | None:
    """The app's key gate, where there is one (a bare test app has none)."""
    gate = getattr(app, "key_gate", None)
    return gate if isinstance(gate, KeyGate) else None
