"""The command palette (``ctrl+p``): every action of the canvas by name, and a few more."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

from bmc_tui.core.catalogue import BLOCKS
from bmc_tui.core.messages import LANGUAGE_NAMES
from bmc_tui.tui.keymap import Context, keys_for

if TYPE_CHECKING:
    from bmc_tui.tui.screens.canvas_screen import CanvasScreen


class CanvasCommands(Provider):
    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        from bmc_tui.tui.screens.canvas_screen import CanvasScreen

        screen: CanvasScreen | None = None
        for candidate in reversed(self.app.screen_stack):
            if isinstance(candidate, CanvasScreen):
                screen = candidate
                break
        if screen is None:
            return []
        commands: list[tuple[str, Callable[[], object], str]] = []
        for block in BLOCKS:
            commands.append(
                (
                    f"Go to block {block.number}: {block.title(screen.language)}",
                    partial(screen.focus_block, block.id),
                    f"key {block.number}",
                )
            )
        # The canvas's keys by the names the key bar gives them (going to a block is above).
        for key in keys_for(Context.ITEM_LIST, Context.CANVAS):
            if not key.bound or "focus_block" in key.action:
                continue
            action = key.action.removeprefix("screen.")
            first = key.keys.split(",")[0]
            commands.append((key.description, partial(screen.run_action, action), f"key {first}"))
        for code, name in LANGUAGE_NAMES.items():
            commands.append(
                (f"Language: {name}", partial(screen.set_language, code), "canvas language")
            )
        commands.append(
            ("Check canvas", screen.action_check, "mark what the lint rules find (bmc-tui check)")
        )
        commands.append(("Clear marks", screen.clear_marks, "remove compare/check marks (escape)"))
        for fmt in ("md", "html", "json"):
            commands.append(
                (
                    f"Export as {fmt.upper()}",
                    partial(screen.export, fmt),
                    "writes beside the canvas",
                )
            )
        return commands

    async def discover(self) -> Hits:
        for name, callback, help_text in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
