"""A block's guiding text in a pane: whole sentences, and a mark where there is more.

The pane gives its guide at most a share of its height. A plain ``Static`` cut the text
wherever that share ended, mid-question and without a sign ("? Which need do we / satisfy
for our"). This widget asks for the height of the whole guide, and draws what fits in the
height it is given: whole entries, then "…" (:func:`bmc_tui.core.render.fitted_guide`).
"""

from __future__ import annotations

from functools import lru_cache

from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from bmc_tui.core.catalogue import Block, Language
from bmc_tui.core.render import fitted_guide, fitted_run, guide_lines
from bmc_tui.tui.widgets.text_line import TextLine


@lru_cache(maxsize=256)
def _natural_height(block: Block, language: Language, width: int) -> int:
    return sum(len(entry) for entry in guide_lines(block, language, width))


class Guide(Widget):
    DEFAULT_CSS = """
    Guide {
        height: auto;
    }
    """

    def __init__(self, block: Block, language: Language, *, classes: str | None = None) -> None:
        super().__init__(classes=classes)
        self.block = block
        self.language = language

    def show(self, language: Language) -> None:
        if language != self.language:
            self.language = language
            # New words, new height.
            self.refresh(layout=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        width = max(width, 1)
        natural = _natural_height(self.block, self.language, width)
        limit = self.styles.max_height
        if limit is None:
            return natural
        cap = int(limit.resolve(container, viewport))
        if natural <= cap:
            return natural
        # Only as tall as what is drawn in it: whole entries and the "…" line, no blank.
        return len(fitted_guide(self.block, self.language, width, cap))

    def render(self) -> Text:
        width, height = self.content_region.size
        lines = fitted_guide(self.block, self.language, max(width, 1), height)
        return Text("\n", no_wrap=True, overflow="crop").join(lines)


class HintLine(TextLine):
    """The lines under the canvas that run the focused block's guide together: whole
    sentences as far as they fit at the width it has, then "…"."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._head = Text()
        self._parts: list[str] = []
        self._language: Language | None = None
        self._separator = "  "

    def show_guide(
        self, head: Text, parts: list[str], language: Language, separator: str = "  "
    ) -> None:
        """``separator`` joins the parts: two spaces between sentences, one between words."""
        shown = (head, parts, language, separator)
        if shown != (self._head, self._parts, self._language, self._separator):
            self._head, self._parts, self._language, self._separator = shown
            self.refresh()

    def render(self) -> Text:
        width, height = self.content_region.size
        text = fitted_run(
            self._head,
            self._parts,
            width,
            height,
            language=self._language,
            separator=self._separator,
        )
        text.no_wrap = True
        return text
