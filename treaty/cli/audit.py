"""``treaty audit``: what the corpus does not yet say, and what its sources say that no
position cites."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from treaty.audit.kinds import Kind
from treaty.cli.exits import EXIT_PROBLEMS, finish_report
from treaty.cli.options import RootOption, TreatyOption, check_known, load_corpus
from treaty.cli.terminal import terminal_width


class AuditFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"


def audit(
    treaty: TreatyOption = None,
    kind: Annotated[
        list[Kind] | None,
        typer.Option(
            "--kind",
            "-k",
            metavar="KIND",
            help="Only this kind of finding (repeatable): "
            + ", ".join(k.value for k in Kind)
            + ".",
            show_default=False,
        ),
    ] = None,
    reuse: Annotated[
        int,
        typer.Option(
            "--reuse",
            min=2,
            metavar="N",
            help="List an evidence quote that backs positions on N or more clauses.",
        ),
    ] = 3,
    min_share: Annotated[
        int,
        typer.Option(
            "--min-share",
            min=0,
            max=100,
            metavar="PERCENT",
            help="List a cited source when fewer than this share of its sentences is quoted.",
        ),
    ] = 20,
    fmt: Annotated[
        AuditFormat,
        typer.Option(
            "--format",
            "-f",
            help='text for the terminal, markdown for notes; json: {"version": 1, "treaties", '
            '"phrases", "notes", "total", "counts": {"<kind>": n}, "findings": {"<kind>": '
            "[...]}} (README, `treaty audit`); stable.",
        ),
    ] = AuditFormat.text,
    strict: Annotated[
        bool,
        typer.Option("--strict", help="Exit 1 when anything is listed (for CI)."),
    ] = False,
    root: RootOption = None,
) -> None:
    """What the corpus does not yet say: a worklist.

    Lists the provisions a treaty file lists that have no clause file; clauses some counted
    party has no position on, and parties with no position at all; sources nobody cites or
    whose sentences are barely quoted; sentences of sources that state or signal a stance
    (the phrases of clauses/audit-phrases.yaml) that no position's evidence quotes, with the
    clauses their words suggest; and weak support: verdicts resting only on inferred
    positions, one quote backing positions on many clauses, quotes found more than once in
    their source, positions whose evidence names no speaker.

    Exit 0 when it ran, whatever it lists (it advises); with --strict, 1 when it lists
    anything; 1 when some files have problems (named on stderr, as `status` does); 2 usage
    error."""
    from treaty.audit.build import Settings
    from treaty.audit.build import audit as run
    from treaty.audit.render import render

    corpus = load_corpus(root)
    check_known("treaty", treaty, corpus.treaties)
    settings = Settings(
        treaties=treaty or (),
        kinds=list(kind or ()),
        reuse=reuse,
        min_share=min_share / 100,
    )
    result = run(corpus, settings)
    typer.echo(render(result, fmt.value, terminal_width()), nl=False)
    if strict and result.count() and not corpus.invalid:
        typer.echo(f"treaty: {result.count()} findings (--strict)", err=True)
        raise typer.Exit(EXIT_PROBLEMS)
    finish_report(corpus)
