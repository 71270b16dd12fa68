"""Every key of the editor, as data: one table that the widgets, the help screen, the key bar
and the command palette all read.

A widget's ``BINDINGS`` are built from its context's rows, the help screen lists the rows of
the contexts it explains, and the palette offers the canvas actions by the same names. So a
key is written once, and nothing imports a screen to learn its keys (as harlequin keeps its
keymap).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from textual.binding import Binding, BindingType

from bmc_tui.core.catalogue import BLOCKS, Language
from bmc_tui.core.messages import MESSAGES, say
from bmc_tui.core.presentation import status_legend


class Context(StrEnum):
    """Where a key works: the widget or screen whose bindings it is."""

    APP = "app"
    CANVAS = "canvas"
    ITEM_LIST = "item list"
    EDITOR = "editor"
    MOVE = "move to block"
    MOVE_DIALOG = "move dialog"
    ZOOM = "zoom"
    HELP = "help"
    LOAD_ERROR = "load error"
    DIALOG = "dialog"
    NOTE = "note"
    NOTE_TEXT = "note text"
    FILTER = "filter"
    DIALOG_FIELD = "dialog field"
    DIALOG_LIST = "dialog list"
    HEADER = "header"
    PALETTE = "palette"
    GUIDE = "guide"


@dataclass(frozen=True, slots=True)
class Key:
    """One row of the table.

    A key's words live in the message catalogue (``core.messages``), in Danish and English:
    ``key-<id>`` is the short name the key bar and the palette show, ``keyhelp-<id>`` (where
    there is one) the longer sentence of the help screen. The catalogue, not this table, so
    that every sentence the product says is in one place that one test checks for both
    languages; the table stays what it is, which key does what where.

    A row with ``bound=False`` exists only for people: a summary of several keys ("1-9"), or
    a key handled outside Textual's bindings (digits in the move dialog). A row with
    ``named=False`` has no words: it is never shown, listed or offered.
    """

    id: str
    keys: str
    action: str
    context: Context
    show: bool = True
    priority: bool = False
    bound: bool = True
    named: bool = True
    #: How much the key bar wants the key: when the line is too short, the lowest rank goes
    #: first. ``pinned`` keys (help, quit) are drawn at the right end and never dropped.
    rank: int = 0
    pinned: bool = False
    #: The key changes the canvas: refused, with a reason, and left off the key bar when the
    #: canvas is open read-only.
    edits: bool = False
    #: How the key bar writes the key, when not by its name: "1-9" for the row that stands
    #: for nine digits.
    key_display: str | None = None

    def description(self, language: Language) -> str:
        """The key's short name (the key bar, the palette), or "" for a row without one."""
        return say(f"key-{self.id}", language) if self.named else ""

    def help(self, language: Language) -> str:
        """The help screen's sentence for the key: its help text, else its name.

        A help text may name the statuses (``{statuses}``): they are the catalogue's data.
        """
        key = f"keyhelp-{self.id}"
        if key not in MESSAGES:
            return self.description(language)
        return say(key, language, statuses=status_legend(language))

    def binding(self) -> Binding:
        # Textual's copy of the words is the English one; what a person reads (the key bar,
        # help, the palette) is looked up by id in the interface language.
        return Binding(
            self.keys,
            self.action,
            self.description("en"),
            show=self.show,
            priority=self.priority,
            tooltip=self.help("en"),
            id=self.id,
            key_display=self.key_display,
        )


# Keys that are also characters live on the item lists, so they never fire while the user is
# typing into an editor; the canvas screen holds only keys that cannot be typed as text.
#
# The item lists' keys are priority bindings: they are matched the moment a key arrives, in
# arrival order. Ordinary bindings are matched only after the key has passed through the
# widget that had focus when it arrived, so over a slow link "4a" in one packet would add to
# the old block.
#: What joins the keys of a sequence in a row ("m then 1-9"); the help says it in words.
THEN = " then "

KEYS: tuple[Key, ...] = (
    # --- the whole program -------------------------------------------------------------------
    # Bound here rather than left to Textual, so the key bar finds its words by id.
    Key("command-palette", "ctrl+p", "command_palette", Context.APP, show=False, priority=True),
    # Shown where no plain ``q`` quits (a dialog, an editor): quit is on every key bar.
    Key("app-quit", "ctrl+q", "quit", Context.APP, priority=True, pinned=True),
    # Only the cells that change are sent (tui/terminal_image.py): after something else wrote
    # to the terminal (a background job, ``wall``), ctrl+l draws every cell again, as in a
    # shell. A dialog's own ctrl+l (the note's "clean") comes first there.
    Key("redraw", "ctrl+l", "redraw", Context.APP, show=False),
    # --- the canvas screen -------------------------------------------------------------------
    Key("go-to-block", "1-9", "focus_block", Context.CANVAS, bound=False),
    Key("next-block", "tab", "cycle_pane(1)", Context.CANVAS, show=False),
    Key("previous-block", "shift+tab", "cycle_pane(-1)", Context.CANVAS, show=False),
    Key("undo-ctrl", "ctrl+z", "undo", Context.CANVAS, show=False, edits=True),
    Key("redo", "ctrl+r,ctrl+y", "redo", Context.CANVAS, show=False, edits=True),
    Key("save", "ctrl+s", "save", Context.CANVAS, rank=80, edits=True),
    Key("help-f1", "f1", "help", Context.CANVAS, show=False, pinned=True),
    # For when no list has the focus (the "terminal too small" message); typed into an
    # editor, q is text, and the lists bind it themselves.
    Key("quit-anywhere", "q", "app.quit", Context.CANVAS, show=False, pinned=True),
    # --- a block's item list -----------------------------------------------------------------
    *(
        Key(
            f"go-to-{block.id.value}",
            str(block.number),
            f"screen.focus_block({block.number})",
            Context.ITEM_LIST,
            show=False,
            priority=True,
            named=False,
        )
        for block in BLOCKS
    ),
    Key("add", "a", "screen.add_item", Context.ITEM_LIST, priority=True, rank=90, edits=True),
    Key(
        "brainstorm",
        "b",
        "screen.brainstorm",
        Context.ITEM_LIST,
        priority=True,
        rank=30,
        edits=True,
    ),
    Key(
        "edit", "e,enter", "screen.edit_item", Context.ITEM_LIST, priority=True, rank=85, edits=True
    ),
    Key("note", "n", "screen.edit_note", Context.ITEM_LIST, priority=True, rank=50, edits=True),
    Key(
        "note-editor",
        "E",
        "screen.edit_note_externally",
        Context.ITEM_LIST,
        show=False,
        priority=True,
        edits=True,
    ),
    Key(
        "delete",
        "d,delete",
        "screen.delete_item",
        Context.ITEM_LIST,
        priority=True,
        rank=60,
        edits=True,
    ),
    Key(
        "move-up",
        "shift+up,K",
        "screen.reorder_item(-1)",
        Context.ITEM_LIST,
        show=False,
        priority=True,
        edits=True,
    ),
    Key(
        "move-down",
        "shift+down,J",
        "screen.reorder_item(1)",
        Context.ITEM_LIST,
        show=False,
        priority=True,
        edits=True,
    ),
    Key(
        "move-to-block",
        "m",
        "screen.move_item",
        Context.ITEM_LIST,
        show=False,
        priority=True,
        edits=True,
    ),
    Key(
        "category",
        "c",
        "screen.set_category",
        Context.ITEM_LIST,
        show=False,
        priority=True,
        edits=True,
    ),
    Key("tags", "t", "screen.set_tags", Context.ITEM_LIST, show=False, priority=True, edits=True),
    # --- issue 14: an assumption's status, chosen by digit as the category is --------------
    Key(
        "status", "s", "screen.set_status", Context.ITEM_LIST, show=False, priority=True, edits=True
    ),
    Key("compare", "D", "screen.compare", Context.ITEM_LIST, show=False, priority=True),
    Key("zoom", "z", "screen.zoom", Context.ITEM_LIST, priority=True, rank=40),
    Key("undo", "u", "screen.undo", Context.ITEM_LIST, priority=True, rank=75, edits=True),
    Key("filter", "slash", "screen.filter", Context.ITEM_LIST, priority=True, rank=70),
    # --- issue 13a: stepping through the filter's matches ---------------------------------
    # While a filter is on, n and N step through its matches (as after a search in less or
    # vi) and n is not the note's key; with no filter they are not active (check_action).
    Key("next-match", "n", "screen.step_match(1)", Context.ITEM_LIST, priority=True, rank=72),
    Key("previous-match", "N", "screen.step_match(-1)", Context.ITEM_LIST, priority=True, rank=71),
    Key(
        "toggle-questions",
        "g",
        "screen.toggle_guides",
        Context.ITEM_LIST,
        show=False,
        priority=True,
    ),
    # --- issue 14: G starts the guided session (or picks it up where it was left); it opens
    # an editor, so it edits.
    Key("guide", "G", "screen.guide", Context.ITEM_LIST, show=False, priority=True, edits=True),
    Key(
        "edit-header",
        "i",
        "screen.edit_header",
        Context.ITEM_LIST,
        show=False,
        priority=True,
        edits=True,
    ),
    Key("open", "o", "screen.open", Context.ITEM_LIST, show=False, priority=True),
    Key("help", "question_mark", "screen.help", Context.ITEM_LIST, priority=True, pinned=True),
    Key("quit", "q", "app.quit", Context.ITEM_LIST, priority=True, pinned=True),
    Key("cursor-up", "up,k", "cursor_up", Context.ITEM_LIST, show=False, priority=True),
    Key("cursor-down", "down,j", "cursor_down", Context.ITEM_LIST, show=False, priority=True),
    Key("pane-left", "left,h", "leave('left')", Context.ITEM_LIST, show=False, priority=True),
    Key("pane-right", "right,l", "leave('right')", Context.ITEM_LIST, show=False, priority=True),
    Key("first-item", "home", "first", Context.ITEM_LIST, show=False, priority=True),
    Key("last-item", "end", "last", Context.ITEM_LIST, show=False, priority=True),
    Key("page-up", "pageup", "page(-1)", Context.ITEM_LIST, show=False, priority=True),
    Key("page-down", "pagedown", "page(1)", Context.ITEM_LIST, show=False, priority=True),
    # --- the one-line item editor ------------------------------------------------------------
    Key("keep-edit", "enter", "submit", Context.EDITOR, rank=95),
    Key("cancel-edit", "escape", "cancel", Context.EDITOR, rank=90),
    # --- issue 14: the guided session ---------------------------------------------------------
    # The guide's editor is the item editor with these keys over its own: enter and escape
    # are read in its own queue (as the item editor's are), tab and shift+tab by its bindings.
    Key("guide-keep", "enter", "guide_keep", Context.GUIDE, rank=95),
    Key("guide-next", "tab", "guide_step(1)", Context.GUIDE, rank=80),
    Key("guide-back", "shift+tab", "guide_step(-1)", Context.GUIDE, rank=85),
    Key("guide-next-block", "pagedown", "guide_next_block", Context.GUIDE, rank=60),
    Key("guide-leave", "escape", "guide_leave", Context.GUIDE, rank=90),
    # --- the move dialog (it reads the digit itself) -----------------------------------------
    Key("move-to-number", f"m{THEN}1-9", "move", Context.MOVE, bound=False),
    # --- other screens and dialogs -----------------------------------------------------------
    # --- issue 13b: zoom is a mode of the canvas screen; resolving merge conflicts ----------
    # z toggles the zoom (the item lists' "zoom" row); escape leaves it, shown while zoomed.
    Key("unzoom", "escape", "unzoom", Context.ZOOM, rank=90),
    Key(
        "resolve-conflict",
        "r",
        "screen.resolve_conflict",
        Context.ITEM_LIST,
        show=False,
        priority=True,
        edits=True,
    ),
    Key("close-help", "escape,q,question_mark,f1", "app.pop_screen", Context.HELP, rank=90),
    # --- issue 13a: the help screen scrolls as the lists move --------------------------------
    Key("help-down", "j", "scroll_help(1)", Context.HELP, show=False),
    Key("help-up", "k", "scroll_help(-1)", Context.HELP, show=False),
    Key("load-error-open", "o", "open", Context.LOAD_ERROR),
    Key("load-error-new", "n", "new", Context.LOAD_ERROR),
    Key("load-error-quit", "q", "app.quit", Context.LOAD_ERROR),
    Key("dialog-cancel", "escape", "cancel", Context.DIALOG, rank=90),
    # The app's ctrl+q, named again for the dialogs: a modal screen's bar sees only its own
    # bindings, and quit is on every key bar (issue 13a).
    Key("dialog-quit", "ctrl+q", "app.quit", Context.DIALOG, pinned=True),
    # --- issue 13a: the command palette's own keys, in the interface language ---------------
    Key("palette-close", "escape", "escape", Context.PALETTE, rank=90),
    Key("palette-quit", "ctrl+q", "app.quit", Context.PALETTE, pinned=True),
    # Not priority bindings: they must run after the keys typed before them reach the text.
    Key("note-done", "ctrl+s", "done", Context.NOTE, rank=95),
    Key("note-clean", "ctrl+l", "clean", Context.NOTE, show=False),
    Key("header-done", "ctrl+s", "done", Context.HEADER, rank=95),
    # --- issue 13 sign-off: the note's text area and the filter bar show their own keys ------
    # ctrl+a selects the whole note (as in most editors; home still goes to the line's start),
    # so a long note is cleared or replaced in two keys rather than ~160 backspaces.
    Key("note-select-all", "ctrl+a", "select_all", Context.NOTE_TEXT, rank=60),
    # The filter bar's keys, bound on the bar so the key bar shows them while it has focus.
    Key("filter-go", "enter", "submit", Context.FILTER, rank=95),
    Key("filter-clear", "escape", "screen.close_filter", Context.FILTER, rank=90),
    # A dialog's field or list shows the key that answers it (Textual binds enter unshown).
    Key("dialog-keep", "enter", "submit", Context.DIALOG_FIELD, rank=95),
    Key("dialog-choose", "enter", "select", Context.DIALOG_LIST, rank=95),
    # The move dialog's digits are bindings, so its key bar says "1-9 Move" (one entry stands
    # for the nine keys) like every dialog shows the keys that answer it.
    Key("move-pick", "1", "pick(1)", Context.MOVE_DIALOG, rank=95, key_display="1-9"),
    *(
        Key(f"move-pick-{n}", str(n), f"pick({n})", Context.MOVE_DIALOG, show=False, named=False)
        for n in range(2, 10)
    ),
)

KEYS_BY_ID = {key.id: key for key in KEYS}

#: How keys read to a person, for the few whose Textual names read oddly (the help screen
#: and the palette both name keys this way).
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


def key_name(name: str) -> str:
    """One key as a person reads it: ``?`` rather than Textual's ``question_mark``."""
    return KEY_NAMES.get(name, name)


#: The help screen's sections: a heading (a message key), and the contexts whose keys it
#: lists, in order.
HELP_SECTIONS: tuple[tuple[str, tuple[Context, ...]], ...] = (
    ("help-section-canvas", (Context.CANVAS, Context.APP)),
    ("help-section-items", (Context.ITEM_LIST,)),
    ("help-section-typing", (Context.EDITOR,)),
    ("help-section-move", (Context.MOVE,)),
    ("help-section-guide", (Context.GUIDE,)),
)


def keys_for(*contexts: Context) -> list[Key]:
    """The rows of ``contexts``, context by context, each in table order."""
    return [key for context in contexts for key in KEYS if key.context is context]


def key_of(binding: Binding) -> Key | None:
    """The table's row for ``binding`` (by its id), or None for a binding from elsewhere."""
    return KEYS_BY_ID.get(binding.id or "")


#: The actions that change the canvas (on the canvas screen, without its namespace).
EDITING_ACTIONS = frozenset(
    key.action.removeprefix("screen.").split("(")[0] for key in KEYS if key.edits
)


def editing_key(key: str, *contexts: Context) -> Key | None:
    """The row among ``contexts`` that binds ``key`` to a change of the canvas, if any."""
    for row in keys_for(*contexts):
        if row.edits and row.bound and key in row.keys.split(","):
            return row
    return None


def binding_description(binding: Binding, language: Language) -> str:
    """What a key bar shows for ``binding`` in ``language``: its row's name, looked up by
    the binding's id (a binding from outside the table keeps Textual's words)."""
    key = KEYS_BY_ID.get(binding.id or "")
    return key.description(language) if key is not None else binding.description


def bindings(context: Context) -> list[BindingType]:
    """The Textual bindings of ``context``: what its widget or screen puts in ``BINDINGS``."""
    return [key.binding() for key in keys_for(context) if key.bound]
