"""The reports' corpus from the index: the validation run says which files have problems, the
index holds the models of the others, and no unchanged file is read or checked again.

When nothing changed since the last whole-project run (its summary still holds, and the index
was brought to the same files and context), the corpus comes from the index alone; a clause's
model is read only when a report asks for that clause, so ``show ID`` and ``timeline ID`` read
one clause (and its related ones), not all of them. Otherwise the run's outcomes bring the
index up to date first. Results are the same as from ``run(models=True)``, which reads every
file afresh and is what the reports fall back to when the index cannot be used (a read-only
checkout, a locked or damaged database); ``tests/unit/index/`` holds them to it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from collections.abc import ItemsView, Iterator, Mapping, ValuesView
from dataclasses import dataclass, replace

from treaty.cache import store as cache
from treaty.cache.outcomes import Outcomes
from treaty.cache.run import Options, run
from treaty.check.documents import Document
from treaty.check.results import Checked, Corpus
from treaty.check.sources import Sources
from treaty.errors import IndexChanged
from treaty.files.reading import Limits
from treaty.index.store import Unusable, in_memory, open_index, state
from treaty.model import Clause, Treaty
from treaty.phrases import AuditPhrases
from treaty.project import Project
from treaty.registry import Source

# Set to anything, the reports read every file afresh instead (to compare, or to rule it out).
NO_INDEX_ENV = "TREATY_NO_INDEX"
_BATCH = 500


@dataclass
class Indexed:
    """The corpus, and the index it was read from (kept in one state while it is read)."""

    db: sqlite3.Connection
    corpus: Corpus
    bad: set[str]  # files with problems (relative paths): their rows are not the corpus's


def load(project: Project, options: Options | None = None, today: dt.date | None = None) -> Corpus:
    """The valid part of the project, for the reports."""
    options = options or Options()
    today = today or dt.date.today()
    if os.environ.get(NO_INDEX_ENV) or not options.read_cache:
        return _afresh(project, options, today)
    try:
        return _indexed(project, options, today).corpus
    except (Unusable, sqlite3.Error):
        return _afresh(project, options, today)


def current(
    project: Project, options: Options | None = None, today: dt.date | None = None
) -> Indexed:
    """The corpus and an index in step with it: the project's, or one made in memory when the
    project's cannot be used (``TREATY_NO_INDEX``, a read-only checkout, ...)."""
    options = options or Options()
    today = today or dt.date.today()
    if not os.environ.get(NO_INDEX_ENV) and options.read_cache:
        try:
            return _indexed(project, options, today)
        except (Unusable, sqlite3.Error):
            pass
    from treaty.index.sync import sync

    db = in_memory()
    out = Outcomes(per_file=True)
    fresh = replace(options, read_cache=False, write_cache=False)
    checked = run(project, None, fresh, today, collect=out)
    sync(db, project, out, Limits(options.max_bytes, options.max_depth), today)
    db.execute("BEGIN")
    return Indexed(db, _corpus(db, project, checked, out, _fresh_members(out)), out.bad)


def _afresh(project: Project, options: Options, today: dt.date) -> Corpus:
    corpus = run(project, None, options, today, models=True).corpus
    assert corpus is not None  # asked for with models=True
    return corpus


def _indexed(project: Project, options: Options, today: dt.date) -> Indexed:
    env = cache.environment_key(project, options.max_bytes, options.max_depth)
    db = open_index(cache.Store(project, env), create=options.write_cache)
    out = Outcomes()
    checked = run(project, None, options, today, collect=out)
    if out.digest is not None:  # the summary answered: is the index at the same state?
        db.execute("BEGIN")  # one state of the index for the rest of the run
        if state(db) == (out.digest, out.context_key):
            return Indexed(db, _corpus(db, project, checked, out, _members(db, out.bad)), out.bad)
        db.execute("COMMIT")
        out = Outcomes(per_file=True)
        checked = run(project, None, options, today, collect=out)
    if not options.write_cache or not out.answered:
        raise Unusable("the index cannot be brought up to date")
    from treaty.index.sync import NeedsModels, sync  # only runs that bring it up to date

    limits = Limits(options.max_bytes, options.max_depth)
    try:
        sync(db, project, out, limits, today)
    except NeedsModels:  # check them all again, on workers, keeping the models
        out = Outcomes(per_file=True)
        checked = run(project, None, replace(options, read_cache=False), today, collect=out)
        sync(db, project, out, limits, today)
    db.execute("BEGIN")
    return Indexed(db, _corpus(db, project, checked, out, _fresh_members(out)), out.bad)


def _fresh_members(out: Outcomes) -> dict[str, str]:
    """Each valid clause's id and the digest of its file, as the run found them."""
    members = {}
    for result in out.results:
        fingerprint = out.fingerprints.get(result.rel)
        if result.clause_id is not None and result.rel not in out.bad and fingerprint:
            members[result.clause_id] = fingerprint.sha256
    return members


def _members(db: sqlite3.Connection, bad: set[str]) -> dict[str, str]:
    """Each valid clause's id and the digest of its file, in the files' order."""
    rows = db.execute(
        "SELECT rel, clause_id, sha FROM files WHERE clause_id IS NOT NULL ORDER BY ord"
    )
    return {clause_id: sha for rel, clause_id, sha in rows if rel not in bad}


def _corpus(
    db: sqlite3.Connection,
    project: Project,
    checked: Checked,
    out: Outcomes,
    members: dict[str, str],
) -> Corpus:
    found = db.execute("SELECT json FROM context WHERE key = ?", (out.context_key or "",))
    row = found.fetchone()
    if row is None:
        raise Unusable("no context in the index")
    context = json.loads(row[0])
    registry = project.registry_path
    sources = Sources(Document(registry, project.rel(registry)))
    for raw in context["sources"]:
        source = Source.model_validate_json(raw)
        sources.by_id[source.id] = source
    for source_id, text in db.execute("SELECT id, text FROM sources WHERE text IS NOT NULL"):
        sources.texts[source_id] = text
    treaties = {}
    for rel, raw in context["treaties"]:
        if rel not in out.bad:
            treaty = Treaty.model_validate_json(raw)
            treaties[treaty.id] = treaty
    phrases = context.get("phrases")
    return Corpus(
        project=project,
        sources=sources,
        topics=context["topics"] or {},
        treaties=treaties,
        phrases=None if phrases is None else AuditPhrases.model_validate_json(phrases),
        clauses=IndexedClauses(db, members),
        invalid=sorted({p.path for p in checked.problems}),
    )


class IndexedClauses(Mapping[str, Clause]):
    """The valid clauses by id, each model read from the index when first asked for."""

    def __init__(self, db: sqlite3.Connection, members: dict[str, str]) -> None:
        self._db = db
        self._members = members  # clause id -> the digest of its file's bytes
        self._loaded: dict[str, Clause] = {}

    def __getitem__(self, clause_id: str) -> Clause:
        found = self._loaded.get(clause_id)
        if found is None:
            self._load([clause_id] if clause_id in self._members else [])
            found = self._loaded.get(clause_id)
        if found is None:
            raise KeyError(clause_id)
        return found

    def __contains__(self, clause_id: object) -> bool:
        return clause_id in self._members

    def __iter__(self) -> Iterator[str]:
        return iter(self._members)

    def __len__(self) -> int:
        return len(self._members)

    def values(self) -> ValuesView[Clause]:
        self._load([i for i in self._members if i not in self._loaded])
        return super().values()

    def items(self) -> ItemsView[str, Clause]:
        self._load([i for i in self._members if i not in self._loaded])
        return super().items()

    def _load(self, ids: list[str]) -> None:
        for start in range(0, len(ids), _BATCH):
            chunk = ids[start : start + _BATCH]
            shas = sorted({self._members[i] for i in chunk})
            marks = ", ".join("?" * len(shas))
            rows = self._db.execute(f"SELECT sha, json FROM models WHERE sha IN ({marks})", shas)
            got = {sha: raw for sha, raw in rows}
            for clause_id in chunk:
                raw = got.get(self._members[clause_id])
                if raw is None:
                    raise IndexChanged(
                        "the project changed while this report was made; run it again"
                    )
                self._loaded[clause_id] = Clause.model_validate_json(raw)
