"""End to end with real git: git-setup, then merges and diffs of canvases on branches.

Each test builds a small repository in tmp_path with the git command line, isolated from the
developer's own git configuration, and drives it the way a person would.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bmc_tui.core.catalogue import BLOCKS, BlockId
from bmc_tui.core.merging import CONFLICT_TAG
from bmc_tui.core.model import Canvas, Header, Item
from bmc_tui.core.storage import load, save

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

BMC = Path(sys.executable).parent / "bmc-tui"
CANVAS = Path("canvases") / "bakery.toml"
VP = BlockId.VALUE_PROPOSITIONS
CH = BlockId.CHANNELS


def it(item_id: str, text: str, **fields: object) -> Item:
    return Item(id=item_id, text=text, **fields)  # type: ignore[arg-type]


BASE = Canvas(
    header=Header(title="Bakery"),
    blocks={
        **{block.id: () for block in BLOCKS},
        VP: (it("a1", "Fresh bread"), it("a2", "Subscriptions"), it("a3", "Cakes")),
        CH: (it("c1", "Shop"),),
    },
)


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CEILING_DIRECTORIES": str(tmp_path),
        "NO_COLOR": "1",
    }


def run(
    env: dict[str, str], cwd: Path, *args: str | Path, check: bool = True
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    if check and result.returncode != 0:
        raise AssertionError(
            f"{args} failed ({result.returncode}):\n{result.stdout}{result.stderr}"
        )
    return result


def git(env: dict[str, str], repo: Path, *args: str, check: bool = True) -> str:
    return run(env, repo, "git", *args, check=check).stdout


@pytest.fixture
def repo(tmp_path: Path, env: dict[str, str]) -> Path:
    """A repository on branch main with one canvas committed and git-setup done."""
    root = tmp_path / "repo"
    root.mkdir()
    git(env, root, "init", "-q", "-b", "main")
    git(env, root, "config", "user.name", "Test")
    git(env, root, "config", "user.email", "test@example.com")
    git(env, root, "config", "commit.gpgsign", "false")
    (root / "canvases").mkdir()
    save(BASE, root / CANVAS)
    run(env, root, BMC, "git-setup")
    git(env, root, "add", ".")
    git(env, root, "commit", "-q", "-m", "base")
    return root


def commit_on(env: dict[str, str], repo: Path, branch: str, canvas: Canvas, start: str) -> None:
    git(env, repo, "checkout", "-q", "-B", branch, start)
    save(canvas, repo / CANVAS)
    git(env, repo, "commit", "-q", "-am", f"change on {branch}")


def merge_branches(
    env: dict[str, str], repo: Path, ours: Canvas, theirs: Canvas
) -> subprocess.CompletedProcess[str]:
    commit_on(env, repo, "theirs", theirs, "main")
    commit_on(env, repo, "ours", ours, "main")
    return run(env, repo, "git", "merge", "--no-edit", "theirs", check=False)


def test_git_setup_is_idempotent(repo: Path, env: dict[str, str]) -> None:
    again = run(env, repo, BMC, "git-setup")
    assert ".gitattributes: already has canvases/**/*.toml diff=bmc merge=bmc" in again.stdout
    assert again.stdout.endswith("Nothing to change: this repository is set up for canvases.\n")
    lines = (repo / ".gitattributes").read_text().splitlines()
    assert lines == ["canvases/**/*.toml diff=bmc merge=bmc"]
    driver = git(env, repo, "config", "merge.bmc.driver").strip()
    assert driver == f"{BMC} merge %O %A %B -o %A --name %P"
    assert git(env, repo, "config", "diff.bmc.textconv").strip() == f"{BMC} diff --textconv"
    assert git(env, repo, "check-attr", "merge", "--", str(CANVAS)).strip().endswith("bmc")


def test_git_setup_outside_a_repository(tmp_path: Path, env: dict[str, str]) -> None:
    folder = tmp_path / "plain"
    folder.mkdir()
    result = run(env, folder, BMC, "git-setup", check=False)
    assert result.returncode == 2
    assert result.stderr.strip() == "bmc-tui: .: not in a git repository"
    assert not (folder / ".gitattributes").exists()


def test_independent_changes_merge_cleanly(repo: Path, env: dict[str, str]) -> None:
    ours = (
        BASE.with_item_inserted(VP, 3, it("o1", "Ours: rye"))
        .with_item_replaced(VP, 0, it("a1", "Fresh sourdough"))
        .with_item_removed(VP, 1)
        .with_item_inserted(CH, 1, it("a2", "Subscriptions"))
    )
    theirs = (
        BASE.with_item_inserted(VP, 3, it("t1", "Theirs: buns"))
        .with_item_replaced(VP, 2, it("a3", "Birthday cakes"))
        .with_item_replaced(VP, 1, it("a2", "Weekly subscriptions"))
    )
    result = merge_branches(env, repo, ours, theirs)
    assert result.returncode == 0, result.stdout + result.stderr
    merged = load(repo / CANVAS)
    assert [i.text for i in merged.items(VP)] == [
        "Fresh sourdough",
        "Birthday cakes",
        "Ours: rye",
        "Theirs: buns",
    ]
    assert [i.text for i in merged.items(CH)] == ["Shop", "Weekly subscriptions"]
    assert "<<<<<<<" not in (repo / CANVAS).read_text()
    run(env, repo, BMC, "fmt", "--check", CANVAS)  # the merge wrote canonical form
    assert git(env, repo, "status", "--porcelain") == ""


def test_a_real_conflict_keeps_both_versions(repo: Path, env: dict[str, str]) -> None:
    ours = BASE.with_item_replaced(VP, 0, it("a1", "Sourdough loaves"))
    theirs = BASE.with_item_replaced(VP, 0, it("a1", "Rye bread")).with_item_inserted(
        CH, 1, it("t1", "Market stall")
    )
    result = merge_branches(env, repo, ours, theirs)
    assert result.returncode == 1
    assert "canvases/bakery.toml: conflict: value_propositions: item a1" in result.stdout
    assert "CONFLICT" in result.stdout
    text = (repo / CANVAS).read_text()
    assert "<<<<<<<" not in text
    merged = load(repo / CANVAS)
    first, copy = merged.items(VP)[:2]
    assert (first.id, first.text) == ("a1", "Sourdough loaves")
    assert copy.text == "Rye bread"
    assert CONFLICT_TAG in first.tags
    assert CONFLICT_TAG in copy.tags
    assert "This is theirs; ours is item a1." in copy.note
    assert [i.text for i in merged.items(CH)] == ["Shop", "Market stall"]
    assert git(env, repo, "status", "--porcelain").startswith("UU canvases/bakery.toml")
    lint = run(env, repo, BMC, "check", "--disable", "empty-block", CANVAS, check=False)
    assert lint.returncode == 1
    assert lint.stdout.count("unresolved-conflict") == 2


def test_git_diff_shows_words_through_textconv(repo: Path, env: dict[str, str]) -> None:
    save(BASE.with_item_replaced(VP, 0, it("a1", "Fresh sourdough")), repo / CANVAS)
    out = git(env, repo, "diff")
    assert "-- Fresh bread  {a1}" in out
    assert "+- Fresh sourdough  {a1}" in out
    assert 'text = "' not in out


def test_diff_against_revisions(repo: Path, env: dict[str, str]) -> None:
    changed = BASE.with_item_replaced(VP, 0, it("a1", "Fresh sourdough"))
    save(changed, repo / CANVAS)
    sub = repo / "canvases"
    work = run(env, sub, BMC, "diff", "bakery.toml", "--rev", "HEAD", check=False)
    assert work.returncode == 1, work.stderr
    assert 'text: "Fresh bread" → "Fresh sourdough"' in work.stdout
    assert work.stdout.startswith("--- bakery.toml@HEAD\n+++ bakery.toml\n")
    git(env, repo, "commit", "-q", "-am", "sourdough")
    committed = run(env, repo, BMC, "diff", CANVAS, "--rev", "HEAD~1..HEAD", check=False)
    assert committed.returncode == 1
    assert committed.stdout.splitlines()[-1] == "1 edited"
    same = run(env, repo, BMC, "diff", CANVAS, "--rev", "HEAD", check=False)
    assert same.returncode == 0


def test_diff_rev_errors(repo: Path, env: dict[str, str]) -> None:
    unknown = run(env, repo, BMC, "diff", CANVAS, "--rev", "nope", check=False)
    assert unknown.returncode == 2
    assert unknown.stderr.strip() == "bmc-tui: unknown revision 'nope'"
    (repo / "canvases" / "new.toml").write_text("", encoding="utf-8")
    missing = run(env, repo, BMC, "diff", "canvases/new.toml", "--rev", "HEAD", check=False)
    assert missing.returncode == 2
    assert missing.stderr.strip() == "bmc-tui: canvases/new.toml: not in revision 'HEAD'"


# --- files that are not canvases under a wide pattern (issue 11) ----------------------------

PYPROJECT = "\n".join(
    ["[project]", 'name = "demo"', 'version = "1.0"', "", "[tool.x]", "a = 1", "b = 2", ""]
)


@pytest.fixture
def wide_repo(tmp_path: Path, env: dict[str, str]) -> Path:
    """A repository whose canvases pattern is '*.toml', with a pyproject.toml committed."""
    root = tmp_path / "wide"
    root.mkdir()
    git(env, root, "init", "-q", "-b", "main")
    git(env, root, "config", "user.name", "Test")
    git(env, root, "config", "user.email", "test@example.com")
    (root / "pyproject.toml").write_text(PYPROJECT)
    result = run(env, root, BMC, "git-setup", "--pattern", "*.toml")
    assert "pyproject.toml" in result.stderr
    assert result.stderr.startswith("bmc-tui: warning: *.toml also catches pyproject.toml")
    git(env, root, "add", ".")
    git(env, root, "commit", "-q", "-m", "base")
    return root


def edit_on(env: dict[str, str], repo: Path, branch: str, old: str, new: str) -> None:
    git(env, repo, "checkout", "-q", "-B", branch, "main")
    path = repo / "pyproject.toml"
    path.write_text(path.read_text().replace(old, new))
    git(env, repo, "commit", "-q", "-am", f"change on {branch}")


def test_a_non_canvas_toml_merges_line_by_line_as_git_would(
    wide_repo: Path, env: dict[str, str]
) -> None:
    edit_on(env, wide_repo, "theirs", "b = 2", "b = 3")
    edit_on(env, wide_repo, "ours", 'version = "1.0"', 'version = "1.1"')
    result = run(env, wide_repo, "git", "merge", "--no-edit", "theirs", check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    text = (wide_repo / "pyproject.toml").read_text()
    assert text == PYPROJECT.replace("b = 2", "b = 3").replace('"1.0"', '"1.1"')
    # And its diff is the plain text diff, not a canvas reading.
    diff = git(env, wide_repo, "diff", "HEAD~1", "--", "pyproject.toml")
    assert '+version = "1.1"' in diff or "+b = 3" in diff
    assert "not a valid canvas" not in diff


def test_a_non_canvas_toml_conflict_is_marked_as_git_marks_it(
    wide_repo: Path, env: dict[str, str]
) -> None:
    edit_on(env, wide_repo, "theirs", "b = 2", "b = 3")
    edit_on(env, wide_repo, "ours", "b = 2", "b = 4")
    result = run(env, wide_repo, "git", "merge", "--no-edit", "theirs", check=False)
    assert result.returncode == 1
    text = (wide_repo / "pyproject.toml").read_text()
    assert "<<<<<<<" in text
    assert "b = 3" in text
    assert "b = 4" in text
    assert "pyproject.toml" in git(env, wide_repo, "diff", "--name-only", "--diff-filter=U")


@pytest.mark.parametrize("pattern", ["#canvases/*.toml", "!*.toml"])
def test_git_setup_refuses_a_pattern_that_is_a_comment(
    tmp_path: Path, env: dict[str, str], pattern: str
) -> None:
    root = tmp_path / "r"
    root.mkdir()
    git(env, root, "init", "-q")
    result = run(env, root, BMC, "git-setup", "--pattern", pattern, check=False)
    assert result.returncode == 2
    assert result.stderr.startswith(f"bmc-tui: {pattern!r}: a pattern starting with # or !")
    assert result.stderr.count("\n") == 1
    assert not (root / ".gitattributes").exists()


def test_git_setup_does_not_warn_about_the_default_pattern(repo: Path, env: dict[str, str]) -> None:
    assert run(env, repo, BMC, "git-setup").stderr == ""
