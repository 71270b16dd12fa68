"""The editor sends the terminal only the cells that changed (tui/terminal_image.py), and
the terminal shows exactly what it would have shown had every cell been sent.

Every frame of scripted sessions is written into two emulated terminals, Textual's whole
output and the changes only, and the screens compared cell by cell after each frame, in
every colour mode; random frames do the same for wide and combining characters, links and
half-overwritten wide characters; the real editor in a pty draws, after a session of moves,
typing, dialogs and resizes, the same screen as a fresh full repaint of it.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pyte
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pty_terminal import PtyTerminal, wait_until
from rich.color import ColorSystem
from rich.control import Control
from rich.segment import Segment
from rich.style import Style
from rich.text import Text as RichText
from screen_replay import NO_WRAP, VARIANTS, cells
from textual._compositor import LayoutUpdate
from textual.geometry import Offset, Region, Size
from textual.strip import Strip

from bmc_tui.tui.terminal_image import TerminalImage, send_changes
from conftest import EXAMPLE_EN

HERE = Path(__file__).resolve().parent

#: What a frame may send at most: the budgets of issue 15 (bytes per pane move, per typed
#: character), less the 16 bytes of synchronized-output markers a real terminal adds.
PANE_MOVE_BUDGET = 4000 - 16
TYPED_CHAR_BUDGET = 80 - 16


# --- scripted sessions, every frame compared ---------------------------------------------------

_replays: dict[str, dict[str, Any]] = {}


def replayed(variant: str, tmp_path: Path) -> dict[str, Any]:
    """The summary of ``screen_replay.py`` run in a fresh process for ``variant`` (Rich keeps
    each style's escape codes for the colour mode it was first drawn in)."""
    if variant not in _replays:
        canvas = tmp_path / "bakery.toml"
        shutil.copyfile(EXAMPLE_EN, canvas)
        env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state"), **VARIANTS[variant]}
        if "NO_COLOR" not in VARIANTS[variant]:
            env.pop("NO_COLOR", None)
        done = subprocess.run(
            [sys.executable, str(HERE / "screen_replay.py"), variant, str(canvas)],
            env=env,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        _replays[variant] = json.loads(done.stdout.strip().splitlines()[-1])
    return _replays[variant]


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_every_frame_of_a_session_leaves_the_screen_textual_would_leave(
    variant: str, tmp_path: Path
) -> None:
    summary = replayed(variant, tmp_path)
    assert summary["mismatches"] == []
    assert summary["frames"] >= 100  # moves, typing, dialogs, the palette, three resizes
    # And for far fewer bytes.
    assert summary["changes_bytes"] < summary["whole_bytes"] / 2


def test_a_pane_move_is_drawn_in_one_frame_within_the_budget(tmp_path: Path) -> None:
    steps = [
        frames
        for name, frames in replayed("256", tmp_path)["steps"]
        if name in ("pane l", "pane h")
    ]
    assert len(steps) >= 3
    for frames in steps:
        sent = [size for size in frames if size]
        # One frame changes the screen (a second one would settle a frame later), and it
        # sends less than the budget (Textual alone sent 9.6 KB: both panes whole).
        assert len(sent) == 1, frames
        assert sent[0] <= PANE_MOVE_BUDGET, frames


def test_a_typed_character_sends_no_more_than_it_changes(tmp_path: Path) -> None:
    steps = replayed("256", tmp_path)["steps"]
    typed = [sum(frames) for name, frames in steps if name.startswith("type ")]
    assert len(typed) >= 10
    # The character and the cursor after it (Textual alone re-sent the whole line: 134 B);
    # the first one also clears the placeholder.
    assert statistics.median(typed) <= TYPED_CHAR_BUDGET
    assert max(typed[1:]) <= TYPED_CHAR_BUDGET


# --- random frames ------------------------------------------------------------------------------

WIDTH, HEIGHT = 12, 3
#: Graphemes as Rich and pyte both measure them: narrow, wide, combining, box drawing.
GRAPHEMES = ["a", "b", " ", "é", "e\u0301", "中", "文", "│", "•"]
STYLES = [
    None,
    Style(bold=True),
    Style(color="red"),
    Style(color="red", bgcolor="blue", italic=True),
    Style(reverse=True, underline=True),
    Style(color="green", link="https://example.com"),
]


@st.composite
def layout_updates(draw: st.DrawFn) -> LayoutUpdate:
    """A strip somewhere on a small screen, as the compositor hands one over."""
    y = draw(st.integers(0, HEIGHT - 1))
    x = draw(st.integers(0, WIDTH - 1))
    segments: list[Segment] = []
    room = WIDTH - x
    for _ in range(draw(st.integers(1, 4))):
        text = "".join(draw(st.lists(st.sampled_from(GRAPHEMES), min_size=1, max_size=4)))
        width = Segment(text).cell_length
        if width > room:
            break
        segments.append(Segment(text, draw(st.sampled_from(STYLES))))
        room -= width
    strip = Strip(segments)
    return LayoutUpdate([[strip]], Region(x, y, strip.cell_length, 1))


@settings(max_examples=150, deadline=None)
@given(st.lists(layout_updates(), min_size=1, max_size=12), st.sampled_from(list(ColorSystem)))
def test_random_frames_leave_the_screen_textual_would_leave(
    updates: list[LayoutUpdate], color_system: ColorSystem
) -> None:
    from rich.console import Console

    console = Console(color_system=color_system.name.lower().replace("eight_bit", "256"))
    console._color_system = color_system
    whole, changes = pyte.Screen(WIDTH, HEIGHT), pyte.Screen(WIDTH, HEIGHT)
    for screen in (whole, changes):
        pyte.Stream(screen).feed(NO_WRAP)
    image = TerminalImage()
    # Strip.render caches per strip: each update is fresh, as each frame's strips are.
    for number, update in enumerate(updates):
        cursor = Offset(number % WIDTH, number % HEIGHT)
        pyte.Stream(whole).feed(
            update.render_segments(console) + Control.move_to(*cursor).segment.text
        )
        pyte.Stream(changes).feed(image.render(update, Size(WIDTH, HEIGHT), cursor, color_system))
        assert cells(changes) == cells(whole), number
        assert (changes.cursor.x, changes.cursor.y) == (whole.cursor.x, whole.cursor.y)


# --- what is sent -------------------------------------------------------------------------------


def line(text: str, style: Style | None = None, x: int = 0, y: int = 0) -> LayoutUpdate:
    strip = Strip([Segment(text, style)])
    return LayoutUpdate([[strip]], Region(x, y, strip.cell_length, 1))


def test_a_frame_that_changes_nothing_sends_nothing() -> None:
    image = TerminalImage()
    first = image.render(line("hello"), Size(20, 2), Offset(0, 0), ColorSystem.EIGHT_BIT)
    assert "hello" in first
    assert image.render(line("hello"), Size(20, 2), Offset(0, 0), ColorSystem.EIGHT_BIT) == ""


def test_only_the_changed_cells_go_out_with_the_cursor_after_them() -> None:
    image = TerminalImage()
    bold = Style(bold=True)
    image.render(line("hello world", bold), Size(20, 2), Offset(0, 1), ColorSystem.EIGHT_BIT)
    sent = image.render(line("hello World", bold), Size(20, 2), Offset(0, 1), ColorSystem.EIGHT_BIT)
    assert sent == "\x1b[1;7H\x1b[1mW\x1b[0m\x1b[2;1H"


@pytest.mark.parametrize("how", ["forget", "resize"])
def test_after_forgetting_or_a_new_size_everything_goes_out_again(how: str) -> None:
    image = TerminalImage()
    image.render(line("hello"), Size(20, 2), Offset(0, 0), ColorSystem.EIGHT_BIT)
    size = Size(20, 2)
    if how == "forget":
        image.forget()  # back from ctrl+z or the external editor: the terminal was redrawn
    else:
        size = Size(21, 2)
    assert "hello" in image.render(line("hello"), size, Offset(0, 0), ColorSystem.EIGHT_BIT)


def test_forgetting_in_the_middle_of_a_frame_holds_for_the_next(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # ctrl+z then fg: the driver forgets from a signal handler, maybe in the middle of a
    # frame; the frame after it must not trust what that frame wrote into the image.
    image = TerminalImage()
    paint = TerminalImage._paint

    def paint_then_forget(self: TerminalImage, *args: Any) -> None:
        paint(self, *args)
        self.forget()

    monkeypatch.setattr(TerminalImage, "_paint", paint_then_forget)
    image.render(line("hello"), Size(20, 2), Offset(0, 0), ColorSystem.EIGHT_BIT)
    monkeypatch.setattr(TerminalImage, "_paint", paint)
    assert "hello" in image.render(line("hello"), Size(20, 2), Offset(0, 0), ColorSystem.EIGHT_BIT)


def test_anything_textual_writes_its_own_way_makes_the_image_forget() -> None:
    # Textual writes a renderable that is not a compositor frame past the image; the next
    # frame must then send every cell, not trust cells that may have been overwritten.
    image = TerminalImage()
    image.render(line("hello"), Size(20, 2), Offset(0, 0), ColorSystem.EIGHT_BIT)
    app: Any = SimpleNamespace(_driver=None)
    assert send_changes(app, image, RichText("stray")) is False
    assert "hello" in image.render(line("hello"), Size(20, 2), Offset(0, 0), ColorSystem.EIGHT_BIT)


def test_after_a_wide_character_the_cursor_is_placed_absolutely() -> None:
    # A terminal may draw a character wider than Rich measures it: after anything but plain
    # ASCII, the next change is placed with an absolute move.
    image = TerminalImage()
    image.render(line("中a b"), Size(20, 2), Offset(0, 0), ColorSystem.EIGHT_BIT)
    sent = image.render(line("文a c"), Size(20, 2), Offset(0, 0), ColorSystem.EIGHT_BIT)
    assert sent == "文\x1b[1;5Hc\x1b[5D"


# --- the real editor ----------------------------------------------------------------------------


def settled(
    terminal: PtyTerminal, since: int, what: object = "", quiet: float = 0.5, timeout: float = 30.0
) -> int:
    """Wait until the editor has drawn something after ``since`` (for ``what``) and then
    nothing for ``quiet`` s; return where its output is then."""
    assert wait_until(lambda: terminal.mark() > since, timeout), f"nothing drawn for {what}"
    deadline = time.monotonic() + timeout
    mark, still = terminal.mark(), time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(0.05)
        if terminal.mark() != mark:
            mark, still = terminal.mark(), time.monotonic()
        elif time.monotonic() - still >= quiet:
            return mark
    raise AssertionError("the editor never stopped drawing")


def drawn_from_scratch(terminal: PtyTerminal, size: tuple[int, int], mark: int) -> int:
    """Check that the screen drawn change by change is the one a full repaint draws: a new
    size makes the editor forget what the terminal shows and send every cell, so one
    column more and back redraws it all."""
    before = cells(terminal.emulated())
    columns, rows = size
    terminal.resize(columns + 1, rows)
    mark = settled(terminal, mark, "a resize")
    terminal.resize(columns, rows)
    mark = settled(terminal, mark, "a resize")
    assert cells(terminal.emulated()) == before, terminal.screen()
    return mark


#: Key by key, and after each group the screen is compared with a full repaint of it.
SESSION = [
    ["l", "l", "j", "h"],  # pane and item moves
    ["4", "a", *"Flour æøå 中文"],  # the inline editor, wide characters
    ["enter", "escape"],
    ["?"],  # the help screen, pushed
    ["escape", "z"],  # popped; a block zoomed
    ["escape", "9", "h"],
    ["/"],  # the filter bar: mounted, focused and laid out in one go
    [*"oven"],
    ["escape"],
    ["ctrl+q"],  # the unsaved-changes dialog
    ["escape", "1"],
]


def editor_on_the_example(
    tmp_path: Path, size: tuple[int, int], *, resizable: bool = False
) -> PtyTerminal:
    """The real editor on a private copy of the English example, in a pty of ``size``."""
    canvas = tmp_path / "bakery.toml"
    shutil.copyfile(EXAMPLE_EN, canvas)
    env = {
        "HOME": str(tmp_path),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
    }
    return PtyTerminal([str(canvas)], env, tmp_path, size=size, resizable=resizable)


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
def test_the_real_editor_draws_what_a_full_repaint_draws(
    size: tuple[int, int], tmp_path: Path
) -> None:
    terminal = editor_on_the_example(tmp_path, size, resizable=True)
    try:
        terminal.wait_for("Key Partners")
        mark = settled(terminal, 0)
        for keys in SESSION:
            terminal.send(*keys)
            mark = drawn_from_scratch(terminal, size, settled(terminal, mark, keys))
    finally:
        terminal.close()


def test_ctrl_l_draws_every_cell_again_after_something_else_wrote_to_the_terminal(
    tmp_path: Path,
) -> None:
    # Only changed cells are sent, so a screen scribbled on from outside stayed scribbled
    # until the cells under the scribble changed; ctrl+l redraws it all, as a shell does.
    terminal = editor_on_the_example(tmp_path, (80, 24))
    try:
        terminal.wait_for("Key Partners")
        mark = settled(terminal, 0)
        drawn = cells(terminal.emulated())
        terminal.scribble(b"\x1b[2J\x1b[5;5HBroadcast message from root: going down")
        assert cells(terminal.emulated()) != drawn
        terminal.send("ctrl+l")
        settled(terminal, mark, "ctrl+l")
        assert cells(terminal.emulated()) == drawn, terminal.screen()
    finally:
        terminal.close()
