"""The second baseline: the bare Textual app (``bare_app.py``) that also reads a canvas as
every bmc-tui command must, with ``tomllib`` and bmc-tui's own Pydantic models.

The product's stack is given: Textual draws, ``tomllib`` reads and Pydantic validates every
canvas opened. This app pays exactly that and nothing of the editor, so "editor / floor" in
the benchmark's report is what the editor itself costs above the stack it has to stand on,
while "editor / bare" also counts Pydantic and the reader.
"""

from __future__ import annotations

import sys
from pathlib import Path

from bare_app import BareApp

from bmc_tui.collector import long_lived_imports, tune


class FloorApp(BareApp):
    def __init__(self, canvas: Path) -> None:
        super().__init__()
        self.canvas_path = canvas

    def on_mount(self) -> None:
        # Imported and read as the editor does: before its first frame, under the same
        # collector settings as the console script (bmc_tui.launcher).
        with long_lived_imports():
            from bmc_tui.core.storage import load
        self.canvas = load(self.canvas_path)
        super().on_mount()


if __name__ == "__main__":
    tune()
    FloorApp(Path(sys.argv[1])).run()
