"""``treaty new``: a new clause file."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from treaty.cli import completion
from treaty.cli.asking import Asking, Check
from treaty.cli.edits import report_outcome, writing
from treaty.cli.exits import fail
from treaty.cli.options import RootOption, TextKindChoice, open_project, split_values
from treaty.cli.quotes import QuoteFileOption, paired_quotes, quote_check
from treaty.cli.terminal import interactive, safe

if TYPE_CHECKING:
    from treaty.edit.answers import Answers
    from treaty.project import Project

_NEW_OPTIONS = {
    "id": "ID",
    "treaty": "ID",
    "article": "ID",
    "paragraph": "ID",
    "title": "--title",
    "topics": "--topics",
    "binds": "--binds",
    "text": "--text",
    "text_kind": "--text-kind",
    "related": "--related",
    "notes": "--notes",
}


def new(
    ctx: typer.Context,
    clause_id: Annotated[
        str | None,
        typer.Argument(
            metavar="ID",
            help="<treaty>.<article>[.<paragraph>], e.g. us-russia.4.1",
            show_default=False,
            autocompletion=completion.NEW_CLAUSE,
        ),
    ] = None,
    title: Annotated[str | None, typer.Option(help="A short name for the provision.")] = None,
    topics: Annotated[
        list[str] | None,
        typer.Option(
            help="Topics from clauses/topics.yaml (repeat, or separate by commas).",
            autocompletion=completion.TOPIC_LIST,
        ),
    ] = None,
    binds: Annotated[
        list[str] | None,
        typer.Option(
            help="Ids of the parties the provision binds (repeat, or commas).",
            autocompletion=completion.PARTY_LIST,
        ),
    ] = None,
    text: Annotated[
        str | None, typer.Option(help="The provision's wording or a paraphrase.")
    ] = None,
    text_kind: Annotated[
        TextKindChoice | None,
        typer.Option(help="verbatim (the draft's own words) or paraphrase.", show_default=False),
    ] = None,
    source: Annotated[
        list[str] | None,
        typer.Option(
            metavar="ID",
            help="A source reporting the provision (one per quote).",
            autocompletion=completion.SOURCES,
        ),
    ] = None,
    quote: Annotated[
        list[str] | None,
        typer.Option(help="The passage of the --source before it; - reads stdin."),
    ] = None,
    quote_file: QuoteFileOption = None,
    related: Annotated[
        list[str] | None,
        typer.Option(
            help="Ids of clauses on the same subject.", autocompletion=completion.CLAUSE_LIST
        ),
    ] = None,
    notes: Annotated[str | None, typer.Option(help="Free text.")] = None,
    root: RootOption = None,
) -> None:
    """Create a new clause file from options; checked first, never overwriting.

    The file is clauses/<treaty>/<article>[.<paragraph>].yaml. Asks for what is missing
    when run in a terminal, checking each answer as it is given (a topic or party typo is
    caught at its prompt); otherwise names all that is missing and exits 2. The file is
    checked like `treaty validate` before it is written (unknown topics, parties, sources or
    a quote not in its source are refused), starts with the schema modeline, and is never
    written over an existing file. Exit 0 when created, 1 when refused."""
    from treaty.edit.new import NewClause, new_clause
    from treaty.errors import InvalidId
    from treaty.safe_text import escape

    project = open_project(root)
    wanted: dict[str, str | list[str] | None] = {
        "ID": clause_id,
        "--title": title,
        "--topics": split_values(topics) or None,
        "--binds": split_values(binds) or None,
        "--text": text,
        "--text-kind": text_kind.value if text_kind else None,
    }
    missing = [name for name, value in wanted.items() if value is None]
    if missing and not interactive():
        fail(f"missing {', '.join(missing)} (give them as options, or run in a terminal)")
    asking = Asking(ctx)
    with asking.replaying():
        answers = None
        if missing:
            from treaty.edit.answers import Answers

            answers = Answers.of(project)
            for name in missing:
                wanted[name] = _ask(name, asking, answers, project, str(wanted["ID"]))
        pairs = paired_quotes(ctx, source, quote, quote_file, asking, quote_check(answers, project))
        clause = NewClause(
            id=str(wanted["ID"]),
            title=str(wanted["--title"]),
            topics=list(wanted["--topics"] or []),
            binds=list(wanted["--binds"] or []),
            text=str(wanted["--text"]),
            text_kind=str(wanted["--text-kind"]),
            reported_in=pairs,
            related=split_values(related),
            notes=notes,
        )
        try:
            with writing():
                outcome = new_clause(project, clause)
        except InvalidId as exc:
            fail(str(exc))
        if not outcome.ok:
            report_outcome(outcome, _NEW_OPTIONS)
    for path in outcome.written:
        typer.echo(f"created {escape(project.display(path))}")


def _ask(
    name: str, asking: Asking, answers: Answers, project: Project, clause_id: str
) -> str | list[str]:
    """Prompt for one missing field of `treaty new`, checking the answer when it is given."""
    if name == "ID":
        return asking.ask(
            "Clause id (<treaty>.<article>[.<paragraph>])", "ID", _id_check(answers, project)
        )
    if name == "--topics":
        known = safe(", ".join(answers.corpus.topics))
        return asking.ask_many(f"Topics, separated by commas ({known})", name, answers.topic)
    if name == "--binds":
        treaty = clause_id.partition(".")[0]
        parties = answers.parties(treaty)
        return asking.ask_many(
            f"Parties it binds, separated by commas ({', '.join(parties)})",
            name,
            lambda party: answers.party(treaty, party),
        )
    if name == "--text-kind":
        kinds = [k.value for k in TextKindChoice]

        def kind_ok(value: str) -> str | None:
            return None if value in kinds else f"Choose {' or '.join(kinds)}."

        return asking.ask(f"Text kind ({' or '.join(kinds)})", name, kind_ok, "paraphrase")
    return asking.ask(name.removeprefix("--").capitalize(), name, _not_empty)


def _not_empty(value: str) -> str | None:
    return None if value else "Give some text."


def _id_check(answers: Answers, project: Project) -> Check:
    def check(value: str) -> str | None:
        from treaty.edit.new import clause_path
        from treaty.errors import InvalidId
        from treaty.suggest import suggest

        try:
            path = clause_path(project, value)
        except InvalidId as exc:
            return str(exc)
        treaty = value.partition(".")[0]
        if treaty not in answers.corpus.treaties:
            known = answers.corpus.treaties
            return f'unknown treaty "{treaty}"{suggest(treaty, known)}; known: {", ".join(known)}'
        if path.exists():
            return f"{project.display(path)} exists already; choose another id"
        return None

    return check
