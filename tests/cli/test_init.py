"""``bmc-tui init`` (alias ``git-setup``) in real git repositories.

What a person relies on: one run sets everything up and says what it did, file by file; a
second run changes nothing and says so; files they already had are added to, never rewritten;
``--dry-run`` writes nothing; anything in the way is one clear line, never a traceback.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from bmc_tui.cli import main
from bmc_tui.core.gitintegration import git_config_value
from bmc_tui.core.locking import GITIGNORE_LINE, lock_path
from bmc_tui.core.repository_setup import SCHEMA_FILE, TAPLO_FILE, schema_text, taplo_rule

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

FILES = (".gitattributes", ".gitignore", SCHEMA_FILE, TAPLO_FILE)
ATTRIBUTES = "canvases/**/*.toml diff=bmc merge=bmc"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty git repository, the current folder, away from the developer's git config."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    root = tmp_path / "repo"
    root.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    monkeypatch.chdir(root)
    return root


def init(*args: str) -> Result:
    return CliRunner().invoke(main, ["init", *args])


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    return {
        name: ((root / name).read_bytes(), (root / name).stat().st_mtime_ns)
        for name in FILES
        if (root / name).exists()
    }


def test_init_sets_up_a_fresh_repository_and_says_what_it_did(repo: Path) -> None:
    result = init()
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[:4] == [
        f".gitattributes: added {ATTRIBUTES}",
        f".gitignore: added {GITIGNORE_LINE}",
        f"{SCHEMA_FILE}: wrote the JSON Schema of a canvas file",
        f"{TAPLO_FILE}: added a rule for canvases/**/*.toml: the canvas schema, and formatting "
        "that leaves canonical files as they are",
    ]
    assert lines[4].startswith("git config diff.bmc.textconv: set to ")
    assert lines[-1].startswith(f"Commit .gitattributes, .gitignore, {SCHEMA_FILE}, {TAPLO_FILE}.")

    assert (repo / ".gitattributes").read_text() == ATTRIBUTES + "\n"
    assert (repo / ".gitignore").read_text() == GITIGNORE_LINE + "\n"
    assert (repo / SCHEMA_FILE).read_text(encoding="utf-8") == schema_text()
    assert (repo / TAPLO_FILE).read_text() == taplo_rule("canvases/**/*.toml")
    driver = git_config_value(repo, "merge.bmc.driver")
    assert driver is not None
    assert driver.endswith("merge %O %A %B -o %A --name %P")


def test_the_gitignore_line_keeps_lock_files_out_of_git(repo: Path) -> None:
    assert init().exit_code == 0
    lock = lock_path(repo / "canvases" / "plan.toml").relative_to(repo.resolve())
    ignored = subprocess.run(["git", "check-ignore", "--quiet", str(lock)], cwd=repo, check=False)
    assert ignored.returncode == 0


def test_init_twice_changes_nothing_and_says_so(repo: Path) -> None:
    assert init().exit_code == 0
    before = snapshot(repo)
    again = init()
    assert again.exit_code == 0
    assert snapshot(repo) == before
    assert f".gitattributes: already has {ATTRIBUTES}" in again.output
    assert f"{SCHEMA_FILE}: already holds this bmc-tui's schema" in again.output
    assert again.output.endswith("Nothing to change: this repository is set up for canvases.\n")


def test_init_adds_to_the_files_a_repository_already_has(repo: Path) -> None:
    ignore = b"*.pyc\r\nbuild/"  # Windows line ends, no newline at the end
    attributes = b"*.svg binary\n"
    taplo = b'# ours\n[formatting]\nreorder_keys = true\n\n[[rule]]\ninclude = ["*.cfg"]\n'
    (repo / ".gitignore").write_bytes(ignore)
    (repo / ".gitattributes").write_bytes(attributes)
    (repo / TAPLO_FILE).write_bytes(taplo)

    assert init().exit_code == 0

    assert (repo / ".gitignore").read_bytes() == ignore + f"\r\n{GITIGNORE_LINE}\r\n".encode()
    assert (repo / ".gitattributes").read_bytes() == attributes + f"{ATTRIBUTES}\n".encode()
    config = (repo / TAPLO_FILE).read_bytes()
    assert config == taplo + b"\n" + taplo_rule("canvases/**/*.toml").encode()
    rules = tomllib.loads(config.decode())["rule"]
    assert [rule["include"] for rule in rules] == [["*.cfg"], ["canvases/**/*.toml"]]


def test_dry_run_writes_nothing_and_announces_what_a_run_does(repo: Path) -> None:
    (repo / ".gitignore").write_text(GITIGNORE_LINE + "\n")
    before = sorted(path.name for path in repo.iterdir())
    dry = init("--dry-run")
    assert dry.exit_code == 0
    assert sorted(path.name for path in repo.iterdir()) == before
    assert git_config_value(repo, "merge.bmc.driver") is None
    assert f".gitattributes: would add {ATTRIBUTES}" in dry.output
    assert f".gitignore: already has {GITIGNORE_LINE}" in dry.output
    assert dry.output.endswith("Dry run: nothing was written.\n")

    done = init()
    announced = dry.output.replace("would add", "added").replace("would write", "wrote")
    announced = announced.replace("would be set to", "set to").splitlines()[:-1]
    assert done.output.splitlines()[: len(announced)] == announced


def test_a_rule_of_the_users_own_for_the_canvases_is_left_alone(repo: Path) -> None:
    """The README's old advice: the schema, without the formatting that keeps files as
    they are. init does not edit it; it says what the rule lacks and exits 1."""
    old = b'[[rule]]\ninclude = ["canvases/**/*.toml"]\n\n[rule.schema]\npath = "./x.json"\n'
    (repo / TAPLO_FILE).write_bytes(old)
    result = init()
    assert result.exit_code == 1
    assert (repo / TAPLO_FILE).read_bytes() == old
    assert (
        f"{TAPLO_FILE}: has a different rule for canvases/**/*.toml, left as it is; give it "
        f"schema.path = ./{SCHEMA_FILE} and the formatting from the README"
    ) in result.output
    assert (repo / ".gitattributes").exists()  # everything else is still done


@pytest.mark.parametrize(
    ("taplo", "words"),
    [
        (b"[[rule]\n", "not valid TOML, so no rule can be added to it"),
        (b'rule = [{include = ["x"]}]\n', "not valid TOML, so no rule can be added to it"),
        (b"\xff\xfe", "cannot read: not UTF-8 text"),
    ],
    ids=["broken", "inline rules", "not utf-8"],
)
def test_a_taplo_config_init_cannot_add_to_is_one_line_and_nothing_is_written(
    repo: Path, taplo: bytes, words: str
) -> None:
    (repo / TAPLO_FILE).write_bytes(taplo)
    result = init()
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"bmc-tui: {repo / TAPLO_FILE}: ")
    assert words in result.stderr
    assert "Traceback" not in result.output
    assert not (repo / ".gitattributes").exists()
    assert (repo / TAPLO_FILE).read_bytes() == taplo


def test_init_outside_a_repository_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    result = init()
    assert result.exit_code == 2
    assert result.stderr == "bmc-tui: .: not in a git repository\n"
    assert not any(tmp_path.iterdir())


def test_init_speaks_danish_in_a_danish_locale(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "da_DK.UTF-8")
    result = init("--dry-run")
    assert f".gitignore: ville tilføje {GITIGNORE_LINE}" in result.output
    assert result.output.endswith("Prøvekørsel: intet blev skrevet.\n")


def test_git_setup_is_init_under_its_old_name(repo: Path) -> None:
    first = CliRunner().invoke(main, ["git-setup", "--dry-run"])
    assert first.exit_code == 0
    assert first.output == init("--dry-run").output


def test_a_write_that_fails_halfway_says_what_was_done_and_what_failed(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_write = Path.write_text

    def full_disk(path: Path, *args: object, **kwargs: object) -> int:
        if path.name == SCHEMA_FILE:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "write_text", full_disk)
    result = init()
    assert result.exit_code == 2
    assert result.output.splitlines()[:2] == [
        f".gitattributes: added {ATTRIBUTES}",
        f".gitignore: added {GITIGNORE_LINE}",
    ]
    assert result.stderr == (
        f"bmc-tui: {repo / SCHEMA_FILE}: cannot write: No space left on device\n"
    )
    assert not (repo / TAPLO_FILE).exists()
