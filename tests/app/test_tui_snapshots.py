"""What the editor looks like: SVG snapshots of the main screens at the sizes users have.

Regenerate with ``pytest tests/app/test_tui_snapshots.py --snapshot-update`` and look at every
changed SVG before committing it. Nothing on these screens depends on the clock: the examples
carry their own date, item ids are never shown, and editors do not blink.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from bmc_tui.core.locking import acquire
from bmc_tui.tui.app import create_app

SnapCompare = Callable[..., bool]
SIZES = [(80, 24), (120, 40), (200, 60)]


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_english_example(snap_compare: SnapCompare, en_canvas: Path, size: tuple[int, int]) -> None:
    assert snap_compare(create_app(en_canvas), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_danish_example(snap_compare: SnapCompare, da_canvas: Path, size: tuple[int, int]) -> None:
    assert snap_compare(create_app(da_canvas), terminal_size=size)


def test_empty_untitled_canvas(snap_compare: SnapCompare, workdir: Path) -> None:
    assert snap_compare(create_app(None), terminal_size=(120, 40))


def test_zoomed_block(snap_compare: SnapCompare, en_canvas: Path) -> None:
    assert snap_compare(create_app(en_canvas), terminal_size=(120, 40), press=["1", "z"])


def test_help_screen(snap_compare: SnapCompare, en_canvas: Path) -> None:
    assert snap_compare(create_app(en_canvas), terminal_size=(120, 40), press=["question_mark"])


def test_header_dialog(snap_compare: SnapCompare, en_canvas: Path) -> None:
    assert snap_compare(create_app(en_canvas), terminal_size=(80, 24), press=["i"])


def test_quit_with_unsaved_changes(snap_compare: SnapCompare, en_canvas: Path) -> None:
    # A reorder, not a delete: a delete shows a notification that times out (not stable).
    assert snap_compare(create_app(en_canvas), terminal_size=(80, 24), press=["8", "J", "q"])


def test_terminal_too_small(snap_compare: SnapCompare, en_canvas: Path) -> None:
    async def settle(pilot: Pilot[Any]) -> None:
        await pilot.pause()

    assert snap_compare(create_app(en_canvas), terminal_size=(50, 15), run_before=settle)


# --- the key bar in its states (issue 13): what has the focus, and only keys that work ------


def test_key_bar_on_the_canvas_at_the_smallest_size(
    snap_compare: SnapCompare, en_canvas: Path
) -> None:
    # The least wanted keys give way first; help and quit stay at the right end.
    assert snap_compare(create_app(en_canvas), terminal_size=(60, 18))


def test_key_bar_with_a_dialog_open(snap_compare: SnapCompare, en_canvas: Path) -> None:
    # The tags dialog's own keys, not the canvas's under it.
    assert snap_compare(create_app(en_canvas), terminal_size=(80, 24), press=["2", "t"])


def test_key_bar_read_only(snap_compare: SnapCompare, en_canvas: Path) -> None:
    # Another editor holds the canvas; opened read-only, the bar offers no editing key.
    other = acquire(en_canvas)
    try:
        assert snap_compare(create_app(en_canvas), terminal_size=(80, 24), press=["r"])
    finally:
        other.release()  # type: ignore[union-attr]


def test_key_bar_while_filtering(snap_compare: SnapCompare, en_canvas: Path) -> None:
    # The filter bar has the focus: its own keys (enter, escape), the count in the header,
    # the matches marked with » and underlined, the rest dimmed.
    keys = ["slash", *"bread"]
    assert snap_compare(create_app(en_canvas), terminal_size=(80, 24), press=keys)


# --- the guided session (issue 14) ------------------------------------------------------------


def test_guide_at_revenue_streams(snap_compare: SnapCompare, en_canvas: Path) -> None:
    # Twelve questions on: Revenue Streams, with the segments to build on and their tags.
    keys = ["G", *["tab"] * 12]
    assert snap_compare(create_app(en_canvas), terminal_size=(80, 24), press=keys)
