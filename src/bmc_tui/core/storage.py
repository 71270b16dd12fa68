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
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomli_w
from pydantic import ValidationError

from bmc_tui.core.catalogue import BLOCKS
from bmc_tui.core.locking import current_host, pid_alive
from bmc_tui.core.model import FORMAT_VERSION, Canvas, CanvasFile
from bmc_tui.core.textsafe import displayable

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
        # A file name can hold an escape sequence too; ls and git quote such names.
        place = displayable(str(path))
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
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise CanvasError.single(
                path, f"is {size:,} bytes; a canvas file is at most {MAX_FILE_BYTES:,}"
            )
        # Bounded: a symbolic link to /dev/zero or /dev/urandom has no size but never ends.
        with path.open("rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            raise CanvasError.single(
                path, f"is more than {MAX_FILE_BYTES:,} bytes; a canvas file is at most that"
            )
        return data
    except OSError as error:
        raise read_error(path, error) from None


def read_error(path: Path, error: OSError) -> CanvasError:
    """Why a file cannot be read, in words a user can act on."""
    if isinstance(error, FileNotFoundError):
        return CanvasError.single(path, "no such file")
    if isinstance(error, PermissionError):
        return CanvasError.single(path, "permission denied")
    return CanvasError.single(path, error.strerror or str(error))


def decode(path: Path, data: bytes) -> str:
    if b"\0" in data:
        raise CanvasError.single(path, "is a binary file, not a TOML canvas")
    # A byte-order mark is what some Windows editors put first; it carries no content.
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise CanvasError.single(path, "is not UTF-8 text", line, column) from None


_TOML_PLACE = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
_TOML_AT_END = " (at end of document)"


def parse(path: Path, text: str) -> Canvas:
    """Validate TOML text as a canvas; every problem found is reported, each with its place."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        match = _TOML_PLACE.search(message)
        if match:
            message = message[: match.start()]
            raise CanvasError.single(
                path, f"invalid TOML: {message}", int(match[1]), int(match[2])
            ) from None
        if message.endswith(_TOML_AT_END):
            # tomllib names no line for an error at the very end; the end is the last line.
            lines = text.split("\n")
            message = message.removesuffix(_TOML_AT_END)
            raise CanvasError.single(
                path, f"invalid TOML: {message}", len(lines), len(lines[-1]) + 1
            ) from None
        raise CanvasError.single(path, f"invalid TOML: {message}") from None
    except RecursionError:
        raise CanvasError.single(path, "invalid TOML: nested too deeply") from None

    version = raw.get("format_version", FORMAT_VERSION)
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        raise CanvasError.single(
            path,
            f"format_version {version} is newer than this bmc-tui reads "
            f"({FORMAT_VERSION}); upgrade bmc-tui to open it",
            *_locate(text, ("format_version",)),
        )
    try:
        file = CanvasFile.model_validate(raw)
    except ValidationError as error:
        # The model checks categories only once every field is valid; say it all at once.
        problems = _problems(text, error) + _category_problems(text, raw)
        unique = list(dict.fromkeys(problems))
        unique.sort(key=lambda problem: (problem.line or 0, problem.column or 0))
        raise CanvasError(path, unique) from None
    return Canvas.from_file(file)


def load(path: Path | str) -> Canvas:
    path = Path(path)
    return parse(path, decode(path, read_bytes(path)))


def _problems(text: str, error: ValidationError) -> list[Problem]:
    problems: list[Problem] = []
    for detail in error.errors(include_url=False):
        loc = tuple(detail["loc"])
        message = detail["msg"].removeprefix("Value error, ")
        if not loc and "; " in message:
            # Cross-item checks report several places in one error; split them back apart.
            for part in message.split("; "):
                problems.append(_problem_from_dotted(text, part))
            continue
        if not loc:
            problems.append(_problem_from_dotted(text, message))
            continue
        if detail["type"] == "extra_forbidden":
            message = "unknown field" if len(loc) > 1 else "unknown block or table"
        line, column = _locate(text, loc)
        problems.append(Problem(f"{_dotted(loc)}: {message}", line, column))
    return problems


def _category_problems(text: str, raw: dict[str, Any]) -> list[Problem]:
    problems: list[Problem] = []
    for block in BLOCKS:
        items = raw.get(block.id.value)
        if not isinstance(items, list):
            continue
        for index, item in enumerate(items):
            category = item.get("category") if isinstance(item, dict) else None
            if isinstance(category, str) and block.category(category) is None:
                known = ", ".join(c.id for c in block.categories) or "none"
                problems.append(
                    _problem_from_dotted(
                        text,
                        f"{block.id.value}[{index}].category: unknown category {category!r} "
                        f"(known for {block.id.value}: {known})",
                    )
                )
    return problems


_DOTTED_PLACE = re.compile(r"^(\w+)\[(\d+)\]\.(\w+):")


def _problem_from_dotted(text: str, message: str) -> Problem:
    match = _DOTTED_PLACE.match(message)
    if not match:
        return Problem(message)
    line, column = _locate(text, (match[1], int(match[2]), match[3]))
    return Problem(message, line, column)


def _dotted(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        key = _shown_key(part)
        out += f"[{part}]" if isinstance(part, int) else (f".{key}" if out else key)
    return out


def _shown_key(key: object) -> str:
    """A TOML key as it may be printed in a message: unlike values, keys are not checked for
    control characters, and an unknown key is echoed, so escape what a terminal would obey
    (``\\u001b``) rather than print it."""
    text = str(key)
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else f"\\u{ord(char):04x}" for char in text)


_TABLE_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_\-\"' .]+?)\s*(\]\]?)\s*(#.*)?$")


def _locate(text: str, loc: tuple[Any, ...]) -> tuple[int | None, int | None]:
    """Best-effort line and column for a validation error's location in the TOML text.

    Follows the common shapes of a canvas file (``[canvas]``, ``[[block]]`` tables, plain
    ``key = value`` lines); anything else falls back to the table, or to no place at all.
    """
    if not loc:
        return None, None
    lines = text.splitlines()
    table, index, rest = str(loc[0]), None, loc[1:]
    if rest and isinstance(rest[0], int):
        index, rest = rest[0], rest[1:]
    key = str(rest[0]) if rest and not isinstance(rest[0], int) else None

    start, end = 0, len(lines)
    seen = -1
    found_table = False
    for number, line in enumerate(lines):
        header = _TABLE_HEADER.match(line)
        if not header:
            continue
        name = header[2].strip().strip("\"'")
        if found_table:
            end = number
            break
        if name == table:
            seen += 1
            if index is None or seen == index:
                start, found_table = number, True
    if not found_table:
        # A top-level key such as format_version, or an array given inline.
        key, start, end = table, 0, len(lines)
        for number, line in enumerate(lines):
            if _TABLE_HEADER.match(line):
                end = number
                break
    if key is not None:
        for number in range(start, end):
            stripped = lines[number].lstrip()
            if re.match(rf"{re.escape(key)}\s*=", stripped):
                return number + 1, len(lines[number]) - len(stripped) + 1
    if found_table:
        return start + 1, 1
    return None, None


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
    """Write the canvas atomically; return False when the file already held exactly this."""
    return write_canvas(canvas, path).written


def write_canvas(canvas: Canvas, path: Path | str) -> Written:
    """Write the canvas atomically and say what is on disk now (see :class:`Written`).

    The bytes go to a temporary file in the same folder, are flushed to disk, then replace the
    old file in one step: a crash or a full disk leaves either the old canvas or the new one,
    never half of one. Saving through a symbolic link writes the link's target and keeps the
    link; the file's permission bits are kept. A file that already holds exactly these bytes
    is not written again.
    """
    path = Path(path)
    target = Path(os.path.realpath(path))
    data = dumps(canvas).encode("utf-8")
    same = _same_content(target, data)
    if same is not None:
        return Written(False, data, same)
    if target.is_dir():
        raise CanvasError.single(path, "is a folder, not a canvas file")
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


def mode_to_keep(target: Path) -> int:
    """The permission bits a rewrite of ``target`` should have: its own, or for a new file
    what the user's umask gives new files (the temporary file would otherwise be 0600)."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        return 0o666 & ~_umask()


def write_atomically(target: Path, data: bytes, mode: int, *, shown_as: Path) -> os.stat_result:
    """Replace ``target`` with ``data`` in one step; returns the new file's ``fstat``, taken
    from the temporary file before the rename (the rename keeps its inode and mtime).

    The temporary file is named ``.NAME.HOST.PID.RANDOM.tmp``: should this process be killed
    before the rename, :func:`remove_stale_temporaries` can tell from the name that its
    writer is gone and tidy it away.
    """
    temporary: str | None = None
    try:
        handle, temporary = tempfile.mkstemp(
            dir=target.parent, prefix=_temporary_prefix(target), suffix=TEMPORARY_SUFFIX
        )
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        # After the chmod (which changes ctime), before the rename (which keeps the inode
        # and mtime): what the file will look like once it is the canvas.
        info = os.stat(temporary)
        os.replace(temporary, target)
        temporary = None
        _fsync_folder(target.parent)
    except OSError as error:
        reason = error.strerror or str(error)
        if isinstance(error, FileNotFoundError) and not target.parent.exists():
            reason = f"the folder {target.parent} does not exist"
        raise CanvasError.single(shown_as, f"cannot save: {reason}") from None
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
