"""Recovery files: unsaved edits kept outside the canvas, so a dropped SSH link loses nothing.

Where they live
    ``platformdirs.user_state_path("bmc-tui") / "recovery"``: on Linux
    ``$XDG_STATE_HOME/bmc-tui/recovery`` (by default ``~/.local/state/bmc-tui/recovery``), on
    macOS ``~/Library/Application Support/bmc-tui/recovery``. The folder is made with mode
    0700 and every file in it with mode 0600: unsaved canvases can be private.

One file per canvas
    ``<canvas file name>.<16 hex digits>.toml``, the digits being the start of the SHA-256 of
    the canvas's absolute, symlink-resolved path, so two names for one file share one
    recovery file and two files called ``plan.toml`` in different folders do not. An untitled
    canvas (never saved) gets ``untitled.<host>.<pid>.toml``: one per editor process.

What is in one
    A ``[recovery]`` table (the canvas's path, when it was written, the writer's pid, host and
    user) followed by the canvas in canonical TOML. A path that is not UTF-8 (a folder named
    in Latin-1 on an old server) cannot go into a TOML file as it is: ``path`` then holds a
    readable form with U+FFFD for the odd bytes and ``path_bytes`` the exact bytes in hex.
    Delete the ``[recovery]`` table and the rest is an ordinary canvas file: a person can
    always rescue their work by hand.

A recovery file is written atomically (a whole old one or a whole new one, never half), never
over the canvas file itself, and only ever deleted by :meth:`RecoveryStore.discard`. One that
cannot be read is reported as :class:`BrokenRecovery` and renamed to ``*.broken-<time>.toml``
before a new one would take its name, so it is never lost without a word.

Headless: imports nothing from Textual.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs
import tomli_w

from bmc_tui.core import storage
from bmc_tui.core.interface_language import default_language
from bmc_tui.core.locking import current_host, current_user, pid_alive
from bmc_tui.core.messages import say
from bmc_tui.core.model import Canvas
from bmc_tui.core.problems import os_words
from bmc_tui.core.storage import CanvasError
from bmc_tui.core.textsafe import shown_path

if TYPE_CHECKING:
    from bmc_tui.core.diffing import CanvasDiff

#: The suffix of every recovery file; broken ones are renamed to ``.broken-<time>.toml``.
SUFFIX = ".toml"
_BROKEN = re.compile(r"\.broken-\d{8}T\d{6}(-\d+)?\.toml$")
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
_NOTE = (
    "# bmc-tui recovery file: unsaved changes to a canvas, kept in case the editor stopped.\n"
    "# Open the canvas in bmc-tui to be offered these changes; or delete the [recovery] table\n"
    "# below and the rest is an ordinary canvas file.\n"
)


def recovery_folder() -> Path:
    """The folder recovery files are kept in (see the module docstring)."""
    return platformdirs.user_state_path("bmc-tui") / "recovery"


def canvas_key(canvas_path: Path | str) -> str:
    """The absolute, symlink-resolved form of a canvas path: what names its recovery file."""
    return os.path.realpath(os.path.abspath(canvas_path))


def state_name(canvas_path: Path | str) -> str:
    """The name a canvas's files in the state folder share (before their suffix): the file's
    name and the start of the SHA-256 of its resolved path, so two names for one file share
    it and two ``plan.toml`` in different folders do not. Recovery files and the guided
    session's place (``core.guide``) are both named so."""
    key = canvas_key(canvas_path)
    digest = hashlib.sha256(os.fsencode(key)).hexdigest()[:16]
    return f"{_safe(Path(key).name)}.{digest}"


def _safe(name: str, limit: int = 48) -> str:
    return _UNSAFE_NAME.sub("_", name)[:limit].strip("._") or "canvas"


@dataclass(frozen=True)
class Recovered:
    """A readable recovery file: the unsaved canvas and where it came from."""

    #: The recovery file itself.
    file: Path
    #: The canvas file the changes belong to; None for an untitled canvas.
    canvas_path: Path | None
    canvas: Canvas
    #: When the recovery file was written (timezone-aware, UTC).
    written: dt.datetime
    pid: int
    host: str
    user: str
    #: The canvas as it is on disk now; None when there is no readable canvas file.
    on_disk: Canvas | None
    #: Why ``on_disk`` is None when the canvas file exists but cannot be read ("" otherwise).
    disk_problem: str
    #: The writing editor is still running on this machine (it is not this process): its
    #: changes are not lost, so they should not be offered as a recovery.
    writer_alive: bool
    #: The canvas file was changed after the recovery file was written (saved elsewhere?).
    disk_newer: bool

    @property
    def differs(self) -> bool:
        """True when recovering would change something: the file is gone, or holds another
        canvas. A recovery file that equals the file on disk can simply be discarded."""
        return self.on_disk is None or self.on_disk != self.canvas

    def changes(self) -> CanvasDiff:
        """What recovering would change, compared with the canvas on disk (or an empty one)."""
        # Imported here: the diff is only needed when there is something to recover.
        from bmc_tui.core.diffing import diff_canvases

        return diff_canvases(self.on_disk if self.on_disk is not None else Canvas(), self.canvas)


@dataclass(frozen=True)
class BrokenRecovery:
    """A recovery file that cannot be read. It is kept (perhaps renamed), never deleted."""

    file: Path
    #: One line saying what is wrong, naming the file.
    problem: str
    #: The canvas path named in the file, when that much could be read.
    canvas_path: Path | None = None


class RecoveryStore:
    """The recovery files of one user: write them while editing, find them when opening.

    Cheap to make; holds no open files. Safe to use from one thread at a time.
    """

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder if folder is not None else recovery_folder()
        # What this process last wrote to each recovery file: identical writes are skipped,
        # and a file this process wrote need not be checked before it is replaced.
        self._written: dict[Path, Canvas] = {}

    # --- naming ----------------------------------------------------------------------------

    def file_for(self, canvas_path: Path | str | None) -> Path:
        """The recovery file that belongs to a canvas (or to this process's untitled one)."""
        if canvas_path is None:
            return self.folder / f"untitled.{_safe(current_host(), 32)}.{os.getpid()}{SUFFIX}"
        return self.folder / f"{state_name(canvas_path)}{SUFFIX}"

    # --- writing ---------------------------------------------------------------------------

    def write(self, canvas_path: Path | str | None, canvas: Canvas) -> Path:
        """Keep ``canvas`` as the unsaved state of ``canvas_path``; returns the recovery file.

        Call it after edits (debounced: every few seconds while modified is plenty). Writing
        the same canvas again is skipped. Raises ``CanvasError`` (with ``.summary``) when the
        state folder cannot be written: a full disk must not stop the editor, so show it.
        """
        file = self.file_for(canvas_path)
        if canvas_path is not None and os.path.realpath(file) == canvas_key(canvas_path):
            raise CanvasError.single(file, say("recovery-not-the-canvas", default_language()))
        if self._written.get(file) == canvas and file.exists():
            return file
        try:
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as error:
            raise CanvasError.single(
                self.folder,
                say(
                    "recovery-cannot-keep",
                    default_language(),
                    reason=os_words(error, default_language()),
                ),
            ) from None
        if file not in self._written and file.exists():
            found = self._read(file)
            if isinstance(found, BrokenRecovery):
                self._set_aside(file)
        key = None if canvas_path is None else canvas_key(canvas_path)
        data = self._render(key, canvas).encode("utf-8")
        storage.write_atomically(file, data, 0o600, shown_as=file)
        self._written[file] = canvas
        return file

    @staticmethod
    def _render(key: str | None, canvas: Canvas) -> str:
        meta: dict[str, Any] = {
            "written": dt.datetime.now(dt.UTC).replace(microsecond=0),
            "pid": os.getpid(),
            "host": current_host(),
            "user": current_user(),
        }
        if key is not None:
            meta = {**_path_fields(key), **meta}
        text = storage.dumps(canvas)
        first, blank, rest = text.partition("\n\n")
        if not first.startswith("format_version") or not blank:  # pragma: no cover
            raise AssertionError("storage.dumps no longer starts with format_version")
        # TOML needs top-level keys before any table, so [recovery] follows format_version.
        return f"{_NOTE}{first}\n\n{tomli_w.dumps({'recovery': meta})}\n{rest}"

    # --- reading ---------------------------------------------------------------------------

    def find(self, canvas_path: Path | str | None) -> Recovered | BrokenRecovery | None:
        """The recovery file for a canvas, if there is one: call it when opening a canvas.

        Offer the recovery when the result is a :class:`Recovered` that ``differs`` and whose
        ``writer_alive`` is False; discard it quietly when it does not differ. Report a
        :class:`BrokenRecovery` and leave it be: it stays where it is until a new recovery
        file would take its name, and then is renamed, not deleted.
        """
        file = self.file_for(canvas_path)
        if not file.exists() and not file.is_symlink():
            return None
        return self._read(file)

    def list(self) -> list[Recovered | BrokenRecovery]:
        """Every recovery file, newest first (broken ones last): for an "unsaved work" list,
        and the only way to reach an untitled canvas whose editor has gone."""
        try:
            files = sorted(self.folder.glob(f"*{SUFFIX}"))
        except OSError:
            return []
        found = [self._read(file) for file in files]

        def order(entry: Recovered | BrokenRecovery) -> tuple[int, float]:
            if isinstance(entry, Recovered):
                return 0, -entry.written.timestamp()
            return 1, 0.0

        return sorted(found, key=order)

    def discard(self, canvas_path: Path | str | None) -> bool:
        """Delete the recovery file for a canvas: after a save, or when the user declines it.

        Returns False when there was none. A broken recovery file is kept: it is never
        deleted without a person having looked at it (its renamed copies neither).
        """
        return self.discard_file(self.file_for(canvas_path))

    def discard_file(self, file: Path) -> bool:
        """Delete one recovery file found by :meth:`list` (an untitled canvas's, once its work
        is restored elsewhere). A broken one is kept, as in :meth:`discard`."""
        self._written.pop(file, None)
        if file.parent != self.folder or isinstance(self._read(file), BrokenRecovery):
            return False
        try:
            file.unlink()
        except FileNotFoundError:
            return False
        return True

    def _read(self, file: Path) -> Recovered | BrokenRecovery:
        try:
            text = storage.decode(file, storage.read_bytes(file))
            raw = tomllib.loads(text)
        except CanvasError as error:
            return BrokenRecovery(file, error.summary)
        except tomllib.TOMLDecodeError as error:
            return BrokenRecovery(file, f"{shown_path(file)}: invalid TOML: {error}")
        except RecursionError:
            return BrokenRecovery(file, f"{shown_path(file)}: invalid TOML: nested too deeply")
        meta = raw.pop("recovery", None)
        if not isinstance(meta, Mapping):
            return BrokenRecovery(file, f"{shown_path(file)}: has no [recovery] table")
        canvas_path = _read_path(meta)
        written, pid = meta.get("written"), meta.get("pid")
        if not isinstance(written, dt.datetime) or not isinstance(pid, int):
            return BrokenRecovery(
                file, f"{shown_path(file)}: [recovery] lacks 'written' or 'pid'", canvas_path
            )
        if written.tzinfo is None:
            written = written.replace(tzinfo=dt.UTC)
        try:
            # Through storage.parse, so a recovery file is held to every rule a canvas is.
            canvas = storage.parse(file, tomli_w.dumps(raw, multiline_strings=True))
        except CanvasError as error:
            return BrokenRecovery(file, error.summary, canvas_path)
        except (TypeError, ValueError) as error:
            return BrokenRecovery(file, f"{shown_path(file)}: {error}", canvas_path)
        host = str(meta.get("host", ""))
        on_disk, disk_problem, disk_newer = _read_canvas(canvas_path, written)
        return Recovered(
            file=file,
            canvas_path=canvas_path,
            canvas=canvas,
            written=written,
            pid=pid,
            host=host,
            user=str(meta.get("user", "")),
            on_disk=on_disk,
            disk_problem=disk_problem,
            writer_alive=host == current_host() and pid != os.getpid() and pid_alive(pid),
            disk_newer=disk_newer,
        )

    @staticmethod
    def _set_aside(file: Path) -> Path:
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S")
        base = file.name.removesuffix(SUFFIX)
        target = file.with_name(f"{base}.broken-{stamp}{SUFFIX}")
        counter = 1
        while target.exists():
            target = file.with_name(f"{base}.broken-{stamp}-{counter}{SUFFIX}")
            counter += 1
        os.replace(file, target)
        return target


def _path_fields(key: str) -> dict[str, str]:
    """The ``path`` (and, for a name that is not UTF-8, ``path_bytes``) of a recovery file."""
    raw = os.fsencode(key)
    try:
        return {"path": raw.decode("utf-8")}
    except UnicodeDecodeError:
        return {"path": raw.decode("utf-8", errors="replace"), "path_bytes": raw.hex()}


def _read_path(meta: Mapping[str, Any]) -> Path | None:
    """The canvas path a ``[recovery]`` table names: the exact bytes when they are given."""
    exact = meta.get("path_bytes")
    if isinstance(exact, str):
        try:
            return Path(os.fsdecode(bytes.fromhex(exact)))
        except ValueError:
            pass
    value = meta.get("path")
    return Path(value) if isinstance(value, str) and value else None


def is_broken_name(file: Path) -> bool:
    """True for a recovery file that was set aside because it could not be read."""
    return bool(_BROKEN.search(file.name))


def _read_canvas(path: Path | None, written: dt.datetime) -> tuple[Canvas | None, str, bool]:
    if path is None:
        return None, "", False
    try:
        newer = path.stat().st_mtime > written.timestamp() + 1
    except OSError:
        newer = False
    try:
        return storage.load(path), "", newer
    except CanvasError as error:
        missing = not path.exists() and not path.is_symlink()
        return None, "" if missing else error.summary, newer
