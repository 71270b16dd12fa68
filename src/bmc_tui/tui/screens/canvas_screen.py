"""The canvas: nine panes in the canonical grid, and every edit the user makes to them.

This screen owns the open ``CanvasDocument``. Panes and dialogs never change the canvas
themselves: they report what the user asked for, the screen applies it to the document
(which records it for undo) and pushes the result back down to the panes that changed.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Container
from textual.css.query import NoMatches
from textual.events import DescendantFocus, Key, Resize, ScreenResume
from textual.geometry import Region, Size
from textual.messages import Update
from textual.reactive import Reactive
from textual.widget import Widget
from textual.widgets import Input, Static

from bmc_tui.core.annotations import from_diff, from_findings
from bmc_tui.core.catalogue import (
    BLOCKS,
    BLOCKS_BY_ID,
    BLOCKS_BY_NUMBER,
    GRID_COLUMNS,
    GRID_ROWS,
    Block,
    BlockId,
    Language,
    StatusId,
)
from bmc_tui.core.document import Change
from bmc_tui.core.guide import split_answer
from bmc_tui.core.interface_language import interface_language
from bmc_tui.core.item_filter import ItemFilter
from bmc_tui.core.messages import change_words, say
from bmc_tui.core.model import Canvas, Item, tags_problem, text_problem
from bmc_tui.core.places import first_problem
from bmc_tui.core.presentation import (
    block_heading,
    category_label,
    guide,
    note_marker,
    shows_status,
    status_label,
    status_names,
)
from bmc_tui.core.session import CanvasSession, LockOutcome, PendingText
from bmc_tui.core.storage import CanvasError
from bmc_tui.tui.dialogs.base import Dialog
from bmc_tui.tui.dialogs.text_prompt import TextPrompt
from bmc_tui.tui.key_gate import gate_of
from bmc_tui.tui.keymap import EDITING_ACTIONS, KEYS_BY_ID, Context, bindings, editing_key
from bmc_tui.tui.keymap import Key as KeymapKey
from bmc_tui.tui.language import pinned_language
from bmc_tui.tui.screens.file_actions import DISK_CHECK_INTERVAL, FileActions
from bmc_tui.tui.widgets.block_pane import BlockPane, pane_id
from bmc_tui.tui.widgets.canvas_header import CanvasHeader
from bmc_tui.tui.widgets.filter_bar import FilterBar
from bmc_tui.tui.widgets.guide import HintLine
from bmc_tui.tui.widgets.item_editor import EditTarget, ItemEditor
from bmc_tui.tui.widgets.item_list import Direction, ItemList
from bmc_tui.tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from textual.suggester import Suggester
    from textual.timer import Timer

    from bmc_tui.core.annotations import Annotations
    from bmc_tui.tui.screens.guided_session import GuidedSession

#: Below this the nine panes cannot show their titles; the screen says so instead.
MIN_WIDTH = 60
MIN_HEIGHT = 18


def breakpoint_class(size: int, breakpoints: list[tuple[int, str]]) -> str:
    """The class Textual's breakpoints give a screen ``size`` cells wide (or high)."""
    return max((start, name) for start, name in breakpoints if start <= size)[1]


class CanvasScreen(FileActions):
    # Textual repaints the whole screen when focus moves (its `focused` reactive repaints);
    # here the widgets whose look depends on focus refresh themselves, so a pane move over
    # SSH sends two borders and two highlights instead of every cell on the screen.
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)

    HORIZONTAL_BREAKPOINTS = [  # noqa: RUF012 (Textual declares it an instance variable)
        (0, "-too-narrow"),
        (MIN_WIDTH, "-narrow"),
        (100, "-wide"),
        (160, "-very-wide"),
    ]
    VERTICAL_BREAKPOINTS = [  # noqa: RUF012
        (0, "-too-short"),
        (MIN_HEIGHT, "-short"),
        (34, "-tall"),
        (50, "-very-tall"),
    ]

    # Keys that are also characters live on the item lists, so they never fire while the
    # user is typing into an editor; here are only keys that cannot be typed as text.
    BINDINGS: ClassVar[list[BindingType]] = [
        *bindings(Context.CANVAS),
        # Zoom is a mode of this screen (see ``action_zoom``): its one key of its own.
        *bindings(Context.ZOOM),
    ]

    def __init__(
        self,
        session: CanvasSession,
        *,
        opening: LockOutcome = None,
        default_folder: Path | None = None,
        guide: bool = False,
    ) -> None:
        """``opening``: what taking the lock came to when the session opened (told or asked
        about once the screen is up); ``guide``: start the guided session once it is open
        (``bmc-tui guide FILE``)."""
        super().__init__()
        self.session = session
        self._opening = opening
        self.default_folder = default_folder
        self._keep_timer: Timer | None = None
        self._disk_question: asyncio.Future[str | None] | None = None
        self._disk_marks = False
        self.filter_text = ""
        self._segment_tags = session.document.canvas.segment_tags()
        #: Whether the panes mark every item's status (the canvas uses statuses).
        self._show_status = shows_status(session.document.canvas)
        #: The canvas and revision name that "compare" marks changes against, if on.
        self._compare_base: tuple[Canvas, str] | None = None
        self._checking = False
        self._annotations: tuple[Canvas, Annotations] | None = None
        # Keys typed while the editor starts (typed ahead over SSH) wait at the gate until the
        # panes are there and the first one has the focus: a "4" routed sooner was undone by
        # that first focus, and the idea typed after it landed in block 1.
        if (gate := gate_of(self.app)) is not None:
            gate.hold(self)
        self._hint_block: Block | None = None
        #: The block to go back to when the filter bar closes.
        self._filter_return = BLOCKS[0].id
        #: The block that fills the canvas (zoom), or ``None`` for all nine.
        self.zoomed: BlockId | None = None
        self._guide_on_open = guide
        #: The guided session while it runs (``G``, the palette, ``bmc-tui guide``).
        self.guided: GuidedSession | None = None
        #: Whether the screen has come to the top before (see on_screen_resume).
        self._resumed = False
        #: The size the screen's classes and layout were last made for (see on_resize).
        self._sized_for: Size | None = None
        #: The widget that had the focus last (see _refocus).
        self._last_focused: Widget | None = None

    # --- layout ----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        # Textual sets the breakpoint classes when the first Resize arrives, after the first
        # frame is drawn; every pane would then be styled, laid out and sent again. Set here,
        # before the panes exist, they cost one style pass of the screen alone.
        width, height = self.app.size
        self.add_class(
            breakpoint_class(width, self.HORIZONTAL_BREAKPOINTS),
            breakpoint_class(height, self.VERTICAL_BREAKPOINTS),
        )
        self._sized_for = self.app.size
        with Container(id="body"):
            yield CanvasHeader(id="canvas-header")
            with Container(id="canvas"):
                # The grid fills row by row; placing the panes in reading order of their
                # top-left corner puts each in its catalogue place.
                for block in sorted(BLOCKS, key=lambda b: (b.place.row, b.place.column)):
                    yield BlockPane(block, self.language)
            yield HintLine(id="hint")
        yield Static(self._too_small_text(), id="too-small")
        yield KeyBar()

    def _too_small_text(self) -> str:
        return say("too-small", self.ui_language, width=MIN_WIDTH, height=MIN_HEIGHT)

    def refresh_chrome(self) -> None:
        """Redraw the interface's own words after the interface language may have changed."""
        self.query_one("#too-small", Static).update(self._too_small_text())
        for bar in self.query("#filter").results(Input):
            bar.placeholder = say("filter-placeholder", self.ui_language)
        self.refresh_header()
        self.refresh_hint()
        self.refresh_bindings()
        for screen in self.app.screen_stack:
            if isinstance(screen, Dialog):
                screen.follow_language()

    def on_screen_resume(self, event: ScreenResume) -> None:
        # Runs before Textual's own handler. Every node of this screen was styled as it was
        # mounted, a moment before the screen first comes to the top, and Textual would
        # style them all again then: a quarter of the work before the first frame, and more
        # for each canvas opened later. Later resumes (back from a dialog, after which the
        # theme or the language may have changed) restyle as ever.
        if not self._resumed:
            self._resumed = True
            event.refresh_styles = False

    def on_resize(self, event: Resize) -> None:
        # Runs before Textual's own handler, which sets the size classes and lays the whole
        # screen out again and draws it for every Resize, even one to the size that was just
        # handled: as the editor starts, three arrive at the size the screen was composed
        # for (the app's first size, its first idle, the screen's own first layout), and
        # after a resize of the terminal the screen's own Resize follows the app's. A Resize
        # to another size is Textual's to handle.
        if event.size == self._sized_for:
            event.prevent_default()
        else:
            self._sized_for = event.size
            self.call_after_refresh(self._refocus)

    def on_mount(self) -> None:
        self.refresh_all()
        self.focus_block(BLOCKS[0].id)
        self.set_interval(DISK_CHECK_INTERVAL, self.check_disk)
        opening = self.guard_on_open()
        if self._guide_on_open and (gate := gate_of(self.app)) is not None:
            # The keys typed from the start are the first answer: they wait for its editor.
            gate.asks_from(opening)
        self.tell_conflicts()
        if (gate := gate_of(self.app)) is not None:
            gate.settled(self)

    def opened(self) -> None:
        if self._guide_on_open and not self.read_only:
            self.action_guide()

    def tell_conflicts(self) -> None:
        """Say how many merge conflicts the canvas holds, so none goes unnoticed."""
        from bmc_tui.core.conflicts import count_conflicts

        if count := count_conflicts(self.document.canvas):
            # One and many are different sentences, as the filter's count is.
            key = "conflicts-on-open-one" if count == 1 else "conflicts-on-open"
            message = say(key, self.ui_language, count=count)
            self.notify(message, severity="warning", timeout=10)

    def on_unmount(self) -> None:
        # However the app ends (a "Quit" answer, an error), the lock is not left behind.
        self.session.release()

    def set_read_only(self) -> None:
        """The session was opened read-only: show it, and grey out the editing keys."""
        self.refresh_header()
        self.refresh_bindings()

    #: Actions that change the canvas: refused (and left off the key bar) when read-only.
    EDITING_ACTIONS = EDITING_ACTIONS

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.read_only and action in self.EDITING_ACTIONS:
            return None  # the key then reaches ``on_key``, which says why it does nothing
        if action in ("step_match", "edit_note"):
            # n steps through the matches while a filter is on, and is the note's key else.
            return bool(self.filter_text) == (action == "step_match")
        if action == "unzoom":
            # Shown and bound only while zoomed; otherwise escape is the screen's own.
            return self.zoomed is not None
        return True

    def on_key(self, event: Key) -> None:
        """Read-only, an editing key is refused in one line that says why."""
        if not self.read_only:
            return
        contexts = (Context.CANVAS, Context.ITEM_LIST) if self._on_list() else (Context.CANVAS,)
        if (row := editing_key(event.key, *contexts)) is not None:
            event.stop()
            self.refuse_edit(row)

    def refuse_edit(self, row: KeymapKey) -> None:
        """Say, in one line, why ``row``'s change is not made: the canvas is read-only."""
        language = self.ui_language
        self.notify(
            say("read-only-refused", language, key=row.description(language)),
            severity="warning",
            timeout=3,
        )

    def offers(self, row: KeymapKey) -> bool:
        """Whether ``row``'s action can run now, for the palette: n steps through matches
        only while a filter is on, escape unzooms only while zoomed. (Read-only, an editing
        action is offered, and refused in words when chosen, as its key is.)"""
        action = row.action.removeprefix("screen.").split("(")[0]
        return self.check_action(action, ()) is not False

    async def run_key(self, row: KeymapKey) -> None:
        """``row``'s action as its key runs it, for the palette: a list's own keys (up,
        down, first…) on the selected block's list, an edit refused in words if read-only."""
        if self.read_only and row.edits:
            self.refuse_edit(row)
        elif row.context is Context.ITEM_LIST and not row.action.startswith(("screen.", "app.")):
            if (pane := self.current_pane) is not None:
                await pane.item_list.run_action(row.action)
        else:
            await self.run_action(row.action.removeprefix("screen."))

    def _on_list(self) -> bool:
        pane = self.current_pane
        return pane is not None and self.focused is pane.item_list

    @property
    def language(self) -> Language:
        """The canvas's language: its titles and questions are in it."""
        return self.document.canvas.header.language

    @property
    def ui_language(self) -> Language:
        """The interface's language: the canvas's, unless a setting pins another."""
        return interface_language(self.language, pinned_language(self))

    def pane(self, block_id: BlockId) -> BlockPane:
        return self.query_one(f"#{pane_id(BLOCKS_BY_ID[block_id])}", BlockPane)

    @property
    def panes(self) -> list[BlockPane]:
        return [self.pane(block.id) for block in BLOCKS]

    @property
    def current_pane(self) -> BlockPane | None:
        node = self.focused
        while node is not None and not isinstance(node, BlockPane):
            node = node.parent if isinstance(node.parent, Widget) else None
        return node

    @property
    def current_block(self) -> Block:
        pane = self.current_pane
        return pane.block if pane else BLOCKS[0]

    def selected_item(self) -> Item | None:
        pane = self.current_pane
        if pane is None or (item_id := pane.item_list.selected_id) is None:
            return None
        place = self.document.canvas.find(item_id)
        if place is None:
            return None
        block_id, index = place
        return self.document.canvas.items(block_id)[index]

    # --- pushing state down to the widgets -------------------------------------------------

    def refresh_all(self) -> None:
        self._show_status = shows_status(self.document.canvas)
        for block in BLOCKS:
            self.refresh_block(block.id)
        self.refresh_header()
        self.refresh_hint()

    def refresh_block(self, block_id: BlockId, select: str | None = None) -> None:
        pane = self.pane(block_id)
        pane.show_status = self._show_status
        pane.show(
            self.document.canvas.items(block_id),
            self.language,
            self._segment_tags,
            select=select,
            filter_text=self.filter_text,
            annotations=self.annotations,
            notes=block_id == self.zoomed,
        )

    @property
    def annotations(self) -> Annotations | None:
        """Marks for the current canvas, worked out once per canvas version."""
        if self._compare_base is None and not self._checking:
            return None
        canvas = self.document.canvas
        if self._annotations is None or self._annotations[0] is not canvas:
            # Imported on first use: most sessions never compare or check.
            from bmc_tui.core.diffing import diff_canvases
            from bmc_tui.core.lint import lint

            if self._compare_base is not None:
                base, name = self._compare_base
                marks = from_diff(
                    diff_canvases(base, canvas), name, self.language, self.ui_language
                )
            else:
                marks = from_findings(lint(canvas, canvas.header.lint_disable), self.ui_language)
            self._annotations = (canvas, marks)
        return self._annotations[1]

    def refresh_header(self) -> None:
        self.query_one(CanvasHeader).show(
            self.document.canvas.header,
            self.document.path,
            modified=self.document.modified,
            read_only=self.read_only,
            questions_hidden=self.questions_hidden,
            filtering=self._filter_status(),
            statuses=self.document.canvas.status_counts() if self._show_status else None,
        )

    def refresh_hint(self) -> None:
        block = self._hint_block = self.current_block
        hint = Text()
        if (annotations := self.annotations) is not None:
            hint.append(annotations.summary, style="bold reverse")
            hint.append(f"  {say('marks-escape-clears', self.ui_language)}\n", style="dim")
        hint_line = self.query_one("#hint", HintLine)
        if (item := self.selected_item()) is not None and item.has_note and self.zoomed is None:
            # The selected item's note in place of the questions (the pane shows those), so
            # a note is more than its ✎; zoom shows it whole.
            hint.append(f"{block_heading(block, self.language)} · ", style="bold")
            hint.append(f"{note_marker()} {say('note-preview', self.ui_language)}", "bold")
            hint_line.show_guide(hint, _first_words(item.note), self.language, separator=" ")
            return
        hint.append(f"{block_heading(block, self.language)}: ", style="bold")
        if self.zoomed is not None:
            # The questions fill the zoomed pane already; here, how zoom works.
            parts = [say("zoom-editing", self.ui_language)]
        elif self.questions_hidden:
            parts = []
        else:
            parts = [entry.text for entry in guide(block, self.language)]
        hint_line.show_guide(hint, parts, self.language)

    @on(ItemList.CursorMoved)
    def _cursor_moved(self, event: ItemList.CursorMoved) -> None:
        if event.control is not None and event.control.has_focus:
            self.refresh_hint()

    def apply(self, change: Change | None, *, move_focus: bool = True) -> None:
        """Show the effect of an edit: only the panes it touched are redrawn."""
        if change is None:
            return
        self.keep_soon()
        segment_tags = self.document.canvas.segment_tags()
        show_status = shows_status(self.document.canvas)
        blocks: set[BlockId] = set(change.blocks)
        if (
            change.header
            or segment_tags != self._segment_tags
            or show_status != self._show_status
            or self.annotations is not None
        ):
            # A new language, a renamed segment, or the first (or last) status set changes
            # how every pane reads.
            blocks = {block.id for block in BLOCKS}
        self._segment_tags = segment_tags
        self._show_status = show_status
        for block_id in blocks:
            select = change.focus[1] if change.focus and change.focus[0] == block_id else None
            self.refresh_block(block_id, select=select)
        if change.focus and move_focus:
            self.focus_block(change.focus[0])
        self.refresh_header()
        if change.header:
            # The canvas's language may be new, and the interface may follow it.
            self.refresh_chrome()
        else:
            # The selected item's note may have changed (its preview is in the hint).
            self.refresh_hint()
        if self.guided is not None:
            # What the question builds on may have changed.
            self.guided.refresh_panel()

    # --- moving around ---------------------------------------------------------------------

    def watch_focused(self, old: Widget | None, new: Widget | None) -> None:
        # A focus move is drawn in one frame. Textual hears of its parts one by one: the lists
        # through their Focus and Blur messages, the panes' borders through the style pass
        # after this, the hint when the caller updates it. Each repaint reaches the screen
        # when its widget next idles, and a frame may start in between, so a pane move took
        # two frames and settled a frame later. Here the lists redraw their focus look now,
        # and the screen hears at once of every widget a focus move repaints.
        if not self.is_mounted:
            return
        repainted: set[Widget] = set()
        for widget in (old, new):
            if widget is None or not widget.is_attached:
                continue
            if isinstance(widget, ItemList):
                widget.show_focus()
            pane = next((node for node in widget.ancestors if isinstance(node, BlockPane)), None)
            repainted.update(pane.walk_children(Widget, with_self=True) if pane else (widget,))
        repainted.update(self.query("#hint"))
        for widget in repainted:
            # Only what is laid out already: a widget just mounted (the filter bar, an item
            # editor) is drawn by the layout pass, which an early Update would pre-empt.
            if widget.region:
                self.post_message(Update(widget))

    def focus_block(self, block_id: BlockId) -> None:
        if self.zoomed is not None and self.zoomed != block_id:
            # Zoomed, a block number (or an item moved away) zooms to that block.
            self._zoom(block_id)
        # set_focus, not widget.focus(): the latter waits behind keys already queued, so
        # "4a" typed in one packet would add to the old block.
        self.set_focus(self.pane(block_id).item_list)
        # Now, in the same frame as the focus change, not when the focus message arrives.
        self._focus_moved()

    def action_focus_block(self, number: int) -> None:
        self.focus_block(BLOCKS_BY_NUMBER[number].id)

    def action_cycle_pane(self, step: int) -> None:
        number = (self.current_block.number - 1 + step) % len(BLOCKS) + 1
        self.action_focus_block(number)

    def leave_pane(self, direction: Direction) -> None:
        """The cursor went past the edge of a list: move to the pane next to it on screen."""
        pane = self.current_pane
        if pane is None or self.zoomed is not None:
            return
        neighbour = self._neighbour(pane, direction)
        if neighbour is None:
            return
        items = neighbour.item_list
        self.set_focus(items)
        self._focus_moved()
        if items.item_ids:
            if direction == "down":
                items.highlighted = 0
            elif direction == "up":
                items.highlighted = len(items.item_ids) - 1
            elif items.highlighted is None:
                items.highlighted = 0

    def _neighbour(self, pane: BlockPane, direction: Direction) -> BlockPane | None:
        """The pane next to ``pane`` on screen in ``direction``: the one that overlaps it most
        across that direction among the nearest. Computed from where the panes really are, so
        it follows any layout the CSS gives them."""
        origin = pane.region
        best: tuple[int, int, BlockPane] | None = None
        for other in self.panes:
            if other is pane:
                continue
            region = other.region
            gap, overlap = _gap_and_overlap(origin, region, direction)
            if gap < 0 or overlap <= 0:
                continue
            score = (gap, -overlap)
            if best is None or score < best[:2]:
                best = (*score, other)
        return best[2] if best else None

    @on(DescendantFocus)
    def _focus_moved(self, event: DescendantFocus | None = None) -> None:
        if event is not None:
            self._last_focused = event.widget
        # Focus outside the panes (the filter bar) keeps the hint of the block it came from.
        if self.current_pane is not None and self.current_block is not self._hint_block:
            self.refresh_hint()

    def _refocus(self) -> None:
        """Give the focus back once the canvas shows again after "too small": hidden, the
        widget that had it lost it, and no key would reach a pane. The same widget (an
        item being typed stays where the typing was), else the block it was in."""
        if self.focused is not None or not self.query_one("#body").display:
            return
        last = self._last_focused
        if last is not None and last.is_attached and last.focusable:
            self.set_focus(last)
        else:
            self.focus_block(self._hint_block.id if self._hint_block else BLOCKS[0].id)

    # --- editing items ---------------------------------------------------------------------

    def editor_placeholder(self, mode: str, width: int) -> str:
        """The longest of the editor's hints that fits ``width`` whole: the sentence, its
        short form, or the key's own name ("Brainstorm"), never a sentence cut off."""
        language = self.ui_language
        forms = [say(f"editor-{mode}", language), say(f"editor-{mode}-short", language)]
        fitting = [form for form in forms if cell_len(form) <= width]
        return fitting[0] if fitting else KEYS_BY_ID[mode].description(language)

    def open_editor(
        self,
        target: EditTarget,
        value: str = "",
        *,
        kind: type[ItemEditor] = ItemEditor,
        suggester: Suggester | None = None,
    ) -> None:
        """Open an item editor of ``kind`` (the guided session's own is one) for ``target``."""
        # Synchronous, start to end: the keys behind "a" are routed the moment this returns,
        # and must find the new editor focused (nothing here may wait on the message loop).
        pane = self.pane(target.block_id)
        for old in pane.query(ItemEditor):
            old.remove()
        placeholder = self.editor_placeholder(target.mode, pane.content_size.width)
        editor = kind(
            target, pane.item_list, value=value, placeholder=placeholder, suggester=suggester
        )
        if target.mode == "edit":
            self._place_on_item_line(pane, editor)
        # Focused at once, before the mount completes: the keys that follow "a" in the same
        # packet are the new item's text and must not reach the list's key bindings.
        pane.mount(editor)
        self.set_focus(editor)

    @staticmethod
    def _place_on_item_line(pane: BlockPane, editor: ItemEditor) -> None:
        """Editing, the editor covers the item's own line (on a layer above the list) rather
        than opening at the foot of the pane: the text is changed where it is read. Only the
        place differs, so the editor is mounted and focused at once as always."""
        items = pane.item_list
        line = items.line_of_selected()
        if line is None or not pane.content_region.height:
            return
        editor.add_class("-on-line")
        editor.styles.offset = (0, items.region.y - pane.content_region.y + line)

    def action_add_item(self) -> None:
        pane = self.current_pane
        if pane is not None:
            target = EditTarget("add", pane.block.id, item_id=pane.item_list.selected_id)
            self.open_editor(target)

    def action_brainstorm(self) -> None:
        pane = self.current_pane
        if pane is not None:
            target = EditTarget("brainstorm", pane.block.id, item_id=pane.item_list.selected_id)
            self.open_editor(target)

    def _insert_index(self, block_id: BlockId, after: str | None) -> int:
        """Just after ``after``, or at the end when it is gone (or was never there)."""
        items = self.document.canvas.items(block_id)
        for index, item in enumerate(items):
            if item.id == after:
                return index + 1
        return len(items)

    def action_edit_item(self) -> None:
        pane, item = self.current_pane, self.selected_item()
        if pane is None:
            return
        if item is None:
            self.action_add_item()
            return
        self.open_editor(EditTarget("edit", pane.block.id, item_id=item.id), value=item.text)

    def keep_text(self, editor: ItemEditor, text: str) -> str | None:
        """What the item editor's enter asks for, applied at once (see ``EditorHost``)."""
        target = editor.target
        # A guided answer may end in the tags of the segment it is for ("Box #cafes").
        text, tags = split_answer(text) if target.mode == "guide" else (text, ())
        refused = text_problem(text, multiline=False, language=self.ui_language)
        if refused is None and tags:
            refused = tags_problem(tags, self.ui_language)
        if refused is not None:
            return refused
        try:
            if target.mode == "edit":
                assert target.item_id is not None
                change = self.document.update_item(target.item_id, "edit item", text=text)
            else:
                # Placed after the idea this editor added last, else after the item it was
                # opened on.
                after = editor.last_added or target.item_id
                index = self._insert_index(target.block_id, after)
                change = self.document.add_item(target.block_id, index, text, tags)
                editor.last_added = change.focus[1] if change.focus else None
        except ValueError as error:
            return first_problem(error, language=self.ui_language)
        # The editor hands focus back itself (or keeps it, brainstorming).
        self.apply(change, move_focus=False)
        return None

    # --- the guided session (``tui/screens/guided_session.py``) ----------------------------

    def action_guide(self) -> None:
        """Start the guided session where it was left (or at the start); running, ask the
        question again (from the palette, where the focus may have gone elsewhere)."""
        if self.guided is None:
            from bmc_tui.tui.screens.guided_session import GuidedSession

            self.guided = GuidedSession(self)
            self.guided.start()
        else:
            self.guided.ask()

    def guide_step(self, step: int) -> None:
        if self.guided is not None:
            self.guided.step(step)

    def guide_next_block(self) -> None:
        if self.guided is not None:
            self.guided.next_block()

    def guide_left(self) -> None:
        if self.guided is not None:
            self.guided.leave()

    def action_delete_item(self) -> None:
        if (item := self.selected_item()) is not None:
            self.apply(self.document.delete_item(item.id))
            self.notify(say("notice-item-deleted", self.ui_language), timeout=2)

    def action_reorder_item(self, offset: int) -> None:
        if (item := self.selected_item()) is not None:
            self.apply(self.document.reorder_item(item.id, offset))

    def action_move_item(self) -> None:
        from bmc_tui.tui.dialogs.move_to_block import MoveToBlockDialog

        if (item := self.selected_item()) is None:
            return
        source = self.current_block

        def moved(number: int | None) -> None:
            if number is None:
                return
            target = BLOCKS_BY_NUMBER[number]
            change = self.document.move_item(item.id, target.id)
            self.apply(change)
            if change is not None and change.dropped_category is not None:
                label = category_label(source, change.dropped_category, self.language)
                self.notify(
                    say(
                        "move-dropped-category",
                        self.ui_language,
                        block=target.title(self.language),
                        category=label,
                    ),
                    severity="warning",
                    timeout=6,
                )

        dialog = MoveToBlockDialog(source, self.language, item.text)
        self.app.push_screen(dialog, moved)

    def action_edit_note(self) -> None:
        from bmc_tui.tui.dialogs.note import NoteDialog

        if (item := self.selected_item()) is None:
            return

        def edited(note: str | None) -> None:
            if note is not None:
                self._update(item.id, "edit note", note=note)

        self.app.push_screen(NoteDialog(item.text, item.note), edited)

    @work
    async def action_edit_note_externally(self) -> None:
        from bmc_tui.tui.external_editor import edit_in_external_editor

        if (item := self.selected_item()) is None:
            return
        result = edit_in_external_editor(self.app, item.note)
        if result.error:
            self.notify(result.error, severity="error")
        elif result.text is not None:
            problem = text_problem(result.text, multiline=True, language=self.ui_language)
            if problem is None:
                self._update(item.id, "edit note", note=result.text)
                return
            from bmc_tui.tui.dialogs.note import NoteDialog

            # Not thrown away: the note opens here, with the reason and the offer to clean.
            def edited(note: str | None) -> None:
                if note is not None:
                    self._update(item.id, "edit note", note=note)

            problem = f"{say('external-note-refused', self.ui_language)}\n{problem}"
            dialog = NoteDialog(item.text, result.text, problem)
            self.app.push_screen(dialog, edited)

    def action_set_category(self) -> None:
        from bmc_tui.tui.dialogs.category import CategoryDialog

        item, block = self.selected_item(), self.current_block
        if item is None:
            return
        if not block.categories:
            title = block.title(self.language)
            self.notify(say("notice-no-categories", self.ui_language, block=title), timeout=3)
            return

        def chosen(category: str | None) -> None:
            if category is not None:
                self._update(item.id, "set category", category=category or None)

        dialog = CategoryDialog(block, self.language, item.category, item.text)
        self.app.push_screen(dialog, chosen)

    def action_set_status(self) -> None:
        """How far the selected item's assumption has been tested: one digit, one undo step."""
        from bmc_tui.tui.dialogs.status import StatusDialog

        if (item := self.selected_item()) is None:
            return

        def chosen(status: StatusId | None) -> None:
            if status is not None and status != item.status:
                self._update(item.id, "set status", status=status)
                label = status_label(status, self.ui_language)
                self.notify(say("status-set", self.ui_language, status=label), timeout=3)

        dialog = StatusDialog(item.status, item.text)
        self.app.push_screen(dialog, chosen)

    def action_set_tags(self) -> None:
        from bmc_tui.tui.dialogs.tags import TagsDialog

        if (item := self.selected_item()) is None:
            return
        known = sorted(
            {tag for _, _, other in self.document.canvas.all_items() for tag in other.tags}
        )

        def chosen(tags: tuple[str, ...] | None) -> None:
            if tags is not None:
                self._update(item.id, "set tags", tags=tags)

        self.app.push_screen(TagsDialog(item.tags, known, item.text), chosen)

    def action_resolve_conflict(self) -> None:
        """Offer each version of a conflicting item (and both); the core builds the result."""
        from bmc_tui.core.conflicts import find_pair

        if (item := self.selected_item()) is None:
            return
        pair = find_pair(self.document.canvas, item.id)
        if pair is None:
            self.notify(say("not-a-conflict", self.ui_language), timeout=3)
            return
        language = self.ui_language
        keys = {"ours": "o", "theirs": "t", "both": "b", "keep": "k", "delete": "d"}
        answers: list[tuple[str, str, str]] = [
            (choice, say(f"resolve-{choice}", language), keys[choice]) for choice in pair.choices
        ]
        if pair.copy is not None:
            ours, theirs = pair.original, pair.copy
            if ours.status != theirs.status:
                # Both sides' texts may be the same: then only the statuses tell them apart.
                ours_words = f"{ours.text} ({status_label(ours.status, language)})"
                theirs_words = f"{theirs.text} ({status_label(theirs.status, language)})"
            else:
                ours_words, theirs_words = ours.text, theirs.text
            detail = say("resolve-detail-pair", language, ours=ours_words, theirs=theirs_words)
        else:
            detail = say("resolve-detail-single", language)
        from bmc_tui.tui.dialogs.choice import ChoiceDialog

        def chosen(choice: str | None) -> None:
            offered = {option: option for option in pair.choices}
            if choice is not None and choice in offered:
                self.apply(self.document.resolve_conflict(item.id, offered[choice]))
                self.notify(say("resolved", language), timeout=3)

        question = say("resolve-title", language, item=item.text)
        self.app.push_screen(
            ChoiceDialog(question, answers, default=answers[0][0], detail=detail), chosen
        )

    def _update(self, item_id: str, description: str, **fields: object) -> None:
        try:
            self.apply(self.document.update_item(item_id, description, **fields))
        except ValueError as error:
            problem = first_problem(error, language=self.ui_language)
            title = say("notice-not-changed", self.ui_language)
            self.notify(problem, title=title, severity="error")

    # --- the canvas as a whole -------------------------------------------------------------

    def action_undo(self) -> None:
        self._tell_history(self.document.undo(), "undone", "nothing-to-undo")

    def action_redo(self) -> None:
        self._tell_history(self.document.redo(), "redone", "nothing-to-redo")

    def _tell_history(self, change: Change | None, done: str, nothing: str) -> None:
        """Apply an undo or redo, with the cursor where it happened, and say what it was."""
        if change is None:
            self.notify(say(nothing, self.ui_language), timeout=2)
            return
        # Guided, the focus stays in the guide's editor: the next answer is typed there.
        self.apply(change, move_focus=self.guided is None)
        what = change_words(change.description, self.ui_language)
        self.notify(say(done, self.ui_language, what=what), timeout=3)

    def action_edit_header(self) -> None:
        from bmc_tui.tui.dialogs.header_form import HeaderDialog

        def edited(header: object) -> None:
            from bmc_tui.core.model import Header

            if isinstance(header, Header):
                self.apply(self.document.set_header(header))

        self.app.push_screen(HeaderDialog(self.document.canvas.header), edited)

    def set_language(self, language: Language) -> None:
        header = self.document.canvas.header.model_copy(update={"language": language})
        self.apply(self.document.set_header(header))

    @property
    def questions_hidden(self) -> bool:
        """Whether ``g`` has hidden the blocks' questions (said in the header)."""
        return self.has_class("-hide-guides")

    def action_toggle_guides(self) -> None:
        self.toggle_class("-hide-guides")
        # Said in the header, and the hint under the canvas (where the questions go at
        # 80x24) drops them too: ``g`` visibly does something at every size.
        self.refresh_header()
        self.refresh_hint()

    def action_zoom(self) -> None:
        """One block on the whole canvas, or back to all nine.

        Zoom is a mode of this screen rather than a screen of its own: the zoomed pane is the
        same pane, with the same item list, editor and dialogs, so every item key works there
        and every edit goes through the one document. The other panes are hidden and this one
        spans the grid; its notes are drawn whole under their items."""
        pane = self.current_pane
        if pane is not None:
            self._zoom(None if self.zoomed == pane.block.id else pane.block.id)

    def action_unzoom(self) -> None:
        if self.filter_text or self.query("#filter"):
            self.key_escape()
        else:
            self._zoom(None)

    def _zoom(self, block_id: BlockId | None) -> None:
        previous, self.zoomed = self.zoomed, block_id
        self.set_class(block_id is not None, "-zoomed")
        for pane in self.panes:
            on = pane.block.id == block_id
            pane.set_class(on, "-zoomed")
            place = pane.block.place
            pane.styles.column_span = GRID_COLUMNS if on else place.column_span
            pane.styles.row_span = GRID_ROWS if on else place.row_span
        for changed in {previous, block_id} - {None}:
            assert changed is not None
            self.refresh_block(changed)
        if block_id is not None:
            self.set_focus(self.pane(block_id).item_list)
        self.refresh_hint()
        self.refresh_bindings()

    def action_help(self) -> None:
        from bmc_tui.tui.screens.help_screen import HelpScreen

        self.app.push_screen(HelpScreen(self.ui_language))

    # --- filter ----------------------------------------------------------------------------

    def action_filter(self) -> None:
        if self.current_pane is not None:
            self._filter_return = self.current_block.id
        try:
            bar = self.query_one("#filter", Input)
        except NoMatches:
            placeholder = say("filter-placeholder", self.ui_language)
            bar = FilterBar(value=self.filter_text, placeholder=placeholder, id="filter")
            bar.cursor_blink = False
            self.query_one("#body").mount(bar, before="#hint")
        # At once, as for the item editor: the keys after "/" are the filter text.
        self.set_focus(bar)

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.filter_text = event.value.strip()
        for block in BLOCKS:
            self.refresh_block(block.id)
        self.refresh_header()
        self.refresh_bindings()

    def matches(self) -> list[tuple[BlockId, int]]:
        """The items the filter matches, in canvas order (block by block, top to bottom)."""
        query = ItemFilter.parse(self.filter_text)
        if not query.active:
            return []
        canvas = self.document.canvas
        return [
            (block.id, index)
            for block in BLOCKS
            for index, item in enumerate(canvas.items(block.id))
            if query.matches(item)
        ]

    def _filter_status(self) -> str | None:
        """The header's word on the filter: how many items match, or that none do."""
        if not self.filter_text:
            return None
        count = len(self.matches())
        language, text = self.ui_language, self.filter_text
        unknown = ItemFilter.parse(text).unknown_status
        if unknown is not None:
            # A misspelt status: say which there are, so the filter teaches its own words.
            return say(
                "filter-unknown-status", language, text=unknown, statuses=status_names(language)
            )
        if count == 0:
            return say("filter-none", language, text=text)
        key = "filter-count-one" if count == 1 else "filter-count"
        return say(key, language, count=count, text=text)

    def action_step_match(self, step: int) -> None:
        """n / N: the next (or previous) match after the selection, round the canvas."""
        matches = self.matches()
        if not matches:
            self.notify(say("filter-none", self.ui_language, text=self.filter_text), timeout=3)
            return
        order = [block.id for block in BLOCKS]
        pane = self.current_pane
        here = (
            (order.index(pane.block.id), pane.item_list.highlighted or 0)
            if pane is not None
            else (-1, 0)
        )
        places = [(order.index(block_id), index) for block_id, index in matches]
        if step > 0:
            after = [place for place in places if place > here]
            target = after[0] if after else places[0]
        else:
            before = [place for place in places if place < here]
            target = before[-1] if before else places[-1]
        block_id = order[target[0]]
        self.focus_block(block_id)
        self.pane(block_id).item_list.highlighted = target[1]

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_block(self._filter_return)
        if not self.filter_text:
            event.input.remove()
        self._focus_first_match()

    def _focus_first_match(self) -> None:
        if not self.filter_text:
            return
        if matches := self.matches():
            block_id, index = matches[0]
            self.focus_block(block_id)
            self.pane(block_id).item_list.highlighted = index
        else:
            self.notify(say("filter-none", self.ui_language, text=self.filter_text), timeout=3)

    def action_close_filter(self) -> None:
        """escape in the filter bar: the filter cleared, back to the block it came from."""
        self.key_escape()

    def clear_filter(self) -> None:
        for bar in self.query("#filter"):
            bar.remove()
        if self.filter_text:
            self.filter_text = ""
            for block in BLOCKS:
                self.refresh_block(block.id)
            self.refresh_header()
            self.refresh_bindings()

    def key_escape(self) -> None:
        # Escape in the filter bar or on a list clears the filter and any marks (editors
        # handle their own escape); zoomed, the "unzoom" binding comes here first.
        if self.filter_text or self.query("#filter"):
            in_bar = self.current_pane is None
            # Focus first: removing the focused bar would hand the focus to the first pane.
            self.focus_block(self._filter_return if in_bar else self.current_block.id)
            self.clear_filter()
        elif self.annotations is not None:
            self.clear_marks()

    # --- what is being typed ---------------------------------------------------------------

    def pending_texts(self) -> list[PendingText]:
        """Text typed but not committed yet — in an item editor before enter, in the note
        dialog before it is kept — for the recovery file, should the editor be stopped now."""
        # Imported here: the first frame needs neither the note dialog nor its TextArea.
        from textual.widgets import TextArea

        from bmc_tui.tui.dialogs.note import NoteDialog

        pending = [
            PendingText(
                editor.target.block_id,
                editor.target.item_id
                if editor.target.mode == "edit"
                else editor.last_added or editor.target.item_id,
                editor.value,
                new_item=editor.target.mode != "edit",
            )
            for editor in self.query(ItemEditor)
            if not editor._finished
        ]
        item = self.selected_item()
        for dialog in self.app.screen_stack:
            # The note dialog is modal: the item selected now is the one it was opened for.
            if (
                isinstance(dialog, NoteDialog)
                and item is not None
                and dialog.item_text == item.text
            ):
                note = dialog.query_one(TextArea).text
                pending.append(PendingText(self.current_block.id, item.id, note, field="note"))
        return pending

    # --- compare and check -----------------------------------------------------------------

    def clear_marks(self) -> None:
        self._compare_base = None
        self._checking = False
        self._annotations = None
        self.refresh_all()

    def action_compare(self) -> None:
        """Mark what changed since a git revision (HEAD unless the user names another)."""
        path = self.document.path
        if path is None or not path.exists():
            message = say("notice-compare-needs-file", self.ui_language)
            self.notify(message, severity="warning")
            return

        def chosen(revision: str | None) -> None:
            if revision is not None:
                self.compare_with(revision)

        self.app.push_screen(
            TextPrompt(
                say("dialog-compare-title", self.ui_language),
                "HEAD",
                say("dialog-compare-help", self.ui_language),
            ),
            chosen,
        )

    def show_comparison(self, base: Canvas, name: str) -> None:
        """Mark how the canvas differs from ``base`` (a git revision, the file on disk)."""
        self._checking = False
        self._compare_base = (base, name)
        self._annotations = None
        self.refresh_all()

    def compare_with(self, revision: str) -> None:
        from bmc_tui.core.gitintegration import GitError, file_at_revision
        from bmc_tui.core.storage import decode, parse

        path = self.document.path
        assert path is not None
        try:
            data = file_at_revision(path, revision)
            base = parse(path, decode(path, data))
        except GitError as error:
            title = say("session-cannot-compare", self.ui_language)
            self.notify(str(error), title=title, severity="error", timeout=8)
            return
        except CanvasError as error:
            title = say("notice-revision-unreadable", self.ui_language, revision=revision)
            self.notify(error.summary, title=title, severity="error")
            return
        self.show_comparison(base, revision)

    def action_check(self) -> None:
        """Mark what the lint rules find (the same rules as ``bmc-tui check``)."""
        self._compare_base = None
        self._checking = True
        self._annotations = None
        self.refresh_all()


def _first_words(note: str, enough: int = 400) -> list[str]:
    """The note's first words, as many as two lines of any terminal could show: the hint
    fits words one by one, and a note may be thousands of them long."""
    words: list[str] = []
    length = 0
    for word in note.split():
        if length > enough:
            break
        words.append(word)
        length += len(word) + 1
    return words


def _gap_and_overlap(origin: Region, other: Region, direction: Direction) -> tuple[int, int]:
    """How far ``other`` lies from ``origin`` in ``direction`` and how much they overlap
    across it; a negative gap means ``other`` is not in that direction at all."""
    if direction in ("left", "right"):
        gap = other.x - origin.right if direction == "right" else origin.x - other.right
        overlap = min(origin.bottom, other.bottom) - max(origin.y, other.y)
    else:
        gap = other.y - origin.bottom if direction == "down" else origin.y - other.bottom
        overlap = min(origin.right, other.right) - max(origin.x, other.x)
    return gap, overlap
