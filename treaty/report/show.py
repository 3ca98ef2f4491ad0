"""`treaty show ID`: one clause in full, with its positions over time and their evidence."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from treaty.check.results import Corpus
from treaty.model import Clause, Evidence, Position, Quote, TextKind, Treaty
from treaty.report.sources import where
from treaty.report.tables import count, wrap
from treaty.report.verdict import Assessment, Verdict, assess
from treaty.safe_text import escape, json_text


@dataclass(frozen=True)
class Related:
    """A related clause, with its verdict; both None when its file has problems."""

    id: str
    clause: Clause | None
    verdict: Verdict | None


@dataclass(frozen=True)
class ClauseView:
    """Everything `show` prints about one clause, as of a day."""

    corpus: Corpus
    treaty: Treaty
    assessment: Assessment
    positions: list[Position]  # dated on or before the as-of day, in file order
    later: int  # positions dated after it, left out
    related: list[Related]

    @property
    def clause(self) -> Clause:
        return self.assessment.clause


def build(corpus: Corpus, clause: Clause, as_of: dt.date) -> ClauseView:
    """The view of a valid clause of ``corpus``."""
    treaty = corpus.treaties[clause.treaty]
    shown = [p for p in clause.positions if p.date <= as_of]
    related = []
    for other_id in clause.related:
        other = corpus.clauses.get(other_id)
        verdict = None
        if other is not None:
            verdict = assess(other, corpus.treaties[other.treaty], as_of).verdict
        related.append(Related(other_id, other, verdict))
    return ClauseView(
        corpus,
        treaty,
        assess(clause, treaty, as_of),
        shown,
        len(clause.positions) - len(shown),
        related,
    )


def _cited(view: ClauseView, source_id: str) -> str:
    """``title (outlet, date) [id]``, with unknown for what the source does not say."""
    source = view.corpus.sources.by_id.get(source_id)
    if source is None:
        return f"[{escape(source_id)}]"
    title = escape(source.title) if source.title else "untitled"
    outlet = escape(source.outlet) if source.outlet else "outlet unknown"
    day = source.published.isoformat() if source.published else "date unknown"
    return f"{title} ({outlet}, {day}) [{escape(source.id)}]"


def _quotes(view: ClauseView, quotes: Sequence[Quote], indent: str, width: int) -> list[str]:
    out = []
    for q in quotes:
        out.append(wrap(f'"{escape(q.quote)}"', width, indent + "  ", first=indent + "- "))
        if isinstance(q, Evidence) and q.speaker:
            out.append(
                wrap(f"speaker: {escape(q.speaker)}", width, indent + "    ", first=indent + "  ")
            )
        out.append(wrap(f"source: {_cited(view, q.source)}", width, indent + "  "))
        source = view.corpus.sources.by_id.get(q.source)
        if source is not None and (source.url or source.retrieved):
            out.append(wrap(f"url: {where(source)}", width, indent + "  "))
    return out


def _position(view: ClauseView, p: Position, width: int) -> list[str]:
    out = [f"    {p.date.isoformat()}  {p.stance.value}  ({p.basis.value})"]
    out += _quotes(view, p.evidence, "      ", width)
    if p.rationale:
        out.append(wrap(f"rationale: {escape(p.rationale)}", width, "        ", first="      "))
    if p.conditions:
        conditions = "; ".join(escape(c) for c in p.conditions)
        out.append(wrap(f"conditions: {conditions}", width, "        ", first="      "))
    return out


def _party_heading(view: ClauseView, party: str) -> str:
    a = view.assessment
    if party == view.treaty.proposer and party not in a.counted:
        return f"  {party} (proposer: shown, not counted)"
    return f"  {party}"


def as_text(view: ClauseView, width: int = 80) -> str:
    """The clause for reading, wrapped to ``width``."""
    c, a = view.clause, view.assessment
    place = f"article {c.article}" + (f", paragraph {c.paragraph}" if c.paragraph else "")
    counted = f"counts {', '.join(a.counted) or 'no party'}"
    if view.treaty.proposer not in a.counted:
        counted += f"; {view.treaty.proposer} proposed this draft: shown, not counted"
    if a.silent and a.verdict is not Verdict.NO_POSITION:
        counted += f"; silent: {', '.join(a.silent)}"
    out = [
        wrap(f"{c.id}: {escape(c.title)}", width),
        "",
        f"  treaty    {c.treaty} ({place})",
        f"  topics    {', '.join(c.topics)}",
        f"  binds     {', '.join(c.binds)}",
        wrap(
            f"verdict   {a.verdict.label} as of {a.as_of.isoformat()} ({counted})",
            width,
            "            ",
            first="  ",
        ),
        "",
    ]
    kind = "verbatim" if c.text_kind is TextKind.VERBATIM else "paraphrase, not the draft's wording"
    out += [f"Text ({kind}):", *_paragraphs(c.text, width, "  "), ""]
    out.append("Reported in:")
    out += _quotes(view, c.reported_in, "  ", width) or ["  no source reports it"]
    out += ["", f"Positions as of {a.as_of.isoformat()}:"]
    for party in (p.id for p in view.treaty.parties):
        mine = [p for p in view.positions if p.party == party]
        if not mine:
            out.append(f"{_party_heading(view, party)}: no stated position")
            continue
        out.append(_party_heading(view, party))
        for p in mine:
            out += _position(view, p, width)
    if view.later:
        out.append(f"  ({count(view.later, 'later position')} left out by --as-of)")
    if view.related:
        out += ["", "Related:"]
        for r in view.related:
            if r.clause is None or r.verdict is None:
                out.append(f"  {r.id}  (its file has problems; run `treaty validate`)")
            else:
                out.append(
                    wrap(
                        f"{r.id}  {r.verdict.label}  {escape(r.clause.title)}",
                        width,
                        "    ",
                        first="  ",
                    )
                )
    if c.notes:
        out += ["", "Notes:", *_paragraphs(c.notes, width, "  ")]
    return "\n".join(out) + "\n"


def _paragraphs(text: str, width: int, indent: str) -> list[str]:
    """Each line of a block (YAML ``|``) wrapped on its own; control characters escaped."""
    return [wrap(line, width, indent) for line in escape(text, multiline=True).splitlines()]


def _quote_json(view: ClauseView, q: Quote) -> dict[str, Any]:
    source = view.corpus.sources.by_id.get(q.source)
    out = {
        "source": q.source,
        "quote": q.quote,
        "title": source.title if source else None,
        "outlet": source.outlet if source else None,
        "published": source.published.isoformat() if source and source.published else None,
        "url": source.url if source else None,
        "retrieved": source.retrieved.isoformat() if source and source.retrieved else None,
    }
    if isinstance(q, Evidence):
        out["speaker"] = q.speaker
    return out


def as_json(view: ClauseView) -> str:
    """The clause's fields as in its file, with positions as of the day, each quote's source
    details, the verdict, the counted parties and the related clauses' verdicts."""
    c, a = view.clause, view.assessment
    doc = {
        "as_of": a.as_of.isoformat(),
        "id": c.id,
        "treaty": c.treaty,
        "article": c.article,
        "paragraph": c.paragraph,
        "title": c.title,
        "topics": list(c.topics),
        "binds": list(c.binds),
        "text": c.text,
        "text_kind": c.text_kind.value,
        "verdict": a.verdict.value,
        "counted": list(a.counted),
        "silent": list(a.silent),
        "reported_in": [_quote_json(view, q) for q in c.reported_in],
        "positions": [
            {
                "party": p.party,
                "stance": p.stance.value,
                "date": p.date.isoformat(),
                "basis": p.basis.value,
                "rationale": p.rationale,
                "conditions": list(p.conditions) if p.conditions else None,
                "evidence": [_quote_json(view, q) for q in p.evidence],
            }
            for p in view.positions
        ],
        "related": [
            {
                "id": r.id,
                "title": r.clause.title if r.clause else None,
                "verdict": r.verdict.value if r.verdict else None,
            }
            for r in view.related
        ],
        "notes": c.notes,
    }
    return json_text(doc)
