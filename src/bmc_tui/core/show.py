"""``bmc-tui show``: the canvas printed to the terminal as the nine-block grid, with Rich.

Rich, not Textual: ``show`` runs in pipes, CI logs and pre-commit hooks, where starting the
editor's framework would be slow and pointless. The grid is computed from the catalogue's
:class:`~bmc_tui.core.catalogue.GridPlace` data: each block gets the terminal columns its grid
columns cover, rows linked by a tall block form a band, and every panel in a band is
stretched so the borders line up. Below :data:`STACK_BELOW` columns the blocks are stacked,
one above the other, in catalogue order.

User text only ever enters Rich as text, a :class:`rich.text.Text` or an item's styled
parts (:class:`Pieces`), never as markup, after :func:`bmc_tui.core.textsafe.displayable`;
an item reading ``[red]`` prints ``[red]``. An item reads as it does in the editor's pane
(:func:`bmc_tui.core.render.item_line`), and headings, markers and labels come from
:mod:`bmc_tui.core.presentation`, as for every view. The same lines, in colour, are the
SVG picture (:func:`canvas_svg`).
"""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from typing import TextIO

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from bmc_tui.core.catalogue import ATTRIBUTION, BLOCKS, GRID_COLUMNS, GRID_ROWS, Block, Language
from bmc_tui.core.model import Canvas
from bmc_tui.core.presentation import (
    block_title,
    canvas_title,
    guide,
    header_fields,
    row_heights,
    shows_status,
    status_counts_text,
)
from bmc_tui.core.render import Parts, item_parts, part_spans, styled_text
from bmc_tui.core.svg import terminal_svg
from bmc_tui.core.textsafe import displayable
from bmc_tui.core.wrapping import (
    HANGING_INDENT,
    HyphenBreak,
    is_one_cell,
    split_lines,
    wrap_offsets,
    wrap_text,
)

#: Narrower than this, five columns of blocks leave too little room for words: stack them.
STACK_BELOW = 80


def block_body(
    block: Block,
    canvas: Canvas,
    language: Language,
    segments: dict[str, int],
    width: int,
    *,
    ascii_only: bool = False,
    show_status: bool = False,
) -> RenderableType:
    """The inside of a block's box, ``width`` cells: its items as bullets, else its guide."""
    items = canvas.items(block.id)
    if not items:
        # An empty block asks what the template asks, as an empty pane does.
        entries = guide(block, language)
        return Bullets(
            [Text(entry.line(), style="dim italic") for entry in entries],
            language,
            indents=[HANGING_INDENT if entry.question else 0 for entry in entries],
        )
    return Bullets(
        [
            pieces(
                item_parts(
                    item,
                    block,
                    language,
                    segments,
                    width=width,
                    ascii_only=ascii_only,
                    show_status=show_status,
                )
            )
            for item in items
        ],
        language,
    )


class Pieces:
    """An item as :func:`_cut` reads it, from its styled parts (:func:`item_parts`): its
    words and their spans, no style of its own, and no ``Text`` unless a line needs one
    (:meth:`text`). Making a ``Text`` of every item (Rich looks through each for control
    codes) cost as much as cutting them all into lines."""

    style = ""

    def __init__(self, parts: Parts, plain: str) -> None:
        self.parts = parts
        self.plain = plain
        self.spans = part_spans(parts)

    def text(self) -> Text:
        """The item as a ``Text``: what :func:`bmc_tui.core.render.item_line` makes."""
        return styled_text(self.parts)


def pieces(parts: Parts) -> Text | Pieces:
    """An item's parts as :class:`Bullets` keeps them: as :class:`Pieces`, or as a ``Text``
    when its words hold something Rich would drop or break a line at (a control code,
    a line break), which moves the spans."""
    plain = "".join([part for part, _ in parts])
    return Pieces(parts, plain) if plain.isprintable() else styled_text(parts)


def _text(item: Text | Pieces) -> Text:
    return item if isinstance(item, Text) else item.text()


class Bullets:
    """Items as bullets with a hanging indent, wrapped line by line (words hyphenated in the
    canvas's ``language``).

    A Rich table would do the same layout, but measures every cell of every row; a canvas
    of ten thousand items then takes seconds to print instead of a blink.
    """

    def __init__(
        self,
        items: Sequence[Text | Pieces],
        language: Language,
        *,
        indents: list[int] | None = None,
    ) -> None:
        self.items = items
        self.language = language
        #: Per item, how far its later lines hang in (under the text after its bullet).
        self.indents = indents or [HANGING_INDENT] * len(items)
        #: The wrapped lines per width: a box asks for its height, then draws the same lines.
        self._wrapped: dict[int, list[Text]] = {}
        #: Per width, where each item's lines break (what its height is counted from).
        self._breaks: dict[int, list[list[int]]] = {}

    def wrapped(self, width: int) -> list[Text]:
        """Every item's lines at ``width`` cells, wrapped (and hyphenated) once per width."""
        width = max(width, 1)
        lines = self._wrapped.get(width)
        if lines is None:
            lines = [
                line
                for item, indent in zip(self.items, self.indents, strict=True)
                for line in wrap_text(_text(item), width, indent, language=self.language)
            ]
            self._wrapped[width] = lines
        return lines

    def breaks(self, width: int) -> list[list[int]]:
        """Every item's line breaks at ``width`` cells (:func:`wrap_offsets`), once per width."""
        width = max(width, 1)
        breaks = self._breaks.get(width)
        if breaks is None:
            breaks = [
                wrap_offsets(item.plain, width, indent, language=self.language)
                for item, indent in zip(self.items, self.indents, strict=True)
            ]
            self._breaks[width] = breaks
        return breaks

    def lines(self, console: Console, width: int) -> Iterator[list[Segment]]:
        """The bullets as lines of segments padded to ``width``: what ``render_lines`` gives,
        without joining the lines into one stream of segments and splitting it again."""
        for item, indent, breaks in zip(self.items, self.indents, self.breaks(width), strict=True):
            if item.style or "\n" in item.plain:
                for text in split_lines(_text(item), breaks, max(width, 1), indent):
                    yield from _padded(console, text, width)
            else:
                yield from _cut(console, item, breaks, max(width, 1), indent, width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in self.wrapped(options.max_width):
            yield from line.render(console)
            yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(1, options.max_width)

    def height(self, width: int) -> int:
        """Lines the bullets take at ``width``."""
        return sum(len(breaks) + 1 for breaks in self.breaks(width))


def _padded(console: Console, text: Text, width: int) -> Iterator[list[Segment]]:
    """One wrapped line as segments, cropped or padded to ``width`` cells (more than one
    line when the text keeps a line break)."""
    segments = list(text.render(console))
    if "\n" in text.plain:  # a line break kept in the text ends a line of its own
        yield from Segment.split_and_crop_lines(
            [*segments, Segment.line()], width, include_new_lines=False, pad=True
        )
    elif (cells := text.cell_len) < width:
        yield [*segments, Segment(" " * (width - cells))]
    else:
        yield Segment.adjust_line_length(segments, width, pad=True)


_TRAILING_SPACE = re.compile(r"\s+$")


def _render(console: Console, item: Text | Pieces) -> list[Segment]:
    """``list(item.render(console))`` for an unstyled item whose spans follow each other
    without overlapping, as :func:`bmc_tui.core.render.styled_text` makes them: a segment
    per span and per gap between spans, with nothing to combine. Rich's general way keeps a
    stack of the spans open at each offset, which was a third of drawing the SVG picture;
    spans that overlap or run out of order still go that way."""
    plain = item.plain
    if item.style:
        return list(_text(item).render(console))
    if not item.spans:
        return [Segment(plain)]
    null = Style.null()
    segments: list[Segment] = []
    offset = 0
    for start, end, style in item.spans:
        if start < offset or end < start or end > len(plain):
            return list(_text(item).render(console))
        if start > offset:
            segments.append(Segment(plain[offset:start], null))
            offset = start
        if end > start:
            segments.append(Segment(plain[start:end], console.get_style(style, default=null)))
            offset = end
    if offset < len(plain):
        segments.append(Segment(plain[offset:], null))
    return segments


def _cut(
    console: Console, item: Text | Pieces, breaks: list[int], wrap: int, indent: int, width: int
) -> Iterator[list[Segment]]:
    """An item's lines as :func:`split_lines` and :func:`_padded` make them, segment for
    segment, from one rendering of the whole item: cutting its segments where the lines
    break costs less than a ``Text`` per line, rendered line by line (``show`` and the SVG
    export draw every item of the canvas). For an unstyled item without line breaks."""
    plain = item.plain
    # Without colours (a pipe, a file) Rich writes no style at all, so every line is its
    # words alone, and the item need not be rendered: that was most of ``show > file``.
    styled = console.color_system is not None
    rendered = _render(console, item) if styled else []
    spans = item.spans if styled else []
    hang = wrap > indent + 1
    # Nearly every item is drawn one cell a character: its lines are measured by length.
    measure = len if is_one_cell(plain) else cell_len
    index = 0  # the first rendered segment not yet used up
    offset = 0  # where it starts in ``plain``
    for number, (start, end) in enumerate(zip([0, *breaks], [*breaks, len(plain)], strict=True)):
        hyphen = number < len(breaks) and isinstance(breaks[number], HyphenBreak)
        lead = " " * indent if number and hang else ""
        words = lead + plain[start:end] + ("-" if hyphen else "")
        crop = 0
        if len(words) > wrap and (space := _TRAILING_SPACE.search(words)):
            # Text.rstrip_end: the spaces that overrun the line are dropped.
            crop = min(len(space.group(0)), len(words) - wrap)
            words = words[:-crop]
        kept = end - crop  # the item's characters left on the line end here
        line: list[Segment] = []
        while index < len(rendered) and offset < end:
            text, style, _ = rendered[index]
            stop = offset + len(text)
            line.append(Segment(text[max(start - offset, 0) : end - offset], style))
            if stop > end:
                break
            index += 1
            offset = stop
        if start >= kept or not any(s < kept and e > start for s, e, _ in spans):
            line = [Segment(words)]  # a Text without spans renders unstyled, in one piece
        else:
            if hyphen:  # it takes the style of the letter before it (split_lines' rule)
                text, style, _ = line[-1]
                line[-1] = Segment(text + "-", style)
            if lead and any(s <= start < e for s, e, _ in spans):
                # Drawn as Rich draws text no span covers, beside spans (alone, no style).
                unstyled = Style.combine([console.get_style(item.style, default=Style.null())])
                line.insert(0, Segment(lead, unstyled))
            elif lead:  # the indent and the unstyled words after it are one run of text
                text, style, _ = line[0]
                line[0] = Segment(lead + text, style)
            while crop:
                text, style, _ = line.pop()
                if len(text) > crop:
                    line.append(Segment(text[:-crop], style))
                    break
                crop -= len(text)
        if (cells := measure(words)) < width:
            yield [*line, Segment(" " * (width - cells))]
        else:
            yield Segment.adjust_line_length(line, width, pad=True)


def fit_lines(
    lines: Iterable[list[Segment]], width: int, height: int | None, *, exact: bool = False
) -> list[list[Segment]]:
    """Lines cropped or padded to ``width`` cells and to ``height`` lines if given, as
    ``Console.render_lines(..., pad=True)`` leaves them; ``exact`` lines are already
    ``width`` cells (:meth:`Bullets.lines`), so only their number is fitted."""
    if exact:
        fitted = list(islice(lines, height))
    else:
        fitted = [
            Segment.adjust_line_length(line, width, pad=True) for line in islice(lines, height)
        ]
    if height is not None and len(fitted) < height:
        fitted.extend([Segment(" " * width)] for _ in range(height - len(fitted)))
    return fitted


#: Below this many columns a block's box drops its inner margin, to keep room for words.
TIGHT_BELOW = 20
_BORDER_STYLE = "bright_black"


def title_room(width: int, *, tight: bool) -> int:
    """Cells for the title in the top border of a box ``width`` wide.

    A roomy border reads ``╭─ 1 Key Partners ─╮`` (six cells of frame); a tight one
    ``╭1 Partners──╮`` (two), for the five narrow columns of an 80-column terminal.
    """
    return width - (2 if tight else 6)


def inner_width(width: int, *, tight: bool) -> int:
    """Cells inside a box ``width`` wide: less its two borders and, unless tight, margins."""
    return max(width, 4) - 2 - (0 if tight else 2)


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
            # Wrapped, not drawn: the box keeps the wrapped lines to draw them later.
            return self.body.height(inner) + 2
        return len(console.render_lines(self.body, options.update(width=inner, height=None))) + 2

    def _inner_width(self, options: ConsoleOptions) -> int:
        return inner_width(options.max_width, tight=self.tight)

    def lines(self, console: Console, options: ConsoleOptions) -> list[list[Segment]]:
        """The box as lines of segments, each ``options.max_width`` cells (at least 4), and
        ``height`` lines when the box has one (at least 2): what ``render_lines`` would give,
        built line by line."""
        width = max(options.max_width, 4)
        margin = 0 if self.tight else 1
        inner = self._inner_width(options)
        border = console.get_style(_BORDER_STYLE)
        bold = console.get_style("bold")
        body_height = None if self.height is None else max(self.height - 2, 0)
        if isinstance(self.body, Bullets):
            body = fit_lines(self.body.lines(console, inner), inner, body_height, exact=True)
        else:
            body = console.render_lines(
                self.body, options.update(width=inner, height=body_height), pad=True
            )
        frame = box.ROUNDED.substitute(options)  # ASCII corners on a console that needs them
        lead = "" if self.tight else f"{frame.top} "
        tail = "" if self.tight else " "
        rule = width - 2 - cell_len(lead + self.title + tail)
        top = [
            Segment(frame.top_left + lead, border),
            Segment(self.title, bold),
            Segment(tail + frame.top * max(rule, 0) + frame.top_right, border),
        ]
        left, right = Segment(frame.mid_left, border), Segment(frame.mid_right, border)
        pad = Segment(" " * margin)
        middle = [[left, pad, *line, pad, right] for line in body]
        bottom = [Segment(frame.get_bottom([width - 2]), border)]
        # A side line is the frame and a padded body line, so already ``width`` cells.
        return [Segment.adjust_line_length(top, width, pad=True), *middle, bottom]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in self.lines(console, options):
            yield from line
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
    ascii_only: bool = False,
    show_status: bool = False,
) -> BlockBox:
    return BlockBox(
        block_title(block, language, title_room(width, tight=tight)),
        block_body(
            block,
            canvas,
            language,
            segments,
            inner_width(width, tight=tight),
            ascii_only=ascii_only,
            show_status=show_status,
        ),
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
        self.ascii_only = False
        self.show_status = shows_status(canvas)

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
        if self.show_status:
            # The evidence at a glance, as the editor's header says it.
            counts = status_counts_text(self.canvas.status_counts(), self.language)
            parts.append(Text(counts, style="dim", overflow="fold"))
        parts.append(Text())
        return Group(*parts)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from self.parts(options)

    def parts(self, options: ConsoleOptions) -> tuple[RenderableType, _Blocks, Text]:
        """The header, the nine blocks and the attribution, for a console of these options."""
        # Shapes and the note marker fall back to ASCII where the output cannot encode them.
        self.ascii_only = options.ascii_only
        attribution = Text(ATTRIBUTION(self.language), style="dim", overflow="fold")
        return self.header(options.max_width), _Blocks(self), attribution

    def print(self, console: Console) -> None:
        """``console.print(self)``, without Rich measuring and cropping every line of the
        blocks to the console's width once more: they are drawn exactly that wide."""
        header, blocks, attribution = self.parts(console.options)
        with console:  # one write, as one print makes
            console.print(header)
            console.print(blocks, crop=False)
            console.print(attribution)

    def blocks(self, console: Console, options: ConsoleOptions) -> RenderResult:
        """The blocks in their grid, or stacked on a narrow console; every line exactly
        ``options.max_width`` cells."""
        width = options.max_width
        if width < STACK_BELOW:
            return list(self._stacked(width))
        return self._grid(console, options)

    def _tight(self, widths: dict[Block, int]) -> bool:
        """Whether the boxes must go tight: some box too narrow for a margin or a roomy title.

        Decided once for the whole canvas, so the boxes never mix two looks.
        """
        for block, width in widths.items():
            room = title_room(width, tight=False)
            short = f"{block.number} {block.short_title(self.language)}"
            if width < TIGHT_BELOW or cell_len(short) > room:
                return True
        return False

    def _box(self, block: Block, width: int, tight: bool, height: int | None = None) -> BlockBox:
        return block_box(
            block,
            self.canvas,
            self.language,
            self.segments,
            width,
            tight=tight,
            height=height,
            ascii_only=self.ascii_only,
            show_status=self.show_status,
        )

    def _stacked(self, width: int) -> Iterator[BlockBox]:
        tight = self._tight(dict.fromkeys(BLOCKS, width))
        for block in BLOCKS:
            yield self._box(block, width, tight)

    def _grid(self, console: Console, options: ConsoleOptions) -> list[Segment]:
        """The grid's lines as one list of segments: built in one go rather than yielded
        segment by segment through a generator per level (the 10k canvas has 278,000)."""
        segments: list[Segment] = []
        for line in self._grid_lines(console, options):
            segments += line
            segments.append(Segment.line())
        return segments

    def lines(self, console: Console) -> list[list[Segment]]:
        """The canvas as :meth:`print` draws it on ``console``, line by line, each line the
        console's width: what a picture of it is made from (:func:`canvas_svg`)."""
        options = console.options
        header, _, attribution = self.parts(options)
        width = options.max_width
        if width < STACK_BELOW:
            blocks = [line for box in self._stacked(width) for line in box.lines(console, options)]
        else:
            blocks = self._grid_lines(console, options)
        return [
            *console.render_lines(header, options),
            *blocks,
            *console.render_lines(attribution, options),
        ]

    def _grid_lines(self, console: Console, options: ConsoleOptions) -> list[list[Segment]]:
        """The grid, line by line, each line ``options.max_width`` cells."""
        width = options.max_width
        grid: list[list[Segment]] = []

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
            boxes = {block: self._box(block, widths[block], tight) for block in blocks}
            natural = {
                block: boxes[block].natural_height(
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
                # The same box, now stretched: its items were wrapped once, for its height.
                box_ = boxes[block]
                box_.height = height
                options_ = options.update(width=widths[block], height=height)
                for offset, line in enumerate(box_.lines(console, options_)):
                    lines[top[place.row] + offset].append((place.column, place.column_span, line))
            grid += [self._join(parts, left) for parts in lines]
        return grid

    @staticmethod
    def _join(
        parts: Iterable[tuple[int, int, list[Segment]]], left: Callable[[int], int]
    ) -> list[Segment]:
        """One terminal line from the blocks' pieces, left to right; gaps become spaces."""
        line: list[Segment] = []
        column = 0
        for start, span, segments in sorted(parts, key=lambda part: part[0]):
            if start > column:
                line.append(Segment(" " * (left(start) - left(column))))
            line += segments
            column = start + span
        if column < GRID_COLUMNS:
            line.append(Segment(" " * (left(GRID_COLUMNS) - left(column))))
        return line


class _Blocks:
    """The blocks of a :class:`CanvasView`, as a renderable of their own."""

    def __init__(self, view: CanvasView) -> None:
        self.view = view

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        return self.view.blocks(console, options)


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


def canvas_svg(canvas: Canvas, language: Language, *, width: int) -> str:
    """The canvas grid as ``show`` prints it at ``width`` columns, in colour, as an SVG
    picture (:func:`bmc_tui.core.svg.terminal_svg`): for slides and wikis, colours and box
    lines included. The lines are drawn once and written straight into the picture: no
    console records them and no terminal codes are made for them."""
    console = Console(
        file=io.StringIO(),
        width=width,
        force_terminal=True,
        color_system="truecolor",
        markup=False,
        emoji=False,
        highlight=False,
        soft_wrap=False,
    )
    lines = CanvasView(canvas, language).lines(console)
    return terminal_svg(lines, width=width, title=canvas_title(canvas.header, language))


def print_canvas(
    canvas: Canvas, language: Language, *, width: int | None = None, file: TextIO | None = None
) -> None:
    """Print the canvas to ``file`` (standard output by default) at the console's width."""
    console = make_console(width, file)
    CanvasView(canvas, language).print(console)
