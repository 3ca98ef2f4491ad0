"""The command line: parse arguments, call the core, print, and choose the exit code.

The only module that imports typer or prints. Commands import what they use inside their
bodies, so that ``--help`` and the pre-commit path stay quick.

Exit codes: 0 success; 1 problems found (or a check failed); 2 usage error, or no project;
3 internal error (a bug in treaty, reported with its traceback).
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

if TYPE_CHECKING:  # for annotations only: the CLI imports the core lazily
    import datetime as dt

    from treaty.validate import Corpus

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 3

app = typer.Typer(
    name="treaty",
    help=(
        "Track the clauses of draft treaties, each party's position on them, "
        "and the quotes that back every position.\n\n"
        "Exit codes: 0 ok, 1 problems found, 2 usage error or no project, 3 internal error."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    suggest_commands=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)

RootOption = Annotated[
    Path | None,
    typer.Option(
        "--root",
        help="Project folder (has clauses/ and seeds/). Default: $TREATY_ROOT, or the nearest "
        "such folder from the current one upwards.",
        file_okay=False,
        show_default=False,
    ),
]


class ProblemFormat(StrEnum):
    text = "text"
    json = "json"
    github = "github"


def _fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    typer.echo(f"treaty: {message}", err=True)
    raise typer.Exit(code)


def _project(root: Path | None):  # type: ignore[no-untyped-def]
    from treaty.project import ProjectNotFound, find_project

    try:
        return find_project(root=root)
    except ProjectNotFound as exc:
        _fail(str(exc))


@app.command()
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Files to check (clause, treaty, topics, registry or source files). "
            "Default: the whole project. Cross-file rules always see the whole project.",
            show_default=False,
        ),
    ] = None,
    root: RootOption = None,
    fmt: Annotated[
        ProblemFormat,
        typer.Option(
            "--format",
            "-f",
            help="text: path:line:col: CODE message. json: {version, ok, files_checked, "
            "problems: [{path, line, column, code, name, message}]}. github: workflow "
            "annotations.",
        ),
    ] = ProblemFormat.text,
    max_bytes: Annotated[int, typer.Option(help="Largest YAML file read, in bytes.", min=1)] = 1024
    * 1024,
) -> None:
    """Check every clause, treaty and source file; report every problem with its place.

    Never writes a file. Exit 0 when clean, 1 when there are problems, 2 on usage errors."""
    from treaty.problem_report import FORMATS
    from treaty.validate import validate as run
    from treaty.yamlio import Limits

    project = _project(root)
    if paths:
        outside = [
            p
            for p in paths
            if not p.absolute().resolve().is_relative_to(project.root)
            and not p.absolute().parent.resolve().is_relative_to(project.root)
        ]
        if outside:
            _fail(f"{outside[0]} is not inside the project at {project.root}")
    result = run(project, paths or None, Limits(max_bytes=max_bytes))
    typer.echo(FORMATS[fmt.value](result), nl=False)
    raise typer.Exit(EXIT_OK if result.ok else EXIT_PROBLEMS)


@app.command()
def schema(
    check: Annotated[
        bool,
        typer.Option("--check", help="Write nothing; exit 1 if schemas/ differs from the models."),
    ] = False,
    root: RootOption = None,
) -> None:
    """Regenerate the JSON Schemas in schemas/ from the models (the source of truth)."""
    from treaty import schemas

    folder = _project(root).schemas_dir
    if check:
        drift = schemas.check(folder)
        for item in drift:
            state = "missing" if item.missing else "differs from the models"
            typer.echo(f"{item.path}: {state}")
        if drift:
            typer.echo("run `treaty schema` to regenerate", err=True)
            raise typer.Exit(EXIT_PROBLEMS)
        typer.echo(f"ok: {len(schemas.SCHEMAS)} schemas match the models")
        return
    written = schemas.write(folder)
    for path in written:
        typer.echo(f"wrote {path}")
    if not written:
        typer.echo("schemas are up to date")


# --- Reports: status, show, sources, timeline ------------------------------------------------


class ReportFormat(StrEnum):
    table = "table"
    markdown = "markdown"
    csv = "csv"
    json = "json"


class ShowFormat(StrEnum):
    text = "text"
    json = "json"


# Mirrors of treaty.model.Stance and treaty.verdict.Verdict, so that --help need not import
# pydantic; tests/test_reports_cli.py checks they stay the same.
class StanceChoice(StrEnum):
    NEVER_AGREE = "never-agree"
    MAY_EXPLORE = "may-explore"
    AGREE = "agree"


class VerdictChoice(StrEnum):
    NEVER_AGREE = "never-agree"
    MAY_EXPLORE = "may-explore"
    SPLIT = "split"
    NO_POSITION = "no-position"


AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="YYYY-MM-DD",
        help="Report each party's latest position on or before this day. Default: today.",
        show_default=False,
    ),
]
TablefmtOption = Annotated[
    str | None,
    typer.Option(
        "--tablefmt",
        metavar="NAME",
        help="Draw the table in any tabulate format (grid, psql, rst, html, latex, ...) "
        "instead of the default; only with --format table.",
        show_default=False,
    ),
]
PartyOption = Annotated[
    list[str] | None,
    typer.Option(
        "--party",
        "-p",
        metavar="PARTY",
        help="Only this party (repeatable). Named parties are shown and are exactly the ones "
        "the verdict counts, the proposer included if named.",
        show_default=False,
    ),
]
TreatyOption = Annotated[
    list[str] | None,
    typer.Option(
        "--treaty",
        "-t",
        metavar="TREATY",
        help="Only this treaty (repeatable).",
        show_default=False,
    ),
]


def _as_of(value: str | None) -> dt.date:
    import datetime as dt
    import re

    if value is None:
        return dt.date.today()
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        _fail(f'--as-of "{_safe(value)}" is not a day written YYYY-MM-DD')
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        _fail(f'--as-of "{value}" is not a real day: {exc}')


def _safe(text: str) -> str:
    from treaty.safe_text import escape

    return escape(text)


def _tablefmt(fmt: ReportFormat, tablefmt: str | None) -> str:
    from tabulate import tabulate_formats

    from treaty.fields import did_you_mean
    from treaty.tables import TABLE

    if tablefmt is None:
        return TABLE
    if fmt is not ReportFormat.table:
        _fail(f"--tablefmt applies only to --format table, not --format {fmt.value}")
    if tablefmt not in tabulate_formats:
        _fail(
            f'unknown --tablefmt "{_safe(tablefmt)}"{did_you_mean(tablefmt, tabulate_formats)}; '
            f"known: {', '.join(sorted(tabulate_formats))}"
        )
    return tablefmt


def _width() -> int | None:
    """The terminal's width, or None when output goes elsewhere and COLUMNS is unset."""
    import os
    import shutil

    if sys.stdout.isatty() or os.environ.get("COLUMNS"):
        return shutil.get_terminal_size().columns
    return None


def _colour(fmt: ReportFormat, tablefmt: str | None) -> bool:
    """Colour only for people: the default table, on a terminal, NO_COLOR unset."""
    import os

    return (
        fmt is ReportFormat.table
        and tablefmt is None
        and sys.stdout.isatty()
        and "NO_COLOR" not in os.environ
        and os.environ.get("TERM") != "dumb"
    )


def _corpus(root: Path | None) -> Corpus:
    from treaty.validate import validate as run

    return run(_project(root)).corpus


def _check_known(kind: str, given: list[str] | None, known: Iterable[str]) -> None:
    from treaty.lookup import unknown

    message = unknown(kind, given or [], known)
    if message:
        _fail(_safe(message))


def _finish(corpus: Corpus) -> NoReturn:
    """Exit 0, or 1 after naming on stderr the files left out because they have problems."""
    if corpus.invalid:
        n = len(corpus.invalid)
        files = "1 file has" if n == 1 else f"{n} files have"
        them = "it" if n == 1 else "them"
        typer.echo(
            f"treaty: {files} problems, and this report may be incomplete without {them}:",
            err=True,
        )
        for path in corpus.invalid:
            typer.echo(f"  {_safe(path)}", err=True)
        typer.echo("treaty: run `treaty validate` to see the problems", err=True)
        raise typer.Exit(EXIT_PROBLEMS)
    raise typer.Exit(EXIT_OK)


@app.command()
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
            help="Only clauses with this verdict: never-agree, may-explore, split or "
            "no-position (repeatable).",
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
            '"treaty", "article" ("4.1"), "title", "topics", "verdict", "stances": {"<party>": '
            '{"stance", "basis", "date"}}}]} (nulls when a party has no position); stable.',
        ),
    ] = ReportFormat.table,
    tablefmt: TablefmtOption = None,
    root: RootOption = None,
) -> None:
    """Which clauses will the parties never agree to, and which may they explore?

    Per treaty, clauses grouped by verdict (never agree, may explore, split, no stated
    position), with each party's latest stance (* marks an inferred one) and its date.

    The verdict rule: never-agree when every counted party with a position rejects the
    clause; may-explore when every such party may explore it or agrees; split when they
    differ; no-position when no counted party has a position. Each party's latest position
    on or before the as-of day counts. The proposer (RU for its own drafts) is shown but not
    counted, unless named with --party; naming parties with --party counts exactly those.

    Exit 0 ok; 1 when some files have problems (the valid clauses are still reported, the
    others named on stderr); 2 usage error (unknown treaty, party or topic; bad date)."""
    from treaty import status_render
    from treaty.model import Stance
    from treaty.status_report import Filters, build
    from treaty.verdict import Verdict

    day = _as_of(as_of)
    table_format = _tablefmt(fmt, tablefmt)
    corpus = _corpus(root)
    _check_known("treaty", treaty, corpus.treaties)
    _check_known("party", party, {p.id for t in corpus.treaties.values() for p in t.parties})
    _check_known("topic", topic, corpus.topics)
    filters = Filters(
        treaties=treaty or (),
        parties=party or (),
        topics=topic or (),
        stances=[Stance(s.value) for s in stance or ()],
        verdicts=[Verdict(v.value) for v in verdict or ()],
    )
    report = build(corpus, day, filters)
    out = status_render.render(
        report, fmt.value, tablefmt=table_format, width=_width(), colour=_colour(fmt, tablefmt)
    )
    typer.echo(out, nl=False)
    _finish(corpus)


@app.command()
def show(
    clause_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="A clause id such as us-russia.4.1, or the path of its file.",
            show_default=False,
        ),
    ],
    as_of: AsOfOption = None,
    fmt: Annotated[
        ShowFormat,
        typer.Option(
            "--format",
            "-f",
            help="text for people; json: the clause's fields, its positions as of the day with "
            "each quote's source title, outlet and date, the verdict, the counted parties and "
            "the related clauses' verdicts.",
        ),
    ] = ShowFormat.text,
    root: RootOption = None,
) -> None:
    """The whole clause: its text, where it is reported, each party's positions over time
    with basis, rationale, conditions and evidence, and related clauses with their verdicts.

    Exit 0 ok; 1 when the clause's file (or another) has problems; 2 unknown id (with a
    did-you-mean) or bad date."""
    from treaty import clause_report
    from treaty.lookup import find_clause

    day = _as_of(as_of)
    corpus = _corpus(root)
    found = find_clause(corpus, clause_id)
    if found.clause is None:
        _fail(_safe(found.error), EXIT_PROBLEMS if found.invalid else EXIT_USAGE)
    view = clause_report.build(corpus, found.clause, day)
    if fmt is ShowFormat.json:
        out = clause_report.as_json(view)
    else:
        out = clause_report.as_text(view, _width() or 80)
    typer.echo(out, nl=False)
    _finish(corpus)


@app.command()
def sources(
    fmt: Annotated[
        ReportFormat,
        typer.Option(
            "--format",
            "-f",
            help='json: {"sources": [{"id", "file", "title", "outlet", "published", "author", '
            '"clauses" (ids), "positions" (count), "treaties" (ids), "cited"}]}.',
        ),
    ] = ReportFormat.table,
    tablefmt: TablefmtOption = None,
    root: RootOption = None,
) -> None:
    """Every registered source with its date, outlet and title, and how many clauses,
    positions and treaties cite it; sources cited by nothing are flagged.

    Exit 0 ok; 1 when some files have problems (what they cite is not counted); 2 usage
    error."""
    from treaty import sources_report

    table_format = _tablefmt(fmt, tablefmt)
    corpus = _corpus(root)
    uses = sources_report.build(corpus)
    out = sources_report.render(uses, fmt.value, tablefmt=table_format, width=_width())
    typer.echo(out, nl=False)
    _finish(corpus)


@app.command()
def timeline(
    clause_id: Annotated[
        str | None,
        typer.Argument(
            metavar="[ID]",
            help="Only this clause (an id or its file's path). Default: every clause.",
            show_default=False,
        ),
    ] = None,
    treaty: TreatyOption = None,
    party: Annotated[
        list[str] | None,
        typer.Option(
            "--party",
            "-p",
            metavar="PARTY",
            help="Only this party (repeatable).",
            show_default=False,
        ),
    ] = None,
    as_of: AsOfOption = None,
    fmt: Annotated[
        ReportFormat,
        typer.Option(
            "--format",
            "-f",
            help='json: {"as_of", "changes": [{"date", "clause", "party", "change" (stated, '
            'moved or restated), "from" (null when first stated), "to", "basis", "sources"}]}.',
        ),
    ] = ReportFormat.table,
    tablefmt: TablefmtOption = None,
    root: RootOption = None,
) -> None:
    """Positions in date order: who stated or moved, from what stance to what, citing which
    sources; for one clause or all.

    Exit 0 ok; 1 when some files have problems (their positions are left out); 2 unknown id
    (with a did-you-mean), treaty or party, or bad date."""
    from treaty import timeline as tl
    from treaty.lookup import find_clause

    day = _as_of(as_of)
    table_format = _tablefmt(fmt, tablefmt)
    corpus = _corpus(root)
    _check_known("treaty", treaty, corpus.treaties)
    _check_known("party", party, {p.id for t in corpus.treaties.values() for p in t.parties})
    ids = {c.id for c in corpus.clauses.values() if not treaty or c.treaty in treaty}
    if clause_id is not None:
        found = find_clause(corpus, clause_id)
        if found.clause is None:
            _fail(_safe(found.error), EXIT_PROBLEMS if found.invalid else EXIT_USAGE)
        ids &= {found.clause.id}
    steps = tl.build(corpus, day, ids, party or ())
    out = tl.render(steps, day, fmt.value, tablefmt=table_format, colour=_colour(fmt, tablefmt))
    typer.echo(out, nl=False)
    _finish(corpus)


def main() -> int:
    """Entry point: run the app; turn an unexpected exception into exit 3, loudly."""
    try:
        app(prog_name="treaty")
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except KeyboardInterrupt:
        return 130
    except Exception:  # a bug: never pass it off as a validation problem
        traceback.print_exc()
        print(
            "treaty: internal error — this is a bug in treaty, not a problem in your files. "
            "Please report it with the traceback above.",
            file=sys.stderr,
        )
        return EXIT_BUG
    return EXIT_OK
