"""``treaty position add``: a party's position on a clause."""

from __future__ import annotations

from typing import Annotated

import typer

from treaty.cli import completion
from treaty.cli.edits import report_outcome, writing
from treaty.cli.exits import fail
from treaty.cli.options import BasisChoice, RootOption, StanceChoice, open_project, paired

_POSITION_OPTIONS = {
    "party": "--party",
    "stance": "--stance",
    "date": "--date",
    "basis": "--basis",
    "rationale": "--rationale",
    "conditions": "--conditions",
}


def position_add(
    clause_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="The clause, e.g. us-russia.4.1.",
            show_default=False,
            autocompletion=completion.CLAUSES,
        ),
    ],
    party: Annotated[
        str,
        typer.Option(
            help="A party of the clause's treaty, e.g. US.", autocompletion=completion.PARTIES
        ),
    ],
    stance: Annotated[StanceChoice, typer.Option(help="never-agree, may-explore or agree.")],
    date: Annotated[str, typer.Option(help="The day the stance was stated, YYYY-MM-DD.")],
    source: Annotated[
        list[str],
        typer.Option(
            help="A registered source id (repeat, one per --quote).",
            autocompletion=completion.SOURCES,
        ),
    ],
    quote: Annotated[
        list[str], typer.Option(help="Words of the --source before it, copied exactly.")
    ],
    basis: Annotated[
        BasisChoice,
        typer.Option(help="explicit: the quote names the provision; inferred: read into it."),
    ] = BasisChoice.explicit,
    rationale: Annotated[
        str | None, typer.Option(help="Why the quote supports the stance (needed if inferred).")
    ] = None,
    conditions: Annotated[
        list[str] | None,
        typer.Option("--conditions", "--condition", help="A condition attached (repeat)."),
    ] = None,
    root: RootOption = None,
) -> None:
    """Add a party's position to a clause, keeping every other byte of its file.

    Each quote is checked against its source first; a quote that is not there is refused
    with the closest passage. The result is checked like `treaty validate` before it is
    written; the position goes after the party's earlier ones (date order). Refused if the
    file changed meanwhile. Exit 0 when added, 1 when refused, 2 on usage errors."""
    from treaty.edit.position_add import NewPosition, add_position
    from treaty.errors import UnknownClause

    project = open_project(root)
    new_position = NewPosition(
        party=party,
        stance=stance.value,
        date=date,
        evidence=paired(source, quote),
        basis=basis.value,
        rationale=rationale,
        conditions=list(conditions or []),
    )
    try:
        with writing():
            outcome, index = add_position(project, clause_id, new_position)
    except UnknownClause as exc:
        fail(str(exc))
    if not outcome.ok:
        report_outcome(outcome, _POSITION_OPTIONS)
    from treaty.safe_text import escape

    for path in outcome.written:
        typer.echo(
            f"added {escape(party)} {stance.value} of {escape(date)} to "
            f"{escape(project.display(path))} (positions[{index}])"
        )
