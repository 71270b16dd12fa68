"""Export a canvas as Markdown, a printable HTML poster, or JSON.

Each format is a pure function from a canvas to text, so the CLI, the editor and the tests
all get the same bytes. The block order, numbers, titles and the poster's grid all come from
the catalogue; nothing here names a block.

User text is never trusted to be inert: it passes through :func:`bmc_tui.core.textsafe.displayable`
and then the escaping of the target format (``html.escape`` for HTML, backslash escapes for
Markdown), so an item reading ``<script>`` or ``[x](javascript:...)`` stays text. Headings,
markers, labels and the Markdown escaper come from :mod:`bmc_tui.core.presentation`, which
the editor and ``show`` read too. Headless: imports nothing from Textual.

The SVG picture is ``bmc-tui show``'s grid, drawn by :mod:`bmc_tui.core.show` and written
as SVG by :mod:`bmc_tui.core.svg`, so it is only dispatched from here.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import math
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from bmc_tui.core.catalogue import (
    ATTRIBUTION,
    BLOCKS,
    GRID_COLUMNS,
    STATUSES,
    Block,
    BlockId,
    Language,
    Text,
)
from bmc_tui.core.interface_language import default_language
from bmc_tui.core.messages import say
from bmc_tui.core.model import Canvas, Item
from bmc_tui.core.presentation import (
    block_heading,
    canvas_title,
    category_label,
    guide_lead,
    header_fields,
    markdown_escape,
    row_heights,
    segment_mark,
    shows_status,
    status_counts_text,
    status_label,
    tag_label,
)
from bmc_tui.core.storage import (
    CanvasError,
    names_a_stream,
    write_file,
)
from bmc_tui.core.textsafe import displayable

ExportFormat = Literal["md", "html", "json", "svg"]
FORMATS: tuple[ExportFormat, ...] = ("md", "html", "json", "svg")
#: File suffixes that name a format, for ``export -o poster.html`` without ``--format``.
SUFFIXES: dict[str, ExportFormat] = {
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".svg": "svg",
}
#: How wide (in terminal columns) the SVG picture draws the canvas: the grid at a width
#: where every title and most labels fit whole.
SVG_WIDTH = 160

EMPTY_BLOCK = Text("(tom)", "(empty)")
TOO_FULL = Text(
    "Nogle felter rummer mere, end der er plads til på én side; eksportér som Markdown for "
    "at se det hele.",
    "Some blocks hold more than fits on one page; export as Markdown to see everything.",
)


def item_category(
    block: Block, item: Item, language: Language, width: int | None = None
) -> str | None:
    """The item's category in the words ``width`` allows (see
    :func:`presentation.category_label`); ``None`` for an item without one."""
    if item.category is None:
        return None
    return category_label(block, item.category, language, width)


def _segment_position(block: Block, item: Item, segments: Mapping[str, int]) -> int | None:
    """The position of the segment a customer segment's item stands for (its first segment
    tag), so the item carries the segment's mark as in the editor; ``None`` elsewhere."""
    if block.id != BlockId.CUSTOMER_SEGMENTS:
        return None
    return next((segments[tag] for tag in item.tags if tag in segments), None)


def note_text(item: Item) -> str:
    """The note, safe and without trailing blank lines; empty when there is no real note."""
    return displayable(item.note, keep_newlines=True).strip("\n").rstrip() if item.has_note else ""


# --- Markdown --------------------------------------------------------------------------------


def _markdown_item(
    block: Block,
    item: Item,
    language: Language,
    segments: Mapping[str, int],
    *,
    show_status: bool = False,
) -> list[str]:
    position = _segment_position(block, item, segments)
    mark = "" if position is None else f"{segment_mark(position).glyph} "
    line = f"- {mark}{markdown_escape(displayable(item.text))}"
    category = item_category(block, item, language)
    if category:
        line += f" _({markdown_escape(category, line_start=False)})_"
    if show_status:
        line += f" **{markdown_escape(status_label(item.status, language), line_start=False)}**"
    if item.tags:
        # Tags match [\w.+-]+ (the model checks), so a code span holds them without escaping.
        line += " " + " ".join(f"`{tag_label(tag, segments)}`" for tag in item.tags)
    lines = [line]
    note = note_text(item)
    if note:
        # Indented under the bullet, a blank line before: a paragraph of the same list item.
        # A trailing backslash is a hard line break, so the note keeps its line ends.
        for paragraph in re.split(r"\n\s*\n", note):
            rows = [markdown_escape(row.strip()) for row in paragraph.split("\n") if row.strip()]
            lines.append("")
            lines.append("  " + "\\\n  ".join(rows))
    return lines


def to_markdown(canvas: Canvas, language: Language) -> str:
    """The canvas as a Markdown document: header, then one section per block, in order."""
    header = canvas.header
    out = [f"# {markdown_escape(canvas_title(header, language))}", ""]
    fields = header_fields(header, language)
    if fields:
        out += [
            f"- **{label}:** {markdown_escape(value, line_start=False)}" for label, value in fields
        ]
        out.append("")
    description = displayable(header.description, keep_newlines=True).strip()
    if description:
        for paragraph in re.split(r"\n\s*\n", description):
            rows = [markdown_escape(row.strip()) for row in paragraph.split("\n") if row.strip()]
            out += ["\\\n".join(rows), ""]
    segments = canvas.segment_tags()
    show_status = shows_status(canvas)
    if show_status:
        out += [markdown_escape(status_counts_text(canvas.status_counts(), language)), ""]
    for block in BLOCKS:
        out += [f"## {markdown_escape(block_heading(block, language))}", ""]
        items = canvas.items(block.id)
        if not items:
            out += [f"_{EMPTY_BLOCK(language)}_", ""]
            continue
        for item in items:
            out += _markdown_item(block, item, language, segments, show_status=show_status)
        out.append("")
    out += ["---", "", f"_{markdown_escape(ATTRIBUTION(language))}_", ""]
    return "\n".join(out)


# --- JSON ------------------------------------------------------------------------------------


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")  # pragma: no cover


def to_json(canvas: Canvas) -> str:
    """The canvas as the file's own data, in the file's order: reads back to the same canvas.

    Keys keep the canonical file order instead of being sorted, which is just as
    deterministic and reads like the TOML file.
    """
    data = canvas.to_file_data()
    return json.dumps(data, ensure_ascii=False, indent=2, default=_json_default) + "\n"


# --- HTML poster -----------------------------------------------------------------------------


#: The printable area of A4 landscape with 8 mm margins, in millimetres.
_PAGE_WIDTH_MM = 297 - 2 * 8
_PAGE_HEIGHT_MM = 210 - 2 * 8
#: How spare height is shared between the grid rows: the bottom row is lower, as on the
#: printed canvas.
_ROW_WEIGHTS = (1.0, 1.0, 0.8)
_PT_TO_MM = 0.3528
#: The poster's font size when nothing forces it smaller.
_POSTER_FONT_PT = 9.0
_FONT_SIZES_PT = (_POSTER_FONT_PT, 8.5, 8.0, 7.5, 7.0, 6.5, 6.0, 5.5, 5.0)
#: Average width of a character in em, wrapping losses included: pessimistic on purpose,
#: since a block that overflows is cut off on paper.
_CHAR_EM = 0.56
_LINE_EM = 1.25


def _text_lines(length: int, width_mm: float, font_pt: float) -> int:
    per_line = max(1, int(width_mm / (_CHAR_EM * font_pt * _PT_TO_MM)))
    return max(1, math.ceil(length / per_line))


def poster_columns(block: Block, font_pt: float = _POSTER_FONT_PT) -> int:
    """About how many characters a line of ``block``'s box holds on the poster: its room,
    in the units :func:`presentation.category_label` measures columns in."""
    width = _PAGE_WIDTH_MM * block.place.column_span / GRID_COLUMNS - 4.6
    return max(1, int(width / (_CHAR_EM * font_pt * _PT_TO_MM)))


def _block_need_mm(
    block: Block, canvas: Canvas, language: Language, font_pt: float, show_status: bool
) -> float:
    """Estimated height of a block's box at this font size, in millimetres.

    A guess, not a layout engine; it mirrors the poster's CSS (heading 1.15 em, question
    and notes 0.85 em, notes clamped to three lines, list indent 1.1 em).
    """
    em = font_pt * _PT_TO_MM
    width = _PAGE_WIDTH_MM * block.place.column_span / GRID_COLUMNS - 4.6
    height = 3.8  # padding and borders
    heading = len(block_heading(block, language)) + 2
    height += _text_lines(heading, width / 1.15, font_pt) * 1.15 * em * _LINE_EM
    question = guide_lead(block, language)
    if question:
        height += _text_lines(len(question), width / 0.85, font_pt) * 0.85 * em * _LINE_EM + 1.7
    list_width = width - 1.1 * em
    for item in canvas.items(block.id):
        category = item_category(block, item, language, poster_columns(block, font_pt)) or ""
        length = len(item.text) + round(0.85 * (len(category) + 1))
        if show_status:
            length += round(0.8 * (len(status_label(item.status, language)) + 1))
        length += sum(round(0.8 * (len(tag) + 4)) for tag in item.tags)
        height += _text_lines(length, list_width, font_pt) * em * _LINE_EM + 0.8
        note = note_text(item)
        if note:
            lines = sum(
                _text_lines(len(row), list_width / 0.85, font_pt) for row in note.split("\n")
            )
            height += min(3, lines) * 0.85 * em * _LINE_EM + 0.3
    return height


def _chrome_mm(canvas: Canvas, language: Language, show_status: bool) -> float:
    """Height of everything on the page but the grid: title, meta line, description, credit."""
    height = 16 * 1.1 * _PT_TO_MM + 2 * 2 + 1.2  # title, gaps, the grid's outer border
    if header_fields(canvas.header, language):
        height += 1 + 8.5 * _LINE_EM * _PT_TO_MM
    description = displayable(canvas.header.description, keep_newlines=True).strip()
    if description:
        rows = description.split("\n")
        lines = sum(_text_lines(len(row), _PAGE_WIDTH_MM, 8) for row in rows)
        height += 1 + lines * 8 * _LINE_EM * _PT_TO_MM
    if show_status:
        height += 1 + 8 * _LINE_EM * _PT_TO_MM  # the status counts, one line
    height += 7 * _LINE_EM * _PT_TO_MM  # attribution
    return height


def poster_layout(canvas: Canvas, language: Language) -> tuple[float, list[float], bool]:
    """The largest font size (pt) at which every block fits, the grid rows' heights (mm),
    and whether everything fits even so.

    Rows get what their blocks need at that size; what is left of the page is shared out by
    :data:`_ROW_WEIGHTS`, so a sparse canvas still looks like the canvas. A canvas too full
    for the smallest size gets it anyway (and is cut off on paper, with a warning).
    """
    # Asked once: it looks at every item, and the layout tries up to nine sizes.
    show_status = shows_status(canvas)
    available = _PAGE_HEIGHT_MM - _chrome_mm(canvas, language, show_status)
    for font in _FONT_SIZES_PT:
        needs = {
            block: math.ceil(10 * _block_need_mm(block, canvas, language, font, show_status))
            for block in BLOCKS
        }
        heights = [tenths / 10 for _, tenths in sorted(row_heights(needs).items())]
        spare = available - sum(heights)
        if spare >= 0 or font == _FONT_SIZES_PT[-1]:
            weights = [_ROW_WEIGHTS[row % len(_ROW_WEIGHTS)] for row in range(len(heights))]
            # Spare room goes first to rows below their share, so proportions stay canvas-like.
            target = [available * weight / sum(weights) for weight in weights]
            heights = _fill_towards(heights, target, max(spare, 0))
            return font, heights, spare >= 0
    raise AssertionError("unreachable")  # pragma: no cover


def _fill_towards(heights: list[float], target: list[float], spare: float) -> list[float]:
    """Share ``spare`` out so that rows approach ``target`` heights, never shrinking a row."""
    heights = list(heights)
    while spare > 1e-6:
        short = [row for row, height in enumerate(heights) if target[row] - height > 1e-6]
        if not short:
            share = spare / len(heights)
            return [height + share for height in heights]
        gap = min(target[row] - heights[row] for row in short)
        step = min(gap, spare / len(short))
        for row in short:
            heights[row] += step
        spare -= step * len(short)
    return heights


_CSS = """\
@page { size: A4 landscape; margin: 8mm; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body {
  background: #e8e8e8; color: #1d1d1f;
  font-family: "Helvetica Neue", Helvetica, Arial, "Liberation Sans", sans-serif;
  -webkit-print-color-adjust: exact; print-color-adjust: exact;
}
.poster {
  width: %(width)smm; height: %(height)smm; margin: 8mm auto; padding: 0;
  display: flex; flex-direction: column; gap: 2mm;
  background: #fff; box-shadow: 0 0 0 8mm #fff, 0 2px 16px 8mm rgba(0, 0, 0, .15);
  font-size: %(font)spt; line-height: 1.25; overflow: hidden;
}
.head { display: flex; flex-wrap: wrap; align-items: baseline; gap: 1mm 6mm; }
.head h1 { margin: 0; font-size: 16pt; line-height: 1.1; }
.meta { display: flex; flex-wrap: wrap; gap: 0 5mm; margin: 0; font-size: 8.5pt; }
.meta div { display: flex; gap: 1.5mm; }
.meta dt { color: #6b6b70; }
.meta dd { margin: 0; font-weight: 600; }
.description { flex-basis: 100%%; margin: 0; font-size: 8pt; color: #444; white-space: pre-line; }
.canvas {
  flex: 1 1 auto; min-height: 0; display: grid; gap: 0;
  grid-template-columns: repeat(%(columns)s, minmax(0, 1fr));
  grid-template-rows: %(rows)s;
  border: 0.6mm solid #1d1d1f;
}
.block {
  min-width: 0; min-height: 0; overflow: hidden; padding: 1.6mm 2mm;
  border: 0.3mm solid #1d1d1f; overflow-wrap: anywhere; break-inside: avoid;
}
.block h2 { margin: 0; font-size: 1.15em; display: flex; gap: 1.5mm; align-items: baseline; }
.block h2 .number {
  display: inline-block; min-width: 1.5em; text-align: center; border-radius: 1em;
  background: #1d1d1f; color: #fff; font-size: .85em; padding: 0 .3em;
}
.question { margin: .5mm 0 1.2mm; color: #77777c; font-style: italic; font-size: .85em; }
.block ul { margin: 0; padding-left: 1.1em; }
.block li { margin: 0 0 .8mm; }
.category { color: #6b6b70; font-size: .85em; }
.tag {
  display: inline-block; font-size: .8em; padding: 0 .35em; border-radius: .6em;
  background: #efeff2; color: #333;
}
.note {
  margin: .3mm 0 0; color: #555; font-size: .85em; white-space: pre-line;
  display: -webkit-box; -webkit-line-clamp: 3; line-clamp: 3; -webkit-box-orient: vertical;
  overflow: hidden;
}
.attribution { margin: 0; font-size: 7pt; color: #6b6b70; }
.overflow { margin: 0; font-size: 7pt; color: #b42318; font-weight: 600; }
@media screen { .block { overflow: auto; } }
@media print {
  body { background: none; }
  .poster { margin: 0; box-shadow: none; }
}
"""


def _segment_css(segments: Mapping[str, int]) -> str:
    """A tint per customer segment, the colour the editor and ``show`` give it."""
    return "".join(
        f".tag.segment-{position} {{ background: {segment_mark(position).tint}; }}\n"
        for position in sorted(set(segments.values()))
    )


def _place_css() -> str:
    """One rule per block putting it in its grid cell, straight from the catalogue."""
    rules = []
    for block in BLOCKS:
        place = block.place
        rules.append(
            f".block-{block.id.value} {{ grid-column: {place.column + 1} / span "
            f"{place.column_span}; grid-row: {place.row + 1} / span {place.row_span}; }}"
        )
    return "\n".join(rules) + "\n"


def _status_css() -> str:
    """A colour per status, the catalogue's, for a canvas that shows statuses."""
    return ".status { font-size: .8em; font-weight: 600; white-space: nowrap; }\n" + "".join(
        f".status-{status.id.value} {{ color: {status.hex_colour}; }}\n" for status in STATUSES
    )


def _html_item(
    block: Block,
    item: Item,
    language: Language,
    segments: Mapping[str, int],
    font: float,
    *,
    show_status: bool = False,
) -> str:
    esc = html.escape
    parts = []
    if show_status:
        label = esc(status_label(item.status, language))
        parts.append(f'<span class="status status-{item.status}">{label}</span>')
    position = _segment_position(block, item, segments)
    if position is not None:
        parts.append(f'<span class="tag segment-{position}">{segment_mark(position).glyph}</span>')
    parts.append(f'<span class="text">{esc(displayable(item.text))}</span>')
    category = item_category(block, item, language, poster_columns(block, font))
    if category:
        parts.append(f'<span class="category">{esc(category)}</span>')
    for tag in item.tags:
        segment = segments.get(tag)
        css = "tag" if segment is None else f"tag segment-{segment}"
        parts.append(f'<span class="{css}">{esc(tag_label(tag, segments))}</span>')
    note = note_text(item)
    if note:
        parts.append(f'<p class="note">{esc(note)}</p>')
    return "<li>" + " ".join(parts) + "</li>"


def to_html(canvas: Canvas, language: Language) -> str:
    """The canvas as one self-contained HTML page that prints as an A4 landscape poster.

    No scripts, fonts, images or links to load: the page opens offline and from an e-mail
    attachment exactly as it printed.
    """
    esc = html.escape
    header = canvas.header
    title = canvas_title(header, language)
    font, heights, fits = poster_layout(canvas, language)
    rows = " ".join(f"minmax(0, {height:.1f}fr)" for height in heights)
    css = _CSS % {
        "width": _PAGE_WIDTH_MM,
        "height": _PAGE_HEIGHT_MM,
        "font": font,
        "columns": GRID_COLUMNS,
        "rows": rows,
    }
    segments = canvas.segment_tags()
    show_status = shows_status(canvas)
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{esc(language)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(title)}</title>",
        "<style>",
        css
        + _segment_css(segments)
        + (_status_css() if show_status else "")
        + _place_css()
        + "</style>",
        "</head>",
        "<body>",
        '<main class="poster">',
        '<header class="head">',
        f"<h1>{esc(title)}</h1>",
    ]
    fields = header_fields(header, language)
    if fields:
        out.append('<dl class="meta">')
        out += [f"<div><dt>{esc(label)}</dt><dd>{esc(value)}</dd></div>" for label, value in fields]
        out.append("</dl>")
    description = displayable(header.description, keep_newlines=True).strip()
    if description:
        out.append(f'<p class="description">{esc(description)}</p>')
    if show_status:
        counts = status_counts_text(canvas.status_counts(), language)
        out.append(f'<p class="description">{esc(counts)}</p>')
    out += ["</header>", '<div class="canvas">']
    for block in BLOCKS:
        out.append(f'<section class="block block-{block.id.value}">')
        out.append(
            f'<h2><span class="number">{block.number}</span> '
            f"<span>{esc(block.title(language))}</span></h2>"
        )
        question = guide_lead(block, language)
        if question:
            out.append(f'<p class="question">{esc(question)}</p>')
        items = canvas.items(block.id)
        if items:
            out.append("<ul>")
            out += [
                _html_item(block, item, language, segments, font, show_status=show_status)
                for item in items
            ]
            out.append("</ul>")
        out.append("</section>")
    out += [
        "</div>",
        *([f'<p class="overflow">{esc(TOO_FULL(language))}</p>'] if not fits else []),
        f'<p class="attribution">{esc(ATTRIBUTION(language))}</p>',
        "</main>",
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(out)


def render(canvas: Canvas, format: ExportFormat, language: Language) -> str:
    """The canvas in ``format``; ``language`` picks the titles and labels (not used by JSON)."""
    if format == "md":
        return to_markdown(canvas, language)
    if format == "html":
        return to_html(canvas, language)
    if format == "svg":
        # The picture is show's grid: made where the grid is drawn.
        from bmc_tui.core.show import canvas_svg

        return canvas_svg(canvas, language, width=SVG_WIDTH)
    return to_json(canvas)


class UnknownFormat(ValueError):
    """The output's suffix names no format export can write (``poster.pdf``)."""

    def __init__(self, suffix: str, language: Language) -> None:
        super().__init__(say("export-unknown-suffix", language, suffix=suffix, formats=_formats()))


def _formats() -> str:
    return ", ".join(f".{format}" for format in FORMATS)


def choose_format(
    requested: str | None, output: Path | None, language: Language = "en"
) -> ExportFormat:
    """The format asked for; else the one the output's suffix names (``poster.html``); else md.

    A suffix that names no format we write (``poster.pdf``) raises :class:`UnknownFormat`
    rather than putting Markdown in a file that claims to be something else; a name without
    a suffix gets Markdown.
    """
    for candidate in FORMATS:
        if requested == candidate:
            return candidate
    if requested is not None:
        raise ValueError(f"unknown export format {requested!r}")
    if output is None or not output.suffix:
        return "md"
    suffix = output.suffix.lower()
    if suffix not in SUFFIXES:
        raise UnknownFormat(output.suffix, language)
    return SUFFIXES[suffix]


def write_export(text: str, output: Path, *, source: Path) -> None:
    """Write an export to ``output`` atomically: the whole file appears, or nothing changes.

    Raises ``CanvasError`` (one line, fit for a user) when the target cannot be written, and
    refuses to write over the canvas being exported: ``-o`` naming the input by mistake would
    otherwise replace a canvas with its own export.
    """
    target = Path(os.path.realpath(output))
    if not names_a_stream(output):
        if target == Path(os.path.realpath(source)):
            raise CanvasError.single(output, say("export-onto-source", default_language()))
        if target.is_dir():
            raise CanvasError.single(output, say("export-is-folder", default_language()))
    write_file(output, text.encode("utf-8"))
