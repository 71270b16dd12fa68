"""The end of the guided session: the ``check`` findings in words, each on a key that goes
to the item or block it is about."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.events import Key
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from bmc_tui.core.lint import Finding
from bmc_tui.core.messages import say
from bmc_tui.tui.dialogs.base import Dialog
from bmc_tui.tui.language import ui_language
from bmc_tui.tui.widgets.ordered_input import OrderedOptionList

#: The keys the findings are put on, in order; more findings than keys are left to the
#: marks on the canvas (the dialog says how many).
FINDING_KEYS = "123456789abcdefghijklmnoprstuvwxyz"


class GuideEndDialog(Dialog[int]):
    """Dismisses with the index of the finding chosen (its key, or enter on it), or None."""

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__()
        self.findings = findings[: len(FINDING_KEYS)]
        self.more = len(findings) - len(self.findings)

    def compose(self) -> ComposeResult:
        # The interface's words, asked of the app as every dialog does (see Dialog.reword).
        self.ui = ui_language(self)
        with Vertical(classes="dialog-box dialog-wide"):
            yield Static(say("guide-done-title", self.ui), classes="dialog-title", markup=False)
            yield OrderedOptionList(
                *(
                    Option(f"{key}  {finding.message(self.ui)}", id=str(index))
                    for index, (key, finding) in enumerate(
                        zip(FINDING_KEYS, self.findings, strict=False)
                    )
                ),
                id="guide-findings",
            )
            if self.more:
                more = say("guide-done-more", self.ui, count=self.more)
                yield Static(more, classes="dialog-help", markup=False)
            yield Static(say("guide-done-help", self.ui), classes="dialog-help", markup=False)

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_key(self, event: Key) -> None:
        if event.character and event.character in FINDING_KEYS[: len(self.findings)]:
            event.stop()
            self.dismiss(FINDING_KEYS.index(event.character))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        assert event.option.id is not None
        self.dismiss(int(event.option.id))
