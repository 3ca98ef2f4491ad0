"""Reading a project's files safely: only regular files inside the project, only up to a size,
only UTF-8. Every way a file can fail to be read ends here as a ``Problem``."""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from treaty.errors import TreatyError
from treaty.files.fingerprint import Fingerprint, of_bytes, read_upto, status_of
from treaty.problems import Code, Problem

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 64
# Keys, items and single values in one file. A clause has about a hundred, a registry about
# fifteen a source; a file of a million tiny values would take seconds to check and report.
MAX_VALUES = 50_000
# YAML's line breaks as libyaml counts them, so that our positions agree with the parser's.
LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


@dataclass(frozen=True)
class Limits:
    """How much a single file may ask of the tool."""

    max_bytes: int = MAX_BYTES
    max_depth: int = MAX_DEPTH
    max_values: int = MAX_VALUES


def line_col(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of the character at ``index``."""
    line, start = 1, 0
    for match in LINE_BREAK.finditer(text, 0, index):
        line, start = line + 1, match.end()
    return line, index - start + 1


def read_bytes(
    path: Path, shown: str, root: Path, max_bytes: int, outside: str = "the project"
) -> tuple[bytes | None, list[Problem]]:
    """The bytes of a regular file inside ``root``, or why they were not read."""
    raw, problems, _ = read_fingerprinted(path, shown, root, max_bytes, outside)
    return raw, problems


# Opening never blocks (a pipe swapped in after the look), never follows a link as its last
# step (the path is resolved first, so one there was swapped in), never takes a terminal.
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
)


class NotRegular(OSError, TreatyError):
    """What was opened is not a regular file (it was swapped for one meanwhile)."""


def read_regular(path: Path | str, limit: int) -> tuple[bytes, os.stat_result]:
    """At most ``limit`` + 1 bytes of the regular file at ``path`` (one more says it is too
    large), and its status taken before reading; ``OSError`` otherwise.

    The lowest step of every read of a file: a pipe, socket or device is refused by the
    status of what was opened, so even one swapped in after a look cannot block or stream."""
    fd = os.open(path, _OPEN_FLAGS)
    try:
        st = os.fstat(fd)  # before reading: see treaty.files.fingerprint
        if not stat.S_ISREG(st.st_mode):
            raise NotRegular(errno.EINVAL, "not a regular file", str(path))
        return read_upto(fd, st, limit), st
    finally:
        os.close(fd)


def read_input(path: Path, max_bytes: int) -> tuple[bytes | None, str | None]:
    """A file the user names to be taken in (``source add FILE``), which may be anywhere:
    only a regular file, only up to ``max_bytes``; (bytes, None) or (None, why not)."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return None, "is not a regular file (a folder, pipe, socket or device)"
        raw, _ = read_regular(path.resolve(), max_bytes)
    except NotRegular:
        return None, "is not a regular file (a folder, pipe, socket or device)"
    except (OSError, RuntimeError) as exc:
        return None, f"cannot be read: {getattr(exc, 'strerror', None) or exc}"
    if len(raw) > max_bytes:
        return None, f"is larger than {max_bytes} bytes"
    return raw, None


def size_problem(raw: bytes, shown: str, max_bytes: int) -> list[Problem]:
    """Bytes not read from disk (an edit's) held to the limit a file read from disk is."""
    if len(raw) <= max_bytes:
        return []
    msg = f"file would be {len(raw)} bytes; the limit is {max_bytes} (--max-bytes)"
    return [Problem(shown, None, None, Code.TOO_LARGE, msg)]


def read_fingerprinted(
    path: Path, shown: str, root: Path, max_bytes: int, outside: str = "the project"
) -> tuple[bytes | None, list[Problem], Fingerprint | None]:
    """The bytes of a regular file inside ``root`` and their fingerprint, or why they were
    not read (and no fingerprint).

    A symlink is followed only when it stays inside ``root`` (called ``outside`` in messages);
    directories, pipes and devices are refused before opening (a pipe would block forever);
    the size is checked before reading.
    """

    def refuse(code: Code, message: str) -> tuple[None, list[Problem], None]:
        return None, [Problem(shown, None, None, code, message)], None

    resolved, why = _resolve_inside(path, root)
    if why is not None:
        code = Code.OUTSIDE_PROJECT if why.startswith("is a link") else Code.UNREADABLE
        return refuse(code, why.format(outside=outside))
    assert resolved is not None
    try:
        mode = resolved.stat().st_mode
    except OSError as exc:  # Python 3.13 resolves a loop without complaint; stat does not
        if exc.errno == errno.ELOOP:
            return refuse(Code.UNREADABLE, "is a symlink loop")
        return refuse(Code.UNREADABLE, f"cannot be read: {exc.strerror or exc}")
    if stat.S_ISDIR(mode):
        return refuse(Code.UNREADABLE, "is a directory, not a file")
    if not stat.S_ISREG(mode):
        return refuse(Code.UNREADABLE, "is not a regular file (a pipe, socket or device)")
    try:
        raw, st = read_regular(resolved, max_bytes)
    except NotRegular:
        return refuse(Code.UNREADABLE, "is not a regular file (a pipe, socket or device)")
    except OSError as exc:
        return refuse(Code.UNREADABLE, f"cannot be read: {exc.strerror or exc}")
    if st.st_size > max_bytes:
        msg = f"file is {st.st_size} bytes; the limit is {max_bytes} (--max-bytes)"
        return refuse(Code.TOO_LARGE, msg)
    if len(raw) > max_bytes:  # it grew while we looked
        return refuse(Code.TOO_LARGE, f"file is larger than the limit of {max_bytes} bytes")
    return raw, [], of_bytes(raw, st)


def _resolve_inside(path: Path, root: Path) -> tuple[Path | None, str | None]:
    """The path with every link followed, if that stays inside ``root``; else why not."""
    try:
        resolved = path.resolve()
    except RuntimeError:  # Python before 3.13 says so of a symlink loop
        return None, "is a symlink loop"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return None, "is a symlink loop"
        return None, f"cannot be resolved: {exc.strerror or exc}"
    if not resolved.is_relative_to(root):
        return None, "is a link that leads outside {outside}; not read"
    return resolved, None


def inside(path: Path, root: Path) -> bool:
    """Whether ``path``, every link followed, is inside ``root`` (a folder: clauses/, seeds/)."""
    return _resolve_inside(path, root)[1] is None


def unchanged(path: str, root: Path, seen: Fingerprint, limit: int) -> Fingerprint | None:
    """``seen``, or a fresher fingerprint of the same bytes, if the file still holds the bytes
    ``seen`` describes *and* would still be read (a regular file inside ``root``); None if
    it changed or would be refused. The cache's question, answered as reading would.

    A regular file (not a link) is vouched for by its status alone when that is the one
    seen; its folders are the caller's to vouch for (``clauses/`` and ``seeds/`` inside the
    project). Anything else is read again, through ``read_fingerprinted``."""
    try:
        st = os.lstat(path)
    except OSError:
        return None
    if stat.S_ISREG(st.st_mode) and seen.status is not None and status_of(st) == seen.status:
        return seen
    if not (stat.S_ISREG(st.st_mode) or stat.S_ISLNK(st.st_mode)):
        return None  # a folder, pipe or device: reading refuses it, so no result holds
    _, _, now = read_fingerprinted(Path(path), path, root, limit)
    return now if now is not None and now.sha256 == seen.sha256 else None


def read_text(
    path: Path, shown: str, root: Path, limits: Limits
) -> tuple[str | None, list[Problem]]:
    """The file's text, or the problems that stop it being read as UTF-8 text."""
    text, problems, _ = read_file(path, shown, root, limits)
    return text, problems


def read_file(
    path: Path, shown: str, root: Path, limits: Limits
) -> tuple[str | None, list[Problem], Fingerprint | None]:
    """``read_text``, and the fingerprint of the bytes read (None when none were)."""
    raw, problems, fingerprint = read_fingerprinted(path, shown, root, limits.max_bytes)
    if raw is None:
        return None, problems, None
    text, problems = decode(raw, shown)
    return text, problems, fingerprint


def _looks_like_utf16(raw: bytes) -> str | None:
    # Mostly-ASCII UTF-16 without a byte-order mark: every other byte of the start is zero.
    head = raw[:64]
    if len(head) < 4 or len(head) % 2:
        head = head[: len(head) - len(head) % 2]
    if len(head) < 4:
        return None
    if not any(head[1::2]) and all(head[0::2]):
        return "UTF-16 (little-endian)"
    if not any(head[0::2]) and all(head[1::2]):
        return "UTF-16 (big-endian)"
    return None


def decode(raw: bytes, shown: str) -> tuple[str | None, list[Problem]]:
    """UTF-8 text (a UTF-8 byte-order mark is accepted and dropped), or why not."""
    for bom, name in (
        (codecs.BOM_UTF32_LE, "UTF-32"),
        (codecs.BOM_UTF32_BE, "UTF-32"),
        (codecs.BOM_UTF16_LE, "UTF-16"),
        (codecs.BOM_UTF16_BE, "UTF-16"),
    ):
        if raw.startswith(bom):
            return None, [Problem(shown, 1, 1, Code.ENCODING, f"file is {name}; save it as UTF-8")]
    wide = _looks_like_utf16(raw)
    if wide is not None:
        msg = f"file looks like {wide} without a byte-order mark; save it as UTF-8"
        return None, [Problem(shown, 1, 1, Code.ENCODING, msg)]
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        prefix = raw[: exc.start].decode("utf-8", "replace")
        line, col = line_col(prefix, len(prefix))
        msg = f"invalid UTF-8 (byte 0x{raw[exc.start]:02x}); save the file as UTF-8"
        return None, [Problem(shown, line, col, Code.ENCODING, msg)]
    nul = text.find("\0")
    if nul >= 0:
        line, col = line_col(text, nul)
        return None, [Problem(shown, line, col, Code.ENCODING, "NUL byte in a text file")]
    return text, []
