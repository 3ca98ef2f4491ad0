"""`treaty export`: the relational tables (``treaty.index.tables``) of the valid corpus, as a
SQLite database (primary and foreign keys, full-text search on clauses, quotes and sources,
ready for Datasette and sqlite-utils), a folder of CSV files (one per table), or one JSON
document. A table ``about_columns`` describes every column.

Only the corpus is exported: a file with problems is left out, as the reports leave it out.
Every file is written to a temporary name beside its place and renamed over it, so an
interrupted export leaves the earlier one as it was.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from treaty.errors import UsageError
from treaty.index.corpus import Indexed
from treaty.index.tables import TABLES, Table

FORMATS = ("sqlite", "csv", "json")
ABOUT = "about_columns"
# Full-text search in the exported database, as Datasette and sqlite-utils look for it.
_FTS = {"clauses": ("title", "text", "notes"), "evidence": ("quote",), "sources": ("text",)}
_NO_REFERENCE = {("clause_related", "related_id")}  # may name a clause with problems


class ExportError(UsageError):
    """The export cannot be written where it was asked for."""


def rows(indexed: Indexed, table: Table) -> Iterator[tuple[Any, ...]]:
    """The table's rows that belong to the corpus, in a stable order."""
    columns = ", ".join(f'"{c}"' for c in table.names)
    bad = json.dumps(sorted(indexed.bad))
    treaties = json.dumps(sorted(indexed.corpus.treaties))
    if table.per_file:
        where = (
            "file IN (SELECT file FROM clauses WHERE file NOT IN (SELECT value FROM json_each(?)) "
            "AND treaty IN (SELECT value FROM json_each(?)))"
        )
        args: list[str] = [bad, treaties]
    elif table.name == "treaties":
        where, args = "id IN (SELECT value FROM json_each(?))", [treaties]
    elif "treaty_id" in table.names:
        where, args = "treaty_id IN (SELECT value FROM json_each(?))", [treaties]
    else:
        where, args = "1", []
    order = ", ".join(f'"{k}"' for k in table.key)
    yield from indexed.db.execute(
        f'SELECT {columns} FROM "{table.name}" WHERE {where} ORDER BY {order}', args
    )


def about() -> list[tuple[str, str, str, str | None, str]]:
    """(table, column, type, references, description) of every exported column."""
    out = []
    for table in TABLES:
        for c in table.columns:
            references = None if (table.name, c.name) in _NO_REFERENCE else c.references
            out.append((table.name, c.name, c.type, references, c.about))
    return out


def export(indexed: Indexed, fmt: str, out: Path) -> list[Path]:
    """Write the export; the files written."""
    if fmt == "csv":
        return _csv(indexed, out)
    if out.is_dir():
        raise ExportError(f"{out} is a folder; give the name of the {fmt} file to write")
    write = _sqlite if fmt == "sqlite" else _json
    with _replacing(out) as tmp:
        write(indexed, tmp)
    return [out]


@contextlib.contextmanager
def _replacing(out: Path) -> Iterator[Path]:
    """A temporary file beside ``out``, renamed over it when written."""
    folder = out.parent
    if not folder.is_dir():
        raise ExportError(f"{folder} is not a folder")
    try:
        fd, name = tempfile.mkstemp(dir=folder, prefix=f".{out.name}.", suffix=".tmp")
    except OSError as exc:
        raise ExportError(f"cannot write in {folder}: {exc.strerror}") from None
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        os.replace(tmp, out)
    except OSError as exc:
        raise ExportError(f"cannot write {out}: {exc.strerror}") from None
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


def _ddl(table: Table) -> str:
    """The table with its keys, each column's description as a comment (kept in the schema,
    which Datasette and ``sqlite3 .schema`` show)."""
    defs = []
    for c in table.columns:
        definition = f'"{c.name}" {c.type}'
        if table.key == (c.name,):
            definition += " PRIMARY KEY"
        if c.references and (table.name, c.name) not in _NO_REFERENCE:
            definition += f" REFERENCES {c.references}"
        defs.append((definition, c.about))
    if len(table.key) > 1:
        keys = ", ".join(f'"{k}"' for k in table.key)
        defs.append((f"PRIMARY KEY ({keys})", ""))
    lines = [f'CREATE TABLE "{table.name}" ( -- {table.about}']
    for i, (definition, about_it) in enumerate(defs):
        comma = "," if i < len(defs) - 1 else ""
        comment = f" -- {' '.join(about_it.split())}" if about_it else ""
        lines.append(f"  {definition}{comma}{comment}")
    return "\n".join([*lines, ");"])


def _sqlite(indexed: Indexed, path: Path) -> None:
    path.unlink()  # sqlite makes its own file
    db = sqlite3.connect(path, isolation_level=None)
    try:
        db.execute("BEGIN")
        for table in TABLES:
            db.execute(_ddl(table))
            marks = ", ".join("?" * len(table.columns))
            db.executemany(f'INSERT INTO "{table.name}" VALUES ({marks})', rows(indexed, table))
        db.execute(
            f'CREATE TABLE "{ABOUT}" ("table" TEXT, "column" TEXT, "type" TEXT, '
            '"references" TEXT, "description" TEXT, PRIMARY KEY ("table", "column"))'
        )
        db.executemany(f'INSERT INTO "{ABOUT}" VALUES (?, ?, ?, ?, ?)', about())
        for name, columns in _FTS.items():
            listed = ", ".join(f'"{c}"' for c in columns)
            db.execute(
                f'CREATE VIRTUAL TABLE "{name}_fts" USING fts5 ({listed}, '
                f"content=\"{name}\", tokenize='unicode61 remove_diacritics 2')"
            )
            db.execute(f'INSERT INTO "{name}_fts" ("{name}_fts") VALUES (\'rebuild\')')
        db.execute("COMMIT")
    finally:
        db.close()


def _json(indexed: Indexed, path: Path) -> None:
    doc = {
        "tables": {
            t.name: [dict(zip(t.names, row, strict=True)) for row in rows(indexed, t)]
            for t in TABLES
        },
        ABOUT: [
            dict(zip(("table", "column", "type", "references", "description"), r, strict=True))
            for r in about()
        ],
    }
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(doc, handle, ensure_ascii=False, indent=1)
        handle.write("\n")


def _csv(indexed: Indexed, folder: Path) -> list[Path]:
    """One file per table in ``folder`` (made if need be); other files there are left be."""
    if folder.exists() and not folder.is_dir():
        raise ExportError(f"{folder} is not a folder; --format csv writes one file per table")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"cannot make {folder}: {exc.strerror}") from None
    written = []
    tables: list[tuple[str, list[str], Any]] = [(t.name, t.names, rows(indexed, t)) for t in TABLES]
    tables.append((ABOUT, ["table", "column", "type", "references", "description"], about()))
    for name, header, found in tables:
        out = folder / f"{name}.csv"
        with _replacing(out) as tmp, open(tmp, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(header)
            writer.writerows(found)
        written.append(out)
    return written
