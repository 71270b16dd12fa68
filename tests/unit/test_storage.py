"""Reading and saving canvas files: clear refusals with places, and saves that never lose work.

A canvas is somebody's thinking; the tests here are about what happens to it on disk when
things go wrong (bad bytes, a newer program's file, a full disk) as much as when they go right.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path
from typing import Any

import pytest

from bmc_tui.core.catalogue import BlockId
from bmc_tui.core.model import BASE_FORMAT_VERSION, FORMAT_VERSION, Canvas, Header, Item
from bmc_tui.core.storage import (
    MAX_FILE_BYTES,
    CanvasError,
    Problem,
    checked_dumps,
    dumps,
    is_canonical,
    load,
    parse,
    save,
)

CANVASES = Path(__file__).resolve().parents[2] / "canvases"
EXAMPLES = sorted(CANVASES.glob("example-*.toml"))

SMALL = '[canvas]\ntitle = "Bakery"\n\n[[channels]]\nid = "shop"\ntext = "The shop"\n'


def small_canvas(title: str = "Bakery") -> Canvas:
    return Canvas(header=Header(title=title)).with_item_inserted(
        BlockId.CHANNELS, 0, Item(id="shop", text="The shop")
    )


def error_of(path: Path) -> CanvasError:
    with pytest.raises(CanvasError) as caught:
        load(path)
    return caught.value


def folder_state(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file in a folder with its bytes and mtime, to prove nothing was touched."""
    return {
        entry.name: (entry.read_bytes(), entry.stat().st_mtime_ns)
        for entry in folder.iterdir()
        if entry.is_file()
    }


@pytest.fixture
def canvas_file(tmp_path: Path) -> Path:
    path = tmp_path / "canvas.toml"
    path.write_bytes(dumps(small_canvas()).encode())
    return path


# --- problems are one line with a place -----------------------------------------------------


def test_problem_format_is_file_line_col() -> None:
    assert Problem("bad", 3, 7).format("a.toml") == "a.toml:3:7: bad"
    assert Problem("bad", 3).format("a.toml") == "a.toml:3:1: bad"
    assert Problem("bad").format("a.toml") == "a.toml: bad"


def test_error_summary_counts_the_rest() -> None:
    error = CanvasError("a.toml", [Problem("one", 1, 1), Problem("two", 2, 1)])
    assert error.summary == "a.toml:1:1: one (and 1 more)"
    assert str(error) == "a.toml:1:1: one\na.toml:2:1: two"


# --- reading --------------------------------------------------------------------------------


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_examples_load_and_are_canonical(example: Path) -> None:
    canvas = load(example)
    assert canvas.item_count() > 27
    assert is_canonical(example)


def test_newer_format_version_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "future.toml"
    path.write_text(f"# made by bmc-tui 9\nformat_version = {FORMAT_VERSION + 1}\n[canvas]\n")
    error = error_of(path)
    (problem,) = error.problems
    assert problem.line == 2
    assert f"format_version {FORMAT_VERSION + 1} is newer" in problem.message
    assert "upgrade bmc-tui" in problem.message
    assert error.summary.startswith(f"{path}:2:1: ")


def test_newer_version_is_reported_before_other_problems(tmp_path: Path) -> None:
    """A newer file may use fields we do not know; say "upgrade", not "unknown field"."""
    path = tmp_path / "future.toml"
    path.write_text(f"format_version = {FORMAT_VERSION + 1}\n[[stickies]]\ncolour = 1\n")
    (problem,) = error_of(path).problems
    assert "newer" in problem.message


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("title = \n", 1, 9),
        ('[canvas]\ntitle = "unterminated\n', 2, 22),
        ('[canvas]\ntitle = "a"\ntitle = "b"\n', 3, None),
        ("[[channels]\n", 1, None),
    ],
)
def test_toml_syntax_errors_carry_line_and_column(
    tmp_path: Path, text: str, line: int, column: int | None
) -> None:
    path = tmp_path / "broken.toml"
    path.write_text(text)
    (problem,) = error_of(path).problems
    assert problem.message.startswith("invalid TOML: ")
    assert problem.line == line
    assert problem.column is not None
    if column is not None:
        assert problem.column == column
    assert "(at line" not in problem.message, "the place is given once, as FILE:LINE:COL"


def test_validation_problems_carry_the_line_of_the_field(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(
        '[canvas]\ntitle = "ok"\n\n[[channels]]\ntext = "a"\n\n[[channels]]\n  text = 5\n'
    )
    (problem,) = error_of(path).problems
    assert (problem.line, problem.column) == (8, 3)
    assert problem.message.startswith("channels[1].text: ")


def test_not_utf8_is_refused_with_the_place_of_the_bad_byte(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes('[canvas]\ntitle = "Bager på Nørrebro"\n'.encode("latin-1"))
    (problem,) = error_of(path).problems
    assert problem.message == "is not UTF-8 text"
    assert (problem.line, problem.column) == (2, 17)


def test_binary_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "image.toml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert error_of(path).problems[0].message == "is a binary file, not a TOML canvas"


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + SMALL.encode())
    assert load(path) == small_canvas()
    assert not is_canonical(path), "saving drops the BOM"


def test_empty_file_is_an_empty_canvas(tmp_path: Path) -> None:
    path = tmp_path / "empty.toml"
    path.write_bytes(b"")
    canvas = load(path)
    assert canvas.item_count() == 0
    assert canvas.header == Header()


def test_a_folder_is_refused(tmp_path: Path) -> None:
    assert error_of(tmp_path).problems[0].message == "is a folder, not a canvas file"


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    error = error_of(tmp_path / "nope.toml")
    assert error.summary == f"{tmp_path / 'nope.toml'}: no such file"


def test_a_file_in_a_missing_folder_is_refused(tmp_path: Path) -> None:
    assert error_of(tmp_path / "no" / "such.toml").problems[0].message == "no such file"


def test_a_too_large_file_is_refused_without_reading_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "huge.toml"
    with path.open("wb") as stream:  # sparse: costs no disk and no time
        stream.truncate(MAX_FILE_BYTES + 1)

    def no_read(self: Path) -> bytes:
        raise AssertionError("read a file known to be too large")

    monkeypatch.setattr(Path, "read_bytes", no_read)
    message = error_of(path).problems[0].message
    assert f"{MAX_FILE_BYTES:,}" in message
    assert "at most" in message


def test_a_file_of_exactly_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.toml"
    padding = "#" * (MAX_FILE_BYTES - len(SMALL) - 1) + "\n"
    path.write_text(SMALL + padding)
    assert path.stat().st_size == MAX_FILE_BYTES
    assert load(path) == small_canvas()


def test_unreadable_file_is_refused(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads any file")
    path = tmp_path / "secret.toml"
    path.write_text(SMALL)
    path.chmod(0)
    assert error_of(path).problems[0].message == "permission denied"


def test_parse_reports_the_path_it_was_given() -> None:
    with pytest.raises(CanvasError) as caught:
        parse(Path("dir/x.toml"), "[canvas]\ntitle = oops\n")
    assert str(caught.value).startswith("dir/x.toml:2:9: invalid TOML")


def test_a_toml_error_at_the_end_of_the_file_has_a_place() -> None:
    """tomllib says "(at end of document)" there; the user still gets FILE:LINE:COL."""
    with pytest.raises(CanvasError) as caught:
        parse(Path("x.toml"), '[canvas]\ntitle = "x"\noops')
    (problem,) = caught.value.problems
    assert (problem.line, problem.column) == (3, 5)
    assert problem.message == "invalid TOML: an = is missing after the key"


# --- canonical text -------------------------------------------------------------------------


def test_dumps_is_stable_and_ordered() -> None:
    canvas = (
        Canvas(header=Header(title="T", language="da"))
        .with_item_inserted(BlockId.REVENUE_STREAMS, 0, Item(id="r", text="Money"))
        .with_item_inserted(BlockId.KEY_PARTNERS, 0, Item(id="k", text="Mill", tags=("x",)))
    )
    text = dumps(canvas)
    assert text == dumps(canvas)
    assert text.startswith(f"format_version = {BASE_FORMAT_VERSION}\n\n[canvas]\n")
    assert text.index("[[key_partners]]") < text.index("[[revenue_streams]]")
    assert text.endswith("\n")
    assert "[[channels]]" not in text, "empty blocks are left out"


def test_each_item_is_its_own_table_so_additions_do_not_conflict() -> None:
    canvas = Canvas()
    for number in range(3):
        canvas = canvas.with_item_inserted(
            BlockId.CHANNELS, number, Item(id=f"c{number}", text="x")
        )
    assert dumps(canvas).count("[[channels]]\n") == 3


def test_is_canonical_tells_hand_written_files_apart(tmp_path: Path) -> None:
    path = tmp_path / "hand.toml"
    path.write_text('[[channels]]\ntext = "x"\n')
    assert not is_canonical(path)
    save(load(path), path)
    assert is_canonical(path)


# --- saving ---------------------------------------------------------------------------------


def test_save_writes_a_file_that_loads_back(tmp_path: Path) -> None:
    path = tmp_path / "new.toml"
    assert save(small_canvas(), path) is True
    assert load(path) == small_canvas()
    assert path.read_text() == dumps(small_canvas())


def test_new_files_follow_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        save(small_canvas(), tmp_path / "new.toml")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.toml").stat().st_mode) == 0o640


def test_save_keeps_permission_bits(canvas_file: Path) -> None:
    canvas_file.chmod(0o640)
    assert save(small_canvas("Changed"), canvas_file) is True
    assert stat.S_IMODE(canvas_file.stat().st_mode) == 0o640
    assert load(canvas_file).header.title == "Changed"


def test_save_through_a_symlink_writes_the_target_and_keeps_the_link(
    tmp_path: Path, canvas_file: Path
) -> None:
    link = tmp_path / "link.toml"
    link.symlink_to(canvas_file.name)
    assert save(small_canvas("Via link"), link) is True
    assert link.is_symlink()
    assert os.readlink(link) == canvas_file.name
    assert load(canvas_file).header.title == "Via link"


def test_unchanged_canvas_is_not_rewritten(canvas_file: Path) -> None:
    before = canvas_file.stat()
    os.utime(canvas_file, ns=(before.st_atime_ns, before.st_mtime_ns - 10_000_000_000))
    mtime = canvas_file.stat().st_mtime_ns
    inode = canvas_file.stat().st_ino
    assert save(small_canvas(), canvas_file) is False
    assert canvas_file.stat().st_mtime_ns == mtime
    assert canvas_file.stat().st_ino == inode


def test_save_replaces_the_file_rather_than_writing_into_it(canvas_file: Path) -> None:
    """A reader holding the old file keeps the old bytes: the new file is a new inode."""
    inode = canvas_file.stat().st_ino
    save(small_canvas("New"), canvas_file)
    assert canvas_file.stat().st_ino != inode


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.fixture(params=["fsync", "replace", "write", "chmod"])
def disk_full(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Make one step of writing fail as it would on a full disk."""
    name: str = request.param

    def enospc(*args: Any, **kwargs: Any) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    if name == "write":
        real_fdopen = os.fdopen

        class FullStream:
            def __init__(self, stream: Any) -> None:
                self._stream = stream

            def __enter__(self) -> FullStream:
                return self

            def __exit__(self, *exc: object) -> None:
                self._stream.close()

            def write(self, data: bytes) -> int:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

            def __getattr__(self, attribute: str) -> Any:
                return getattr(self._stream, attribute)

        monkeypatch.setattr(os, "fdopen", lambda *a, **k: FullStream(real_fdopen(*a, **k)))
    else:
        monkeypatch.setattr(os, name, enospc)
    return name


def test_a_failed_save_keeps_the_old_file_and_leaves_no_temp_file(
    tmp_path: Path, canvas_file: Path, disk_full: str
) -> None:
    before = canvas_file.read_bytes()
    with pytest.raises(CanvasError) as caught:
        save(small_canvas("Lost?"), canvas_file)
    assert caught.value.summary == f"{canvas_file}: cannot save: No space left on device"
    assert canvas_file.read_bytes() == before
    assert leftovers(tmp_path) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["canvas.toml"]


def test_a_failed_save_of_a_new_file_creates_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def enospc(*args: Any, **kwargs: Any) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", enospc)
    with pytest.raises(CanvasError):
        save(small_canvas(), tmp_path / "new.toml")
    assert list(tmp_path.iterdir()) == []


def test_a_folder_we_cannot_write_gives_a_canvas_error(
    tmp_path: Path, canvas_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def denied(*args: Any, **kwargs: Any) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    before = canvas_file.read_bytes()
    with pytest.raises(CanvasError) as caught:
        save(small_canvas("New"), canvas_file)
    assert caught.value.summary == f"{canvas_file}: cannot save: Permission denied"
    assert canvas_file.read_bytes() == before


def test_a_read_only_folder_gives_a_canvas_error(tmp_path: Path, canvas_file: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root writes into read-only folders; see the injected-fault test")
    before = canvas_file.read_bytes()
    tmp_path.chmod(0o555)
    try:
        with pytest.raises(CanvasError, match="cannot save"):
            save(small_canvas("New"), canvas_file)
    finally:
        tmp_path.chmod(0o755)
    assert canvas_file.read_bytes() == before


def test_saving_into_a_missing_folder_says_so(tmp_path: Path) -> None:
    with pytest.raises(CanvasError) as caught:
        save(small_canvas(), tmp_path / "missing" / "x.toml")
    assert "does not exist" in caught.value.summary


def test_saving_over_a_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "dir.toml").mkdir()
    with pytest.raises(CanvasError, match="is a folder"):
        save(small_canvas(), tmp_path / "dir.toml")
    assert (tmp_path / "dir.toml").is_dir()


def test_a_failed_save_does_not_disturb_other_files(
    tmp_path: Path, canvas_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "other.toml").write_text(SMALL)
    before = folder_state(tmp_path)

    def enospc(*args: Any, **kwargs: Any) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", enospc)
    with pytest.raises(CanvasError):
        save(small_canvas("x"), canvas_file)
    assert folder_state(tmp_path) == before


# --- issue 14: statuses ------------------------------------------------------------------------


def _with_status(status: str) -> str:
    return (
        'format_version = 2\n\n[canvas]\nlanguage = "en"\n\n'
        f'[[channels]]\nid = "c1"\ntext = "Shop"\nstatus = "{status}"\n'
    )


def test_a_status_is_read_and_written_back_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "status.toml"
    path.write_text(_with_status("testing"))
    canvas = load(path)
    assert canvas.items(BlockId.CHANNELS)[0].status == "testing"
    assert dumps(canvas).endswith('text = "Shop"\nstatus = "testing"\n')


@pytest.mark.parametrize("language", ["en", "da"])
def test_an_unknown_status_is_refused_naming_the_allowed_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    monkeypatch.setenv("BMC_TUI_LANG", language)
    path = tmp_path / "bad.toml"
    path.write_text(_with_status("done"))
    (problem,) = error_of(path).problems
    assert problem.line == 9
    assert "channels[0].status" in problem.message
    assert "'done'" in problem.message
    if language == "en":
        assert "a status is untested, testing, validated or invalidated" in problem.message
    else:
        assert "en status er untested, testing, validated eller invalidated" in problem.message


def test_an_older_reader_refuses_a_file_with_status_by_its_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bmc-tui that reads only version 1 (as every release before statuses) says the file is
    newer, in one line, before it could misread or list "unknown field" for every status."""
    import bmc_tui.core.storage as storage

    canvas = load_text(_with_status("validated"))
    text = dumps(canvas)
    assert text.startswith("format_version = 2\n")
    monkeypatch.setattr(storage, "FORMAT_VERSION", BASE_FORMAT_VERSION)
    path = tmp_path / "new.toml"
    path.write_text(text)
    (problem,) = error_of(path).problems
    assert problem.message.startswith("format_version 2 is newer than this bmc-tui reads (1)")


def test_taking_the_last_status_away_writes_version_1_again() -> None:
    canvas = load_text(_with_status("validated"))
    item = canvas.items(BlockId.CHANNELS)[0]
    plain = canvas.with_item_replaced(
        BlockId.CHANNELS, 0, Item(id=item.id, text=item.text, status="untested")
    )
    assert dumps(plain) == _with_status("validated").replace(
        "format_version = 2", f"format_version = {BASE_FORMAT_VERSION}"
    ).replace('status = "validated"\n', "")
    assert dumps(canvas) == _with_status("validated"), "the file with a status is canonical"


def load_text(text: str) -> Canvas:
    from bmc_tui.core.storage import parse

    return parse(Path("x.toml"), text)


# --- a canvas assembled, not read: checked as a file before it is written -------------------


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda path: path.name)
def test_a_valid_assembled_canvas_is_written_as_dumps_writes_it(example: Path) -> None:
    canvas = load(example)
    assert checked_dumps(canvas, Path("merged.toml")) == dumps(canvas)


def test_an_assembled_canvas_the_file_would_refuse_is_refused_with_its_lines() -> None:
    """Each item is valid alone; together they are not (one id twice, a category the block
    does not have): what reading the written file would say, each problem on its line."""
    canvas = (
        small_canvas()
        .with_item_inserted(BlockId.KEY_PARTNERS, 0, Item(id="shop", text="Twice"))
        .with_item_inserted(BlockId.CHANNELS, 1, Item(id="odd", text="Odd", category="nope"))
    )
    with pytest.raises(CanvasError) as caught:
        checked_dumps(canvas, Path("merged.toml"))
    problems = caught.value.problems
    assert any("duplicate item id 'shop'" in problem.message for problem in problems)
    assert any("category" in problem.message for problem in problems)
    assert all(problem.line for problem in problems)
