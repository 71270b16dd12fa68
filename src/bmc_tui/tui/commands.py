"""The command palette (``ctrl+p``): every action of the canvas by name, and a few more, in
the interface language."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar, cast

from rich.align import Align
from rich.text import Text
from textual.app import ComposeResult, SystemCommand
from textual.binding import BindingType
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.widgets.option_list import Option

from bmc_tui.core.catalogue import BLOCKS, LANGUAGES, Language
from bmc_tui.core.messages import LANGUAGE_NAMES, say
from bmc_tui.tui.keymap import Context, bindings, key_name, keys_for
from bmc_tui.tui.language import ui_language
from bmc_tui.tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from bmc_tui.tui.app import BmcApp
    from bmc_tui.tui.screens.canvas_screen import CanvasScreen

Command = tuple[str, Callable[[], object], str]


def system_commands(app: BmcApp, language: Language) -> Iterator[SystemCommand]:
    """Textual's own palette commands that make sense here, in ``language``.

    Textual's "Keys" panel is left out (it lists Textual's English copy of the bindings; the
    help screen shows every key in the interface language), and so is its "Quit": the
    canvas's keys, help and quit among them, are offered by ``CanvasCommands``. So are its
    "Maximize" (no pane here maximizes; ``z`` zooms) and "Screenshot" (an SVG of the screen
    is no part of a canvas; export writes the canvas itself).
    """

    def command(name: str, callback: Callable[[], Any]) -> SystemCommand:
        return SystemCommand(say(name, language), say(f"{name}-help", language), callback)

    yield command("palette-theme", app.action_change_theme)


class Palette(CommandPalette):
    """Textual's command palette with the editor's key bar: its own keys, in the
    interface language, where the canvas's would otherwise show through."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(Context.PALETTE)

    def compose(self) -> ComposeResult:
        yield from super().compose()
        yield KeyBar()

    def _start_no_matches_countdown(self, search_value: str) -> None:
        """Textual's "No matches found" is English only: the same notice, in the interface
        language. (Textual's own countdown, with its words replaced; pinned to Textual 8.)"""
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            # An empty search lists every command: "nothing found" would be false there.
            self._list_visible = bool(search_value)
            if search_value:
                words = say("palette-no-matches", ui_language(self))
                option = Option(
                    Align.center(Text(words, style="not bold")), disabled=True, id=self._NO_MATCHES
                )
                self.query_one(CommandList).add_option(option)

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)


class CanvasCommands(Provider):
    def _commands(self) -> list[Command]:
        from bmc_tui.tui.screens.canvas_screen import CanvasScreen

        screen: CanvasScreen | None = None
        for candidate in reversed(self.app.screen_stack):
            if isinstance(candidate, CanvasScreen):
                screen = candidate
                break
        if screen is None:
            return []
        language = cast("BmcApp", self.app).interface_language
        commands: list[Command] = []
        for block in BLOCKS:
            # The block's title as its pane shows it: in the canvas's own language.
            name = say(
                "palette-go-to-block",
                language,
                number=block.number,
                title=block.title(screen.language),
            )
            key = say("palette-key", language, key=block.number)
            commands.append((name, partial(screen.focus_block, block.id), key))
        # The canvas's keys by the names the key bar gives them (going to a block is above),
        # each action once: q and ctrl+q, u and ctrl+z do the same.
        # Each runs as its key does (screen.run_key), and only what can run now is offered:
        # "Next match" with no filter on would do nothing and say nothing.
        seen: set[str] = set()
        for row in keys_for(Context.ITEM_LIST, Context.CANVAS):
            action = row.action.removeprefix("screen.")
            if not row.bound or not row.named or "focus_block" in action or action in seen:
                continue
            seen.add(action)
            if not screen.offers(row):
                continue
            key = say("palette-key", language, key=key_name(row.keys.split(",")[0]))
            commands.append((row.description(language), partial(screen.run_key, row), key))
        for code in LANGUAGES:
            name = say("palette-canvas-language", language, name=LANGUAGE_NAMES[code])
            help_text = say("palette-canvas-language-help", language)
            commands.append((name, partial(screen.set_language, code), help_text))
        pins: list[tuple[str, Language | None]] = [
            (LANGUAGE_NAMES[code], code) for code in LANGUAGES
        ]
        pins.append((say("palette-ui-language-follow", language), None))
        for pin_name, pin in pins:
            name = say("palette-ui-language", language, name=pin_name)
            help_text = say("palette-ui-language-help", language)
            commands.append((name, partial(self._pin, pin), help_text))
        commands.append(
            (
                say("palette-check", language),
                screen.action_check,
                say("palette-check-help", language),
            )
        )
        commands.append(
            (
                say("palette-clear-marks", language),
                screen.clear_marks,
                say("palette-clear-marks-help", language),
            )
        )
        for fmt in ("md", "html", "json"):
            commands.append(
                (
                    say("palette-export", language, format=fmt.upper()),
                    partial(screen.export, fmt),
                    say("palette-export-help", language),
                )
            )
        return commands

    def _pin(self, language: Language | None) -> None:
        cast("BmcApp", self.app).pin_language(language)

    async def discover(self) -> Hits:
        for name, callback, help_text in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
