"""``?``: every key, what the canvas is for, and what each block asks.

The key table is read from the bindings themselves, so it cannot fall out of step with what
the keys really do.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from bmc_tui.core.catalogue import ATTRIBUTION, BLOCKS, CANVAS_PURPOSE, Language
from bmc_tui.core.presentation import block_heading, guide_lead
from bmc_tui.tui.widgets.key_bar import KeyBar

#: How keys read to a person, for the few whose Textual names read oddly.
KEY_NAMES = {
    "question_mark": "?",
    "slash": "/",
    "shift+up": "shift+↑",
    "shift+down": "shift+↓",
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
    "delete": "del",
}


def _keys(binding: Binding) -> str:
    return " / ".join(KEY_NAMES.get(key, key) for key in binding.key.split(","))


def key_table(sections: Iterable[tuple[str, Iterable[BindingType]]]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for heading, bindings in sections:
        table.add_row(Text(heading, style="bold underline"), "")
        seen: set[str] = set()
        for binding in bindings:
            if not isinstance(binding, Binding) or not binding.description:
                continue
            if binding.action in seen:
                continue
            seen.add(binding.action)
            table.add_row(_keys(binding), binding.tooltip or binding.description)
        table.add_row("", "")
    return table


class HelpScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "app.pop_screen", "Back to canvas", id="close-help"),
    ]

    def __init__(self, language: Language) -> None:
        super().__init__()
        self.language = language

    def compose(self) -> ComposeResult:
        from bmc_tui.tui.screens.canvas_screen import CanvasScreen
        from bmc_tui.tui.widgets.item_editor import ItemEditor
        from bmc_tui.tui.widgets.item_list import ItemList

        canvas_bindings = [b for b in CanvasScreen.BINDINGS if isinstance(b, Binding)]
        block_keys = [b for b in canvas_bindings if b.action.startswith("focus_block")]
        others = [b for b in canvas_bindings if b not in block_keys]
        extra = [
            Binding("1-9", "focus_block", "Go to block 1–9 (numbers as on the canvas)"),
            Binding(
                "ctrl+p",
                "command_palette",
                "Command palette: every action, go to block, export, language, theme",
            ),
            Binding("ctrl+q", "quit", "Quit (asks Save / Discard / Cancel when modified)"),
        ]
        with VerticalScroll(id="help"):
            yield Static(Text("bmc-tui — help", style="bold"), id="help-title")
            yield Static(CANVAS_PURPOSE(self.language) + "\n")
            yield Static(
                key_table(
                    [
                        ("On the canvas", [*extra[:1], *others, *extra[1:]]),
                        ("On a block's items", ItemList.BINDINGS),
                        (
                            "While typing an item",
                            [
                                Binding(
                                    "enter",
                                    "submit",
                                    "Keep the text (brainstorm: and start the next)",
                                ),
                                *ItemEditor.BINDINGS,
                            ],
                        ),
                        (
                            "Moving an item to another block",
                            [
                                Binding("m then 1-9", "move", "Move the selected item to block N"),
                            ],
                        ),
                    ]
                )
            )
            yield Static(self._blocks_text())
            yield Static(Text(ATTRIBUTION(self.language), style="italic"))
        yield KeyBar()

    def _blocks_text(self) -> Text:
        text = Text()
        text.append("The nine blocks\n", style="bold underline")
        for block in BLOCKS:
            text.append(block_heading(block, self.language), style="bold")
            lead = guide_lead(block, self.language)
            if lead:
                text.append(f" — {lead}")
            text.append("\n")
        return text

    def on_mount(self) -> None:
        self.query_one("#help").focus()
