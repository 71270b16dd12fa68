"""Odd files on the command line (issue 11): names with escapes, special files as output or
input, read-only files, and the owner and group a save must keep.

What a user relies on: a file name never drives the terminal; ``-o`` never replaces a device
or a FIFO with a regular file (``-o -`` and ``-o /dev/stdout`` mean "print it"); ``validate``
on a FIFO answers at once; ``fmt`` leaves a read-only file alone unless forced; and saving a
canvas leaves its group as it was, as it leaves its mode bits.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from bmc_tui.cli import main
from bmc_tui.core.model import Canvas, Header
from bmc_tui.core.storage import CanvasError, load, save

CLI = Path(sys.executable).parent / "bmc-tui"
EXAMPLE = Path(__file__).resolve().parents[2] / "canvases" / "example-en.toml"
ESCAPE = "e\x1b]0;PWNED\x07"
SHOWN = "e\ufffd]0;PWNED\ufffd"


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(arg) for arg in args], catch_exceptions=False)


def no_escapes(result: Result) -> None:
    for stream in (result.stdout, result.stderr):
        assert "\x1b" not in stream, repr(stream)
        assert "\x07" not in stream, repr(stream)


# --- names holding an escape sequence --------------------------------------------------------


def test_new_in_a_folder_named_with_an_escape_prints_it_harmlessly(tmp_path: Path) -> None:
    folder = tmp_path / ESCAPE
    folder.mkdir()
    result = run("new", folder / "n.toml", "--lang", "en")
    assert result.exit_code == 0, result.output
    no_escapes(result)
    assert result.stdout == f"Wrote {tmp_path}/{SHOWN}/n.toml\n"
    assert (folder / "n.toml").is_file()
    again = run("new", folder / "n.toml")
    assert again.exit_code == 2
    no_escapes(again)
    assert (
        again.stderr == f"bmc-tui: {tmp_path}/{SHOWN}/n.toml: already exists; not overwriting it\n"
    )


def test_export_to_a_name_with_an_escape_prints_it_harmlessly(tmp_path: Path) -> None:
    out = tmp_path / f"{ESCAPE}.md"
    result = run("export", EXAMPLE, "-o", out)
    assert result.exit_code == 0, result.output
    no_escapes(result)
    assert result.stdout == f"Wrote {tmp_path}/{SHOWN}.md\n"
    assert out.read_text().startswith("# ")


def test_every_file_command_shows_an_escape_in_a_name_harmlessly(tmp_path: Path) -> None:
    path = tmp_path / f"{ESCAPE}.toml"
    path.write_text(EXAMPLE.read_text().replace("\n\n", "\n\n\n", 1))
    for args in (
        ["validate", path],
        ["fmt", "--check", path],
        ["fmt", path],
        ["check", path],
        ["diff", path, EXAMPLE],
        ["merge", path, path, path, "-o", tmp_path / f"{ESCAPE}-merged.toml"],
        ["export", "--format", "md", "-o", tmp_path / f"{ESCAPE}.md", path],
    ):
        result = run(*args)
        assert result.exit_code in (0, 1), (args, result.output)
        no_escapes(result)
    result = run("validate", tmp_path / f"{ESCAPE}-missing.toml")
    assert result.stdout == f"{tmp_path}/{SHOWN}-missing.toml: no such file\n"


def test_a_name_that_is_not_utf8_is_shown_with_a_replacement(tmp_path: Path) -> None:
    folder = Path(os.fsdecode(bytes(tmp_path) + b"/caf\xe9"))
    folder.mkdir()
    result = run("new", folder / "n.toml", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"Wrote {tmp_path}/caf\ufffd/n.toml\n"
    assert run("validate", folder / "n.toml").stdout.startswith(f"{tmp_path}/caf\ufffd/n.toml: ok")


# --- special files as output -----------------------------------------------------------------


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe"
    os.mkfifo(path)
    return path


def a_full_device(tmp_path: Path) -> Path:
    """A private node of the /dev/full device (only root may make one; never the real one)."""
    path = tmp_path / "full"
    try:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 7))
    except (PermissionError, OSError):
        pytest.skip("cannot make a device node here (needs root, and a container that lets it)")
    return path


def test_export_refuses_a_device_and_leaves_it_a_device(tmp_path: Path) -> None:
    device = a_full_device(tmp_path)
    result = run("export", EXAMPLE, "-o", device)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"bmc-tui: {device}: is not a regular file (a device, FIFO or socket); not writing to it\n"
    )
    assert stat.S_ISCHR(os.lstat(device).st_mode)


def test_export_refuses_a_fifo_and_leaves_it_a_fifo(fifo: Path) -> None:
    result = run_on_fifo(fifo, "export", EXAMPLE, "-o", fifo)
    assert result.exit_code == 2
    assert "not a regular file" in result.stderr
    assert "Wrote" not in result.stdout
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def unblock(fifo: Path) -> None:
    """Open the other end of a FIFO once, so a command stuck opening it can go on."""
    for flags in (os.O_WRONLY | os.O_NONBLOCK, os.O_RDONLY | os.O_NONBLOCK):
        with contextlib.suppress(OSError):
            os.close(os.open(fifo, flags))


def run_on_fifo(fifo: Path, *args: str | Path) -> Result:
    """``run``, failing (not hanging) when the command blocks on the FIFO."""
    outcome: list[Result] = []
    worker = threading.Thread(target=lambda: outcome.append(run(*args)), daemon=True)
    worker.start()
    worker.join(10)
    hung = worker.is_alive()
    while worker.is_alive():
        unblock(fifo)
        worker.join(0.1)
    if hung:
        pytest.fail(f"{args}: hung on a FIFO")
    return outcome[0]


def test_merge_and_new_refuse_a_fifo(tmp_path: Path, fifo: Path) -> None:
    result = run_on_fifo(fifo, "merge", EXAMPLE, EXAMPLE, EXAMPLE, "-o", fifo)
    assert result.exit_code == 2
    assert "not a regular file" in result.stderr
    link = tmp_path / "link.toml"
    link.symlink_to(fifo)
    with pytest.raises(CanvasError, match="not a regular file"):
        save(Canvas(header=Header(title="x")), link)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert link.is_symlink()


@pytest.mark.parametrize("name", ["-", "/dev/stdout"])
def test_export_to_stdout_by_name_prints_it(name: str, tmp_path: Path) -> None:
    # The real console script, so /dev/stdout is this command's own standard output.
    printed = subprocess.run([CLI, "export", EXAMPLE], capture_output=True, check=True)
    with (tmp_path / "out.md").open("wb") as redirected:
        result = subprocess.run(
            [CLI, "export", EXAMPLE, "-o", name], stdout=redirected, stderr=subprocess.PIPE
        )
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""
    assert (tmp_path / "out.md").read_bytes() == printed.stdout


def test_export_through_a_symlink_to_a_regular_file_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_text("old")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    assert run("export", EXAMPLE, "-o", link).exit_code == 0
    assert link.is_symlink()
    assert real.read_text().startswith("# ")


# --- special files as input ------------------------------------------------------------------


def test_validate_refuses_a_fifo_at_once(fifo: Path) -> None:
    result = run_on_fifo(fifo, "validate", fifo)
    assert result.exit_code == 1
    assert result.stdout == (
        f"{fifo}: is not a regular file (a device, FIFO or socket); not reading it\n"
    )


# --- read-only files and ownership -----------------------------------------------------------


def test_fmt_leaves_a_read_only_file_alone_unless_forced(tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    path.write_text('[canvas]\ntitle = "Hand made"\n\n[[channels]]\ntext = "Shop"\n')
    path.chmod(0o444)
    before = path.read_bytes()
    result = run("fmt", path)
    assert result.exit_code == 2
    assert result.stderr == f"bmc-tui: {path}: is read-only (mode 0444); not rewriting it\n"
    assert path.read_bytes() == before
    assert run("fmt", "--check", path).exit_code == 1  # reports, changes nothing
    forced = run("fmt", "--force", path)
    assert forced.exit_code == 0
    assert path.read_bytes() != before
    assert stat.S_IMODE(path.stat().st_mode) == 0o444


def test_a_save_keeps_the_files_owner_and_group(tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("giving a file another owner needs root")
    path = tmp_path / "plan.toml"
    shutil.copyfile(EXAMPLE, path)
    os.chown(path, 4321, 4322)
    canvas = load(path)
    save(canvas.with_header(canvas.header.model_copy(update={"title": "Changed"})), path)
    assert load(path).header.title == "Changed"
    assert (path.stat().st_uid, path.stat().st_gid) == (4321, 4322)
