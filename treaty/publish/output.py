"""Writing a site's folder: all of it or none of it, and never over a folder of someone else's.

The site is written into a new folder beside the target and swapped in by renaming, so that a
failure leaves the previous site (or nothing) in place, never half a site. A folder that is
not empty is replaced only when an earlier run wrote it (its marker file says so): pointing
``--out`` at ``clauses/`` by mistake must not delete the corpus.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

from treaty.errors import UsageError
from treaty.files.writes import write_atomic
from treaty.publish.site import MARKER


class NotASite(UsageError):
    """The output folder holds files that ``treaty publish`` did not write."""


def check_out(out: Path) -> None:
    """Refuse an output folder that is a file, or holds files of someone else's."""
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise NotASite(f"{out} is not a folder; give --out a folder to write the site into")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise NotASite(
            f"{out} is not empty and was not written by treaty publish; give --out a new or "
            "empty folder (each run replaces the whole folder)"
        )


def write_site(out: Path, files: Mapping[str, bytes]) -> None:
    """Write ``files`` (by path inside the site) as the folder ``out``, replacing it whole."""
    out = Path(os.path.abspath(out))
    check_out(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.", suffix=".new"))
    old: Path | None = None
    try:
        for rel, data in sorted(files.items()):
            path = fresh / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        os.chmod(fresh, 0o777 & ~_umask())
        if out.exists():
            old = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.", suffix=".old"))
            os.replace(out, old / "site")
        os.replace(fresh, out)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        if old is not None and (old / "site").exists() and not out.exists():
            os.replace(old / "site", out)  # put the previous site back
        raise
    finally:
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)


def write_single(path: Path, data: bytes) -> None:
    """Write the single-file briefing atomically (readers see the old file or the new)."""
    if path.is_dir():
        raise UsageError(f"{path} is a folder; give --single-file the name of an HTML file")
    path.parent.mkdir(parents=True, exist_ok=True)
    problem = write_atomic(path, data)
    assert problem is None  # only a write with ``expect`` can conflict


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
