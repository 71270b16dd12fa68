"""The one-line editor that opens inside a pane to add or change an item's text.

It exists only while the user types: panes hold no idle editors, so a canvas with nine panes
costs nine lists, not nine lists and nine inputs with blinking cursors.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal

from textual import events
from textual.binding import BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import Reactive
from textual.widget import Widget

from bmc_tui.core.catalogue import BlockId
from bmc_tui.core.model import MAX_TEXT_LENGTH
from bmc_tui.tui.keymap import Context, bindings
from bmc_tui.tui.widgets.ordered_input import OrderedInput

EditMode = Literal["add", "brainstorm", "edit"]


@dataclass(frozen=True, slots=True)
class EditTarget:
    """What the typed text is for: the item ``item_id`` (editing), or a new item placed after
    ``item_id`` (adding; at the end of the block when there is none)."""

    mode: EditMode
    block_id: BlockId
    item_id: str | None = None


class ItemEditor(OrderedInput):
    """Enter keeps the text, escape drops it (shown in the footer; handled in ``_on_key``)."""

    # Input resizes its virtual (scrollable) width on every keystroke, and a widget's
    # virtual size normally re-lays out the whole screen, which repaints every scrollbar on
    # it: two kilobytes per typed character over SSH. The editor's own size never depends
    # on its text, so a repaint of the editor itself is all that is needed.
    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)

    BINDINGS: ClassVar[list[BindingType]] = bindings(Context.EDITOR)

    class Committed(Message):
        """The user pressed enter on ``text`` for ``target``."""

        def __init__(self, editor: ItemEditor, target: EditTarget, text: str) -> None:
            super().__init__()
            self.editor = editor
            self.target = target
            self.text = text

    class Cancelled(Message):
        def __init__(self, editor: ItemEditor) -> None:
            super().__init__()
            self.editor = editor

    def __init__(
        self, target: EditTarget, return_to: Widget, value: str = "", placeholder: str = ""
    ) -> None:
        # No blinking cursor: over SSH a blink is bytes on the wire twice a second, forever.
        super().__init__(
            value=value,
            placeholder=placeholder,
            max_length=MAX_TEXT_LENGTH,
            classes="item-editor",
            # Editing starts with the cursor after the text: a stray key must not replace it.
            select_on_focus=False,
        )
        self.cursor_blink = False
        self.target = target
        self.return_to = return_to
        self._finished = False
        #: Set by the screen as each idea lands, so the next one goes in after it.
        self.last_added: str | None = None

    async def _on_key(self, event: events.Key) -> None:
        # Enter and escape are handled here, in this input's own queue, after every character
        # typed before them: as bindings they would be matched after the characters typed
        # *behind* them too, which over a slow link arrive in the same packet.
        if self._finished:
            # Keys typed after enter/escape in the same packet belong to the list again.
            event.stop()
            event.prevent_default()
            self.app.post_message(events.Key(event.key, event.character))
            return
        if event.key in ("enter", "escape"):
            event.stop()
            event.prevent_default()
            if event.key == "enter":
                self._commit()
            else:
                self._close()
                self.post_message(self.Cancelled(self))
            return
        await super()._on_key(event)

    def _on_paste(self, event: events.Paste) -> None:
        """A pasted list becomes items, one per line; nothing pasted is dropped.

        Textual's input keeps only the first line of a paste. Adding or brainstorming, each
        non-empty line is kept as its own item (lines longer than an item may be are split
        between words); editing, the lines are joined into the one text.
        """
        lines = [line.strip() for line in event.text.splitlines() if line.strip()]
        if len(lines) <= 1 and len(event.text) <= MAX_TEXT_LENGTH:
            super()._on_paste(event)
            return
        event.stop()
        if self.target.mode == "edit":
            self.insert_text_at_cursor(" ".join(lines))
            return
        first, *rest = _fit(lines)
        self.insert_text_at_cursor(first)
        # The first line joins what was typed; every further line is an idea of its own.
        text = self.value.strip()
        self.value = ""
        for idea in [text, *rest]:
            self.post_message(self.Committed(self, self.target, idea))
        if self.target.mode == "add":
            self._close()

    def _close(self) -> None:
        self._finished = True
        self.screen.set_focus(self.return_to)

    async def action_submit(self) -> None:
        self._commit()

    def _commit(self) -> None:
        # Decided here, in key order, not later in the screen's handler: the next idea's keys
        # belong to a fresh, empty editor, not to the idea just committed.
        text = self.value.strip()
        target = self.target
        if target.mode == "brainstorm" and text:
            self.value = ""
        else:
            self._close()
        self.post_message(self.Committed(self, target, text))

    def action_cancel(self) -> None:
        self._close()
        self.post_message(self.Cancelled(self))


def _fit(lines: list[str]) -> list[str]:
    """Lines no longer than an item's text may be, split between words where needed."""
    from bmc_tui.core.wrapping import wrap_offsets

    fitted: list[str] = []
    for line in lines:
        breaks = wrap_offsets(line, MAX_TEXT_LENGTH, indent=0)
        starts = [0, *breaks]
        ends = [*breaks, len(line)]
        fitted.extend(line[a:b].strip() for a, b in zip(starts, ends, strict=True))
    return [line for line in fitted if line]
