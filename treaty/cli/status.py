"""``treaty status``: which clauses are never-agree, which may-explore."""

from __future__ import annotations

from typing import Annotated

import typer

from treaty.cli.exits import finish_report
from treaty.cli.options import (
    AsOfOption,
    PartyOption,
    ReportFormat,
    RootOption,
    StanceChoice,
    TablefmtOption,
    TreatyOption,
    VerdictChoice,
    check_known,
    load_corpus,
    parse_as_of,
    table_format_for,
)
from treaty.cli.terminal import terminal_width, wants_colour


def status(
    treaty: TreatyOption = None,
    party: PartyOption = None,
    topic: Annotated[
        list[str] | None,
        typer.Option(
            "--topic",
            metavar="TOPIC",
            help="Only clauses with this topic (repeatable).",
            show_default=False,
        ),
    ] = None,
    stance: Annotated[
        list[StanceChoice] | None,
        typer.Option(
            "--stance",
            metavar="STANCE",
            help="Only clauses where a shown party's latest stance is this: never-agree, "
            "may-explore or agree (repeatable).",
            show_default=False,
        ),
    ] = None,
    verdict: Annotated[
        list[VerdictChoice] | None,
        typer.Option(
            "--verdict",
            metavar="VERDICT",
            help="Only clauses with this verdict: never-agree, may-explore, agree, split "
            "or no-position (repeatable).",
            show_default=False,
        ),
    ] = None,
    as_of: AsOfOption = None,
    fmt: Annotated[
        ReportFormat,
        typer.Option(
            "--format",
            "-f",
            help='table and markdown: for people. csv: one row per clause, "<party> '
            'stance|basis|date" columns. json: {"as_of": "YYYY-MM-DD", "clauses": [{"id", '
            '"treaty", "article" ("4.1"), "title", "topics", "verdict", "counted", "silent", '
            '"stances": {"<party>": {"stance", "basis", "date"}}}]} (nulls when a party has '
            "no position; silent: the counted parties with none); stable.",
        ),
    ] = ReportFormat.table,
    tablefmt: TablefmtOption = None,
    root: RootOption = None,
) -> None:
    """Which clauses will the parties never agree to, and which may they explore?

    Per treaty, clauses grouped by verdict (never agree, may explore, agree, split, no
    stated position), with each party's latest stance and its date; a party with no
    position is shown as silent, and a group's heading names the counted parties silent in
    it.

    The verdict rule: never-agree when every counted party with a position rejects the
    clause; agree when every such party agrees; may-explore when none rejects it and at
    least one may explore it; split when they differ; no-position when no counted party has
    a position. A counted party with no position is silent: it is named, never read as a
    stance. Each party's latest position on or before the as-of day counts. The proposer (RU
    for its own drafts) is shown but not counted, unless named with --party; naming parties
    with --party counts exactly those.

    A stance is marked inferred (*) only when every position of the party's current run of
    that stance is inferred: one explicit statement stands until the stance changes.

    Exit 0 ok; 1 when some files have problems (the valid clauses are still reported, the
    others named on stderr); 2 usage error (unknown treaty, party or topic; bad date)."""
    from treaty.model import Stance
    from treaty.report import status_render
    from treaty.report.status import Filters, build
    from treaty.report.verdict import Verdict

    day = parse_as_of(as_of)
    table_format = table_format_for(fmt, tablefmt)
    corpus = load_corpus(root)
    check_known("treaty", treaty, corpus.treaties)
    check_known("party", party, {p.id for t in corpus.treaties.values() for p in t.parties})
    check_known("topic", topic, corpus.topics)
    filters = Filters(
        treaties=treaty or (),
        parties=party or (),
        topics=topic or (),
        stances=[Stance(s.value) for s in stance or ()],
        verdicts=[Verdict(v.value) for v in verdict or ()],
    )
    report = build(corpus, day, filters)
    out = status_render.render(
        report,
        fmt.value,
        tablefmt=table_format,
        width=terminal_width(),
        colour=wants_colour(fmt is ReportFormat.table and tablefmt is None),
    )
    typer.echo(out, nl=False)
    finish_report(corpus)
