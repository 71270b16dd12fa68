"""Lines of styled terminal text as an SVG picture: what ``bmc-tui export -f svg`` writes.

Rich can record a console and write it as SVG (``Console.export_svg``), but it writes a
``<text>`` element and a clip path for every piece of every line, works out a style's CSS
for each piece, and measures each piece's cells twice: on a canvas of ten thousand items
that took four times as long as drawing the canvas. This writer takes the lines the grid is
already drawn as (Rich segments, each line the picture's width in cells) and writes one
``<text>`` per line, with a ``<tspan>`` only where the style changes or blanks (a box's
margin, the rest of a line) lie between; the blanks are no element at all. Every run is
placed at its own column (``x``), and a run with characters outside ASCII (box lines,
shapes, CJK, emoji, which a viewer may take from another font) is given its exact width
(``textLength``), so the columns of the grid line up in whatever monospace font the viewer
has.

The look is Rich's terminal picture: its colours (``SVG_EXPORT_THEME``, dim text blended
into the background as Rich blends it), its cell size (Fira Code's 0.61 width to height) and
its dark rounded window with the title, which reads on a white page and on a dark one
alike. Fonts are asked for by name only, so opening the picture fetches nothing from the
network. The same lines give the same bytes: the ids inside the picture (needed when several
pictures share one web page) come from a checksum of the drawn text.

Headless and Rich-only: imports nothing from Textual or the rest of bmc-tui.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from math import ceil

from rich.cells import cell_len
from rich.color import blend_rgb
from rich.segment import Segment
from rich.style import Style
from rich.terminal_theme import SVG_EXPORT_THEME, TerminalTheme

#: A cell's size in pixels: Rich's picture (20 px text, Fira Code's width to height ratio).
CHAR_HEIGHT = 20
CHAR_WIDTH = CHAR_HEIGHT * 0.61
LINE_HEIGHT = CHAR_HEIGHT * 1.22
#: Room around the text inside the window; the top keeps room for the title.
PAD_TOP, PAD_SIDE, PAD_BOTTOM = 40, 8, 8
MARGIN = 1

_FONTS = '"Fira Code", "DejaVu Sans Mono", Menlo, Consolas, "Liberation Mono", monospace'


def _number(value: float) -> str:
    """A coordinate without a float's noise (``12.2``, not ``12.200000000000001``)."""
    return format(round(value, 2), "g")


def _xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold (C0 controls but tab and
    newline, lone surrogates, U+FFFE and U+FFFF), each replaced by U+FFFD."""
    return "".join(
        char
        if char in "\t\n"
        or "\x20" <= char <= "\ud7ff"
        or "\ue000" <= char <= "\ufffd"
        or char >= "\U00010000"
        else "\ufffd"
        for char in text
    )


def _escape(text: str) -> str:
    """``text`` as the content of an XML element."""
    if not text.isprintable():  # rare: only then can a character XML refuses be in it
        text = _xml_safe(text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class _Styles:
    """Each style of the picture as a CSS class, numbered in the order first drawn."""

    def __init__(self, theme: TerminalTheme) -> None:
        self.theme = theme
        #: Per style: its class number, and whether blanks in it draw nothing (no
        #: background, underline or strike), so they may sit inside any run or none.
        self.known: dict[Style | None, tuple[int, bool]] = {}
        #: Per class number: its CSS rules, its background colour if it has one, and
        #: whether its blanks draw nothing.
        self.rules: list[str] = []
        self.backgrounds: list[str | None] = []
        self.blank: list[bool] = []
        self._numbers: dict[tuple[str, str | None], int] = {}

    def get(self, style: Style | None) -> tuple[int, bool]:
        known = self.known.get(style)
        if known is None:
            known = self.known[style] = self._add(style or Style.null())
        return known

    def _add(self, style: Style) -> tuple[int, bool]:
        """What Rich's SVG export makes of a style (``export_svg``'s ``get_svg_style``)."""
        theme = self.theme
        color = (
            theme.foreground_color
            if style.color is None or style.color.is_default
            else style.color.get_truecolor(theme)
        )
        has_background = style.bgcolor is not None and not style.bgcolor.is_default
        bgcolor = (
            style.bgcolor.get_truecolor(theme)
            if style.bgcolor is not None and has_background
            else theme.background_color
        )
        if style.reverse:
            color, bgcolor = bgcolor, color
            has_background = True
        if style.dim:
            color = blend_rgb(color, bgcolor, 0.4)
        rules = [f"fill: {color.hex}"]
        if style.bold:
            rules.append("font-weight: bold")
        if style.italic:
            rules.append("font-style: italic")
        decorations = [
            name
            for name, on in (("underline", style.underline), ("line-through", style.strike))
            if on
        ]
        if decorations:
            rules.append(f"text-decoration: {' '.join(decorations)}")
        css = "; ".join(rules)
        background = bgcolor.hex if has_background else None
        number = self._numbers.get((css, background))
        if number is None:
            number = self._numbers[(css, background)] = len(self.rules)
            self.rules.append(css)
            self.backgrounds.append(background)
            self.blank.append(not (has_background or decorations))
        return number, self.blank[number]


class _Columns(dict[int, str]):
    """Where a number of cells ends, in pixels, as written: each worked out once."""

    def __missing__(self, cells: int) -> str:
        value = self[cells] = _number(cells * CHAR_WIDTH)
        return value


def terminal_svg(
    lines: Iterable[list[Segment]],
    *,
    width: int,
    title: str,
    theme: TerminalTheme = SVG_EXPORT_THEME,
) -> str:
    """``lines`` (each ``width`` cells of Rich segments) as an SVG picture of a terminal
    window titled ``title``."""
    styles = _Styles(theme)
    known = styles.known
    columns = _Columns()
    widths: dict[str, int] = {}
    texts: list[str] = []
    rects: list[str] = []
    row = -1
    for row, line in enumerate(lines):  # the last row sizes the picture
        # (x, class, texts, cells): the runs of one style on this line, left to right.
        runs: list[tuple[int, int, list[str], int]] = []
        run: list[str] = []
        run_x = run_cells = 0
        run_class = -1
        run_ascii = True
        x = 0
        for text, style, control in line:
            if control or not text:
                continue
            number, blank = known.get(style) or styles.get(style)
            ascii = text.isascii()
            if ascii:
                cells = len(text)
            else:  # box lines and bullets, again and again: measured once each
                cells = widths.get(text) or widths.setdefault(text, cell_len(text))
            if blank and text[0] == " " and not text.strip(" "):
                # Blanks that draw nothing (a box's margin, the rest of a line) end the run:
                # what follows them is placed at its own column. Drawn as part of a run,
                # they would be as wide as the viewer's font makes them, and a viewer that
                # does not stretch a run to its textLength (librsvg) would move the box
                # line after them off its column.
                if run:
                    runs.append((run_x, run_class, run, run_cells))
                    run = []
                x += cells
                continue
            if number == run_class and run and ((ascii and run_ascii) or cells == run_cells == 1):
                run.append(text)
                run_cells += cells
            else:
                # A piece outside ASCII (a box's top or bottom, wide letters) starts a run
                # of its own, at its own column, as Rich placed each piece: joined up, the
                # frames of boxes side by side would drift by the whole line's width in a
                # viewer that ignores textLength. Only the sides of two boxes that meet
                # ("││") are drawn as one.
                if run:
                    runs.append((run_x, run_class, run, run_cells))
                run, run_x, run_cells, run_class, run_ascii = [text], x, cells, number, ascii
            x += cells
        if run:
            runs.append((run_x, run_class, run, run_cells))
        if not runs:
            continue
        y = row * LINE_HEIGHT
        spans: list[str] = []
        # Most lines hold nothing to escape: looked for once a line, not once a run.
        shown = "".join([segment.text for segment in line])
        escape = not shown.isprintable() or "&" in shown or "<" in shown or ">" in shown
        for start, number, pieces, cells in runs:
            words = "".join(pieces) if len(pieces) > 1 else pieces[0]
            if styles.blank[number]:
                # Blanks at either end draw nothing: the run starts at its first mark.
                stripped = words.lstrip(" ")
                start += len(words) - len(stripped)
                cells -= len(words) - len(stripped)
                words = stripped.rstrip(" ")
                cells -= len(stripped) - len(words)
            if styles.backgrounds[number] is not None:
                rects.append(
                    f'<rect class="b{number}" x="{columns[start]}" y="{_number(y + 1.5)}" '
                    f'width="{columns[cells]}" height="{_number(LINE_HEIGHT + 0.25)}"/>'
                )
            if cells == 1 or words.isascii():  # one glyph has no spacing to stretch
                spans.append(
                    f'<tspan class="r{number}" x="{columns[start]}">'
                    f"{_escape(words) if escape else words}</tspan>"
                )
            else:
                spans.append(
                    f'<tspan class="r{number}" x="{columns[start]}" '
                    f'textLength="{columns[cells]}">'
                    f"{_escape(words) if escape else words}</tspan>"
                )
        texts.append(f'<text y="{_number(y + CHAR_HEIGHT)}">{"".join(spans)}</text>')
    body = "\n".join([*rects, '<g class="t" xml:space="preserve">', *texts, "</g>"])
    checksum = zlib.crc32(f"{width}\n{title}\n{body}".encode("utf-8", "surrogatepass"))
    uid = f"bmc-{checksum:08x}"
    window_width = ceil(width * CHAR_WIDTH + 2 * PAD_SIDE)
    window_height = (row + 1) * LINE_HEIGHT + PAD_TOP + PAD_BOTTOM
    background, foreground = theme.background_color.hex, theme.foreground_color.hex
    css = "\n".join(
        [
            f"#{uid} .t {{ font-family: {_FONTS}; font-size: {CHAR_HEIGHT}px; }}",
            f"#{uid} .title {{ font-family: sans-serif; font-size: 18px; font-weight: bold; }}",
            *(f"#{uid} .r{number} {{ {rules} }}" for number, rules in enumerate(styles.rules)),
            *(
                f"#{uid} .b{number} {{ fill: {colour} }}"
                for number, colour in enumerate(styles.backgrounds)
                if colour is not None
            ),
        ]
    )
    shown_title = _escape(title)
    return "\n".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" id="{uid}" '
            f'viewBox="0 0 {_number(window_width + 2 * MARGIN)} '
            f'{_number(window_height + 2 * MARGIN)}" role="img">',
            f"<title>{shown_title}</title>",
            f"<style>\n{css}\n</style>",
            f'<rect x="{MARGIN}" y="{MARGIN}" width="{window_width}" '
            f'height="{_number(window_height)}" rx="8" fill="{background}" '
            'stroke="rgba(255,255,255,0.35)" stroke-width="1"/>',
            f'<text class="title" fill="{foreground}" text-anchor="middle" '
            f'x="{window_width // 2}" y="{MARGIN + CHAR_HEIGHT + 6}">{shown_title}</text>',
            f'<g transform="translate({MARGIN + PAD_SIDE}, {MARGIN + PAD_TOP})">',
            body,
            "</g>",
            "</svg>",
            "",
        ]
    )
