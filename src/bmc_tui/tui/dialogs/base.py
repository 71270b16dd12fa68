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

from bmc_tui.core.language import Language
from bmc_tui.tui.key_gate import gate_of
from bmc_tui.tui.keymap import Context, bindings
from bmc_tui.tui.language import ui_language
from bmc_tui.tui.widgets.key_bar import KeyBar

T = TypeVar("T")


class Dialog(ModalScreen[T]):
    """A modal question. ``escape`` dismisses with ``None``: the caller changes nothing."""

    DEFAULT_CLASSES = "dialog"
    #: Whether the dialog words itself (``ui_language``) and so can say everything again in
    #: another language; a prompt or a choice is given its words by the asker, and a question
    #: asked is finished in the language it was asked in.
    REWORDS: ClassVar[bool] = True
    BINDINGS: ClassVar[list[BindingType]] = bindings(Context.DIALOG)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._settled = False
        self._answered = False
        #: The interface language the dialog's words were composed in.
        self._worded_in: Language | None = None

    @property
    def accepts_keys(self) -> bool:
        """Whether keys may be routed here now: opened and focused, not yet answered."""
        return self._settled and not self._answered

    def on_mount(self) -> None:
        # Every dialog asks the app for its words (``ui_language``), never takes them from
        # its caller: the language is the one of the moment it speaks in.
        self._worded_in = ui_language(self)
        # The dialog's own keys on the bottom line, over the canvas's: what has the focus.
        self.mount(KeyBar())
        # Runs after the dialog's own on_mount, whose focus() is itself a call_later: this
        # comes after it, so the keys held since the dialog opened find the focus in place.
        self.app.call_later(self._settle)

    def follow_language(self) -> None:
        """Say everything again if the interface language changed while the dialog is open
        (the palette opens over a dialog and can pin another language, or turn the canvas's
        language, which the interface follows)."""
        changed = self._worded_in not in (None, ui_language(self))
        if changed and self.REWORDS and not self._answered:
            self.call_later(self.reword)

    async def reword(self) -> None:
        """Compose the dialog again in the interface language, with the text typed, the
        choices made and the focus as they were."""
        # Imported here, when the language changes: TextArea (and its document machinery)
        # is not needed before the first frame (see dialogs/note.py).
        from textual.widgets import Input, OptionList, Select, TextArea

        values = {w.id: w.value for w in self.query(Input) if w.id}
        texts = {w.id: w.text for w in self.query(TextArea) if w.id}
        choices = {w.id: w.value for w in self.query(Select) if w.id}
        highlighted = {w.id: w.highlighted for w in self.query(OptionList) if w.id}
        focused = self.focused.id if self.focused is not None else None
        await self.recompose()
        for field in self.query(Input):
            field.value = values.get(field.id or "", field.value)
        for area in self.query(TextArea):
            area.text = texts.get(area.id or "", area.text)
        for select in self.query(Select):
            select.value = choices.get(select.id or "", select.value)
        for options in self.query(OptionList):
            options.highlighted = highlighted.get(options.id or "", options.highlighted)
        await self.mount(KeyBar())  # recompose took it with the rest
        for widget in self.query(f"#{focused}") if focused is not None else ():
            widget.focus()
        self._worded_in = ui_language(self)

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
