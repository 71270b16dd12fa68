"""A question with a few answers, each on its own key (Save / Discard / Cancel and the like)."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.events import Key
from textual.widgets import Button, Static

from bmc_tui.tui.dialogs.base import Dialog
from bmc_tui.tui.widgets.ordered_input import OrderedButton

#: More answers than this are stacked one per line: side by side they do not fit in 80
#: columns, and a cut-off answer is one the user cannot see.
SIDE_BY_SIDE = 3
#: The room for buttons side by side inside the 64-column dialog box (each button takes its
#: label, its key, a border and a margin: six cells more than the label).
ROW_WIDTH = 60


class ChoiceDialog(Dialog[str]):
    """Dismisses with the id of the chosen answer, or ``None`` on escape."""

    REWORDS = False  # its words are the asker's

    def __init__(
        self,
        question: str,
        answers: list[tuple[str, str, str]],
        *,
        default: str | None = None,
        detail: Text | str = "",
    ) -> None:
        """``answers`` are (id, label, key) triples; the key is shown in the label.

        ``default`` is the answer that has the focus first (enter picks it): make it one
        that loses nothing. ``detail`` is shown below the question, scrollable.
        """
        super().__init__()
        self.question = question
        self.answers = answers
        self.default = default
        self.detail = detail

    def compose(self) -> ComposeResult:
        row = sum(len(f"{label} ({key})") + 6 for _, label, key in self.answers)
        stacked = len(self.answers) > SIDE_BY_SIDE or row > ROW_WIDTH
        with Vertical(classes="dialog-box"):
            yield Static(self.question, classes="dialog-title", markup=False)
            if self.detail:
                with VerticalScroll(classes="dialog-detail"):
                    yield Static(self.detail, markup=False)
            buttons = Vertical if stacked else Horizontal
            with buttons(classes="dialog-buttons -stacked" if stacked else "dialog-buttons"):
                for answer_id, label, key in self.answers:
                    yield OrderedButton(
                        f"{label} ({key})", id=f"answer-{answer_id}", compact=stacked
                    )

    def on_mount(self) -> None:
        if self.default is not None:
            self.query_one(f"#answer-{self.default}", Button).focus()

    def on_key(self, event: Key) -> None:
        for answer_id, _, key in self.answers:
            if event.key == key:
                event.stop()
                self.dismiss(answer_id)
                return

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        assert event.button.id is not None
        self.dismiss(event.button.id.removeprefix("answer-"))
