"""Keys as a slow SSH link delivers them: each its own write to a real pty, no pause between.

Each test is one class of issue 11 (nothing typed is lost or misread): bursts that ran text
as commands, an escape glued to the next key, a repeated key in a dialog, a doubled paste.
The editor is the real program (``python -m bmc_tui``); the saved file is the judge.
"""

from __future__ import annotations

import os
import shutil
import signal
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from pty_terminal import PtyTerminal, paste_bytes, typed, wait_until

from bmc_tui.core.catalogue import BlockId
from bmc_tui.core.guide import GuideMemory, Position
from bmc_tui.core.merging import merge
from bmc_tui.core.model import Canvas
from bmc_tui.core.recovery import Recovered, RecoveryStore
from bmc_tui.core.storage import load, save
from conftest import EXAMPLE_EN

#: Block 4 of the canvas, as the file names it.
VALUE_PROPOSITIONS = "value_propositions"


def texts(path: Path, block: str) -> list[str]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [item["text"] for item in data.get(block, [])]


def blocks(path: Path) -> dict[str, list[dict[str, object]]]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return {key: value for key, value in data.items() if isinstance(value, list)}


@pytest.fixture
def canvas(tmp_path: Path) -> Path:
    path = tmp_path / "bakery.toml"
    shutil.copyfile(EXAMPLE_EN, path)
    return path


@pytest.fixture
def editor(tmp_path: Path, canvas: Path) -> Iterator[PtyTerminal]:
    terminal = PtyTerminal([str(canvas)], env_for(tmp_path), tmp_path)
    terminal.wait_for("Revenue Streams")
    yield terminal
    terminal.close()


def env_for(folder: Path) -> dict[str, str]:
    env = {
        "HOME": str(folder),
        "XDG_STATE_HOME": str(folder / "state"),
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
    }
    if "PYTHONPATH" in os.environ:  # to try these against another checkout of the source
        env["PYTHONPATH"] = os.environ["PYTHONPATH"]
    return env


def save_and_wait(terminal: PtyTerminal, path: Path) -> None:
    before = path.read_bytes()
    terminal.send("ctrl+s")
    assert wait_until(lambda: path.read_bytes() != before), "the canvas was never saved"


def test_a_burst_of_adds_lands_in_order_and_touches_nothing_else(
    editor: PtyTerminal, canvas: Path
) -> None:
    original = blocks(canvas)
    ideas = [f"de{number}" for number in range(25)]
    keys = ["4"]
    for idea in ideas:
        keys += ["a", *typed(idea), "enter"]
    editor.send(*keys)
    save_and_wait(editor, canvas)
    saved = blocks(canvas)
    first, *rest = [item["text"] for item in original[VALUE_PROPOSITIONS]]
    # Each idea goes in after the one added before it, which the first went in after the
    # selected (first) item.
    assert texts(canvas, VALUE_PROPOSITIONS) == [first, *ideas, *rest]
    for block, items in original.items():
        if block != VALUE_PROPOSITIONS:
            assert saved[block] == items, f"{block} changed"


def test_ideas_typed_while_the_editor_starts_keep_their_enters(
    tmp_path: Path, canvas: Path
) -> None:
    # Typed at once, before the editor has switched the terminal to raw mode: the line
    # discipline hands each enter over as a line feed.
    terminal = PtyTerminal([str(canvas)], env_for(tmp_path), tmp_path)
    try:
        terminal.send_raw(b"4aEarly bird\raSecond\r")
        # (The terminal echoes what is typed ahead: wait for the editor's own drawing.)
        terminal.wait_for("Revenue Streams")
        save_and_wait(terminal, canvas)
    finally:
        terminal.close()
    assert texts(canvas, VALUE_PROPOSITIONS)[1:3] == ["Early bird", "Second"]


def test_keys_after_enter_in_an_edit_act_on_the_canvas_not_the_text(
    editor: PtyTerminal, canvas: Path
) -> None:
    # e, new text, enter, then at once j (next item) and e again: the second edit must
    # change the second item, and "je" must not be typed into the first.
    editor.send("4", "e", "ctrl+u", *typed("First"), "enter", "j", "e", "ctrl+u")
    editor.send(*typed("Second"), "enter")
    save_and_wait(editor, canvas)
    assert texts(canvas, VALUE_PROPOSITIONS)[:2] == ["First", "Second"]


def test_escape_glued_to_the_next_key_closes_the_brainstorm_first(
    editor: PtyTerminal, canvas: Path
) -> None:
    before = texts(canvas, VALUE_PROPOSITIONS)
    editor.send("4", "b", *typed("one"), "enter")
    # Escape and "a" in one packet read as Alt+a: it must close the brainstorm, then add.
    editor.send_raw(b"\x1ba")
    editor.send(*typed("two"), "enter")
    save_and_wait(editor, canvas)
    assert texts(canvas, VALUE_PROPOSITIONS) == [before[0], "one", "two", *before[1:]]


@pytest.mark.parametrize(
    "keys",
    [
        # The repeated enter reaches the canvas: it opens the item's editor, and the third
        # keeps it as it was.
        pytest.param(["t", "ctrl+u", *typed("x y"), "enter", "enter", "enter"], id="tags"),
        pytest.param(["m", "3", "3"], id="move"),
        pytest.param(["D", "enter", "enter", "enter"], id="compare"),
        pytest.param(["c", "1", "1"], id="category"),
        # Enter on a list (the status and category dialogs), then enter twice on the canvas.
        pytest.param(["s", "enter", "enter", "enter"], id="status-enter"),
        pytest.param(["c", "enter", "enter", "enter"], id="category-enter"),
    ],
)
def test_a_repeated_key_in_a_dialog_answers_it_once(
    editor: PtyTerminal, canvas: Path, keys: list[str]
) -> None:
    editor.send("1", *keys)
    editor.send("4", "a", *typed("still alive"), "enter")
    save_and_wait(editor, canvas)
    assert editor.process.poll() is None, "the editor crashed"
    assert "still alive" in texts(canvas, VALUE_PROPOSITIONS)
    assert "ScreenStackError" not in editor.text


def test_enter_enter_in_save_as_saves_once_and_keeps_working(tmp_path: Path) -> None:
    terminal = PtyTerminal([], env_for(tmp_path), tmp_path)
    try:
        terminal.wait_for("Revenue Streams")
        terminal.send("4", "a", *typed("kept"), "enter", "ctrl+s")
        terminal.send(*typed("new.toml"), "enter", "enter", "enter")
        target = tmp_path / "new.toml"
        assert wait_until(target.exists), (
            f"save-as never wrote the file; {sorted(p.name for p in tmp_path.iterdir())} "
            f"are there, and the screen ended with:\n{terminal.text[-2500:]}"
        )
        terminal.send("a", *typed("after"), "enter", "ctrl+s")
        assert wait_until(lambda: "after" in texts(target, VALUE_PROPOSITIONS))
        assert terminal.process.poll() is None
        assert texts(target, VALUE_PROPOSITIONS) == ["kept", "after"]
    finally:
        terminal.close()


def items_of(path: Path, block: str) -> list[dict[str, object]]:
    return list(tomllib.loads(path.read_text(encoding="utf-8")).get(block, []))


def test_a_repeated_digit_in_the_status_dialog_sets_the_status_once(
    editor: PtyTerminal, canvas: Path
) -> None:
    before = texts(canvas, "key_activities")
    # s 2 sets "testing" on Key Partners' first item; the second 2 goes to block 2, where
    # "a" then adds after that block's first item.
    editor.send("1", "s", "2", "2", "a", *typed("alive"), "enter")
    save_and_wait(editor, canvas)
    assert editor.process.poll() is None, "the editor crashed"
    partners = items_of(canvas, "key_partners")
    assert partners[0].get("status") == "testing"
    assert [item.get("status") for item in partners[1:]] == [None] * (len(partners) - 1)
    assert texts(canvas, "key_activities") == [before[0], "alive", *before[1:]]


def test_a_repeated_enter_in_the_resolve_dialog_resolves_once(tmp_path: Path, canvas: Path) -> None:
    original = load(canvas)
    first = original.items(BlockId.VALUE_PROPOSITIONS)[0]

    def edited(text: str) -> Canvas:
        return original.with_item_replaced(
            BlockId.VALUE_PROPOSITIONS, 0, first.model_copy(update={"text": text})
        )

    merged = merge(original, edited("Ours loaf"), edited("Theirs loaf"))
    assert merged.conflicts, "the test needs a canvas with a conflict"
    save(merged.canvas, canvas)
    terminal = PtyTerminal([str(canvas)], env_for(tmp_path), tmp_path)
    try:
        terminal.wait_for("Revenue Streams")
        # r asks; enter keeps ours (the answer with the focus); the second enter reaches the
        # canvas and opens the item's editor, the third keeps the item as it is.
        terminal.send("4", "r", "enter", "enter", "enter", "a", *typed("alive"), "enter")
        save_and_wait(terminal, canvas)
        assert terminal.process.poll() is None, "the editor crashed"
    finally:
        terminal.close()
    rest = [item.text for item in original.items(BlockId.VALUE_PROPOSITIONS)[1:]]
    assert texts(canvas, VALUE_PROPOSITIONS) == ["Ours loaf", "alive", *rest]
    assert not [item for item in items_of(canvas, VALUE_PROPOSITIONS) if "conflict" in str(item)]


def test_a_repeated_enter_at_the_guides_end_goes_to_one_finding(tmp_path: Path) -> None:
    path = tmp_path / "fresh.toml"
    # At the guide's last question (Cost Structure's third), as a session left there.
    memory = GuideMemory(tmp_path / "state" / "bmc-tui" / "guide")
    assert memory.remember(path, Position(BlockId.COST_STRUCTURE, 2))
    terminal = PtyTerminal(["guide", str(path), "--lang", "en"], env_for(tmp_path), tmp_path)
    try:
        terminal.wait_for("block 9 of 9")
        # Rent answers; an empty enter ends the guide and its end dialog lists the findings;
        # enter goes to the first (Key Partners has no items); the second enter, on the empty
        # block, opens its editor, which takes "alive".
        terminal.send(*typed("Rent"), "enter", "enter", "enter", "enter")
        terminal.send(*typed("alive"), "enter", "ctrl+s")
        assert wait_until(path.exists), (
            f"never saved; the screen ended with:\n{terminal.text[-2500:]}"
        )
        assert terminal.process.poll() is None, "the editor crashed"
    finally:
        terminal.close()
    assert set(blocks(path)) == {"key_partners", "cost_structure"}
    assert texts(path, "key_partners") == ["alive"]
    assert texts(path, "cost_structure") == ["Rent"]


@pytest.mark.parametrize("answer", ["s", "d"], ids=["save", "discard"])
def test_the_answer_typed_right_after_q_answers_the_quit_question(
    editor: PtyTerminal, canvas: Path, answer: str
) -> None:
    before = texts(canvas, VALUE_PROPOSITIONS)
    # The question opens from a worker, after q has been handled: "s" or "d" typed at once
    # must answer it, not act on the canvas ("d" would delete the edited item).
    editor.send("4", "e", "ctrl+u", *typed("unsaved"), "enter", "q", answer)
    assert editor.wait_exit() == 0
    if answer == "s":
        assert texts(canvas, VALUE_PROPOSITIONS) == ["unsaved", *before[1:]]
    else:
        assert texts(canvas, VALUE_PROPOSITIONS) == before


@pytest.mark.parametrize(
    "opener", [["a"], ["b"], ["e", "ctrl+u"]], ids=["add", "brainstorm", "edit"]
)
def test_a_pasted_line_is_typed_once(editor: PtyTerminal, canvas: Path, opener: list[str]) -> None:
    editor.send("4", *opener)
    editor.send_raw(paste_bytes("hello world"))
    editor.send("enter", "escape")
    save_and_wait(editor, canvas)
    assert "hello world" in texts(canvas, VALUE_PROPOSITIONS)
    assert not any("worldhello" in text for text in texts(canvas, VALUE_PROPOSITIONS))


def test_a_pasted_list_with_tabs_keeps_every_line(editor: PtyTerminal, canvas: Path) -> None:
    before = texts(canvas, VALUE_PROPOSITIONS)
    editor.send("4", "a")
    editor.send_raw(paste_bytes("one\ttab\ntwo\ttabs\nthree"))
    save_and_wait(editor, canvas)
    assert texts(canvas, VALUE_PROPOSITIONS) == [
        before[0],
        "one tab",
        "two tabs",
        "three",
        *before[1:],
    ]


def test_a_pasted_list_with_several_bad_lines_keeps_every_line_cleaned(
    editor: PtyTerminal, canvas: Path
) -> None:
    # A direction mark, a bell and a tab, each on its own line: every line is kept and
    # cleaned (a toast says what was cleaned), not only the last.
    before = texts(canvas, VALUE_PROPOSITIONS)
    editor.send("4", "a")
    editor.send_raw(paste_bytes("one\ttab\nbad\u202eline\nal\x07so\nthree"))
    save_and_wait(editor, canvas)
    assert texts(canvas, VALUE_PROPOSITIONS) == [
        before[0],
        "one tab",
        "badline",
        "also",
        "three",
        *before[1:],
    ]


#: Block 5 of the canvas, where a digit or tab after the escape moves to.
CUSTOMER_RELATIONSHIPS = "customer_relationships"


@pytest.mark.parametrize(
    ("packet", "then", "block", "expected"),
    [
        # Textual reads ESC 5 as "∞": the escape must close the brainstorm, 5 go to block 5.
        pytest.param(b"\x1b5", ["a", *typed("two"), "enter"], 5, ["two"], id="digit"),
        # ESC tab is shift+tab to Textual: here escape, then tab to the next block (5).
        pytest.param(b"\x1b\t", ["a", *typed("two"), "enter"], 5, ["two"], id="tab"),
        # ESC space lost the escape and typed a space into the draft.
        pytest.param(b"\x1b ", ["a", *typed("two"), "enter"], 4, ["one", "two"], id="space"),
        # ESC enter kept the draft; here it closes the brainstorm, enter edits "one".
        pytest.param(b"\x1b\r", ["ctrl+u", *typed("two"), "enter"], 4, ["two"], id="enter"),
        # ESC b and ESC f were ctrl+left and ctrl+right: the cursor moved inside the draft.
        pytest.param(b"\x1bb", [*typed("two"), "enter"], 4, ["one", "two"], id="b"),
        pytest.param(b"\x1bf", ["a", *typed("two"), "enter"], 4, ["one", "two"], id="f"),
        # ESC DEL was ctrl+w: it deleted the draft's word instead of dropping the draft.
        pytest.param(b"\x1b\x7f", ["a", *typed("two"), "enter"], 4, ["one", "two"], id="del"),
        # ESC / typed "/" into the draft; here it opens the filter, which takes the text.
        pytest.param(b"\x1b/", [*typed("zzz"), "enter"], 4, ["one"], id="slash"),
    ],
)
def test_escape_glued_to_a_key_drops_the_draft_then_the_key_acts(
    editor: PtyTerminal,
    canvas: Path,
    packet: bytes,
    then: list[str],
    block: int,
    expected: list[str],
) -> None:
    before = blocks(canvas)
    first, *rest = texts(canvas, VALUE_PROPOSITIONS)
    # "one" is kept, "x" is a draft that the escape drops.
    editor.send("4", "b", *typed("one"), "enter", "x")
    editor.send_raw(packet)
    editor.send(*then)
    save_and_wait(editor, canvas)
    if block == 4:
        assert texts(canvas, VALUE_PROPOSITIONS) == [first, *expected, *rest]
    else:
        assert texts(canvas, VALUE_PROPOSITIONS) == [first, "one", *rest]
        # Added after the selected item, the block's first.
        head, *tail = (str(item["text"]) for item in before[CUSTOMER_RELATIONSHIPS])
        assert texts(canvas, CUSTOMER_RELATIONSHIPS) == [head, *expected, *tail]


def test_a_filter_typed_in_a_burst_is_the_filter_not_commands(
    editor: PtyTerminal, canvas: Path
) -> None:
    original = blocks(canvas)
    # "doorstep" is full of canvas keys (d deletes, o opens, t tags, e edits): each must
    # be text in the filter bar, and enter must leave the first match selected.
    editor.send("1", "/", *typed("doorstep"), "enter", "e", "ctrl+u", *typed("Found"))
    editor.send("enter")
    save_and_wait(editor, canvas)
    saved = blocks(canvas)
    expected = [str(item["text"]) for item in original[VALUE_PROPOSITIONS]]
    expected[1] = "Found"
    assert texts(canvas, VALUE_PROPOSITIONS) == expected
    for block, items in original.items():
        if block != VALUE_PROPOSITIONS:
            assert saved[block] == items, f"{block} changed"


def test_the_header_form_typed_in_a_burst_keeps_every_field(
    editor: PtyTerminal, canvas: Path
) -> None:
    original = blocks(canvas)
    editor.send("i", "ctrl+u", *typed("Dough today"), "tab", "ctrl+u", *typed("Neighbours"))
    editor.send("ctrl+s")
    save_and_wait(editor, canvas)
    header = tomllib.loads(canvas.read_text(encoding="utf-8"))["canvas"]
    assert (header["title"], header["designed_for"]) == ("Dough today", "Neighbours")
    assert blocks(canvas) == original


def recovered_after_hangup(terminal: PtyTerminal, folder: Path, canvas: Path) -> Canvas:
    """Hang the editor up (SIGHUP, as a dropped SSH link) and read what it kept."""
    os.killpg(terminal.process.pid, signal.SIGHUP)
    terminal.wait_exit()
    found = RecoveryStore(folder / "state" / "bmc-tui" / "recovery").find(canvas)
    assert isinstance(found, Recovered), "no recovery file after SIGHUP"
    return found.canvas


def test_an_item_being_typed_is_kept_on_hangup(
    editor: PtyTerminal, canvas: Path, tmp_path: Path
) -> None:
    editor.send("6", "a", *typed("Half typed idea"))
    editor.wait_for("Half typed ide")
    kept = recovered_after_hangup(editor, tmp_path, canvas)
    assert "Half typed idea" in [item.text for item in kept.items(BlockId.CHANNELS)]


def test_a_note_being_typed_is_kept_on_hangup(
    editor: PtyTerminal, canvas: Path, tmp_path: Path
) -> None:
    editor.send("6", "n", *typed("Words not yet kept"))
    editor.wait_for("Words not yet kep")
    kept = recovered_after_hangup(editor, tmp_path, canvas)
    first = kept.items(BlockId.CHANNELS)[0]
    assert "Words not yet kept" in first.note
