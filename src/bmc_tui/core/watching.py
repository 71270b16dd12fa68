"""Noticing that a canvas changed on disk under the editor (``git pull``, another editor).

The editor keeps a :class:`FileStamp` of the bytes it loaded or saved and asks :func:`check`
every couple of seconds, when the terminal regains focus and just before saving. A check is
cheap: one ``lstat`` and one ``stat``; the file is read and hashed only when those differ
from the stamp, so touching a file (or ``git checkout`` rewriting it unchanged) is not a
change, and an edit that keeps size and mtime is still caught by the hash while the file's
mtime is too recent to trust (the "racily clean" case git also guards against).

Headless: imports nothing from Textual.
"""

from __future__ import annotations

import enum
import hashlib
import os
import stat
import time
from dataclasses import dataclass
from pathlib import Path

from bmc_tui.core import storage
from bmc_tui.core.interface_language import default_language
from bmc_tui.core.messages import say
from bmc_tui.core.model import Canvas
from bmc_tui.core.storage import CanvasError
from bmc_tui.core.textsafe import shown_path

#: An mtime this close to the moment a stamp was taken may still change without the mtime
#: changing (coarse timestamps), so such a stamp is confirmed by hashing.
RACY_NS = 2_000_000_000


class DiskState(enum.Enum):
    """What became of a canvas file since its stamp was taken."""

    UNCHANGED = "unchanged"
    #: Other bytes than those loaded or saved (edited, replaced, rewritten by git).
    MODIFIED = "modified"
    #: No file there any more (deleted, renamed away, or a symbolic link to nothing).
    MISSING = "missing"
    #: Still there but cannot be read (permissions, a folder now, an I/O error).
    UNREADABLE = "unreadable"
    #: The path became a symbolic link, stopped being one, or now links elsewhere.
    RELINKED = "relinked"


@dataclass(frozen=True)
class FileStamp:
    """What a canvas file looked like when the editor last read or wrote it."""

    mtime_ns: int
    ctime_ns: int
    size: int
    inode: int
    device: int
    sha256: str
    #: Where the path pointed if it was a symbolic link, else None.
    link_target: str | None
    #: When the stamp was taken (``time.time_ns()``).
    taken_ns: int

    @classmethod
    def capture(cls, path: Path | str) -> FileStamp:
        """Stamp the file as it is now: call it right after a successful save.

        Raises ``CanvasError`` when the file cannot be read.
        """
        _, stamp = read_stamped(path)
        return stamp

    @classmethod
    def of_write(cls, path: Path | str, written: storage.Written) -> FileStamp:
        """Stamp a file from the save that wrote it: the bytes written and the metadata of
        the file that holds them, with no second read (which could stamp another program's
        write, landed just after ours, as ours)."""
        info = written.info
        return cls(
            mtime_ns=info.st_mtime_ns,
            ctime_ns=info.st_ctime_ns,
            size=info.st_size,
            inode=info.st_ino,
            device=info.st_dev,
            sha256=hashlib.sha256(written.data).hexdigest(),
            link_target=_link_target(Path(path)),
            taken_ns=time.time_ns(),
        )

    def _same_stat(self, info: os.stat_result) -> bool:
        return (
            info.st_mtime_ns == self.mtime_ns
            and info.st_ctime_ns == self.ctime_ns
            and info.st_size == self.size
            and info.st_ino == self.inode
            and info.st_dev == self.device
        )


@dataclass(frozen=True)
class Status:
    """The outcome of a :func:`check`: the state, and the stamp to keep from now on.

    The stamp is refreshed when only the file's metadata changed, so a touched file is hashed
    once, not on every check. For any other state it is the stamp that was passed in.
    """

    state: DiskState
    stamp: FileStamp
    #: One line for a person when the state is not UNCHANGED ("" otherwise).
    message: str = ""

    @property
    def changed(self) -> bool:
        return self.state is not DiskState.UNCHANGED


def _link_target(path: Path) -> str | None:
    try:
        return os.readlink(path)
    except OSError:  # not a link (or gone)
        return None


def read_stamped(path: Path | str) -> tuple[bytes, FileStamp]:
    """The file's bytes and their stamp, taken together so no change can slip between them.

    The stat comes from the open file before it is read: a write during the read leaves a
    newer mtime on disk than in the stamp, so the next check sees it. Raises ``CanvasError``
    (the same messages as ``storage.read_bytes``) when the file cannot be read.
    """
    path = Path(path)
    link = _link_target(path)
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        raise storage.read_error(path, error) from None
    try:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            raise CanvasError.single(path, "is a folder, not a canvas file")
        if not stat.S_ISREG(info.st_mode):
            raise CanvasError.single(path, say("not-a-regular-file-to-read", default_language()))
        if info.st_size > storage.MAX_FILE_BYTES:
            raise CanvasError.single(
                path,
                f"is {info.st_size:,} bytes; a canvas file is at most {storage.MAX_FILE_BYTES:,}",
            )
        chunks: list[bytes] = []
        total = 0
        while chunk := os.read(descriptor, 1 << 20):
            chunks.append(chunk)
            total += len(chunk)
            if total > storage.MAX_FILE_BYTES:
                raise CanvasError.single(path, "grew past the largest canvas size while read")
        data = b"".join(chunks)
    except OSError as error:
        raise CanvasError.single(path, error.strerror or str(error)) from None
    finally:
        os.close(descriptor)
    stamp = FileStamp(
        mtime_ns=info.st_mtime_ns,
        ctime_ns=info.st_ctime_ns,
        size=info.st_size,
        inode=info.st_ino,
        device=info.st_dev,
        sha256=hashlib.sha256(data).hexdigest(),
        link_target=link,
        taken_ns=time.time_ns(),
    )
    return data, stamp


def load_stamped(path: Path | str) -> tuple[Canvas, FileStamp]:
    """``storage.load`` and the stamp of exactly the bytes it parsed: use it to open a canvas."""
    path = Path(path)
    data, stamp = read_stamped(path)
    text = storage.decode(path, data)
    # The bytes are hashed into the stamp and decoded: let them go before the parse, which
    # is when a large canvas needs the most memory (a canvas of 10,000 items is 1 MiB).
    del data
    return storage.parse(path, text), stamp


def check(path: Path | str, stamp: FileStamp) -> Status:
    """How the file at ``path`` compares with ``stamp``. Never raises."""
    path = Path(path)
    try:
        link_info = os.lstat(path)
    except FileNotFoundError:
        return Status(DiskState.MISSING, stamp, f"{shown_path(path)}: the file is gone")
    except OSError as error:
        return Status(DiskState.UNREADABLE, stamp, f"{shown_path(path)}: {error.strerror or error}")
    link = _link_target(path) if stat.S_ISLNK(link_info.st_mode) else None
    if link != stamp.link_target:
        what = "now a link to " + repr(link) if link is not None else "no longer a link"
        return Status(DiskState.RELINKED, stamp, f"{shown_path(path)}: is {what}")
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return Status(DiskState.MISSING, stamp, f"{shown_path(path)}: links to a file that is gone")
    except OSError as error:
        return Status(DiskState.UNREADABLE, stamp, f"{shown_path(path)}: {error.strerror or error}")
    if stat.S_ISDIR(info.st_mode):
        return Status(DiskState.UNREADABLE, stamp, f"{shown_path(path)}: is a folder now")
    racy = stamp.taken_ns - stamp.mtime_ns < RACY_NS
    if stamp._same_stat(info) and not racy:
        return Status(DiskState.UNCHANGED, stamp)
    try:
        _, fresh = read_stamped(path)
    except CanvasError as error:
        missing = not os.path.lexists(path) or not os.path.exists(path)
        state = DiskState.MISSING if missing else DiskState.UNREADABLE
        return Status(state, stamp, error.summary)
    if fresh.sha256 != stamp.sha256:
        return Status(DiskState.MODIFIED, stamp, f"{shown_path(path)}: changed on disk")
    # Same bytes: keep the fresh stamp, so a touched file is hashed once rather than on
    # every check (a racy stamp becomes trusted once its mtime is safely in the past).
    return Status(DiskState.UNCHANGED, fresh)


def changed(path: Path | str, stamp: FileStamp) -> bool:
    """True when the file is no longer exactly what ``stamp`` describes (in any way)."""
    return check(path, stamp).changed
