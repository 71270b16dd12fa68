"""Two terminals fed the same frames: Textual's whole output, and only what changed.

A scripted editor session runs headless; every frame the compositor hands ``App._display``
is written twice, into two emulated terminals (pyte, as the benchmark reads the screen): once
as Textual writes it (every cell of the update) and once as ``TerminalImage`` writes it (only
the cells that changed). After each frame the two screens must be the same, cell by cell
(character, colours, bold, italics, underline, strike, reverse, blink) and cursor.

Run as a script (``python screen_replay.py VARIANT CANVAS``) it prints a JSON summary: the
colour variants need a fresh process, because Rich remembers each style's escape codes for
the first colour system it was rendered in.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyte
from rich.color import ColorSystem
from rich.control import Control
from textual._compositor import ChopsUpdate, LayoutUpdate
from textual.pilot import Pilot

from bmc_tui.tui.app import BmcApp
from bmc_tui.tui.terminal_image import TerminalImage

#: Environment for each variant (read when Textual is imported and the app is built).
VARIANTS: dict[str, dict[str, str]] = {
    "truecolor": {"TEXTUAL_COLOR_SYSTEM": "truecolor"},
    "256": {"TEXTUAL_COLOR_SYSTEM": "256"},
    "16": {"TEXTUAL_COLOR_SYSTEM": "standard"},
    "no-color": {"TEXTUAL_COLOR_SYSTEM": "256", "NO_COLOR": "1"},
}


#: What Textual's driver sends at start-up: no automatic wrap at the right margin.
NO_WRAP = "\x1b[?7l"


def cells(screen: pyte.Screen) -> list[list[tuple[Any, ...]]]:
    """Every cell of the screen, as everything pyte knows of it."""
    return [
        [tuple(screen.buffer[y][x]) for x in range(screen.columns)] for y in range(screen.lines)
    ]


@dataclass
class Replay:
    """The two terminals, and what was compared."""

    whole: pyte.Screen
    changes: pyte.Screen
    image: TerminalImage = field(default_factory=TerminalImage)
    frames: int = 0
    whole_bytes: int = 0
    changes_bytes: int = 0
    mismatches: list[str] = field(default_factory=list)
    #: Per step of the script (a key, named by ``step``): the bytes of each frame it drew,
    #: as the image writes them.
    steps: list[tuple[str, list[int]]] = field(default_factory=list)

    def step(self, name: str) -> None:
        """Frames from now on belong to the step ``name``."""
        self.steps.append((name, []))

    @classmethod
    def sized(cls, width: int, height: int) -> Replay:
        screens = pyte.Screen(width, height), pyte.Screen(width, height)
        for screen in screens:
            pyte.Stream(screen).feed(NO_WRAP)
        return cls(*screens)

    def frame(self, app: BmcApp, renderable: object) -> None:
        """Write one frame to both terminals and compare them."""
        if not isinstance(renderable, LayoutUpdate | ChopsUpdate):
            return
        size = app.size
        for screen in (self.whole, self.changes):
            if (screen.columns, screen.lines) != (size.width, size.height):
                screen.resize(size.height, size.width)
        cursor = app.screen.outer_size.clamp_offset(app.cursor_position)
        color_system = app.console._color_system or ColorSystem.TRUECOLOR
        whole = renderable.render_segments(app.console) + Control.move_to(*cursor).segment.text
        changes = self.image.render(renderable, size, cursor, color_system)
        pyte.Stream(self.whole).feed(whole)
        pyte.Stream(self.changes).feed(changes)
        self.frames += 1
        self.whole_bytes += len(whole.encode())
        self.changes_bytes += len(changes.encode())
        if self.steps:
            self.steps[-1][1].append(len(changes.encode()))
        self.compare(f"frame {self.frames} ({type(renderable).__name__}, {size})")

    def compare(self, where: str) -> None:
        a, b = cells(self.whole), cells(self.changes)
        for y, (row_a, row_b) in enumerate(zip(a, b, strict=True)):
            for x, (cell_a, cell_b) in enumerate(zip(row_a, row_b, strict=True)):
                if cell_a != cell_b:
                    self.mismatches.append(f"{where}: cell {x},{y}: {cell_a} != {cell_b}")
                    return
        ca, cb = self.whole.cursor, self.changes.cursor
        if (ca.x, ca.y) != (cb.x, cb.y):
            self.mismatches.append(f"{where}: cursor {ca.x},{ca.y} != {cb.x},{cb.y}")

    def summary(self) -> dict[str, Any]:
        return {
            "frames": self.frames,
            "whole_bytes": self.whole_bytes,
            "changes_bytes": self.changes_bytes,
            "mismatches": self.mismatches[:5],
            "steps": self.steps,
        }


Script = Callable[[Pilot[None], Replay], Awaitable[None]]


async def session(pilot: Pilot[None], replay: Replay) -> None:
    """A user's session: pane moves, typing (with wide and combining characters), dialogs,
    the help screen and the palette pushed and popped, and the terminal resized. Pane moves
    and typed characters are steps of their own ("pane l", "type x") with a pause after
    each, so their frames can be told apart."""

    async def keys(kind: str, *names: str) -> None:
        for name in names:
            replay.step(f"{kind} {name}")
            await pilot.press(name)
            await pilot.pause()
            await pilot.pause()

    await keys("pane", "l", "l", "j", "j", "h", "k")
    await keys("key", "2", "5", "9", "1", "tab", "shift+tab")
    await keys("key", "a")
    await keys("type", *"Hi æøå ", "中", "文", " ", "e", "\u0301", " ", *"zqxwvy")
    await keys("key", "backspace", "enter")
    await keys("key", "4", "a", *"Flour", "escape")
    await keys("key", "question_mark", "j", "escape")
    await keys("key", "ctrl+p", *"save", "escape")
    await keys("key", "z", "escape", "slash", *"bread", "escape")
    await pilot.resize_terminal(80, 24)
    await keys("key", "l", "l", "j", "3", "a", *"Narrow", "enter")
    await pilot.resize_terminal(200, 60)
    await keys("key", "h", "j", "6", "7", "8")
    await keys("key", "ctrl+q")  # unsaved changes: Save / Discard / Cancel
    await keys("key", "escape")
    await pilot.resize_terminal(120, 40)
    await keys("key", "1", "j", "j", "l", "u")


async def replay(
    canvas: Path, script: Script = session, size: tuple[int, int] = (120, 40)
) -> Replay:
    """Run ``script`` on ``canvas`` with every frame written to both terminals."""
    app = BmcApp(canvas)
    replayed = Replay.sized(*size)
    app._display = lambda screen, renderable: replayed.frame(app, renderable)  # type: ignore[method-assign]
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await script(pilot, replayed)
        await pilot.pause()
    return replayed


def main() -> None:
    variant, canvas = sys.argv[1], Path(sys.argv[2])
    assert all(os.environ.get(k) == v for k, v in VARIANTS[variant].items()), "set the env first"
    print(json.dumps(asyncio.run(replay(canvas)).summary()))


if __name__ == "__main__":
    main()
