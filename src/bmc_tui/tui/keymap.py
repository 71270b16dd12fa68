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

from bmc_tui.core.catalogue import BLOCKS


class Context(StrEnum):
    """Where a key works: the widget or screen whose bindings it is."""

    APP = "app"
    CANVAS = "canvas"
    ITEM_LIST = "item list"
    EDITOR = "editor"
    MOVE = "move to block"
    ZOOM = "zoom"
    HELP = "help"
    LOAD_ERROR = "load error"
    DIALOG = "dialog"
    NOTE = "note"
    HEADER = "header"


@dataclass(frozen=True, slots=True)
class Key:
    """One row of the table.

    ``description`` is the short name the key bar shows; ``help`` the longer sentence the
    help screen shows (and Textual's tooltip). A row with ``bound=False`` exists only for
    people: a summary of several keys ("1-9"), or a key handled outside Textual's bindings
    (the palette's ``ctrl+p``, digits in the move dialog).
    """

    id: str
    keys: str
    action: str
    description: str
    context: Context
    help: str = ""
    show: bool = True
    priority: bool = False
    bound: bool = True

    def binding(self) -> Binding:
        return Binding(
            self.keys,
            self.action,
            self.description,
            show=self.show,
            priority=self.priority,
            tooltip=self.help,
            id=self.id,
        )


# Keys that are also characters live on the item lists, so they never fire while the user is
# typing into an editor; the canvas screen holds only keys that cannot be typed as text.
#
# The item lists' keys are priority bindings: they are matched the moment a key arrives, in
# arrival order. Ordinary bindings are matched only after the key has passed through the
# widget that had focus when it arrived, so over a slow link "4a" in one packet would add to
# the old block.
KEYS: tuple[Key, ...] = (
    # --- the whole program -------------------------------------------------------------------
    Key(
        "command-palette",
        "ctrl+p",
        "command_palette",
        "Command palette",
        Context.APP,
        help="Command palette: every action, go to block, export, language, theme",
        bound=False,
    ),
    Key(
        "app-quit",
        "ctrl+q",
        "quit",
        "Quit",
        Context.APP,
        help="Quit (asks Save / Discard / Cancel when modified)",
        show=False,
        priority=True,
    ),
    # --- the canvas screen -------------------------------------------------------------------
    Key(
        "go-to-block",
        "1-9",
        "focus_block",
        "Go to block",
        Context.CANVAS,
        help="Go to block 1–9 (numbers as on the canvas)",
        bound=False,
    ),
    Key(
        "next-block",
        "tab",
        "cycle_pane(1)",
        "Next block",
        Context.CANVAS,
        help="Next block, in number order",
        show=False,
    ),
    Key(
        "previous-block",
        "shift+tab",
        "cycle_pane(-1)",
        "Previous block",
        Context.CANVAS,
        help="Previous block, in number order",
        show=False,
    ),
    Key("undo-ctrl", "ctrl+z", "undo", "Undo", Context.CANVAS, show=False),
    Key(
        "redo",
        "ctrl+r,ctrl+y",
        "redo",
        "Redo",
        Context.CANVAS,
        help="Redo what was undone",
        show=False,
    ),
    Key(
        "save",
        "ctrl+s",
        "save",
        "Save",
        Context.CANVAS,
        help="Save (a new canvas asks for a file name)",
    ),
    Key("help-f1", "f1", "help", "Help", Context.CANVAS, show=False),
    # For when no list has the focus (the "terminal too small" message); typed into an
    # editor, q is text, and the lists bind it themselves.
    Key("quit-anywhere", "q", "app.quit", "Quit", Context.CANVAS, show=False),
    # --- a block's item list -----------------------------------------------------------------
    *(
        Key(
            f"go-to-{block.id.value}",
            str(block.number),
            f"screen.focus_block({block.number})",
            "",
            Context.ITEM_LIST,
            show=False,
            priority=True,
        )
        for block in BLOCKS
    ),
    Key(
        "add",
        "a",
        "screen.add_item",
        "Add",
        Context.ITEM_LIST,
        help="Add an item after the selected one: type, enter keeps, escape cancels",
        priority=True,
    ),
    Key(
        "brainstorm",
        "b",
        "screen.brainstorm",
        "Brainstorm",
        Context.ITEM_LIST,
        help="Brainstorm: every enter keeps the idea and opens the next, escape stops",
        priority=True,
    ),
    Key(
        "edit",
        "e,enter",
        "screen.edit_item",
        "Edit",
        Context.ITEM_LIST,
        help="Edit the selected item's text",
        priority=True,
    ),
    Key(
        "note",
        "n",
        "screen.edit_note",
        "Note",
        Context.ITEM_LIST,
        help="Write the selected item's note (several lines)",
        priority=True,
    ),
    Key(
        "note-editor",
        "E",
        "screen.edit_note_externally",
        "Note in $EDITOR",
        Context.ITEM_LIST,
        help="Write the note in your own $EDITOR",
        show=False,
        priority=True,
    ),
    Key(
        "delete",
        "d,delete",
        "screen.delete_item",
        "Delete",
        Context.ITEM_LIST,
        help="Delete the selected item (u undoes it)",
        priority=True,
    ),
    Key(
        "move-up",
        "shift+up,K",
        "screen.reorder_item(-1)",
        "Move up",
        Context.ITEM_LIST,
        help="Move the selected item up in its block",
        show=False,
        priority=True,
    ),
    Key(
        "move-down",
        "shift+down,J",
        "screen.reorder_item(1)",
        "Move down",
        Context.ITEM_LIST,
        help="Move the selected item down in its block",
        show=False,
        priority=True,
    ),
    Key(
        "move-to-block",
        "m",
        "screen.move_item",
        "Move to block…",
        Context.ITEM_LIST,
        help="Move the selected item to another block: m, then the block's number",
        show=False,
        priority=True,
    ),
    Key(
        "category",
        "c",
        "screen.set_category",
        "Category",
        Context.ITEM_LIST,
        help="Set the item's category, from the kinds its block lists",
        show=False,
        priority=True,
    ),
    Key(
        "tags",
        "t",
        "screen.set_tags",
        "Tags",
        Context.ITEM_LIST,
        help="Set the item's tags; a customer segment's tag links items to it",
        show=False,
        priority=True,
    ),
    Key(
        "compare",
        "D",
        "screen.compare",
        "Compare with…",
        Context.ITEM_LIST,
        help="Mark what changed since the last commit (or a revision you name)",
        show=False,
        priority=True,
    ),
    Key(
        "zoom",
        "z",
        "screen.zoom",
        "Zoom",
        Context.ITEM_LIST,
        help="Zoom the block to the whole screen: all questions, items and notes",
        priority=True,
    ),
    Key(
        "undo",
        "u",
        "screen.undo",
        "Undo",
        Context.ITEM_LIST,
        help="Undo the last change (any change, header edits too)",
        priority=True,
    ),
    Key(
        "filter",
        "slash",
        "screen.filter",
        "Filter",
        Context.ITEM_LIST,
        help="Filter: highlight items that match, dim the rest; escape clears",
        priority=True,
    ),
    Key(
        "toggle-questions",
        "g",
        "screen.toggle_guides",
        "Questions on/off",
        Context.ITEM_LIST,
        help="Show or hide the guiding questions in the panes",
        show=False,
        priority=True,
    ),
    Key(
        "edit-header",
        "i",
        "screen.edit_header",
        "Canvas header",
        Context.ITEM_LIST,
        help="Edit the canvas header: title, designed for/by, date, version, language",
        show=False,
        priority=True,
    ),
    Key(
        "open",
        "o",
        "screen.open",
        "Open canvas",
        Context.ITEM_LIST,
        help="Open another canvas from this folder or canvases/",
        show=False,
        priority=True,
    ),
    Key(
        "help",
        "question_mark",
        "screen.help",
        "Help",
        Context.ITEM_LIST,
        help="This help",
        priority=True,
    ),
    Key(
        "quit",
        "q",
        "app.quit",
        "Quit",
        Context.ITEM_LIST,
        help="Quit; asks Save / Discard / Cancel when there are unsaved changes",
        priority=True,
    ),
    Key(
        "cursor-up",
        "up,k",
        "cursor_up",
        "Up",
        Context.ITEM_LIST,
        help="Previous item; past the first, the pane above",
        show=False,
        priority=True,
    ),
    Key(
        "cursor-down",
        "down,j",
        "cursor_down",
        "Down",
        Context.ITEM_LIST,
        help="Next item; past the last, the pane below",
        show=False,
        priority=True,
    ),
    Key(
        "pane-left",
        "left,h",
        "leave('left')",
        "Left",
        Context.ITEM_LIST,
        help="The pane to the left",
        show=False,
        priority=True,
    ),
    Key(
        "pane-right",
        "right,l",
        "leave('right')",
        "Right",
        Context.ITEM_LIST,
        help="The pane to the right",
        show=False,
        priority=True,
    ),
    Key("first-item", "home", "first", "First item", Context.ITEM_LIST, show=False, priority=True),
    Key("last-item", "end", "last", "Last item", Context.ITEM_LIST, show=False, priority=True),
    Key("page-up", "pageup", "page(-1)", "Page up", Context.ITEM_LIST, show=False, priority=True),
    Key(
        "page-down",
        "pagedown",
        "page(1)",
        "Page down",
        Context.ITEM_LIST,
        show=False,
        priority=True,
    ),
    # --- the one-line item editor ------------------------------------------------------------
    Key(
        "keep-edit",
        "enter",
        "submit",
        "Keep",
        Context.EDITOR,
        help="Keep the text (brainstorm: and start the next)",
    ),
    Key("cancel-edit", "escape", "cancel", "Cancel", Context.EDITOR),
    # --- the move dialog (it reads the digit itself) -----------------------------------------
    Key(
        "move-to-number",
        "m then 1-9",
        "move",
        "Move to block",
        Context.MOVE,
        help="Move the selected item to block N",
        bound=False,
    ),
    # --- other screens and dialogs -----------------------------------------------------------
    Key("unzoom", "z,escape", "app.pop_screen", "Back to canvas", Context.ZOOM),
    Key(
        "close-help", "escape,q,question_mark,f1", "app.pop_screen", "Back to canvas", Context.HELP
    ),
    Key("load-error-open", "o", "open", "Open another canvas", Context.LOAD_ERROR),
    Key("load-error-new", "n", "new", "New canvas", Context.LOAD_ERROR),
    Key("load-error-quit", "q", "app.quit", "Quit", Context.LOAD_ERROR),
    Key("dialog-cancel", "escape", "cancel", "Cancel", Context.DIALOG),
    # Not priority bindings: they must run after the keys typed before them reach the text.
    Key("note-done", "ctrl+s", "done", "Keep note", Context.NOTE),
    Key("header-done", "ctrl+s", "done", "Keep header", Context.HEADER),
)

KEYS_BY_ID = {key.id: key for key in KEYS}

#: The help screen's sections: a heading, and the contexts whose keys it lists, in order.
HELP_SECTIONS: tuple[tuple[str, tuple[Context, ...]], ...] = (
    ("On the canvas", (Context.CANVAS, Context.APP)),
    ("On a block's items", (Context.ITEM_LIST,)),
    ("While typing an item", (Context.EDITOR,)),
    ("Moving an item to another block", (Context.MOVE,)),
)


def keys_for(*contexts: Context) -> list[Key]:
    """The rows of ``contexts``, context by context, each in table order."""
    return [key for context in contexts for key in KEYS if key.context is context]


def bindings(context: Context) -> list[BindingType]:
    """The Textual bindings of ``context``: what its widget or screen puts in ``BINDINGS``."""
    return [key.binding() for key in keys_for(context) if key.bound]
