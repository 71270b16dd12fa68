"""Random key bursts through a real pty: what is saved is exactly what was typed.

Seeded sessions of interleaved add, edit, brainstorm, tags, status and move keys go to the real
editor (``python -m bmc_tui``) as separate writes with no pause, as a laggy SSH link
delivers them. After each session ctrl+s saves, and the file must equal a model of the
canvas worked out from the keys alone: nothing lost, added or reordered. A hundred short
sessions share one editor process (two processes: two hundred sessions, six hundred
operations), so hundreds of sessions fit in the suite's time.

Texts are drawn from letters that are also canvas commands (a, d, e, m, q, t, u, z…), so a
key that reaches the canvas instead of an editor shows as a wrong file, or a quit.
"""

from __future__ import annotations

import difflib
import random
import shutil
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pty_terminal import PtyTerminal, typed, wait_until
from test_tui_key_bursts import env_for

from bmc_tui.core.catalogue import BLOCKS, DEFAULT_STATUS, STATUSES
from conftest import EXAMPLE_EN

PROCESSES = 2
SESSIONS_PER_PROCESS = 100
OPS_PER_SESSION = 3
#: Letters that are canvas commands too, digits (block numbers), and spaces.
ALPHABET = "abdegijkmnqtuz0123456789 "

Items = dict[str, list[dict[str, object]]]
#: An item as the test follows it: its text, its tags and its status.
Entry = tuple[str, tuple[str, ...], str]


@dataclass
class Model:
    """The canvas as the keys say it must be: per block, (text, tags, status) in order, and
    where each block's cursor is."""

    blocks: dict[str, list[Entry]]
    cursor: dict[str, int] = field(default_factory=dict)
    sequences: int = 0

    def at(self, block: str) -> int:
        return self.cursor.get(block, 0)


def load_model(path: Path) -> Model:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return Model(
        {
            block.id.value: [
                (
                    str(item["text"]),
                    tuple(item.get("tags", ())),
                    str(item.get("status", DEFAULT_STATUS.value)),
                )
                for item in data.get(block.id.value, [])
            ]
            for block in BLOCKS
        }
    )


def word(rng: random.Random) -> str:
    while True:
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 6))).strip()
        if text:
            return " ".join(text.split())


def session(rng: random.Random, model: Model) -> list[str]:
    """The keys of one session, applying each operation to ``model`` as it goes."""
    keys: list[str] = []
    for _ in range(OPS_PER_SESSION):
        block = rng.choice(BLOCKS)
        name, items = block.id.value, model.blocks[block.id.value]
        kind = rng.choice(["add", "add", "edit", "edit", "brainstorm", "tags", "status", "move"])
        if kind in ("edit", "tags", "status", "move") and not items:
            kind = "add"
        keys.append(str(block.number))
        if kind == "add":
            text = word(rng)
            index = model.at(name) + 1 if items else 0
            items.insert(index, (text, (), DEFAULT_STATUS.value))
            model.cursor[name] = index
            keys += ["a", *typed(text), "enter"]
            model.sequences += 1
        elif kind == "edit":
            text = word(rng)
            index = model.at(name)
            items[index] = (text, *items[index][1:])
            keys += ["e", "ctrl+u", *typed(text), "enter"]
            model.sequences += 1
        elif kind == "brainstorm":
            keys.append("b")
            index = model.at(name) if items else -1
            for _ in range(rng.randint(1, 3)):
                text = word(rng)
                index += 1
                items.insert(index, (text, (), DEFAULT_STATUS.value))
                keys += [*typed(text), "enter"]
                model.sequences += 1
            model.cursor[name] = index
            # An empty enter ends a brainstorm (escape glued to the next digit is another
            # matter: see test_tui_key_bursts).
            keys.append("enter")
        elif kind == "tags":
            tags = tuple(f"t{rng.randint(0, 99)}" for _ in range(rng.randint(1, 2)))
            tags = tuple(dict.fromkeys(tags))
            index = model.at(name)
            items[index] = (items[index][0], tags, items[index][2])
            keys += ["t", "ctrl+u", *typed(" ".join(tags)), "enter"]
        elif kind == "status":
            index = model.at(name)
            text, tags, _ = items[index]
            if rng.random() < 0.5:
                # Enter on the list keeps the status it opens on (the item's own).
                keys += ["s", "enter"]
            else:
                chosen = rng.choice(STATUSES)
                items[index] = (text, tags, chosen.id.value)
                keys += ["s", str(chosen.number)]
        else:
            to = rng.choice([b for b in BLOCKS if b is not block])
            index = model.at(name)
            moved = items.pop(index)
            model.cursor[name] = min(index, len(items) - 1) if items else 0
            target = model.blocks[to.id.value]
            target.append(moved)
            model.cursor[to.id.value] = len(target) - 1
            keys += ["m", str(to.number)]
    return keys


def saved(path: Path) -> dict[str, list[Entry]]:
    return load_model(path).blocks


def run_process(folder: Path, seed: int) -> int:
    path = folder / "bakery.toml"
    shutil.copyfile(EXAMPLE_EN, path)
    model = load_model(path)
    rng = random.Random(seed)
    terminal = PtyTerminal([str(path)], env_for(folder), folder, size=(80, 24))
    try:
        terminal.wait_for("Revenue Streams")
        for number in range(SESSIONS_PER_PROCESS):
            keys = session(rng, model)
            before = path.read_bytes()
            terminal.send(*keys, "ctrl+s")
            expected = {block: list(items) for block, items in model.blocks.items()}
            # Judged once the save has landed: comparing bytes is cheap, parsing TOML every
            # few milliseconds would take CPU from the editor on a small machine.
            wait_until(lambda old=before: path.read_bytes() != old, timeout=60)
            if saved(path) != expected:
                got = saved(path)
                wrong = {b: (expected[b], got[b]) for b in expected if expected[b] != got[b]}
                changed = "".join(
                    difflib.unified_diff(
                        before.decode().splitlines(keepends=True),
                        path.read_text(encoding="utf-8").splitlines(keepends=True),
                        "before",
                        "after",
                    )
                )
                pytest.fail(
                    f"seed {seed}, session {number}: the file is not what was typed\n"
                    f"keys: {keys}\nblocks that differ (expected, saved): {wrong}\n"
                    f"what the save changed:\n{changed}\n"
                    f"the screen's last output:\n{terminal.text[-3000:]}"
                )
        terminal.send("q")
        assert terminal.wait_exit() == 0
    finally:
        terminal.close()
    return model.sequences


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(PROCESSES))
def test_random_bursts_save_exactly_what_was_typed(tmp_path: Path, seed: int) -> None:
    sequences = run_process(tmp_path, seed)
    # Some two hundred typed add, edit and brainstorm sequences per process.
    assert sequences >= 80
