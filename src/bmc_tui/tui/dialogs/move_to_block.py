"""``m`` then a block number: where to move the selected item."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.widgets import Static

from bmc_tui.core.catalogue import BLOCKS, Block, Language
from bmc_tui.core.messages import say
from bmc_tui.tui.dialogs.base import Dialog
from bmc_tui.tui.keymap import Context, bindings
from bmc_tui.tui.language import ui_language


class MoveToBlockDialog(Dialog[int]):
    """Dismisses with the number of the block pressed, or ``None``. Names the item it moves
    and its keys, as every dialog does; any other key leaves it open."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(Context.MOVE_DIALOG)

    def __init__(self, current: Block, language: Language, item_text: str = "") -> None:
        super().__init__()
        self.current = current
        #: The canvas's language: the blocks are named in it.
        self.language = language
        self.item_text = item_text

    def compose(self) -> ComposeResult:
        words = ui_language(self)
        here = say("move-here", words)
        lines = [
            f"{block.number}  {block.title(self.language)}"
            + (f"  {here}" if block is self.current else "")
            for block in BLOCKS
        ]
        title = say("move-title", words, item=f"“{self.item_text}”")
        with Vertical(classes="dialog-box"):
            yield Static(Text(title), classes="dialog-title")
            yield Static("\n".join(lines), markup=False)
            yield Static(say("move-help", words), classes="dialog-help", markup=False)

    def action_pick(self, number: int) -> None:
        self.dismiss(number)
