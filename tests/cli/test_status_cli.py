"""Issue 14: every command knows an item's status: ``show --summary``, ``show``, ``export``
in each format, ``diff``, ``merge`` (clean and in conflict), ``check`` and its rules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from bmc_tui.cli import main
from bmc_tui.core.catalogue import BLOCKS, BlockId, StatusId
from bmc_tui.core.model import CONFLICT_TAG, Canvas, Header, Item
from bmc_tui.core.storage import load, save

CS = BlockId.CUSTOMER_SEGMENTS
VP = BlockId.VALUE_PROPOSITIONS
RS = BlockId.REVENUE_STREAMS
EXAMPLE_EN = Path(__file__).resolve().parents[2] / "canvases" / "example-en.toml"


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(arg) for arg in args], catch_exceptions=False)


def item(item_id: str, text: str, **fields: object) -> Item:
    return Item(id=item_id, text=text, **fields)  # type: ignore[arg-type]


def canvas(**statuses: StatusId) -> Canvas:
    """Two segments, a value proposition and two revenue streams, each linked by tag;
    ``statuses`` gives some of them (by id) a status."""

    def made(item_id: str, text: str, **fields: object) -> Item:
        return item(item_id, text, status=statuses.get(item_id, StatusId.UNTESTED), **fields)

    return Canvas(
        header=Header(title="Bakery"),
        blocks={
            **{block.id: () for block in BLOCKS},
            CS: (made("s1", "Neighbours", tags=("locals",)), made("s2", "Cafés", tags=("cafes",))),
            VP: (made("v1", "Fresh bread", tags=("locals",)),),
            RS: (
                made("r1", "Shop sales", tags=("locals",)),
                made("r2", "Invoices", tags=("cafes",)),
            ),
        },
    )


def write(folder: Path, name: str, value: Canvas) -> Path:
    path = folder / name
    save(value, path)
    return path


# --- show --summary --------------------------------------------------------------------------


def test_show_summary_counts_each_status_per_block(tmp_path: Path) -> None:
    path = write(
        tmp_path, "c.toml", canvas(s1=StatusId.VALIDATED, s2=StatusId.TESTING, r1="invalidated")
    )
    result = run("show", "--summary", path)
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split() == ["Block", "untested", "testing", "validated", "invalidated", "Total"]
    rows = {" ".join(line.split()[:-5]): line.split()[-5:] for line in lines[1:]}
    assert rows["7 Customer Segments"] == ["0", "1", "1", "0", "2"]
    assert rows["4 Value Propositions"] == ["1", "0", "0", "0", "1"]
    assert rows["9 Revenue Streams"] == ["1", "0", "0", "1", "2"]
    assert rows["1 Key Partners"] == ["0", "0", "0", "0", "0"]
    assert rows["Total"] == ["2", "1", "1", "1", "5"]
    assert len(lines) == 1 + len(BLOCKS) + 1
    assert "\x1b" not in result.output, "a plain table, for CI logs"


def test_show_summary_speaks_danish(tmp_path: Path) -> None:
    path = write(tmp_path, "c.toml", canvas(s1=StatusId.VALIDATED))
    result = run("show", "--summary", "--lang", "da", path)
    assert result.exit_code == 0
    heading = result.output.splitlines()[0]
    assert heading.split() == [
        "Blok",
        "utestet",
        "under",
        "test",
        "bekræftet",
        "afkræftet",
        "I",
        "alt",
    ]
    assert result.output.splitlines()[-1].split() == ["I", "alt", "4", "0", "1", "0", "5"]


def test_show_summary_of_a_canvas_without_statuses_counts_all_untested() -> None:
    result = run("show", "--summary", EXAMPLE_EN)
    assert result.exit_code == 0
    total = load(EXAMPLE_EN).item_count()
    assert result.output.splitlines()[-1].split() == [
        "Total",
        str(total),
        "0",
        "0",
        "0",
        str(total),
    ]


# --- show and export -------------------------------------------------------------------------


def test_show_marks_each_item_and_counts_once_statuses_are_used(tmp_path: Path) -> None:
    path = write(tmp_path, "c.toml", canvas(s1=StatusId.VALIDATED, r2=StatusId.INVALIDATED))
    shown = run("show", "--width", "120", path).output
    assert "3 untested · 0 testing · 1 validated · 1 invalidated" in shown
    assert "✓ ● Neighbours" in shown
    assert "✗ Invoices" in shown
    assert "? Fresh bread" in shown
    plain = run("show", "--width", "120", EXAMPLE_EN).output
    assert "untested" not in plain
    assert "• ? " not in plain


def test_every_export_format_carries_the_status(tmp_path: Path) -> None:
    path = write(tmp_path, "c.toml", canvas(s1=StatusId.VALIDATED, r2=StatusId.INVALIDATED))
    markdown = run("export", "-f", "md", path).output
    assert "- ● Neighbours **✓ validated**" in markdown
    assert "- Invoices **✗ invalidated**" in markdown
    assert "3 untested · 0 testing · 1 validated · 1 invalidated" in markdown
    page = run("export", "-f", "html", path).output
    assert '<span class="status status-validated">✓ validated</span>' in page
    assert ".status-invalidated { color:" in page
    data = json.loads(run("export", "-f", "json", path).output)
    assert data["format_version"] == 2
    assert data["customer_segments"][0]["status"] == "validated"
    assert "status" not in data["value_propositions"][0]
    picture = run("export", "-f", "svg", path).output
    assert "validated" in picture
    assert "✓" in picture
    danish = run("export", "-f", "md", "--lang", "da", path).output
    assert "**✓ bekræftet**" in danish
    assert "**✗ afkræftet**" in danish


def test_exports_of_a_canvas_without_statuses_say_nothing_of_them() -> None:
    for form in ("md", "html"):
        output = run("export", "-f", form, EXAMPLE_EN).output
        assert "untested" not in output
        assert "status" not in output


# --- diff ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "words"),
    [("en", "status: untested → validated"), ("da", "status: utestet → bekræftet")],
)
def test_diff_says_how_a_status_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, language: str, words: str
) -> None:
    monkeypatch.setenv("BMC_TUI_LANG", language)
    old = write(tmp_path, "old.toml", canvas())
    new = write(tmp_path, "new.toml", canvas(v1=StatusId.VALIDATED))
    result = run("diff", old, new)
    assert result.exit_code == 1
    assert words in result.output
    data = json.loads(run("diff", "--format", "json", old, new).output)
    (change,) = data["blocks"][0]["changes"]
    assert change["fields"] == [{"field": "status", "old": "untested", "new": "validated"}]


def test_textconv_shows_a_status_other_than_untested(tmp_path: Path) -> None:
    path = write(tmp_path, "c.toml", canvas(s2=StatusId.TESTING))
    text = run("diff", "--textconv", path).output
    assert "- Cafés #cafes [testing]  {s2}" in text
    assert "- Neighbours #locals  {s1}" in text


# --- merge -----------------------------------------------------------------------------------


def test_a_status_changed_on_one_side_merges_cleanly(tmp_path: Path) -> None:
    base = write(tmp_path, "base.toml", canvas())
    ours = write(tmp_path, "ours.toml", canvas(s1=StatusId.VALIDATED))
    theirs = write(tmp_path, "theirs.toml", canvas(r1=StatusId.TESTING, s1=StatusId.UNTESTED))
    out = tmp_path / "out.toml"
    result = run("merge", base, ours, theirs, "-o", out)
    assert result.exit_code == 0, result.output
    merged = load(out)
    assert merged.items(CS)[0].status is StatusId.VALIDATED
    assert merged.items(RS)[0].status is StatusId.TESTING
    assert out.read_text().startswith("format_version = 2\n")


def test_different_statuses_on_both_sides_are_a_conflict(tmp_path: Path) -> None:
    base = write(tmp_path, "base.toml", canvas())
    ours = write(tmp_path, "ours.toml", canvas(s1=StatusId.VALIDATED))
    theirs = write(tmp_path, "theirs.toml", canvas(s1=StatusId.INVALIDATED))
    out = tmp_path / "out.toml"
    result = run("merge", base, ours, theirs, "-o", out)
    assert result.exit_code == 1
    assert "both sides changed status" in result.output
    merged = load(out).items(CS)
    assert [(i.text, i.status) for i in merged[:2]] == [
        ("Neighbours", StatusId.VALIDATED),
        ("Neighbours", StatusId.INVALIDATED),
    ]
    assert all(CONFLICT_TAG in i.tags for i in merged[:2])


def test_the_same_status_on_both_sides_is_no_conflict(tmp_path: Path) -> None:
    base = write(tmp_path, "base.toml", canvas())
    ours = write(tmp_path, "ours.toml", canvas(s1=StatusId.VALIDATED))
    theirs = write(tmp_path, "theirs.toml", canvas(s1=StatusId.VALIDATED))
    out = tmp_path / "out.toml"
    assert run("merge", base, ours, theirs, "-o", out).exit_code == 0
    assert load(out).items(CS)[0].status is StatusId.VALIDATED


# --- check -----------------------------------------------------------------------------------


def findings(path: Path) -> list[str]:
    return [line.split(": ", 1)[1] for line in run("check", path).output.splitlines()]


def rules_of(path: Path) -> list[str]:
    return [finding.split()[0] for finding in findings(path)]


def test_a_validated_item_on_an_untested_or_invalidated_segment_is_found(tmp_path: Path) -> None:
    path = write(tmp_path, "c.toml", canvas(v1=StatusId.VALIDATED, r1=StatusId.TESTING))
    (finding,) = [f for f in findings(path) if f.startswith("validated-on-unproven-segment")]
    assert "'Fresh bread' is validated, but depends on the segment 'Neighbours'" in finding
    assert "(tag locals), which is untested" in finding
    invalid = write(tmp_path, "i.toml", canvas(v1="validated", s1="invalidated", r1="testing"))
    assert "validated-on-unproven-segment" in rules_of(invalid)
    proven = write(tmp_path, "p.toml", canvas(v1="validated", s1="validated", r1="testing"))
    assert "validated-on-unproven-segment" not in rules_of(proven)
    testing = write(tmp_path, "t.toml", canvas(v1="validated", s1="testing", r1="testing"))
    assert "validated-on-unproven-segment" not in rules_of(testing)


def test_revenue_streams_all_untested_or_invalidated_are_found(tmp_path: Path) -> None:
    path = write(tmp_path, "c.toml", canvas(s1=StatusId.VALIDATED, r2=StatusId.INVALIDATED))
    assert "unproven-revenue none of the 2 revenue streams is validated or being tested" in (
        findings(path)
    )
    testing = write(tmp_path, "t.toml", canvas(s1=StatusId.VALIDATED, r2=StatusId.TESTING))
    assert "unproven-revenue" not in rules_of(testing)
    # A canvas that never set a status is not tracking evidence: not flagged.
    assert "unproven-revenue" not in rules_of(write(tmp_path, "n.toml", canvas()))
    # Nor is one without revenue streams.
    bare = canvas(s1=StatusId.VALIDATED).with_items(RS, ())
    assert "unproven-revenue" not in rules_of(write(tmp_path, "b.toml", bare))


@pytest.mark.parametrize(
    ("language", "words"),
    [("en", "the evidence rests on a guess"), ("da", "beviset hviler på et gæt")],
)
def test_list_rules_explains_the_status_rules(
    monkeypatch: pytest.MonkeyPatch, language: str, words: str
) -> None:
    monkeypatch.setenv("BMC_TUI_LANG", language)
    listed = run("check", "--list-rules").output
    rows = {line.split()[0]: line for line in listed.splitlines()}
    assert words in rows["validated-on-unproven-segment"]
    assert "unproven-revenue" in rows


def test_validate_names_the_allowed_statuses(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text('[[channels]]\ntext = "Shop"\nstatus = "proven"\n')
    result = run("validate", path)
    assert result.exit_code == 1
    assert (
        f"{path}:3:1: channels[0].status: unknown status 'proven'; a status is untested, "
        "testing, validated or invalidated"
    ) in result.output
