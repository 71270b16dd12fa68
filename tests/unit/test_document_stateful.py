"""Random editing sessions against the document: edits, undo, redo, save and reload agree.

A plain reference (block id -> list of (item id, text)) follows every operation; after each
step the document must equal it, every id must be unique, "modified" must be exactly
"differs from the file", and the file must hold exactly what was saved.
"""

from __future__ import annotations

from pathlib import Path
from tempfile import TemporaryDirectory

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from bmc_tui.core.catalogue import BlockId
from bmc_tui.core.document import CanvasDocument
from bmc_tui.core.model import Canvas, Header
from bmc_tui.core.storage import dumps, load
from bmc_tui.core.textsafe import BIDI_CONTROLS

Reference = dict[BlockId, list[tuple[str, str]]]

texts = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cc", "Cs", "Zl", "Zp"),
        blacklist_characters="".join(sorted(BIDI_CONTROLS)),
    ),
    min_size=1,
    max_size=30,
).filter(lambda text: text.strip() == text and text != "")
blocks = st.sampled_from(list(BlockId))


def snapshot(canvas: Canvas) -> Reference:
    return {block: [(item.id, item.text) for item in canvas.items(block)] for block in BlockId}


class EditingSession(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = TemporaryDirectory()
        self.path = Path(self.folder.name) / "canvas.toml"
        self.document = CanvasDocument.new(self.path, Header(title="t"))
        self.reference: Reference = {block: [] for block in BlockId}
        self.undo: list[Reference] = []
        self.redo: list[Reference] = []
        self.on_disk: Reference | None = None

    def teardown(self) -> None:
        self.folder.cleanup()

    def _record(self) -> None:
        self.undo.append({block: list(items) for block, items in self.reference.items()})
        self.redo.clear()

    def _items(self) -> list[tuple[BlockId, int]]:
        return [(block, i) for block in BlockId for i in range(len(self.reference[block]))]

    @rule(block=blocks, text=texts, data=st.data())
    def add(self, block: BlockId, text: str, data: st.DataObject) -> None:
        index = data.draw(st.integers(0, len(self.reference[block])))
        change = self.document.add_item(block, index, text)
        assert change.focus is not None
        new_id = change.focus[1]
        assert new_id is not None
        self._record()
        self.reference[block].insert(index, (new_id, text))

    @precondition(lambda self: self._items())
    @rule(data=st.data(), text=texts)
    def edit(self, data: st.DataObject, text: str) -> None:
        block, index = data.draw(st.sampled_from(self._items()))
        item_id, old = self.reference[block][index]
        change = self.document.update_item(item_id, "edit", text=text)
        if text == old:
            assert change is None
            return
        self._record()
        self.reference[block][index] = (item_id, text)

    @precondition(lambda self: self._items())
    @rule(data=st.data())
    def delete(self, data: st.DataObject) -> None:
        block, index = data.draw(st.sampled_from(self._items()))
        self.document.delete_item(self.reference[block][index][0])
        self._record()
        del self.reference[block][index]

    @precondition(lambda self: self._items())
    @rule(data=st.data(), offset=st.sampled_from([-1, 1]))
    def reorder(self, data: st.DataObject, offset: int) -> None:
        block, index = data.draw(st.sampled_from(self._items()))
        items = self.reference[block]
        change = self.document.reorder_item(items[index][0], offset)
        if not 0 <= index + offset < len(items):
            assert change is None
            return
        self._record()
        items.insert(index + offset, items.pop(index))

    @precondition(lambda self: self._items())
    @rule(data=st.data(), to=blocks)
    def move(self, data: st.DataObject, to: BlockId) -> None:
        block, index = data.draw(st.sampled_from(self._items()))
        change = self.document.move_item(self.reference[block][index][0], to)
        if to == block:
            assert change is None
            return
        self._record()
        self.reference[to].append(self.reference[block].pop(index))

    @precondition(lambda self: self.undo)
    @rule()
    def undo_last(self) -> None:
        assert self.document.undo() is not None
        self.redo.append(self.reference)
        self.reference = self.undo.pop()

    @precondition(lambda self: self.redo)
    @rule()
    def redo_last(self) -> None:
        assert self.document.redo() is not None
        self.undo.append(self.reference)
        self.reference = self.redo.pop()

    @rule()
    def save(self) -> None:
        self.document.save()
        self.on_disk = {block: list(items) for block, items in self.reference.items()}
        data = self.path.read_bytes()
        assert data == dumps(self.document.canvas).encode()
        assert snapshot(load(self.path)) == self.reference
        assert not self.document.modified

    @precondition(lambda self: self.on_disk is not None)
    @rule()
    def reload(self) -> None:
        assert self.on_disk is not None
        self.document.reload()
        self._record()
        self.reference = {block: list(items) for block, items in self.on_disk.items()}
        assert not self.document.modified

    @invariant()
    def document_matches_the_reference(self) -> None:
        assert snapshot(self.document.canvas) == self.reference
        ids = [item.id for _, _, item in self.document.canvas.all_items()]
        assert len(ids) == len(set(ids))

    @invariant()
    def modified_means_different_from_the_file(self) -> None:
        if self.on_disk is not None:
            assert self.document.modified == (self.reference != self.on_disk)


EditingSession.TestCase.settings = settings(max_examples=60, stateful_step_count=30, deadline=None)
test_editing_session = EditingSession.TestCase
