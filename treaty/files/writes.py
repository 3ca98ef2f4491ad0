"""Safe writes: a temporary file in the same folder, flushed, then renamed over the original.

Edits are read-modify-write: a command reads a file (``read_snapshot``), composes new text,
and replaces the file only if it still holds what was read (``write_atomic(expect=...)``).
Commands that edit the same file also hold its lock (``locked``) for the whole cycle, so two
of them run one after the other instead of one silently undoing the other. The last look and
the rename happen under a brief lock of the folder (``_committing``), so that even writers
that skip the file's lock cannot both pass the look before either renames.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import signal
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: the change check alone protects edits
    fcntl = None  # type: ignore[assignment]

from treaty.errors import TreatyError
from treaty.files.reading import NotRegular, read_regular
from treaty.problems import Code, Problem

LOCK_TIMEOUT = 10.0
# Larger than any file an edit may write (a source file of 4 MiB): a file that grew past it
# reads as changed, so the edit refuses.
MAX_SNAPSHOT = 8 * 1024 * 1024
NAME_MAX = 255  # bytes, on every file system treaty runs on


@dataclass(frozen=True)
class Snapshot:
    """A file as it was read: its bytes, or None when it did not exist."""

    path: Path
    data: bytes | None


class Busy(TreatyError):
    """Another command held the file's lock for longer than the timeout."""


class BadLock(Busy):
    """The lock file's name is taken by something that is not a lock file (a link)."""


def read_snapshot(path: Path, limit: int = MAX_SNAPSHOT) -> Snapshot:
    """The file's bytes now (None if there is no file), to compare against before writing.

    Read as every file is (``read_regular``): a pipe or device put there since the checked
    read is refused (``NotRegular``), never read; more than ``limit`` bytes is a change."""
    try:
        raw, _ = read_regular(path.resolve() if path.is_symlink() else path, limit)
    except FileNotFoundError:
        return Snapshot(path, None)
    return Snapshot(path, raw)


def write_atomic(
    path: Path,
    data: str | bytes,
    *,
    expect: Snapshot | None = None,
    shown: str | None = None,
) -> Problem | None:
    """Replace ``path`` with ``data`` so that readers see the old file or the new, never half.

    With ``expect``, the write happens only if the file still holds ``expect.data`` (and, when
    that is None, only if there is still no file: nothing is ever clobbered); otherwise the
    result is an edit-conflict problem and nothing changes. The original's permissions are
    kept; a failure leaves the original untouched and no temporary file behind."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    path = _real(path)
    shown = shown or str(path)
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    prefix = "." + _fitting(path.name, len(".12345678.tmp") + 1) + "."
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=prefix, suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        if expect is not None and expect.data is None:
            # Create only: link() fails if the name exists, where replace() would clobber it.
            try:
                os.link(tmp, path)
            except FileExistsError:
                return _conflict(shown, "was created by someone else meanwhile")
            except OSError:
                # A file system without hard links: check, then rename (a narrow window).
                if path.exists() or path.is_symlink():
                    return _conflict(shown, "was created by someone else meanwhile")
                os.replace(tmp, path)
            tmp.unlink(missing_ok=True)
        else:
            with _committing(path.parent):
                # The last look before the rename: no other treaty write comes between.
                if expect is not None and _now(path) != expect.data:
                    return _conflict(shown, "changed since it was read")
                os.replace(tmp, path)
        _sync_folder(path.parent)
    finally:
        tmp.unlink(missing_ok=True)
    return None


def _now(path: Path) -> bytes | NotRegular | None:
    """What the file holds now; a pipe or device swapped in is a change like any other."""
    try:
        return read_snapshot(path).data
    except NotRegular as exc:
        return exc


@contextmanager
def _committing(folder: Path) -> Iterator[None]:
    """Hold an exclusive flock on ``folder`` (held for a look and a rename: microseconds)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms that cannot open folders
        yield
        return
    try:
        if fcntl is not None:
            # File systems without flock: the look alone, as on Windows.
            with contextlib.suppress(OSError):
                fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


def _conflict(shown: str, what: str) -> Problem:
    return Problem(
        shown,
        None,
        None,
        Code.EDIT_CONFLICT,
        f"{what} (another editor or command); nothing written, run the command again",
    )


def _real(path: Path) -> Path:
    """Follow a symlink, so that writing through it keeps the link and changes its target."""
    return path.resolve() if path.is_symlink() else path


def _sync_folder(folder: Path) -> None:
    # The rename is durable only once the folder's entry is on disk too.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms that cannot open folders
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - file systems that refuse fsync on folders
        pass
    finally:
        os.close(fd)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


@contextmanager
def signals_deferred() -> Iterator[None]:
    """Hold back SIGTERM and SIGINT (delivered as soon as this ends) while a few files are
    written that belong together, so that an interrupted command leaves all or none."""
    wanted = {signal.SIGINT, signal.SIGTERM}
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - Windows
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, wanted)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def lock_path(path: Path) -> Path:
    """The sidecar lock file of ``path``, in the same folder."""
    return path.parent / f".{_fitting(path.name, len('..lock'))}.lock"


def _fitting(name: str, more: int) -> str:
    """``name``, or a shorter name that stands for it, so that with ``more`` bytes around it
    the name of a temporary or lock file still fits in NAME_MAX bytes (a valid name of 242
    bytes or more could not be edited otherwise). The shorter name ends in a digest of the
    whole, so two long names that begin alike still have locks of their own."""
    raw = os.fsencode(name)
    if len(raw) + more <= NAME_MAX:
        return name
    digest = "~" + hashlib.sha256(raw).hexdigest()[:16]
    keep = NAME_MAX - more - len(digest)
    return os.fsdecode(raw[:keep]).encode("utf-8", "ignore").decode("utf-8") + digest


@contextmanager
def locked(path: Path, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold the exclusive lock of ``path`` (raise ``Busy`` after ``timeout`` seconds).

    The lock is an flock on a sidecar file, which is removed afterwards. Removing it is safe:
    a waiter that then gets the lock on the removed file sees that the name now leads to
    another file (or none) and tries again."""
    if fcntl is None:  # pragma: no cover - Windows, as above
        yield
        return
    path = _real(path)
    sidecar = lock_path(path)
    deadline = time.monotonic() + timeout
    while True:
        try:  # never through a link: a committed link would make us create a file elsewhere
            fd = os.open(sidecar, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o666)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise BadLock(f"{sidecar} is a link, not treaty's lock file; remove it") from exc
            raise
        try:
            if _try_lock(fd):
                try:
                    current = os.stat(sidecar)
                except FileNotFoundError:
                    current = None
                mine = os.fstat(fd)
                if current is not None and (current.st_dev, current.st_ino) == (
                    mine.st_dev,
                    mine.st_ino,
                ):
                    break
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)
        if time.monotonic() >= deadline:
            raise Busy(f"{path} is being edited by another command")
        time.sleep(0.02)
    try:
        yield
    finally:
        sidecar.unlink(missing_ok=True)
        os.close(fd)  # closing releases the lock, after the name is gone


def _try_lock(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
            return False
        raise
    return True
