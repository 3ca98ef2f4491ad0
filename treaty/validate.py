"""Validate a project: every file, every rule, every problem, in one pass. Never writes.

This is the plain, in-process run that also returns the checked models (``Corpus``) for the
reports. ``treaty validate`` goes through ``treaty.checking``, which adds worker processes and
the cache around the same per-file checks and reports the same problems.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from treaty.clause_file import check_clause_file
from treaty.context import load_context
from treaty.model import Clause, Treaty
from treaty.outcome import ClauseResult, finish, with_duplicates
from treaty.problems import Problem
from treaty.project import Project, canonical
from treaty.reading import Limits
from treaty.sources import Sources
from treaty.targets import targets
from treaty.workers import check_files, worker_count


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


def validate(
    project: Project,
    paths: Iterable[Path] | None = None,
    limits: Limits | None = None,
    today: dt.date | None = None,
    pending: Mapping[Path, bytes] | None = None,
    jobs: int | None = None,
) -> Result:
    """Check the whole project, or only ``paths`` (still against the whole project).

    ``pending`` maps files to the bytes an edit would write: they are checked instead of what
    is on disk (or as new files), so that an edit can be refused before anything is written.
    ``jobs``: worker processes (None: one per CPU when there are many files; see
    ``treaty.workers``)."""
    today = today or dt.date.today()
    limits = limits or Limits()
    pending = {canonical(k): v for k, v in (pending or {}).items()}
    chosen = targets(project, paths, pending)
    loaded = load_context(project, limits, today, chosen.clause_ids, pending)
    files = [(Path(path), rel) for path, rel in zip(chosen.clause_files, chosen.rels, strict=True)]
    if pending:  # an edit's check: a few files, some of them not on disk
        checked_files = [
            check_clause_file(path, rel, loaded.context, project.root, limits, pending.get(path))
            for path, rel in files
        ]
    else:
        workers = worker_count(len(files), jobs)
        checked_files = check_files(
            files, loaded.context, project.root, limits, workers, models=True
        )
    results: list[ClauseResult] = []
    found: dict[str, tuple[Clause, str]] = {}
    for (_, rel), (result, _, clause) in zip(files, checked_files, strict=True):
        results.append(result)
        if clause is not None and result.clean and clause.id not in found:
            found[clause.id] = (clause, rel)
    problems, checked = finish(
        project,
        loaded.problems + chosen.problems,
        results,
        loaded.files_checked + len(results),
        chosen.wanted,
    )
    # Files with problems, by path relative to the root (cheaper than showing every path).
    bad = {p.path for p in [*loaded.problems, *chosen.problems, *with_duplicates(results)]}
    corpus = Corpus(
        project=project,
        sources=loaded.sources,
        topics=loaded.topics or {},
        # The rules use a treaty with problems too; the reports get only valid files.
        treaties={i: t for i, t in loaded.treaties.items() if loaded.treaty_rels[i] not in bad},
        clauses={i: clause for i, (clause, rel) in found.items() if rel not in bad},
        invalid=sorted({p.path for p in problems}),
    )
    return Result(corpus, problems, checked)
