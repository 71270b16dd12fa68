"""What every dialog shares: a framed box over the canvas, escape to back out, and one answer.

A dialog answers once. Keys typed fast (a double-tapped enter, ``m 3 3``) reach a dialog
that has already answered; a second ``dismiss`` would pop the screen *under* it (Textual's
"Can't pop screen", and the canvas with every unsaved edit gone). Here the second answer is
ignored, and the key gate (``tui/key_gate.py``) holds keys while a dialog opens and while
its answer is applied, so the keys after the answer act where the focus then is.
"""

from __future__ import annotations

from typing import Any, ClassVar, TypeVar

from textual.await_complete import AwaitComplete
from textual.binding import BindingType
from textual.screen import ModalScreen

from bmc_tui.tui.key_gate import gate_of
from bmc_tui.tui.keymap import Context, bindings
from bmc_tui.tui.widgets.key_bar import KeyBar

T = TypeVar("T")


class Dialog(ModalScreen[T]):
    """A modal question. ``escape`` dismisses with ``None``: the caller changes nothing."""

    DEFAULT_CLASSES = "dialog"
    BINDINGS: ClassVar[list[BindingType]] = bindings(Context.DIALOG)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._settled = False
        self._answered = False

    @property
    def accepts_keys(self) -> bool:
        """Whether keys may be routed here now: opened and focused, not yet answered."""
        return self._settled and not self._answered

    def on_mount(self) -> None:
        # The dialog's own keys on the bottom line, over the canvas's: what has the focus.
        self.mount(KeyBar())
        # Runs after the dialog's own on_mount, whose focus() is itself a call_later: this
        # comes after it, so the keys held since the dialog opened find the focus in place.
        self.app.call_later(self._settle)

    def _settle(self) -> None:
        self._settled = True
        if (gate := gate_of(self.app)) is not None:
            gate.wake()

    def dismiss(self, result: T | None = None) -> AwaitComplete:
        """Answer, once: a second answer (a repeated key) is ignored."""
        if self._answered or not self.is_active:
            return AwaitComplete()
        self._answered = True
        gate = gate_of(self.app)
        # Keys wait until the answer is applied: the asker gets it through its own queue.
        requester = self._result_callbacks[-1].requester if self._result_callbacks else self.app
        if gate is not None:
            gate.hold(self)
        done = super().dismiss(result)
        if gate is not None:
            requester.call_next(gate.settled, self)
        return done

    def action_cancel(self) -> None:
        self.dismiss(None)
