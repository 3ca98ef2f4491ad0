"""Which files a validation run checks: the whole project, or the files asked for."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from treaty.project import Project, expected_id


@dataclass(frozen=True)
class Targets:
    """The clause files a run checks, and the clause ids the whole project has."""

    clause_paths: list[Path]  # the clause files to check, in order
    clause_ids: frozenset[str]  # of every clause file in the project, for related checks
    wanted: set[str] | None  # the files asked for (relative paths); None: the whole project


def targets(project: Project, paths: Iterable[Path] | None) -> Targets:
    """The clause files to check: all of them, or those among ``paths``."""
    listing = project.clause_files()
    ids = frozenset(
        i for i in (expected_id(p, project.clauses_dir) for p in listing) if i is not None
    )
    if paths is None:
        return Targets(listing, ids, None)
    # Resolve folders but not the file itself, so that a symlinked file is still seen as one.
    wanted = {p.absolute().parent.resolve() / p.name for p in paths}
    special = {project.topics_path, *project.treaty_files()}
    chosen = sorted(p for p in wanted if p.is_relative_to(project.clauses_dir) and p not in special)
    return Targets(chosen, ids, {project.rel(p) for p in wanted})
