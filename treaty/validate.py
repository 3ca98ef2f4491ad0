"""Validate a project: every file, every rule, every problem, in one pass. Never writes.

This is the plain, in-process run that also returns the checked models (``Corpus``) for the
reports. ``treaty validate`` goes through ``treaty.checking``, which adds worker processes and
the cache around the same per-file checks and reports the same problems.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from treaty.clause_file import check_clause_file
from treaty.context import load_context
from treaty.crossref import expected_id
from treaty.model import Clause, Treaty
from treaty.outcome import ClauseResult, concerns, report, with_duplicates
from treaty.problems import Problem
from treaty.project import Project
from treaty.sources import Sources
from treaty.yamlio import Limits


@dataclass
class Corpus:
    """What a project holds that passed its checks, for the reports to read."""

    project: Project
    sources: Sources
    topics: dict[str, str]
    treaties: dict[str, Treaty]
    clauses: dict[str, Clause]
    # Files whose problems keep them out of the corpus (shown paths).
    invalid: list[str] = field(default_factory=list)


@dataclass
class Result:
    """The outcome of a validation run."""

    corpus: Corpus
    problems: list[Problem]
    files_checked: int

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class Targets:
    """Which files a run checks, and the clause ids the whole project has."""

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


def finish(
    project: Project,
    context_problems: list[Problem],
    results: list[ClauseResult],
    files_checked: int,
    wanted: set[str] | None,
) -> tuple[list[Problem], int]:
    """The report's problems (paths as shown, in order) and its count of files checked."""
    problems = context_problems + with_duplicates(results)
    if wanted is not None:
        registry, seeds = project.rel(project.registry_path), project.rel(project.seeds_dir)
        problems = [p for p in problems if concerns(p.path, wanted, registry, seeds)]
        files_checked = len(wanted)
    done = report(problems, files_checked, project.show)
    return done.problems, done.files_checked


def validate(
    project: Project,
    paths: Iterable[Path] | None = None,
    limits: Limits | None = None,
    today: dt.date | None = None,
) -> Result:
    """Check the whole project, or only ``paths`` (still against the whole project)."""
    today = today or dt.date.today()
    limits = limits or Limits()
    chosen = targets(project, paths)
    loaded = load_context(project, limits, today, chosen.clause_ids)
    results: list[ClauseResult] = []
    clauses: dict[str, Clause] = {}
    for path in chosen.clause_paths:
        result, _, clause = check_clause_file(
            path, project.rel(path), loaded.context, project.root, limits
        )
        results.append(result)
        if clause is not None and result.clean and clause.id not in clauses:
            clauses[clause.id] = clause
    problems, checked = finish(
        project,
        loaded.problems,
        results,
        loaded.files_checked + len(results),
        chosen.wanted,
    )
    corpus = Corpus(
        project=project,
        sources=loaded.sources,
        topics=loaded.topics or {},
        treaties=loaded.treaties,
        clauses=clauses,
        invalid=sorted({p.path for p in problems}),
    )
    return Result(corpus, problems, checked)
