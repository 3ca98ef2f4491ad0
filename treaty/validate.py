"""Validate a project: every file, every rule, every problem, in one pass. Never writes."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from treaty.crossref import Context, check_clause, check_treaty, expected_id
from treaty.documents import Document, load_document
from treaty.locate import locate
from treaty.model import Clause, Topics, Treaty
from treaty.problems import MAX_PROBLEMS, Code, Problem
from treaty.project import Project, canonical
from treaty.sources import Sources, load_sources
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
    pending: Mapping[Path, bytes] | None = None,
) -> Result:
    """Check the whole project, or only ``paths`` (still against the whole project).

    ``pending`` maps files to the bytes an edit would write: they are checked instead of what
    is on disk (or as new files), so that an edit can be refused before anything is written."""
    today = today or dt.date.today()
    limits = limits or Limits()
    wanted = None if paths is None else {canonical(p) for p in paths}
    pending = {canonical(k): v for k, v in (pending or {}).items()}
    root = project.root

    sources = load_sources(project, limits, today, pending)
    docs: list[Document[Any]] = [sources.document]
    extra: list[Problem] = list(sources.problems)

    topics_doc = _load_required(Topics, project.topics_path, project, limits, pending)
    docs.append(topics_doc)
    topics = dict(topics_doc.model.topics) if topics_doc.model else None

    treaty_docs = [
        load_document(Treaty, p, project.display(p), root, limits, pending.get(canonical(p)))
        for p in project.treaty_files()
    ]
    treaties = {d.model.id: d.model for d in treaty_docs if d.model is not None}
    unlisted: list[OSError] = []
    listed = project.clause_files(unlisted)
    for error in unlisted:
        folder = Path(error.filename) if error.filename else project.clauses_dir
        msg = f"folder cannot be read: {error.strerror or error}; its clauses were not checked"
        extra.append(Problem(project.display(folder), None, None, Code.UNREADABLE, msg))
    on_disk = {canonical(p) for p in listed}
    special = {canonical(project.topics_path), *(canonical(p) for p in project.treaty_files())}
    new_clauses = [
        p
        for p in pending
        if p.is_relative_to(canonical(project.clauses_dir)) and p not in on_disk | special
    ]
    clause_paths = sorted([*listed, *new_clauses])
    ctx = Context(
        sources=sources,
        topics=topics,
        treaties=treaties,
        clause_exists=frozenset(
            i for i in (expected_id(p, project.clauses_dir) for p in clause_paths) if i
        ),
        clauses_dir=project.clauses_dir,
        today=today,
    )
    for doc in treaty_docs:
        docs.append(doc)
        if doc.model is not None:
            extra += check_treaty(doc.model, doc.path.parent.name, doc.shown, ctx)

    if wanted is not None:
        clause_paths = sorted(
            p
            for p in wanted
            if p.is_relative_to(canonical(project.clauses_dir)) and p not in special
        )
    clauses: dict[str, Clause] = {}
    for path in clause_paths:
        shown = project.display(path)
        if expected_id(path, project.clauses_dir) is None and not path.is_dir():
            extra.append(
                Problem(
                    shown,
                    None,
                    None,
                    Code.STRAY_FILE,
                    "not a clause file: clauses live at clauses/<treaty>/"
                    "<article>[.<paragraph>].yaml",
                )
            )
        clause_doc = load_document(Clause, path, shown, root, limits, pending.get(canonical(path)))
        docs.append(clause_doc)
        clause = clause_doc.model
        if clause is None:
            continue
        # Lazily, and no more than a report shows: each unmatched quote costs a search.
        clause_problems = list(
            itertools.islice(check_clause(clause, path, shown, ctx), MAX_PROBLEMS + 1)
        )
        extra += clause_problems
        if clause.id in clauses:
            extra.append(
                Problem(
                    shown,
                    None,
                    None,
                    Code.DUPLICATE_ID,
                    f'clause id "{clause.id}" is used by another file',
                )
            )
        elif not clause_problems and not clause_doc.problems:
            clauses[clause.id] = clause

    problems = _place(docs, extra)
    if wanted is not None:
        problems = [p for p in problems if _concerns(p, wanted, project)]
    shown_bad = {p.path for p in problems}
    corpus = Corpus(
        project=project,
        sources=sources,
        topics=topics or {},
        # The rules above may use a treaty with problems; the reports get only clean ones.
        treaties={
            d.model.id: d.model
            for d in treaty_docs
            if d.model is not None and d.shown not in shown_bad and d.model.id in treaties
        },
        clauses=clauses,
        invalid=sorted(shown_bad),
    )
    checked = len(docs) if wanted is None else len(wanted)
    return Result(corpus, sorted(problems, key=Problem.sort_key), checked)


def _load_required(
    model: type[Topics], path: Path, project: Project, limits: Limits, pending: Mapping[Path, bytes]
) -> Document[Topics]:
    shown = project.display(path)
    raw = pending.get(canonical(path))
    if raw is None and not path.exists():
        doc: Document[Topics] = Document(path, shown)
        doc.problems.append(
            Problem(shown, None, None, Code.MISSING_FILE, "no topics file (clauses/topics.yaml)")
        )
        return doc
    return load_document(model, path, shown, project.root, limits, raw)


def _place(docs: list[Document[Any]], extra: list[Problem]) -> list[Problem]:
    """All problems, each with a line and column where its file can say."""
    by_file: dict[str, list[Problem]] = {}
    for doc in docs:
        by_file.setdefault(doc.shown, []).extend(doc.problems)
    for p in extra:
        by_file.setdefault(p.path, []).append(p)
    texts = {doc.shown: doc.text for doc in docs}
    out: list[Problem] = []
    for shown, problems in by_file.items():
        text = texts.get(shown)
        placed = locate(problems, text) if text is not None else problems
        if len(placed) > MAX_PROBLEMS:
            placed = sorted(placed, key=Problem.sort_key)[:MAX_PROBLEMS]
            msg = f"more than {MAX_PROBLEMS} problems in this file; only the first are shown"
            placed.append(Problem(shown, None, None, Code.TOO_MANY_PROBLEMS, msg))
        out += placed
    return out


def _concerns(p: Problem, wanted: set[Path], project: Project) -> bool:
    path = canonical(Path(p.path))
    if path in wanted:
        return True
    # A changed source file shows up as a problem of the registry entry that names it.
    return path == project.registry_path.absolute() and any(
        w.is_relative_to(project.seeds_dir) for w in wanted
    )
