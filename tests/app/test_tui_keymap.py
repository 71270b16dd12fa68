"""The keymap is the one place the editor's keys are written.

Every binding a widget or screen declares must be a row of the table (same key, action,
words), the help screen must list exactly the table's rows for the contexts it explains, and
the palette must offer each canvas key by its table name.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import pytest
from textual.binding import Binding
from textual.dom import DOMNode

import bmc_tui.tui
from bmc_tui.core.catalogue import LANGUAGES, Language
from bmc_tui.core.messages import MESSAGES, say
from bmc_tui.tui.app import create_app
from bmc_tui.tui.commands import CanvasCommands
from bmc_tui.tui.keymap import HELP_SECTIONS, KEY_NAMES, KEYS, KEYS_BY_ID, Context, keys_for
from bmc_tui.tui.screens.help_screen import HelpScreen, help_rows
from conftest import SIZE


def _tui_classes() -> list[type[DOMNode]]:
    """Every widget, screen, dialog and the app defined in the editor's package."""
    for module in pkgutil.walk_packages(bmc_tui.tui.__path__, "bmc_tui.tui."):
        importlib.import_module(module.name)
    found: list[type[DOMNode]] = []
    pending: list[type[DOMNode]] = [DOMNode]
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.__module__.startswith("bmc_tui.tui.") and "BINDINGS" in vars(cls):
            found.append(cls)
    return found


def test_every_binding_in_the_editor_is_a_row_of_the_keymap() -> None:
    classes = _tui_classes()
    assert {cls.__name__ for cls in classes} >= {
        "BmcApp",
        "CanvasScreen",
        "ItemList",
        "ItemEditor",
        "HelpScreen",
        "LoadErrorScreen",
        "Dialog",
        "NoteDialog",
        "HeaderDialog",
    }
    for cls in classes:
        for binding in vars(cls)["BINDINGS"]:
            assert isinstance(binding, Binding), f"{cls.__name__}: {binding!r} is not a Binding"
            assert binding.id in KEYS_BY_ID, f"{cls.__name__}: {binding.key} is not in the keymap"
            assert binding == KEYS_BY_ID[binding.id].binding()


def test_keymap_ids_are_unique_and_every_bound_row_is_used() -> None:
    assert len(KEYS_BY_ID) == len(KEYS)
    used = {b.id for cls in _tui_classes() for b in vars(cls)["BINDINGS"]}
    assert used == {key.id for key in KEYS if key.bound}


def _help_key_column(screen: HelpScreen) -> list[str]:
    from rich.table import Table
    from textual.widgets import Static

    table = screen.query_one("#help-keys", Static).content
    assert isinstance(table, Table)
    return [str(cell) for cell in table.columns[0].cells]


async def test_the_help_screen_lists_exactly_the_keymap_rows_of_its_sections(
    en_canvas: Path,
) -> None:
    expected: list[str] = []
    for heading, rows in help_rows(HELP_SECTIONS):
        expected.append(say(heading, "en"))
        expected.extend(keys for keys, _ in rows)
        expected.append("")
    # Every row with words is listed, with its keys: each thing done, once.
    listed = [key for _, rows in help_rows(HELP_SECTIONS) for _, key in rows]
    described = [key for _, contexts in HELP_SECTIONS for key in keys_for(*contexts) if key.named]
    what = [key.action.removeprefix("app.").removeprefix("screen.") for key in listed]
    assert len(what) == len(set(what))
    for key in described:
        cells = [keys for _, rows in help_rows(HELP_SECTIONS) for keys, _ in rows]
        names = " / ".join(KEY_NAMES.get(name, name) for name in key.keys.split(","))
        assert any(names in cell for cell in cells), key.id
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert _help_key_column(app.screen) == expected
        # The keys of the whole canvas are there, the palette's and the move dialog's too.
        column = " ".join(expected)
        for keys in ("ctrl+p", "ctrl+q", "1-9", "m then 1-9", "?", "/"):
            assert keys in column


@pytest.mark.parametrize("language", LANGUAGES)
async def test_the_palette_offers_each_canvas_key_by_its_keymap_name(
    en_canvas: Path, language: Language
) -> None:
    from bmc_tui.tui.screens.canvas_screen import CanvasScreen

    app = create_app(en_canvas, ui_language=language)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, CanvasScreen)
        names = [name for name, _, _ in CanvasCommands(screen)._commands()]
        # With a filter on, n and N step through its matches: then they are offered too.
        await pilot.press("slash", *"bread", "enter")
        filtering = [name for name, _, _ in CanvasCommands(screen)._commands()]
    assert all(names), "a palette command without a name"
    for key in keys_for(Context.ITEM_LIST, Context.CANVAS):
        if key.bound and key.named:
            # Offered whenever its action can run (issue 13: no entry that does nothing).
            shown = filtering if key.action.startswith("screen.step_match") else names
            assert key.description(language) in shown


def test_every_named_key_has_its_words_in_the_catalogue_and_no_words_are_orphans() -> None:
    """A key's words are messages ``key-<id>`` (and ``keyhelp-<id>``): a row without them,
    or words for a row that does not exist (a renamed id), is caught here."""
    for key in KEYS:
        assert (f"key-{key.id}" in MESSAGES) == key.named, key.id
    ids = {key.id for key in KEYS}
    for message in MESSAGES:
        for prefix in ("key-", "keyhelp-"):
            if message.startswith(prefix):
                assert message.removeprefix(prefix) in ids, message
