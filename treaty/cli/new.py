"""``treaty new``: a new clause file."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from treaty.cli import completion
from treaty.cli.edits import report_outcome, writing
from treaty.cli.exits import fail
from treaty.cli.options import RootOption, TextKindChoice, open_project, paired, split_values
from treaty.cli.terminal import interactive

if TYPE_CHECKING:
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
            help="A source reporting the provision (pair each with --quote).",
            autocompletion=completion.SOURCES,
        ),
    ] = None,
    quote: Annotated[
        list[str] | None, typer.Option(help="The passage of the --source before it.")
    ] = None,
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
    when run in a terminal; otherwise names it and exits 2. The file is checked like
    `treaty validate` before it is written (unknown topics, parties, sources or a quote not
    in its source are refused), starts with the schema modeline, and is never written over
    an existing file. Exit 0 when created, 1 when refused."""
    from treaty.edit.new import NewClause, new_clause
    from treaty.errors import InvalidId
    from treaty.safe_text import escape

    project = open_project(root)
    wanted = {
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
    for name in missing:
        wanted[name] = _ask(name, project)
    pairs = paired(source, quote)
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


def _ask(name: str, project: Project) -> str | list[str]:
    """Prompt for one missing field of `treaty new`."""
    if name in ("--topics", "--binds"):
        hint = ""
        if name == "--topics":
            from treaty.cache.run import run
            from treaty.safe_text import escape

            corpus = run(project, [], models=True).corpus
            assert corpus is not None  # asked for with models=True
            known = escape(", ".join(corpus.topics))
            hint = f" ({known})" if known else ""
        answer = typer.prompt(f"{name.removeprefix('--').capitalize()}, separated by commas{hint}")
        return split_values([answer])
    if name == "--text-kind":
        kinds = [k.value for k in TextKindChoice]
        while True:
            answer = str(typer.prompt(f"Text kind ({' or '.join(kinds)})", default="paraphrase"))
            if answer in kinds:
                return answer
            typer.echo(f"Choose {' or '.join(kinds)}.")
    label = {"ID": "Clause id (<treaty>.<article>[.<paragraph>])"}.get(
        name, name.removeprefix("--").capitalize()
    )
    return str(typer.prompt(label))
