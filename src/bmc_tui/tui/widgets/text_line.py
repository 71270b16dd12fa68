"""A line of text of fixed size that repaints itself without re-laying out the screen.

``Static.update`` asks for a new layout of the whole screen each time, since new content
may change its size. The hint line and the header never change size, and over SSH that
layout pass repaints far more than the text that changed.
"""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget


class TextLine(Widget):
    DEFAULT_CSS = """
    TextLine {
        height: 1;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._text = Text()

    def show(self, text: Text) -> None:
        if text != self._text:
            self._text = text
            self.refresh()

    def render(self) -> Text:
        return self._text
