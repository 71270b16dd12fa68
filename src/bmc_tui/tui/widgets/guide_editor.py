"""The guided session's editor: the item editor brainstorming, where an empty enter (or tab)
goes on to the next question and shift+tab back to the one before.

It is the item editor itself, so every answer is kept by the screen's one ``keep_text`` (an
ordinary, undoable edit) and the key gate orders its keys exactly as it does the editor's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, Protocol, runtime_checkable

from textual.binding import BindingType
from textual.suggester import Suggester

from bmc_tui.core.guide import complete_tag
from bmc_tui.tui.keymap import Context, bindings
from bmc_tui.tui.widgets.item_editor import ItemEditor


@runtime_checkable
class GuideHost(Protocol):
    """The screen running the session, told at once (in key order) where to go."""

    def guide_step(self, step: int) -> None:
        """Ask the next (1) or previous (-1) question."""
        ...

    def guide_next_block(self) -> None:
        """Skip the rest of this block's questions."""
        ...

    def guide_left(self) -> None:
        """The person left the session (escape)."""
        ...

    def editor_placeholder(self, mode: str, width: int) -> str:
        """The editor's hint that fits ``width``."""
        ...


class TagSuggester(Suggester):
    """Completes the ``#tag`` being typed to a segment's tag (right arrow takes it)."""

    def __init__(self, tags: Callable[[], list[str]]) -> None:
        # The tags change as segments are named: no cache; the typed case is kept.
        super().__init__(use_cache=False, case_sensitive=True)
        self._tags = tags

    async def get_suggestion(self, value: str) -> str | None:
        return complete_tag(value, self._tags())


class GuideEditor(ItemEditor):
    # Over the item editor's: enter (kept here, as there, in the editor's own queue) and
    # escape get the guide's words; tab and shift+tab step through the questions.
    BINDINGS: ClassVar[list[BindingType]] = bindings(Context.GUIDE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Marked for the guide's own look; docked at the pane's foot as every new item is.
        self.add_class("-guide")

    def on_resize(self) -> None:
        # Opened as the canvas opens (``bmc-tui guide``), the pane had no width yet to fit
        # the hint to; now it has.
        if isinstance(host := self.screen, GuideHost):
            self.placeholder = host.editor_placeholder(self.target.mode, self.content_size.width)

    def _commit(self) -> None:
        if self.value.strip():
            super()._commit()  # kept as an item; the editor stays open for the next idea
        else:
            self._step(1)

    # Enter and escape are read in ``_on_key`` (as the item editor reads them); these run
    # them when the binding itself is used (a click on the key bar).
    def action_guide_keep(self) -> None:
        self._commit()

    def action_guide_leave(self) -> None:
        self._close()

    def action_guide_step(self, step: int) -> None:
        if self._kept():
            self._step(step)

    def action_guide_next_block(self) -> None:
        if self._kept() and isinstance(host := self.screen, GuideHost):
            self._finished = True
            host.guide_next_block()

    def _kept(self) -> bool:
        """What is typed is kept first, as enter would keep it; refused, it stays to fix
        (False: the question stays)."""
        if self.value.strip():
            super()._commit()
        return not self.value.strip()

    def _step(self, step: int) -> None:
        self._finished = True
        if isinstance(host := self.screen, GuideHost):
            # The host opens the next question's editor (focused at once) and removes this.
            host.guide_step(step)

    def _close(self) -> None:
        super()._close()
        if isinstance(host := self.screen, GuideHost):
            host.guide_left()
