"""``treaty new-treaty``: a treaty file, so that a project of one's own needs no hand-written
``treaty.yaml``."""

from __future__ import annotations

from typing import Annotated

import typer

from treaty.cli.asking import Asking
from treaty.cli.edits import report_outcome, writing
from treaty.cli.exits import fail
from treaty.cli.options import RootOption, open_project
from treaty.cli.quotes import QuoteFileOption, paired_quotes
from treaty.cli.terminal import safe

UNKNOWN = "unknown"

_TREATY_OPTIONS = {
    "id": "ID",
    "title": "--title",
    "proposer": "--proposer",
    "published": "--published",
    "parties": "--party",
    "notes": "--notes",
}


def new_treaty(
    ctx: typer.Context,
    treaty_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="A slug, e.g. russia-nato: the folder clauses/ID/.",
            show_default=False,
        ),
    ],
    title: Annotated[str | None, typer.Option(help="The draft's full title.")] = None,
    party: Annotated[
        list[str] | None,
        typer.Option(
            metavar="ID=NAME",
            help='A party, e.g. US="United States of America" (repeat; at least two).',
        ),
    ] = None,
    proposer: Annotated[
        str | None,
        typer.Option(
            metavar="PARTY",
            help="The party that proposed the draft (not counted in verdicts), or unknown.",
        ),
    ] = None,
    published: Annotated[
        str | None,
        typer.Option(metavar="YYYY-MM-DD", help="The day the draft was made public, or unknown."),
    ] = None,
    source: Annotated[
        list[str] | None,
        typer.Option(metavar="ID", help="A source reporting the draft (one per quote, in order)."),
    ] = None,
    quote: Annotated[
        list[str] | None, typer.Option(help="The passage of the --source before it.")
    ] = None,
    quote_file: QuoteFileOption = None,
    notes: Annotated[str | None, typer.Option(help="Free text.")] = None,
    root: RootOption = None,
) -> None:
    """Create a treaty file, clauses/ID/treaty.yaml; checked first, never overwriting.

    Give its title, its parties (at least two) and who proposed it and when it was made
    public, each of which may be unknown (say unknown, for a multilateral text or an
    undated one). Missing options are named all at once. The file starts with the schema
    modeline and is checked like `treaty validate` before it is written. Exit 0 when
    created, 1 when refused (nothing written), 2 on usage errors."""
    from treaty.edit.new_treaty import NewTreaty, new_treaty
    from treaty.errors import InvalidId

    project = open_project(root)
    missing = [
        name
        for name, value in (
            ("--title", title),
            ("--party", party),
            ("--proposer", proposer),
            ("--published", published),
        )
        if not value
    ]
    if missing:
        fail(f"missing {', '.join(missing)} (--proposer and --published may be unknown)")
    assert title is not None and party is not None and proposer and published
    parties = []
    for given in party:
        pid, eq, name = given.partition("=")
        if not eq or not pid.strip() or not name.strip():
            fail(f'--party "{given}" is not ID=NAME, e.g. US="United States of America"')
        parties.append((pid.strip(), name.strip()))
    asking = Asking(ctx)
    new = NewTreaty(
        id=treaty_id,
        title=title,
        proposer=None if proposer == UNKNOWN else proposer,
        published=None if published == UNKNOWN else published,
        parties=parties,
        reported_in=paired_quotes(ctx, source, quote, quote_file, asking),
        notes=notes,
    )
    try:
        with writing():
            outcome, path = new_treaty(project, new)
    except InvalidId as exc:
        fail(str(exc))
    if not outcome.ok:
        report_outcome(outcome, _TREATY_OPTIONS)
    typer.echo(f"created {safe(project.display(path))}")
    typer.echo(f"next: `treaty new {safe(treaty_id)}.1` for its first clause")
