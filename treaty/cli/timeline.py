"""``treaty timeline``: positions in date order."""

from __future__ import annotations

from typing import Annotated

import typer

from treaty.cli import completion
from treaty.cli.exits import EXIT_PROBLEMS, EXIT_USAGE, fail, finish_report
from treaty.cli.options import (
    AsOfOption,
    ReportFormat,
    RootOption,
    TablefmtOption,
    TreatyOption,
    check_known,
    load_corpus,
    parse_as_of,
    parse_day_option,
    table_format_for,
)
from treaty.cli.terminal import safe, terminal_width, wants_colour


def timeline(
    clause_id: Annotated[
        str | None,
        typer.Argument(
            metavar="[ID]",
            help="Only this clause (an id or its file's path). Default: every clause.",
            show_default=False,
            autocompletion=completion.CLAUSES,
        ),
    ] = None,
    treaty: TreatyOption = None,
    party: Annotated[
        list[str] | None,
        typer.Option(
            "--party",
            "-p",
            metavar="PARTY",
            help="Only this party (repeatable).",
            show_default=False,
            autocompletion=completion.PARTIES,
        ),
    ] = None,
    as_of: AsOfOption = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="YYYY-MM-DD",
            help="Only positions dated on or after this day.",
            show_default=False,
        ),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(
            "--until",
            metavar="YYYY-MM-DD",
            help="Only positions dated on or before this day (as --as-of).",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        ReportFormat,
        typer.Option(
            "--format",
            "-f",
            help='json: {"as_of", "changes": [{"date", "clause", "party", "change" (stated, '
            'moved or restated), "from" (null when first stated), "to", "basis", "sources"}]}.',
        ),
    ] = ReportFormat.table,
    tablefmt: TablefmtOption = None,
    root: RootOption = None,
) -> None:
    """Positions in date order: who stated or moved, from what stance to what, citing which
    sources; for one clause or all.

    Exit 0 ok; 1 when some files have problems (their positions are left out); 2 unknown id
    (with a did-you-mean), treaty or party, or bad date."""
    from dataclasses import replace

    from treaty.report import timeline as tl
    from treaty.report.lookup import find_clause

    if as_of is not None and until is not None:
        fail("--until and --as-of say the same: give one")
    day = parse_day_option("--until", until) if until is not None else parse_as_of(as_of)
    first = parse_day_option("--since", since) if since is not None else None
    if first is not None and first > day:
        fail(f"--since {first.isoformat()} is after {day.isoformat()}")
    table_format = table_format_for(fmt, tablefmt)
    corpus = load_corpus(root)
    check_known("treaty", treaty, corpus.treaties)
    check_known("party", party, {p.id for t in corpus.treaties.values() for p in t.parties})
    if clause_id is not None:
        found = find_clause(corpus, clause_id)
        if found.clause is None:
            fail(safe(found.error), EXIT_PROBLEMS if found.invalid else EXIT_USAGE)
        one = found.clause
        ids = {one.id} if not treaty or one.treaty in treaty else set()
        # Only this clause is read (from the index): the others would not be shown anyway.
        steps = tl.build(replace(corpus, clauses={one.id: one}), day, ids, party or (), first)
    else:
        ids = {c.id for c in corpus.clauses.values() if not treaty or c.treaty in treaty}
        steps = tl.build(corpus, day, ids, party or (), first)
    colour = wants_colour(fmt is ReportFormat.table and tablefmt is None)
    out = tl.render(
        steps,
        day,
        fmt.value,
        tablefmt=table_format,
        colour=colour,
        width=terminal_width(),
    )
    typer.echo(out, nl=False, color=colour)
    finish_report(corpus)
