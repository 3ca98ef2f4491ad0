"""The audit: the corpus and its sources in, the worklist out.

It reads what validation passed (the corpus), which clause files exist (by their names, so a
file with problems still counts as written), and the text of every source again, to give each
sentence its line. Sources are the project's: with ``--treaty``, provisions, clauses, parties
and suggestions are those treaties', but a sentence quoted by any clause counts as cited."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from treaty.audit.findings import (
    Audit,
    InferredVerdict,
    MissingProvision,
    QuoteUse,
    SilentClause,
    SilentParty,
    SourceCoverage,
    StanceSentence,
    Unspoken,
)
from treaty.audit.kinds import Kind
from treaty.audit.suggest import Candidate, Suggester, stems, topic_words
from treaty.audit.text import Match, Phrases, Sentence, SourceText, occurrences, read_text
from treaty.check.documents import parse_document
from treaty.check.quotes import normalise
from treaty.check.results import Corpus
from treaty.files.fingerprint import MAX_SOURCE_BYTES
from treaty.files.reading import Limits, decode, read_fingerprinted
from treaty.model import Basis, Clause, Quote, Treaty
from treaty.phrases import STARTER, AuditPhrases
from treaty.project import expected_id
from treaty.report.verdict import Verdict, article_key, assess, counted_parties


@dataclass(frozen=True)
class Settings:
    """What to audit, and where "many" and "small" begin."""

    treaties: Collection[str] = ()  # empty: every treaty
    kinds: Collection[Kind] = ()  # empty: every kind
    reuse: int = 3  # an evidence quote backing positions on this many clauses is listed
    min_share: float = 0.2  # a cited source with a smaller share of sentences quoted is listed


@dataclass
class _Source:
    id: str
    file: str  # shown path
    title: str | None
    text: SourceText


@dataclass
class _Spans:
    """Where the corpus quotes each source: any quote, and evidence (or dismissals) only."""

    quoted: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    evidence: dict[str, list[tuple[int, int]]] = field(default_factory=dict)


def audit(corpus: Corpus, settings: Settings = Settings(), today: dt.date | None = None) -> Audit:
    """Every finding of the kinds asked for, in worklist order."""
    today = today or dt.date.today()
    chosen = sorted(t for t in corpus.treaties if not settings.treaties or t in settings.treaties)
    treaties = [corpus.treaties[t] for t in chosen]
    clauses = sorted(
        (c for c in corpus.clauses.values() if c.treaty in chosen),
        key=lambda c: (c.treaty, article_key(c)),
    )
    phrases, said = _phrases(corpus)
    kinds = tuple(k for k in Kind if not settings.kinds or k in settings.kinds)
    result = Audit(chosen, said, kinds=kinds)
    found = result.findings
    missing = _missing(corpus, treaties, result.notes)
    found[Kind.MISSING_PROVISION] += missing
    for treaty in treaties:
        own = [c for c in clauses if c.treaty == treaty.id]
        found[Kind.SILENT_CLAUSE] += _silent_clauses(own, treaty, today)
        found[Kind.SILENT_PARTY] += _silent_parties(own, treaty)
        found[Kind.INFERRED_VERDICT] += _inferred(own, treaty, today)
    found[Kind.NO_SPEAKER] += _unspoken(clauses)
    sources = _read_sources(corpus)
    uses = _uses(clauses)
    found[Kind.REUSED_QUOTE] += _reused(uses, sources, settings.reuse)
    found[Kind.AMBIGUOUS_QUOTE] += _ambiguous(uses, sources)
    spans = _spans(corpus, sources, phrases)
    cited = _cited(corpus)
    found[Kind.UNCITED_SOURCE] += [
        _coverage(s, spans) for s in sources.values() if s.id not in cited
    ]
    for source in sources.values():
        coverage = _coverage(source, spans)
        if source.id in cited and coverage.share < settings.min_share:
            found[Kind.THIN_SOURCE].append(coverage)
    if phrases is not None:
        matcher = Phrases(phrases.phrases)
        listed = [(src, hit) for src in sources.values() for hit in _stance(src, spans, matcher)]
        if listed:  # only then: weighing every provision's words costs a pass over them all
            every = [s.text for source in sources.values() for s in source.text.sentences]
            suggester = _suggester(corpus, treaties, clauses, missing, every)
            found[Kind.STANCE_SENTENCE] += [
                _stance_sentence(src, sentence, matches, suggester)
                for src, (sentence, matches) in listed
            ]
    return result


def _phrases(corpus: Corpus) -> tuple[AuditPhrases | None, str]:
    """The phrase list, and where it came from (or why there is none)."""
    project = corpus.project
    shown = project.rel(project.phrases_path)
    if corpus.phrases is not None:
        return corpus.phrases, shown
    if os.path.lexists(project.phrases_path):
        return None, f"none: {shown} has problems, so stance sentences were not searched"
    doc = parse_document(AuditPhrases, STARTER, project.phrases_path, shown, Limits())
    return doc.model, f"the starter list (the project has no {shown})"


def _missing(corpus: Corpus, treaties: list[Treaty], notes: list[str]) -> list[MissingProvision]:
    """Listed articles and paragraphs that no clause file is about."""
    project = corpus.project
    folder = str(project.clauses_dir)
    ids = {i for i in (expected_id(p, folder) for p in project.clause_file_names()) if i}
    out = []
    for treaty in treaties:
        if treaty.articles is None:
            notes.append(
                f"{treaty.id} lists no articles (`articles` in its treaty.yaml): its provisions "
                "without clause files cannot be listed"
            )
            continue
        for article in sorted(treaty.articles, key=lambda a: a.number):
            whole = f"{treaty.id}.{article.number}"
            if whole in ids:
                continue
            if not article.paragraphs:
                if not any(i.startswith(whole + ".") for i in ids):
                    out.append(
                        MissingProvision(
                            treaty.id,
                            whole,
                            article.number,
                            None,
                            article.title,
                            tuple(article.binds),
                        )
                    )
                continue
            for paragraph in sorted(article.paragraphs, key=lambda p: p.number):
                part = f"{whole}.{paragraph.number}"
                if part not in ids:
                    binds = tuple(paragraph.binds or article.binds)
                    out.append(
                        MissingProvision(
                            treaty.id,
                            part,
                            article.number,
                            paragraph.number,
                            paragraph.title,
                            binds,
                        )
                    )
    return out


def _silent_clauses(clauses: list[Clause], treaty: Treaty, today: dt.date) -> list[SilentClause]:
    out = []
    for clause in clauses:
        seen = assess(clause, treaty, today)
        if seen.silent:
            out.append(SilentClause(clause.id, clause.title, seen.silent, seen.verdict.value))
    return out


def _silent_parties(clauses: list[Clause], treaty: Treaty) -> list[SilentParty]:
    """Counted parties (not the proposer) with no position on any clause of the treaty."""
    spoke = {p.party for c in clauses for p in c.positions}
    return [
        SilentParty(treaty.id, party, len(clauses))
        for party in counted_parties(treaty)
        if party not in spoke
    ]


def _inferred(clauses: list[Clause], treaty: Treaty, today: dt.date) -> list[InferredVerdict]:
    out = []
    for clause in clauses:
        seen = assess(clause, treaty, today)
        if seen.verdict is Verdict.NO_POSITION:
            continue
        parties = tuple(p for p in seen.counted if p in seen.latest)
        # The basis that stands behind each stance: a later, weaker restatement does not
        # weaken an explicit one (treaty.report.verdict.standing_basis).
        if all(seen.basis[p] is Basis.INFERRED for p in parties):
            out.append(InferredVerdict(clause.id, clause.title, seen.verdict.value, parties))
    return out


def _unspoken(clauses: list[Clause]) -> list[Unspoken]:
    """Positions whose evidence names no speaker: who said it weighs on what it means."""
    return [
        Unspoken(clause.id, i, p.party, p.stance.value, p.date.isoformat())
        for clause in clauses
        for i, p in enumerate(clause.positions)
        if not any(q.speaker for q in p.evidence)
    ]


def _read_sources(corpus: Corpus) -> dict[str, _Source]:
    """Every registered source whose file can be read, by file name then id."""
    project = corpus.project
    seeds = project.seeds_dir
    out = {}
    for source in sorted(corpus.sources.by_id.values(), key=lambda s: (s.file, s.id)):
        if "/" in source.file or "\\" in source.file or source.file in (".", ".."):
            continue  # the registry's own problem (T304)
        path = seeds / source.file
        shown = project.rel(path)
        raw, _, _ = read_fingerprinted(path, shown, seeds.resolve(), MAX_SOURCE_BYTES, "seeds/")
        text = decode(raw, shown)[0] if raw is not None else None
        if text is not None:
            out[source.id] = _Source(source.id, shown, source.title, read_text(text))
    return out


def _quotes(clause: Clause) -> Iterable[tuple[Quote, bool]]:
    """Every quote of a clause, and whether it is evidence of a position."""
    yield from ((q, False) for q in clause.reported_in)
    yield from ((q, True) for p in clause.positions for q in p.evidence)


# Each quote of the audited clauses, by source and normalised words: its first spelling, and
# each clause using it with whether that clause uses it as evidence.
_Uses = dict[tuple[str, str], tuple[str, dict[str, bool]]]


def _uses(clauses: list[Clause]) -> _Uses:
    uses: _Uses = {}
    for clause in clauses:
        for quote, evidence in _quotes(clause):
            _, ids = uses.setdefault((quote.source, normalise(quote.quote)), (quote.quote, {}))
            ids[clause.id] = ids.get(clause.id, False) or evidence
    return uses


def _reused(uses: _Uses, sources: dict[str, _Source], least: int) -> list[QuoteUse]:
    out = []
    for (source, _), (quote, ids) in uses.items():
        backing = [i for i, evidence in ids.items() if evidence]
        if len(backing) >= least:
            out.append(_use(source, quote, backing, sources))
    return sorted(out, key=lambda u: (-len(u.clauses), u.source, u.quote))


def _ambiguous(uses: _Uses, sources: dict[str, _Source]) -> list[QuoteUse]:
    out = [_use(source, quote, list(ids), sources) for (source, _), (quote, ids) in uses.items()]
    return sorted((u for u in out if u.occurrences > 1), key=lambda u: (u.source, u.quote))


def _use(source: str, quote: str, ids: list[str], sources: dict[str, _Source]) -> QuoteUse:
    text = sources.get(source)
    found = len(occurrences(text.text.flat, quote)) if text is not None else 0
    return QuoteUse(source, quote, tuple(ids), found)


def _spans(corpus: Corpus, sources: dict[str, _Source], phrases: AuditPhrases | None) -> _Spans:
    spans = _Spans()
    quoted: list[tuple[Quote, bool]] = []
    for clause in corpus.clauses.values():
        quoted += _quotes(clause)
    for treaty in corpus.treaties.values():
        quoted += ((q, False) for q in treaty.reported_in)
    for quote, evidence in quoted:
        found = _found(quote, sources)
        spans.quoted.setdefault(quote.source, []).extend(found)
        if evidence:
            spans.evidence.setdefault(quote.source, []).extend(found)
    # A dismissed sentence is read, not cited: it leaves the worklist, not the share.
    for quote in phrases.dismissed if phrases is not None else []:
        spans.evidence.setdefault(quote.source, []).extend(_found(quote, sources))
    return spans


def _found(quote: Quote, sources: dict[str, _Source]) -> list[tuple[int, int]]:
    source = sources.get(quote.source)
    return occurrences(source.text.flat, quote.quote) if source is not None else []


def _cited(corpus: Corpus) -> set[str]:
    """The sources a clause or a treaty quotes."""
    cited = {q.source for c in corpus.clauses.values() for q, _ in _quotes(c)}
    return cited | {q.source for t in corpus.treaties.values() for q in t.reported_in}


def _coverage(source: _Source, spans: _Spans) -> SourceCoverage:
    quoted = spans.quoted.get(source.id, [])
    count = sum(1 for s in source.text.sentences if s.overlaps(quoted))
    return SourceCoverage(source.id, source.file, source.title, len(source.text.sentences), count)


def _suggester(
    corpus: Corpus,
    treaties: list[Treaty],
    clauses: list[Clause],
    missing: list[MissingProvision],
    sentences: list[str],
) -> Suggester:
    """Clauses (by title, topics and their article's listed title) and the listed provisions
    that have no clause file yet (by title)."""
    titles = {}
    for treaty in treaties:
        for article in treaty.articles or ():
            titles[f"{treaty.id}.{article.number}"] = article.title
            for paragraph in article.paragraphs:
                titles[f"{treaty.id}.{article.number}.{paragraph.number}"] = paragraph.title
    known: dict[str, set[str]] = {}  # stems of each text, worked out once (topics recur)

    def of(*texts: str) -> set[str]:
        return set().union(*(known.setdefault(t, stems(t)) for t in texts))

    candidates: dict[Candidate, set[str]] = {}
    for clause in clauses:
        listed = [titles.get(i, "") for i in (clause.id, f"{clause.treaty}.{clause.article}")]
        words = [topic_words(t, corpus.topics) for t in clause.topics]
        candidates[Candidate(clause.id, clause.title, True)] = of(clause.title, *words, *listed)
    for gap in missing:
        candidates[Candidate(gap.id, gap.title, False)] = of(gap.title)
    return Suggester(candidates, sentences)


def _stance(source: _Source, spans: _Spans, matcher: Phrases) -> list[tuple[Sentence, list[Match]]]:
    """The source's sentences that hold a phrase and that no evidence (or dismissal) quotes."""
    cited = spans.evidence.get(source.id, [])
    out = []
    for sentence in source.text.sentences:
        matches = matcher.find(sentence.text)
        if matches and not sentence.overlaps(cited):
            out.append((sentence, matches))
    return out


def _stance_sentence(
    source: _Source, sentence: Sentence, matches: list[Match], suggester: Suggester
) -> StanceSentence:
    suggests = suggester.suggest(sentence.text, [m.phrase for m in matches])
    return StanceSentence(
        source.id,
        source.file,
        sentence.line,
        sentence.column,
        sentence.text,
        tuple(matches),
        tuple(suggests),
    )
