"""Which files a validation run checks: the whole project, or the files asked for.

Paths are strings here: a warm run over tens of thousands of files spends more time making
``Path`` objects than checking that the files are unchanged."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from treaty.files.strays import is_stray
from treaty.problems import Code, Problem
from treaty.project import Pending, Project, canonical, expected_id

_YAML = (".yaml", ".yml")


@dataclass(frozen=True)
class Targets:
    """The clause files a run checks, and the clause ids the whole project has."""

    clause_files: list[str]  # the clause files to check, in order (absolute paths)
    rels: list[str]  # the same, relative to the project root
    clause_ids: frozenset[str]  # of every clause file in the project, for related checks
    wanted: set[str] | None  # the files asked for (relative paths); None: the whole project
    # Folders of clauses/ that could not be listed (paths relative to the root).
    problems: list[Problem] = field(default_factory=list)
    # What killed edits left behind (whole-project runs only).
    strays: list[Problem] = field(default_factory=list)


def targets(
    project: Project, paths: Iterable[Path] | None, pending: Pending | None = None
) -> Targets:
    """The clause files to check: all of them, or those among ``paths``.

    ``pending``: files an edit would write (new clause files among them are checked too), or
    that a state of the project leaves out (None: not listed)."""
    errors: list[OSError] = []
    hidden: list[str] = []
    listing = project.clause_file_names(errors, hidden if paths is None else None)
    problems = [_unlisted(project, error) for error in errors]
    if pending:
        listing = _with_new(project, listing, pending)
    folder = str(project.clauses_dir)
    ids = frozenset(i for i in (expected_id(p, folder) for p in listing) if i is not None)
    if paths is None:
        skip = len(str(project.root)) + 1
        strays = _strays(project, hidden)
        return Targets(listing, [p[skip:] for p in listing], ids, None, problems, strays)
    wanted = {canonical(p) for p in paths}
    special = {project.topics_path, project.phrases_path, *project.treaty_files(pending)}
    chosen = sorted(p for p in wanted if p.is_relative_to(project.clauses_dir) and p not in special)
    return Targets(
        [str(p) for p in chosen],
        [project.rel(p) for p in chosen],
        ids,
        {project.rel(p) for p in wanted},
        problems,
    )


def not_checked(project: Project, path: Path) -> str | None:
    """Why ``treaty validate PATH`` cannot check ``path`` (it is inside the project), or None.

    A path that names nothing, or a file no check reads (``pyproject.toml``, a schema), is
    refused rather than reported as checked: a CI step with a typo in it must not pass."""
    full = canonical(path)
    if not os.path.lexists(full):
        return f"{path}: no such file"
    if full in (project.registry_path, project.topics_path):
        return None
    if full.parent == project.seeds_dir:
        return None  # a source file: its problems are its registry entry's
    if full.is_relative_to(project.clauses_dir) and full.name.endswith(_YAML):
        return None  # a clause, a treaty, or a stray YAML file (reported as one)
    what = "a folder" if os.path.isdir(full) else "not a file that validate checks"
    return f"{path} is {what} (clauses/**.yaml, seeds/*); give no path to check them all"


def _with_new(project: Project, listing: list[str], pending: Pending) -> list[str]:
    """The listing with the clause files an edit would create, without those left out."""
    gone = {str(canonical(k)) for k, v in pending.items() if v is None}
    on_disk = set(listing)
    data_files = (project.topics_path, project.phrases_path, *project.treaty_files(pending))
    special = {str(p) for p in data_files}
    clauses_dir = canonical(project.clauses_dir)
    new = [
        str(p)
        for p, raw in ((canonical(k), v) for k, v in pending.items())
        if raw is not None
        and p.name.endswith((".yaml", ".yml"))  # as the listing of the disk's files
        and p.is_relative_to(clauses_dir)
        and str(p) not in on_disk
        and str(p) not in special
    ]
    return sorted([*(p for p in listing if p not in gone), *new])


def _strays(project: Project, hidden: list[str]) -> list[Problem]:
    """The temporary and lock files that killed edits left in the folders edits write."""
    for folder in (project.seeds_dir, project.schemas_dir):
        try:
            hidden += [e.path for e in os.scandir(folder) if e.name.startswith(".")]
        except OSError:
            continue  # no schemas/ folder, say; seeds/ unreadable is the registry's problem
    msg = (
        "left by a treaty edit that was killed (it is over a minute old); "
        "the next edit in this folder removes it, or delete it"
    )
    return [
        Problem(project.rel(Path(p)), None, None, Code.STRAY_EDIT_FILE, msg)
        for p in sorted(hidden)
        if is_stray(p)
    ]


def _unlisted(project: Project, error: OSError) -> Problem:
    folder = Path(error.filename) if error.filename else project.clauses_dir
    msg = f"folder cannot be read: {error.strerror or error}; its clauses were not checked"
    return Problem(project.rel(folder), None, None, Code.UNREADABLE, msg)
