"""What the clause and source pages show: every quote in the context of its source, and for
each source every passage that something cites, with who cites it."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from dataclasses import dataclass, field

from treaty.check.results import Corpus
from treaty.files.fingerprint import MAX_SOURCE_BYTES
from treaty.files.reading import decode, read_bytes
from treaty.model import Basis, Clause, Party, Position, Quote, Treaty
from treaty.publish.passages import Passage, Segment, SourceText, Span
from treaty.registry import Source
from treaty.report.verdict import Assessment, assess


@dataclass(frozen=True)
class Citation:
    """Who cites a passage: a clause (where it is reported, or a position) or a treaty."""

    treaty: Treaty
    clause: Clause | None
    anchor: str  # the element on the clause page: "reported-0", "position-3"; "" for a treaty
    label: str  # "reported in", "US: never-agree, 2021-12-23"


@dataclass
class Cited:
    """A quote as a page shows it: its source and the sentence around it there."""

    quote: Quote
    source: Source | None
    span: Span | None  # None when the source's text cannot be read or the quote is not in it
    passage: Passage | None
    number: int | None = None  # the passage's number on its source page, once all are known


@dataclass(frozen=True)
class PositionView:
    position: Position
    index: int  # in the clause's file: the anchor "position-<index>"
    evidence: list[Cited]


@dataclass(frozen=True)
class PartyView:
    party: Party
    role: str  # "counted", "proposer: shown, not counted" or "not counted"
    positions: list[PositionView]  # dated on or before the as-of day, in date order
    latest: Position | None
    basis: Basis | None  # the basis standing behind the latest stance (see standing_basis)


@dataclass(frozen=True)
class RelatedView:
    """A related clause for the side-by-side: None when its file has problems."""

    id: str
    clause: Clause | None
    treaty: Treaty | None
    assessment: Assessment | None


@dataclass(frozen=True)
class ClausePage:
    clause: Clause
    treaty: Treaty
    assessment: Assessment
    reported: list[Cited]
    parties: list[PartyView]
    later: int  # positions dated after the as-of day, left out
    related: list[RelatedView]


@dataclass(frozen=True)
class PassageEntry:
    number: int
    span: Span
    quoted: str  # the source's own words
    citations: list[Citation]


@dataclass(frozen=True)
class SourcePage:
    source: Source
    text: SourceText | None  # None: the file could not be read as registered
    paragraphs: list[list[Segment]]
    passages: list[PassageEntry]
    not_found: list[tuple[str, list[Citation]]]  # quotes not in the text (as validated: none)


@dataclass
class Quotes:
    """Every quote the briefing shows, found in its source, and who cites which passage."""

    corpus: Corpus
    texts: dict[str, SourceText | None] = field(default_factory=dict)
    cited: list[Cited] = field(default_factory=list)
    found: dict[tuple[str, str], tuple[Span | None, Passage | None]] = field(default_factory=dict)
    by_passage: dict[tuple[str, int, int], list[Citation]] = field(
        default_factory=lambda: defaultdict(list)
    )
    missing: dict[str, dict[str, list[Citation]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(list))
    )

    def text(self, source_id: str) -> SourceText | None:
        if source_id not in self.texts:
            self.texts[source_id] = _read_text(self.corpus, source_id)
        return self.texts[source_id]

    def cite(self, quote: Quote, citation: Citation) -> Cited:
        source = self.corpus.sources.by_id.get(quote.source)
        key = (quote.source, quote.quote)
        if key not in self.found:  # a quote cited by many positions is looked up once
            text = self.text(quote.source) if source else None
            span = text.find(quote.quote) if text else None
            self.found[key] = (span, text.passage(span) if text and span else None)
        span, passage = self.found[key]
        if span is None:
            self.missing[quote.source][quote.quote].append(citation)
            found = Cited(quote, source, None, None)
        else:
            self.by_passage[(quote.source, span.start, span.end)].append(citation)
            found = Cited(quote, source, span, passage)
        self.cited.append(found)
        return found

    def source_pages(self) -> list[SourcePage]:
        """A page for every source something cites (in the registry's order), passages
        numbered in the order of the text; every ``Cited`` learns its passage's number."""
        numbers: dict[tuple[str, int, int], int] = {}
        pages = []
        cited_ids = {k[0] for k in self.by_passage} | set(self.missing)
        for source in self.corpus.sources.by_id.values():
            if source.id not in cited_ids:
                continue
            keys = sorted(k for k in self.by_passage if k[0] == source.id)
            entries = []
            text = self.texts.get(source.id)
            for n, key in enumerate(keys, 1):
                numbers[key] = n
                span = Span(key[1], key[2])
                quoted = text.raw[span.start : span.end] if text else ""
                entries.append(PassageEntry(n, span, quoted, self.by_passage[key]))
            paragraphs = text.paragraphs((e.number, e.span) for e in entries) if text else []
            missing = sorted(self.missing.get(source.id, {}).items())
            pages.append(SourcePage(source, text, paragraphs, entries, missing))
        for cited in self.cited:
            if cited.span is not None:
                cited.number = numbers[(cited.quote.source, cited.span.start, cited.span.end)]
        return pages


def _read_text(corpus: Corpus, source_id: str) -> SourceText | None:
    """The source's text as registered: read again, and only if its bytes still match."""
    if source_id not in corpus.sources.texts:
        return None  # validation could not read it
    source = corpus.sources.by_id[source_id]
    project = corpus.project
    path = project.seeds_dir / source.file
    raw, _ = read_bytes(path, project.rel(path), project.seeds_dir, MAX_SOURCE_BYTES, "seeds/")
    if raw is None or hashlib.sha256(raw).hexdigest() != source.sha256:
        return None
    text, _ = decode(raw, source.file)
    return SourceText(text) if text is not None else None


def _role(party: str, assessment: Assessment) -> str:
    # Every party but the proposer counts (treaty publish names no parties).
    return "counted" if party in assessment.counted else "proposer: shown, not counted"


def clause_page(corpus: Corpus, clause: Clause, as_of: dt.date, quotes: Quotes) -> ClausePage:
    """The page of a valid clause, as of a day; its quotes join ``quotes``."""
    treaty = corpus.treaties[clause.treaty]
    assessment = assess(clause, treaty, as_of)
    reported = [
        quotes.cite(q, Citation(treaty, clause, f"reported-{i}", "reported in"))
        for i, q in enumerate(clause.reported_in)
    ]
    shown = [(i, p) for i, p in enumerate(clause.positions) if p.date <= as_of]
    parties = []
    for party in treaty.parties:
        views = []
        for i, p in shown:
            if p.party != party.id:
                continue
            label = f"{p.party}: {p.stance.value}, {p.date.isoformat()}"
            citation = Citation(treaty, clause, f"position-{i}", label)
            views.append(PositionView(p, i, [quotes.cite(q, citation) for q in p.evidence]))
        role = _role(party.id, assessment)
        latest = assessment.latest.get(party.id)
        basis = assessment.basis.get(party.id)
        parties.append(PartyView(party, role, views, latest, basis))
    related = []
    for other_id in clause.related:
        other = corpus.clauses.get(other_id)
        if other is None:
            related.append(RelatedView(other_id, None, None, None))
            continue
        other_treaty = corpus.treaties[other.treaty]
        assessed = assess(other, other_treaty, as_of)
        related.append(RelatedView(other_id, other, other_treaty, assessed))
    later = len(clause.positions) - len(shown)
    return ClausePage(clause, treaty, assessment, reported, parties, later, related)
