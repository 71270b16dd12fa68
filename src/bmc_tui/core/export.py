"""Export a canvas as Markdown, a printable HTML poster, or JSON.

Each format is a pure function from a canvas to text, so the CLI, the editor and the tests
all get the same bytes. The block order, numbers, titles and the poster's grid all come from
the catalogue; nothing here names a block.

User text is never trusted to be inert: it passes through :func:`bmc_tui.core.textsafe.displayable`
and then the escaping of the target format (``html.escape`` for HTML, backslash escapes for
Markdown), so an item reading ``<script>`` or ``[x](javascript:...)`` stays text. Headless:
imports nothing from Textual (nor Rich).
"""

from __future__ import annotations

import datetime as dt
import html
import json
import math
import os
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Literal

from bmc_tui.core.catalogue import (
    ATTRIBUTION,
    BLOCKS,
    GRID_COLUMNS,
    Block,
    Language,
    Text,
)
from bmc_tui.core.model import Canvas, Header, Item
from bmc_tui.core.storage import CanvasError, names_a_stream, write_file
from bmc_tui.core.textsafe import displayable

ExportFormat = Literal["md", "html", "json"]
FORMATS: tuple[ExportFormat, ...] = ("md", "html", "json")
#: File suffixes that name a format, for ``export -o poster.html`` without ``--format``.
SUFFIXES: dict[str, ExportFormat] = {
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
}

# --- words the exports share with `bmc-tui show` -------------------------------------------

DESIGNED_FOR = Text("Designet til", "Designed for")
DESIGNED_BY = Text("Designet af", "Designed by")
DATE = Text("Dato", "Date")
VERSION = Text("Version", "Version")
#: What a canvas without a title is called, so an export never starts with an empty heading.
UNTITLED = Text("Business Model Canvas", "Business Model Canvas")
EMPTY_BLOCK = Text("(tom)", "(empty)")
TOO_FULL = Text(
    "Nogle felter rummer mere, end der er plads til på én side; eksportér som Markdown for "
    "at se det hele.",
    "Some blocks hold more than fits on one page; export as Markdown to see everything.",
)


def header_fields(header: Header, language: Language) -> list[tuple[str, str]]:
    """The header's filled-in fields as (label, value) pairs, in the template's order.

    Values are made displayable here so no caller can forget to.
    """
    fields = [
        (DESIGNED_FOR, header.designed_for),
        (DESIGNED_BY, header.designed_by),
        (DATE, header.date.isoformat() if header.date else ""),
        (VERSION, header.version),
    ]
    return [(label(language), displayable(value)) for label, value in fields if value]


def canvas_title(header: Header, language: Language) -> str:
    return displayable(header.title) or UNTITLED(language)


def block_heading(block: Block, language: Language) -> str:
    """``"N Title"``: the number ties the block to the template a workshop prints."""
    return f"{block.number} {block.title(language)}"


def guiding_question(block: Block, language: Language) -> str:
    """The first thing the template asks of a block: its first question, else its intro.

    Key Activities asks no question, only describes itself; its intro is the prompt there.
    """
    if block.questions:
        return block.questions[0](language)
    if block.intro is not None:
        return block.intro(language)
    return ""


def category_label(
    block: Block, item: Item, language: Language, *, compact: bool = False
) -> str | None:
    """The item's category as the catalogue words it; the raw id if the catalogue lacks it.

    ``compact`` drops the label's explanation in brackets ("Value-driven (value creation
    and ...)" becomes "Value-driven"): on a grid it would repeat on every item of a block.
    """
    if item.category is None:
        return None
    category = block.category(item.category)
    if category is None:
        return displayable(item.category)
    label = category.label(language)
    if compact:
        label = re.sub(r"\s*\([^)]*\)$", "", label) or label
    return label


def note_text(item: Item) -> str:
    """The note, safe and without trailing blank lines; empty when there is no real note."""
    return displayable(item.note, keep_newlines=True).strip("\n").rstrip() if item.has_note else ""


# --- Markdown --------------------------------------------------------------------------------

# Characters that Markdown (CommonMark and GitHub's dialect) may read as markup anywhere in a
# line: emphasis, code, links and images, raw HTML, tables, strikethrough, closing ``#``s of a
# heading; and an ``&`` only where it would start an entity (``&lt;``), so "R&D" stays as is.
_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~#]|&(?=#?\w+;))")
# What turns a line into a quote, heading, list item, rule or setext underline when it starts
# a line (most of them only when followed by a space).
_MD_LINE_START = re.compile(r"^(\s*)(>|[#+\-=*]+(?=\s|$)|\d+[.)](?=\s|$))")


def markdown_escape(text: str, *, line_start: bool = True) -> str:
    """``text`` as Markdown that renders exactly as written: every markup character escaped.

    ``line_start`` says the text begins a line (or a list item), where ``- ``, ``1. `` or
    ``> `` would start a block; text after a label on the same line needs no such escape.
    """
    escaped = _MD_INLINE.sub(r"\\\1", text)
    if not line_start:
        return escaped
    return _MD_LINE_START.sub(lambda m: f"{m[1]}{_escape_marker(m[2])}", escaped)


def _escape_marker(marker: str) -> str:
    if marker[0].isdigit():
        return f"{marker[:-1]}\\{marker[-1]}"
    return f"\\{marker}"


def _markdown_item(block: Block, item: Item, language: Language) -> list[str]:
    line = f"- {markdown_escape(displayable(item.text))}"
    category = category_label(block, item, language)
    if category:
        line += f" _({markdown_escape(category, line_start=False)})_"
    if item.tags:
        # Tags match [\w.+-]+ (the model checks), so a code span holds them without escaping.
        line += " " + " ".join(f"`#{displayable(tag)}`" for tag in item.tags)
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
    for block in BLOCKS:
        out += [f"## {markdown_escape(block_heading(block, language))}", ""]
        items = canvas.items(block.id)
        if not items:
            out += [f"_{EMPTY_BLOCK(language)}_", ""]
            continue
        for item in items:
            out += _markdown_item(block, item, language)
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


def row_heights(needs: Mapping[Block, int]) -> dict[int, int]:
    """Heights per grid row such that every block gets at least what it ``needs``.

    Blocks one row tall set each row's minimum first; a block spanning rows that still falls
    short then has the shortfall shared out over the rows it spans. ``bmc-tui show`` uses
    this for terminal lines, the poster for tenths of a millimetre.
    """
    heights = dict.fromkeys(
        sorted({row for block in needs for row in _rows_of(block)}),
        0,
    )
    for block in sorted(needs, key=lambda b: b.place.row_span):
        rows = _rows_of(block)
        missing = needs[block] - sum(heights[row] for row in rows)
        if missing > 0:
            share, extra = divmod(missing, len(rows))
            for offset, row in enumerate(rows):
                heights[row] += share + (1 if offset < extra else 0)
    return heights


def _rows_of(block: Block) -> range:
    return range(block.place.row, block.place.row + block.place.row_span)


#: The printable area of A4 landscape with 8 mm margins, in millimetres.
_PAGE_WIDTH_MM = 297 - 2 * 8
_PAGE_HEIGHT_MM = 210 - 2 * 8
#: How spare height is shared between the grid rows: the bottom row is lower, as on the
#: printed canvas.
_ROW_WEIGHTS = (1.0, 1.0, 0.8)
_PT_TO_MM = 0.3528
_FONT_SIZES_PT = (9.0, 8.5, 8.0, 7.5, 7.0, 6.5, 6.0, 5.5, 5.0)
#: Average width of a character in em, wrapping losses included: pessimistic on purpose,
#: since a block that overflows is cut off on paper.
_CHAR_EM = 0.56
_LINE_EM = 1.25


def _text_lines(length: int, width_mm: float, font_pt: float) -> int:
    per_line = max(1, int(width_mm / (_CHAR_EM * font_pt * _PT_TO_MM)))
    return max(1, math.ceil(length / per_line))


def _block_need_mm(block: Block, canvas: Canvas, language: Language, font_pt: float) -> float:
    """Estimated height of a block's box at this font size, in millimetres.

    A guess, not a layout engine; it mirrors the poster's CSS (heading 1.15 em, question
    and notes 0.85 em, notes clamped to three lines, list indent 1.1 em).
    """
    em = font_pt * _PT_TO_MM
    width = _PAGE_WIDTH_MM * block.place.column_span / GRID_COLUMNS - 4.6
    height = 3.8  # padding and borders
    heading = len(block_heading(block, language)) + 2
    height += _text_lines(heading, width / 1.15, font_pt) * 1.15 * em * _LINE_EM
    question = guiding_question(block, language)
    if question:
        height += _text_lines(len(question), width / 0.85, font_pt) * 0.85 * em * _LINE_EM + 1.7
    list_width = width - 1.1 * em
    for item in canvas.items(block.id):
        category = category_label(block, item, language, compact=True) or ""
        length = len(item.text) + round(0.85 * (len(category) + 1))
        length += sum(round(0.8 * (len(tag) + 4)) for tag in item.tags)
        height += _text_lines(length, list_width, font_pt) * em * _LINE_EM + 0.8
        note = note_text(item)
        if note:
            lines = sum(
                _text_lines(len(row), list_width / 0.85, font_pt) for row in note.split("\n")
            )
            height += min(3, lines) * 0.85 * em * _LINE_EM + 0.3
    return height


def _chrome_mm(canvas: Canvas, language: Language) -> float:
    """Height of everything on the page but the grid: title, meta line, description, credit."""
    height = 16 * 1.1 * _PT_TO_MM + 2 * 2 + 1.2  # title, gaps, the grid's outer border
    if header_fields(canvas.header, language):
        height += 1 + 8.5 * _LINE_EM * _PT_TO_MM
    description = displayable(canvas.header.description, keep_newlines=True).strip()
    if description:
        rows = description.split("\n")
        lines = sum(_text_lines(len(row), _PAGE_WIDTH_MM, 8) for row in rows)
        height += 1 + lines * 8 * _LINE_EM * _PT_TO_MM
    height += 7 * _LINE_EM * _PT_TO_MM  # attribution
    return height


def poster_layout(canvas: Canvas, language: Language) -> tuple[float, list[float], bool]:
    """The largest font size (pt) at which every block fits, the grid rows' heights (mm),
    and whether everything fits even so.

    Rows get what their blocks need at that size; what is left of the page is shared out by
    :data:`_ROW_WEIGHTS`, so a sparse canvas still looks like the canvas. A canvas too full
    for the smallest size gets it anyway (and is cut off on paper, with a warning).
    """
    available = _PAGE_HEIGHT_MM - _chrome_mm(canvas, language)
    for font in _FONT_SIZES_PT:
        needs = {
            block: math.ceil(10 * _block_need_mm(block, canvas, language, font)) for block in BLOCKS
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
.tag.segment-0 { background: #dbeafe; } .tag.segment-1 { background: #dcfce7; }
.tag.segment-2 { background: #fef3c7; } .tag.segment-3 { background: #fce7f3; }
.tag.segment-4 { background: #ede9fe; } .tag.segment-5 { background: #ffedd5; }
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


def _html_item(
    block: Block, item: Item, language: Language, segment_of: Callable[[str], int | None]
) -> str:
    esc = html.escape
    parts = [f'<span class="text">{esc(displayable(item.text))}</span>']
    category = category_label(block, item, language, compact=True)
    if category:
        parts.append(f'<span class="category">{esc(category)}</span>')
    for tag in item.tags:
        segment = segment_of(tag)
        css = "tag" if segment is None else f"tag segment-{segment % 6}"
        parts.append(f'<span class="{css}">#{esc(displayable(tag))}</span>')
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
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{esc(language)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(title)}</title>",
        "<style>",
        css + _place_css() + "</style>",
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
    out += ["</header>", '<div class="canvas">']
    for block in BLOCKS:
        out.append(f'<section class="block block-{block.id.value}">')
        out.append(
            f'<h2><span class="number">{block.number}</span> '
            f"<span>{esc(block.title(language))}</span></h2>"
        )
        question = guiding_question(block, language)
        if question:
            out.append(f'<p class="question">{esc(question)}</p>')
        items = canvas.items(block.id)
        if items:
            out.append("<ul>")
            out += [_html_item(block, item, language, segments.get) for item in items]
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
    return to_json(canvas)


def choose_format(requested: str | None, output: Path | None) -> ExportFormat:
    """The format asked for; else the one the output's suffix names (``poster.html``); else md."""
    for candidate in FORMATS:
        if requested == candidate:
            return candidate
    if requested is not None:
        raise ValueError(f"unknown export format {requested!r}")
    if output is None:
        return "md"
    return SUFFIXES.get(output.suffix.lower(), "md")


def write_export(text: str, output: Path, *, source: Path) -> None:
    """Write an export to ``output`` atomically: the whole file appears, or nothing changes.

    Raises ``CanvasError`` (one line, fit for a user) when the target cannot be written, and
    refuses to write over the canvas being exported: ``-o`` naming the input by mistake would
    otherwise replace a canvas with its own export.
    """
    target = Path(os.path.realpath(output))
    if not names_a_stream(output):
        if target == Path(os.path.realpath(source)):
            raise CanvasError.single(output, "is the canvas being exported; not overwriting it")
        if target.is_dir():
            raise CanvasError.single(output, "is a folder; give a file name to write")
    write_file(output, text.encode("utf-8"))
