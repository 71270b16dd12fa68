"""The fields a dialog is answered in, with the answering key on show.

Textual's ``Input`` and ``OptionList`` bind enter without showing it, so a dialog's key bar
said only "esc Cancel" while enter was the key that answered it. These give enter a row of
the keymap, named in the interface language, so every dialog's key bar shows how to answer
it as well as how to back out (issue 13: dialogs in one pattern).
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import BindingType
from textual.widgets import OptionList

from bmc_tui.tui.keymap import Context, bindings
from bmc_tui.tui.widgets.ordered_input import OrderedInput, OrderedKeys


class KeepField(OrderedInput):
    """A dialog's one-line field: enter keeps what was typed (Input's own submit)."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(Context.DIALOG_FIELD)


class ChoiceList(OrderedKeys, OptionList):
    """A dialog's list of choices: enter chooses the highlighted one (OptionList's select),
    before the keys typed after it go anywhere (a double-tapped enter answers once)."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(Context.DIALOG_LIST)
