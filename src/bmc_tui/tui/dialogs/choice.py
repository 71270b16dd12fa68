"""A question with a few answers, each on its own key (Save / Discard / Cancel and the like)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.events import Key
from textual.widgets import Button, Static

from bmc_tui.tui.dialogs.base import Dialog


class ChoiceDialog(Dialog[str]):
    """Dismisses with the id of the chosen answer, or ``None`` on escape."""

    def __init__(self, question: str, answers: list[tuple[str, str, str]]) -> None:
        """``answers`` are (id, label, key) triples; the key is shown in the label."""
        super().__init__()
        self.question = question
        self.answers = answers

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(self.question, classes="dialog-title", markup=False)
            with Horizontal(classes="dialog-buttons"):
                for answer_id, label, key in self.answers:
                    yield Button(f"{label} ({key})", id=f"answer-{answer_id}")

    def on_key(self, event: Key) -> None:
        for answer_id, _, key in self.answers:
            if event.key == key:
                event.stop()
                self.dismiss(answer_id)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        assert event.button.id is not None
        self.dismiss(event.button.id.removeprefix("answer-"))
