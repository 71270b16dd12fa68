"""Widgets whose own keys happen in the order they were typed (an input first, hence the
module's name; a dialog's buttons and lists too).

Textual runs a widget's key bindings (backspace, ctrl+u, arrows, enter…) only after the key
has bubbled up to the app, while the keys typed behind it in the same packet are already on
their way. Over a slow SSH link, where a burst of keys arrives at once, that reorders them:
in an input "ab⌫c" read "ab" instead of "ac"; in a dialog, enter on a button or a list posted
its answer (Pressed, OptionSelected) after the key gate had let the next key go, so a
double-tapped enter reached the dialog again, not what had the focus once it answered — the
second enter was lost. These widgets run their own bindings from their own queue, in order
with the keys around them, so the key gate follows what the binding posted (see
``tui/key_gate.py``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.widgets import Button, Input

if TYPE_CHECKING:
    from textual.widget import Widget

    _Base = Widget
else:
    _Base = object


class OrderedKeys(_Base):
    """Mixed in before a Textual widget: its bindings run as its keys arrive."""

    async def _on_key(self, event: events.Key) -> None:
        bindings = self._bindings.key_to_bindings.get(event.key, ())
        if bindings and not event.is_printable:
            event.stop()
            event.prevent_default()
            await self.run_action(bindings[0].action)
            return
        await super()._on_key(event)


class OrderedInput(OrderedKeys, Input):
    """An input whose editing keys and enter keep their place among the typed characters."""


class OrderedButton(OrderedKeys, Button):
    """A button whose enter presses it before the keys typed after it go anywhere."""
