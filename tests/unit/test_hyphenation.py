"""Hyphenation dictionaries kept parsed in the cache folder (core/hyphenation.py): the cache
changes where words break in no case, and a cache that is damaged or cannot be written is
no error."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pyphen
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bmc_tui.core import hyphenation
from bmc_tui.core.hyphenation import cache_folder, dictionary

CANVASES = Path(__file__).resolve().parents[2] / "canvases"
DICTIONARIES = ("en_GB", "da_DK")
#: Where English breaks "subscription": sub-scrip-tion.
SUBSCRIPTION = [3, 8]


def canvas_words() -> list[str]:
    """Every word of the example canvases: what the editor hyphenates in practice."""
    text = " ".join(path.read_text(encoding="utf-8") for path in CANVASES.glob("*.toml"))
    return sorted(set(re.findall(r"\w+", text)))


@pytest.fixture
def never_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pyphen cannot parse a dictionary file: what works now came from the cache."""

    def refuse(self: pyphen.HyphDict, path: Path) -> None:
        raise AssertionError(f"parsed {path} again")

    monkeypatch.setattr(pyphen.HyphDict, "__init__", refuse)
    monkeypatch.setattr(pyphen, "hdcache", {})  # Pyphen's own in-process cache


@pytest.mark.parametrize("name", DICTIONARIES)
def test_a_dictionary_from_the_cache_breaks_every_word_where_pyphen_does(
    name: str, request: pytest.FixtureRequest
) -> None:
    parsed = pyphen.Pyphen(lang=name, cache=False)
    assert dictionary(name).positions("x") == []  # the first run parses, and keeps it
    assert list(cache_folder().iterdir())
    request.getfixturevalue("never_parse")
    cached = dictionary(name)
    for word in [*canvas_words(), "neighbourhood", "subscription", "bæredygtighed"]:
        assert cached.positions(word) == parsed.positions(word), word


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzæøå-", min_size=1, max_size=30))
def test_any_word_breaks_the_same_with_the_cache(word: str) -> None:
    for name in DICTIONARIES:
        dictionary(name)  # parsed, or read back from an earlier example's run
        assert dictionary(name).positions(word) == pyphen.Pyphen(lang=name).positions(word)


#: Bytes that once sat in the cache file when it held ``marshal`` data: reading them made
#: Python crash outright (a segmentation fault), and the editor with its unsaved work.
CRASHED_MARSHAL = bytes.fromhex(
    "7b3c0361623aa902e901000000a9027202000000e902000000da026879a902e9000000004e01e90300000030"
)


@pytest.mark.parametrize(
    "damage",
    [b"", b"not json", b"\xe9\x00\x01", b"null", b"[]", b"{}", b'{"ab": 1}', CRASHED_MARSHAL],
)
def test_a_damaged_cache_file_is_parsed_afresh_and_replaced(damage: bytes) -> None:
    dictionary("en_GB")
    (kept,) = cache_folder().iterdir()
    kept.write_bytes(damage)
    assert dictionary("en_GB").positions("subscription") == SUBSCRIPTION
    assert kept.read_bytes() != damage
    assert hyphenation._read(kept) is not None


def test_randomly_damaged_cache_files_are_refused_or_read_as_written() -> None:
    # Bytes flipped anywhere: the file is refused, or (a digit changed for another) still
    # has the shape of patterns; reading it never takes the process down.
    dictionary("da_DK")
    (kept,) = cache_folder().iterdir()
    whole = kept.read_bytes()
    chance = random.Random(15)
    for _ in range(300):
        damaged = bytearray(whole)
        for _ in range(chance.randint(1, 4)):
            damaged[chance.randrange(len(damaged))] = chance.randrange(256)
        kept.write_bytes(bytes(damaged))
        hyphenation._read(kept)


@pytest.mark.parametrize(
    "wrong",
    [
        {"ab": [1, ["x"]]},  # values that are no digits
        {"ab": [-5, [1, 3, 5]]},  # starting before the pattern (hyphenated "ab-a-bab-ab")
        {"ab": [1, [1, 12]]},  # a value no pattern has
        {"ab": [2, [1, 1, 1]]},  # values past the pattern's end
        {"ab": [True, [1]]},  # JSON's true is no start
        {"ab": [1, [1], 3]},  # more than a start and values
    ],
)
def test_a_cache_file_of_another_shape_is_not_used(
    wrong: dict[str, object], never_parse: None
) -> None:
    # JSON, but not patterns: it would break words wrongly, or fail later.
    dictionary_file = pyphen.LANGUAGES["da_DK"]
    stat = dictionary_file.stat()
    name = f"{dictionary_file.stem}-{pyphen.__version__}-{stat.st_size}-{stat.st_mtime_ns}"
    cache_folder().mkdir(parents=True)
    (cache_folder() / f"{name}.json").write_text(json.dumps(wrong))
    with pytest.raises(AssertionError, match="parsed"):
        dictionary("da_DK")


def test_a_cache_folder_that_cannot_be_written_is_no_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert dictionary("en_GB").positions("subscription") == SUBSCRIPTION
    assert blocker.read_text() == "a file where the cache folder would be"


def test_nothing_half_written_is_left_in_the_cache_folder() -> None:
    for name in DICTIONARIES:
        dictionary(name)
    assert sorted(path.suffix for path in cache_folder().iterdir()) == [".json", ".json"]


def test_a_dictionary_parsed_afresh_replaces_its_older_cache_files() -> None:
    cache_folder().mkdir(parents=True)
    older = cache_folder() / "hyph_en_GB-0.1.0-107031-1.marshal"  # an older form
    other = cache_folder() / "hyph_da_DK-0.1.0-6068-1.json"
    for path in (older, other):
        path.write_bytes(b"kept by an earlier version")
    dictionary("en_GB")
    assert not older.exists()
    assert other.exists(), "another dictionary's file is not this one's to remove"
    assert len(list(cache_folder().glob("hyph_en_GB-*"))) == 1
