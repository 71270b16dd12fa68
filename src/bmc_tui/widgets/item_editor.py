"""The one-line editor that opens inside a pane to add or change an item's text.

It exists only while the user types: panes hold no idle editors, so a canvas with nine panes
costs nine lists, not nine lists and nine inputs with blinking cursors.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Input

from bmc_tui.catalogue import BlockId
from bmc_tui.model import MAX_TEXT_LENGTH

EditMode = Literal["add", "brainstorm", "edit"]


@dataclass(frozen=True, slots=True)
class EditTarget:
    """What the typed text is for: a new item at ``index``, or the item ``item_id``."""

    mode: EditMode
    block_id: BlockId
    item_id: str | None = None
    index: int = 0


class ItemEditor(Input):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="cancel-edit"),
    ]

    class Cancelled(Message):
        def __init__(self, editor: ItemEditor) -> None:
            super().__init__()
            self.editor = editor

    def __init__(self, target: EditTarget, value: str = "", placeholder: str = "") -> None:
        # No blinking cursor: over SSH a blink is bytes on the wire twice a second, forever.
        super().__init__(
            value=value,
            placeholder=placeholder,
            max_length=MAX_TEXT_LENGTH,
            classes="item-editor",
        )
        self.cursor_blink = False
        self.target = target

    def action_cancel(self) -> None:
        self.post_message(self.Cancelled(self))
