"""Editing a note in the user's own ``$EDITOR``, with the terminal handed over to it."""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from textual.app import App, SuspendNotSupported

from bmc_tui.core.messages import say
from bmc_tui.tui.language import ui_language


@dataclass(frozen=True)
class ExternalEditResult:
    text: str | None = None
    error: str | None = None


#: The editor when neither ``$VISUAL`` nor ``$EDITOR`` names one, as git and crontab do.
FALLBACK_EDITOR = "vi"


def editor_command(environ: Mapping[str, str]) -> str:
    """The user's editor: ``$VISUAL``, then ``$EDITOR``, then ``vi`` (git's order)."""
    return environ.get("VISUAL") or environ.get("EDITOR") or FALLBACK_EDITOR


def edit_in_external_editor(app: App[object], text: str) -> ExternalEditResult:
    words = ui_language(app)
    command = editor_command(os.environ)
    with tempfile.TemporaryDirectory(prefix="bmc-tui-") as folder:
        path = Path(folder) / "note.md"
        # A trailing newline, as editors expect of a text file; stripped again on the way back.
        path.write_text(text + "\n" if text else "", encoding="utf-8")
        try:
            with app.suspend():
                completed = subprocess.run([*shlex.split(command), str(path)], check=False)
        except SuspendNotSupported:
            return ExternalEditResult(error=say("editor-no-terminal", words))
        except (OSError, ValueError) as error:
            return ExternalEditResult(
                error=say("editor-cannot-run", words, command=repr(command), error=error)
            )
        if completed.returncode != 0:
            status = completed.returncode
            return ExternalEditResult(
                error=say("editor-exit-status", words, command=command, status=status)
            )
        try:
            return ExternalEditResult(text=path.read_text(encoding="utf-8").rstrip("\n"))
        except (OSError, UnicodeDecodeError) as error:
            return ExternalEditResult(error=say("editor-cannot-read", words, error=error))
