"""What a file's bytes were when they were read, and a cheap way to tell they are unchanged.

A fingerprint is the SHA-256 of the bytes that were checked, plus the file's status (size,
modification and change times in nanoseconds, inode) taken *before* reading them. The status
only ever stands in for the hash: when it differs, the file is hashed again. The status is
taken before the read so that a write racing the read leaves a status that no longer matches.
A file changed within ``RACY_NS`` of being read may share its status with the bytes written
just after (file systems keep coarse times), so its status is not trusted: it is hashed next
time, as git does with "racily clean" index entries.
"""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass

RACY_NS = 2_000_000_000
# The largest source article read: a news article is far below it; it keeps memory bounded.
MAX_SOURCE_BYTES = 4 * 1024 * 1024

Status = tuple[int, int, int, int]


@dataclass(frozen=True)
class Fingerprint:
    """The bytes' digest, and the file status that vouches for it (None: hash to be sure)."""

    sha256: str
    status: Status | None


def status_of(st: os.stat_result) -> Status:
    """The parts of a stat result that change whenever the file's bytes do."""
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


def trusted_status(st: os.stat_result, now_ns: int | None = None) -> Status | None:
    """The status, unless the file changed too recently for its times to tell writes apart."""
    now = time.time_ns() if now_ns is None else now_ns
    if now - max(st.st_mtime_ns, st.st_ctime_ns) < RACY_NS:
        return None
    return status_of(st)


def of_bytes(raw: bytes, st: os.stat_result) -> Fingerprint:
    """The fingerprint of bytes just read from a file whose status, taken before, is ``st``."""
    return Fingerprint(hashlib.sha256(raw).hexdigest(), trusted_status(st))


def read_upto(fd: int, st: os.stat_result, limit: int) -> bytes:
    """The open file's bytes, at most ``limit`` + 1 of them (one more says it is too large).

    Asks for the size the status gives, not for the limit: a read of n bytes sets aside n
    bytes first, and a megabyte per small file is most of the cost of reading it."""
    want = min(st.st_size, limit) + 1
    raw = os.read(fd, want)
    while raw and len(raw) <= limit:  # short reads, or it grew since: read the rest
        more = os.read(fd, limit + 1 - len(raw))
        if not more:
            break
        raw += more
    return raw
