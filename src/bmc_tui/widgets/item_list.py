"""The items of one block as lines on a scrollable surface: no widget, no option per item.

A widget per item costs a mount, a style pass and a repaint each, and even a generic option
list measures every item through the full text layout engine. A canvas grows to thousands of
items over months, so this list measures items with a fast plain-string wrap, keeps only
their heights, and draws just the lines on screen. Moving the cursor repaints the two items
involved, nothing else.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate
from typing import ClassVar, Literal, Protocol, runtime_checkable

from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from bmc_tui.catalogue import BLOCKS
from bmc_tui.wrapping import wrap_offsets, wrap_text

Direction = Literal["up", "down", "left", "right"]


@runtime_checkable
class PaneNavigator(Protocol):
    """The screen that arranges the panes and so knows which one lies in a direction."""

    def leave_pane(self, direction: Direction) -> None: ...


class ItemList(ScrollView, can_focus=True):
    """The focusable list in a pane. Keys that act on an item are bound here, so the footer
    shows them only while a list has the focus; the screen that owns the canvas does the work.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "item-list--cursor",
        "item-list--cursor-blurred",
        "item-list--ghost",
    }

    DEFAULT_CSS = """
    ItemList {
        height: 1fr;
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-size-vertical: 1;
    }
    ItemList > .item-list--cursor {
        text-style: bold reverse;
    }
    ItemList > .item-list--cursor-blurred {
        text-style: none;
    }
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
            "question_mark",
            "screen.help",
            "Help",
            tooltip="This help",
            priority=True,
            id="help",
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
        Binding("home", "first", "First item", show=False, priority=True),
        Binding("end", "last", "Last item", show=False, priority=True),
        Binding("pageup", "page(-1)", "Page up", show=False, priority=True),
        Binding("pagedown", "page(1)", "Page down", show=False, priority=True),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.item_ids: list[str] = []
        self._texts: list[Text] = []
        self._selectable = 0
        self._highlighted: int | None = None
        self._width = 0
        #: Per item, where its wrapped lines start inside its text (measured at ``_width``).
        self._breaks: list[list[int]] = []
        #: Per item, the first virtual line it occupies; one extra entry holds the total.
        self._starts: list[int] = [0]
        self._strips: dict[tuple[int, int, bool], Strip] = {}

    # --- content ---------------------------------------------------------------------------

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
        previous_index = self._highlighted or 0
        self.item_ids = [item_id for item_id, _ in lines]
        self._texts = [text for _, text in lines] + list(ghosts or ())
        self._selectable = len(self.item_ids)
        target = select or current
        if target in self.item_ids:
            self._highlighted = self.item_ids.index(target)
        elif self.item_ids:
            self._highlighted = min(previous_index, len(self.item_ids) - 1)
        else:
            self._highlighted = None
        self._measure()
        self.refresh()
        self._scroll_to_highlight()

    def _measure(self) -> None:
        full = self.content_region.width
        if full <= 0:
            # Not laid out yet: measuring at no width only to measure again on the first
            # resize would cost a layout pass of the whole screen at start-up.
            self._width = 0
            self._starts = [0] * (len(self._texts) + 1)
            return
        self._wrap(full)
        if self._starts[-1] > self.content_region.height:
            # The items overflow, so a scrollbar will take a column: wrap to what is left,
            # or every line that filled the width would lose its last letter.
            self._wrap(max(full - self.styles.scrollbar_size_vertical, 1))
        self._strips.clear()
        self.virtual_size = Size(self._width, self._starts[-1])

    def _wrap(self, width: int) -> None:
        self._width = width
        self._breaks = [wrap_offsets(text.plain, width) for text in self._texts]
        self._starts = [0, *accumulate(len(breaks) + 1 for breaks in self._breaks)]

    def on_resize(self, event: events.Resize) -> None:
        self._measure()
        self._scroll_to_highlight()

    # --- the cursor ------------------------------------------------------------------------

    @property
    def highlighted(self) -> int | None:
        return self._highlighted

    @highlighted.setter
    def highlighted(self, index: int | None) -> None:
        if index is not None:
            index = max(0, min(index, self._selectable - 1)) if self._selectable else None
        if index == self._highlighted:
            return
        old, self._highlighted = self._highlighted, index
        self._refresh_item(old)
        self._refresh_item(index)
        self._scroll_to_highlight()

    @property
    def selected_id(self) -> str | None:
        index = self._highlighted
        return self.item_ids[index] if index is not None and index < self._selectable else None

    def _item_region(self, index: int) -> Region:
        top = self._starts[index]
        return Region(0, top, self._width, self._starts[index + 1] - top)

    def _refresh_item(self, index: int | None) -> None:
        if index is None or index >= len(self._texts):
            return
        self._strips = {key: strip for key, strip in self._strips.items() if key[0] != index}
        region = self._item_region(index).translate(-self.scroll_offset)
        self.refresh(region)

    def _scroll_to_highlight(self) -> None:
        if self._highlighted is not None and self._highlighted < len(self._texts):
            self.scroll_to_region(self._item_region(self._highlighted), animate=False, force=True)

    def action_cursor_up(self) -> None:
        if not self.item_ids or self._highlighted in (None, 0):
            self.action_leave("up")
        else:
            assert self._highlighted is not None
            self.highlighted = self._highlighted - 1

    def action_cursor_down(self) -> None:
        if not self.item_ids or self._highlighted == self._selectable - 1:
            self.action_leave("down")
        else:
            self.highlighted = 0 if self._highlighted is None else self._highlighted + 1

    def action_first(self) -> None:
        self.highlighted = 0

    def action_last(self) -> None:
        self.highlighted = self._selectable - 1

    def action_page(self, direction: int) -> None:
        if self._highlighted is None:
            return
        target_line = self._starts[self._highlighted] + direction * max(self.size.height - 1, 1)
        target_line = max(0, min(target_line, self._starts[-1] - 1))
        self.highlighted = bisect_right(self._starts, target_line) - 1

    def action_leave(self, direction: Direction) -> None:
        # A direct call, not a message: key actions run in the order the keys arrived, and a
        # message would let the next key in the same packet reach this list before focus moves.
        if isinstance(self.screen, PaneNavigator):
            self.screen.leave_pane(direction)

    def on_click(self, event: events.Click) -> None:
        line = event.y + self.scroll_offset.y
        if 0 <= line < self._starts[-1]:
            index = bisect_right(self._starts, line) - 1
            if index < self._selectable:
                self.highlighted = index

    def _on_focus(self, event: events.Focus) -> None:
        super()._on_focus(event)
        self._refresh_item(self._highlighted)

    def _on_blur(self, event: events.Blur) -> None:
        super()._on_blur(event)
        self._refresh_item(self._highlighted)

    # --- drawing ---------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        line = y + self.scroll_offset.y
        width = self.scrollable_content_region.width
        if line >= self._starts[-1] or width <= 0:
            return Strip.blank(width, self.rich_style)
        index = bisect_right(self._starts, line) - 1
        part = line - self._starts[index]
        cursor = index == self._highlighted
        key = (index, part, cursor)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._draw(index, part, cursor, width)
            self._strips[key] = strip
        return strip

    def _draw(self, index: int, part: int, cursor: bool, width: int) -> Strip:
        pieces = wrap_text(self._texts[index], self._width)
        piece = pieces[part] if part < len(pieces) else Text()
        base = self.rich_style
        if index >= self._selectable:
            base += self.get_component_rich_style("item-list--ghost", partial=True)
        elif cursor:
            component = "item-list--cursor" if self.has_focus else "item-list--cursor-blurred"
            base += self.get_component_rich_style(component, partial=True)
        segments = list(piece.render(self.app.console))
        strip = Strip(Segment.apply_style(segments, base), piece.cell_len)
        return strip.adjust_cell_length(width, base if cursor else self.rich_style)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()
