"""What an edit leaves behind when it is killed outright (SIGKILL, a power cut: no clean-up
runs): a temporary file (``.<name>.<8 characters>.tmp``) or a lock file (``.<name>.lock``)
beside the file it was writing. SIGTERM and SIGINT clean up as a normal exit does
(``treaty.main``). A stray older than a minute is removed by the next edit of that folder
(``sweep``) and reported by ``treaty validate`` (``is_stray``): no live edit takes that long.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import time
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: locks are not files there
    fcntl = None  # type: ignore[assignment]

# The names of treaty.files.writes: temporary files from tempfile.mkstemp, and locks.
STRAY = re.compile(r"^\..+(\.[a-z0-9_]{8}\.tmp|\.lock)$")
STRAY_AGE_NS = 60_000_000_000


def is_stray(path: str, now_ns: int | None = None) -> bool:
    """Whether ``path`` is a regular file with a stray's name, older than a minute."""
    if not STRAY.match(os.path.basename(path)):
        return False
    try:
        st = os.lstat(path)
    except OSError:
        return False
    now = time.time_ns() if now_ns is None else now_ns
    return stat.S_ISREG(st.st_mode) and now - st.st_mtime_ns >= STRAY_AGE_NS


def sweep(folder: Path) -> list[Path]:
    """Remove the strays of ``folder`` (not its subfolders); the ones removed.

    A lock file is removed only while this process holds its lock, as the edit that made it
    would have: an edit still waiting for it then sees that the name leads elsewhere and
    takes a fresh one (``treaty.files.writes.locked``)."""
    removed = []
    try:
        names = [e.name for e in os.scandir(folder) if STRAY.match(e.name)]
    except OSError:
        return []
    for name in names:
        path = folder / name
        if not is_stray(str(path)):
            continue
        if name.endswith(".lock"):
            if not _remove_lock(path):
                continue
        else:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
        removed.append(path)
    return removed


def _remove_lock(path: Path) -> bool:
    if fcntl is None:  # pragma: no cover - Windows
        return False
    try:
        fd = os.open(path, os.O_RDWR | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return False
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False  # held: an edit is running
        mine = os.fstat(fd)
        try:
            now = os.lstat(path)
        except FileNotFoundError:
            return False
        if (now.st_dev, now.st_ino) != (mine.st_dev, mine.st_ino):
            return False
        path.unlink()
        return True
    finally:
        os.close(fd)
