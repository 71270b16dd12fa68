"""Which language the editor's interface speaks, as any screen or widget asks it.

The app decides (``core.interface_language``: the open canvas's language unless a setting
pins one); widgets ask here rather than import the app, which imports them.
"""

from __future__ import annotations

import weakref
from typing import Any, Protocol, runtime_checkable

from textual.app import App
from textual.message_pump import MessagePump

from bmc_tui.core.catalogue import Language
from bmc_tui.core.interface_language import speak


@runtime_checkable
class Speaks(Protocol):
    """An app that knows its interface language (``BmcApp``)."""

    pinned_language: Language | None

    @property
    def interface_language(self) -> Language: ...


def ui_language(node: MessagePump) -> Language:
    """The interface language where ``node`` is shown (English in an app that has none)."""
    app = node.app
    return app.interface_language if isinstance(app, Speaks) else "en"


def pinned_language(node: MessagePump) -> Language | None:
    """The interface language a setting pins, or None: the canvas screen asks this, to speak
    its own canvas's language even before it is the screen on top."""
    app = node.app
    return app.pinned_language if isinstance(app, Speaks) else None


def core_speaks_for(app: App[Any] | None) -> None:
    """While ``app`` runs, the core words its errors (a save that fails, a file that will
    not load) in its interface language; None: in the setting's again (the app is gone).
    Held weakly, and only while the app has not exited: a test's app is not kept alive."""
    if app is None:
        speak(None)
        return
    held = weakref.ref(app)

    def spoken() -> Language | None:
        current = held()
        if current is None or current.return_code is not None or not isinstance(current, Speaks):
            return None
        return current.interface_language

    speak(spoken)
