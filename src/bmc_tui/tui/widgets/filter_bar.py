"""The filter bar (``/``): the text the items are filtered by, with its own keys on show.

Its keys are bound on the bar itself rather than left to the input and the screen, so that
the key bar, which shows the bindings of what has the focus, says what enter and escape do
while the bar is being typed into (issue 13: a key bar for every place the focus can be).
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import BindingType

from bmc_tui.tui.keymap import Context, bindings
from bmc_tui.tui.widgets.ordered_input import OrderedInput


class FilterBar(OrderedInput):
    """enter goes to the matches (Input's own submit), escape clears the filter."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(Context.FILTER)
