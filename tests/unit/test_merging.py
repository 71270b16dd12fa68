"""Three-way merge by item id: independent changes combine; conflicts keep both versions."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from bmc_tui.cli import main
from bmc_tui.core.catalogue import BLOCKS, BlockId
from bmc_tui.core.lint import lint
from bmc_tui.core.merging import CONFLICT_TAG, merge
from bmc_tui.core.model import MAX_NOTE_LENGTH, MAX_TAGS, Canvas, Header, Item
from bmc_tui.core.storage import dumps, load, parse, save

KP = BlockId.KEY_PARTNERS
KR = BlockId.KEY_RESOURCES
VP = BlockId.VALUE_PROPOSITIONS
CH = BlockId.CHANNELS


def make(header: Header | None = None, **blocks: list[Item]) -> Canvas:
    return Canvas(
        header=header or Header(title="Bakery"),
        blocks={block.id: tuple(blocks.get(block.id.value, ())) for block in BLOCKS},
    )


def it(item_id: str, text: str, **fields: object) -> Item:
    return Item(id=item_id, text=text, **fields)  # type: ignore[arg-type]


BASE = make(
    value_propositions=[it("a1", "Fresh bread"), it("a2", "Subscriptions"), it("a3", "Cakes")],
    channels=[it("c1", "Shop")],
)


def texts(canvas: Canvas, block: BlockId) -> list[str]:
    return [item.text for item in canvas.items(block)]


def ids(canvas: Canvas, block: BlockId) -> list[str]:
    return [item.id for item in canvas.items(block)]


def test_nothing_changed() -> None:
    result = merge(BASE, BASE, BASE)
    assert result.clean
    assert result.canvas == BASE


@pytest.mark.parametrize(
    "changed",
    [
        BASE.with_item_inserted(VP, 1, it("n1", "New")),
        BASE.with_item_removed(VP, 0),
        BASE.with_item_replaced(VP, 2, it("a3", "Cakes", tags=("sweet",), note="Fridays")),
        BASE.with_header(Header(title="Bakery", version="2")),
    ],
)
def test_a_change_on_one_side_is_taken(changed: Canvas) -> None:
    assert merge(BASE, changed, BASE).canvas == changed
    assert merge(BASE, BASE, changed).canvas == changed


def test_adds_at_the_same_place_keep_both_ours_first() -> None:
    ours = BASE.with_item_inserted(VP, 3, it("o1", "Ours at end"))
    theirs = BASE.with_item_inserted(VP, 3, it("t1", "Theirs at end"))
    result = merge(BASE, ours, theirs)
    assert result.clean
    assert ids(result.canvas, VP) == ["a1", "a2", "a3", "o1", "t1"]


def test_adds_at_different_places_keep_their_places() -> None:
    ours = BASE.with_item_inserted(VP, 0, it("o1", "Ours first"))
    theirs = BASE.with_item_inserted(VP, 2, it("t1", "Theirs after a2"))
    result = merge(BASE, ours, theirs)
    assert ids(result.canvas, VP) == ["o1", "a1", "a2", "t1", "a3"]


def test_adds_in_different_blocks() -> None:
    ours = BASE.with_item_inserted(CH, 1, it("o1", "Market stall"))
    theirs = BASE.with_item_inserted(KP, 0, it("t1", "Mill"))
    result = merge(BASE, ours, theirs)
    assert result.clean
    assert ids(result.canvas, CH) == ["c1", "o1"]
    assert ids(result.canvas, KP) == ["t1"]


def test_edits_of_different_items() -> None:
    ours = BASE.with_item_replaced(VP, 0, it("a1", "Fresh sourdough"))
    theirs = BASE.with_item_replaced(VP, 2, it("a3", "Birthday cakes"))
    result = merge(BASE, ours, theirs)
    assert result.clean
    assert texts(result.canvas, VP) == ["Fresh sourdough", "Subscriptions", "Birthday cakes"]


def test_edits_of_different_fields_of_one_item() -> None:
    ours = BASE.with_item_replaced(VP, 0, it("a1", "Fresh sourdough"))
    theirs = BASE.with_item_replaced(VP, 0, it("a1", "Fresh bread", note="Baked at 4"))
    result = merge(BASE, ours, theirs)
    assert result.clean
    assert result.canvas.items(VP)[0] == it("a1", "Fresh sourdough", note="Baked at 4")


def test_edit_on_one_side_move_on_the_other() -> None:
    ours = BASE.with_item_replaced(VP, 1, it("a2", "Weekly subscriptions"))
    theirs = BASE.with_item_removed(VP, 1).with_item_inserted(CH, 1, it("a2", "Subscriptions"))
    for left, right in ((ours, theirs), (theirs, ours)):
        result = merge(BASE, left, right)
        assert result.clean
        assert ids(result.canvas, VP) == ["a1", "a3"]
        assert texts(result.canvas, CH) == ["Shop", "Weekly subscriptions"]


def test_reorder_on_one_side_add_on_the_other() -> None:
    a1, a2, a3 = BASE.items(VP)
    ours = BASE.with_item_inserted(VP, 1, it("o1", "After a1"))
    theirs = BASE.with_items(VP, [a3, a1, a2])
    for left, right in ((ours, theirs), (theirs, ours)):
        result = merge(BASE, left, right)
        assert result.clean
        assert ids(result.canvas, VP) == ["a3", "a1", "o1", "a2"]


def test_reorder_on_one_side_edit_on_the_other() -> None:
    a1, a2, a3 = BASE.items(VP)
    ours = BASE.with_items(VP, [a2, a3, a1])
    theirs = BASE.with_item_replaced(VP, 0, it("a1", "Bread"))
    result = merge(BASE, ours, theirs)
    assert result.clean
    assert texts(result.canvas, VP) == ["Subscriptions", "Cakes", "Bread"]


def test_header_changes_to_different_fields() -> None:
    ours = BASE.with_header(Header(title="Bakery", version="2"))
    theirs = BASE.with_header(Header(title="Bakery", designed_by="Tom"))
    result = merge(BASE, ours, theirs)
    assert result.clean
    assert result.canvas.header == Header(title="Bakery", version="2", designed_by="Tom")


def test_same_change_on_both_sides_is_not_a_conflict() -> None:
    both = BASE.with_item_replaced(VP, 0, it("a1", "Sourdough")).with_item_removed(CH, 0)
    result = merge(BASE, both, both)
    assert result.clean
    assert result.canvas == both


def test_tags_merge_as_sets() -> None:
    base = make(value_propositions=[it("a1", "Bread", tags=("b2c", "old"))])
    ours = make(value_propositions=[it("a1", "Bread", tags=("b2c", "old", "ours"))])
    theirs = make(value_propositions=[it("a1", "Bread", tags=("b2c", "theirs"))])
    result = merge(base, ours, theirs)
    assert result.clean
    assert result.canvas.items(VP)[0].tags == ("b2c", "ours", "theirs")


def test_deleted_on_one_side_unchanged_on_the_other_is_deleted() -> None:
    ours = BASE.with_item_removed(VP, 1)
    theirs = BASE.with_item_replaced(VP, 0, it("a1", "Sourdough"))
    result = merge(BASE, ours, theirs)
    assert result.clean
    assert ids(result.canvas, VP) == ["a1", "a3"]


# --- conflicts -------------------------------------------------------------------------------


def test_same_field_changed_differently_keeps_both_versions() -> None:
    ours = BASE.with_item_replaced(VP, 0, it("a1", "Sourdough loaves"))
    theirs = BASE.with_item_replaced(VP, 0, it("a1", "Rye bread", note="Their note"))
    result = merge(BASE, ours, theirs)
    (conflict,) = result.conflicts
    assert conflict.item_id == "a1"
    assert "both sides changed text" in str(conflict)
    first, copy, *_ = result.canvas.items(VP)
    assert first.id == "a1"
    assert first.text == "Sourdough loaves"
    assert copy.text == "Rye bread"
    assert copy.id not in BASE.item_ids()
    assert CONFLICT_TAG in first.tags
    assert CONFLICT_TAG in copy.tags
    assert first.note.startswith("conflict: ours and theirs both changed text. This is ours;")
    assert copy.note.startswith("conflict: ours and theirs both changed text. This is theirs;")
    assert 'Base text: "Fresh bread".' in copy.note
    # The note was changed on theirs only, so both copies carry it after the explanation.
    assert first.note.endswith("\n\nTheir note")
    assert copy.note.endswith("\n\nTheir note")
    assert texts(result.canvas, VP)[2:] == ["Subscriptions", "Cakes"]


def test_conflicting_result_is_a_valid_canvas_and_merging_is_repeatable() -> None:
    ours = BASE.with_item_replaced(VP, 0, it("a1", "Sourdough loaves"))
    theirs = BASE.with_item_replaced(VP, 0, it("a1", "Rye bread"))
    first = merge(BASE, ours, theirs).canvas
    assert dumps(first) == dumps(merge(BASE, ours, theirs).canvas)
    assert parse(Path("merged.toml"), dumps(first)) == first


@pytest.mark.parametrize("deleting_side", ["ours", "theirs"])
def test_edited_on_one_side_deleted_on_the_other_is_kept(deleting_side: str) -> None:
    edited = BASE.with_item_replaced(VP, 1, it("a2", "Weekly subscriptions"))
    deleted = BASE.with_item_removed(VP, 1)
    ours, theirs = (deleted, edited) if deleting_side == "ours" else (edited, deleted)
    result = merge(BASE, ours, theirs)
    (conflict,) = result.conflicts
    assert f"deleted by {deleting_side}" in str(conflict)
    kept = result.canvas.items(VP)[1]
    assert kept.text == "Weekly subscriptions"
    assert CONFLICT_TAG in kept.tags
    assert "deleted it" in kept.note


def test_moved_to_different_blocks_keeps_a_copy_in_each() -> None:
    ours = BASE.with_item_removed(VP, 1).with_item_inserted(CH, 0, it("a2", "Subscriptions"))
    theirs = BASE.with_item_removed(VP, 1).with_item_inserted(KR, 0, it("a2", "Subscriptions"))
    result = merge(BASE, ours, theirs)
    assert len(result.conflicts) == 1
    assert ids(result.canvas, CH)[0] == "a2"
    (copy,) = result.canvas.items(KR)
    assert copy.text == "Subscriptions"
    assert CONFLICT_TAG in copy.tags
    assert ids(result.canvas, VP) == ["a1", "a3"]


def test_both_added_one_id_with_different_text() -> None:
    ours = BASE.with_item_inserted(CH, 1, it("x1", "Ours"))
    theirs = BASE.with_item_inserted(CH, 1, it("x1", "Theirs"))
    result = merge(BASE, ours, theirs)
    assert len(result.conflicts) == 1
    assert texts(result.canvas, CH) == ["Shop", "Ours", "Theirs"]


def test_category_that_does_not_fit_after_a_move_is_left_out_and_said() -> None:
    base = make(key_partners=[it("p1", "Mill")])
    ours = make(key_partners=[it("p1", "Mill", category="acquisition")])
    theirs = make(channels=[it("p1", "Mill")])
    result = merge(base, ours, theirs)
    (item,) = result.canvas.items(CH)
    assert item.category is None
    assert "acquisition" in item.note
    assert len(result.conflicts) == 1


def test_header_field_changed_differently_keeps_ours_and_records_theirs() -> None:
    ours = BASE.with_header(Header(title="Crumb & Crust", description="Our words."))
    theirs = BASE.with_header(Header(title="Sourdough Co", description="Our words."))
    result = merge(BASE, ours, theirs)
    (conflict,) = result.conflicts
    assert conflict.block is None
    header = result.canvas.header
    assert header.title == "Crumb & Crust"
    assert header.description == (
        'Our words.\n\nconflict: title: ours "Crumb & Crust", theirs "Sourdough Co" (kept ours)'
    )


def test_header_description_changed_differently_keeps_both_texts() -> None:
    ours = BASE.with_header(Header(title="Bakery", description="Ours."))
    theirs = BASE.with_header(Header(title="Bakery", description="Theirs."))
    header = merge(BASE, ours, theirs).canvas.header
    assert header.description == "Ours.\n\nconflict: theirs' description was:\nTheirs."


# --- command line ----------------------------------------------------------------------------


def write(tmp_path: Path, **canvases: Canvas) -> dict[str, Path]:
    paths = {}
    for name, canvas in canvases.items():
        paths[name] = tmp_path / f"{name}.toml"
        save(canvas, paths[name])
    return paths


def test_cli_clean_merge_writes_over_ours(tmp_path: Path) -> None:
    ours = BASE.with_item_inserted(VP, 3, it("o1", "Ours"))
    theirs = BASE.with_item_inserted(CH, 1, it("t1", "Theirs"))
    p = write(tmp_path, base=BASE, ours=ours, theirs=theirs)
    result = CliRunner().invoke(main, ["merge", str(p["base"]), str(p["ours"]), str(p["theirs"])])
    assert result.exit_code == 0, result.output
    assert result.output == ""
    merged = load(p["ours"])
    assert ids(merged, VP) == ["a1", "a2", "a3", "o1"]
    assert ids(merged, CH) == ["c1", "t1"]


def test_cli_conflicts_exit_1_with_one_line_each(tmp_path: Path) -> None:
    ours = BASE.with_item_replaced(VP, 0, it("a1", "Ours")).with_item_removed(CH, 0)
    theirs = BASE.with_item_replaced(VP, 0, it("a1", "Theirs")).with_item_replaced(
        CH, 0, it("c1", "Shop on Leith Walk")
    )
    p = write(tmp_path, base=BASE, ours=ours, theirs=theirs)
    out = tmp_path / "out.toml"
    args = ["merge", str(p["base"]), str(p["ours"]), str(p["theirs"]), "-o", str(out)]
    result = CliRunner().invoke(main, [*args, "--name", "canvases/b.toml"])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert len(lines) == 2
    assert all(line.startswith("canvases/b.toml: conflict: ") for line in lines)
    assert load(p["ours"]) == ours  # -o given: OURS untouched
    assert texts(load(out), VP)[:2] == ["Ours", "Theirs"]


def test_cli_error_writes_nothing(tmp_path: Path) -> None:
    p = write(tmp_path, base=BASE, ours=BASE)
    bad = tmp_path / "theirs.toml"
    bad.write_text("<<<<<<<\n", encoding="utf-8")
    before = p["ours"].read_bytes()
    result = CliRunner().invoke(main, ["merge", str(p["base"]), str(p["ours"]), str(bad)])
    assert result.exit_code == 2
    assert "invalid TOML" in result.output
    assert p["ours"].read_bytes() == before


def test_cli_empty_base_when_there_is_no_common_ancestor(tmp_path: Path) -> None:
    empty = tmp_path / "empty.toml"
    empty.write_text("", encoding="utf-8")
    p = write(tmp_path, ours=BASE, theirs=BASE.with_item_inserted(CH, 1, it("t1", "Web")))
    result = CliRunner().invoke(main, ["merge", str(empty), str(p["ours"]), str(p["theirs"])])
    assert result.exit_code == 0, result.output
    assert ids(load(p["ours"]), CH) == ["c1", "t1"]


# --- at the edges (issue 11) -----------------------------------------------------------------

FULL_NOTE = "n" * MAX_NOTE_LENGTH
SIXTEEN = tuple(f"t{n}" for n in range(MAX_TAGS))


def test_a_conflict_on_an_item_with_a_full_note_keeps_both_notes_whole() -> None:
    base = make(value_propositions=[it("a1", "Bread", note=FULL_NOTE)])
    ours = make(value_propositions=[it("a1", "Ours", note=FULL_NOTE)])
    theirs = make(value_propositions=[it("a1", "Theirs", note=FULL_NOTE)])
    result = merge(base, ours, theirs)
    first, copy = result.canvas.items(VP)
    assert (first.text, copy.text) == ("Ours", "Theirs")
    # No room for the explanation: the notes stay whole, the tag marks the conflict.
    assert first.note == FULL_NOTE
    assert copy.note == FULL_NOTE
    assert CONFLICT_TAG in first.tags
    assert CONFLICT_TAG in copy.tags
    assert len(result.conflicts) == 1


def test_a_conflict_on_an_item_with_an_almost_full_note_says_it_briefly() -> None:
    note = "n" * (MAX_NOTE_LENGTH - 60)
    base = make(value_propositions=[it("a1", "Bread", note=note)])
    ours = make(value_propositions=[it("a1", "Ours", note=note)])
    theirs = make(value_propositions=[it("a1", "Theirs", note=note)])
    first, copy = merge(base, ours, theirs).canvas.items(VP)
    assert first.note == f"conflict: this is ours; theirs is item {copy.id}.\n\n{note}"
    assert copy.note == f"conflict: this is theirs; ours is item a1.\n\n{note}"


def test_a_conflict_on_an_item_with_sixteen_tags_is_still_tagged_conflict() -> None:
    base = make(value_propositions=[it("a1", "Bread", tags=SIXTEEN)])
    ours = make(value_propositions=[it("a1", "Ours", tags=SIXTEEN)])
    theirs = make(value_propositions=[it("a1", "Theirs", tags=SIXTEEN)])
    canvas = merge(base, ours, theirs).canvas
    for item in canvas.items(VP):
        assert item.tags == (*SIXTEEN[:-1], CONFLICT_TAG)
        assert f"Tag {SIXTEEN[-1]!r} was set aside" in item.note
    assert [f.rule for f in lint(canvas)].count("unresolved-conflict") == 2


def test_edited_and_deleted_with_sixteen_tags_is_still_tagged_conflict() -> None:
    base = make(value_propositions=[it("a1", "Bread", tags=SIXTEEN)])
    ours = make(value_propositions=[it("a1", "Ours", tags=SIXTEEN)])
    (kept,) = merge(base, ours, make()).canvas.items(VP)
    assert CONFLICT_TAG in kept.tags


def test_cli_merge_that_cannot_hold_both_descriptions_is_a_conflict_not_an_error(
    tmp_path: Path,
) -> None:
    half = MAX_NOTE_LENGTH // 2 + 10
    ours = BASE.with_header(Header(title="Bakery", description="o" * half))
    theirs = BASE.with_header(Header(title="Bakery", description="t" * half)).with_item_inserted(
        CH, 1, it("t1", "Market stall")
    )
    p = write(tmp_path, base=BASE, ours=ours, theirs=theirs)
    result = CliRunner().invoke(
        main, ["merge", str(p["base"]), str(p["ours"]), str(p["theirs"]), "--name", "c.toml"]
    )
    assert result.exit_code == 1, result.output
    text = p["ours"].read_text(encoding="utf-8")
    # Both versions are kept whole, with the marks a person (and git) knows.
    assert "o" * half in text
    assert "t" * half in text
    assert "Market stall" in text
    assert "<<<<<<<" in text
    assert result.output.startswith("c.toml: conflict: ")


def big_block(count: int) -> Canvas:
    return make(channels=[it(f"{n:06x}", f"Channel {n}") for n in range(count)])


def test_a_block_of_40000_items_merges_item_by_item() -> None:
    """The bug: each item's place was found with a list's index() and insert(), so a merge
    took time by the square of the block (20,000 items 4.6 s, 40,000 36 s, 100,000 over five
    minutes) where ``diff`` takes a moment. How long it takes is the benchmark's business
    (tests/benchmarks/run.py: merge on 1,000 and 10,000 items, against validate); here a
    block that size merges right."""
    count = 40_000
    base = big_block(count)
    items = base.items(CH)
    ours = base.with_item_replaced(CH, 1, it(items[1].id, "Ours")).with_item_inserted(
        CH, count // 2, it("new001", "Added by ours")
    )
    theirs = base.with_item_replaced(CH, count - 2, it(items[-2].id, "Theirs")).with_item_removed(
        CH, count // 3
    )
    result = merge(base, ours, theirs)
    merged = texts(result.canvas, CH)
    assert result.conflicts == ()
    assert len(merged) == count
    assert (merged[1], merged[-2]) == ("Ours", "Theirs")
    assert merged[count // 2 - 1] == "Added by ours"  # one item before it was deleted
    assert f"Channel {count // 3}" not in merged


TAG = st.sampled_from([f"t{n}" for n in range(8)])
TAGS = st.lists(TAG, unique=True, max_size=MAX_TAGS).map(tuple)


@given(base=TAGS, changed=TAGS)
def test_a_tag_change_on_one_side_comes_back_exactly(
    base: tuple[str, ...], changed: tuple[str, ...]
) -> None:
    original = make(channels=[it("c1", "Shop", tags=base)])
    edited = make(channels=[it("c1", "Shop", tags=changed)])
    assert merge(original, original, edited).canvas.items(CH)[0].tags == changed
    assert merge(original, edited, original).canvas.items(CH)[0].tags == changed


@given(base=TAGS, ours=TAGS, theirs=TAGS)
def test_tags_changed_on_both_sides_merge_to_one_order(
    base: tuple[str, ...], ours: tuple[str, ...], theirs: tuple[str, ...]
) -> None:
    canvases = [make(channels=[it("c1", "Shop", tags=tags)]) for tags in (base, ours, theirs)]
    first = merge(*canvases).canvas.items(CH)[0].tags
    assert merge(*canvases).canvas.items(CH)[0].tags == first
    assert len(set(first)) == len(first)
    removed = (set(base) - set(ours)) | (set(base) - set(theirs))
    both_changed = base not in (ours, theirs) and ours != theirs
    if both_changed and len((set(ours) | set(theirs)) - removed) <= MAX_TAGS:
        assert set(first) == (set(ours) | set(theirs)) - removed
        # Ours' order first, then theirs' additions in theirs' order.
        assert list(first) == [t for t in ours if t not in removed] + [
            t for t in theirs if t not in removed and t not in ours
        ]
