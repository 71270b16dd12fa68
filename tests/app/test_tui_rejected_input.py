"""Input the model refuses stays where it was typed, with the reason in words (issue 11).

A toast that says "no" and drops the text loses work; here the dialog keeps the text, says
why (in words, never a pattern), and offers to clean what can be cleaned.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from textual.widgets import Input, Static, TextArea

from bmc_tui.core.catalogue import BlockId
from bmc_tui.core.model import MAX_TAGS
from bmc_tui.tui.app import create_app
from bmc_tui.tui.dialogs.note import NoteDialog
from bmc_tui.tui.dialogs.tags import TagsDialog
from bmc_tui.tui.external_editor import ExternalEditResult
from conftest import SIZE, canvas

PARTNERS = BlockId.KEY_PARTNERS


def problem(app: object) -> str:
    screen = app.screen  # type: ignore[attr-defined]
    return str(screen.query_one("#problem", Static).render())


async def test_seventeen_tags_stay_in_the_dialog_with_the_reason(en_canvas: Path) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "t", "ctrl+u")
        typed = " ".join(f"t{number}" for number in range(MAX_TAGS + 1))
        app.screen.query_one(Input).insert_text_at_cursor(typed)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TagsDialog), "the dialog closed and the tags were lost"
        assert app.screen.query_one(Input).value == typed
        assert "17 tags" in problem(app)
        assert "16" in problem(app)
        assert "supply" in canvas(app).document.canvas.items(PARTNERS)[0].tags


@pytest.mark.parametrize("tag", ["caf!", "a/b"])
async def test_a_tag_that_is_not_a_word_is_explained_in_words(en_canvas: Path, tag: str) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "t", "ctrl+u", *tag, "enter")
        await pilot.pause()
        assert isinstance(app.screen, TagsDialog)
        assert tag in problem(app)
        assert "^" not in problem(app), "a regex in the message"
        assert "[" not in problem(app), "a regex in the message"


@pytest.mark.parametrize(
    ("pasted", "reason"), [("col1\tcol2", "tab"), ("abc\u202edef", "direction mark")]
)
async def test_a_note_with_a_pasted_tab_or_bidi_mark_stays_and_can_be_cleaned(
    en_canvas: Path, pasted: str, reason: str
) -> None:
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "n")
        await pilot.pause()
        area = app.screen.query_one(TextArea)
        area.load_text("")
        app.post_message(events.Paste(pasted))  # as the driver delivers it
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, NoteDialog), "the note was thrown away"
        assert area.text == pasted
        assert reason in problem(app)
        await pilot.press("ctrl+l", "ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, NoteDialog)
        note = canvas(app).document.canvas.items(PARTNERS)[0].note
        assert note == pasted.replace("\t", " ").replace("\u202e", "")


async def test_a_note_from_the_external_editor_with_a_tab_reopens_here(
    en_canvas: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fake_editor(app: object, text: str) -> ExternalEditResult:
        return ExternalEditResult(text="from vi\twith a tab")

    monkeypatch.setattr("bmc_tui.tui.external_editor.edit_in_external_editor", fake_editor)
    app = create_app(en_canvas)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "E")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, NoteDialog), "the note written in $EDITOR was lost"
        assert app.screen.query_one(TextArea).text == "from vi\twith a tab"
        assert "tab" in problem(app)
