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
    command = editor_command(os.environ)
    with tempfile.TemporaryDirectory(prefix="bmc-tui-") as folder:
        path = Path(folder) / "note.md"
        # A trailing newline, as editors expect of a text file; stripped again on the way back.
        path.write_text(text + "\n" if text else "", encoding="utf-8")
        try:
            with app.suspend():
                completed = subprocess.run([*shlex.split(command), str(path)], check=False)
        except SuspendNotSupported:
            return ExternalEditResult(
                error="This terminal cannot hand over to $EDITOR (n edits here)"
            )
        except (OSError, ValueError) as error:
            return ExternalEditResult(error=f"Could not run {command!r}: {error}")
        if completed.returncode != 0:
            return ExternalEditResult(
                error=f"{command} exited with {completed.returncode}; note unchanged"
            )
        try:
            return ExternalEditResult(text=path.read_text(encoding="utf-8").rstrip("\n"))
        except (OSError, UnicodeDecodeError) as error:
            return ExternalEditResult(error=f"Could not read the edited note: {error}")
