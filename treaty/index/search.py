"""`treaty search`: full-text search over the index (SQLite FTS5, unicode61 tokenizer).

The query language is small and forgiving: words (all must be found, in any form of case and
accent), "a phrase" (straight or typographic quotes), pre* (a prefix), and AND, OR, NOT and
parentheses between them. Every word is passed to FTS5 as a quoted string, so nothing a user
types is read as FTS5's own syntax (column filters, NEAR); what is still malformed (an
unclosed quote, OR with nothing after it) is a ``UsageError`` that says how to write it.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Collection
from dataclasses import dataclass

from treaty.errors import UsageError
from treaty.index.corpus import Indexed
from treaty.index.texts import CATEGORIES, CLOSE, OPEN, searchable

SNIPPET_TOKENS = 16
ELLIPSIS = "…"
_TOKEN = re.compile(r'"(?P<phrase>[^"]*)"(?P<pstar>\*)?|(?P<paren>[()])|(?P<word>[^\s()"]+)')
_OPERATORS = ("AND", "OR", "NOT")
HOW = 'write words, "a phrase", pre* for a prefix, and AND, OR, NOT or ( ) between them'


class QueryError(UsageError):
    """A query that cannot be read."""


@dataclass(frozen=True)
class Query:
    text: str
    treaties: Collection[str] = ()
    parties: Collection[str] = ()
    within: Collection[str] = ()  # categories: clauses, quotes, sources (empty: all)
    limit: int | None = 50


@dataclass(frozen=True)
class Hit:
    """One field that matches: where it is, and a snippet with each match between OPEN and
    CLOSE (``texts.OPEN``, ``texts.CLOSE``)."""

    kind: str  # clause, treaty or source
    ref: str  # its id
    field: str
    category: str
    treaty: str | None
    party: str | None
    source: str | None
    snippet: str


def to_fts(text: str) -> str:
    """The query in FTS5's syntax, every word quoted."""
    query = searchable(text)
    if query.count('"') % 2:
        raise QueryError(f"the query has an unclosed quote; {HOW}")
    parts = []
    for match in _TOKEN.finditer(query):
        if match["phrase"] is not None:
            parts.append(f'"{match["phrase"]}"' + ("*" if match["pstar"] else ""))
        elif match["paren"]:
            parts.append(match["paren"])
        else:
            word = match["word"]
            if word in _OPERATORS:
                parts.append(word)
            elif word.endswith("*") and word.strip("*"):
                parts.append(f'"{word.rstrip("*")}"*')
            elif word.strip("*"):
                parts.append(f'"{word}"')
            else:
                raise QueryError(f"a * must end a word; {HOW}")
    if not parts:
        raise QueryError(f"the query is empty; {HOW}")
    return " ".join(parts)


def search(indexed: Indexed, query: Query) -> tuple[list[Hit], int]:
    """The hits, best first (at most ``query.limit``), and how many there are in all."""
    unknown = set(query.within) - set(CATEGORIES)
    if unknown:
        raise QueryError(f"--in takes {', '.join(CATEGORIES)}, not {', '.join(sorted(unknown))}")
    where, args = _filters(indexed, query)
    db = indexed.db
    try:
        (total,) = db.execute(
            f"SELECT count(*) FROM texts_fts JOIN texts t ON t.id = texts_fts.rowid WHERE {where}",
            args,
        ).fetchone()
        limit = -1 if query.limit is None else query.limit
        rows = db.execute(
            "SELECT t.kind, t.ref, t.field, t.category, t.treaty, t.party, t.source, "
            f"snippet(texts_fts, 0, ?, ?, ?, {SNIPPET_TOKENS}) "
            f"FROM texts_fts JOIN texts t ON t.id = texts_fts.rowid WHERE {where} "
            "ORDER BY bm25(texts_fts), t.kind, t.ref, t.id LIMIT ?",
            [OPEN, CLOSE, ELLIPSIS, *args, limit],
        ).fetchall()
    except sqlite3.OperationalError as exc:
        reason = str(exc).removeprefix("fts5: ").replace('near ""', "at its end")
        raise QueryError(f"cannot read the query {query.text!r} ({reason}); {HOW}") from None
    return [Hit(*row) for row in rows], total


def _filters(indexed: Indexed, query: Query) -> tuple[str, list[object]]:
    """The WHERE clause: the match, the corpus's own rows only, and the user's filters."""
    treaties = sorted(indexed.corpus.treaties)
    where = [
        "texts_fts MATCH ?",
        "(t.file IS NULL OR t.file NOT IN (SELECT value FROM json_each(?)))",
        "(t.treaty IS NULL OR t.treaty IN (SELECT value FROM json_each(?)))",
    ]
    args: list[object] = [to_fts(query.text), json.dumps(sorted(indexed.bad)), json.dumps(treaties)]
    for column, values in (
        ("t.category", query.within),
        ("t.treaty", query.treaties),
        ("t.party", query.parties),
    ):
        if values:
            where.append(f"{column} IN (SELECT value FROM json_each(?))")
            args.append(json.dumps(sorted(values)))
    return " AND ".join(where), args
