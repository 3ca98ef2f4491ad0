"""``treaty export``: the corpus as tables, for Datasette, spreadsheets and pandas."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from treaty.cli.exits import fail, finish_report
from treaty.cli.options import RootOption, open_project


class ExportFormat(StrEnum):
    sqlite = "sqlite"
    csv = "csv"
    json = "json"


def export(
    out: Annotated[
        Path,
        typer.Option(
            "--out",
            "-o",
            metavar="PATH",
            help="Where to write: a database (sqlite), a folder, made if need be, with a file "
            "per table (csv), or a file (json; - for standard output). An earlier export there "
            "is replaced.",
            show_default=False,
        ),
    ],
    fmt: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            "-f",
            help="sqlite: one database with primary and foreign keys and full-text search, "
            'ready for Datasette and sqlite-utils. csv: <table>.csv per table. json: {"tables": '
            '{"<table>": [{column: value}]}, "about_columns": [...]}.',
        ),
    ] = ExportFormat.sqlite,
    root: RootOption = None,
) -> None:
    """Write the valid corpus as relational tables: treaties, parties, topics, sources,
    clauses (with their topics, binds and related clauses), reported_in, positions (with
    their conditions) and evidence, one row each, with stable ids; about_columns describes
    every column (README, "treaty export").

    Exit 0 ok; 1 when some files have problems (they are left out, and named on stderr);
    2 usage error (a path that cannot be written)."""
    from treaty.errors import UsageError
    from treaty.index import export as exporter
    from treaty.index.corpus import current
    from treaty.safe_text import escape

    indexed = current(open_project(root))
    if str(out) == "-":
        if fmt is not ExportFormat.json:
            fail("--out - (standard output) is for --format json only")
        import sys
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "export.json"
            exporter.export(indexed, fmt.value, path)
            sys.stdout.write(path.read_text("utf-8"))
        finish_report(indexed.corpus)
    try:
        written = exporter.export(indexed, fmt.value, out)
    except UsageError as exc:
        fail(str(exc))
    where = out if fmt is ExportFormat.csv else written[0]
    n = len(indexed.corpus.clauses)
    kind = f"{len(written)} CSV files in " if fmt is ExportFormat.csv else ""
    typer.echo(f"exported {n} clauses: {kind}{escape(str(where))}")
    finish_report(indexed.corpus)
