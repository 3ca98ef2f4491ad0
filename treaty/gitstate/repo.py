"""A project's git repository, and a revision of the project as files to check instead of the
working tree's.

Nothing here checks anything out or writes to the repository: a revision is read from git's
objects. Only the files that differ from the working tree (``git diff --name-only``, and the
untracked ones) are looked up in the revision's tree (``git ls-tree``), and only their blobs
are read, all through one ``git cat-file --batch``. Revisions and paths are passed to git as
arguments, never through a shell, after ``--end-of-options`` or ``--`` so that neither can be
taken for an option.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from treaty.gitstate.blobs import read_blobs
from treaty.gitstate.git import GitError, git, git_out, message, split_z

# The folders of a project whose files a check reads.
PARTS = ("clauses", "seeds")
_BLOB_MODES = ("100644", "100755")


@dataclass(frozen=True)
class Repository:
    """The git repository a project is in."""

    top: Path  # the repository's top folder (resolved)
    prefix: str  # the project's folder inside it, "" or "sub/dir/" (with "/", as git writes it)
    shallow: bool

    def pathspecs(self) -> list[str]:
        """The project's checked folders, for git (literal: no pattern characters)."""
        return [f":(literal){self.prefix}{part}" for part in PARTS]


@dataclass(frozen=True)
class Revision:
    """A commit, as the user named it and as git knows it."""

    name: str
    oid: str

    @property
    def label(self) -> str:
        """``HEAD~1 (1a2b3c4)``, or the short id alone when it is what was typed."""
        short = self.oid[:7]
        return short if self.oid.startswith(self.name) else f"{self.name} ({short})"


@dataclass
class Overlay:
    """A revision of the project as the files that differ from the working tree: the bytes
    each has in the revision, or None where the revision has no such file."""

    files: dict[Path, bytes | None] = field(default_factory=dict)
    # Files of the revision that are not regular files (links, submodules): left out, named.
    skipped: list[str] = field(default_factory=list)


def open_repository(root: Path) -> Repository:
    """The repository the project at ``root`` is in; a ``GitError`` when there is none."""
    done = git(root, "rev-parse", "--show-toplevel", "--is-shallow-repository")
    if done.returncode != 0:
        why = message(done.stderr)
        if "not a git repository" in why:
            raise GitError(
                f"{root} is not in a git repository: `treaty diff` compares revisions of one "
                "(`treaty diff --since DAY` compares days without git)"
            )
        raise GitError(f"git cannot read the repository at {root}: {why}")
    lines = os.fsdecode(done.stdout).splitlines()
    top = Path(lines[0]).resolve()
    rel = root.resolve().relative_to(top).as_posix()
    return Repository(top, "" if rel == "." else f"{rel}/", lines[1:] == ["true"])


def resolve(repo: Repository, name: str) -> Revision:
    """The commit ``name`` names (any git revision: HEAD~1, origin/main, a tag, an id)."""
    if not name or "\0" in name or "\n" in name:
        raise GitError(f"{name!r} is not a revision")
    done = git(
        repo.top, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{name}^{{commit}}"
    )
    if done.returncode != 0:
        hint = (
            "; this is a shallow clone, which may not have it: fetch more history (`git fetch "
            "--unshallow`, or `fetch-depth: 0` for actions/checkout)"
            if repo.shallow
            else "; give a branch, tag, commit id or HEAD~N (see `git log --oneline`)"
        )
        raise GitError(f'unknown revision "{name}"{hint}')
    return Revision(name, os.fsdecode(done.stdout).strip())


def overlay(repo: Repository, revision: Revision, root: Path) -> Overlay:
    """The project at ``revision``, as the files that differ from the working tree under
    ``root`` (absolute paths)."""
    specs = repo.pathspecs()
    changed = split_z(
        git_out(
            repo.top,
            "diff",
            "--name-only",
            "-z",
            "--no-renames",
            "--no-ext-diff",
            "--end-of-options",
            revision.oid,
            "--",
            *specs,
        )
    )
    untracked = split_z(git_out(repo.top, "ls-files", "-z", "--others", "--", *specs))
    paths = sorted({*changed, *untracked})
    found = Overlay()
    if not paths:
        return found
    tree = _tree(repo, revision)
    blobs = read_blobs(
        repo.top, (tree[p][1] for p in paths if p in tree and tree[p][0] in _BLOB_MODES)
    )
    for path in paths:
        full = root / path[len(repo.prefix) :]
        mode, oid = tree.get(path, ("", ""))
        if not mode:
            found.files[full] = None
        elif mode in _BLOB_MODES:
            found.files[full] = blobs[oid]
        else:  # a link or a submodule: what it holds is not a file of this revision's
            found.files[full] = None
            found.skipped.append(path[len(repo.prefix) :])
    return found


def _tree(repo: Repository, revision: Revision) -> dict[str, tuple[str, str]]:
    """Mode and object id of every file of the project's folders in the revision."""
    out = git_out(
        repo.top, "ls-tree", "-r", "-z", "--full-tree", revision.oid, "--", *repo.pathspecs()
    )
    entries = {}
    for line in out.split(b"\0"):
        if not line:
            continue
        meta, _, name = line.partition(b"\t")
        mode, _, oid = meta.decode("ascii").split(" ")
        entries[os.fsdecode(name)] = (mode, oid)
    return entries
