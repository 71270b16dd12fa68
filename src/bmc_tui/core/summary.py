"""``bmc-tui show --summary``: per block, how many items are in each status.

The canvas's evidence at a glance, as a plain table that reads the same in a terminal, a CI
log or a file: no colour, no box lines, columns padded with spaces, one row per block in the
catalogue's order and a total row. The statuses and their words come from the catalogue, the
block headings from :mod:`bmc_tui.core.presentation`. Headless.
"""

from __future__ import annotations

from rich.cells import cell_len

from bmc_tui.core.catalogue import BLOCKS, STATUSES, Language
from bmc_tui.core.messages import say
from bmc_tui.core.model import Canvas
from bmc_tui.core.presentation import block_heading, without_explanation
from bmc_tui.core.textsafe import displayable


def summary_rows(canvas: Canvas, language: Language) -> list[list[str]]:
    """The table as rows of cells: a heading row, a row per block, the total row."""
    rows = [
        [
            say("summary-block", language),
            *(status.label(language) for status in STATUSES),
            say("summary-total", language),
        ]
    ]
    for block in BLOCKS:
        counts = canvas.status_counts(block.id)
        rows.append(
            [
                # The heading without its bracketed explanation: a table column, not a page.
                without_explanation(block_heading(block, language)),
                *(str(counts[status.id]) for status in STATUSES),
                str(sum(counts.values())),
            ]
        )
    totals = canvas.status_counts()
    rows.append(
        [
            say("summary-total", language),
            *(str(totals[status.id]) for status in STATUSES),
            str(sum(totals.values())),
        ]
    )
    return rows


def summary_table(canvas: Canvas, language: Language) -> str:
    """The table as text: the first column left-aligned, the counts right-aligned."""
    rows = summary_rows(canvas, language)
    widths = [max(cell_len(row[column]) for row in rows) for column in range(len(rows[0]))]
    lines = []
    for row in rows:
        first = row[0] + " " * (widths[0] - cell_len(row[0]))
        rest = [
            " " * (width - cell_len(cell)) + cell
            for cell, width in zip(row[1:], widths[1:], strict=True)
        ]
        lines.append(displayable("  ".join([first, *rest])).rstrip())
    return "\n".join(lines) + "\n"
