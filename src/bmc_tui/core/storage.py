"""Reading and writing canvas files: TOML in, canonical TOML out, atomically.

The canonical form is the product's public contract: the same canvas always gives the same
bytes, so saving an unchanged canvas changes nothing and git diffs show only what a person
changed. Headless: imports nothing from Textual.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import sys
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import tomli_w
from pydantic import ValidationError

from bmc_tui.core.catalogue import BLOCKS
from bmc_tui.core.interface_language import default_language
from bmc_tui.core.locking import current_host, pid_alive
from bmc_tui.core.messages import say
from bmc_tui.core.model import FORMAT_VERSION, Canvas, CanvasFile
from bmc_tui.core.places import PlaceIndex, detail_message, dotted, locate, shown_key
from bmc_tui.core.problems import Refusal, os_words, parse_date, toml_words
from bmc_tui.core.textsafe import shown_path

if TYPE_CHECKING:
    from bmc_tui.core.shared_reading import SharedReader

#: Canvases are small; anything larger than this is not a canvas, and reading it would only
#: make the editor hang.
MAX_FILE_BYTES = 8 * 1024 * 1024


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a canvas file, with its place when the place is known."""

    message: str
    line: int | None = None
    column: int | None = None

    def format(self, path: Path | str) -> str:
        place = shown_path(path)
        if self.line is not None:
            place += f":{self.line}:{self.column or 1}"
        return f"{place}: {self.message}"


class CanvasError(Exception):
    """A canvas file cannot be read or written. ``str()`` is one line fit for a user."""

    def __init__(self, path: Path | str, problems: list[Problem]) -> None:
        self.path = Path(path)
        self.problems = problems
        super().__init__("\n".join(problem.format(path) for problem in problems))

    @classmethod
    def single(
        cls, path: Path | str, message: str, line: int | None = None, column: int | None = None
    ) -> CanvasError:
        return cls(path, [Problem(message, line, column)])

    @property
    def summary(self) -> str:
        """The first problem on one line, with a count of the rest."""
        first = self.problems[0].format(self.path)
        rest = len(self.problems) - 1
        return first if rest == 0 else f"{first} (and {rest} more)"


# --- reading ---------------------------------------------------------------------------------


def read_bytes(path: Path) -> bytes:
    """The file's bytes, or a ``CanvasError`` that says in words why it cannot be read."""
    try:
        if path.is_dir():
            raise CanvasError.single(path, "is a folder, not a canvas file")
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            # A FIFO would block the open until someone writes to it, a device never ends:
            # neither is a canvas, so neither is opened.
            raise CanvasError.single(path, say("not-a-regular-file-to-read", default_language()))
        if info.st_size > MAX_FILE_BYTES:
            raise CanvasError.single(
                path,
                say(
                    "file-size",
                    default_language(),
                    size=f"{info.st_size:,}",
                    limit=f"{MAX_FILE_BYTES:,}",
                ),
            )
        # Bounded: the file may grow while it is read.
        with path.open("rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            raise CanvasError.single(
                path, say("file-too-big", default_language(), limit=f"{MAX_FILE_BYTES:,}")
            )
        return data
    except OSError as error:
        raise read_error(path, error) from None


def read_error(path: Path, error: OSError) -> CanvasError:
    """Why a file cannot be read, in words a user can act on."""
    if isinstance(error, FileNotFoundError):
        return CanvasError.single(path, say("file-missing", default_language()))
    if isinstance(error, PermissionError):
        return CanvasError.single(path, say("file-permission", default_language()))
    return CanvasError.single(path, error.strerror or str(error))


def decode(path: Path, data: bytes) -> str:
    if b"\0" in data:
        raise CanvasError.single(path, say("file-binary", default_language()))
    # A byte-order mark is what some Windows editors put first; it carries no content.
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise CanvasError.single(
            path, say("file-not-utf8", default_language()), line, column
        ) from None


_TOML_PLACE = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
_TOML_AT_END = " (at end of document)"
#: ``key = 2025-13-45``: a bare TOML date, which tomllib refuses as a syntax error when the
#: date does not exist.
_DATE_VALUE = re.compile(r"^(\s*[\w\"'.-]+\s*=\s*)(\d{4}-\d{1,2}-\d{1,2})\s*(#.*)?$")


def _impossible_date(line: str) -> tuple[str, int] | None:
    """What is wrong with a bare date on ``line`` that does not exist, and its column: tomllib
    says only "Expected newline" there, which sends a person looking for the wrong thing."""
    match = _DATE_VALUE.match(line)
    if match is None:
        return None
    try:
        parse_date(match[2])
    except Refusal as refusal:
        key = match[1].split("=")[0].strip().strip("\"'")
        return f"{shown_key(key)}: {refusal.words(default_language())}", len(match[1]) + 1
    return None


def _invalid_toml(message: str) -> str:
    """What tomllib found wrong, in words of the catalogue (tomllib's own for one it has not)."""
    language = default_language()
    return say("file-invalid-toml", language, message=toml_words(message, language))


def parse(path: Path, text: str, *, shared: SharedReader | None = None) -> Canvas:
    """Validate TOML text as a canvas; every problem found is reported, each with its place.

    A command that reads several versions of one canvas (merge, diff) passes one ``shared``
    reader for all of them, so an item written the same in each is parsed and validated
    once; the canvas, or the problems, are the same either way.
    """
    try:
        raw = shared.loads(text) if shared is not None else tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        match = _TOML_PLACE.search(message)
        if match:
            message = message[: match.start()]
            lines = text.split("\n")
            line = int(match[1])
            if 1 <= line <= len(lines) and (date := _impossible_date(lines[line - 1])):
                raise CanvasError.single(path, date[0], line, date[1]) from None
            raise CanvasError.single(
                path, _invalid_toml(message), int(match[1]), int(match[2])
            ) from None
        if message.endswith(_TOML_AT_END):
            # tomllib names no line for an error at the very end; the end is the last line.
            lines = text.split("\n")
            message = message.removesuffix(_TOML_AT_END)
            raise CanvasError.single(
                path, _invalid_toml(message), len(lines), len(lines[-1]) + 1
            ) from None
        raise CanvasError.single(path, _invalid_toml(message)) from None
    except RecursionError:
        raise CanvasError.single(path, say("file-toml-too-deep", default_language())) from None

    version = raw.get("format_version", FORMAT_VERSION)
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        raise CanvasError.single(
            path,
            say("file-newer-format", default_language(), version=version, known=FORMAT_VERSION),
            *locate(text, ("format_version",)),
        )
    try:
        file = shared.validate(raw) if shared is not None else CanvasFile.model_validate(raw)
    except ValidationError as error:
        # The model checks categories only once every field is valid; say it all at once.
        index = PlaceIndex(text)  # read once: a file may have an error per item
        problems = _problems(index, error) + _category_problems(index, raw)
        unique = list(dict.fromkeys(problems))
        unique.sort(key=lambda problem: (problem.line or 0, problem.column or 0))
        raise CanvasError(path, unique) from None
    return Canvas.from_file(file)


def load(path: Path | str, *, shared: SharedReader | None = None) -> Canvas:
    path = Path(path)
    return parse(path, decode(path, read_bytes(path)), shared=shared)


def _problems(where: PlaceIndex, error: ValidationError) -> list[Problem]:
    problems: list[Problem] = []
    for detail in error.errors(include_url=False):
        loc = tuple(detail["loc"])
        message = detail_message(detail, default_language())
        if not loc and "; " in message:
            # Cross-item checks report several places in one error; split them back apart.
            for part in message.split("; "):
                problems.append(_problem_from_dotted(where, part))
            continue
        if not loc:
            problems.append(_problem_from_dotted(where, message))
            continue
        if detail["type"] == "extra_forbidden":
            key = "file-unknown-field" if len(loc) > 1 else "file-unknown-table"
            message = say(key, default_language())
        line, column = where.locate(loc)
        problems.append(Problem(f"{dotted(loc)}: {message}", line, column))
    return problems


def _category_problems(where: PlaceIndex, raw: dict[str, Any]) -> list[Problem]:
    problems: list[Problem] = []
    for block in BLOCKS:
        items = raw.get(block.id.value)
        if not isinstance(items, list):
            continue
        for index, item in enumerate(items):
            category = item.get("category") if isinstance(item, dict) else None
            if isinstance(category, str) and not block.allows(category):
                problems.append(
                    _problem_from_dotted(
                        where,
                        f"{block.id.value}[{index}].category: "
                        f"{block.unknown_category(category).words(default_language())}",
                    )
                )
    return problems


_DOTTED_PLACE = re.compile(r"^(\w+)\[(\d+)\]\.(\w+):")


def _problem_from_dotted(where: PlaceIndex, message: str) -> Problem:
    match = _DOTTED_PLACE.match(message)
    if not match:
        return Problem(message)
    line, column = where.locate((match[1], int(match[2]), match[3]))
    return Problem(message, line, column)


# --- writing ---------------------------------------------------------------------------------


def dumps(canvas: Canvas) -> str:
    """The canonical TOML text of a canvas: the same canvas always gives the same text.

    Each item is written as its own ``[[block]]`` table, in catalogue order, whatever its
    size: tomli-w alone would fold short items into an inline array, and an inline array
    turns one added item into a changed line that conflicts with every other addition.
    """
    data = canvas.to_file_data()
    chunks = [tomli_w.dumps({"format_version": data.pop("format_version")})]
    chunks.append(tomli_w.dumps({"canvas": data.pop("canvas")}, multiline_strings=True))
    for block_id, items in data.items():
        for item in items:
            chunks.append(f"[[{block_id}]]\n" + tomli_w.dumps(item, multiline_strings=True))
    return "\n".join(chunks)


def checked_dumps(canvas: Canvas, path: Path) -> str:
    """:func:`dumps`, after checking that the text reads back as a valid canvas: the
    ``CanvasError`` reading it would raise (every problem, with its line) if it does not.

    For a canvas that was assembled rather than read (a merge's result): each of its items
    and its header is a model validated when it was read or built, but only the file's model
    checks them together (unique ids, categories known to their block). That model validates
    the canvas as it stands (Pydantic takes the validated items as they are), without
    writing and re-reading ten thousand items of TOML; only a canvas that fails is read back,
    to place its problems.
    """
    file = {
        "format_version": FORMAT_VERSION,
        "canvas": canvas.header,
        **{block.id.value: canvas.items(block.id) for block in BLOCKS},
    }
    try:
        CanvasFile.model_validate(file)
    except ValidationError:
        text = dumps(canvas)
        parse(path, text)  # raises, with each problem's line in the text
        return text  # pragma: no cover - the file failed, so the text does too
    return dumps(canvas)


def save_text(text: str, path: Path | str) -> bool:
    """:func:`save` for a canvas's text from :func:`dumps` (or :func:`checked_dumps`)."""
    if names_a_stream(path):
        write_file(path, text.encode("utf-8"))
        return True
    return _write_data(text.encode("utf-8"), path).written


@dataclass(frozen=True)
class Written:
    """What a save left on disk: the bytes, and the metadata of the file that holds them.

    ``info`` is the ``fstat`` of the temporary file just before it was renamed into place (or
    of the file already there, when it held exactly these bytes): the editor stamps the
    canvas from this, never from a second read that another program's write could have
    slipped in front of.
    """

    written: bool
    data: bytes
    info: os.stat_result


def save(canvas: Canvas, path: Path | str) -> bool:
    """Write the canvas atomically; return False when the file already held exactly this.

    ``-`` and this process's stream names are written through (:func:`write_file`'s rule).
    """
    return save_text(dumps(canvas), path)


def write_canvas(canvas: Canvas, path: Path | str) -> Written:
    """Write the canvas atomically and say what is on disk now (see :class:`Written`).

    The bytes go to a temporary file in the same folder, are flushed to disk, then replace the
    old file in one step: a crash or a full disk leaves either the old canvas or the new one,
    never half of one. Saving through a symbolic link writes the link's target and keeps the
    link; the file's permission bits are kept. A file that already holds exactly these bytes
    is not written again.
    """
    return _write_data(dumps(canvas).encode("utf-8"), path)


def _write_data(data: bytes, path: Path | str) -> Written:
    path = Path(path)
    target = Path(os.path.realpath(path))
    same = _same_content(target, data)
    if same is not None:
        return Written(False, data, same)
    info = write_atomically(target, data, mode_to_keep(target), shown_as=path)
    return Written(True, data, info)


def _same_content(target: Path, data: bytes) -> os.stat_result | None:
    """The file's stat when it holds exactly ``data`` (read through one descriptor, so the
    stat and the bytes belong together); None otherwise."""
    try:
        descriptor = os.open(target, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode) or info.st_size != len(data):
            return None
        chunks: list[bytes] = []
        while chunk := os.read(descriptor, 1 << 20):
            chunks.append(chunk)
        return info if b"".join(chunks) == data else None
    except OSError:
        return None
    finally:
        os.close(descriptor)


# --- where output may go: the one rule every writer follows ---------------------------------

#: Names that mean "the stream this process writes to", not a file to replace.
_STREAM_NAME = re.compile(r"-|/dev/(stdout|stderr|fd/\d+)|/proc/self/fd/\d+")


def names_a_stream(path: Path | str) -> bool:
    """True for ``-``, ``/dev/stdout``, ``/dev/stderr`` and ``/dev/fd/N``: output a person
    means to go down a pipe or onto the terminal, written through rather than replaced."""
    return _STREAM_NAME.fullmatch(os.fspath(path)) is not None


def write_file(path: Path | str, data: bytes) -> None:
    """Write ``data`` where a user asked: what save, fmt, export and merge all go through.

    * ``-`` and the names of this process's streams (:func:`names_a_stream`) are written
      through, appended as a shell redirection would, never replaced;
    * a regular file, or a symbolic link to one, is replaced atomically, keeping the link,
      the file's mode bits, owner and group (:func:`write_atomically`);
    * a new name becomes a new file, atomically;
    * a folder, device, FIFO or socket is refused with a ``CanvasError``: replacing
      ``/dev/full`` with a regular file, or a FIFO another program reads, is never meant.
    """
    path = Path(path)
    if names_a_stream(path):
        _write_through(path, data)
        return
    target = Path(os.path.realpath(path))
    write_atomically(target, data, mode_to_keep(target), shown_as=path)


def _write_through(path: Path, data: bytes) -> None:
    try:
        if os.fspath(path) == "-":
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
            return
        with open(path, "ab") as stream:
            stream.write(data)
    except OSError as error:
        raise CanvasError.single(path, f"cannot write: {error.strerror or error}") from None


def refuse_read_only(path: Path | str) -> None:
    """A ``CanvasError`` when ``path`` is a file with no write permission bit at all.

    Saving replaces a file by renaming, which only the folder's permission governs, so a
    chmod 444 file would be rewritten silently; a command that rewrites files it was merely
    pointed at (``fmt``) asks this first, and rewrites such a file only when forced.
    """
    with contextlib.suppress(OSError):
        mode = os.stat(path).st_mode
        if stat.S_ISREG(mode) and not mode & 0o222:
            raise CanvasError.single(
                path, say("read-only-file", default_language(), mode=f"{stat.S_IMODE(mode):04o}")
            )


def mode_to_keep(target: Path) -> int:
    """The permission bits a rewrite of ``target`` should have: its own, or for a new file
    what the user's umask gives new files (the temporary file would otherwise be 0600)."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        return 0o666 & ~_umask()


def write_atomically(target: Path, data: bytes, mode: int, *, shown_as: Path) -> os.stat_result:
    """Replace ``target`` (not a link: resolve it first) with ``data`` in one step; returns
    the new file's ``stat``, taken from the temporary file before the rename (the rename
    keeps its inode and mtime).

    Refuses a ``target`` that exists and is not a regular file; keeps the owner and group of
    the file it replaces where the system lets us (root may; a user may keep a group they
    belong to), as it keeps the mode bits it is given. The temporary file is named
    ``.NAME.HOST.PID.RANDOM.tmp``: should this process be killed before the rename,
    :func:`remove_stale_temporaries` can tell from the name that its writer is gone and
    tidy it away.
    """
    try:
        existing: os.stat_result | None = os.stat(target)
    except OSError:
        existing = None
    if existing is not None and stat.S_ISDIR(existing.st_mode):
        raise CanvasError.single(shown_as, say("save-is-folder", default_language()))
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        raise CanvasError.single(shown_as, say("not-a-regular-file-to-write", default_language()))
    temporary: str | None = None
    try:
        handle, temporary = tempfile.mkstemp(
            dir=target.parent, prefix=_temporary_prefix(target), suffix=TEMPORARY_SUFFIX
        )
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if existing is not None:
            _keep_owner(temporary, existing)
        os.chmod(temporary, mode)
        # After the chmod (which changes ctime), before the rename (which keeps the inode
        # and mtime): what the file will look like once it is the canvas.
        info = os.stat(temporary)
        os.replace(temporary, target)
        temporary = None
        _fsync_folder(target.parent)
    except OSError as error:
        language = default_language()
        reason = os_words(error, language)
        if isinstance(error, FileNotFoundError) and not target.parent.exists():
            reason = say("save-no-folder", language, folder=shown_path(target.parent))
        raise CanvasError.single(shown_as, say("save-failed", language, reason=reason)) from None
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
    return info


#: How every temporary file of a save ends.
TEMPORARY_SUFFIX = ".tmp"
_UNSAFE_HOST = re.compile(r"[^A-Za-z0-9-]+")


def _temporary_prefix(target: Path) -> str:
    host = _UNSAFE_HOST.sub("_", current_host())[:32]
    return f".{target.name}.{host}.{os.getpid()}."


def remove_stale_temporaries(path: Path | str) -> list[Path]:
    """Delete the temporary files that killed saves of ``path`` left beside it; returns them.

    Only when it is certain no live writer owns one: its name says it was made on this host
    by a process that is no longer running. Temporary files from another host, from a live
    process, or named in the old way (no pid) are left alone.
    """
    target = Path(os.path.realpath(path))
    pattern = re.compile(
        rf"^\.{re.escape(target.name)}\.(?P<host>[A-Za-z0-9_-]+)\.(?P<pid>\d+)\.[^.]+"
        rf"{re.escape(TEMPORARY_SUFFIX)}$"
    )
    here = _UNSAFE_HOST.sub("_", current_host())[:32]
    removed: list[Path] = []
    try:
        entries = list(target.parent.iterdir())
    except OSError:
        return removed
    for entry in entries:
        match = pattern.match(entry.name)
        if match is None or match["host"] != here:
            continue
        pid = int(match["pid"])
        if pid == os.getpid() or pid_alive(pid):
            continue
        with contextlib.suppress(OSError):
            if stat.S_ISREG(entry.lstat().st_mode):
                entry.unlink()
                removed.append(entry)
    return removed


def _keep_owner(temporary: str, existing: os.stat_result) -> None:
    """Give the new file the old one's owner and group, or at least its group."""
    if not hasattr(os, "chown"):  # pragma: no cover - Windows
        return
    for uid in (existing.st_uid, -1):
        try:
            os.chown(temporary, uid, existing.st_gid)
            return
        except OSError:
            continue


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable; some filesystems do not allow this, which is fine."""
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def is_canonical(path: Path | str) -> bool:
    """True when the file's bytes are exactly what saving its canvas would write."""
    path = Path(path)
    data = read_bytes(path)
    canvas = parse(path, decode(path, data))
    return dumps(canvas).encode("utf-8") == data


def with_canvas_suffix(path: Path) -> Path:
    """The name a canvas is written under: ``path``, with ``.toml`` added unless it ends so
    (save-as and ``bmc-tui new`` alike)."""
    return path if path.suffix == ".toml" else path.with_name(path.name + ".toml")
