"""The items of one block as a list of lines: one option per item, no widget per item.

A widget per item costs a mount, a style pass and a repaint each; a canvas grows to
thousands of items over months, so the list draws lines instead (Textual's ``OptionList``).
"""

from __future__ import annotations

from typing import ClassVar, Literal

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

Direction = Literal["up", "down", "left", "right"]


class ItemList(OptionList):
    """The focusable list in a pane. Keys that act on an item are bound here, so the footer
    shows them only while a list has the focus; the screen that owns the canvas does the work.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "screen.add_item", "Add", id="add"),
        Binding("b", "screen.brainstorm", "Brainstorm", id="brainstorm"),
        Binding("e,enter", "screen.edit_item", "Edit", id="edit"),
        Binding("n", "screen.edit_note", "Note", id="note"),
        Binding(
            "E", "screen.edit_note_externally", "Note in $EDITOR", show=False, id="note-editor"
        ),
        Binding("d,delete", "screen.delete_item", "Delete", id="delete"),
        Binding("shift+up,K", "screen.reorder_item(-1)", "Move up", show=False, id="move-up"),
        Binding("shift+down,J", "screen.reorder_item(1)", "Move down", show=False, id="move-down"),
        Binding("m", "screen.move_item", "Move to…", show=False, id="move-to-block"),
        Binding("c", "screen.set_category", "Category", show=False, id="category"),
        Binding("t", "screen.set_tags", "Tags", show=False, id="tags"),
        Binding("z", "screen.zoom", "Zoom", id="zoom"),
        Binding("up,k", "cursor_up", "Up", show=False),
        Binding("down,j", "cursor_down", "Down", show=False),
        Binding("left,h", "leave('left')", "Left", show=False),
        Binding("right,l", "leave('right')", "Right", show=False),
    ]

    class Leave(Message):
        """The cursor went past the edge of the list: the screen moves to the next pane."""

        def __init__(self, direction: Direction) -> None:
            super().__init__()
            self.direction = direction

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.item_ids: list[str] = []

    def show_items(self, lines: list[tuple[str, Text]], select: str | None = None) -> None:
        """Replace the lines, keeping the cursor on ``select`` or on the item it was on."""
        current = self.selected_id
        self.item_ids = [item_id for item_id, _ in lines]
        self.set_options(Option(text, id=item_id) for item_id, text in lines)
        target = select or current
        if target in self.item_ids:
            self.highlighted = self.item_ids.index(target)
        elif self.item_ids:
            self.highlighted = min(self._last_index, len(self.item_ids) - 1)

    @property
    def _last_index(self) -> int:
        return self.highlighted if self.highlighted is not None else 0

    @property
    def selected_id(self) -> str | None:
        if self.highlighted is None or not 0 <= self.highlighted < len(self.item_ids):
            return None
        return self.item_ids[self.highlighted]

    def action_cursor_up(self) -> None:
        if not self.item_ids or self.highlighted in (None, 0):
            self.post_message(self.Leave("up"))
        else:
            super().action_cursor_up()

    def action_cursor_down(self) -> None:
        if not self.item_ids or self.highlighted == len(self.item_ids) - 1:
            self.post_message(self.Leave("down"))
        else:
            super().action_cursor_down()

    def action_leave(self, direction: Direction) -> None:
        self.post_message(self.Leave(direction))
