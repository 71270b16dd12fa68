"""The bottom line of a screen: the keys that work right now, drawn as one line of text.

Textual's ``Footer`` is a container with a widget per key. It is built only after the
screen's first frame, and rebuilt (mounted, styled, laid out) whenever the bindings change,
so every screen paid a second layout and a second frame at start-up. This bar is a single
widget of fixed size: it reads the screen's active bindings when it is drawn, and repaints
itself, without a layout pass, only when the keys it shows change.
"""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget

from bmc_tui.tui.keymap import binding_description, key_of
from bmc_tui.tui.language import ui_language


class KeyEntry(NamedTuple):
    key: str
    key_display: str
    description: str
    enabled: bool
    #: The keymap's rank: which keys a short line keeps.
    rank: int = 0


class KeyBar(Widget):
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "key-bar--key",
        "key-bar--description",
        "key-bar--disabled",
    }

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
    }
    KeyBar > .key-bar--key {
        color: $footer-key-foreground;
        background: $footer-key-background;
        text-style: bold;
    }
    KeyBar > .key-bar--description {
        color: $footer-description-foreground;
        background: $footer-description-background;
    }
    KeyBar > .key-bar--disabled {
        text-style: dim;
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._shown: tuple[tuple[KeyEntry, ...], tuple[KeyEntry, ...]] | None = None
        #: Where each key was drawn, for clicks: (first cell, cell after the last, key).
        self._spans: list[tuple[int, int, KeyEntry]] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if self._entries() != self._shown:
            self.refresh()

    def _entries(self) -> tuple[tuple[KeyEntry, ...], tuple[KeyEntry, ...]]:
        """The keys to show, each action and each name once (as Textual's footer does), and
        those pinned to the right end: help, quit and the command palette.

        Read-only, the keys that would change the canvas are left off: they would only be
        refused."""
        left: dict[str, KeyEntry] = {}
        right: dict[str, KeyEntry] = {}
        actions: set[str] = set()
        palette_key = self.app.COMMAND_PALETTE_BINDING if self.app.ENABLE_COMMAND_PALETTE else None
        read_only = bool(getattr(self.screen, "read_only", False))
        # The words in the interface language, by the binding's id in the keymap: a change of
        # language changes the entries, so the bar repaints when the bindings are refreshed.
        language = ui_language(self)
        for key, (_node, binding, enabled, _tooltip) in self.screen.active_bindings.items():
            row = key_of(binding)
            if key != palette_key and not binding.show:
                continue
            if (read_only and row is not None and row.edits) or binding.action in actions:
                continue
            description = binding_description(binding, language)
            rank = row.rank if row is not None else 0
            entry = KeyEntry(key, self.app.get_key_display(binding), description, enabled, rank)
            actions.add(binding.action)
            if key == palette_key or (row is not None and row.pinned):
                # By name: q and ctrl+q both quit, and one "Quit" is enough.
                right.setdefault(description, entry)
            else:
                left.setdefault(description, entry)
        return tuple(left.values()), tuple(
            sorted(right.values(), key=lambda e: e.key == palette_key)
        )

    def render(self) -> Text:
        self._shown = left, right = self._entries()
        width = self.size.width
        pinned = [self._piece(entry) for entry in right]
        pinned_width = sum(piece.cell_len + 1 for piece in pinned)
        pieces = [self._piece(entry) for entry in left]
        # Whole keys or nothing (a cut-off name helps nobody): the most wanted keys that fit,
        # drawn in the keymap's order.
        room = width - pinned_width
        kept: set[int] = set()
        for index in sorted(range(len(left)), key=lambda i: -left[i].rank):
            if pieces[index].cell_len + 1 > room:
                break  # the next key is wanted more than any after it
            kept.add(index)
            room -= pieces[index].cell_len + 1
        line = Text(no_wrap=True, overflow="crop")
        self._spans = []
        for index, (piece, entry) in enumerate(zip(pieces, left, strict=True)):
            if index in kept:
                self._add(line, piece, entry)
        line.append(" " * max(width - line.cell_len - pinned_width, 0))
        for piece, entry in zip(pinned, right, strict=True):
            self._add(line, piece, entry)
        return line

    def _piece(self, entry: KeyEntry) -> Text:
        piece = Text.assemble(
            " ",
            (entry.key_display, self.get_component_rich_style("key-bar--key", partial=True)),
            " ",
            (
                entry.description,
                self.get_component_rich_style("key-bar--description", partial=True),
            ),
        )
        if not entry.enabled:
            piece.stylize(self.get_component_rich_style("key-bar--disabled", partial=True))
        return piece

    def _add(self, line: Text, piece: Text, entry: KeyEntry) -> None:
        self._spans.append((line.cell_len, line.cell_len + piece.cell_len, entry))
        line.append_text(piece)
        line.append(" ")

    def on_click(self, event: events.Click) -> None:
        for start, end, entry in self._spans:
            if start <= event.x < end:
                if entry.enabled:
                    self.app.simulate_key(entry.key)
                else:
                    self.app.bell()
                return
