"""``?``: every key, what the canvas is for, and what each block asks.

The key table is read from the keymap the widgets build their bindings from, so it cannot
fall out of step with what the keys really do.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from bmc_tui.core.catalogue import ATTRIBUTION, BLOCKS, CANVAS_PURPOSE, Language
from bmc_tui.core.messages import say
from bmc_tui.core.presentation import block_heading, guide_lead
from bmc_tui.tui.keymap import (
    HELP_SECTIONS,
    THEN,
    Context,
    Key,
    bindings,
    key_name,
    keys_for,
)
from bmc_tui.tui.widgets.key_bar import KeyBar


def in_words(keys: str, language: Language) -> str:
    """A key cell of the help in ``language``: a sequence's "then" is a word, not a key."""
    return keys.replace(THEN, f" {say('help-key-then', language)} ")


def _keys(key: Key) -> str:
    return " / ".join(key_name(name) for name in key.keys.split(","))


def _what(key: Key) -> str:
    """What a key does, whoever binds it: ``q`` on a list and on the screen both quit."""
    return key.action.removeprefix("app.").removeprefix("screen.")


def help_rows(
    sections: Iterable[tuple[str, Iterable[Context]]],
) -> list[tuple[str, list[tuple[str, Key]]]]:
    """The help screen's sections: each heading with its rows, (the keys, the key's row).

    Each thing the keys do is listed once, where it first appears, with every key that
    does it ("ctrl+q / q"), so no sentence is listed twice."""
    listed: dict[str, list[str]] = {}
    found: list[tuple[str, list[tuple[list[str], Key]]]] = []
    for heading, contexts in sections:
        rows: list[tuple[list[str], Key]] = []
        for key in keys_for(*contexts):
            if not key.named:
                continue
            names = listed.get(_what(key))
            if names is None:
                names = listed[_what(key)] = []
                rows.append((names, key))
            if _keys(key) not in names:
                names.append(_keys(key))
        found.append((heading, rows))
    # Joined once every section is read: a later section may add a key to an earlier row.
    return [(heading, [(" / ".join(names), key) for names, key in rows]) for heading, rows in found]


def key_table(sections: Iterable[tuple[str, Iterable[Context]]], language: Language) -> Table:
    """The keys of ``sections`` (a heading's message key, its contexts) in ``language``."""
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for heading, rows in help_rows(sections):
        table.add_row(Text(say(heading, language), style="bold underline"), "")
        for keys, key in rows:
            table.add_row(in_words(keys, language), key.help(language))
        table.add_row("", "")
    return table


class HelpScreen(Screen[None]):
    """Everything on it is in the interface language ``language``, the canvas's own text
    (its purpose, the blocks and their questions) included."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(Context.HELP)

    def __init__(self, language: Language) -> None:
        super().__init__()
        self.language = language

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(Text(say("help-title", self.language), style="bold"), id="help-title")
            yield Static(CANVAS_PURPOSE(self.language) + "\n")
            yield Static(key_table(HELP_SECTIONS, self.language), id="help-keys")
            yield Static(self._blocks_text())
            yield Static(Text(ATTRIBUTION(self.language), style="italic"))
        yield KeyBar()

    def _blocks_text(self) -> Text:
        text = Text()
        text.append(say("help-blocks", self.language) + "\n", style="bold underline")
        for block in BLOCKS:
            text.append(block_heading(block, self.language), style="bold")
            lead = guide_lead(block, self.language)
            if lead:
                text.append(f" — {lead}")
            text.append("\n")
        return text

    def on_mount(self) -> None:
        self.query_one("#help").focus()

    def action_scroll_help(self, lines: int) -> None:
        """``j`` and ``k``, as on the canvas's lists."""
        self.query_one("#help", VerticalScroll).scroll_relative(y=lines, animate=False)
