"""``treaty show``: one clause in full."""

from __future__ import annotations

from typing import Annotated

import typer

from treaty.cli import completion
from treaty.cli.exits import EXIT_PROBLEMS, EXIT_USAGE, fail, finish_report
from treaty.cli.options import AsOfOption, RootOption, ShowFormat, load_corpus, parse_as_of
from treaty.cli.terminal import safe, terminal_width


def show(
    clause_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="A clause id such as us-russia.4.1, or the path of its file.",
            show_default=False,
            autocompletion=completion.CLAUSES,
        ),
    ],
    as_of: AsOfOption = None,
    fmt: Annotated[
        ShowFormat,
        typer.Option(
            "--format",
            "-f",
            help="text for people; json: the clause's fields, its positions as of the day with "
            "each quote's source title, outlet and date, the verdict, the counted parties and "
            "the related clauses' verdicts.",
        ),
    ] = ShowFormat.text,
    root: RootOption = None,
) -> None:
    """The whole clause: its text, where it is reported, each party's positions over time
    with basis, rationale, conditions and evidence, and related clauses with their verdicts.

    Exit 0 ok; 1 when the clause's file (or another) has problems; 2 unknown id (with a
    did-you-mean) or bad date."""
    from treaty.report import show as clause_report
    from treaty.report.lookup import find_clause

    day = parse_as_of(as_of)
    corpus = load_corpus(root)
    found = find_clause(corpus, clause_id)
    if found.clause is None:
        fail(safe(found.error), EXIT_PROBLEMS if found.invalid else EXIT_USAGE)
    view = clause_report.build(corpus, found.clause, day)
    if fmt is ShowFormat.json:
        out = clause_report.as_json(view)
    else:
        out = clause_report.as_text(view, terminal_width() or 80)
    typer.echo(out, nl=False)
    finish_report(corpus)
