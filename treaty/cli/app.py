"""The command line: parse arguments, call the core, print, and choose the exit code.

The only module that imports typer or prints. Commands import what they use inside their
bodies, so that ``--help`` and the pre-commit path stay quick.

Exit codes: 0 success; 1 problems found (or a check failed); 2 usage error, or no project;
3 internal error (a bug in treaty, reported with its traceback).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

if TYPE_CHECKING:  # for annotations only: the CLI imports the core lazily
    import datetime as dt

    from treaty.check.results import Corpus
    from treaty.edit.apply import Outcome
    from treaty.edit.fmt import FmtResult
    from treaty.project import Project

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


def _print_version(value: bool) -> None:
    if value:
        from treaty import __version__

        typer.echo(f"treaty {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _options(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            help="Print treaty's version and exit.",
            callback=_print_version,
            is_eager=True,
        ),
    ] = False,
) -> None:
    pass


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
    from treaty.safe_text import escape

    typer.echo(f"treaty: {escape(message)}", err=True)
    raise typer.Exit(code)


def _project(root: Path | None) -> Project:
    from treaty.errors import ProjectNotFound
    from treaty.project import find_project

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
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            help="Check every file afresh; neither read nor write .treaty-cache/.",
        ),
    ] = False,
    no_cache_write: Annotated[
        bool,
        typer.Option(
            "--no-cache-write",
            help="Use .treaty-cache/ but never write it (e.g. on a read-only checkout). "
            "Runs of some files (PATH...) never write it anyway.",
        ),
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs",
            "-j",
            help="Worker processes for files that must be checked. Default: one per CPU "
            "when there are many files, else one.",
            min=1,
            show_default=False,
        ),
    ] = None,
) -> None:
    """Check every clause, treaty and source file; report every problem with its place.

    Results are cached in .treaty-cache/ (the only thing validation writes) and reused while
    the files they came from are unchanged. Exit 0 when clean, 1 when there are problems,
    2 on usage errors."""
    from treaty.cache.run import Options, run
    from treaty.report.problems import FORMATS

    project = _project(root)
    if paths:
        outside = [p for p in paths if not project.contains(p)]
        if outside:
            _fail(f"{outside[0]} is not inside the project at {project.root}")
    options = Options(
        read_cache=not no_cache,
        write_cache=not (no_cache or no_cache_write),
        jobs=jobs,
        max_bytes=max_bytes,
    )
    result = run(project, paths or None, options)
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
    from treaty.edit import schemas as schema_files

    folder = _project(root).schemas_dir
    if check:
        drift = schema_files.check(folder)
        for item in drift:
            state = "missing" if item.missing else "differs from the models"
            typer.echo(f"{item.path}: {state}")
        if drift:
            typer.echo("run `treaty schema` to regenerate", err=True)
            raise typer.Exit(EXIT_PROBLEMS)
        typer.echo(f"ok: {len(schemas.SCHEMAS)} schemas match the models")
        return
    written = schema_files.write(folder)
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


# Mirrors of treaty.model.Stance and treaty.report.verdict.Verdict, so that --help need not import
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

    from treaty.days import parse_day

    if value is None:
        return dt.date.today()
    try:
        day = parse_day(value)
    except ValueError as exc:
        _fail(f'--as-of "{value}" is not a real day: {exc}')
    if day is None:
        _fail(f'--as-of "{_safe(value)}" is not a day written YYYY-MM-DD')
    return day


def _safe(text: str) -> str:
    from treaty.safe_text import escape

    return escape(text)


def _tablefmt(fmt: ReportFormat, tablefmt: str | None) -> str:
    from tabulate import tabulate_formats

    from treaty.report.tables import TABLE
    from treaty.suggest import did_you_mean

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
    from treaty.cache.run import run

    corpus = run(_project(root), models=True).corpus
    assert corpus is not None  # asked for with models=True
    return corpus


def _check_known(kind: str, given: list[str] | None, known: Iterable[str]) -> None:
    from treaty.suggest import unknown

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
    from treaty.model import Stance
    from treaty.report import status_render
    from treaty.report.status import Filters, build
    from treaty.report.verdict import Verdict

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
    from treaty.report import show as clause_report
    from treaty.report.lookup import find_clause

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
    from treaty.report import sources as sources_report

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
    from treaty.report import timeline as tl
    from treaty.report.lookup import find_clause

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


# --- Editing: init, new, position add, source add, fmt (issue 4) ----------------------------


def _split(values: list[str] | None) -> list[str]:
    """Repeated and comma-separated values as one list: --topics a,b --topics c."""
    return [part.strip() for value in values or [] for part in value.split(",") if part.strip()]


def _pairs(sources: list[str] | None, quotes: list[str] | None) -> list[tuple[str, str]]:
    sources, quotes = sources or [], quotes or []
    if len(sources) != len(quotes):
        _fail(
            f"give each --source its --quote, in order ({len(sources)} --source, "
            f"{len(quotes)} --quote)"
        )
    return list(zip(sources, quotes, strict=True))


def _interactive() -> bool:
    return sys.stdin.isatty()


@contextmanager
def _writing() -> Iterator[None]:
    """A file system that refuses a write (read-only, full, no permission) is the user's
    situation, not a bug: say so, and that the original files are as they were."""
    try:
        yield
    except OSError as exc:
        where = f" {exc.filename}" if exc.filename else ""
        _fail(f"cannot write{where}: {exc.strerror or exc}; nothing was changed", EXIT_PROBLEMS)


def _report_outcome(outcome: Outcome, options: dict[str, str]) -> None:
    """Print why an edit wrote nothing, and exit 1."""
    from treaty.problems import Code
    from treaty.report.problems import problem_line
    from treaty.safe_text import escape

    for p in outcome.problems:
        typer.echo(problem_line(p))
    for rejected in outcome.rejected:
        option = _option_for(rejected.field, options)
        hint = f" ({option})" if option else ""
        typer.echo(problem_line(rejected.problem, placed=False) + hint)
    if outcome.refusal:
        typer.echo(f"treaty: {escape(outcome.refusal)}", err=True)
    if outcome.problems and not outcome.rejected and not outcome.refusal:
        fix = any(p.code not in (Code.EDIT_CONFLICT, Code.FILE_EXISTS) for p in outcome.problems)
        if fix:
            typer.echo("treaty: fix the problems above first; nothing written", err=True)
            raise typer.Exit(EXIT_PROBLEMS)
    typer.echo("treaty: nothing written", err=True)
    raise typer.Exit(EXIT_PROBLEMS)


def _option_for(loc: tuple[str | int, ...], options: dict[str, str]) -> str | None:
    """The command-line option a field of the new entry came from."""
    if not loc:
        return None
    name = str(loc[0])
    if name in ("evidence", "reported_in") and len(loc) >= 3:
        return f"--{loc[2]} #{int(loc[1]) + 1}"
    return options.get(name)


@app.command()
def init(
    folder: Annotated[
        Path,
        typer.Argument(help="Where to create the project (created if missing).", file_okay=False),
    ] = Path("."),
) -> None:
    """Create an empty, valid treaty project in a folder.

    Writes clauses/topics.yaml (a starter vocabulary), seeds/sources.yaml (no sources yet),
    schemas/*.schema.json and a sample .pre-commit-config.yaml.

    Never overwrites a file: refuses if the folder has a topics file or source registry
    already, and keeps any schema or pre-commit configuration that exists. Exit 0 when
    created, 1 when refused."""
    from treaty.edit.scaffold import init as run
    from treaty.safe_text import escape

    if folder.exists() and not folder.is_dir():
        _fail(f"{folder} is not a folder")
    with _writing():
        result = run(folder)
    for p in result.problems:
        typer.echo(f"{escape(p.path)}: {p.code.id} {escape(p.message)}")
    if result.problems:
        typer.echo(
            f"treaty: {escape(str(folder))} is a treaty project already; nothing written", err=True
        )
        raise typer.Exit(EXIT_PROBLEMS)
    for path in result.created:
        typer.echo(f"created {escape(str(path))}")
    for path in result.kept:
        typer.echo(f"kept {escape(str(path))} (it exists; not overwritten)")
    typer.echo(
        "next: add a treaty (clauses/<treaty>/treaty.yaml), `treaty source add` an article, "
        "`treaty new` a clause"
    )


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


class TextKindChoice(StrEnum):
    verbatim = "verbatim"
    paraphrase = "paraphrase"


@app.command()
def new(
    clause_id: Annotated[
        str | None,
        typer.Argument(
            metavar="ID",
            help="<treaty>.<article>[.<paragraph>], e.g. us-russia.4.1",
            show_default=False,
        ),
    ] = None,
    title: Annotated[str | None, typer.Option(help="A short name for the provision.")] = None,
    topics: Annotated[
        list[str] | None,
        typer.Option(help="Topics from clauses/topics.yaml (repeat, or separate by commas)."),
    ] = None,
    binds: Annotated[
        list[str] | None,
        typer.Option(help="Ids of the parties the provision binds (repeat, or commas)."),
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
        typer.Option(help="A source reporting the provision (pair each with --quote)."),
    ] = None,
    quote: Annotated[
        list[str] | None, typer.Option(help="The passage of the --source before it.")
    ] = None,
    related: Annotated[
        list[str] | None, typer.Option(help="Ids of clauses on the same subject.")
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

    project = _project(root)
    wanted = {
        "ID": clause_id,
        "--title": title,
        "--topics": _split(topics) or None,
        "--binds": _split(binds) or None,
        "--text": text,
        "--text-kind": text_kind.value if text_kind else None,
    }
    missing = [name for name, value in wanted.items() if value is None]
    if missing and not _interactive():
        _fail(f"missing {', '.join(missing)} (give them as options, or run in a terminal)")
    for name in missing:
        wanted[name] = _ask(name, project)
    pairs = _pairs(source, quote)
    clause = NewClause(
        id=str(wanted["ID"]),
        title=str(wanted["--title"]),
        topics=list(wanted["--topics"] or []),
        binds=list(wanted["--binds"] or []),
        text=str(wanted["--text"]),
        text_kind=str(wanted["--text-kind"]),
        reported_in=pairs,
        related=_split(related),
        notes=notes,
    )
    try:
        with _writing():
            outcome = new_clause(project, clause)
    except InvalidId as exc:
        _fail(str(exc))
    if not outcome.ok:
        _report_outcome(outcome, _NEW_OPTIONS)
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
        return _split([answer])
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


position_app = typer.Typer(
    help="Positions of parties on clauses.", no_args_is_help=True, rich_markup_mode=None
)
app.add_typer(position_app, name="position")

_POSITION_OPTIONS = {
    "party": "--party",
    "stance": "--stance",
    "date": "--date",
    "basis": "--basis",
    "rationale": "--rationale",
    "conditions": "--conditions",
}


class BasisChoice(StrEnum):
    explicit = "explicit"
    inferred = "inferred"


@position_app.command("add")
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

    project = _project(root)
    new_position = NewPosition(
        party=party,
        stance=stance.value,
        date=date,
        evidence=_pairs(source, quote),
        basis=basis.value,
        rationale=rationale,
        conditions=list(conditions or []),
    )
    try:
        with _writing():
            outcome, index = add_position(project, clause_id, new_position)
    except UnknownClause as exc:
        _fail(str(exc))
    if not outcome.ok:
        _report_outcome(outcome, _POSITION_OPTIONS)
    from treaty.safe_text import escape

    for path in outcome.written:
        typer.echo(
            f"added {escape(party)} {stance.value} of {escape(date)} to "
            f"{escape(project.display(path))} (positions[{index}])"
        )


source_app = typer.Typer(
    help="The source articles in seeds/.", no_args_is_help=True, rich_markup_mode=None
)
app.add_typer(source_app, name="source")

_SOURCE_OPTIONS = {
    "id": "--id",
    "file": "FILE",
    "title": "--title",
    "outlet": "--outlet",
    "published": "--published",
    "author": "--author",
    "sha256": "FILE",
    "notes": "--notes",
}


@source_app.command("add")
def source_add(
    file: Annotated[
        Path,
        typer.Argument(
            help="The article's text file (UTF-8).", exists=True, dir_okay=False, show_default=False
        ),
    ],
    source_id: Annotated[str, typer.Option("--id", help="A slug, e.g. tass-2021-12-23.")],
    title: Annotated[
        str | None, typer.Option(help="The headline as the text gives it.", show_default=False)
    ] = None,
    no_title: Annotated[
        bool, typer.Option("--no-title", help="The text gives no headline (title: null).")
    ] = False,
    outlet: Annotated[
        str | None, typer.Option(help="The publisher named in the text (default: unknown).")
    ] = None,
    published: Annotated[
        str | None, typer.Option(help="The day stated in the text, YYYY-MM-DD (default: unknown).")
    ] = None,
    author: Annotated[str | None, typer.Option(help="The byline, if any.")] = None,
    notes: Annotated[str | None, typer.Option(help="How the metadata was established.")] = None,
    root: RootOption = None,
) -> None:
    """Copy an article into seeds/ and register it in seeds/sources.yaml with its sha256.

    The file keeps its name and its bytes. Give --title, or --no-title when the text has no
    headline; what the text does not say (outlet, day) stays null. Refused if seeds/ has a
    different file of that name, or the entry would not validate. Exit 0 when added, 1 when
    refused, 2 on usage errors."""
    from treaty.edit.source_add import NewSource, add_source
    from treaty.safe_text import escape

    if (title is None) == (not no_title):
        _fail("give --title TITLE, or --no-title when the text has no headline")
    project = _project(root)
    new_source = NewSource(
        file=file,
        id=source_id,
        title=title,
        outlet=outlet,
        published=published,
        author=author,
        notes=notes,
    )
    with _writing():
        outcome = add_source(project, new_source)
    if not outcome.ok:
        _report_outcome(outcome, _SOURCE_OPTIONS)
    for path in outcome.written:
        if path == project.registry_path:
            typer.echo(f'registered "{escape(source_id)}" in {escape(project.display(path))}')
        else:
            typer.echo(f"copied {escape(str(file))} to {escape(project.display(path))}")


class ListFormat(StrEnum):
    text = "text"
    json = "json"


@app.command("fmt")
def fmt_command(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Files or folders to format. Default: every YAML file of the project.",
            show_default=False,
        ),
    ] = None,
    check: Annotated[
        bool,
        typer.Option("--check", help="Write nothing; list the files that would change, exit 1."),
    ] = False,
    root: RootOption = None,
    fmt: Annotated[
        ListFormat,
        typer.Option(
            "--format",
            "-f",
            help="text, or json: {version, ok, files_checked, changed: [path], problems: "
            "[{path, line, column, code, name, message}]}.",
        ),
    ] = ListFormat.text,
) -> None:
    """Put fields in the order of the format and indent lists one way; comments are kept.

    Only layout changes: the data each file holds stays exactly the same. With --check,
    nothing is written and the exit code is 1 if any file would change. Exit 0 when all
    files are formatted, 1 when some are not (--check) or cannot be read, 2 on usage errors."""
    from treaty.edit import fmt as layout

    project = _project(root)
    files = layout.project_files(project) if not paths else _yaml_files(project, paths)
    with _writing():
        result = layout.fmt(project, files, check=check)
    if fmt is ListFormat.json:
        typer.echo(_fmt_json(project, result), nl=False)
    else:
        _fmt_text(project, result, check)
    if result.problems or (check and result.changed):
        raise typer.Exit(EXIT_PROBLEMS)


def _fmt_text(project: Project, result: FmtResult, check: bool) -> None:
    from treaty.report.problems import problem_line
    from treaty.safe_text import escape

    for p in result.problems:
        typer.echo(problem_line(p))
    for path in result.changed:
        verb = "would reformat" if check else "formatted"
        typer.echo(f"{verb} {escape(project.display(path))}")
    unchanged = result.checked - len(result.changed) - len({p.path for p in result.problems})
    if check and result.changed:
        typer.echo(
            f"{len(result.changed)} of {result.checked} files would be reformatted; "
            "run `treaty fmt` to fix",
            err=True,
        )
    elif not result.changed and not result.problems:
        typer.echo(f"ok: {result.checked} files already formatted")
    elif not check:
        typer.echo(f"{len(result.changed)} formatted, {max(unchanged, 0)} unchanged")


def _fmt_json(project: Project, result: FmtResult) -> str:
    from treaty.report.problems import problem_json
    from treaty.safe_text import json_text

    doc = {
        "version": 1,
        "ok": not result.changed and not result.problems,
        "files_checked": result.checked,
        "changed": [project.display(p) for p in result.changed],
        "problems": [problem_json(p) for p in result.problems],
    }
    return json_text(doc)


def _yaml_files(project: Project, paths: list[Path]) -> list[Path]:
    """The YAML files given, or found in the folders given; each inside the project."""
    found: list[Path] = []
    for path in paths:
        if not path.exists():
            _fail(f"{path}: no such file or folder")
        if not project.contains(path):
            _fail(f"{path} is not inside the project at {project.root}")
        if path.is_dir():
            found += sorted(p for p in path.rglob("*.y*ml") if p.suffix in (".yaml", ".yml"))
        elif path.suffix in (".yaml", ".yml"):
            found.append(path)
        else:
            _fail(f"{path} is not a YAML file")
    return [p.absolute() for p in found]


def main() -> int:
    """Run the full command line; its exit code. ``treaty.main.main`` is the program's entry
    point: it runs plain ``validate`` without this module, and turns a bug into exit 3."""
    try:
        app(prog_name="treaty")
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return EXIT_OK
