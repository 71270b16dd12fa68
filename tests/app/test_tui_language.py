"""The interface speaks the canvas's language (or the one a setting pins): on a Danish
canvas the key bar, the help screen, the too-small screen and the palette have no English
words, and an English canvas gets an English interface."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rich.table import Table
from textual.command import CommandInput, CommandPalette
from textual.widgets import Static

from bmc_tui.core.catalogue import LANGUAGES, BlockId
from bmc_tui.core.interface_language import ENVIRONMENT_VARIABLE
from bmc_tui.tui.app import BmcApp, create_app
from bmc_tui.tui.commands import CanvasCommands, system_commands
from bmc_tui.tui.screens.help_screen import HelpScreen
from bmc_tui.tui.widgets.key_bar import KeyBar
from conftest import SIZE, canvas

#: Words of the English interface that must not appear on a Danish one. Words Danish shares
#: (Note, Zoom, Brainstorm, Version, tag, segment, commit; "by", "and", "for", "last" are
#: Danish words too; "Canvas" is in the Danish name of the method; "enter" and "escape" name
#: keys) are left out on purpose.
# fmt: off
ENGLISH_WORDS = frozenset({
    "Add", "Delete", "Save", "Quit", "Help", "Undo", "Redo", "Filter", "Back", "none", "Terminal",
    "too", "small", "Enlarge", "window", "press", "quit", "Edit", "Keep", "Cancel", "palette",
    "Commands", "Next", "Previous", "block", "Move", "Open", "New", "Search", "Category",
    "Compare", "Questions", "header", "Left", "Right", "Up", "Down", "First", "Page", "On",
    "While", "typing", "Moving", "nine", "blocks", "removed", "modified", "untitled", "saved",
    "the", "item", "items", "Check", "Clear", "Export", "Theme", "Screenshot", "Interface",
    "Language", "Go", "follow",
    # The dialogs, their hints and the notices on the canvas.
    "space", "separated", "families", "wholesale", "yet", "carries", "links", "here", "cancels",
    "chooses", "keeps", "Date", "Title", "Designed", "Description",
    "branch", "compares", "Item", "deleted", "Nothing", "has", "categories", "Discard", "unsaved",
    "changes", "This", "saves", "In", "this", "Type", "something", "does", "exist", "month",
    "moves", "between", "fields", "then",
})
# fmt: on


def english_words(text: str) -> set[str]:
    return set(re.findall(r"[A-Za-zÆØÅæøå]+", text)) & ENGLISH_WORDS


def screen_text(app: BmcApp) -> str:
    """Every character the screen shows, row by row (from the screenshot's text runs)."""
    svg = app.export_screenshot()
    runs = re.findall(r"<text [^>]*>(.*?)</text>", svg)
    return " ".join(runs).replace("&#160;", " ")


def static_text(static: Static) -> str:
    content = static.content
    if isinstance(content, Table):
        return " ".join(str(cell) for column in content.columns for cell in column.cells)
    return str(content)


def key_bar(app: BmcApp) -> str:
    return app.screen.query_one(KeyBar).render().plain


async def test_a_danish_canvas_has_a_danish_key_bar_help_and_too_small_screen(
    da_canvas: Path,
) -> None:
    app = create_app(da_canvas)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        bar = key_bar(app)
        assert "a Tilføj" in bar
        assert "? Hjælp" in bar
        assert "q Afslut" in bar
        assert english_words(bar) == set()
        assert english_words(screen_text(app)) == set()

        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        help_text = " ".join(static_text(s) for s in app.screen.query(Static))
        assert "På lærredet" in help_text
        assert "De ni blokke" in help_text
        assert "m og så 1-9" in help_text
        assert english_words(help_text) == set()
        assert english_words(key_bar(app)) == set()
        await pilot.press("escape")

        await pilot.resize_terminal(50, 15)
        await pilot.pause()
        too_small = screen_text(app)
        assert "Terminalen er for lille" in too_small
        assert english_words(too_small) == set()


async def test_a_danish_canvas_has_a_danish_palette(da_canvas: Path) -> None:
    app = create_app(da_canvas)
    async with app.run_test(size=SIZE) as pilot:
        commands = CanvasCommands(app.screen)._commands()
        words = " ".join(f"{name} {help_text}" for name, _, help_text in commands)
        words += " ".join(f"{c.title} {c.help}" for c in system_commands(app, "da"))
        assert english_words(words) == set()
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        assert str(app.screen.query_one(CommandInput).placeholder) == "Søg efter kommandoer…"
        # A search that finds nothing says so in Danish, not in Textual's English.
        from textual.command import CommandList

        await pilot.press(*"qqqqqq")
        command_list = app.screen.query_one(CommandList)
        for _ in range(100):
            await pilot.pause(0.02)
            if command_list.option_count == 1 and command_list.get_option_at_index(0).disabled:
                break
        shown = " ".join(command_list.render_line(y).text for y in range(command_list.size.height))
        assert "Intet fundet" in shown
        assert "No matches" not in shown


async def test_an_english_canvas_has_an_english_interface(en_canvas: Path) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        bar = key_bar(app)
        assert "a Add" in bar
        assert "? Help" in bar
        assert "q Quit" in bar
        await pilot.press("question_mark")
        help_text = " ".join(static_text(s) for s in app.screen.query(Static))
        assert "On the canvas" in help_text
        assert "The nine blocks" in help_text


@pytest.mark.parametrize("pin", LANGUAGES)
async def test_the_environment_variable_pins_the_interface_language(
    da_canvas: Path, monkeypatch: pytest.MonkeyPatch, pin: str
) -> None:
    monkeypatch.setenv(ENVIRONMENT_VARIABLE, pin)
    app = create_app(da_canvas)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert ("a Add" if pin == "en" else "a Tilføj") in key_bar(app)
        # The canvas's own text stays in the canvas's language.
        assert "Nøglepartnere" in screen_text(app)


async def test_the_palette_pins_and_unpins_the_language_and_it_follows_the_canvas(
    en_canvas: Path,
) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        commands = {name: run for name, run, _ in CanvasCommands(app.screen)._commands()}
        commands["Interface language: Dansk"]()
        await pilot.pause()
        assert "a Tilføj" in key_bar(app)
        assert "Key Partners" in screen_text(app)  # the canvas is still English
        commands = {name: run for name, run, _ in CanvasCommands(app.screen)._commands()}
        commands["Brugerfladens sprog: følg lærredet"]()
        await pilot.pause()
        assert "a Add" in key_bar(app)
        # Following the canvas: a canvas that turns Danish brings a Danish interface.
        canvas(app).set_language("da")
        await pilot.pause()
        assert "a Tilføj" in key_bar(app)
        assert "ændret" in screen_text(app)  # the header's "[+] modified"


async def test_opening_a_danish_canvas_from_an_english_one_turns_the_interface_danish(
    en_canvas: Path, da_canvas: Path
) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "a Add" in key_bar(app)
        app.open_canvas(da_canvas)
        await pilot.pause()
        assert canvas(app).document.path == da_canvas
        assert "a Tilføj" in key_bar(app)
        too_small = str(canvas(app).query_one("#too-small", Static).content)
        assert too_small.startswith("Terminalen er for lille")


async def walk_the_dialogs(app: BmcApp) -> dict[str, str]:
    """Open each main dialog and trigger each common notice, as a user would; what the
    screen (and its notices) said at each step."""
    from textual.widgets import Input

    from bmc_tui.core.catalogue import BlockId
    from bmc_tui.tui.dialogs.choice import ChoiceDialog
    from bmc_tui.tui.dialogs.header_form import HeaderDialog
    from bmc_tui.tui.dialogs.text_prompt import TextPrompt

    said: dict[str, str] = {}

    def notices() -> str:
        text = " ".join(f"{n.title or ''} {n.message}" for n in app._notifications)
        app.clear_notifications()
        return text

    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for step, key in [
            ("tags", "t"),
            ("category", "c"),
            ("move", "m"),
            ("note", "n"),
            ("header", "i"),
            ("compare", "D"),
            ("help", "question_mark"),
        ]:
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is not canvas(app), step
            said[step] = screen_text(app)
            if step == "header":
                assert isinstance(app.screen, HeaderDialog)
                app.screen.query_one("#field-date", Input).value = "2025-13-45"
                await pilot.press("ctrl+s")
                await pilot.pause()
                said["header-date"] = notices()
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is canvas(app), step

        await pilot.press("d")
        await pilot.pause()
        said["deleted"] = notices()
        await pilot.press("u", "u")
        await pilot.pause()
        said["undo"] = notices()
        canvas(app).focus_block(BlockId.CHANNELS)
        await pilot.press("c")
        await pilot.pause()
        said["no-categories"] = notices()

        await pilot.press("d", "q")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        said["quit"] = screen_text(app)
        await pilot.press("escape")
        await pilot.pause()

        canvas(app).run_worker(canvas(app).save_as())
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        said["save-as"] = screen_text(app)
        await pilot.press("ctrl+a", "ctrl+k", "enter")
        await pilot.pause()
        said["save-as-empty"] = notices()
        await pilot.press("escape")
        await pilot.pause()
    return said


async def test_the_dialogs_and_notices_on_a_danish_canvas_have_no_english(
    da_canvas: Path,
) -> None:
    said = await walk_the_dialogs(create_app(da_canvas))
    assert "Tags til:" in said["tags"]
    assert "(ingen)" in said["category"]
    assert "(tryk 1–9)" in said["move"]
    assert "Note til:" in said["note"]
    assert "Designet til" in said["header"]
    assert "2025-13-45 findes ikke: der er ingen måned 13" in said["header-date"]
    assert "Sammenlign med en git-revision" in said["compare"]
    assert "Punktet er slettet" in said["deleted"]
    assert "Intet at fortryde" in said["undo"]
    assert "Kanaler har ingen kategorier" in said["no-categories"]
    assert "Lærredet har ugemte ændringer." in said["quit"]
    assert "Gem lærredet som" in said["save-as"]
    assert "Skriv noget" in said["save-as-empty"]
    english = {step: english_words(text) for step, text in said.items()}
    assert english == {step: set() for step in said}


async def test_the_same_walk_on_an_english_canvas_speaks_english(en_canvas: Path) -> None:
    said = await walk_the_dialogs(create_app(en_canvas))
    assert "Tags for:" in said["tags"]
    assert "(none)" in said["category"]
    assert "2025-13-45 does not exist: there is no month 13" in said["header-date"]
    assert "Item deleted" in said["deleted"]
    assert "Nothing to undo" in said["undo"]
    assert "Save canvas as" in said["save-as"]
    assert all(english_words(text) for text in said.values()), said


@pytest.mark.parametrize(
    ("key", "dialog_words"), [("t", "Tags for:"), ("c", "(none)"), ("s", "Status for:")]
)
async def test_a_language_pinned_from_the_palette_over_a_dialog_rewords_it(
    da_canvas: Path, key: str, dialog_words: str
) -> None:
    """The palette opens over a dialog and can pin the interface language there. The dialog
    asks the app for its language (never its caller), and says everything again in the
    pinned one when it is shown again, keeping what was typed."""
    from textual.widgets import Input

    from bmc_tui.tui.dialogs.base import Dialog

    app = create_app(da_canvas)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        canvas(app).focus_block(BlockId.CUSTOMER_SEGMENTS)
        await pilot.press(key)
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, Dialog)
        typed = list(dialog.query(Input))
        for field in typed:
            field.value = "familier ny"
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        commands = {name: run for name, run, _ in CanvasCommands(app.screen)._commands()}
        app.screen.dismiss()
        await pilot.pause()
        commands["Brugerfladens sprog: English"]()
        await pilot.pause()
        assert app.screen is dialog
        shown = screen_text(app)
        assert dialog_words in shown
        assert "escape cancels" in shown
        assert "annullerer" not in shown
        for field in dialog.query(Input):
            assert field.value == "familier ny"
        if typed:
            assert isinstance(app.focused, Input)


async def test_the_cores_errors_speak_the_editors_language_not_the_locales(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Danish canvas under an English locale: the editor speaks Danish, and so does a
    save that fails (the core words it, in the editor's language while it runs)."""
    from bmc_tui.core.interface_language import default_language
    from bmc_tui.tui.dialogs.text_prompt import TextPrompt

    monkeypatch.delenv(ENVIRONMENT_VARIABLE, raising=False)
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    app = create_app(None, language="da")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = canvas(app)
        screen.run_worker(screen.save_as())
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        await pilot.press("ctrl+a", "ctrl+k", *"/ingen/mappe/her", "enter")
        await pilot.pause()
        said = " ".join(f"{n.title} {n.message}" for n in app._notifications)
        assert "Ikke gemt" in said
        assert "kan ikke gemme: mappen /ingen/mappe findes ikke" in said
        assert words_in(said, {"cannot", "save", "folder", "does", "exist"}) == set()
    assert default_language() == "en", "the locale decides again once the editor is gone"


def words_in(text: str, some: set[str]) -> set[str]:
    return set(re.findall(r"[A-Za-zÆØÅæøå]+", text)) & some


async def test_a_prompt_pinned_over_keeps_the_language_it_was_asked_in(da_canvas: Path) -> None:
    """A prompt's words are its asker's: pinned over, it is finished as asked, not half in
    one language and half in the other."""
    app = create_app(da_canvas)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("D")
        await pilot.pause()
        prompt = app.screen
        app.pin_language("en")
        await pilot.pause()
        assert app.screen is prompt
        shown = screen_text(app)
        assert "Sammenlign med en git-revision" in shown
        assert "escape annullerer" in shown
        assert "cancels" not in shown


async def test_ctrl_c_says_how_to_quit_in_danish(da_canvas: Path) -> None:
    # Textual's own "Do you want to quit? Press q to quit the app", in the interface language.
    app = create_app(da_canvas)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+c")
        await pilot.pause()
        shown = [f"{n.title} {n.message}" for n in app._notifications]
        assert any("Vil du afslutte?" in s and "Tryk q for at afslutte" in s for s in shown), shown
        assert english_words(" ".join(shown)) == set()
