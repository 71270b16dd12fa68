"""Canvases that were never saved, kept when their editor stopped: offered when bmc-tui starts."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from bmc_tui.core.messages import say
from bmc_tui.core.recovery import Recovered
from bmc_tui.core.session import describe_recovery
from bmc_tui.tui.dialogs.base import Dialog
from bmc_tui.tui.language import ui_language
from bmc_tui.tui.widgets.ordered_input import OrderedOptionList


class RecoverUntitledDialog(Dialog[Recovered]):
    """Dismisses with the recovery chosen, or ``None`` (escape: a new canvas instead)."""

    def __init__(self, found: list[Recovered]) -> None:
        super().__init__()
        self.found = found

    def compose(self) -> ComposeResult:
        words = ui_language(self)
        with Vertical(classes="dialog-box dialog-wide"):
            yield Static(say("session-untitled-offer", words), classes="dialog-title", markup=False)
            yield OrderedOptionList(
                *(
                    Option(Text(describe_recovery(entry, words)), id=str(index))
                    for index, entry in enumerate(self.found)
                ),
                id="recoveries",
            )

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = 0
        options.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        assert event.option.id is not None
        self.dismiss(self.found[int(event.option.id)])
