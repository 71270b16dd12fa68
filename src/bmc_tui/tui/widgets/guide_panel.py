"""Where the guided session stands: block k of 9, question j of n, the question in the
canvas's language, what is already there to build on, and the segment tags to name."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual.widgets import Static

from bmc_tui.core.catalogue import BlockId, Language
from bmc_tui.core.guide import STORY_ORDER, Step, built_on, offers_tags, segment_tags
from bmc_tui.core.messages import say
from bmc_tui.core.model import Canvas, Item
from bmc_tui.core.textsafe import terminal_text

#: Items shown per block built on: the line is cut with "…" anyway; this keeps it cheap.
SHOWN_ITEMS = 6


def _line(text: Text) -> Text:
    text.no_wrap = True
    text.overflow = "ellipsis"
    return text


def _item(item: Item) -> str:
    # Tags as the guide's answers name them (#tag); the text made safe for the terminal.
    return " ".join([terminal_text(item.text), *(f"#{tag}" for tag in item.tags)])


def guide_lines(step: Step, canvas: Canvas, language: Language, ui: Language) -> list[Text]:
    """The panel's lines: the chrome in the interface language ``ui``, the canvas's own
    words (titles, questions, items) in its ``language``."""
    where = say(
        "guide-where",
        ui,
        block=step.block_number,
        blocks=len(STORY_ORDER),
        title=step.block.title(language),
        question=step.question_index + 1,
        questions=step.question_count,
    )
    lines = [_line(Text(where, style="bold")), Text(step.question(language), style="bold italic")]
    shown = built_on(canvas, step.block.id)
    if shown:
        line = Text(f"{say('guide-builds-on', ui)}: ", style="dim")
        for number, (block, items) in enumerate(shown):
            if number:
                line.append(" │ ", style="dim")
            line.append(f"{block.short_title(language)}: ", style="bold")
            texts = [_item(item) for item in items[:SHOWN_ITEMS]]
            if len(items) > SHOWN_ITEMS:
                texts.append(say("guide-more", ui, count=len(items) - SHOWN_ITEMS))
            line.append(" · ".join(texts))
        lines.append(_line(line))
    if step.block.id is BlockId.CUSTOMER_SEGMENTS:
        lines.append(_line(Text(say("guide-name-segment", ui), style="dim")))
    elif offers_tags(step.block.id):
        tags = segment_tags(canvas)
        if tags:
            key = "guide-tag-pays" if step.block.id is BlockId.REVENUE_STREAMS else "guide-tag-for"
            # The tags alone: the segments they name are on the line above.
            named = ", ".join(f"#{tag}" for tag, _ in tags)
            lines.append(_line(Text(say(key, ui, tags=named))))
        else:
            lines.append(_line(Text(say("guide-no-segment-tags", ui), style="dim")))
    return lines


class GuidePanel(Static):
    """A few lines above the key bar, in place of the hint line, while the guide runs."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        #: What is shown, line by line (for the tests, which read it as a person would).
        self.lines: list[Text] = []

    def show(self, step: Step, canvas: Canvas, language: Language, ui: Language) -> None:
        self.lines = guide_lines(step, canvas, language, ui)
        self.update(Group(*self.lines))
