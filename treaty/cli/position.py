"""``treaty position add``: a party's position on a clause."""

from __future__ import annotations

from typing import Annotated

import typer

from treaty.cli.edits import report_outcome, writing
from treaty.cli.exits import fail
from treaty.cli.options import BasisChoice, RootOption, StanceChoice, open_project, paired
from treaty.cli.terminal import interactive

_POSITION_OPTIONS = {
    "party": "--party",
    "stance": "--stance",
    "date": "--date",
    "basis": "--basis",
    "rationale": "--rationale",
    "conditions": "--conditions",
}
# `--speaker -` says that the source does not name who spoke that quote.
NOT_NAMED = "-"
BASIS_HELP = (
    "explicit: the quote names the provision or its subject; inferred: the stance is read "
    "into evidence that does not (then --rationale says why)"
)


def position_add(
    clause_id: Annotated[
        str,
        typer.Argument(metavar="ID", help="The clause, e.g. us-russia.4.1.", show_default=False),
    ],
    party: Annotated[str, typer.Option(help="A party of the clause's treaty, e.g. US.")],
    stance: Annotated[StanceChoice, typer.Option(help="never-agree, may-explore or agree.")],
    date: Annotated[str, typer.Option(help="The day the stance was stated, YYYY-MM-DD.")],
    source: Annotated[
        list[str], typer.Option(help="A registered source id (repeat, one per --quote).")
    ],
    quote: Annotated[
        list[str], typer.Option(help="Words of the --source before it, copied exactly.")
    ],
    basis: Annotated[
        BasisChoice | None,
        typer.Option(
            help="explicit: the quote names the provision or its subject; inferred: read "
            "into it (then --rationale). No default: asked in a terminal, else required.",
            show_default=False,
        ),
    ] = None,
    rationale: Annotated[
        str | None, typer.Option(help="Why the quote supports the stance (needed if inferred).")
    ] = None,
    conditions: Annotated[
        list[str] | None,
        typer.Option("--conditions", "--condition", help="A condition attached (repeat)."),
    ] = None,
    speaker: Annotated[
        list[str] | None,
        typer.Option(
            help="Who said the --quote in the same place, as the source names them (repeat, "
            'one per --quote; "-" where the source names nobody). Never guess.',
            show_default=False,
        ),
    ] = None,
    root: RootOption = None,
) -> None:
    """Add a party's position to a clause, keeping every other byte of its file.

    Each quote is checked against its source first; a quote that is not there is refused
    with the closest passage. The result is checked like `treaty validate` before it is
    written, dates included: a position dated after every one of its sources was published,
    or before its draft, is refused. The position goes after the party's earlier ones (date
    order). Refused if the file changed meanwhile. --basis has no default: a terminal asks
    for it, anything else must give it. Exit 0 when added, 1 when refused, 2 on usage
    errors."""
    from treaty.edit.position_add import NewPosition, add_position
    from treaty.errors import UnknownClause

    evidence = paired(source, quote)
    speakers = _speakers(speaker, len(evidence))
    project = open_project(root)
    new_position = NewPosition(
        party=party,
        stance=stance.value,
        date=date,
        evidence=evidence,
        speakers=speakers,
        basis=(basis or _ask_basis()).value,
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


def _speakers(given: list[str] | None, quotes: int) -> list[str | None]:
    """One speaker per quote, in order (None where the source names nobody)."""
    if not given:
        return [None] * quotes
    if len(given) != quotes:
        fail(
            f"give each --quote its --speaker, in order ({quotes} --quote, {len(given)} "
            f'--speaker); "--speaker {NOT_NAMED}" where the source names nobody'
        )
    return [None if s.strip() == NOT_NAMED else s for s in given]


def _ask_basis() -> BasisChoice:
    """The basis, asked for: it is never assumed, since explicit is the stronger claim."""
    if not interactive():
        fail(f"missing --basis: {BASIS_HELP}")
    typer.echo(f"Basis: {BASIS_HELP}.")
    choices = " or ".join(b.value for b in BasisChoice)
    while True:
        answer = str(typer.prompt(f"Basis ({choices})")).strip()
        if answer in BasisChoice.__members__:
            return BasisChoice(answer)
        typer.echo(f"Choose {choices}.")
