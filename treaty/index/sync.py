"""Keeping the index in step with a validation run: only the files whose bytes changed are
read again, by the fingerprints the run checked them by.

For every clause file the index keeps its fingerprint and, when the file holds a valid
clause, the clause's model (as JSON, keyed by the SHA-256 of the bytes) and its rows in the
relational tables and the searchable texts. Whether a clause is in the reports is not kept:
it depends on the whole project (a problem anywhere in the file, a duplicate id), so it is
decided by each run from the run's own problems. The context (treaties, parties, sources,
topics) is kept by the fingerprint of its files.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable
from typing import Any

from treaty.cache.outcomes import Outcomes
from treaty.cache.store import context_key, status_digest, status_line
from treaty.errors import TreatyError
from treaty.files.reading import Limits
from treaty.index.store import Unusable
from treaty.index.tables import (
    BY_NAME,
    TABLES,
    Row,
    Table,
    clause_rows,
    source_rows,
    topic_rows,
    treaty_rows,
)
from treaty.index.texts import Text, clause_texts, source_texts, treaty_texts
from treaty.model import Clause
from treaty.project import Project

# Above this many clause files without a model in the index, checking them again on worker
# processes is quicker than reading them one by one here.
MANY_MISSING = 500
_CONTEXT_TABLES = ("treaties", "parties", "treaty_reported_in", "topics", "sources")


def _insert_sql(table: Table) -> str:
    names = table.names
    if table.per_file and "file" not in names:
        names = [*names, "file"]
    columns = ", ".join(f'"{n}"' for n in names)
    return f'INSERT INTO "{table.name}" ({columns}) VALUES ({", ".join("?" * len(names))})'


_INSERTS = {t.name: _insert_sql(t) for t in TABLES}


class NeedsModels(TreatyError):
    """Many valid clauses have no model in the index: check them again with models."""


def sync(
    db: sqlite3.Connection, project: Project, out: Outcomes, limits: Limits, today: dt.date
) -> None:
    """Bring the index in step with ``out`` (one transaction: all of it or nothing)."""
    db.execute("BEGIN IMMEDIATE")
    try:
        _files(db, project, out, limits)
        _context(db, project, out, limits, today)
        db.execute("INSERT OR REPLACE INTO meta VALUES ('digest', ?)", (_digest(out),))
        db.execute("INSERT OR REPLACE INTO meta VALUES ('context', ?)", (out.context_key,))
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


def _digest(out: Outcomes) -> str | None:
    """As ``cache.store.listing_digest`` makes it, from the statuses the run vouched for."""
    lines = []
    for result in out.results:
        fingerprint = out.fingerprints.get(result.rel)
        if fingerprint is None or fingerprint.status is None:
            return None
        lines.append(status_line(result.rel, fingerprint.status))
    return status_digest(lines)


def _files(db: sqlite3.Connection, project: Project, out: Outcomes, limits: Limits) -> None:
    stored = {
        rel: (sha, status, ord)
        for rel, sha, status, ord in db.execute("SELECT rel, sha, status, ord FROM files")
    }
    have = {sha for (sha,) in db.execute("SELECT sha FROM models")}
    todo = []
    for ord, result in enumerate(out.results):
        rel = result.rel
        fingerprint = out.fingerprints.get(rel)
        sha = fingerprint.sha256 if fingerprint is not None else None
        if result.clause_id is not None and sha is None:
            raise Unusable(f"{rel}: a valid clause without a fingerprint")
        status = json.dumps(fingerprint.status) if fingerprint and fingerprint.status else None
        old = stored.pop(rel, None)
        same = old is not None and sha is not None and old[0] == sha
        if same and (result.clause_id is None or sha in have):
            if old is not None and old[1:] != (status, ord):
                db.execute("UPDATE files SET status = ?, ord = ? WHERE rel = ?", (status, ord, rel))
            continue
        todo.append((ord, rel, sha, status, result.clause_id, old is not None))
    missing = [t for t in todo if t[4] is not None and t[1] not in out.clauses and t[2] not in have]
    if len(missing) > MANY_MISSING:
        raise NeedsModels(f"{len(missing)} clauses to read")
    for rel in stored:  # files that are gone
        _drop(db, rel)
    for ord, rel, sha, status, clause_id, known in todo:
        if known:
            _drop(db, rel)
        db.execute("INSERT INTO files VALUES (?, ?, ?, ?, ?)", (rel, ord, sha, status, clause_id))
        if clause_id is None or sha is None:
            continue
        clause = out.clauses.get(rel) or _model(db, sha) or _parse(project, rel, sha, limits)
        if sha not in have:
            db.execute("INSERT INTO models VALUES (?, ?)", (sha, clause.model_dump_json()))
            have.add(sha)
        _insert(db, clause_rows(clause, rel), rel)
        _texts(db, clause_texts(clause), rel)
    _collect_garbage(db)


def _drop(db: sqlite3.Connection, rel: str) -> None:
    for table in TABLES:
        if table.per_file:
            db.execute(f'DELETE FROM "{table.name}" WHERE file = ?', (rel,))
    _drop_texts(db, "file = ?", (rel,))
    db.execute("DELETE FROM files WHERE rel = ?", (rel,))


def _collect_garbage(db: sqlite3.Connection) -> None:
    """Forget models no file holds any more, once there are as many as files."""
    (unused,) = db.execute(
        "SELECT count(*) FROM models WHERE sha NOT IN (SELECT sha FROM files WHERE sha IS NOT NULL)"
    ).fetchone()
    (files,) = db.execute("SELECT count(*) FROM files").fetchone()
    if unused > max(files, 100):
        db.execute(
            "DELETE FROM models WHERE sha NOT IN (SELECT sha FROM files WHERE sha IS NOT NULL)"
        )


def _model(db: sqlite3.Connection, sha: str) -> Clause | None:
    found = db.execute("SELECT json FROM models WHERE sha = ?", (sha,)).fetchone()
    return Clause.model_validate_json(found[0]) if found else None


def _parse(project: Project, rel: str, sha: str, limits: Limits) -> Clause:
    """The clause in file ``rel``, which must still hold the bytes the run checked."""
    from treaty.check.documents import load_document

    doc = load_document(Clause, project.root / rel, rel, project.root, limits)
    if doc.model is None or doc.fingerprint is None or doc.fingerprint.sha256 != sha:
        raise Unusable(f"{rel} changed while the index was brought up to date")
    return doc.model


def _insert(db: sqlite3.Connection, rows: Iterable[tuple[str, Row]], file: str | None) -> None:
    for table, row in rows:
        values: list[Any] = [row[n] for n in BY_NAME[table].names]
        if BY_NAME[table].per_file and "file" not in row:
            values.append(file)
        db.execute(_INSERTS[table], values)


def _texts(db: sqlite3.Connection, texts: Iterable[Text], file: str | None) -> None:
    """Add searchable texts. (The full-text table is kept in step here, not by triggers: a
    trigger may not write a virtual table while the schema is not trusted.)"""
    for t in texts:
        found = db.execute(
            "INSERT INTO texts (file, kind, ref, field, category, treaty, party, source, body) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (file, t.kind, t.ref, t.field, t.category, t.treaty, t.party, t.source, t.body),
        )
        db.execute("INSERT INTO texts_fts (rowid, body) VALUES (?, ?)", (found.lastrowid, t.body))


def _drop_texts(db: sqlite3.Connection, where: str, args: tuple[str, ...]) -> None:
    """Remove searchable texts, from the full-text table too."""
    db.execute(
        "INSERT INTO texts_fts (texts_fts, rowid, body) "
        f"SELECT 'delete', id, body FROM texts WHERE {where}",
        args,
    )
    db.execute(f"DELETE FROM texts WHERE {where}", args)


def _context(
    db: sqlite3.Connection, project: Project, out: Outcomes, limits: Limits, today: dt.date
) -> None:
    """The treaties, sources and topics, rewritten when their files changed."""
    key = out.context_key
    if key is not None and _has_context(db, key):
        return
    loaded = out.loaded
    if loaded is None:
        from treaty.check.context import load_context

        loaded = load_context(project, limits, today, frozenset())
        if loaded.inputs is None or context_key(loaded.inputs) != key:
            raise Unusable("the project changed while the index was brought up to date")
    for name in _CONTEXT_TABLES:
        db.execute(f'DELETE FROM "{name}"')
    _drop_texts(db, "kind IN (?, ?)", ("treaty", "source"))
    db.execute("DELETE FROM context")
    treaties = []
    for treaty_id, treaty in loaded.treaties.items():
        rel = loaded.treaty_rels[treaty_id]
        treaties.append([rel, treaty.model_dump_json()])
        _insert(db, treaty_rows(treaty, rel), None)
        _texts(db, treaty_texts(treaty), rel)
    sources = loaded.sources
    for source in sources.by_id.values():
        text = sources.texts.get(source.id)
        _insert(db, source_rows(source, text), None)
        _texts(db, source_texts(source, text), None)
    _insert(db, topic_rows(loaded.topics or {}), None)
    doc = {
        "treaties": treaties,
        "topics": loaded.topics,
        "sources": [s.model_dump_json() for s in sources.by_id.values()],
        # The audit's phrase file (issue 16), when it has no problems.
        "phrases": None if loaded.phrases is None else loaded.phrases.model_dump_json(),
    }
    db.execute("INSERT INTO context VALUES (?, ?)", (key or "", json.dumps(doc)))


def _has_context(db: sqlite3.Connection, key: str) -> bool:
    return db.execute("SELECT 1 FROM context WHERE key = ?", (key,)).fetchone() is not None
