"""`treaty brief`: the briefing as Markdown, for pasting into a document or an issue (or as
JSON for scripts): per clause its verdict, and each party's latest stance with its strongest
quote, who said it, and the source's title, outlet, date and URL.

Text from project files is escaped for Markdown, so that a title holding ``[x](javascript:..)``
or ``<script>`` reads as written and never becomes a link or markup; only http and https
URLs become links.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from treaty.model import Basis, Evidence, Position, Quote
from treaty.publish.briefing import RULE, Briefing, TreatySection
from treaty.publish.pages import ClausePage
from treaty.publish.site import SILENT, STANCE_LABELS, http_url
from treaty.registry import Source
from treaty.report.verdict import Verdict
from treaty.safe_text import escape, json_text

# What can make markup in the middle of a line (every line md() writes starts with our own
# text: "#", "-", "+" or "1." from a file never begins one).
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|~&])")
_BREAKS = re.compile(r"\s+")


def md(text: str) -> str:
    """Text as Markdown that shows it literally: one line, every special character escaped."""
    return _SPECIAL.sub(r"\\\1", _BREAKS.sub(" ", escape(text, multiline=True)).strip())


def _link(url: str | None) -> str | None:
    link = http_url(url)
    if link is None or re.search(r"[\s<>]", link):
        return None
    return f"<{link}>"


@dataclass(frozen=True)
class Stated:
    """A party's latest stance and the position whose quote backs it best."""

    latest: Position
    strongest: Position


def stated(page: ClausePage, party: str) -> Stated | None:
    """The latest position of ``party`` and, of its current run of that stance, the latest
    explicit one (the strongest evidence), else the latest."""
    mine = [v.position for pv in page.parties if pv.party.id == party for v in pv.positions]
    if not mine:
        return None
    latest = page.assessment.latest[party]
    run: list[Position] = []
    for p in reversed(mine):
        if p.stance is not latest.stance:
            break
        run.append(p)
    explicit = [p for p in run if p.basis is Basis.EXPLICIT]
    return Stated(latest, explicit[0] if explicit else latest)


def _source(briefing: Briefing, quote: Quote) -> Source | None:
    return briefing.source(quote.source)


def _cite_md(briefing: Briefing, quote: Quote) -> str:
    source = _source(briefing, quote)
    parts = [f"“{md(quote.quote)}”"]
    if isinstance(quote, Evidence) and quote.speaker:
        parts.append(f"({md(quote.speaker)})")
    if source is None:
        return " ".join(parts) + f" [{md(quote.source)}]"
    title = f"*{md(source.title)}*" if source.title else f"untitled \\[{md(source.id)}\\]"
    outlet = md(source.outlet) if source.outlet else "outlet unknown"
    day = source.published.isoformat() if source.published else "date unknown"
    where = f"{title}, {outlet}, {day}"
    url = _link(source.url)
    return " ".join(parts) + f" — {where}" + (f", {url}" if url else "")


def _party_line(briefing: Briefing, section: TreatySection, page: ClausePage, party: str) -> str:
    note = "" if party in section.counted else " (not counted)"
    found = stated(page, party)
    if found is None:
        return f"- **{party}**{note}: {SILENT}"
    p = found.latest
    basis = page.assessment.basis[party].value
    head = f"- **{party}**{note}: {STANCE_LABELS[p.stance]} ({basis}), {p.date.isoformat()}"
    quote = _cite_md(briefing, found.strongest.evidence[0])
    if found.strongest is not p:
        quote += f" (quoted from the explicit position of {found.strongest.date.isoformat()})"
    return f"{head}. {quote}"


def as_markdown(briefing: Briefing, title: str) -> str:
    """The whole briefing as Markdown."""
    counts = briefing.counts()
    n = len(briefing.clauses)
    out = [
        f"# {md(title)}",
        "",
        f"As of {briefing.as_of.isoformat()}, {md(briefing.revision.describe())}. "
        f"Content digest (SHA-256): `{briefing.digest}`.",
        "",
        f"**The verdict rule.** {RULE}",
        "",
        f"{n} clause{'' if n == 1 else 's'}: "
        + ", ".join(f"{counts[v]} {v.label}" for v in Verdict)
        + ".",
    ]
    if briefing.invalid:
        out += ["", f"**Incomplete:** {len(briefing.invalid)} file(s) with problems left out:"]
        out += [f"- `{md(path)}`" for path in briefing.invalid]
    pages = {p.clause.id: p for p in briefing.clauses}
    for section in briefing.sections:
        t = section.treaty
        counted = ", ".join(section.counted) or "no party"
        out += ["", f"## {md(t.id)}: {md(t.title)}", ""]
        proposer = md(t.proposer) if t.proposer is not None else "a party not known"
        line = f"Proposed by {proposer}; the verdicts count {counted}"
        if t.proposer is not None and t.proposer not in section.counted:
            line += f"; {md(t.proposer)} proposed this draft: shown, not counted"
        out.append(line + ".")
        for verdict, rows in section.groups:
            if not rows:
                continue
            out += ["", f"### {verdict.label.capitalize()} ({len(rows)})"]
            for row in rows:
                page = pages[row.clause.id]
                c = page.clause
                kind = "verbatim" if c.text_kind.value == "verbatim" else "paraphrase"
                out += ["", f"#### {md(c.id)}: {md(c.title)}", ""]
                out.append(f"Verdict: **{verdict.label}**. Text ({kind}): {md(c.text)}")
                out.append("")
                out += [_party_line(briefing, section, page, p) for p in section.parties]
    out += ["", "## Sources", ""]
    for s in briefing.sources:
        src = s.source
        name = f"*{md(src.title)}*" if src.title else "untitled"
        day = src.published.isoformat() if src.published else "date unknown"
        url = _link(src.url)
        extra = f", {url}" if url else ""
        if src.retrieved:
            extra += f" (retrieved {src.retrieved.isoformat()})"
        outlet = md(src.outlet) if src.outlet else "outlet unknown"
        out.append(f"- \\[{md(src.id)}\\] {name}, {outlet}, {day}{extra}; sha256 `{src.sha256}`")
    return "\n".join(out) + "\n"


def _quote_json(briefing: Briefing, quote: Quote) -> dict[str, Any]:
    source = _source(briefing, quote)
    return {
        "source": quote.source,
        "quote": quote.quote,
        "speaker": quote.speaker if isinstance(quote, Evidence) else None,
        "title": source.title if source else None,
        "outlet": source.outlet if source else None,
        "published": source.published.isoformat() if source and source.published else None,
        "url": source.url if source else None,
        "retrieved": source.retrieved.isoformat() if source and source.retrieved else None,
    }


def as_json(briefing: Briefing) -> str:
    """``{"as_of", "revision", "digest", "treaties": [{"id", "title", "counted", "clauses":
    [{"id", "title", "verdict", "silent", "stances": {"<party>": null | {"stance", "basis",
    "date", "quote"}}}]}]}``; "silent": the counted parties with no position."""
    pages = {p.clause.id: p for p in briefing.clauses}
    treaties = []
    for section in briefing.sections:
        clauses = []
        for row in section.rows:
            page = pages[row.clause.id]
            stances: dict[str, Any] = {}
            for party in section.parties:
                found = stated(page, party)
                stances[party] = found and {
                    "stance": found.latest.stance.value,
                    "basis": page.assessment.basis[party].value,
                    "date": found.latest.date.isoformat(),
                    "quote": _quote_json(briefing, found.strongest.evidence[0]),
                }
            clauses.append(
                {
                    "id": row.clause.id,
                    "title": row.clause.title,
                    "verdict": row.verdict.value,
                    "silent": list(row.silent),
                    "stances": stances,
                }
            )
        treaties.append(
            {
                "id": section.treaty.id,
                "title": section.treaty.title,
                "counted": list(section.counted),
                "clauses": clauses,
            }
        )
    doc = {
        "as_of": briefing.as_of.isoformat(),
        "revision": briefing.revision.commit,
        "digest": briefing.digest,
        "treaties": treaties,
    }
    return json_text(doc)
