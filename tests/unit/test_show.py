"""``show``'s boxes drawn line by line give exactly what Rich's own line splitter gives."""

from __future__ import annotations

import io

import pytest
from rich.console import Console
from rich.text import Text

from bmc_tui.core.catalogue import BLOCKS
from bmc_tui.core.show import BlockBox, Bullets, block_body


def _console(width: int) -> Console:
    return Console(file=io.StringIO(), width=width, force_terminal=True, color_system="truecolor")


@pytest.mark.parametrize("width", [3, 12, 23, 40])
def test_bullets_lines_are_what_rich_splits_out_of_the_stream(width: int) -> None:
    bullets = Bullets(
        [
            Text("• A short one"),
            Text("• Kvalitetssikringsmedarbejderuddannelse i hele landet", style="italic"),
            Text("• A line\nkept in the text, and more words after it"),
            Text("• " + "wide 語 " * 9),
        ],
        "da",
    )
    console = _console(width)
    options = console.options.update(width=width, height=None)
    expected = console.render_lines(bullets, options, pad=True)
    assert list(bullets.lines(console, width)) == expected
    assert bullets.height(width) == len(bullets.wrapped(width))


@pytest.mark.parametrize(("width", "height"), [(30, None), (30, 40), (9, 12)])
def test_a_box_drawn_line_by_line_fills_its_width_and_height(
    example_canvas_for_show: object, width: int, height: int | None
) -> None:
    from bmc_tui.core.model import Canvas

    canvas = example_canvas_for_show
    assert isinstance(canvas, Canvas)
    console = _console(width)
    for block in BLOCKS:
        body = block_body(block, canvas, "en", canvas.segment_tags(), width - 4)
        box = BlockBox(block.title.en, body, tight=width < 20, height=height)
        options = console.options.update(width=width, height=height)
        lines = box.lines(console, options)
        assert lines == console.render_lines(box, options, pad=True)
        assert all(sum(segment.cell_length for segment in line) == width for line in lines)
        if height is not None:
            assert len(lines) == height


@pytest.fixture
def example_canvas_for_show() -> object:
    from bmc_tui.core.storage import load

    return load("canvases/example-en.toml")
