"""Blobs read from git's object store, all of them through one ``git cat-file --batch``."""

from __future__ import annotations

import contextlib
import subprocess
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from treaty.gitstate.git import GitError, git_env, git_program

# More than any check reads of one file (a source file may have 4 MiB): a larger blob is cut
# here, and the check then reports it as too large, without holding all of it in memory.
MAX_BLOB = 4 * 1024 * 1024 + 1


def read_blobs(top: Path, oids: Iterable[str], cap: int = MAX_BLOB) -> dict[str, bytes]:
    """The content of each blob (at most ``cap`` bytes of it), by object id."""
    wanted = list(dict.fromkeys(oids))
    if not wanted:
        return {}
    proc = subprocess.Popen(
        [git_program(), "cat-file", "--batch"],
        cwd=top,
        env=git_env(),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert proc.stdin is not None and proc.stdout is not None
    # Requests are written from a thread: git answers while it reads, and a pipe full both
    # ways would otherwise stop both processes.
    writer = threading.Thread(target=_request, args=(proc.stdin, wanted), daemon=True)
    writer.start()
    try:
        found = {oid: _answer(proc.stdout, oid, cap) for oid in wanted}
    finally:
        writer.join()
        proc.stdout.close()
        proc.wait()
    return found


def _request(stdin: IO[bytes], oids: list[str]) -> None:
    # A broken pipe means git stopped early: the reader reports it.
    with contextlib.suppress(BrokenPipeError), stdin:
        stdin.write("".join(f"{oid}\n" for oid in oids).encode("ascii"))


def _answer(out: IO[bytes], oid: str, cap: int) -> bytes:
    header = out.readline().decode("ascii", "replace").split()
    if len(header) != 3 or header[0] != oid or header[1] != "blob":
        raise GitError(f"git cannot read object {oid} ({' '.join(header[1:]) or 'no answer'})")
    size = int(header[2])
    kept = out.read(min(size, cap))
    left = size - len(kept)
    while left > 0:  # the rest of a blob larger than the cap, read and dropped
        chunk = out.read(min(left, 1 << 20))
        if not chunk:
            break
        left -= len(chunk)
    out.read(1)  # the newline after the content
    if left or len(kept) < min(size, cap):
        raise GitError(f"git stopped while sending object {oid}")
    return kept
