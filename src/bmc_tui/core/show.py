"""``bmc-tui show``: the canvas printed to the terminal as the nine-block grid, with Rich.

Rich, not Textual: ``show`` runs in pipes, CI logs and pre-commit hooks, where starting the
editor's framework would be slow and pointless. The grid is computed from the catalogue's
:class:`~bmc_tui.core.catalogue.GridPlace` data: each block gets the terminal columns its grid
columns cover, rows linked by a tall block form a band, and every panel in a band is
stretched so the borders line up. Below :data:`STACK_BELOW` columns the blocks are stacked,
one above the other, in catalogue order.

User text only ever enters Rich as :class:`rich.text.Text` (never as markup), after
:func:`bmc_tui.core.textsafe.displayable`; an item reading ``[red]`` prints ``[red]``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from typing import TextIO

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.text import Text

from bmc_tui.core.catalogue import ATTRIBUTION, BLOCKS, GRID_COLUMNS, GRID_ROWS, Block, Language
from bmc_tui.core.export import (
    canvas_title,
    category_label,
    guiding_question,
    header_fields,
    row_heights,
)
from bmc_tui.core.model import Canvas, Item
from bmc_tui.core.textsafe import displayable, terminal_text
from bmc_tui.core.wrapping import line_count, wrap_text

#: Narrower than this, five columns of blocks leave too little room for words: stack them.
STACK_BELOW = 80
#: Shown after an item that has a note, as the editor shows it: there is more to read.
NOTE_MARKER = "+"
BULLET = "•"
#: Colours for tags that name a customer segment, by the segment's position.
SEGMENT_STYLES = ("cyan", "green", "yellow", "magenta", "blue", "red")


def _item_text(block: Block, item: Item, language: Language, segments: dict[str, int]) -> Text:
    text = Text(terminal_text(item.text), overflow="fold")
    category = category_label(block, item, language, compact=True)
    if category:
        text.append(f" · {category}", style="dim italic")
    for tag in item.tags:
        position = segments.get(tag)
        style = "dim" if position is None else SEGMENT_STYLES[position % len(SEGMENT_STYLES)]
        text.append(f" #{displayable(tag)}", style=style)
    if item.has_note:
        text.append(f" {NOTE_MARKER}", style="bold")
    return text


def block_body(
    block: Block, canvas: Canvas, language: Language, segments: dict[str, int]
) -> RenderableType:
    """The inside of a block's panel: its items as bullets, or its question when empty."""
    items = canvas.items(block.id)
    if not items:
        return Text(guiding_question(block, language), style="dim italic", overflow="fold")
    return Bullets(
        [
            Text(f"{BULLET} ", style="dim") + _item_text(block, item, language, segments)
            for item in items
        ]
    )


class Bullets:
    """Items as bullets with a hanging indent, wrapped line by line.

    A Rich table would do the same layout, but measures every cell of every row; a canvas
    of ten thousand items then takes seconds to print instead of a blink.
    """

    def __init__(self, items: list[Text]) -> None:
        self.items = items

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(options.max_width, 1)
        for item in self.items:
            for line in wrap_text(item, width):
                yield from line.render(console)
                yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(1, options.max_width)

    def height(self, width: int) -> int:
        """Lines the bullets take at ``width``, counted without drawing them."""
        width = max(width, 1)
        return sum(line_count(item.plain, width) for item in self.items)


#: Below this many columns a block's box drops its inner margin, to keep room for words.
TIGHT_BELOW = 20
_BORDER_STYLE = "bright_black"


def title_fits(title: str, width: int, *, tight: bool) -> bool:
    """Whether ``title`` fits the top border of a box ``width`` wide.

    A roomy border reads ``╭─ 1 Key Partners ─╮`` (six cells of frame); a tight one
    ``╭1 Partners──╮`` (two), for the five narrow columns of an 80-column terminal.
    """
    return cell_len(title) <= width - (2 if tight else 6)


def block_title(block: Block, language: Language, width: int, *, tight: bool) -> str:
    """``"N Title"`` if it fits the box's top border, else ``"N Short"``, else cut with "…".

    The catalogue's short titles are made to stay distinct in narrow panes.
    """
    for title in (block.title(language), block.short_title(language)):
        candidate = f"{block.number} {title}"
        if title_fits(candidate, width, tight=tight):
            return candidate
    text = Text(f"{block.number} {block.short_title(language)}")
    text.truncate(max(1, width - (2 if tight else 6)), overflow="ellipsis")
    return text.plain


class BlockBox:
    """A rounded box with the block's title in its top border, ``height`` lines tall if given.

    Rich's ``Panel`` always frames a title with a space and a rule either side; drawing the
    box here lets a tight layout give those cells to the title instead.
    """

    def __init__(
        self, title: str, body: RenderableType, *, tight: bool, height: int | None = None
    ) -> None:
        self.title = title
        self.body = body
        self.tight = tight
        self.height = height

    def natural_height(self, console: Console, options: ConsoleOptions) -> int:
        """Lines the box takes when nothing stretches it: its body and two borders."""
        inner = self._inner_width(options)
        if isinstance(self.body, Bullets):
            # Counted, not drawn: a block of thousands of items is drawn once, not twice.
            return self.body.height(inner) + 2
        return len(console.render_lines(self.body, options.update(width=inner, height=None))) + 2

    def _inner_width(self, options: ConsoleOptions) -> int:
        margin = 0 if self.tight else 1
        return max(options.max_width, 4) - 2 - 2 * margin

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(options.max_width, 4)
        margin = 0 if self.tight else 1
        inner = self._inner_width(options)
        border = console.get_style(_BORDER_STYLE)
        bold = console.get_style("bold")
        body_height = None if self.height is None else max(self.height - 2, 0)
        lines = console.render_lines(
            self.body, options.update(width=inner, height=body_height), pad=True
        )
        frame = box.ROUNDED.substitute(options)  # ASCII corners on a console that needs them
        lead = "" if self.tight else f"{frame.top} "
        tail = "" if self.tight else " "
        rule = width - 2 - cell_len(lead + self.title + tail)
        yield Segment(frame.top_left + lead, border)
        yield Segment(self.title, bold)
        yield Segment(tail + frame.top * max(rule, 0) + frame.top_right, border)
        yield Segment.line()
        pad = Segment(" " * margin)
        for line in lines:
            yield Segment(frame.mid_left, border)
            yield pad
            yield from line
            yield pad
            yield Segment(frame.mid_right, border)
            yield Segment.line()
        yield Segment(frame.get_bottom([width - 2]), border)
        yield Segment.line()


def block_box(
    block: Block,
    canvas: Canvas,
    language: Language,
    segments: dict[str, int],
    width: int,
    *,
    tight: bool,
    height: int | None = None,
) -> BlockBox:
    return BlockBox(
        block_title(block, language, width, tight=tight),
        block_body(block, canvas, language, segments),
        tight=tight,
        height=height,
    )


def _bands() -> list[range]:
    """The grid's rows grouped into bands: rows joined by a block that spans them.

    On the canonical canvas that gives rows 0-1 (the tall blocks join them) and row 2.
    """
    bands: list[range] = []
    row = 0
    while row < GRID_ROWS:
        end = row
        current = row
        while current <= end:
            for block in BLOCKS:
                if block.place.row == current:
                    end = max(end, current + block.place.row_span - 1)
            current += 1
        bands.append(range(row, end + 1))
        row = end + 1
    return bands


class CanvasView:
    """The whole canvas as one Rich renderable: header, the nine blocks, attribution."""

    def __init__(self, canvas: Canvas, language: Language) -> None:
        self.canvas = canvas
        self.language = language
        self.segments = canvas.segment_tags()

    def header(self, width: int) -> RenderableType:
        """Title, then the header fields packed into lines, then the description."""
        header = self.canvas.header
        parts: list[RenderableType] = [
            Text(canvas_title(header, self.language), style="bold", overflow="fold")
        ]
        line = Text(overflow="fold")
        for label, value in header_fields(header, self.language):
            field = Text.assemble((f"{label}: ", "dim"), value)
            # A field moves to the next line whole rather than splitting from its label.
            if line and line.cell_len + 3 + field.cell_len > width:
                parts.append(line)
                line = Text(overflow="fold")
            if line:
                line.append("   ")
            line.append_text(field)
        if line:
            parts.append(line)
        description = displayable(header.description, keep_newlines=True).strip()
        if description:
            parts.append(Text(description, style="italic", overflow="fold"))
        parts.append(Text())
        return Group(*parts)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        yield self.header(width)
        if width < STACK_BELOW:
            yield from self._stacked(width)
        else:
            yield from self._grid(console, options)
        yield Text(ATTRIBUTION(self.language), style="dim", overflow="fold")

    def _tight(self, widths: dict[Block, int]) -> bool:
        """Whether the boxes must go tight: some box too narrow for a margin or a roomy title.

        Decided once for the whole canvas, so the boxes never mix two looks.
        """
        for block, width in widths.items():
            titles = (block.title(self.language), block.short_title(self.language))
            roomy = any(title_fits(f"{block.number} {t}", width, tight=False) for t in titles)
            if width < TIGHT_BELOW or not roomy:
                return True
        return False

    def _box(self, block: Block, width: int, tight: bool, height: int | None = None) -> BlockBox:
        return block_box(
            block, self.canvas, self.language, self.segments, width, tight=tight, height=height
        )

    def _stacked(self, width: int) -> Iterator[BlockBox]:
        tight = self._tight(dict.fromkeys(BLOCKS, width))
        for block in BLOCKS:
            yield self._box(block, width, tight)

    def _grid(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        width = options.max_width

        def left(column: int) -> int:
            # Spread the terminal's columns over the grid's so the spans add up exactly.
            return column * width // GRID_COLUMNS

        widths = {
            block: left(block.place.column + block.place.column_span) - left(block.place.column)
            for block in BLOCKS
        }
        tight = self._tight(widths)
        for band in _bands():
            blocks = [block for block in BLOCKS if block.place.row in band]
            natural = {
                block: self._box(block, widths[block], tight).natural_height(
                    console, options.update(width=widths[block], height=None)
                )
                for block in blocks
            }
            heights = row_heights(natural)
            top = {row: sum(heights[r] for r in band if r < row) for row in band}
            lines: list[list[tuple[int, int, list[Segment]]]] = [
                [] for _ in range(sum(heights.values()))
            ]
            for block in blocks:
                place = block.place
                height = sum(heights[r] for r in range(place.row, place.row + place.row_span))
                rendered = console.render_lines(
                    self._box(block, widths[block], tight, height),
                    options.update(width=widths[block], height=height),
                    pad=True,
                )
                for offset, line in enumerate(rendered[:height]):
                    lines[top[place.row] + offset].append((place.column, place.column_span, line))
            for parts in lines:
                yield from self._join(parts, left)
                yield Segment.line()

    @staticmethod
    def _join(
        parts: Iterable[tuple[int, int, list[Segment]]], left: Callable[[int], int]
    ) -> Iterator[Segment]:
        """One terminal line from the blocks' pieces, left to right; gaps become spaces."""
        column = 0
        for start, span, segments in sorted(parts, key=lambda part: part[0]):
            if start > column:
                yield Segment(" " * (left(start) - left(column)))
            yield from segments
            column = start + span
        if column < GRID_COLUMNS:
            yield Segment(" " * (left(GRID_COLUMNS) - left(column)))


def make_console(width: int | None = None, file: TextIO | None = None) -> Console:
    """A console that never reads user text as markup, emoji codes or reprs to highlight.

    Colour follows Rich's rules: none when the output is not a terminal or ``NO_COLOR`` is
    set. ``width`` overrides the terminal's width (and the 80 Rich assumes for a pipe).
    """
    return Console(
        file=file or sys.stdout,
        width=width,
        markup=False,
        emoji=False,
        highlight=False,
        soft_wrap=False,
    )


def print_canvas(
    canvas: Canvas, language: Language, *, width: int | None = None, file: TextIO | None = None
) -> None:
    """Print the canvas to ``file`` (standard output by default) at the console's width."""
    console = make_console(width, file)
    console.print(CanvasView(canvas, language))
