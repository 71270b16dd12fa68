"""Choosing an item's status: how far the assumption it states has been tested (issue 14)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.events import Key
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from bmc_tui.core.catalogue import STATUSES, StatusId
from bmc_tui.core.messages import say
from bmc_tui.core.presentation import status_label
from bmc_tui.tui.dialogs.base import Dialog
from bmc_tui.tui.language import ui_language
from bmc_tui.tui.widgets.ordered_input import OrderedOptionList


class StatusDialog(Dialog[StatusId]):
    """Dismisses with the chosen status, or ``None`` on escape. A digit chooses at once, as
    in the category dialog; the statuses, their digits and markers are the catalogue's."""

    def __init__(self, current: StatusId, item_text: str = "") -> None:
        super().__init__()
        self.current = current
        self.item_text = item_text

    def compose(self) -> ComposeResult:
        # The interface's words, asked of the app as every dialog does: a language turned
        # from the palette while this is open rewords it (see Dialog.reword).
        words = ui_language(self)
        options = [
            Option(f"{status.number}  {status_label(status.id, words)}", id=status.id)
            for status in STATUSES
        ]
        with Vertical(classes="dialog-box"):
            title = say("status-title", words, item=self.item_text)
            yield Static(title, classes="dialog-title", markup=False)
            yield OrderedOptionList(*options, id="statuses")
            yield Static(say("status-help", words), classes="dialog-help", markup=False)

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = [status.id for status in STATUSES].index(self.current)
        options.focus()

    def on_key(self, event: Key) -> None:
        key = event.character
        if key and key.isdigit():
            chosen = next((status for status in STATUSES if status.number == int(key)), None)
            if chosen is not None:
                event.stop()
                self.dismiss(chosen.id)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.dismiss(StatusId(event.option.id))
