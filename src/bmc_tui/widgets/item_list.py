"""The items of one block as a list of lines: one option per item, no widget per item.

A widget per item costs a mount, a style pass and a repaint each; a canvas grows to
thousands of items over months, so the list draws lines instead (Textual's ``OptionList``).
"""

from __future__ import annotations

from typing import ClassVar, Literal, Protocol, runtime_checkable

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from bmc_tui.catalogue import BLOCKS

Direction = Literal["up", "down", "left", "right"]


@runtime_checkable
class PaneNavigator(Protocol):
    """The screen that arranges the panes and so knows which one lies in a direction."""

    def leave_pane(self, direction: Direction) -> None: ...


class ItemList(OptionList):
    """The focusable list in a pane. Keys that act on an item are bound here, so the footer
    shows them only while a list has the focus; the screen that owns the canvas does the work.
    """

    # Priority bindings are matched the moment a key arrives, in arrival order. Ordinary
    # bindings are matched only after the key has passed through the widget that had focus
    # when it arrived, so over a slow link "4a" in one packet would add to the old block.
    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(
                str(block.number),
                f"screen.focus_block({block.number})",
                show=False,
                priority=True,
                id=f"go-to-{block.id.value}",
            )
            for block in BLOCKS
        ),
        Binding(
            "a",
            "screen.add_item",
            "Add",
            tooltip="Add an item after the selected one: type, enter keeps, escape cancels",
            priority=True,
            id="add",
        ),
        Binding(
            "b",
            "screen.brainstorm",
            "Brainstorm",
            tooltip="Brainstorm: every enter keeps the idea and opens the next, escape stops",
            priority=True,
            id="brainstorm",
        ),
        Binding(
            "e,enter",
            "screen.edit_item",
            "Edit",
            tooltip="Edit the selected item's text",
            priority=True,
            id="edit",
        ),
        Binding(
            "n",
            "screen.edit_note",
            "Note",
            tooltip="Write the selected item's note (several lines)",
            priority=True,
            id="note",
        ),
        Binding(
            "E",
            "screen.edit_note_externally",
            "Note in $EDITOR",
            tooltip="Write the note in your own $EDITOR",
            show=False,
            priority=True,
            id="note-editor",
        ),
        Binding(
            "d,delete",
            "screen.delete_item",
            "Delete",
            tooltip="Delete the selected item (u undoes it)",
            priority=True,
            id="delete",
        ),
        Binding(
            "shift+up,K",
            "screen.reorder_item(-1)",
            "Move up",
            tooltip="Move the selected item up in its block",
            show=False,
            priority=True,
            id="move-up",
        ),
        Binding(
            "shift+down,J",
            "screen.reorder_item(1)",
            "Move down",
            tooltip="Move the selected item down in its block",
            show=False,
            priority=True,
            id="move-down",
        ),
        Binding(
            "m",
            "screen.move_item",
            "Move to block…",
            tooltip="Move the selected item to another block: m, then the block's number",
            show=False,
            priority=True,
            id="move-to-block",
        ),
        Binding(
            "c",
            "screen.set_category",
            "Category",
            tooltip="Set the item's category, from the kinds its block lists",
            show=False,
            priority=True,
            id="category",
        ),
        Binding(
            "t",
            "screen.set_tags",
            "Tags",
            tooltip="Set the item's tags; a customer segment's tag links items to it",
            show=False,
            priority=True,
            id="tags",
        ),
        Binding(
            "D",
            "screen.compare",
            "Compare with…",
            tooltip="Mark what changed since the last commit (or a revision you name)",
            show=False,
            priority=True,
            id="compare",
        ),
        Binding(
            "z",
            "screen.zoom",
            "Zoom",
            tooltip="Zoom the block to the whole screen: all questions, items and notes",
            priority=True,
            id="zoom",
        ),
        Binding(
            "u",
            "screen.undo",
            "Undo",
            tooltip="Undo the last change (any change, header edits too)",
            priority=True,
            id="undo",
        ),
        Binding(
            "slash",
            "screen.filter",
            "Filter",
            tooltip="Filter: highlight items that match, dim the rest; escape clears",
            priority=True,
            id="filter",
        ),
        Binding(
            "g",
            "screen.toggle_guides",
            "Questions on/off",
            tooltip="Show or hide the guiding questions in the panes",
            show=False,
            priority=True,
            id="toggle-questions",
        ),
        Binding(
            "i",
            "screen.edit_header",
            "Canvas header",
            tooltip="Edit the canvas header: title, designed for/by, date, version, language",
            show=False,
            priority=True,
            id="edit-header",
        ),
        Binding(
            "o",
            "screen.open",
            "Open canvas",
            tooltip="Open another canvas from this folder or canvases/",
            show=False,
            priority=True,
            id="open",
        ),
        Binding(
            "question_mark", "screen.help", "Help", tooltip="This help", priority=True, id="help"
        ),
        Binding(
            "q",
            "app.quit",
            "Quit",
            tooltip="Quit; asks Save / Discard / Cancel when there are unsaved changes",
            priority=True,
            id="quit",
        ),
        Binding(
            "up,k",
            "cursor_up",
            "Up",
            tooltip="Previous item; past the first, the pane above",
            show=False,
            priority=True,
        ),
        Binding(
            "down,j",
            "cursor_down",
            "Down",
            tooltip="Next item; past the last, the pane below",
            show=False,
            priority=True,
        ),
        Binding(
            "left,h",
            "leave('left')",
            "Left",
            tooltip="The pane to the left",
            show=False,
            priority=True,
        ),
        Binding(
            "right,l",
            "leave('right')",
            "Right",
            tooltip="The pane to the right",
            show=False,
            priority=True,
        ),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.item_ids: list[str] = []

    def show_items(
        self,
        lines: list[tuple[str, Text]],
        select: str | None = None,
        *,
        ghosts: list[Text] | None = None,
    ) -> None:
        """Replace the lines, keeping the cursor on ``select`` or on the item it was on.

        ``ghosts`` are shown after the items and cannot be selected (removed items, when
        comparing with an earlier version).
        """
        current = self.selected_id
        self.item_ids = [item_id for item_id, _ in lines]
        options = [Option(text, id=item_id) for item_id, text in lines]
        options.extend(Option(text, disabled=True) for text in ghosts or ())
        self.set_options(options)
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
            self.action_leave("up")
        else:
            super().action_cursor_up()

    def action_cursor_down(self) -> None:
        if not self.item_ids or self.highlighted == len(self.item_ids) - 1:
            self.action_leave("down")
        else:
            super().action_cursor_down()

    def action_leave(self, direction: Direction) -> None:
        # A direct call, not a message: key actions run in the order the keys arrived, and a
        # message would let the next key in the same packet reach this list before focus moves.
        if isinstance(self.screen, PaneNavigator):
            self.screen.leave_pane(direction)
