"""An input whose editing keys happen in the order they were typed.

Textual runs a widget's key bindings (backspace, ctrl+u, ctrl+w, arrows, enter…) only after
the key has bubbled up to the app, while the characters typed behind it in the same packet
are already being inserted by the input itself. Over a slow SSH link, where a burst of keys
arrives at once, "ab⌫c" then reads "ab" instead of "ac". This input runs its own bindings
from its own queue, in order with the characters.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input


class OrderedInput(Input):
    async def _on_key(self, event: events.Key) -> None:
        bindings = self._bindings.key_to_bindings.get(event.key, ())
        if bindings and not event.is_printable:
            event.stop()
            event.prevent_default()
            await self.run_action(bindings[0].action)
            return
        await super()._on_key(event)
