"""One block on the whole screen: all its guidance, and every item with its note."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from bmc_tui.core.catalogue import Block, Language
from bmc_tui.core.messages import say
from bmc_tui.core.model import Item
from bmc_tui.core.presentation import block_heading
from bmc_tui.core.render import guide_text, item_line
from bmc_tui.tui.keymap import Context, bindings
from bmc_tui.tui.language import ui_language
from bmc_tui.tui.widgets.key_bar import KeyBar


class ZoomScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = bindings(Context.ZOOM)

    def __init__(
        self,
        block: Block,
        items: tuple[Item, ...],
        language: Language,
        segment_tags: Mapping[str, int],
    ) -> None:
        super().__init__()
        self.block = block
        self.items = items
        self.language = language
        self.segment_tags = segment_tags

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="zoom"):
            yield Static(
                Text(block_heading(self.block, self.language), style="bold"),
                id="zoom-title",
            )
            yield Static(guide_text(self.block, self.language, full=True), id="zoom-guide")
            body = Text()
            for item in self.items:
                body.append(
                    item_line(item, self.block, self.language, self.segment_tags, show_note=True)
                )
                body.append("\n")
            if not self.items:
                body.append(say("zoom-empty", ui_language(self)), style="dim")
            yield Static(body, id="zoom-items")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#zoom").focus()
