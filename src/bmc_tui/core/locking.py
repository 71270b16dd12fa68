"""Lock files: one editor per canvas, so two terminals never overwrite each other's work.

The lock is a small hidden file beside the canvas: ``plan.toml`` is locked by
``.plan.toml.bmc-lock`` in the same folder (beside the file a symbolic link points to, so two
names for one canvas share one lock). Beside the canvas, rather than in a per-user state
folder, because that is the only place where a second user on the same server, or a second
machine sharing the folder over NFS, can see it.

The price is a file git would show as untracked while an editor is open. Add this line to
the repository's ``.gitignore``::

    .*.bmc-lock

A lock file holds the editor's pid, host, user and start time as JSON. It is made with
``O_CREAT | O_EXCL``, so when two editors race for one canvas exactly one wins. A lock is
*stale* when it was taken on this host by a process that is no longer running (or before the
host last restarted); the editor can then take it over with ``force=True``, as it can take
over a live lock when the user insists. A lock left by a crashed editor on another host
cannot be told apart from a live one, so it is reported as held, not stale.

Headless: imports nothing from Textual.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import json
import os
import secrets
import socket
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

from bmc_tui.core.textsafe import shown_path

#: Appended to the hidden canvas file name to name its lock file.
LOCK_SUFFIX = ".bmc-lock"
#: The .gitignore line that keeps lock files out of git.
GITIGNORE_LINE = f".*{LOCK_SUFFIX}"


def lock_path(canvas: Path | str) -> Path:
    """The lock file of a canvas: hidden, beside the file the path finally points to."""
    real = Path(os.path.realpath(os.path.abspath(canvas)))
    return real.with_name(f".{real.name}{LOCK_SUFFIX}")


def _boot_id() -> str:
    """Changes whenever the host restarts (Linux); "" where unknown."""
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text().strip()
    except OSError:
        return ""


def current_user() -> str:
    """Who runs this editor, also where there is no passwd entry (as in some containers)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return str(os.getuid()) if hasattr(os, "getuid") else ""


def current_host() -> str:
    return socket.gethostname() or "localhost"


def pid_alive(pid: int) -> bool:
    """True when a process with this pid runs on this host (it may be someone else's)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # PermissionError: it exists, but belongs to another user
        return True
    return True


@dataclass(frozen=True)
class LockOwner:
    """Who holds a lock. Fields are None when the lock file could not be read."""

    pid: int | None
    host: str | None
    user: str | None
    since: dt.datetime | None
    boot_id: str = ""
    token: str = field(default="", repr=False)

    def describe(self) -> str:
        """One line for a person, e.g. ``ann (pid 4242 on build-3) since 14:05``."""
        if self.pid is None:
            return "an unknown editor (the lock file cannot be read)"
        since = f" since {self.since.astimezone():%Y-%m-%d %H:%M}" if self.since else ""
        who = f"{self.user} " if self.user else ""
        return f"{who}(pid {self.pid} on {self.host}){since}"

    def to_json(self) -> str:
        data = {
            "program": "bmc-tui",
            "pid": self.pid,
            "host": self.host,
            "user": self.user,
            "since": self.since.isoformat() if self.since else None,
            "boot_id": self.boot_id,
            "token": self.token,
        }
        return json.dumps(data, ensure_ascii=True) + "\n"

    @classmethod
    def from_json(cls, text: str) -> LockOwner | None:
        try:
            data: Any = json.loads(text)
            pid, host, user = data["pid"], data["host"], data.get("user")
            since = dt.datetime.fromisoformat(data["since"]) if data.get("since") else None
        except (ValueError, TypeError, KeyError):
            return None
        if not isinstance(pid, int) or not isinstance(host, str):
            return None
        return cls(
            pid=pid,
            host=host,
            user=str(user) if user is not None else None,
            since=since,
            boot_id=str(data.get("boot_id") or ""),
            token=str(data.get("token") or ""),
        )

    @classmethod
    def me(cls) -> LockOwner:
        return cls(
            pid=os.getpid(),
            host=socket.gethostname(),
            user=current_user(),
            since=dt.datetime.now(dt.UTC).replace(microsecond=0),
            boot_id=_boot_id(),
            token=secrets.token_hex(8),
        )

    @property
    def stale(self) -> bool:
        """Taken on this host by a process that has gone (or before the host restarted)."""
        if self.pid is None or self.host != socket.gethostname():
            return False
        if self.boot_id and _boot_id() and self.boot_id != _boot_id():
            return True
        return not pid_alive(self.pid)


@dataclass(frozen=True)
class LockHeld:
    """Someone else has the canvas open (or had, if ``stale``)."""

    lock_file: Path
    owner: LockOwner
    stale: bool

    def describe(self) -> str:
        """One line for the editor to show, naming the lock file."""
        state = "was open in" if self.stale else "is open in"
        ending = " (that editor is gone)" if self.stale else ""
        return f"{shown_path(self.lock_file)}: this canvas {state} {self.owner.describe()}{ending}"


@dataclass(frozen=True)
class LockUnavailable:
    """No lock could be made (read-only folder, missing folder): edit with care, or not."""

    lock_file: Path
    reason: str


class Lock:
    """A lock this process holds. ``release()`` it when the canvas is closed."""

    def __init__(self, canvas: Path, lock_file: Path, owner: LockOwner) -> None:
        self.canvas = canvas
        self.path = lock_file
        self.owner = owner
        self.released = False

    def __repr__(self) -> str:
        return f"Lock({self.path}, released={self.released})"

    def still_held(self) -> bool:
        """False when another editor forced the lock away (or it was deleted): check before
        saving, and warn rather than overwrite that editor's work."""
        if self.released:
            return False
        owner = _read_owner(self.path)
        return owner is not None and owner.token == self.owner.token

    def release(self) -> None:
        """Remove the lock file if it is still ours; a lock forced away is left alone."""
        if self.released:
            return
        self.released = True
        _remove_if_same(self.path, self.owner)

    def __enter__(self) -> Lock:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.release()


def _read_owner(lock_file: Path) -> LockOwner | None:
    """The owner named in a lock file; None when it cannot be read or is not a lock file.

    Never follows a symbolic link and never blocks on a FIFO: a planted file must not make
    the editor hang or read something else.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        descriptor = os.open(lock_file, flags)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            return None
        return LockOwner.from_json(os.read(descriptor, 4096).decode("utf-8", errors="replace"))
    except OSError:
        return None
    finally:
        os.close(descriptor)


def inspect(canvas: Path | str) -> LockHeld | None:
    """Who holds the canvas's lock, without taking it; None when nobody does."""
    lock_file = lock_path(canvas)
    if not os.path.lexists(lock_file):
        return None
    owner = _read_owner(lock_file)
    if owner is None:
        # Perhaps caught between creation and the write of its contents: look once more.
        time.sleep(0.05)
        if not os.path.lexists(lock_file):
            return None
        owner = _read_owner(lock_file)
    if owner is None:
        return LockHeld(lock_file, LockOwner(None, None, None, None), stale=False)
    return LockHeld(lock_file, owner, stale=owner.stale)


def acquire(canvas: Path | str, *, force: bool = False) -> Lock | LockHeld | LockUnavailable:
    """Take the canvas's lock: a :class:`Lock`, or why not.

    :class:`LockHeld` when another editor has it (``stale`` says whether that editor is gone);
    call again with ``force=True`` to take it over once the user agrees. Forcing replaces the
    lock only if it is still the one that was looked at, so two editors forcing at once still
    leave one winner. :class:`LockUnavailable` when no lock file can be made at all.
    """
    canvas = Path(canvas)
    lock_file = lock_path(canvas)
    me = LockOwner.me()
    content = me.to_json().encode("ascii")
    for attempt in range(4):
        try:
            if _create_with_content(lock_file, content):
                return Lock(canvas, lock_file, me)
        except OSError as error:
            return LockUnavailable(lock_file, f"cannot make a lock file: {error.strerror or error}")
        if attempt == 3:
            break
        held = inspect(canvas)
        if held is None:
            continue  # released in between: try again
        if not force:
            return held
        # Remove it only if it is still the lock we looked at, then try to create ours: a
        # removal is always followed by an attempt, so forcing never leaves the canvas
        # unlocked, and of editors forcing at once exactly one ends up holding it.
        _remove_if_same(lock_file, held.owner)
    held = inspect(canvas)
    if held is not None:
        return held
    return LockUnavailable(lock_file, "the lock kept changing hands; try again")


def _create_with_content(lock_file: Path, content: bytes) -> bool:
    """Make ``lock_file`` holding ``content`` in one step; False if it already exists.

    The content is written to a private file first and then hard-linked into place, so no
    other editor can ever see the lock file empty, half-written, or nameless (an empty lock
    read as "owner unknown" could otherwise be broken by a forcing editor).
    """
    draft = lock_file.with_name(f"{lock_file.name}.{secrets.token_hex(4)}.new")
    descriptor = os.open(
        draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o644
    )
    try:
        try:
            os.write(descriptor, content)
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        try:
            os.link(draft, lock_file)
        except FileExistsError:
            return False
        return True
    finally:
        with contextlib.suppress(OSError):
            os.unlink(draft)


def _remove_if_same(lock_file: Path, owner: LockOwner) -> bool:
    """Delete the lock file if it still names ``owner``; False if it changed meanwhile.

    Renaming it to a unique name first makes the check-and-delete one step: of two editors
    forcing at once, only one rename finds the file.
    """
    grave = lock_file.with_name(f"{lock_file.name}.{secrets.token_hex(4)}.old")
    try:
        os.rename(lock_file, grave)
    except FileNotFoundError:
        return False
    except OSError:
        return False
    taken = _read_owner(grave)
    same = (taken is None and owner.pid is None) or (
        taken is not None and taken.token == owner.token and taken.pid == owner.pid
    )
    if not same:
        # Not the lock we meant to break: put it back unless a new one appeared meanwhile.
        with contextlib.suppress(OSError):
            os.link(grave, lock_file)
    with contextlib.suppress(OSError):
        os.unlink(grave)
    return same
