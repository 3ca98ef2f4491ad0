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
from treaty.model import Clause, Treaty
from treaty.outcome import ClauseResult, finish
from treaty.problems import Problem
from treaty.project import Project
from treaty.sources import Sources
from treaty.targets import targets
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
    for path, rel in zip(chosen.clause_files, chosen.rels, strict=True):
        result, _, clause = check_clause_file(Path(path), rel, loaded.context, project.root, limits)
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
