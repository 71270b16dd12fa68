"""The guided session on a real pty, keys written one by one as a slow link delivers them:
a question filled fast, answers and "next question" keys in one stream, lands in order."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from pty_terminal import PtyTerminal, typed, wait_until

from bmc_tui.core.catalogue import BlockId
from bmc_tui.core.guide import GuideMemory, Position


def saved(path: Path) -> dict[str, list[dict[str, object]]]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return {key: value for key, value in data.items() if isinstance(value, list)}


def test_answers_typed_in_a_burst_land_in_order_in_their_blocks(tmp_path: Path) -> None:
    env = {
        "HOME": str(tmp_path),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
    }
    path = tmp_path / "fresh.toml"
    terminal = PtyTerminal(["guide", str(path), "--lang", "en"], env, tmp_path)
    try:
        terminal.wait_for("block 1 of 9")
        keys: list[str] = []
        segments = [f"segment {number} #s{number}" for number in range(8)]
        for answer in segments:
            keys += [*typed(answer), "enter"]
        # Empty enter, then tab: on to Value Propositions; shift+tab back and forth again.
        keys += ["enter", "tab", "shift+tab", "tab"]
        keys += [*typed("Fresh bread #s1"), "enter", *typed("Delivery"), "tab"]
        keys += [*typed("Cheaper than the supermarket"), "enter", "escape", "ctrl+s"]
        terminal.send(*keys)
        assert wait_until(path.exists), "the canvas was never saved"
        assert wait_until(lambda: "Cheaper" in path.read_text(encoding="utf-8"))
        blocks = saved(path)
        assert [item["text"] for item in blocks["customer_segments"]] == [
            f"segment {number}" for number in range(8)
        ]
        assert [item["tags"] for item in blocks["customer_segments"]] == [
            [f"s{number}"] for number in range(8)
        ]
        propositions = blocks["value_propositions"]
        assert [item["text"] for item in propositions] == [
            "Fresh bread",
            "Delivery",
            "Cheaper than the supermarket",
        ]
        assert propositions[0]["tags"] == ["s1"]
        assert set(blocks) == {"customer_segments", "value_propositions"}
        # Left at Value Propositions' second question, remembered outside the canvas.
        memory = GuideMemory(tmp_path / "state" / "bmc-tui" / "guide")
        assert memory.recall(path) == Position(BlockId.VALUE_PROPOSITIONS, 1)
    finally:
        terminal.close()
