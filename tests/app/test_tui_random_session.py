"""Random key sessions in the real editor: the panes, the document and the file agree.

Hypothesis draws a sequence of editing keys (add, edit, delete, reorder, move, undo, redo,
save); after every key the nine panes must list exactly the document's items, and after
every save the file must hold exactly the document's canvas.
"""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path
from tempfile import TemporaryDirectory

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bmc_tui.core.catalogue import BLOCKS
from bmc_tui.core.storage import load
from bmc_tui.tui.app import create_app
from bmc_tui.tui.screens.canvas_screen import CanvasScreen
from conftest import EXAMPLE_EN, SIZE

words = st.text(alphabet="abcdefghij ", min_size=1, max_size=8).map(str.strip).filter(bool)
Op = tuple[str, ...]
ops = st.one_of(
    st.tuples(st.just("add"), st.sampled_from("123456789"), words),
    st.tuples(st.just("edit"), st.sampled_from("123456789"), words),
    st.tuples(st.just("key"), st.sampled_from(["d", "J", "K", "j", "k", "u", "ctrl+r"])),
    st.tuples(st.just("move"), st.sampled_from("123456789"), st.sampled_from("123456789")),
    st.tuples(st.just("save")),
)


def typed(text: str) -> list[str]:
    return ["space" if char == " " else char for char in text]


def keys_for(op: Op) -> list[str]:
    kind = op[0]
    if kind == "add":
        return [op[1], "a", *typed(op[2]), "enter"]
    if kind == "edit":
        return [op[1], "e", *typed(op[2]), "enter"]
    if kind == "move":
        return [op[1], "m", op[2]]
    if kind == "save":
        return ["ctrl+s"]
    return [op[1]]


def check_panes(screen: CanvasScreen) -> None:
    canvas = screen.document.canvas
    for block in BLOCKS:
        shown = screen.pane(block.id).item_list.item_ids
        assert shown == [item.id for item in canvas.items(block.id)], block.id


async def run_session(path: Path, session: list[Op]) -> None:
    app = create_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.canvas_screen
        assert screen is not None
        for op in session:
            await pilot.press(*keys_for(op))
            await pilot.pause()
            if app.screen is not screen:  # a dialog (say, nothing to move) stays out of it
                await pilot.press("escape")
                await pilot.pause()
            check_panes(screen)
            if op[0] == "save":
                await app.workers.wait_for_complete()
                await pilot.pause()
                assert load(path) == screen.document.canvas
                assert not screen.document.modified


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(session=st.lists(ops, min_size=3, max_size=12))
def test_random_sessions_keep_panes_document_and_file_in_step(session: list[Op]) -> None:
    with TemporaryDirectory() as folder:
        path = Path(folder) / "bakery.toml"
        shutil.copyfile(EXAMPLE_EN, path)
        asyncio.run(run_session(path, session))
