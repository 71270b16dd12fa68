"""The semantic diff follows items by id: each kind of change is named once, in block order."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from bmc_tui.cli import main
from bmc_tui.core.catalogue import BLOCKS, BlockId
from bmc_tui.core.diffing import (
    diff_canvases,
    diff_to_json,
    render_markdown,
    render_text,
    textconv,
)
from bmc_tui.core.model import Canvas, Header, Item
from bmc_tui.core.presentation import markdown_escape as md_escape
from bmc_tui.core.storage import load, save

VP = BlockId.VALUE_PROPOSITIONS
CH = BlockId.CHANNELS
CS = BlockId.CUSTOMER_SEGMENTS


def make(header: Header | None = None, **blocks: list[Item]) -> Canvas:
    return Canvas(
        header=header or Header(),
        blocks={block.id: tuple(blocks.get(block.id.value, ())) for block in BLOCKS},
    )


def it(item_id: str, text: str, **fields: object) -> Item:
    return Item(id=item_id, text=text, **fields)  # type: ignore[arg-type]


BASE = make(
    value_propositions=[it("a1", "Fresh bread"), it("a2", "Subscriptions"), it("a3", "Cakes")],
    channels=[it("c1", "Shop")],
)


def test_equal_canvases_have_no_changes() -> None:
    result = diff_canvases(BASE, BASE)
    assert result.equal
    assert result.summary() == "no changes"


def test_added_and_removed_items() -> None:
    new = BASE.with_item_removed(CH, 0).with_item_inserted(VP, 3, it("a4", "Coffee"))
    result = diff_canvases(BASE, new)
    kinds = {(c.item_id, c.kind) for c in result.items}
    assert kinds == {("a4", "added"), ("c1", "removed")}
    assert result.summary() == "1 added, 1 removed"


def test_edited_text_keeps_old_and_new() -> None:
    new = BASE.with_item_replaced(VP, 0, it("a1", "Fresh sourdough"))
    (change,) = diff_canvases(BASE, new).items
    assert change.kind == "changed"
    assert [(f.field, f.old, f.new) for f in change.fields] == [
        ("text", "Fresh bread", "Fresh sourdough")
    ]
    assert change.edited
    assert not change.moved
    assert not change.reordered


def test_move_to_another_block_is_one_change_not_add_and_remove() -> None:
    new = BASE.with_item_removed(VP, 1).with_item_inserted(CH, 1, it("a2", "Subscriptions"))
    result = diff_canvases(BASE, new)
    (change,) = result.items
    assert change.moved
    assert change.old_block == VP
    assert change.block == CH
    assert not change.edited
    assert result.summary() == "1 moved"


def test_reorder_within_a_block_names_only_the_item_that_moved() -> None:
    a1, a2, a3 = BASE.items(VP)
    new = BASE.with_items(VP, [a3, a1, a2])
    result = diff_canvases(BASE, new)
    assert [(c.item_id, c.reordered) for c in result.items] == [("a3", True)]
    assert result.summary() == "1 reordered"


def test_additions_do_not_make_neighbours_look_reordered() -> None:
    new = BASE.with_item_inserted(VP, 0, it("a0", "New first"))
    result = diff_canvases(BASE, new)
    assert [c.item_id for c in result.items] == ["a0"]


def test_note_category_and_tag_changes() -> None:
    old = make(value_propositions=[it("a1", "Bread", tags=("b2c", "old"), category="tangible")])
    new = make(
        value_propositions=[
            it("a1", "Bread", tags=("b2c", "new"), category="digital", note="Baked daily")
        ]
    )
    (change,) = diff_canvases(old, new).items
    assert [f.field for f in change.fields] == ["category", "tags", "note"]
    text = render_text(diff_canvases(old, new)).plain
    assert 'category: "tangible" → "digital"' in text
    assert "tags +new -old" in text
    assert "note added" in text


def test_header_changes() -> None:
    old = make(Header(title="Bakery", version="1"))
    new = make(Header(title="Bakery", version="2", designed_by="Maggie"))
    result = diff_canvases(old, new)
    assert [f.field for f in result.header] == ["designed_by", "version"]
    assert result.summary() == "2 header fields changed"


def test_text_output_is_grouped_in_catalogue_order_with_a_summary() -> None:
    new = (
        BASE.with_item_inserted(CS, 0, it("s1", "Families"))
        .with_item_replaced(VP, 0, it("a1", "Fresh sourdough"))
        .with_item_removed(CH, 0)
    )
    lines = render_text(diff_canvases(BASE, new), "a.toml", "b.toml").plain.splitlines()
    assert lines == [
        "--- a.toml",
        "+++ b.toml",
        "4 Value Propositions (Product / Service)",
        "  ~ Fresh sourdough  [a1]",
        '      text: "Fresh bread" → "Fresh sourdough"',
        "6 Channels",
        "  - Shop  [c1]",
        "7 Customer Segments",
        "  + Families  [s1]",
        "1 added, 1 removed, 1 edited",
    ]


def test_user_text_is_never_read_as_markup() -> None:
    new = BASE.with_item_inserted(CH, 0, it("m1", "[bold red]shout[/] :smile:"))
    text = render_text(diff_canvases(BASE, new))
    assert "[bold red]shout[/] :smile:" in text.plain
    assert not any("bold red" in str(span.style) for span in text.spans)
    assert r"\[bold red\]shout\[/\]" in render_markdown(diff_canvases(BASE, new))


def test_markdown_escape() -> None:
    assert md_escape("*a* _b_ `c` |") == r"\*a\* \_b\_ \`c\` \|"


def test_json_shape() -> None:
    new = BASE.with_item_removed(VP, 1).with_item_inserted(CH, 1, it("a2", "Subscriptions"))
    data = diff_to_json(diff_canvases(BASE, new))
    assert data["equal"] is False
    assert data["counts"]["moved"] == 1
    (block,) = data["blocks"]
    assert block["block"] == "channels"
    assert block["changes"][0]["moved_from"] == "value_propositions"
    json.dumps(data)


def test_textconv_is_line_per_item_and_stable() -> None:
    canvas = make(
        Header(title="Bakery", description="Two\nlines"),
        value_propositions=[it("a1", "Bread", tags=("b2c",), category="tangible", note="n1\nn2")],
    )
    out = textconv(canvas, "en")
    assert out == textconv(canvas, "en")
    assert "- Bread (Tangible) #b2c  {a1}\n    n1\n    n2\n" in out
    assert "Canvas: Bakery\n" in out
    assert "== 4. Value Propositions (Product / Service) (1) ==" in out


def test_textconv_speaks_the_readers_language_whatever_the_canvas_speaks() -> None:
    canvas = make(
        Header(title="Bakery", description="Two\nlines", designed_by="Ann"),
        value_propositions=[
            it("a1", "Bread", category="tangible", status="validated"),
        ],
    )
    danish = textconv(canvas, "da")
    assert danish.startswith("Lærred: Bakery\nDesignet af: Ann\nSprog: en\nBeskrivelse:\n")
    assert "== 4. Værditilbud (Produkt / Service) (1) ==" in danish
    assert "- Bread (Materielle) [bekræftet]  {a1}" in danish
    english = textconv(
        canvas.model_copy(update={"header": Header(title="Bakery", language="da")}), "en"
    )
    assert english.startswith("Canvas: Bakery\nLanguage: da\n")
    assert "\n== 1. Key Partners (0) ==\n" in english


# --- command line ----------------------------------------------------------------------------


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "old.toml", tmp_path / "new.toml"
    save(BASE, old)
    save(BASE.with_item_replaced(VP, 0, it("a1", "Fresh sourdough")), new)
    return old, new


def test_cli_exit_codes(files: tuple[Path, Path]) -> None:
    old, new = files
    runner = CliRunner()
    same = runner.invoke(main, ["diff", str(old), str(old)])
    assert same.exit_code == 0, same.output
    assert "no changes" in same.output
    different = runner.invoke(main, ["diff", str(old), str(new)])
    assert different.exit_code == 1
    assert "1 edited" in different.output
    assert "\x1b[" not in different.output  # not a terminal: plain text
    missing = runner.invoke(main, ["diff", str(old), str(old.parent / "nope.toml")])
    assert missing.exit_code == 2
    assert "no such file" in missing.output


def test_cli_formats(files: tuple[Path, Path]) -> None:
    old, new = files
    runner = CliRunner()
    md = runner.invoke(main, ["diff", "--format", "md", str(old), str(new)])
    assert md.exit_code == 1
    assert "## 4 Value Propositions" in md.output
    data = json.loads(runner.invoke(main, ["diff", "--format", "json", str(old), str(new)]).output)
    assert data["counts"]["edited"] == 1


def test_cli_textconv_tolerates_a_broken_file(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("<<<<<<< ours\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["diff", "--textconv", str(broken)])
    assert result.exit_code == 0
    assert result.output.startswith("(not a valid canvas:")
    assert "<<<<<<< ours" in result.output


def test_cli_textconv(files: tuple[Path, Path]) -> None:
    result = CliRunner().invoke(main, ["diff", "--textconv", str(files[0])])
    assert result.exit_code == 0
    assert result.output == textconv(load(files[0]), "en")


def test_cli_rev_outside_a_repository(
    files: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(files[0].parent.parent))
    result = CliRunner().invoke(main, ["diff", str(files[0]), "--rev", "HEAD"])
    assert result.exit_code == 2
    assert "not in a git repository" in result.output
