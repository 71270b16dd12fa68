"""Lint rules: each fires on exactly the canvases its documented rule describes."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from bmc_tui.cli import main
from bmc_tui.core.catalogue import BLOCKS, BlockId
from bmc_tui.core.lint import RULES, Finding, lint, locate
from bmc_tui.core.model import Canvas, Header, Item
from bmc_tui.core.storage import dumps, parse, save

CS = BlockId.CUSTOMER_SEGMENTS
VP = BlockId.VALUE_PROPOSITIONS
RS = BlockId.REVENUE_STREAMS


def it(item_id: str, text: str, **fields: object) -> Item:
    return Item(id=item_id, text=text, **fields)  # type: ignore[arg-type]


def full(header: Header | None = None, **blocks: list[Item]) -> Canvas:
    """A canvas with one plain item in every block not given, so empty-block stays quiet."""
    return Canvas(
        header=header or Header(),
        blocks={
            block.id: tuple(blocks.get(block.id.value, [it(f"x{block.number}", "Something")]))
            for block in BLOCKS
        },
    )


LINKED = full(
    customer_segments=[
        it("s1", "Families", tags=("families",)),
        it("s2", "Cafés", tags=("cafes",)),
    ],
    value_propositions=[it("v1", "Bread", tags=("families", "cafes"))],
    revenue_streams=[
        it("r1", "Loaves", tags=("families",)),
        it("r2", "Wholesale", tags=("cafes",)),
    ],
)


def rules(canvas: Canvas, disable: tuple[str, ...] = ()) -> list[tuple[str, str | None]]:
    return [(f.rule, f.item_id) for f in lint(canvas, disable)]


def test_a_linked_canvas_is_clean() -> None:
    assert lint(LINKED) == []


def test_empty_block() -> None:
    canvas = LINKED.with_items(BlockId.KEY_PARTNERS, [])
    assert lint(canvas) == [Finding("empty-block", BlockId.KEY_PARTNERS, None, "lint-empty-block")]


def test_duplicate_item_ignores_case_and_spacing_within_one_block_only() -> None:
    canvas = LINKED.with_items(
        BlockId.KEY_PARTNERS, [it("p1", "Mill"), it("p2", "  the MILL"), it("p3", "mill ")]
    ).with_items(BlockId.KEY_ACTIVITIES, [it("k1", "Mill")])
    assert rules(canvas) == [("duplicate-item", "p3")]


def test_unknown_segment_tag() -> None:
    canvas = LINKED.with_items(
        BlockId.CHANNELS,
        [
            it("c1", "Shop", tags=("familys",)),
            it("c2", "Web", tags=("cafes", "web")),
            it("c3", "X"),
        ],
    )
    assert rules(canvas) == [("unknown-segment-tag", "c1")]
    assert "familys" in lint(canvas)[0].message("en")


def test_segment_rules_are_off_when_segments_carry_no_tags() -> None:
    canvas = full(
        customer_segments=[it("s1", "Families")],
        channels=[it("c1", "Shop", tags=("anything",))],
        revenue_streams=[it("r1", "Loaves")],
    )
    assert lint(canvas) == []


def test_unserved_segment() -> None:
    canvas = LINKED.with_items(VP, [it("v1", "Bread", tags=("families",))])
    assert rules(canvas) == [("unserved-segment", "s2")]


def test_untagged_segment_is_unserved_and_unpaid_once_tags_are_in_use() -> None:
    canvas = LINKED.with_item_inserted(CS, 2, it("s3", "Tourists"))
    assert rules(canvas) == [("unserved-segment", "s3"), ("unpaid-segment", "s3")]


def test_unpaid_segment() -> None:
    canvas = LINKED.with_items(RS, [it("r1", "Loaves", tags=("families",))])
    assert rules(canvas) == [("unpaid-segment", "s2")]


def test_revenue_without_segment() -> None:
    canvas = LINKED.with_item_inserted(RS, 2, it("r3", "Classes"))
    assert rules(canvas) == [("revenue-without-segment", "r3")]


def test_unresolved_conflict() -> None:
    canvas = LINKED.with_item_replaced(
        VP, 0, it("v1", "Bread", tags=("families", "cafes", "conflict"))
    )
    assert rules(canvas) == [("unresolved-conflict", "v1")]


def test_disable_per_call_and_per_file() -> None:
    canvas = LINKED.with_items(BlockId.KEY_PARTNERS, []).with_items(RS, [])
    assert {rule for rule, _ in rules(canvas)} == {"empty-block", "unpaid-segment"}
    assert rules(canvas, ("empty-block", "unpaid-segment")) == []
    in_file = canvas.with_header(Header(lint_disable=("empty-block", "unpaid-segment")))
    assert rules(in_file) == []


def test_rule_ids_are_unique_and_described() -> None:
    ids = [rule.id for rule in RULES]
    assert len(ids) == len(set(ids))
    assert all(rule.description(language) for rule in RULES for language in ("da", "en"))


def test_locate_points_at_the_items_id_line() -> None:
    canvas = LINKED.with_item_inserted(RS, 2, it("r3", "Classes"))
    text = dumps(canvas)
    (finding,) = lint(canvas)
    line, column = locate(text, canvas, finding)
    assert text.splitlines()[line - 1] == 'id = "r3"'
    assert column == 1


def test_locate_without_ids_in_the_file_points_at_the_table() -> None:
    text = '[[key_partners]]\ntext = "Mill"\n\n[[key_partners]]\ntext = "mill"\n'
    canvas = parse(Path("x.toml"), text)
    (finding,) = [f for f in lint(canvas) if f.rule == "duplicate-item"]
    assert locate(text, canvas, finding) == (4, 1)


# --- command line ----------------------------------------------------------------------------


@pytest.fixture
def linted(tmp_path: Path) -> Path:
    path = tmp_path / "c.toml"
    save(LINKED.with_item_inserted(RS, 2, it("r3", "Classes")), path)
    return path


def test_cli_findings(linted: Path) -> None:
    result = CliRunner().invoke(main, ["check", str(linted)])
    assert result.exit_code == 1
    line = result.output.strip()
    assert line.startswith(f"{linted}:")
    _file, number, column, rest = line.rsplit(":", 3)
    assert column == "1"
    assert rest.startswith(" revenue-without-segment revenue stream 'Classes'")
    assert linted.read_text().splitlines()[int(number) - 1] == 'id = "r3"'


def test_cli_disable_and_clean(linted: Path) -> None:
    result = CliRunner().invoke(
        main, ["check", "--disable", "revenue-without-segment", str(linted)]
    )
    assert result.exit_code == 0
    assert result.output == ""


def test_cli_unknown_rule_and_bad_file(linted: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    unknown = runner.invoke(main, ["check", "--disable", "nope", str(linted)])
    assert unknown.exit_code == 2
    assert "unknown rule 'nope'" in unknown.output
    bad = tmp_path / "bad.toml"
    bad.write_text("x = [", encoding="utf-8")
    result = runner.invoke(main, ["check", str(bad), str(linted)])
    assert result.exit_code == 2
    assert "revenue-without-segment" in result.output


def test_cli_list_rules() -> None:
    result = CliRunner().invoke(main, ["check", "--list-rules"])
    assert result.exit_code == 0
    assert [line.split()[0] for line in result.output.splitlines()] == [r.id for r in RULES]


def test_example_canvases_are_clean(repo_root: Path) -> None:
    examples = sorted((repo_root / "canvases").glob("*.toml"))
    result = CliRunner().invoke(main, ["check", *map(str, examples)])
    assert result.exit_code == 0, result.output
