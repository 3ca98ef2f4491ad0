"""``treaty related add``: clauses on the same subject, named in each other's related."""

from __future__ import annotations

from typing import Annotated

import typer

from treaty.cli.edits import report_outcome, writing
from treaty.cli.exits import fail
from treaty.cli.options import RootOption, open_project
from treaty.cli.terminal import safe


def related_add(
    clause_id: Annotated[
        str,
        typer.Argument(metavar="ID", help="A clause, e.g. us-russia.4.1.", show_default=False),
    ],
    others: Annotated[
        list[str],
        typer.Argument(
            metavar="OTHER",
            help="Clauses on the same subject, e.g. russia-nato.6.",
            show_default=False,
        ),
    ],
    root: RootOption = None,
) -> None:
    """Relate clauses on the same subject, both ways: each OTHER goes into ID's related and
    ID into each OTHER's, where not named already, keeping every other byte of the files.

    All the files are checked like `treaty validate` before any is written. Exit 0 when
    added (or already related), 1 when refused (nothing written), 2 on usage errors."""
    from treaty.edit.related_add import add_related
    from treaty.errors import UsageError

    project = open_project(root)
    try:
        with writing():
            outcome, added = add_related(project, clause_id, others)
    except UsageError as exc:
        fail(str(exc))
    if not outcome.ok:
        report_outcome(outcome, {})
    if not added:
        both = f"{safe(clause_id)} and {safe(', '.join(others))}"
        typer.echo(f"nothing to add: {both} are related both ways already")
    for owner, other in sorted(added, key=lambda pair: pair[0] != clause_id):
        typer.echo(f"added {safe(other)} to the related clauses of {safe(owner)}")
