"""``m`` then a block number: where to move the selected item."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.events import Key
from textual.widgets import Static

from bmc_tui.core.catalogue import BLOCKS, Block, Language
from bmc_tui.core.messages import say
from bmc_tui.tui.dialogs.base import Dialog


class MoveToBlockDialog(Dialog[int]):
    """Dismisses with the number of the block pressed, or ``None``. Names the item it moves
    and its keys, as every dialog does; any other key leaves it open."""

    def __init__(
        self, current: Block, language: Language, item_text: str = "", ui_language: Language = "en"
    ) -> None:
        super().__init__()
        self.current = current
        self.language = language
        self.item_text = item_text
        self.ui_language = ui_language

    def compose(self) -> ComposeResult:
        here = say("move-here", self.ui_language)
        lines = [
            f"{block.number}  {block.title(self.language)}"
            + (f"  {here}" if block is self.current else "")
            for block in BLOCKS
        ]
        title = say("move-title", self.ui_language, item=f"“{self.item_text}”")
        with Vertical(classes="dialog-box"):
            yield Static(Text(title), classes="dialog-title")
            yield Static("\n".join(lines), markup=False)
            yield Static(say("move-help", self.ui_language), classes="dialog-help", markup=False)

    def on_key(self, event: Key) -> None:
        if event.character and event.character in "123456789":
            event.stop()
            self.dismiss(int(event.character))
