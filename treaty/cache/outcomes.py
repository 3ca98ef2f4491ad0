"""What a validation run hands to the reports: its checked models, or what it found file by file.

Two forms. ``corpus_of`` makes the reports' corpus from a run that read every file afresh
(``run(models=True)``). ``Outcomes`` is filled by a cached run (``run(collect=...)``) for the
index (``treaty.index``), which keeps each valid clause's model and so rebuilds the corpus
without checking unchanged files again: each clause file's result and the fingerprint of the
bytes checked, the models of the files checked in this run, and the files with problems.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from treaty.check.results import ClauseResult, Corpus, with_duplicates
from treaty.files.fingerprint import Fingerprint

if TYPE_CHECKING:
    from treaty.check.context import LoadedContext
    from treaty.check.targets import Targets
    from treaty.model import Clause
    from treaty.problems import Problem
    from treaty.project import Project


@dataclass
class Outcomes:
    """Filled by ``run(collect=...)``. With ``per_file`` False, a run that the summary of the
    last whole-project run answers fills only ``digest``, ``context_key`` and ``bad``."""

    per_file: bool = False
    # The listing digest of the clause files' statuses (``cache.store.listing_digest``), when
    # the summary answered the run; else None.
    digest: str | None = None
    context_key: str | None = None  # the context's fingerprint (None: it has none)
    bad: set[str] = field(default_factory=set)  # files with problems (relative paths)
    results: list[ClauseResult] = field(default_factory=list)  # every clause file, in order
    fingerprints: dict[str, Fingerprint] = field(default_factory=dict)  # of the bytes checked
    loaded: LoadedContext | None = None  # the context, when this run loaded it
    clauses: dict[str, Clause] = field(default_factory=dict)  # valid models checked now, by file
    answered: bool = False  # whether a run filled it

    def record(
        self,
        context_key: str | None,
        problems: list[Problem],
        results: list[ClauseResult],
        fingerprints: dict[str, Fingerprint],
    ) -> None:
        """What a run found: the context's problems (and unlisted folders), every result."""
        self.context_key = context_key
        self.results = results
        self.fingerprints = fingerprints
        self.bad = {p.path for p in [*problems, *with_duplicates(results)]}
        self.answered = True


def corpus_of(
    project: Project,
    loaded: LoadedContext,
    chosen: Targets,
    problems: list[Problem],
    files: list[tuple[Path, str]],
    checked: list[tuple[ClauseResult, Fingerprint | None, Clause | None]],
) -> Corpus:
    """The models of the files that passed every check, for the reports."""
    found: dict[str, tuple[Clause, str]] = {}
    results = []
    for (_, rel), (result, _, clause) in zip(files, checked, strict=True):
        results.append(result)
        if clause is not None and result.clean and clause.id not in found:
            found[clause.id] = (clause, rel)
    # Files with problems, by path relative to the root (cheaper than showing every path).
    bad = {p.path for p in [*loaded.problems, *chosen.problems, *with_duplicates(results)]}
    return Corpus(
        project=project,
        sources=loaded.sources,
        topics=loaded.topics or {},
        phrases=loaded.phrases,
        # The rules use a treaty with problems too; the reports get only valid files.
        treaties={i: t for i, t in loaded.treaties.items() if loaded.treaty_rels[i] not in bad},
        clauses={i: clause for i, (clause, rel) in found.items() if rel not in bad},
        invalid=sorted({p.path for p in problems}),
    )
