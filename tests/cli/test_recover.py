"""``bmc-tui recover``: canvases never saved, whose editor has gone, listed and restored."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from bmc_tui.cli import main
from bmc_tui.core.catalogue import BlockId
from bmc_tui.core.model import Canvas, Header, Item
from bmc_tui.core.storage import load, save

LeaveUntitled = Callable[..., Path]


def canvas(title: str, *texts: str) -> Canvas:
    items = tuple(Item(id=f"i{n}", text=text) for n, text in enumerate(texts))
    return Canvas(header=Header(title=title)).with_items(BlockId.CHANNELS, items)


def test_nothing_to_recover_says_so() -> None:
    result = CliRunner().invoke(main, ["recover", "--lang", "en"])
    assert result.exit_code == 0
    assert result.output == "No recovery files of untitled canvases.\n"


def test_lists_then_restores_one_to_a_named_file(
    leave_untitled: LeaveUntitled, tmp_path: Path
) -> None:
    left = leave_untitled(canvas("Food truck", "Festival stall", "Lunch rush"))
    runner = CliRunner()
    listed = runner.invoke(main, ["recover", "--lang", "en"])
    assert listed.exit_code == 0, listed.output
    first, hint = listed.output.splitlines()
    assert first.startswith("1  ")
    assert "2 items" in first
    assert "Food truck; Festival stall; Lunch rush" in first
    assert hint == "Restore one with: bmc-tui recover N -o FILE"

    target = tmp_path / "truck.toml"
    done = runner.invoke(main, ["recover", "1", "-o", str(target), "--lang", "en"])
    assert done.exit_code == 0, done.output
    assert done.output == f"Wrote {target}\n"
    restored = load(target)
    assert restored.header.title == "Food truck"
    assert [item.text for item in restored.items(BlockId.CHANNELS)] == [
        "Festival stall",
        "Lunch rush",
    ]
    assert not left.exists(), "a restored recovery file is tidied away"
    assert runner.invoke(main, ["recover", "--lang", "en"]).output.startswith("No recovery")


def test_refuses_to_overwrite_without_force(leave_untitled: LeaveUntitled, tmp_path: Path) -> None:
    left = leave_untitled(canvas("Food truck", "Festival stall"))
    existing = tmp_path / "plan.toml"
    save(canvas("Mine"), existing)
    before = existing.read_bytes()
    runner = CliRunner()
    refused = runner.invoke(main, ["recover", "1", "-o", str(existing), "--lang", "en"])
    assert refused.exit_code == 2
    assert refused.output.count("\n") == 1
    assert "already exists" in refused.output
    assert existing.read_bytes() == before
    assert left.exists()
    forced = runner.invoke(main, ["recover", "1", "-o", str(existing), "--force"])
    assert forced.exit_code == 0, forced.output
    assert load(existing).header.title == "Food truck"


def test_wrong_number_or_missing_output_is_one_line(
    leave_untitled: LeaveUntitled, tmp_path: Path
) -> None:
    leave_untitled(canvas("Food truck", "Festival stall"))
    runner = CliRunner()
    for args, words in [
        (["recover", "7", "-o", str(tmp_path / "x.toml")], "no recovery file number 7"),
        (["recover", "1"], "needs -o FILE"),
        (["recover", "1", "-o", str(tmp_path / "missing" / "x.toml")], "does not exist"),
    ]:
        result = runner.invoke(main, [*args, "--lang", "en"])
        assert result.exit_code == 2, args
        assert result.output.count("\n") == 1, result.output
        assert result.output.startswith("bmc-tui: ")
        assert words in result.output


def test_danish_messages() -> None:
    result = CliRunner().invoke(main, ["recover", "--lang", "da"])
    assert result.output == "Ingen gendannelsesfiler fra ugemte lærreder.\n"
