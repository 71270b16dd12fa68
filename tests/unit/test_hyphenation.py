"""Hyphenation dictionaries kept parsed in the cache folder (core/hyphenation.py): the cache
changes where words break in no case, and a cache that is damaged or cannot be written is
no error."""

from __future__ import annotations

import marshal
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


@pytest.mark.parametrize(
    "damage", [b"", b"not marshal data", b"\xe9\x00\x01", b"N", b"\xfb{'a': 1}"]
)
def test_a_damaged_cache_file_is_parsed_afresh_and_replaced(damage: bytes) -> None:
    dictionary("en_GB")
    (kept,) = cache_folder().iterdir()
    kept.write_bytes(damage)
    assert dictionary("en_GB").positions("subscription") == SUBSCRIPTION
    assert kept.read_bytes() != damage
    assert hyphenation._read(kept) is not None


def test_a_cache_file_of_another_shape_is_not_used(never_parse: None) -> None:
    # marshal data, but not patterns: it would break words wrongly, or fail later.
    dictionary_file = pyphen.LANGUAGES["da_DK"]
    stat = dictionary_file.stat()
    name = f"{dictionary_file.stem}-{pyphen.__version__}-{stat.st_size}-{stat.st_mtime_ns}"
    cache_folder().mkdir(parents=True)
    (cache_folder() / f"{name}.marshal").write_bytes(marshal.dumps({"ab": (1, ("x",))}))
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
    assert sorted(path.suffix for path in cache_folder().iterdir()) == [".marshal", ".marshal"]


def test_a_dictionary_parsed_afresh_replaces_its_older_cache_files() -> None:
    cache_folder().mkdir(parents=True)
    older = cache_folder() / "hyph_en_GB-0.1.0-107031-1.marshal"  # another Pyphen, say
    other = cache_folder() / "hyph_da_DK-0.1.0-6068-1.marshal"
    for path in (older, other):
        path.write_bytes(b"kept by an earlier version")
    dictionary("en_GB")
    assert not older.exists()
    assert other.exists(), "another dictionary's file is not this one's to remove"
    assert len(list(cache_folder().glob("hyph_en_GB-*.marshal"))) == 1
