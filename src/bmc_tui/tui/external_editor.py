"""Editing a note in the user's own ``$EDITOR``, with the terminal handed over to it."""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from textual.app import App, SuspendNotSupported


@dataclass(frozen=True)
class ExternalEditResult:
    text: str | None = None
    error: str | None = None


def edit_in_external_editor(app: App[object], text: str) -> ExternalEditResult:
    command = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not command:
        return ExternalEditResult(
            error="Set $EDITOR to edit notes in your own editor (n edits here)"
        )
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
