"""What every dialog shares: a framed box over the canvas, and escape to back out."""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual.binding import BindingType
from textual.screen import ModalScreen

from bmc_tui.tui.keymap import Context, bindings

T = TypeVar("T")


class Dialog(ModalScreen[T]):
    """A modal question. ``escape`` dismisses with ``None``: the caller changes nothing."""

    DEFAULT_CLASSES = "dialog"
    BINDINGS: ClassVar[list[BindingType]] = bindings(Context.DIALOG)

    def action_cancel(self) -> None:
        self.dismiss(None)
