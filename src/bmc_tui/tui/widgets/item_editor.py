"""The one-line editor that opens inside a pane to add or change an item's text.

It exists only while the user types: panes hold no idle editors, so a canvas with nine panes
costs nine lists, not nine lists and nine inputs with blinking cursors.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal, Protocol, runtime_checkable

from textual import events
from textual.binding import BindingType
from textual.geometry import Size
from textual.reactive import Reactive
from textual.suggester import Suggester
from textual.widget import Widget

from bmc_tui.core.catalogue import BlockId, Language
from bmc_tui.core.messages import say
from bmc_tui.core.model import MAX_TEXT_LENGTH, clean_text
from bmc_tui.tui.key_gate import gate_of
from bmc_tui.tui.keymap import Context, bindings
from bmc_tui.tui.widgets.ordered_input import OrderedInput

#: "guide" is brainstorming inside the guided session (``widgets.guide_editor``).
EditMode = Literal["add", "brainstorm", "edit", "guide"]


@dataclass(frozen=True, slots=True)
class EditTarget:
    """What the typed text is for: the item ``item_id`` (editing), or a new item placed after
    ``item_id`` (adding; at the end of the block when there is none)."""

    mode: EditMode
    block_id: BlockId
    item_id: str | None = None


@runtime_checkable
class EditorHost(Protocol):
    """The screen that owns the canvas, told directly (not by message) what the editor
    decided, so the edit has landed before the next key in the stream is routed."""

    def keep_text(self, editor: ItemEditor, text: str) -> str | None:
        """Apply ``text``; ``None`` when kept, else the reason it was refused, in words."""
        ...


class ItemEditor(OrderedInput):
    """Enter keeps the text, escape drops it (shown in the footer; handled in ``_on_key``)."""

    # Input resizes its virtual (scrollable) width on every keystroke, and a widget's
    # virtual size normally re-lays out the whole screen, which repaints every scrollbar on
    # it: two kilobytes per typed character over SSH. The editor's own size never depends
    # on its text, so a repaint of the editor itself is all that is needed.
    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)

    BINDINGS: ClassVar[list[BindingType]] = bindings(Context.EDITOR)

    def __init__(
        self,
        target: EditTarget,
        return_to: Widget,
        value: str = "",
        placeholder: str = "",
        suggester: Suggester | None = None,
    ) -> None:
        # No blinking cursor: over SSH a blink is bytes on the wire twice a second, forever.
        super().__init__(
            value=value,
            placeholder=placeholder,
            max_length=MAX_TEXT_LENGTH,
            classes="item-editor",
            # Editing starts with the cursor after the text: a stray key must not replace it.
            select_on_focus=False,
            suggester=suggester,
        )
        self.cursor_blink = False
        if target.mode != "edit":
            # A new item's line is at the foot of the pane (app.tcss), in sight even where
            # the guiding questions fill an empty block; an edit covers the item's own line.
            self.add_class("-at-foot")
        self.target = target
        self.return_to = return_to
        self._finished = False
        #: The key or paste being handled, for the key gate when it closes the editor.
        self._handling: events.Key | events.Paste | None = None
        #: Set by the screen as each idea lands, so the next one goes in after it.
        self.last_added: str | None = None

    async def _on_key(self, event: events.Key) -> None:
        # Enter and escape are handled here, in this input's own queue, after every character
        # typed before them: as bindings they would be matched after the characters typed
        # *behind* them too, which over a slow link arrive in the same packet.
        self._handling = event
        try:
            if self._finished:
                # Only when the key gate gave up waiting: the key belongs to the canvas.
                event.stop()
                event.prevent_default()
                self.app.post_message(events.Key(event.key, event.character))
            elif event.key in ("enter", "escape"):
                event.stop()
                event.prevent_default()
                if event.key == "enter":
                    self._commit()
                else:
                    self._close()
            else:
                await super()._on_key(event)
        finally:
            if event._stop_propagation:
                # Acted on here and going no further: the keys behind it may go on.
                self._settled()

    def _on_paste(self, event: events.Paste) -> None:
        """A pasted list becomes items, one per line; nothing pasted is dropped.

        Textual's input keeps only the first line of a paste. Adding or brainstorming, each
        non-empty line is kept as its own item (lines longer than an item may be are split
        between words); editing, the lines are joined into the one text. Characters an item
        may not hold (a spreadsheet's tabs) are cleaned as the model says, and the editor
        says so.
        """
        self._handling = event
        # Handled here alone: Textual would also run Input's own paste handler after this
        # one (handlers run down the class tree), and a line pasted once was typed twice.
        event.stop()
        event.prevent_default()
        if self._finished:
            return
        try:
            self._paste_lines(event)
        finally:
            self._settled()

    def _paste_lines(self, event: events.Paste) -> None:
        lines = [line.strip() for line in event.text.splitlines() if line.strip()]
        cleaned = [clean_text(line) for line in lines]
        if cleaned != lines:
            self.notify(say("paste-cleaned", self._language), timeout=6)
        if self.target.mode == "edit" or len(cleaned) <= 1:
            self.insert_text_at_cursor(" ".join(cleaned))
            return
        first, *rest = _fit(cleaned)
        self.insert_text_at_cursor(first)
        # The first line joins what was typed; every further line is an idea of its own.
        text = self.value.strip()
        self.value = ""
        host = self._host()
        for index, idea in enumerate([text, *rest]):
            refused = host.keep_text(self, idea) if host and idea else None
            if refused:
                # Kept to fix, with every idea not yet added: nothing pasted is lost.
                self.value = " ".join([idea, *[*[text, *rest][index + 1 :]]])
                self.notify(refused, title=say("not-kept", self._language), severity="error")
                return
        if self.target.mode == "add":
            self._close()

    @property
    def _language(self) -> Language:
        host = self._host()
        return getattr(host, "language", "en") if host is not None else "en"

    def _host(self) -> EditorHost | None:
        screen = self.screen
        return screen if isinstance(screen, EditorHost) else None

    def _close(self) -> None:
        """Hand the keys back to the list and go: at once, so the next key reaches it."""
        self._finished = True
        self.screen.set_focus(self.return_to)
        self.remove()
        self._settled()

    def _settled(self) -> None:
        """Tell the key gate the key (or paste) in hand has been acted on, focus moved and
        text applied: sooner than its follower through the queues would, and surely, for a
        closing editor's queue may be dropped with the follower still in it."""
        if (gate := gate_of(self.app)) is not None and self._handling is not None:
            gate.settled(self._handling)

    async def action_submit(self) -> None:
        self._commit()

    def _commit(self) -> None:
        # Decided and applied here, in key order, not later in a message handler: the keys
        # behind enter (held at the gate until now) belong to whatever comes next.
        text = self.value.strip()
        host = self._host()
        refused = host.keep_text(self, text) if host is not None and text else None
        if refused:
            # Nothing typed is lost: the text stays here to fix, and the reason is shown.
            self.notify(refused, title=say("not-kept", self._language), severity="error")
            return
        if self.target.mode in ("brainstorm", "guide") and text:
            self.value = ""
        else:
            self._close()

    def action_cancel(self) -> None:
        self._close()


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
