"""The baseline for the benchmark: the smallest Textual app (one Screen, one Static).

Started by ``run.py`` exactly like ``bmc-tui`` (same venv, same pseudo-terminal, same clean
environment), so startup time and memory can be reported as a ratio against plain Textual.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import Static

READY_TEXT = "bare textual app ready"


class BareScreen(Screen[None]):
    def compose(self) -> ComposeResult:
        yield Static(READY_TEXT)


class BareApp(App[None]):
    def on_mount(self) -> None:
        self.push_screen(BareScreen())


if __name__ == "__main__":
    BareApp().run()
