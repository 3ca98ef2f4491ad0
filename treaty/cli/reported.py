"""``treaty reported add``: where a clause, or a whole treaty, is quoted or paraphrased."""

from __future__ import annotations

from typing import Annotated

import typer

from treaty.cli.asking import Asking
from treaty.cli.edits import report_outcome, writing
from treaty.cli.exits import fail
from treaty.cli.options import RootOption, open_project
from treaty.cli.quotes import QuoteFileOption, paired_quotes, quote_check
from treaty.cli.terminal import safe


def reported_add(
    ctx: typer.Context,
    target: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="A clause (us-russia.4.1) or a whole treaty (us-russia).",
            show_default=False,
        ),
    ],
    source: Annotated[
        list[str],
        typer.Option(metavar="ID", help="A registered source (repeat: one per quote, in order)."),
    ],
    quote: Annotated[
        list[str] | None,
        typer.Option(help="The passage of the --source before it; - reads stdin."),
    ] = None,
    quote_file: QuoteFileOption = None,
    root: RootOption = None,
) -> None:
    """Add where a clause or treaty is reported: a source and the passage that quotes or
    paraphrases it, to its reported_in, keeping every other byte of the file.

    Each quote is checked against its source (refused with the closest passage when it is
    not there) and the file like `treaty validate` before it is written; a quote that is
    there already is refused. In a terminal, a --source without a quote gets it asked for.
    Exit 0 when added, 1 when refused (nothing written), 2 on usage errors."""
    from treaty.edit.reported_add import add_reported
    from treaty.errors import UnknownClause

    project = open_project(root)
    asking = Asking(ctx)
    with asking.replaying():
        pairs = paired_quotes(ctx, source, quote, quote_file, asking, quote_check(None, project))
        try:
            with writing():
                outcome, path = add_reported(project, target, pairs)
        except UnknownClause as exc:
            fail(str(exc))
        if not outcome.ok:
            report_outcome(outcome, {})
    for s, _ in pairs:
        typer.echo(f'added a quote of "{safe(s)}" to {safe(project.display(path))} (reported_in)')
