"""Choosing an item's category from the kinds its block lists in the template."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from bmc_tui.core.catalogue import Block, Language
from bmc_tui.core.messages import say
from bmc_tui.tui.dialogs.base import Dialog
from bmc_tui.tui.language import ui_language
from bmc_tui.tui.widgets.ordered_input import OrderedOptionList

NO_CATEGORY = ""


class CategoryDialog(Dialog[str]):
    """Dismisses with a category id, ``""`` for no category, or ``None`` on escape."""

    def __init__(
        self,
        block: Block,
        language: Language,
        current: str | None,
        item_text: str = "",
    ) -> None:
        super().__init__()
        self.block = block
        #: The canvas's language: the template's categories are named in it.
        self.language = language
        self.current = current
        self.item_text = item_text

    def compose(self) -> ComposeResult:
        heading = self.block.categories_heading or self.block.title
        options = [
            Option(f"{number}  {category.label(self.language)}", id=category.id)
            for number, category in enumerate(self.block.categories, start=1)
        ]
        words = ui_language(self)
        none = say("category-none", words)
        options.append(Option(f"0  {none}", id=NO_CATEGORY or "none"))
        title = say("category-title", words, heading=heading(self.language), item=self.item_text)
        with Vertical(classes="dialog-box"):
            yield Static(title, classes="dialog-title", markup=False)
            yield OrderedOptionList(*options, id="categories")
            help_text = say("category-help", words)
            yield Static(help_text, classes="dialog-help", markup=False)

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        ids = [category.id for category in self.block.categories]
        options.highlighted = ids.index(self.current) if self.current in ids else 0
        options.focus()

    def on_key(self, event: object) -> None:
        key = getattr(event, "character", None)
        if key and key.isdigit():
            number = int(key)
            if number == 0:
                self.dismiss(NO_CATEGORY)
            elif number <= len(self.block.categories):
                self.dismiss(self.block.categories[number - 1].id)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id
        self.dismiss(NO_CATEGORY if option_id == "none" else option_id)
