"""The states ``treaty diff`` compares: the project's files as one run checks them.

The working tree is checked as every report checks it. Another state (a revision) differs from
it in a few files, given as pending bytes (or None where it has no such file); it is checked by
running the same checks on the working tree with those files substituted. When only clause
files differ, only they are checked again, with the clause files whose result could depend on
them (files with problems, and clauses naming an added or removed one as related): everything
else of the working tree's check holds for the other state unchanged. When a project-wide file
differs (the registry, a source, the topics, a treaty), every file is checked again.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from treaty.cache.run import run
from treaty.check.results import Checked, Corpus
from treaty.project import Project, canonical, expected_id

_YAML = (".yaml", ".yml")


@dataclass(frozen=True)
class Files:
    """The project's files in one state: the checked models, and the files with problems."""

    corpus: Corpus
    problems: dict[str, int]  # file (relative to the project root) -> how many problems
    # Files that differ from the working tree (relative paths): their bytes, None if absent.
    overlay: dict[str, bytes | None] = field(default_factory=dict)

    def exists(self, rel: str) -> bool:
        if rel in self.overlay:
            return self.overlay[rel] is not None
        return os.path.lexists(self.corpus.project.root / rel)


def working_tree(project: Project) -> Files:
    """The working tree, as ``treaty status`` reads it."""
    return _files(project, run(project, models=True), {})


def substituted(base: Files, pending: dict[Path, bytes | None]) -> Files:
    """The state that differs from the working tree (``base``) in the ``pending`` files."""
    project = base.corpus.project
    pending = {canonical(k): v for k, v in pending.items()}
    overlay = {project.rel(k): v for k, v in pending.items()}
    if not pending:
        return base
    if any(_project_wide(project, path) for path in pending):
        return _files(project, run(project, pending=pending, models=True), overlay)
    clause_files = [p for p in pending if p.name.endswith(_YAML)]
    if not clause_files:  # only files no check reads differ
        return Files(base.corpus, base.problems, overlay)
    recheck = {p for p in clause_files if pending[p] is not None}
    # A file with problems may lose them (an id it duplicated, a related clause, now there).
    recheck |= {
        project.root / rel
        for rel in base.problems
        if (project.root / rel) not in pending and _is_clause_file(project, rel)
    }
    listed = {p for p in clause_files if pending[p] is None or not p.exists()}
    if listed:  # clauses added or removed: those naming them as related are checked again
        ids = {expected_id(p, project.clauses_dir) for p in listed} - {None}
        recheck |= {
            project.clause_path(c.id)
            for c in base.corpus.clauses.values()
            if ids.intersection(c.related) and project.clause_path(c.id) not in pending
        }
    done = run(project, sorted(recheck), pending=pending, models=True)
    assert done.corpus is not None  # asked for with models=True
    redone = {project.rel(p) for p in (*recheck, *clause_files)}
    clauses = {
        i: c
        for i, c in base.corpus.clauses.items()
        if project.rel(project.clause_path(i)) not in redone
    }
    clauses.update(done.corpus.clauses)
    problems = {rel: n for rel, n in base.problems.items() if rel not in redone}
    problems.update(_counts(project, done))
    corpus = Corpus(
        project=project,
        sources=done.corpus.sources,
        topics=done.corpus.topics,
        treaties=done.corpus.treaties,
        clauses=clauses,
        invalid=sorted(project.show(rel) for rel in problems),
    )
    return Files(corpus, problems, overlay)


def changed(a: Files, b: Files) -> set[str]:
    """The files whose bytes differ between two states (relative paths)."""
    out = set()
    for rel in {*a.overlay, *b.overlay}:
        if rel not in a.overlay or rel not in b.overlay or a.overlay[rel] != b.overlay[rel]:
            out.add(rel)
    return out


def _files(project: Project, done: Checked, overlay: dict[str, bytes | None]) -> Files:
    assert done.corpus is not None  # asked for with models=True
    return Files(done.corpus, _counts(project, done), overlay)


def _counts(project: Project, done: Checked) -> dict[str, int]:
    """Problems per file, by path relative to the root (problems carry shown paths)."""
    return dict(Counter(project.rel(Path(os.path.abspath(p.path))) for p in done.problems))


def _project_wide(project: Project, path: Path) -> bool:
    """Whether every clause's check reads this file: registry, sources, topics, treaties."""
    seeds, clauses = canonical(project.seeds_dir), canonical(project.clauses_dir)
    if path.is_relative_to(seeds) or path == canonical(project.topics_path):
        return True
    return path.name == "treaty.yaml" and path.parent.parent == clauses


def _is_clause_file(project: Project, rel: str) -> bool:
    path = project.root / rel
    return (
        rel.endswith(_YAML)
        and path.is_relative_to(project.clauses_dir)
        and not _project_wide(project, canonical(path))
    )
