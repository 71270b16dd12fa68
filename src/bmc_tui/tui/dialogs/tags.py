"""Setting an item's tags: short labels, separated by spaces or commas."""

from __future__ import annotations

import re

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.suggester import Suggester
from textual.widgets import Input, Static

from bmc_tui.core.messages import say
from bmc_tui.core.model import tags_problem
from bmc_tui.tui.dialogs.base import Dialog
from bmc_tui.tui.language import ui_language
from bmc_tui.tui.widgets.ordered_input import OrderedInput

_SEPARATORS = re.compile(r"[\s,]+")


def parse_tags(text: str) -> tuple[str, ...]:
    """Tags in the order typed, a leading ``#`` dropped, each once."""
    tags: list[str] = []
    for word in _SEPARATORS.split(text):
        tag = word.lstrip("#")
        if tag and tag not in tags:
            tags.append(tag)
    return tuple(tags)


class _LastWordSuggester(Suggester):
    """Completes the tag being typed from the tags the canvas already uses."""

    def __init__(self, known: list[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.known = known

    async def get_suggestion(self, value: str) -> str | None:
        head, _, last = value.rpartition(" ")
        if not last:
            return None
        for tag in self.known:
            if tag.startswith(last) and tag != last:
                return f"{head} {tag}".lstrip() if head else tag
        return None


class TagsDialog(Dialog[tuple[str, ...]]):
    def __init__(
        self,
        tags: tuple[str, ...],
        known: list[str],
        item_text: str = "",
    ) -> None:
        super().__init__()
        self.tags = tags
        self.known = known
        self.item_text = item_text

    def compose(self) -> ComposeResult:
        language = ui_language(self)
        with Vertical(classes="dialog-box"):
            title = say("tags-title", language, item=self.item_text)
            yield Static(title, classes="dialog-title", markup=False)
            field = OrderedInput(
                " ".join(self.tags),
                placeholder=say("dialog-tags-placeholder", language),
                suggester=_LastWordSuggester(self.known),
                id="tags",
                compact=True,
            )
            field.cursor_blink = False
            yield field
            yield Static("", id="problem", classes="dialog-problem", markup=False)
            known = " ".join(f"#{tag}" for tag in self.known) or say(
                "dialog-tags-none-yet", language
            )
            yield Static(
                say("dialog-tags-known", language, tags=known),
                classes="dialog-help",
                markup=False,
            )
            yield Static(
                say("dialog-tags-segment-hint", language),
                classes="dialog-help",
            )
            yield Static(say("tags-help", language), classes="dialog-help", markup=False)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _done(self, event: Input.Submitted) -> None:
        tags = parse_tags(event.value)
        # Refused tags stay typed here, with the model's reason: nothing is thrown away.
        problem = tags_problem(tags, ui_language(self))
        if problem is None:
            self.dismiss(tags)
        else:
            self.query_one("#problem", Static).update(problem)
