"""Resolving merge conflicts: the pair is found from the merge's own marks, and the version
kept stays under the original id, so a diff reads it as an edit."""

from __future__ import annotations

import pytest

from bmc_tui.core.catalogue import BLOCKS, BlockId
from bmc_tui.core.conflicts import count_conflicts, find_pair, resolve
from bmc_tui.core.diffing import diff_canvases
from bmc_tui.core.document import CanvasDocument
from bmc_tui.core.merging import merge
from bmc_tui.core.model import CONFLICT_TAG, MAX_TAGS, Canvas, Header, Item

VP = BlockId.VALUE_PROPOSITIONS
CH = BlockId.CHANNELS


def make(language: str = "en", **blocks: list[Item]) -> Canvas:
    return Canvas(
        header=Header(title="Bakery", language=language),  # type: ignore[arg-type]
        blocks={block.id: tuple(blocks.get(block.id.value, ())) for block in BLOCKS},
    )


BASE = make(
    value_propositions=[
        Item(id="a1", text="Fresh bread", note="Baked at dawn."),
        Item(id="a2", text="Cakes"),
    ]
)


def merged_text_conflict() -> Canvas:
    ours = BASE.with_item_replaced(VP, 0, BASE.items(VP)[0].model_copy(update={"text": "Rye"}))
    theirs = BASE.with_item_replaced(VP, 0, BASE.items(VP)[0].model_copy(update={"text": "Spelt"}))
    return merge(BASE, ours, theirs).canvas


def test_the_pair_is_found_from_either_copy() -> None:
    canvas = merged_text_conflict()
    ours, theirs = canvas.items(VP)[0], canvas.items(VP)[1]
    assert (ours.id, theirs.text) == ("a1", "Spelt")
    for item in (ours, theirs):
        pair = find_pair(canvas, item.id)
        assert pair is not None
        assert pair.original.id == "a1"
        assert pair.copy is not None
        assert pair.copy.id == theirs.id
        assert pair.choices == ("ours", "theirs", "both")
    assert find_pair(canvas, "a2") is None
    assert count_conflicts(canvas) == 1


@pytest.mark.parametrize("selected", [0, 1])
def test_keeping_theirs_keeps_the_original_id_and_reads_as_an_edit(selected: int) -> None:
    canvas = merged_text_conflict()
    chosen = canvas.items(VP)[selected].id
    resolved, blocks = resolve(canvas, chosen, "theirs")
    kept = resolved.items(VP)
    assert [(item.id, item.text) for item in kept] == [("a1", "Spelt"), ("a2", "Cakes")]
    # The marks are gone, the note the item had before the merge is back.
    assert CONFLICT_TAG not in kept[0].tags
    assert kept[0].note == "Baked at dawn."
    assert blocks == {VP}
    diff = diff_canvases(BASE, resolved)
    assert [change.kind for change in diff.items] == ["changed"]
    assert count_conflicts(resolved) == 0


def test_keeping_ours_drops_theirs_and_both_keeps_two_clean_items() -> None:
    canvas = merged_text_conflict()
    ours, _ = resolve(canvas, "a1", "ours")
    assert [(i.id, i.text, i.note) for i in ours.items(VP)] == [
        ("a1", "Rye", "Baked at dawn."),
        ("a2", "Cakes", ""),
    ]
    both, _ = resolve(canvas, "a1", "both")
    assert [i.text for i in both.items(VP)] == ["Rye", "Spelt", "Cakes"]
    assert not any(CONFLICT_TAG in i.tags for i in both.items(VP))
    assert both.items(VP)[0].id == "a1"


def test_an_item_edited_and_deleted_offers_keep_or_delete() -> None:
    ours = BASE.with_item_replaced(VP, 1, Item(id="a2", text="Cupcakes"))
    theirs = BASE.with_item_removed(VP, 1)
    canvas = merge(BASE, ours, theirs).canvas
    pair = find_pair(canvas, "a2")
    assert pair is not None
    assert pair.copy is None
    assert pair.choices == ("keep", "delete")
    kept, _ = resolve(canvas, "a2", "keep")
    assert kept.items(VP)[1] == Item(id="a2", text="Cupcakes")
    deleted, _ = resolve(canvas, "a2", "delete")
    assert [i.id for i in deleted.items(VP)] == ["a1"]
    with pytest.raises(ValueError, match="no conflict"):
        resolve(canvas, "a2", "theirs")


@pytest.mark.parametrize("language", ["da", "en"])
def test_a_tag_set_aside_for_the_mark_is_put_back(language: str) -> None:
    full = tuple(f"t{n}" for n in range(MAX_TAGS))
    base = make(language, value_propositions=[Item(id="a1", text="Bread", tags=full)])
    ours = base.with_item_replaced(VP, 0, Item(id="a1", text="Rye", tags=full))
    theirs = base.with_item_replaced(VP, 0, Item(id="a1", text="Spelt", tags=full))
    canvas = merge(base, ours, theirs).canvas
    assert canvas.items(VP)[0].tags[-1] == CONFLICT_TAG
    resolved, _ = resolve(canvas, "a1", "ours")
    assert resolved.items(VP)[0].tags == full


def test_a_danish_canvas_gets_its_conflict_notes_in_danish_and_resolves_from_them() -> None:
    base = make("da", value_propositions=[Item(id="a1", text="Brød", note="Bagt ved daggry.")])
    ours = base.with_item_replaced(VP, 0, base.items(VP)[0].model_copy(update={"text": "Rug"}))
    theirs = base.with_item_replaced(VP, 0, base.items(VP)[0].model_copy(update={"text": "Spelt"}))
    canvas = merge(base, ours, theirs).canvas
    first, copy = canvas.items(VP)
    assert first.note == (
        f"konflikt: begge sider ændrede text. Dette er vores; deres er punkt {copy.id}. "
        f'Udgangspunktets tekst: "Brød".\n\nBagt ved daggry.'
    )
    assert copy.note.startswith("konflikt: begge sider ændrede text. Dette er deres; vores er")
    pair = find_pair(canvas, copy.id)
    assert pair is not None
    assert (pair.original.id, pair.copy) == ("a1", copy)
    resolved, _ = resolve(canvas, copy.id, "theirs")
    assert [(i.id, i.text, i.note) for i in resolved.items(VP)] == [
        ("a1", "Spelt", "Bagt ved daggry.")
    ]


def test_english_notes_from_a_merge_by_an_older_version_still_resolve_on_a_danish_canvas() -> None:
    note = "conflict: ours and theirs both changed text. This is ours; theirs is item b7."
    canvas = make(
        "da",
        value_propositions=[
            Item(id="a1", text="Rug", tags=("conflict",), note=f"{note}\n\nBagt ved daggry."),
            Item(
                id="b7",
                text="Spelt",
                tags=("conflict",),
                note="conflict: this is theirs; ours is item a1.\n\nBagt ved daggry.",
            ),
        ],
    )
    resolved, _ = resolve(canvas, "a1", "theirs")
    assert [(i.id, i.text, i.note) for i in resolved.items(VP)] == [
        ("a1", "Spelt", "Bagt ved daggry.")
    ]


def test_theirs_in_another_block_keeps_the_original_id_there() -> None:
    ours = BASE.with_item_replaced(VP, 0, BASE.items(VP)[0].model_copy(update={"text": "Rye"}))
    moved = BASE.with_item_removed(VP, 0)
    theirs = moved.with_item_inserted(CH, 0, BASE.items(VP)[0])
    # Ours edited the text, theirs moved it: both happen, no conflict; make one on the block.
    ours = ours.with_item_removed(VP, 0).with_item_inserted(
        BlockId.KEY_RESOURCES, 0, ours.items(VP)[0]
    )
    canvas = merge(BASE, ours, theirs).canvas
    pair = find_pair(canvas, "a1")
    assert pair is not None
    assert pair.copy is not None
    resolved, blocks = resolve(canvas, "a1", "theirs")
    assert resolved.find("a1") == (CH, 0)
    assert blocks == {BlockId.KEY_RESOURCES, CH}


def test_the_document_resolves_in_one_undo_step() -> None:
    document = CanvasDocument(canvas=merged_text_conflict())
    before = document.canvas
    change = document.resolve_conflict("a1", "theirs")
    assert change.focus == (VP, "a1")
    assert document.canvas.items(VP)[0].text == "Spelt"
    undone = document.undo()
    assert document.canvas == before
    assert undone is not None
    assert undone.focus == (VP, "a1")


def test_moving_to_a_block_without_the_category_says_what_was_dropped() -> None:
    segments = BlockId.CUSTOMER_SEGMENTS
    canvas = make(customer_segments=[Item(id="s1", text="Families", category="mass_market")])
    document = CanvasDocument(canvas=canvas)
    change = document.move_item("s1", VP)
    assert change is not None
    assert change.dropped_category == "mass_market"
    assert document.canvas.items(VP)[0].category is None
    undone = document.undo()
    assert document.canvas.items(segments)[0].category == "mass_market"
    assert undone is not None
    assert undone.focus == (segments, "s1")


def test_undoing_a_delete_puts_the_cursor_on_the_item_that_came_back() -> None:
    document = CanvasDocument(canvas=BASE)
    deleted = document.delete_item("a1")
    assert deleted is not None
    assert deleted.focus == (VP, "a2")
    undone = document.undo()
    assert undone is not None
    assert undone.focus == (VP, "a1")
    added = document.add_item(VP, 2, "Pies")
    assert added.item_id is not None
    undone = document.undo()
    assert undone is not None
    assert undone.focus == (VP, None)
