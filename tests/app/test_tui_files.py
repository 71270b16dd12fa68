"""Files from the editor: save (and save as), open, a file that will not load, a save that
fails, and quitting with or without unsaved changes (Save / Discard / Cancel)."""

from __future__ import annotations

import tomllib
from pathlib import Path

from textual.widgets import Input, OptionList, Static

from bmc_tui.core import storage
from bmc_tui.core.catalogue import BlockId
from bmc_tui.tui.app import BmcApp, create_app
from bmc_tui.tui.dialogs.base import Dialog
from bmc_tui.tui.dialogs.choice import ChoiceDialog
from bmc_tui.tui.dialogs.open_canvas import OpenCanvasDialog
from bmc_tui.tui.screens.canvas_screen import CanvasScreen
from bmc_tui.tui.screens.load_error import LoadErrorScreen
from conftest import canvas, texts

SIZE = (120, 40)
COSTS = BlockId.COST_STRUCTURE


def is_name_prompt(app: BmcApp) -> bool:
    """Whether the top screen is the dialog that asks for a file name (one line of text)."""
    return isinstance(app.screen, Dialog) and len(app.screen.query(Input)) == 1


def errors(app: BmcApp) -> list[str]:
    return [n.message for n in app._notifications if n.severity == "error"]


async def test_save_writes_exactly_what_was_typed(en_canvas: Path) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        screen = canvas(app)
        await pilot.press("8", "a", *'Tax "&" Moms\\ø', "enter")
        await pilot.press("t", *"foo bar", "enter")
        await pilot.press("n", *"a", "enter", *"b", "ctrl+s")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not screen.document.modified
        assert "modified" not in str(screen.query_one("#header-file", Static).content)
        data = tomllib.loads(en_canvas.read_text(encoding="utf-8"))
        costs = data["cost_structure"]
        added = costs[1]
        assert added["text"] == 'Tax "&" Moms\\ø'
        assert added["tags"] == ["foo", "bar"]
        assert added["note"] == "a\nb"
        assert "category" not in added
        assert [c["text"] for c in costs] == texts(app, COSTS)
        # The file is the canvas on screen, nothing more and nothing less.
        assert storage.load(en_canvas) == screen.document.canvas


async def test_save_of_an_untitled_canvas_asks_for_a_name(workdir: Path) -> None:
    app = create_app(None)
    async with app.run_test(size=SIZE) as pilot:
        screen = canvas(app)
        assert screen.document.path is None
        assert not screen.document.modified
        await pilot.press("4", "a", *"Bread", "enter", "ctrl+s")
        assert is_name_prompt(app)
        field = app.screen.query_one(Input)
        assert field.value == "canvas.toml"
        # The suggestion is selected: typing replaces it; ".toml" is added.
        await pilot.press(*"mine", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CanvasScreen)
        target = workdir / "mine.toml"
        assert screen.document.path is not None
        assert screen.document.path.resolve() == target
        assert not screen.document.modified
        saved = storage.load(target)
        assert [item.text for item in saved.items(BlockId.VALUE_PROPOSITIONS)] == ["Bread"]
        assert "mine.toml" in str(screen.query_one("#header-file", Static).content)


async def test_save_as_onto_an_existing_file_asks_before_overwriting(
    en_canvas: Path, workdir: Path
) -> None:
    before = en_canvas.read_bytes()
    app = create_app(None)
    async with app.run_test(size=SIZE) as pilot:
        screen = canvas(app)
        await pilot.press("a", *"X", "enter", "ctrl+s", *"bakery", "enter")
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("c")
        await pilot.pause()
        assert en_canvas.read_bytes() == before
        assert screen.document.modified
        await pilot.press("ctrl+s", *"bakery", "enter", "o")
        await pilot.pause()
        assert storage.load(en_canvas) == screen.document.canvas
        assert not screen.document.modified


async def test_a_save_into_a_missing_folder_is_reported(workdir: Path) -> None:
    app = create_app(None)
    async with app.run_test(size=SIZE) as pilot:
        screen = canvas(app)
        await pilot.press("a", *"X", "enter", "ctrl+s", *"nowhere/x", "enter")
        await pilot.pause()
        assert isinstance(app.screen, CanvasScreen)
        assert errors(app), "no error was shown"
        assert screen.document.modified
        assert screen.document.path is None
        assert not (workdir / "nowhere").exists()


async def test_a_save_onto_a_folder_is_reported(en_canvas: Path, workdir: Path) -> None:
    folder = workdir / "folder.toml"
    folder.mkdir()
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        screen = canvas(app)
        await pilot.press("8", "d")
        screen.document.path = folder
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert any("folder" in message for message in errors(app))
        assert screen.document.modified
        assert "[+] modified" in str(screen.query_one("#header-file", Static).content)


async def test_o_opens_another_canvas_from_the_picker(en_canvas: Path, da_canvas: Path) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        dialog = app.screen
        assert isinstance(dialog, OpenCanvasDialog)
        assert [path.name for path in dialog.files] == [en_canvas.name, da_canvas.name]
        await pilot.press("down", "enter")
        await pilot.pause()
        await pilot.pause()
        screen = canvas(app)
        assert app.screen is screen
        assert screen.document.path is not None
        assert screen.document.path.name == "cykler.toml"
        assert screen.pane(BlockId.KEY_PARTNERS).border_title == "1 Nøglepartnere"
        assert len(app.screen_stack) == 2


async def test_a_file_that_fails_to_load_shows_the_error_screen(workdir: Path) -> None:
    broken = workdir / "broken.toml"
    broken.write_text('[canvas]\ntitle = "never closed\n', encoding="utf-8")
    app = create_app(broken)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LoadErrorScreen)
        message = str(app.screen.query_one("#load-error-message", Static).content)
        assert "broken.toml" in message
        assert app.canvas_screen is None
        # n starts a new canvas instead; nothing was written.
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, CanvasScreen)
        assert broken.read_text(encoding="utf-8") == '[canvas]\ntitle = "never closed\n'


async def test_quit_without_changes_exits_at_once(en_canvas: Path) -> None:
    for key in ("q", "ctrl+q"):
        app = create_app(en_canvas)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press(key)
            await pilot.pause()
            assert app.return_code == 0, key


async def test_quit_with_changes_then_cancel_stays(en_canvas: Path) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("8", "d", "q")
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("c")
        await pilot.pause()
        assert app.return_code is None
        assert isinstance(app.screen, CanvasScreen)
        assert canvas(app).document.modified
        # Escape cancels too; ctrl+q asks the same question.
        await pilot.press("ctrl+q")
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert app.return_code is None
        assert isinstance(app.screen, CanvasScreen)


async def test_quit_with_changes_then_discard_leaves_the_file(en_canvas: Path) -> None:
    before = en_canvas.read_bytes()
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("8", "d", "q", "d")
        await pilot.pause()
        assert app.return_code == 0
    assert en_canvas.read_bytes() == before


async def test_quit_with_changes_then_save_writes_and_exits(en_canvas: Path) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        expected = texts(app, COSTS)[1:]
        await pilot.press("8", "d", "ctrl+q", "s")
        await pilot.pause()
        assert app.return_code == 0
    assert [item.text for item in storage.load(en_canvas).items(COSTS)] == expected


async def test_quit_then_save_of_an_untitled_canvas_asks_a_name_then_exits(
    workdir: Path,
) -> None:
    app = create_app(None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", *"X", "enter", "q", "s")
        assert is_name_prompt(app)
        await pilot.press(*"kept", "enter")
        await pilot.pause()
        assert (workdir / "kept.toml").is_file()
        assert app.return_code == 0


async def test_open_with_unsaved_changes_asks_first(en_canvas: Path, da_canvas: Path) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("8", "d", "o")
        assert isinstance(app.screen, OpenCanvasDialog)
        options = app.screen.query_one(OptionList)
        assert options.option_count == 2
        await pilot.press("down", "enter")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
