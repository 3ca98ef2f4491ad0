"""Which files a validation run checks: the whole project, or the files asked for.

Paths are strings here: a warm run over tens of thousands of files spends more time making
``Path`` objects than checking that the files are unchanged."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from treaty.project import Project, expected_id


@dataclass(frozen=True)
class Targets:
    """The clause files a run checks, and the clause ids the whole project has."""

    clause_files: list[str]  # the clause files to check, in order (absolute paths)
    rels: list[str]  # the same, relative to the project root
    clause_ids: frozenset[str]  # of every clause file in the project, for related checks
    wanted: set[str] | None  # the files asked for (relative paths); None: the whole project


def targets(project: Project, paths: Iterable[Path] | None) -> Targets:
    """The clause files to check: all of them, or those among ``paths``."""
    listing = project.clause_file_names()
    folder = str(project.clauses_dir)
    ids = frozenset(i for i in (expected_id(p, folder) for p in listing) if i is not None)
    if paths is None:
        skip = len(str(project.root)) + 1
        return Targets(listing, [p[skip:] for p in listing], ids, None)
    # Resolve folders but not the file itself, so that a symlinked file is still seen as one.
    wanted = {p.absolute().parent.resolve() / p.name for p in paths}
    special = {project.topics_path, *project.treaty_files()}
    chosen = sorted(p for p in wanted if p.is_relative_to(project.clauses_dir) and p not in special)
    return Targets(
        [str(p) for p in chosen],
        [project.rel(p) for p in chosen],
        ids,
        {project.rel(p) for p in wanted},
    )
