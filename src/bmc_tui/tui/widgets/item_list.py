"""The items of one block as lines on a scrollable surface: no widget, no option per item.

A widget per item costs a mount, a style pass and a repaint each, and even a generic option
list measures every item through the full text layout engine. A canvas grows to thousands of
items over months, so this list measures items with a fast plain-string wrap, keeps only
their heights, and draws just the lines on screen. Moving the cursor repaints the two items
involved, nothing else.

The list draws its own scroll indicator instead of using Textual's scrollbar. That scrollbar
is a widget: showing or hiding it, or changing the virtual size under it, re-lays out the
whole screen, and on the first frame that meant every list was measured, laid out, and sent
over the wire a second time. Here nothing about the list's content touches the layout: the
list measures itself when it is first drawn at a size, so the first frame is the finished one.

A long list shown from its top is measured only as far as it is drawn: the rest is measured
the first time anything needs it (a scroll, a cursor move past what was measured, the end
key, a click below), so a pane of a thousand items measures a page of them to open. Its
scroll indicator at the top is a one-cell thumb whatever the rest measures (see
``_scroll_indicator``), so the first frame is the same as if every item were measured.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from itertools import accumulate, islice
from typing import ClassVar, Literal, NamedTuple, Protocol, overload, runtime_checkable

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import Reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from bmc_tui.core.catalogue import Language
from bmc_tui.core.wrapping import split_lines, wrap_offsets
from bmc_tui.tui.keymap import Context, bindings

Direction = Literal["up", "down", "left", "right"]


class ListStyles(NamedTuple):
    base: Style
    cursor: Style
    cursor_blurred: Style
    ghost: Style
    thumb: Style
    thumb_focused: Style


class Lines(Sequence[Text]):
    """A list's lines, each made when it is first drawn (or asked for) and then kept.

    The list measures a line from its words alone (:meth:`plain`), which cost little, and
    only when it needs its height; the styled ``Text`` is made only for the lines drawn. A
    canvas of ten thousand items made a ``Text`` for every one before its first frame (a
    fifth of the start-up, and 5 MiB), and then the words of every one (a tenth).
    """

    def __init__(
        self, count: int, plain: Callable[[int], str], make: Callable[[int], Text]
    ) -> None:
        self._count = count
        self._plain = plain
        self._make = make
        self._made: dict[int, Text] = {}

    def __len__(self) -> int:
        return self._count

    def plain(self, index: int) -> str:
        """Line ``index``'s words, as its ``Text`` has them (``Text.plain``)."""
        return self._plain(index)

    @overload
    def __getitem__(self, index: int) -> Text: ...

    @overload
    def __getitem__(self, index: slice) -> list[Text]: ...

    def __getitem__(self, index: int | slice) -> Text | list[Text]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        text = self._made.get(index)
        if text is None:
            text = self._made[index] = self._make(index)
        return text


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
        "item-list--scroll-thumb",
        "item-list--scroll-thumb-focused",
    }

    DEFAULT_CSS = """
    ItemList {
        height: 1fr;
        overflow: hidden hidden;
    }
    ItemList > .item-list--cursor {
        text-style: bold reverse;
    }
    ItemList > .item-list--cursor-blurred {
        text-style: none;
    }
    ItemList > .item-list--scroll-thumb {
        color: $foreground 50%;
    }
    ItemList > .item-list--scroll-thumb-focused {
        color: $accent;
    }
    """

    #: The thumb of the scroll indicator: a half block, so it shows without colour too.
    SCROLL_THUMB = "▐"

    # The virtual size is only this list's own bookkeeping (no scrollbar widget reads it), so
    # changing it repaints the list where needed and never re-lays out the screen.
    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False, repaint=False)

    # Priority bindings are matched the moment a key arrives, in arrival order. Ordinary
    # bindings are matched only after the key has passed through the widget that had focus
    # when it arrived, so over a slow link "4a" in one packet would add to the old block.
    BINDINGS: ClassVar[list[BindingType]] = bindings(Context.ITEM_LIST)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.item_ids: list[str] = []
        self._texts = Lines(0, lambda _index: "", lambda _index: Text())
        self._selectable = 0
        self._highlighted: int | None = None
        #: The width items are wrapped to: the list's width, less a column for the scroll
        #: indicator when the items overflow.
        self._width = 0
        #: The content size the items were last measured for.
        self._measured_for = Size(0, 0)
        self._overflows = False
        #: How many items, from the first, are measured: the others are measured when needed.
        self._measured = 0
        #: Per measured item, where its wrapped lines start inside its text (at ``_width``).
        self._breaks: list[list[int]] = []
        #: Per measured item, the first virtual line it occupies; one more entry holds where
        #: the measured lines end (every line's total once all are measured).
        self._starts: list[int] = [0]
        #: Drawn lines per (item, whether the cursor is on it), until the item or style changes.
        self._strips: dict[tuple[int, bool], list[list[Segment]]] = {}
        self._styles: ListStyles | None = None
        #: The canvas's language: long words break where its hyphenation allows.
        self.language: Language | None = None

    class CursorMoved(Message):
        """The selected item may be another one now (the screen previews its note)."""

        def __init__(self, item_list: ItemList) -> None:
            super().__init__()
            self.item_list = item_list

        @property
        def control(self) -> ItemList:
            return self.item_list

    # --- content ---------------------------------------------------------------------------

    def show_items(self, item_ids: list[str], lines: Lines, select: str | None = None) -> None:
        """Replace the lines, keeping the cursor on ``select`` or on the item it was on.

        ``lines`` has one line per item of ``item_ids``, in order; lines after those are
        shown and cannot be selected (removed items, when comparing with an earlier version).
        """
        current = self.selected_id
        previous_index = self._highlighted or 0
        self.item_ids = item_ids
        self._texts = lines
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
        if self.selected_id != current:
            self.post_message(self.CursorMoved(self))
        if self.max_scroll_y < self.scroll_y:
            self.scroll_to(y=self.max_scroll_y, animate=False, force=True)
        self._scroll_to_highlight()

    def _ensure_measured(self) -> None:
        if self.content_region.size != self._measured_for:
            self._measure()

    def _measure(self) -> None:
        size = self._measured_for = self.content_region.size
        self._strips.clear()
        if size.width <= 0:
            # Not laid out yet: the first draw at a real size measures.
            self._width = 0
            self._overflows = False
            self._breaks = []
            self._starts = [0] * (len(self._texts) + 1)
            self._measured = len(self._texts)
        elif len(self._texts) > size.height:
            # More items than lines, so it overflows whatever their wrapping: wrapped once,
            # straight to the width the scroll indicator leaves (a long list, measured twice,
            # was most of what a canvas of ten thousand items adds to the first frame).
            self._overflows = True
            self._restart(max(size.width - 1, 1))
            if self.scroll_offset.y == 0:
                # Shown from its top: measured as far as the first page (see module doc).
                self._measure_lines(size.height)
            else:
                self._measure_items(len(self._texts))
        else:
            self._wrap(size.width)
            self._overflows = self._starts[-1] > size.height
            if self._overflows:
                # The scroll indicator takes the last column: wrap to what is left, or every
                # line that filled the width would lose its last letter.
                self._wrap(max(size.width - 1, 1))
        self.virtual_size = Size(self._width, self._scroll_height(size.height))

    def _scroll_height(self, height: int) -> int:
        """The height to scroll over: the lines, and room below them for the last page to
        start with an item (its bullet), not with the middle of one. Until every item is
        measured, the least it can be (an item has a line at least); scrolling down measures
        them all first (``validate_scroll_y``)."""
        if self._measured < len(self._texts):
            return self._least_total()
        total = self._starts[-1]
        if total <= height or height <= 0:
            return total
        last_top = self._starts[bisect_left(self._starts, total - height)]
        return max(total, last_top + height)

    def _wrap(self, width: int) -> None:
        self._restart(width)
        self._measure_items(len(self._texts))

    def _restart(self, width: int) -> None:
        """Forget what was measured: the items are measured at ``width`` from now on."""
        self._width = width
        self._measured = 0
        self._breaks = []
        self._starts = [0]

    def _measure_items(self, count: int) -> None:
        """Measure the first ``count`` items (at most all), if they are not yet; once all
        are, the scroll height is the real one."""
        count = min(count, len(self._texts))
        if count <= self._measured or self._width <= 0:
            return
        width, language, plain = self._width, self.language, self._texts.plain
        added = [
            wrap_offsets(plain(index), width, language=language)
            for index in range(self._measured, count)
        ]
        self._breaks += added
        ends = accumulate((len(breaks) + 1 for breaks in added), initial=self._starts[-1])
        self._starts += islice(ends, 1, None)
        self._measured = count
        if count == len(self._texts):
            height = self._measured_for.height
            self.virtual_size = Size(self._width, self._scroll_height(height))

    def _measure_lines(self, line: int) -> None:
        """Measure items until virtual line ``line`` is among them (or all are measured)."""
        while self._starts[-1] <= line and self._measured < len(self._texts):
            self._measure_items(self._measured + max(line + 1 - self._starts[-1], 16))

    def _measure_all(self) -> None:
        self._measure_items(len(self._texts))

    def _least_total(self) -> int:
        """The fewest lines the items can take: those measured, and one for each other."""
        return self._starts[-1] + len(self._texts) - self._measured

    def on_resize(self, event: events.Resize) -> None:
        # Usually measured already, by the first draw at this size.
        self._ensure_measured()
        self._scroll_to_highlight()

    def validate_scroll_y(self, value: float) -> float:
        if value > 0:
            self._measure_all()  # the real scroll height, before it limits ``value``
        return self._item_top(super().validate_scroll_y(value))

    def validate_scroll_target_y(self, value: float) -> float:
        if value > 0:
            self._measure_all()
        return self._item_top(super().validate_scroll_target_y(value))

    def _item_top(self, y: float) -> float:
        """``y``, moved to where an item starts, so the list never opens on the middle of an
        item without its bullet: on to the next item when scrolling down, back to the start
        of this one when scrolling up. An item taller than the list scrolls line by line."""
        line = round(y)
        starts = self._starts
        if line <= 0 or line >= starts[-1]:
            return y
        index = bisect_right(starts, line) - 1
        top, bottom = starts[index], starts[index + 1]
        if line == top or bottom - top > self._measured_for.height:
            return y
        return bottom if line > self.scroll_y else top

    @property
    def allow_vertical_scroll(self) -> bool:
        # Textual allows the mouse wheel only where its scrollbar shows; there is none here.
        return self.max_scroll_y > 0

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
        self.post_message(self.CursorMoved(self))

    def line_of_selected(self) -> int | None:
        """Where the selected item's first line is drawn, counted from the list's top row, or
        ``None`` when it is not on screen (the item editor opens over it there)."""
        if self._highlighted is None:
            return None
        self._ensure_measured()
        self._measure_items(self._highlighted + 1)
        line = self._starts[self._highlighted] - round(self.scroll_offset.y)
        return line if 0 <= line < self.size.height else None

    @property
    def selected_id(self) -> str | None:
        index = self._highlighted
        return self.item_ids[index] if index is not None and index < self._selectable else None

    def _item_region(self, index: int) -> Region:
        self._ensure_measured()
        self._measure_items(index + 1)
        top = self._starts[index]
        return Region(0, top, self._width, self._starts[index + 1] - top)

    def _refresh_item(self, index: int | None) -> None:
        if index is None or index >= len(self._texts):
            return
        self._strips.pop((index, False), None)
        self._strips.pop((index, True), None)
        region = self._item_region(index).translate(-self.scroll_offset)
        self.refresh(region)

    def _scroll_to_highlight(self) -> None:
        if self._highlighted is not None and self._highlighted < len(self._texts):
            region = self._item_region(self._highlighted)
            if region.bottom > self.scroll_offset.y + self._measured_for.height:
                # Below the lines shown: Textual keeps the scroll within the scroll height
                # before it scrolls, so that has to be the real one, every item measured.
                self._measure_all()
            self.scroll_to_region(region, animate=False, force=True)

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
        self._ensure_measured()
        self._measure_all()
        target_line = self._starts[self._highlighted] + direction * max(self.size.height - 1, 1)
        target_line = max(0, min(target_line, self._starts[-1] - 1))
        self.highlighted = bisect_right(self._starts, target_line) - 1

    def action_leave(self, direction: Direction) -> None:
        # A direct call, not a message: key actions run in the order the keys arrived, and a
        # message would let the next key in the same packet reach this list before focus moves.
        if isinstance(self.screen, PaneNavigator):
            self.screen.leave_pane(direction)

    def on_click(self, event: events.Click) -> None:
        self._ensure_measured()
        line = event.y + self.scroll_offset.y
        self._measure_lines(line)
        if 0 <= line < self._starts[-1]:
            index = bisect_right(self._starts, line) - 1
            if index < self._selectable:
                self.highlighted = index

    def _on_focus(self, event: events.Focus) -> None:
        super()._on_focus(event)
        self.show_focus()

    def _on_blur(self, event: events.Blur) -> None:
        super()._on_blur(event)
        self.show_focus()

    def show_focus(self) -> None:
        """Redraw what shows whether the list has the focus: the selected item and the thumb.

        The look follows the screen's focus (``has_focus_within``), which changes the moment
        the focus moves, not ``has_focus`` or ``:focus``, which follow a message later: so the
        screen can have a focus move drawn in one frame (see ``CanvasScreen.watch_focused``).
        """
        self._refresh_item(self._highlighted)
        if self._overflows:
            self.refresh(Region(self._width, 0, 1, self._measured_for.height))

    # --- drawing ---------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        self._ensure_measured()
        styles = self._list_styles()
        line = y + self.scroll_offset.y
        self._measure_lines(line)
        if line >= self._starts[-1] or self._width <= 0:
            segments = [Segment(" " * self._width, styles.base)]
        else:
            index = bisect_right(self._starts, line) - 1
            cursor = index == self._highlighted
            lines = self._strips.get((index, cursor))
            if lines is None:
                lines = self._strips[index, cursor] = self._draw(index, cursor, styles)
            segments = lines[line - self._starts[index]]
        if self._overflows:
            segments = [*segments, self._scroll_indicator(y, styles)]
            return Strip(segments, self._width + 1)
        return Strip(segments, self._width)

    def _list_styles(self) -> ListStyles:
        # Worked out once per style change: a widget's style is resolved through all its
        # ancestors, and asking for it on every line was a third of the time to draw a frame.
        if self._styles is None:
            base = self.rich_style
            component = self.get_component_rich_style
            self._styles = ListStyles(
                base=base,
                cursor=base + component("item-list--cursor", partial=True),
                cursor_blurred=base + component("item-list--cursor-blurred", partial=True),
                ghost=base + component("item-list--ghost", partial=True),
                thumb=base + component("item-list--scroll-thumb", partial=True),
                thumb_focused=base + component("item-list--scroll-thumb-focused", partial=True),
            )
        return self._styles

    def _scroll_indicator(self, y: int, styles: ListStyles) -> Segment:
        """The cell right of line ``y``: part of the thumb, which is as long and as far down
        the list's height as the lines on screen are of all its lines, or blank."""
        height = self._measured_for.height
        total = self._least_total()
        # Not all measured: at the top of a list that many lines long, the thumb is one
        # cell at the top, whatever the rest measures (it is under 1.5 cells long even at
        # the fewest lines the rest can take); anywhere else it needs the real total.
        if total != self._starts[-1] and (self.scroll_offset.y != 0 or 2 * height**2 >= 3 * total):
            self._measure_all()
            total = self._starts[-1]
        thumb = max(1, round(height * height / total))
        top = round(self.scroll_offset.y * (height - thumb) / max(total - height, 1))
        if top <= y < top + thumb:
            return Segment(
                self.SCROLL_THUMB, styles.thumb_focused if self.has_focus_within else styles.thumb
            )
        return Segment(" ", styles.base)

    def _draw(self, index: int, cursor: bool, styles: ListStyles) -> list[list[Segment]]:
        """All the lines of item ``index``, each ``self._width`` cells wide, as segments: a
        strip is made per line drawn, not per step of drawing it (each strip carries its own
        caches, and the memory of a frame is mostly strips)."""
        if index >= self._selectable:
            style = styles.ghost
        elif cursor:
            style = styles.cursor if self.has_focus_within else styles.cursor_blurred
        else:
            style = styles.base
        console = self.app.console
        padding = style if cursor else styles.base
        lines = []
        for piece in split_lines(self._texts[index], self._breaks[index], self._width):
            segments = list(Segment.apply_style(piece.render(console), style))
            lines.append(Segment.adjust_line_length(segments, self._width, padding))
        return lines

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles = None
        self._strips.clear()
