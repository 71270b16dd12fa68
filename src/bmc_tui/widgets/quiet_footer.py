"""A footer that rebuilds itself only when the keys it shows change.

Textual's footer recomposes on every focus change. Moving between panes changes focus but
not the keys (every pane's list has the same bindings), and over SSH that rebuild is bytes
for nothing on every move.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class QuietFooter(Footer):
    def __init__(self) -> None:
        super().__init__()
        self._shown: tuple[tuple[str, str, bool], ...] | None = None

    def bindings_changed(self, screen: Screen[object]) -> None:
        shown = tuple(
            (key, active.binding.description, active.enabled)
            for key, active in screen.active_bindings.items()
            if active.binding.show
        )
        if shown != self._shown:
            self._shown = shown
            super().bindings_changed(screen)
