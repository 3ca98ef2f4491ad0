"""``treaty sources``: every source and what cites it."""

from __future__ import annotations

from typing import Annotated

import typer

from treaty.cli.exits import finish_report
from treaty.cli.options import (
    ReportFormat,
    RootOption,
    TablefmtOption,
    load_corpus,
    table_format_for,
)
from treaty.cli.terminal import terminal_width


def sources(
    fmt: Annotated[
        ReportFormat,
        typer.Option(
            "--format",
            "-f",
            help='json: {"sources": [{"id", "file", "title", "outlet", "published", "author", '
            '"clauses" (ids), "positions" (count), "treaties" (ids), "cited"}]}.',
        ),
    ] = ReportFormat.table,
    tablefmt: TablefmtOption = None,
    root: RootOption = None,
) -> None:
    """Every registered source with its date, outlet and title, and how many clauses,
    positions and treaties cite it; sources cited by nothing are flagged.

    Exit 0 ok; 1 when some files have problems (what they cite is not counted); 2 usage
    error."""
    from treaty.report import sources as sources_report

    table_format = table_format_for(fmt, tablefmt)
    corpus = load_corpus(root)
    uses = sources_report.build(corpus)
    out = sources_report.render(uses, fmt.value, tablefmt=table_format, width=terminal_width())
    typer.echo(out, nl=False)
    finish_report(corpus)
