"""Send the terminal only the cells that changed.

Why: Textual (8.2.8, pinned) repaints by region. When a widget refreshes, the compositor
hands ``App._display`` every cell of the regions it redrew, changed or not, and Textual
writes them all: a pane move (the focused pane's border and title change colour, which
refreshes both panes) sent ~9.6 KB to change ~450 cells, and a typed character re-sent its
whole input line, 134 B to change two cells. Over a slow SSH link every byte is latency.

So the editor keeps an image of what the terminal shows: per cell, the grapheme and the SGR
attributes it was written with. Each update Textual hands ``App._display`` is applied to a
copy of the image, and only the cells that differ go out, with cursor moves between them.
The terminal ends each frame showing exactly what Textual's own output would have made it
show, because every cell written is the cell Textual would have written, rendered by the same
function (``Strip.render_ansi``); only cells it already shows are left out. A test replays
scripted sessions through both and compares the two terminal screens cell by cell.

What is on the terminal is only known while this process alone has drawn it. The image is
forgotten (every cell unknown, so the next write of each cell goes out) when the terminal's
size changes and whenever the driver enters application mode again (start-up, back from
ctrl+z, back from the external editor): see ``BmcApp._display`` and ``TerminalDriver``.

Bytes saved on the way, all with the same result on screen:
- one SGR sequence per change of attributes, not a set and a reset around every segment
  (``ESC[0;...m`` sets a cell's attributes from scratch, so nothing leaks from the last);
- no cursor move where the cursor already is, and a short relative one on the same row. The
  cursor is only trusted after an absolute move or plain ASCII text (a terminal may draw
  other characters wider than Rich measures them), and never at the right margin, where
  terminals disagree about a pending wrap.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from rich.cells import split_graphemes
from rich.color import ColorSystem
from rich.style import Style
from textual._compositor import ChopsUpdate, LayoutUpdate
from textual.geometry import Offset, Size
from textual.strip import Strip

if TYPE_CHECKING:
    from rich.console import RenderableType
    from textual.app import App

#: One cell as the terminal shows it: the grapheme, and the key of the attributes it was
#: written with (``Strip.render_ansi``'s SGR parameters; a link adds its target). The second
#: cell of a wide character has the text "". ``None``: not known.
Cell = tuple[str, str]
Row = list[Cell | None]

_RESET = "\x1b[0m"


class TerminalImage:
    """What the terminal shows, and how to bring it to what Textual wants it to show."""

    def __init__(self) -> None:
        self._size = Size(0, 0)
        self._rows: list[Row] = []
        #: Where the terminal's cursor stands, if certain.
        self._cursor: tuple[int, int] | None = None
        #: A link's style by its cell key: linked text is written as Textual writes it.
        self._links: dict[str, Style] = {}
        self._color_system = ColorSystem.TRUECOLOR
        #: False once forgotten: the next frame starts from an unknown terminal.
        self._known = False

    def forget(self) -> None:
        """Know nothing of what the terminal shows (every cell will be written again).

        Safe from a signal handler in the middle of a frame (ctrl+z, then fg): it only
        marks the image, which the next frame clears.
        """
        self._known = False

    def _clear(self, size: Size) -> None:
        self._size = size
        self._rows = [[None] * size.width for _ in range(size.height)]
        self._cursor = None
        self._links.clear()

    def render(
        self,
        update: LayoutUpdate | ChopsUpdate,
        size: Size,
        cursor: Offset,
        color_system: ColorSystem,
    ) -> str:
        """The escape sequences that make the terminal show ``update`` with its cursor at
        ``cursor``: only the cells that change. "" when nothing changes."""
        if not self._known or size != self._size:
            self._known = True  # first: a forget() from here on is kept for the next frame
            self._clear(size)
        self._color_system = color_system
        painted: dict[int, Row] = {}
        for y, x, strip in _writes(update):
            if 0 <= y < size.height:
                row = painted.get(y)
                if row is None:
                    row = painted[y] = list(self._rows[y])
                self._paint(row, x, strip, color_system)
        out: list[str] = []
        attributes = ""  # Textual's writers, and this one, leave the terminal reset
        for y in sorted(painted):
            attributes = self._send_row(out, y, painted[y], attributes)
        if attributes:
            out.append(_RESET)
        target = (cursor.x, cursor.y)
        if out or target != self._cursor:
            out.append(self._move(*target))
            self._cursor = target
        return "".join(out)

    # --- applying an update to a copy of a row --------------------------------------------------

    def _paint(self, row: Row, x: int, strip: Strip, color_system: ColorSystem) -> None:
        width = len(row)
        if 0 < x < width and _is_tail(row[x]):
            row[x - 1] = None  # half of a wide character overwritten: the other half is unknown
        render_ansi = Strip.render_ansi
        for text, style, _control in strip:
            if style is None:
                key = ""
            else:
                key = style._ansi if style._ansi is not None else render_ansi(style, color_system)
                if style._link:
                    key = f"{key}\x00{style._link_id}\x00{style._link}"
                    self._links[key] = style
            if _plain(text):
                end = min(x + len(text), width)
                if end > x:
                    row[x:end] = [(char, key) for char in text[: end - x]]
                x += len(text)
                continue
            spans, _ = split_graphemes(text)
            pending = ""  # a zero-width grapheme that starts a segment joins the next
            for start, stop, cells in spans:
                grapheme = pending + text[start:stop]
                if cells == 0:
                    pending = grapheme
                    continue
                pending = ""
                if x + cells <= width:
                    row[x] = (grapheme, key)
                    for extra in range(1, cells):
                        row[x + extra] = ("", key)
                x += cells
            if pending and 0 < x <= width and (last := row[x - 1]) is not None:
                row[x - 1] = (last[0] + pending, last[1])
        if 0 <= x < width and _is_tail(row[x]):
            row[x] = None  # the second half of a wide character whose first was overwritten

    # --- writing what changed -------------------------------------------------------------------

    def _send_row(self, out: list[str], y: int, new: Row, attributes: str) -> str:
        old = self._rows[y]
        self._rows[y] = new
        if new == old:
            return attributes
        width = len(new)
        x = 0
        while x < width:
            if new[x] is None or new[x] == old[x]:
                x += 1
                continue
            start = x
            while start > 0 and _is_tail(new[start]):
                start -= 1  # the second cell of a wide character: write the character
            end = x + 1
            while (
                end < width
                and new[end] is not None
                and (new[end] != old[end] or _is_tail(new[end]))
            ):
                end += 1
            out.append(self._move(start, y))
            attributes = self._send_cells(out, new[start:end], attributes)
            self._cursor = (end, y) if self._cursor is not None and end < width else None
            x = end
        return attributes

    def _send_cells(self, out: list[str], cells: Sequence[Cell | None], attributes: str) -> str:
        """Write a run of known cells. The cursor stays trusted only after plain ASCII."""
        trusted = True
        for cell in cells:
            assert cell is not None  # a run holds only painted cells
            text, key = cell
            if "\x00" in key:  # a link: written as Textual writes it, ending reset
                if attributes:
                    out.append(_RESET)
                    attributes = ""
                out.append(Strip.render_style(self._links[key], text, self._color_system))
                trusted = False
                continue
            if key != attributes:
                out.append(f"\x1b[0;{key}m" if attributes and key else f"\x1b[{key or 0}m")
                attributes = key
            out.append(text)
            if trusted and not _plain(text):
                trusted = False
        if not trusted:
            self._cursor = None
        return attributes

    def _move(self, x: int, y: int) -> str:
        """The shortest way there from where the cursor is known to be (absolute otherwise)."""
        here = self._cursor
        self._cursor = (x, y)
        if here == (x, y):
            return ""
        if here is not None and here[1] == y:
            step = x - here[0]
            if step > 0:
                return f"\x1b[{step}C" if step > 1 else "\x1b[C"
            return f"\x1b[{-step}D" if step < -1 else "\x1b[D"
        return f"\x1b[{y + 1};{x + 1}H"


def send_changes(app: App[Any], image: TerminalImage, renderable: RenderableType | None) -> bool:
    """Write what ``renderable`` changes on the terminal, as ``App._display`` would write all
    of it; False when Textual should write it itself (not a frame of a full-screen app in a
    terminal, or nothing to write now)."""
    driver = app._driver
    if renderable is not None and not isinstance(renderable, (LayoutUpdate, ChopsUpdate)):
        # Textual writes anything else its own way, past the image: after it, what the
        # terminal shows is no longer known.
        image.forget()
        return False
    if (
        renderable is None
        or driver is None
        or driver.is_inline
        or app.is_headless
        or app._batch_count
        or not app._running
        or app._closed
    ):
        return False
    try:
        sequence = image.render(
            renderable,
            app.size,
            app.screen.outer_size.clamp_offset(app.cursor_position),
            app.console._color_system or ColorSystem.TRUECOLOR,
        )
    except Exception:  # never a broken screen: forget what is shown, let Textual write it all
        image.forget()
        return False
    if sequence:
        app._begin_update()
        try:
            driver.write(sequence)
        finally:
            app._end_update()
        driver.flush()
    app.post_display_hook()
    return True


def _plain(text: str) -> bool:
    """Printable ASCII: one character, one cell, in every terminal."""
    return text.isascii() and text.isprintable()


def _is_tail(cell: Cell | None) -> bool:
    return cell is not None and cell[0] == ""


def _writes(update: LayoutUpdate | ChopsUpdate) -> Iterable[tuple[int, int, Strip]]:
    """Each strip Textual would write for ``update``, and where: the same choices as
    ``LayoutUpdate.render_segments`` and ``ChopsUpdate.render_segments``."""
    if isinstance(update, LayoutUpdate):
        for y, line in enumerate(update.strips, update.region.y):
            x = update.region.x
            for whole in line:
                yield y, x, whole
                x += whole.cell_length
        return
    chops: Sequence[Mapping[int, Strip | None]] = update.chops
    for y, x1, x2 in update.spans:
        for end, (x, strip) in zip(update.chop_ends[y], chops[y].items(), strict=False):
            if strip is None or x > x2 or end <= x1:
                continue
            if x2 > x >= x1 and end <= x2:
                yield y, x, strip
            else:
                yield y, x, strip.crop(0, min(end, x2) - x)
