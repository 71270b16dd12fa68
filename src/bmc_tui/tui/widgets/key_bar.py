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

from bmc_tui.tui.keymap import KEYS_BY_ID, binding_description
from bmc_tui.tui.language import ui_language


class KeyEntry(NamedTuple):
    key: str
    key_display: str
    description: str
    enabled: bool


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

    #: Keys drawn at the right end, so that a narrow terminal never hides them: the way to
    #: every other key (the help key, as the keymap binds it).
    PINNED_KEYS: ClassVar[tuple[str, ...]] = tuple(KEYS_BY_ID["help"].keys.split(","))

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
        """The keys to show (one per action, as Textual's footer does), and those pinned to
        the right end: help and the command palette."""
        left: dict[str, KeyEntry] = {}
        right: dict[str, KeyEntry] = {}
        palette_key = self.app.COMMAND_PALETTE_BINDING if self.app.ENABLE_COMMAND_PALETTE else None
        # The words in the interface language, by the binding's id in the keymap: a change of
        # language changes the entries, so the bar repaints when the bindings are refreshed.
        language = ui_language(self)
        for key, (_node, binding, enabled, _tooltip) in self.screen.active_bindings.items():
            description = binding_description(binding, language)
            entry = KeyEntry(key, self.app.get_key_display(binding), description, enabled)
            if key == palette_key:
                right.setdefault(binding.action, entry)
            elif binding.show:
                side = right if key in self.PINNED_KEYS else left
                side.setdefault(binding.action, entry)
        return tuple(left.values()), tuple(
            sorted(right.values(), key=lambda e: e.key == palette_key)
        )

    def render(self) -> Text:
        self._shown = left, right = self._entries()
        width = self.size.width
        pinned = [self._piece(entry) for entry in right]
        pinned_width = sum(piece.cell_len + 1 for piece in pinned)
        line = Text(no_wrap=True, overflow="crop")
        self._spans = []
        for entry in left:
            piece = self._piece(entry)
            if line.cell_len + piece.cell_len + 1 + pinned_width > width:
                break  # whole keys or nothing: a cut-off name helps nobody
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
