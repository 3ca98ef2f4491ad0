"""The briefing: everything the site and the Markdown briefing show, as of one day.

Built from the checked corpus only (files with problems are left out and named), with the
verdicts of ``treaty status`` and the positions of ``treaty show`` and ``timeline``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Collection
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from treaty.check.results import Corpus
from treaty.files.fingerprint import MAX_SOURCE_BYTES
from treaty.files.reading import read_bytes
from treaty.model import Treaty
from treaty.publish.pages import Citation, Cited, ClausePage, Quotes, SourcePage, clause_page
from treaty.publish.revision import Revision
from treaty.registry import Source
from treaty.report import status, timeline
from treaty.report.verdict import Assessment, Verdict, article_key, assess, counted_parties

# The verdict rule as a reader of the briefing needs it (``treaty status --help`` states the
# same rule with its command-line options).
RULE = (
    "A clause's verdict is never agree when every counted party with a position rejects it; "
    "agree when every such party agrees; may explore when none rejects it and at least one "
    "may explore it; split when they differ; no stated position when no counted party has a "
    "position. A counted party with no position is silent: it is named, never read as a "
    "stance. Each party's latest position on or before the as-of day counts. The proposer of "
    "a draft is shown but not counted."
)


@dataclass(frozen=True)
class TreatySection:
    """One treaty on the overview: its clauses grouped by verdict, as ``treaty status``."""

    treaty: Treaty
    parties: tuple[str, ...]
    counted: tuple[str, ...]
    groups: list[tuple[Verdict, list[Assessment]]]  # every verdict, in report order
    reported: list[Cited]

    @property
    def rows(self) -> list[Assessment]:
        return [row for _, rows in self.groups for row in rows]

    def party_name(self, party: str) -> str:
        return next((p.name for p in self.treaty.parties if p.id == party), party)


@dataclass(frozen=True)
class Briefing:
    as_of: dt.date
    revision: Revision
    digest: str  # sha256 of the files the briefing was built from
    sections: list[TreatySection]
    clauses: list[ClausePage]  # by treaty, then article
    sources: list[SourcePage]
    steps: list[timeline.Step]
    invalid: list[str]  # files left out because they have problems (as shown to the user)

    @cached_property
    def _sources(self) -> dict[str, Source]:
        return {page.source.id: page.source for page in self.sources}

    def source(self, source_id: str) -> Source | None:
        """A source the briefing cites (None when it has no page: unknown or not cited)."""
        return self._sources.get(source_id)

    def counts(self) -> dict[Verdict, int]:
        out = dict.fromkeys(Verdict, 0)
        for section in self.sections:
            for verdict, rows in section.groups:
                out[verdict] += len(rows)
        return out

    @property
    def first_day(self) -> dt.date | None:
        return self.steps[0].position.date if self.steps else None

    def history(self) -> dict[str, Any]:
        """For the as-of control: each clause's verdict and cells from each day a position
        of it was stated, computed here so that the page repeats no rule."""
        rows: dict[str, list[Any]] = {}
        for page in self.clauses:
            clause, treaty = page.clause, page.treaty
            days = sorted({p.date for p in clause.positions if p.date <= self.as_of})
            states = []
            for day in days:
                a = assess(clause, treaty, day)
                cells = {
                    party: [p.stance.value, a.basis[party].value, p.date.isoformat()]
                    for party, p in a.latest.items()
                }
                states.append([day.isoformat(), a.verdict.value, cells])
            rows[clause.id] = states
        order = [page.clause.id for page in self.clauses]  # by treaty, then article
        return {"as_of": self.as_of.isoformat(), "order": order, "rows": rows}


def content_digest(corpus: Corpus) -> str:
    """SHA-256 over the path and bytes of every file the briefing is built from."""
    project = corpus.project
    paths = [project.topics_path, project.registry_path]
    paths += [project.treaty_path(t) for t in corpus.treaties]
    paths += [project.clause_path(c) for c in corpus.clauses]
    paths += [project.seeds_dir / corpus.sources.by_id[s].file for s in corpus.sources.texts]
    digest = hashlib.sha256()
    for path in sorted(set(paths)):
        rel = project.rel(path)
        raw, _ = read_bytes(path, rel, project.root, MAX_SOURCE_BYTES)
        inner = hashlib.sha256(raw).hexdigest() if raw is not None else "unreadable"
        digest.update(f"{rel}\0{inner}\n".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def build(
    corpus: Corpus,
    as_of: dt.date,
    revision: Revision,
    treaties: Collection[str] = (),
) -> Briefing:
    """The briefing of the corpus's valid clauses (of ``treaties``, or all) as of ``as_of``."""
    quotes = Quotes(corpus)
    report = status.build(corpus, as_of, status.Filters(treaties=treaties))
    by_treaty = {s.treaty.id: s for s in report.sections}
    sections = []
    for treaty_id in sorted(corpus.treaties):
        if treaties and treaty_id not in treaties:
            continue
        treaty = corpus.treaties[treaty_id]
        found = by_treaty.get(treaty_id)
        rows = found.rows if found else []
        groups = [(v, [r for r in rows if r.verdict is v]) for v in Verdict]
        reported = [
            quotes.cite(q, Citation(treaty, None, "", "reports the draft"))
            for q in treaty.reported_in
        ]
        parties = tuple(p.id for p in treaty.parties)
        counted = found.counted if found else counted_parties(treaty)
        sections.append(TreatySection(treaty, parties, counted, groups, reported))
    chosen = [c for c in corpus.clauses.values() if not treaties or c.treaty in treaties]
    chosen.sort(key=lambda c: (c.treaty, article_key(c)))
    pages = [clause_page(corpus, c, as_of, quotes) for c in chosen]
    steps = timeline.build(corpus, as_of, {c.id for c in chosen})
    sources = quotes.source_pages()
    return Briefing(
        as_of,
        revision,
        content_digest(corpus),
        sections,
        pages,
        sources,
        steps,
        list(corpus.invalid),
    )
