"""Options shared by commands, and turning their values into the core's."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from treaty.cli.exits import fail
from treaty.cli.terminal import safe

if TYPE_CHECKING:
    import datetime as dt

    from treaty.check.results import Corpus
    from treaty.project import Project

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


def open_project(root: Path | None) -> Project:
    from treaty.errors import ProjectNotFound
    from treaty.project import find_project

    try:
        return find_project(root=root)
    except ProjectNotFound as exc:
        fail(str(exc))


class ReportFormat(StrEnum):
    table = "table"
    markdown = "markdown"
    csv = "csv"
    json = "json"


class ShowFormat(StrEnum):
    text = "text"
    json = "json"


# Mirrors of treaty.model.Stance and treaty.report.verdict.Verdict, so that --help need not import
# pydantic; tests/cli/test_reports_cli.py checks they stay the same.
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


def parse_as_of(value: str | None) -> dt.date:
    import datetime as dt

    from treaty.days import parse_day

    if value is None:
        return dt.date.today()
    try:
        day = parse_day(value)
    except ValueError as exc:
        fail(f'--as-of "{value}" is not a real day: {exc}')
    if day is None:
        fail(f'--as-of "{safe(value)}" is not a day written YYYY-MM-DD')
    return day


def table_format_for(fmt: ReportFormat, tablefmt: str | None) -> str:
    from tabulate import tabulate_formats

    from treaty.report.tables import TABLE
    from treaty.suggest import did_you_mean

    if tablefmt is None:
        return TABLE
    if fmt is not ReportFormat.table:
        fail(f"--tablefmt applies only to --format table, not --format {fmt.value}")
    if tablefmt not in tabulate_formats:
        fail(
            f'unknown --tablefmt "{safe(tablefmt)}"{did_you_mean(tablefmt, tabulate_formats)}; '
            f"known: {', '.join(sorted(tabulate_formats))}"
        )
    return tablefmt


def load_corpus(root: Path | None) -> Corpus:
    from treaty.index.corpus import load

    return load(open_project(root))


def check_known(kind: str, given: list[str] | None, known: Iterable[str]) -> None:
    from treaty.suggest import unknown

    message = unknown(kind, given or [], known)
    if message:
        fail(safe(message))


def split_values(values: list[str] | None) -> list[str]:
    """Repeated and comma-separated values as one list: --topics a,b --topics c."""
    return [part.strip() for value in values or [] for part in value.split(",") if part.strip()]


def paired(sources: list[str] | None, quotes: list[str] | None) -> list[tuple[str, str]]:
    sources, quotes = sources or [], quotes or []
    if len(sources) != len(quotes):
        fail(
            f"give each --source its --quote, in order ({len(sources)} --source, "
            f"{len(quotes)} --quote)"
        )
    return list(zip(sources, quotes, strict=True))


class TextKindChoice(StrEnum):
    verbatim = "verbatim"
    paraphrase = "paraphrase"


class BasisChoice(StrEnum):
    explicit = "explicit"
    inferred = "inferred"


class ListFormat(StrEnum):
    text = "text"
    json = "json"
