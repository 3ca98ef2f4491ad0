"""The project-wide files every clause is checked against: registry, sources, topics, treaties."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from treaty.check import cascade
from treaty.check.documents import Document, load_document
from treaty.check.model_errors import check_model
from treaty.check.rules import Context, check_quote, check_quotes, check_treaty
from treaty.check.sources import Sources, load_sources
from treaty.files.fingerprint import Fingerprint
from treaty.files.reading import Limits
from treaty.model import Treaty
from treaty.phrases import AuditPhrases, Dismissed
from treaty.problems import Code, Problem, capped
from treaty.project import Pending, Project, canonical
from treaty.registry import Topics
from treaty.yaml.locate import locate


@dataclass
class LoadedContext:
    """The context for the cross-file rules, and the problems of the files it came from."""

    context: Context
    sources: Sources
    topics: dict[str, str] | None
    treaties: dict[str, Treaty]
    phrases: AuditPhrases | None  # None: the file is missing or has problems
    problems: list[Problem]  # located; paths relative to the root
    files_checked: int
    treaty_files: list[str]  # the treaty files read (relative paths)
    treaty_rels: dict[str, str]  # the file of each treaty that was read (relative path)
    # Every file read and what was read of it; None when one could not be read, so the
    # context cannot be vouched for by fingerprints.
    inputs: dict[str, Fingerprint] | None
    dates: tuple[str, ...]  # the dates it compares with today (ISO), for the cache


def load_context(
    project: Project,
    limits: Limits,
    today: dt.date,
    clause_ids: frozenset[str],
    pending: Pending | None = None,
) -> LoadedContext:
    """Load and check the registry, its sources, the topics and every treaty.

    ``pending``: files as an edit would leave them (by path), read instead of the disk's
    (None: absent)."""
    pending = {canonical(k): v for k, v in (pending or {}).items()}
    sources = load_sources(project, limits, today, pending)
    docs: list[Document[Any]] = [sources.document]
    extra: list[Problem] = list(sources.problems)

    topics_doc = _load_topics(project, limits, pending)
    docs.append(topics_doc)
    topics = dict(topics_doc.model.topics) if topics_doc.model else None

    treaty_docs = [
        load_document(Treaty, p, project.rel(p), project.root, limits, pending.get(canonical(p)))
        for p in project.treaty_files(pending)
    ]
    treaties = {d.model.id: d.model for d in treaty_docs if d.model is not None}
    broken = {d.path.parent.name: d for d in treaty_docs if d.model is None}
    broken = {name: d for name, d in broken.items() if name not in treaties}
    for name, d in broken.items():
        loc: tuple[str, ...] = ("id",) if isinstance(d.data, dict) and "id" in d.data else ()
        extra.append(cascade.root(d.shown, "treaty", name, loc))
    ctx = Context(
        sources=sources,
        topics=topics,
        treaties=treaties,
        clause_exists=clause_ids,
        clauses_dir=project.clauses_dir,
        today=today,
        broken_treaties=frozenset(broken),
    )
    for doc in treaty_docs:
        docs.append(doc)
        if doc.model is not None:
            ctx.work.start_file()
            extra += check_treaty(doc.model, doc.path.parent.name, doc.shown, ctx)
    phrases = _load_phrases(project, limits, pending)
    if phrases is not None:
        docs.append(phrases)
        found = list(_dismissed_quotes(phrases, ctx))
        extra += found
        if found:
            phrases.model = None

    read = {doc.shown: doc.fingerprint for doc in docs if doc.fingerprint is not None}
    read.update(sources.fingerprints)
    complete = len(read) == len(docs) + len(sources.fingerprints) and all(
        rel in sources.fingerprints for rel in sources.named
    )
    dates = [d.model.published for d in treaty_docs if d.model is not None]
    dates += [s.published for s in sources.by_id.values()]
    return LoadedContext(
        context=ctx,
        sources=sources,
        topics=topics,
        treaties=treaties,
        phrases=phrases.model if phrases is not None and not phrases.problems else None,
        problems=_place(docs, extra),
        files_checked=len(docs),
        treaty_files=[d.shown for d in treaty_docs],
        treaty_rels={d.model.id: d.shown for d in treaty_docs if d.model is not None},
        inputs=read if complete else None,
        dates=tuple(sorted({d.isoformat() for d in dates if d is not None})),
    )


def _load_topics(project: Project, limits: Limits, pending: Pending) -> Document[Topics]:
    path = project.topics_path
    shown = project.rel(path)
    raw = pending.get(canonical(path))
    if raw is None and (canonical(path) in pending or not path.exists()):
        doc: Document[Topics] = Document(path, shown)
        doc.problems.append(
            Problem(shown, None, None, Code.MISSING_FILE, "no topics file (clauses/topics.yaml)")
        )
        return doc
    return load_document(Topics, path, shown, project.root, limits, raw)


def _load_phrases(
    project: Project, limits: Limits, pending: Pending
) -> Document[AuditPhrases] | None:
    """clauses/audit-phrases.yaml, if the project has one (it is optional)."""
    path = project.phrases_path
    raw = pending.get(canonical(path))
    if raw is None and (canonical(path) in pending or not os.path.lexists(path)):
        return None
    return load_document(AuditPhrases, path, project.rel(path), project.root, limits, raw)


def _dismissed_quotes(doc: Document[AuditPhrases], ctx: Context) -> Iterator[Problem]:
    """Each dismissed passage is in its source: every entry valid on its own is checked, so
    that a misquote is reported in the same run as a misspelt stance elsewhere in the file."""
    if doc.model is not None:
        yield from check_quotes(doc.model.dismissed, ("dismissed",), doc.shown, ctx)
        return
    items = doc.data.get("dismissed") if isinstance(doc.data, dict) else None
    for i, item in enumerate(items if isinstance(items, list) else []):
        entry, problems = check_model(Dismissed, item, doc.shown)
        if entry is not None and not problems:
            yield from check_quote(entry, ("dismissed", i), doc.shown, ctx)


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
        out += capped(locate(problems, text) if text is not None else problems, shown)
    return out
