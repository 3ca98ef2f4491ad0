"""The searchable texts: each one a field of a clause, treaty or source, as ``treaty search``
finds it. Texts are kept as quotes are matched (typographic quotes and dashes plain, runs of
whitespace one space), so a search need not care which quote marks a file or a source used.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from treaty.check.quotes import normalise
from treaty.model import Clause, Treaty
from treaty.registry import Source

CLAUSES, QUOTES, SOURCES = "clauses", "quotes", "sources"
CATEGORIES = (CLAUSES, QUOTES, SOURCES)
# Marks a match in a snippet; taken out of every text first, so that it cannot be forged.
OPEN, CLOSE = "\ue000", "\ue001"
_NOT_MARKS = str.maketrans({OPEN: "\ufffd", CLOSE: "\ufffd"})


@dataclass(frozen=True)
class Text:
    """One searchable field."""

    kind: str  # clause, treaty or source
    ref: str  # its id
    field: str  # where in it: title, positions[0].evidence[1].quote, ...
    category: str  # clauses, quotes or sources (``--in``)
    body: str
    treaty: str | None = None
    party: str | None = None  # a position's party, for what a position holds
    source: str | None = None  # a quote's source


def searchable(text: str) -> str:
    """A text as it is indexed and searched."""
    return normalise(text).translate(_NOT_MARKS)


def clause_texts(clause: Clause) -> Iterator[Text]:
    def make(field: str, category: str, body: str, **more: str | None) -> Text:
        return Text("clause", clause.id, field, category, searchable(body), clause.treaty, **more)

    yield make("title", CLAUSES, clause.title)
    yield make("text", CLAUSES, clause.text)
    for i, q in enumerate(clause.reported_in):
        yield make(f"reported_in[{i}].quote", QUOTES, q.quote, source=q.source)
    for i, p in enumerate(clause.positions):
        at = f"positions[{i}]"
        for j, q in enumerate(p.evidence):
            yield make(f"{at}.evidence[{j}].quote", QUOTES, q.quote, party=p.party, source=q.source)
        if p.rationale:
            yield make(f"{at}.rationale", CLAUSES, p.rationale, party=p.party)
        for j, condition in enumerate(p.conditions or []):
            yield make(f"{at}.conditions[{j}]", CLAUSES, condition, party=p.party)
    if clause.notes:
        yield make("notes", CLAUSES, clause.notes)


def treaty_texts(treaty: Treaty) -> Iterator[Text]:
    def make(field: str, category: str, body: str, source: str | None = None) -> Text:
        return Text("treaty", treaty.id, field, category, searchable(body), treaty.id, None, source)

    yield make("title", CLAUSES, treaty.title)
    for i, q in enumerate(treaty.reported_in):
        yield make(f"reported_in[{i}].quote", QUOTES, q.quote, q.source)
    if treaty.notes:
        yield make("notes", CLAUSES, treaty.notes)


def source_texts(source: Source, text: str | None) -> Iterator[Text]:
    """A source's title and notes, and its article's text (already normalised)."""
    if source.title:
        yield Text("source", source.id, "title", SOURCES, searchable(source.title))
    if text:
        yield Text("source", source.id, "text", SOURCES, text.translate(_NOT_MARKS))
    if source.notes:
        yield Text("source", source.id, "notes", SOURCES, searchable(source.notes))
