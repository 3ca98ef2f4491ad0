"""The git revision a project is at, read from ``.git`` itself: no shell, no git program.

A published briefing names the commit it was built from, so that a citation of it can be
reproduced. When there is no repository, or it has no commit yet, the page says so plainly
rather than showing nothing. What is read: ``HEAD``, then the branch it names in the loose
refs or in ``packed-refs``; a worktree's ``.git`` file and ``commondir`` are followed.
Uncommitted changes cannot be seen this way; the content digest (``treaty.publish.digest``)
covers them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from treaty.files.reading import read_input

_SHA = re.compile(r"^[0-9a-f]{40}(?:[0-9a-f]{24})?$")  # SHA-1, or SHA-256 repositories
_MAX = 64 * 1024  # a HEAD or a ref is a line; packed-refs is read up to a few MB
_MAX_PACKED = 8 * 1024 * 1024


@dataclass(frozen=True)
class Revision:
    """The commit checked out (None when there is none), and why not when there is none."""

    commit: str | None
    branch: str | None = None
    why_none: str = "not a git repository"

    @property
    def short(self) -> str | None:
        return self.commit[:7] if self.commit else None

    def describe(self) -> str:
        """``at revision abc1234``, or ``with no git revision (not a git repository)``."""
        if self.short:
            return f"at revision {self.short}"
        return f"with no git revision ({self.why_none})"


NOT_A_REPOSITORY = Revision(None)


def _read(path: Path, limit: int = _MAX) -> str | None:
    # Through the checked reader: a committed pipe or device as a ref file must not hang it.
    data, _ = read_input(path, limit)
    return None if data is None else data.decode("utf-8", "replace")


def _git_dir(start: Path) -> Path | None:
    """The repository's git folder for ``start`` or the nearest folder above it that has one."""
    for folder in (start, *start.parents):
        dot = folder / ".git"
        if dot.is_dir():
            return dot
        if dot.is_file():
            text = _read(dot) or ""
            if text.startswith("gitdir:"):
                target = Path(text[len("gitdir:") :].strip())
                return target if target.is_absolute() else (folder / target)
            return None
    return None


def _common_dir(git_dir: Path) -> Path:
    """Where a worktree's branches live: its ``commondir``, else the git folder itself."""
    text = _read(git_dir / "commondir")
    if text is None:
        return git_dir
    common = Path(text.strip())
    return common if common.is_absolute() else git_dir / common


def _packed(common: Path, ref: str) -> str | None:
    text = _read(common / "packed-refs", _MAX_PACKED)
    for line in (text or "").splitlines():
        sha, _, name = line.partition(" ")
        if name.strip() == ref and _SHA.match(sha):
            return sha
    return None


def read_revision(start: Path) -> Revision:
    """The commit checked out in the repository holding ``start``."""
    git_dir = _git_dir(start.resolve())
    if git_dir is None:
        return NOT_A_REPOSITORY
    head = (_read(git_dir / "HEAD") or "").strip()
    if _SHA.match(head):
        return Revision(head, None)  # a detached HEAD
    if not head.startswith("ref:"):
        return Revision(None, why_none="the git repository's HEAD could not be read")
    ref = head[len("ref:") :].strip()
    if ".." in ref.split("/") or not ref.startswith("refs/"):
        return Revision(None, why_none="the git repository's HEAD could not be read")
    branch = ref.removeprefix("refs/heads/")
    common = _common_dir(git_dir)
    for folder in dict.fromkeys((git_dir, common)):
        sha = (_read(folder / ref) or "").strip()
        if _SHA.match(sha):
            return Revision(sha, branch)
    packed = _packed(common, ref)
    if packed is not None:
        return Revision(packed, branch)
    return Revision(None, branch, why_none=f"no commit yet on branch {branch}")
