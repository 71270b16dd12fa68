"""Working with git: canvases at other revisions, and teaching git to diff and merge canvases
(``core.repository_setup`` decides when; this module knows how).

Everything goes through the ``git`` command line rather than a library: it is what the user
already has, it reads their configuration the way they expect, and it keeps this package free
of a native dependency. Each failure becomes a :class:`GitError` whose text is one line fit
for a user ("not in a git repository", "unknown revision 'nope'").

Headless: imports nothing from Textual.
"""

from __future__ import annotations

import fnmatch
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from bmc_tui.core.interface_language import default_language
from bmc_tui.core.messages import say
from bmc_tui.core.problems import os_words
from bmc_tui.core.textsafe import shown_path

#: Where canvases live by default. ``**/`` matches zero or more folders, so this covers
#: ``canvases/x.toml`` and ``canvases/team/x.toml``; pass ``--pattern`` to choose another.
DEFAULT_PATTERN = "canvases/**/*.toml"
DRIVER = "bmc"
ATTRIBUTES = f"diff={DRIVER} merge={DRIVER}"


class GitError(Exception):
    """git could not do what was asked; ``str()`` is one line for the user."""


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    if shutil.which("git") is None:
        raise GitError(say("git-missing", default_language()))
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except OSError as error:
        raise GitError(
            say("git-cannot-run", default_language(), reason=os_words(error, default_language()))
        ) from None


def _folder(path: Path) -> Path:
    """The folder git should run in for ``path`` (which may not exist in the work tree)."""
    folder = path if path.is_dir() else path.parent
    return folder if str(folder) else Path()


def repo_toplevel(path: Path) -> Path:
    """The root of the work tree that holds ``path``; ``GitError`` outside a repository."""
    folder = _folder(path)
    if not folder.is_dir():
        raise GitError(say("git-no-folder", default_language(), folder=shown_path(folder)))
    result = _run(["rev-parse", "--show-toplevel"], folder)
    if result.returncode != 0 or not result.stdout.strip():
        raise GitError(say("git-not-a-repository", default_language(), path=shown_path(path)))
    return Path(os.fsdecode(result.stdout.strip()))


def repo_path(path: Path) -> str:
    """``path`` relative to the repository root, with ``/``, as ``git show REV:path`` wants.

    Asks git for the folder's prefix rather than comparing absolute paths, so a repository
    reached through a symbolic link still gives the right answer.
    """
    folder = _folder(path)
    repo_toplevel(path)
    result = _run(["rev-parse", "--show-prefix"], folder)
    if result.returncode != 0:
        raise GitError(say("git-not-a-repository", default_language(), path=shown_path(path)))
    prefix = os.fsdecode(result.stdout.strip())
    return f"{prefix}{path.name}" if not path.is_dir() else prefix.rstrip("/")


def resolve_revision(path: Path, rev: str) -> str:
    """The commit id ``rev`` names, or a ``GitError`` saying it names none."""
    if not rev or rev.startswith("-"):
        raise GitError(say("git-unknown-revision", default_language(), rev=repr(rev)))
    result = _run(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], _folder(path))
    if result.returncode != 0:
        raise GitError(say("git-unknown-revision", default_language(), rev=repr(rev)))
    return result.stdout.decode().strip()


def file_at_revision(path: Path, rev: str) -> bytes:
    """The bytes of ``path`` as committed in ``rev``."""
    relative = repo_path(path)
    commit = resolve_revision(path, rev)
    result = _run(["cat-file", "blob", f"{commit}:{relative}"], _folder(path))
    if result.returncode != 0:
        raise GitError(
            say("git-not-in-revision", default_language(), path=shown_path(relative), rev=repr(rev))
        )
    return result.stdout


def split_range(spec: str) -> tuple[str, str | None]:
    """``A..B`` → (A, B); ``A`` → (A, None), meaning "A against the work tree".

    An empty side of ``..`` means HEAD, as it does for ``git diff``.
    """
    if ".." in spec:
        if "..." in spec:
            raise GitError(say("git-three-dots", default_language(), spec=repr(spec)))
        old, new = spec.split("..", 1)
        return old or "HEAD", new or "HEAD"
    return spec, None


# --- setup -----------------------------------------------------------------------------------


def own_command() -> list[str]:
    """How git should run this same bmc-tui: an absolute path, so a venv needs no activating.

    The console script next to the running interpreter is preferred; failing that, the
    interpreter itself with ``-m bmc_tui``.
    """
    argv0 = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if argv0 is not None and argv0.name == "bmc-tui" and argv0.exists():
        return [str(argv0.resolve())]
    script = Path(sys.executable).parent / "bmc-tui"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "bmc_tui"]


def attributes_line(pattern: str) -> str:
    """The ``.gitattributes`` line that gives ``pattern`` the bmc diff and merge drivers."""
    if not pattern or any(char.isspace() for char in pattern):
        raise GitError(say("git-pattern-spaces", default_language(), pattern=repr(pattern)))
    if pattern.startswith(("#", "!")):
        # git reads "#..." as a comment and refuses "!...": either way no file would match.
        raise GitError(say("git-pattern-comment", default_language(), pattern=repr(pattern)))
    return f"{pattern} {ATTRIBUTES}"


#: TOML files other tools own, which a pattern such as ``*.toml`` would hand to the canvas
#: driver (it merges them line by line, but their diffs and merges are git's to make).
KNOWN_NOT_CANVASES = (
    "pyproject.toml",
    "Cargo.toml",
    "Cargo.lock",
    ".taplo.toml",
    "taplo.toml",
    "rustfmt.toml",
    ".rustfmt.toml",
    "ruff.toml",
    ".ruff.toml",
    "uv.lock",
    "poetry.lock",
    "netlify.toml",
)


def pattern_warnings(pattern: str) -> list[str]:
    """One line for each well-known non-canvas file the pattern would catch, if any."""
    caught = [name for name in KNOWN_NOT_CANVASES if _matches(pattern, name)]
    if not caught:
        return []
    return [
        say("git-pattern-too-wide", default_language(), pattern=pattern, files=", ".join(caught))
    ]


def _matches(pattern: str, name: str) -> bool:
    """Whether ``pattern`` (gitattributes syntax) matches a file called ``name`` where such
    files live (the root, a package folder): without a ``/`` it matches the name anywhere,
    with one it is anchored at the root."""
    if "/" not in pattern:
        return fnmatch.fnmatchcase(name, pattern)
    anchored = pattern.lstrip("/")
    candidates = (name, f"a/{name}", f"a/b/{name}")
    for path in candidates:
        # "**/" matches zero or more folders; fnmatch's "*" already crosses "/".
        if fnmatch.fnmatchcase(path, anchored) or fnmatch.fnmatchcase(
            path, anchored.replace("**/", "")
        ):
            return True
    return False


def driver_config(command: list[str]) -> tuple[tuple[str, str], ...]:
    """The git config that registers the bmc diff and merge drivers, run as ``command``."""
    program = " ".join(shlex.quote(part) for part in command)
    return (
        ("diff.bmc.textconv", f"{program} diff --textconv"),
        ("merge.bmc.name", "bmc-tui three-way merge of Business Model Canvas items"),
        ("merge.bmc.driver", f"{program} merge %O %A %B -o %A --name %P"),
    )


def git_config_value(root: Path, key: str) -> str | None:
    """``key`` in the repository's own config (``--local``); None when it is not set."""
    result = _run(["config", "--local", "--get", key], root)
    if result.returncode != 0:
        return None
    return os.fsdecode(result.stdout).removesuffix("\n")


def set_git_config(root: Path, key: str, value: str) -> None:
    """Set ``key`` in the repository's own config, leaving the user's global config alone."""
    result = _run(["config", "--local", key, value], root)
    if result.returncode != 0:
        message = result.stderr.decode(errors="replace").strip().splitlines()
        raise GitError(
            say(
                "git-config-failed",
                default_language(),
                key=key,
                reason=message[0] if message else "-",
            )
        )
