"""``treaty search``: where the corpus says something."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from treaty.cli.exits import fail, finish_report
from treaty.cli.options import ListFormat, RootOption, TreatyOption, check_known, open_project
from treaty.cli.terminal import terminal_width, wants_colour


class Within(StrEnum):
    clauses = "clauses"
    quotes = "quotes"
    sources = "sources"


def search(
    query: Annotated[
        str,
        typer.Argument(
            metavar="QUERY",
            help='Words (all must be found), "a phrase", pre* for a prefix; AND, OR, NOT and '
            "( ) between them. Case, accents and the kind of quote marks do not matter.",
            show_default=False,
        ),
    ],
    treaty: TreatyOption = None,
    party: Annotated[
        list[str] | None,
        typer.Option(
            "--party",
            "-p",
            metavar="PARTY",
            help="Only what this party's positions hold: their evidence, rationales and "
            "conditions (repeatable).",
            show_default=False,
        ),
    ] = None,
    within: Annotated[
        list[Within] | None,
        typer.Option(
            "--in",
            metavar="WHERE",
            help="Only in clauses (titles, texts, notes, rationales, conditions; treaties' "
            "titles and notes), quotes (every quote of a clause or treaty) or sources (the "
            "articles' texts, titles and notes) (repeatable).",
            show_default=False,
        ),
    ] = None,
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=0, help="Show at most this many hits; 0: all.")
    ] = 50,
    fmt: Annotated[
        ListFormat,
        typer.Option(
            "--format",
            "-f",
            help='text, or json: {"query", "total", "hits": [{"kind" (clause, treaty or '
            'source), "id", "field", "category", "treaty", "party", "source", "snippet", '
            '"marks" ([start, end] of each match in the snippet)}]}.',
        ),
    ] = ListFormat.text,
    root: RootOption = None,
) -> None:
    """Full-text search of clause titles and texts, quotes, rationales, conditions, notes and
    the source articles, best matches first, each with a snippet (matches in [brackets], or
    in bold on a terminal).

    Sources belong to no treaty and no party: --treaty and --party leave them out.

    Exit 0 ok (also with no hits); 1 when some files have problems (they are not searched,
    and are named on stderr); 2 usage error (a malformed query, an unknown treaty or party)."""
    from treaty.errors import UsageError
    from treaty.index.corpus import current
    from treaty.index.search import Query
    from treaty.index.search import search as find
    from treaty.report import search as render

    indexed = current(open_project(root))
    corpus = indexed.corpus
    check_known("treaty", treaty, corpus.treaties)
    check_known("party", party, {p.id for t in corpus.treaties.values() for p in t.parties})
    asked = Query(
        query,
        treaties=treaty or (),
        parties=party or (),
        within=[w.value for w in within or ()],
        limit=limit or None,
    )
    try:
        hits, total = find(indexed, asked)
    except UsageError as exc:
        fail(str(exc))
    if fmt is ListFormat.json:
        out = render.as_json(hits, total, query)
    else:
        colour = wants_colour(True)
        out = render.as_text(hits, total, query, width=terminal_width(), colour=colour)
    typer.echo(out, nl=False)
    finish_report(corpus)
