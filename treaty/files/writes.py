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
import os
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
from treaty.problems import Code, Problem

LOCK_TIMEOUT = 10.0


@dataclass(frozen=True)
class Snapshot:
    """A file as it was read: its bytes, or None when it did not exist."""

    path: Path
    data: bytes | None


class Busy(TreatyError):
    """Another command held the file's lock for longer than the timeout."""


class BadLock(Busy):
    """The lock file's name is taken by something that is not a lock file (a link)."""


def read_snapshot(path: Path) -> Snapshot:
    """The file's bytes now (None if there is no file), to compare against before writing."""
    try:
        return Snapshot(path, path.read_bytes())
    except FileNotFoundError:
        return Snapshot(path, None)


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
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
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
                if expect is not None and read_snapshot(path).data != expect.data:
                    return _conflict(shown, "changed since it was read")
                os.replace(tmp, path)
        _sync_folder(path.parent)
    finally:
        tmp.unlink(missing_ok=True)
    return None


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


def lock_path(path: Path) -> Path:
    """The sidecar lock file of ``path``, in the same folder."""
    return path.parent / f".{path.name}.lock"


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
