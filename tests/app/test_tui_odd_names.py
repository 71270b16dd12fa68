"""File names no terminal should obey, and folders whose names are not UTF-8 (issue 11).

A file name is user input too: a name holding an OSC sequence must not retitle the terminal
or paint over the header when the editor shows it, and a canvas in a folder named in
Latin-1 must keep its unsaved edits in the recovery file like any other.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from textual.widgets import OptionList, Static

from bmc_tui.core.recovery import Recovered, RecoveryStore
from bmc_tui.tui.app import create_app
from bmc_tui.tui.dialogs.open_canvas import OpenCanvasDialog
from conftest import EXAMPLE_EN, SIZE, canvas

ESCAPE_NAME = "e\x1b]0;PWNED\x07.toml"


def header_file(app: object) -> str:
    return str(canvas(app).query_one("#header-file", Static).content)  # type: ignore[arg-type]


async def test_the_header_shows_an_escape_in_a_file_name_as_a_replacement(
    workdir: Path,
) -> None:
    path = workdir / ESCAPE_NAME
    shutil.copyfile(EXAMPLE_EN, path)
    app = create_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown = header_file(app)
        assert "\x1b" not in shown
        assert "\x07" not in shown
        assert "e\ufffd]0;PWNED\ufffd.toml" in shown


async def test_the_open_dialog_shows_an_escape_in_a_file_name_as_a_replacement(
    workdir: Path,
) -> None:
    shutil.copyfile(EXAMPLE_EN, workdir / "bakery.toml")
    shutil.copyfile(EXAMPLE_EN, workdir / ESCAPE_NAME)
    app = create_app(workdir / "bakery.toml")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        assert isinstance(app.screen, OpenCanvasDialog)
        options = app.screen.query_one(OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(2)]
        assert "e\ufffd]0;PWNED\ufffd.toml" in prompts
        assert not [prompt for prompt in prompts if "\x1b" in prompt or "\x07" in prompt]


async def test_an_edit_under_a_non_utf8_folder_is_kept_for_recovery(tmp_path: Path) -> None:
    folder = Path(os.fsdecode(bytes(tmp_path) + b"/caf\xe9"))
    folder.mkdir()
    path = folder / "bakery.toml"
    shutil.copyfile(EXAMPLE_EN, path)
    app = create_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("8", "a", *"Kept", "enter")
        await pilot.pause()
        screen = canvas(app)
        screen.keep_now()  # what the two-second timer after an edit calls
        await pilot.pause()
        assert app.is_running
        assert "bakery.toml" in header_file(app)
        edited = screen.document.canvas
    found = RecoveryStore().find(path)
    assert isinstance(found, Recovered)
    assert found.canvas == edited
