"""Options shared by commands, and turning their values into the core's."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from treaty.cli import completion
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
    sarif = "sarif"


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
    AGREE = "agree"
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
        autocompletion=completion.PARTIES,
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
        autocompletion=completion.TREATIES,
    ),
]


def parse_as_of(value: str | None) -> dt.date:
    import datetime as dt

    if value is None:
        return dt.date.today()
    return parse_day_option("--as-of", value)


def parse_day_option(option: str, value: str) -> dt.date:
    """The day an option gives, or a usage error that says why it is none."""
    from treaty.days import parse_day

    try:
        day = parse_day(value)
    except ValueError as exc:
        fail(f'{option} "{value}" is not a real day: {exc}')
    if day is None:
        fail(f'{option} "{safe(value)}" is not a day written YYYY-MM-DD')
    return day


# tabulate formats that write cells unescaped, and the escaping ones to use instead.
RAW_TABLE_FORMATS = {"unsafehtml": "html", "latex_raw": "latex"}


def table_format_for(fmt: ReportFormat, tablefmt: str | None) -> str:
    from tabulate import tabulate_formats

    from treaty.report.tables import TABLE
    from treaty.suggest import did_you_mean

    if tablefmt is None:
        return TABLE
    if fmt is not ReportFormat.table:
        fail(f"--tablefmt applies only to --format table, not --format {fmt.value}")
    if tablefmt in RAW_TABLE_FORMATS:
        fail(
            f"--tablefmt {tablefmt} writes text from files as raw markup (a file could put "
            f"a script or a command in it); use {RAW_TABLE_FORMATS[tablefmt]}"
        )
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


class TextKindChoice(StrEnum):
    verbatim = "verbatim"
    paraphrase = "paraphrase"


class BasisChoice(StrEnum):
    explicit = "explicit"
    inferred = "inferred"


class ColourChoice(StrEnum):
    auto = "auto"
    always = "always"
    never = "never"


class ListFormat(StrEnum):
    text = "text"
    json = "json"
