"""``treaty position add`` and ``treaty position remove``: a party's position on clauses."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from treaty.cli import completion
from treaty.cli.asking import Asking
from treaty.cli.edits import report_outcome, writing
from treaty.cli.exits import fail
from treaty.cli.options import BasisChoice, RootOption, StanceChoice, open_project
from treaty.cli.quotes import QuoteFileOption, paired_quotes, quote_check
from treaty.cli.terminal import interactive, safe

if TYPE_CHECKING:
    from treaty.edit.answers import Answers

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
    ctx: typer.Context,
    clause_ids: Annotated[
        list[str],
        typer.Argument(
            metavar="ID",
            help="The clause, e.g. us-russia.4.1; several for one statement that bears on "
            "each of them.",
            show_default=False,
            autocompletion=completion.CLAUSES,
        ),
    ],
    party: Annotated[
        str | None,
        typer.Option(
            metavar="PARTY",
            help="A party of the clause's treaty, e.g. US.",
            autocompletion=completion.PARTIES,
        ),
    ] = None,
    stance: Annotated[
        StanceChoice | None,
        typer.Option(help="never-agree, may-explore or agree.", show_default=False),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(metavar="YYYY-MM-DD", help="The day the stance was stated."),
    ] = None,
    source: Annotated[
        list[str] | None,
        typer.Option(
            metavar="ID",
            help="A registered source (repeat: one per quote, in order).",
            autocompletion=completion.SOURCES,
        ),
    ] = None,
    quote: Annotated[
        list[str] | None,
        typer.Option(help="Words of the --source before it, copied exactly; - reads stdin."),
    ] = None,
    quote_file: QuoteFileOption = None,
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
    """Add a party's position to one clause or several, keeping every other byte of each file.

    Quotes come from --quote, --quote-file (no shell quoting) or standard input (--quote -),
    paired with --source in order; in a terminal, what is missing is asked for and each
    answer checked as it is given; --basis is never assumed. Every file is checked like
    `treaty validate` with the position in it, dates included (a position dated after every
    one of its sources was published, or before its draft, is refused), and nothing is
    written unless all of them are valid; the position goes after the party's earlier ones
    (date order). Exit 0 when added, 1 when refused (nothing written), 2 on usage errors."""
    from treaty.edit.position_add import NewPosition, add_position, clause_files
    from treaty.errors import UnknownClause
    from treaty.project import canonical

    project = open_project(root)
    asking = Asking(ctx)
    with asking.replaying():
        try:
            paths = clause_files(project, clause_ids)
        except UnknownClause as exc:
            fail(str(exc))
        treaties = sorted({p.parent.name for p in paths})
        given = (("--party", party), ("--stance", stance), ("--date", date), ("--basis", basis))
        missing = [name for name, value in given if value is None]
        missing += [] if source else ["--source"]
        answers = None
        if missing and not interactive():
            if missing == ["--basis"]:
                fail(f"missing --basis: {BASIS_HELP}")
            why = f"; --basis: {BASIS_HELP}" if basis is None else ""
            fail(f"missing {', '.join(missing)} (give them as options, or run in a terminal){why}")
        if missing:
            from treaty.edit.answers import Answers

            answers = Answers.of(project)
            party, stance, date, source = _ask(
                asking, answers, treaties, party, stance, date, source
            )
            basis = basis or _ask_basis(asking)
        check = quote_check(answers, project)
        evidence = paired_quotes(ctx, source, quote, quote_file, asking, check)
        assert party is not None and stance is not None and date is not None
        assert basis is not None
        new_position = NewPosition(
            party=party,
            stance=stance.value,
            date=date,
            evidence=evidence,
            speakers=_speakers(speaker, len(evidence)),
            basis=basis.value,
            rationale=rationale,
            conditions=list(conditions or []),
        )
        with writing():
            outcome, added = add_position(project, clause_ids, new_position)
        if not outcome.ok:
            report_outcome(outcome, _POSITION_OPTIONS)
    written = {canonical(p) for p in outcome.written}
    for path in paths:  # in the order given
        if canonical(path) in written:
            typer.echo(
                f"added {safe(party)} {stance.value} of {safe(date)} to "
                f"{safe(project.display(path))}:{added.line.get(path, 1)}"
            )


def _ask(
    asking: Asking,
    answers: Answers,
    treaties: list[str],
    party: str | None,
    stance: StanceChoice | None,
    date: str | None,
    source: list[str] | None,
) -> tuple[str, StanceChoice, str, list[str]]:
    """Ask for what is missing, each answer checked when it is given."""
    if party is None:
        known = sorted({p for t in treaties for p in answers.parties(t)})

        def party_ok(value: str) -> str | None:
            return next((w for w in (answers.party(t, value) for t in treaties) if w), None)

        party = asking.ask(f"Party ({', '.join(known)})", "--party", party_ok)
    if stance is None:
        choices = [s.value for s in StanceChoice]

        def stance_ok(value: str) -> str | None:
            return None if value in choices else f"Choose {', '.join(choices)}."

        stance = StanceChoice(asking.ask(f"Stance ({', '.join(choices)})", "--stance", stance_ok))
    if date is None:
        date = asking.ask("Day the stance was stated (YYYY-MM-DD)", "--date", answers.day)
    if not source:
        source = [asking.ask("Source id (`treaty sources` lists them)", "--source", answers.source)]
    return party, stance, date, source


def position_remove(
    clause_id: Annotated[
        str,
        typer.Argument(metavar="ID", help="The clause, e.g. us-russia.4.1.", show_default=False),
    ],
    party: Annotated[str, typer.Option(metavar="PARTY", help="Whose position, e.g. US.")],
    date: Annotated[
        str, typer.Option(metavar="YYYY-MM-DD", help="The day of the position to remove.")
    ],
    stance: Annotated[
        StanceChoice | None,
        typer.Option(help="Its stance, when the party has several that day.", show_default=False),
    ] = None,
    source: Annotated[
        str | None,
        typer.Option(metavar="ID", help="A source it cites, when that is what tells them apart."),
    ] = None,
    root: RootOption = None,
) -> None:
    """Remove one position from a clause, keeping every other byte of its file.

    The position is the party's of that day (and stance, and citing that source, when
    given). No match, or several, is refused with the positions that are there. Removing
    what `treaty position add` added gives back the file as it was. Exit 0 when removed, 1
    when refused (nothing written), 2 on usage errors."""
    from treaty.edit.position_remove import Match, remove_position
    from treaty.errors import UnknownClause

    project = open_project(root)
    match = Match(party, date, stance.value if stance else None, source)
    try:
        with writing():
            outcome, removed = remove_position(project, clause_id, match)
    except UnknownClause as exc:
        fail(str(exc))
    if not outcome.ok:
        report_outcome(outcome, {})
    for path in outcome.written:
        typer.echo(
            f"removed {safe(removed.summary)} from {safe(project.display(path))} "
            f"(it was at line {removed.line})"
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


def _ask_basis(asking: Asking) -> BasisChoice:
    """The basis, asked for: it is never assumed, since explicit is the stronger claim."""
    typer.echo(f"Basis: {BASIS_HELP}.")
    choices = " or ".join(b.value for b in BasisChoice)

    def basis_ok(value: str) -> str | None:
        return None if value in BasisChoice.__members__ else f"Choose {choices}."

    return BasisChoice(asking.ask(f"Basis ({choices})", "--basis", basis_ok))
