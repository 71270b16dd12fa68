"""One block of the canvas on screen: its number and title, guiding text, and items."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.color import Color
from textual.containers import Vertical
from textual.style import Style as VisualStyle

from bmc_tui.core.annotations import REMOVED, Annotations
from bmc_tui.core.catalogue import GRID_COLUMNS, Block, Language
from bmc_tui.core.item_filter import ItemFilter
from bmc_tui.core.messages import say
from bmc_tui.core.model import Item
from bmc_tui.core.presentation import ROOMY_COLUMN, block_title
from bmc_tui.core.render import Parts, item_parts, plain_text, styled_text
from bmc_tui.tui.language import ui_language
from bmc_tui.tui.widgets.guide import Guide
from bmc_tui.tui.widgets.item_list import ItemList, Lines
from bmc_tui.tui.widgets.text_line import TextLine

#: Colour on top of the sign each mark already carries (so marks read without colour too).
MARK_STYLES = {"added": "green", "edited": "yellow", "removed": "red", "finding": "magenta"}


def pane_id(block: Block) -> str:
    return f"pane-{block.id.value}"


class BlockPane(Vertical):
    """A pane places itself on the canvas grid from its block's catalogue entry; what it
    shows is pushed in by the screen, which owns the canvas."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"block-pane--focused-title"}

    def __init__(self, block: Block, language: Language) -> None:
        super().__init__(id=pane_id(block), classes="block-pane")
        self.block = block
        self.styles.row_span = block.place.row_span
        self.styles.column_span = block.place.column_span
        self._language = language
        #: Whether the items were last drawn for a roomy column (long category labels), and
        #: what they were drawn from, to draw them again when a resize crosses that line.
        self._roomy: bool | None = None
        self._shown: tuple[tuple[Item, ...], Mapping[str, int], str, Annotations | None] = (
            (),
            {},
            "",
            None,
        )
        #: Whether notes are drawn whole under their items (the zoomed block).
        self._notes = False
        #: Whether each item shows its status (the canvas uses statuses): set by the screen.
        self.show_status = False

    def compose(self) -> ComposeResult:
        # Where panes are narrow the title moves from the border into this line, which has
        # four more cells for it (a border title gives up two cells to each corner).
        yield TextLine(classes="pane-title")
        # Composed with its text, so the first frame is already the finished layout.
        yield Guide(self.block, self._language, classes="guide")
        yield ItemList(id=f"items-{self.block.id.value}")

    @property
    def item_list(self) -> ItemList:
        return self.query_one(ItemList)

    def show(
        self,
        items: tuple[Item, ...],
        language: Language,
        segment_tags: Mapping[str, int],
        *,
        select: str | None = None,
        filter_text: str = "",
        annotations: Annotations | None = None,
        notes: bool = False,
    ) -> None:
        self._language = language
        self._shown = (items, segment_tags, filter_text, annotations)
        self._notes = notes
        width = self.content_width()
        self._roomy = width >= ROOMY_COLUMN
        self._update_title()
        subtitle = Text(str(len(items)) if items else "")
        if annotations is not None:
            for mark in annotations.blocks.get(self.block.id, ()):
                subtitle = (
                    Text(f"{mark.sign} {mark.label} ", style=MARK_STYLES[mark.kind]) + subtitle
                )
        self.border_subtitle = subtitle
        self.query_one(Guide).show(language)
        self.set_class(not items, "-empty")
        query = ItemFilter.parse(filter_text)
        show_status = self.show_status

        def parts(item: Item) -> Parts:
            line = item_parts(
                item,
                self.block,
                language,
                segment_tags,
                width=width,
                show_note=notes,
                show_status=show_status,
            )
            if annotations is not None:
                for mark in annotations.items.get(item.id, ()):
                    line.append((f" {mark.sign}{mark.label}", f"bold {MARK_STYLES[mark.kind]}"))
            return line

        # Whether the filter matches an item: asked of the items measured or drawn only.
        matched: dict[int, bool] = {}

        def matches(index: int) -> bool:
            found = matched.get(index)
            if found is None:
                found = matched[index] = query.active and query.matches(items[index])
            return found

        removed = annotations.removed.get(self.block.id, ()) if annotations else ()
        removed_word = say("pane-removed", ui_language(self))
        ghosts = [
            Text(f"{REMOVED} ", style="bold red")
            + Text(item.text, style="strike dim")
            + Text(f" {removed_word}", style="dim")
            for item in removed
        ]

        def plain(index: int) -> str:
            # An item's words when the list measures it, its styled line when it is drawn.
            if index >= len(items):
                return ghosts[index - len(items)].plain
            words = plain_text(parts(items[index]))
            return f"{MATCH} {words}" if matches(index) else words

        def line(index: int) -> Text:
            if index >= len(items):
                return ghosts[index - len(items)]
            text = styled_text(parts(items[index]))
            if query.active:
                # A match is marked by a sign and an underline, not reversed: reversed is the
                # selection, and both read apart without colour (NO_COLOR, a mono terminal).
                if matches(index):
                    text.stylize("underline")
                    text = Text(f"{MATCH} ", style="bold") + text
                else:
                    text.stylize("dim")
            return text

        self.item_list.language = language
        lines = Lines(len(items) + len(ghosts), plain, line)
        self.item_list.show_items([item.id for item in items], lines, select)

    def content_width(self) -> int:
        """The pane's inner width: measured once laid out, guessed before."""
        return self.size.width or self.expected_width()

    def _update_title(self) -> None:
        # The full title wherever it fits (presentation.block_title decides, as for show).
        width = self.content_width()
        # A border title gives up a corner, a rule and a space on each side: the border's
        # width (the content's and two borders) less six.
        border_title = block_title(self.block, self._language, width + 2 - 6)
        if border_title != self.border_title:
            self.border_title = border_title
        title_line = block_title(self.block, self._language, width)
        self.query_one(".pane-title", TextLine).show(Text(title_line, no_wrap=True))

    def _get_title_style_information(self, background: Color) -> tuple[Color, Color, VisualStyle]:
        # The focused pane's title: its look comes from a component class (app.tcss), not
        # from :focus-within, which would repaint every child of both panes on a pane move
        # (Textual 8.2.8 refreshes all children when a title's colour or style changes). The
        # border's :focus-within rule repaints the pane itself, and so this title, at the same
        # moments.
        color, title_background, style = super()._get_title_style_information(background)
        if self.has_focus_within:
            focused = self.get_component_styles("block-pane--focused-title")
            return focused.color, title_background, VisualStyle.from_rich_style(focused.text_style)
        return color, title_background, style

    def expected_width(self) -> int:
        # Before the first layout, a guess at the content width from the screen's width (the
        # canvas grid has equal columns), so that the first frame already has the titles that
        # fit instead of a second frame to fix them; on_resize corrects a guess that was off.
        width = self.app.size.width
        place = self.block.place
        left = place.column * width // GRID_COLUMNS
        right = (place.column + place.column_span) * width // GRID_COLUMNS
        return right - left - self.styles.gutter.width

    def on_click(self) -> None:
        # A click anywhere in the pane (its title, its questions) selects the block.
        self.item_list.focus()

    def on_resize(self) -> None:
        self._update_title()
        if self._roomy is not None and self._roomy != (self.content_width() >= ROOMY_COLUMN):
            # The column crossed the width where category labels change length.
            items, segment_tags, filter_text, annotations = self._shown
            self.show(
                items,
                self._language,
                segment_tags,
                filter_text=filter_text,
                annotations=annotations,
                notes=self._notes,
            )


#: The sign before an item the filter matches.
MATCH = "»"
