"""`treaty sources`: every registered source, and how much of the corpus cites it."""

from __future__ import annotations

from dataclasses import dataclass

from treaty.check.results import Corpus
from treaty.registry import Source
from treaty.report.tables import (
    MARKDOWN,
    count,
    draw,
    markdown_cell,
    markdown_link,
    to_csv,
    wrap,
)
from treaty.report.verdict import article_key
from treaty.safe_text import escape, json_text

UNKNOWN = "unknown"
UNCITED = "not cited"


@dataclass(frozen=True)
class SourceUse:
    """One source and what cites it."""

    source: Source
    clauses: tuple[str, ...]  # ids of clauses quoting it, in reported_in or in evidence
    positions: int  # positions with at least one quote from it
    treaties: tuple[str, ...]  # ids of treaties whose reported_in quotes it

    @property
    def cited(self) -> bool:
        return bool(self.clauses or self.treaties)


def build(corpus: Corpus) -> list[SourceUse]:
    """Every registered source, oldest first (undated ones last), with what cites it."""
    uses = []
    for source in corpus.sources.by_id.values():
        clauses = []
        positions = 0
        for clause in sorted(corpus.clauses.values(), key=lambda c: (c.treaty, article_key(c))):
            clause_id = clause.id
            cites = [p for p in clause.positions if any(q.source == source.id for q in p.evidence)]
            positions += len(cites)
            if cites or any(q.source == source.id for q in clause.reported_in):
                clauses.append(clause_id)
        treaties = tuple(
            t.id
            for t in sorted(corpus.treaties.values(), key=lambda t: t.id)
            if any(q.source == source.id for q in t.reported_in)
        )
        uses.append(SourceUse(source, tuple(clauses), positions, treaties))
    uses.sort(key=lambda u: (u.source.published is None, u.source.published or 0, u.source.id))
    return uses


def _row(use: SourceUse, md: bool = False, unknown: str = UNKNOWN) -> list[str]:
    """id, published, outlet, title, and the counts of clauses, positions and treaties."""
    s = use.source
    title = escape(s.title) if s.title else unknown
    if md:
        title = markdown_link(title, escape(s.url)) if s.url else markdown_cell(title)
    return [
        s.id,
        s.published.isoformat() if s.published else unknown,
        escape(s.outlet) if s.outlet else unknown,
        title,
        str(len(use.clauses)),
        str(use.positions),
        str(len(use.treaties)),
    ]


HEADERS = ["id", "published", "outlet", "title", "clauses", "positions", "treaties"]
ALIGN = ["left"] * 4 + ["right"] * 3


def where(source: Source) -> str:
    """The source's address and the day it was retrieved, as far as they are known."""
    if source.url is None:
        return f"retrieved {source.retrieved.isoformat()}" if source.retrieved else ""
    day = f" (retrieved {source.retrieved.isoformat()})" if source.retrieved else ""
    return escape(source.url) + day


def _table(uses: list[SourceUse], tablefmt: str, md: bool, width: int | None) -> str:
    """The table; a url column when a source has an address (not in Markdown: there the
    title links to it), and a note column that flags the uncited sources, when there are
    any."""
    rows = [_row(u, md) for u in uses]
    headers, align = HEADERS, ALIGN
    if not md and any(u.source.url or u.source.retrieved for u in uses):
        headers, align = [*headers, "url"], [*align, "left"]
        rows = [[*row, where(u.source)] for row, u in zip(rows, uses, strict=True)]
    if not all(u.cited for u in uses):
        headers, align = [*headers, "note"], [*align, "left"]
        rows = [[*row, "" if u.cited else UNCITED] for row, u in zip(rows, uses, strict=True)]
    return draw(headers, rows, tablefmt, width=width, wrap_column=3, colalign=align)


def summary(uses: list[SourceUse]) -> str:
    """The closing line; names the sources nothing cites."""
    uncited = [u.source.id for u in uses if not u.cited]
    line = count(len(uses), "source")
    if uncited:
        return f"{line}; {len(uncited)} cited by nothing: {', '.join(uncited)}"
    return f"{line}, all cited"


def as_table(uses: list[SourceUse], *, tablefmt: str, width: int | None = None) -> str:
    """The table (titles wrapped to ``width`` when given) and the summary line."""
    if not uses:
        return "no sources registered in seeds/sources.yaml\n"
    return f"{_table(uses, tablefmt, False, width)}\n\n{wrap(summary(uses), width)}\n"


def as_markdown(uses: list[SourceUse]) -> str:
    """A pipe table and the summary line."""
    if not uses:
        return "No sources registered in seeds/sources.yaml.\n"
    return f"{_table(uses, MARKDOWN, True, None)}\n\n{summary(uses)}\n"


def as_csv(uses: list[SourceUse]) -> str:
    """One row per source; unknown values are empty; cited is yes or no; then url and
    retrieved."""
    rows = [
        [
            *_row(u, unknown=""),
            _yes(u.cited),
            escape(u.source.url or ""),
            u.source.retrieved.isoformat() if u.source.retrieved else "",
        ]
        for u in uses
    ]
    return to_csv([*HEADERS, "cited", "url", "retrieved"], rows)


def _yes(value: bool) -> str:
    return "yes" if value else "no"


def as_json(uses: list[SourceUse]) -> str:
    """``{"sources": [{"id", "file", "title", "outlet", "published", "author", "url",
    "retrieved", "clauses", "positions", "treaties", "cited"}]}``; clauses and treaties are
    lists of ids."""
    doc = {
        "sources": [
            {
                "id": u.source.id,
                "file": u.source.file,
                "title": u.source.title,
                "outlet": u.source.outlet,
                "published": u.source.published.isoformat() if u.source.published else None,
                "author": u.source.author,
                "url": u.source.url,
                "retrieved": u.source.retrieved.isoformat() if u.source.retrieved else None,
                "clauses": list(u.clauses),
                "positions": u.positions,
                "treaties": list(u.treaties),
                "cited": u.cited,
            }
            for u in uses
        ]
    }
    return json_text(doc)


def render(uses: list[SourceUse], fmt: str, *, tablefmt: str, width: int | None) -> str:
    """The report in ``fmt``: table (in ``tablefmt``), markdown, csv or json."""
    if fmt == "table":
        return as_table(uses, tablefmt=tablefmt, width=width)
    return {"markdown": as_markdown, "csv": as_csv, "json": as_json}[fmt](uses)
