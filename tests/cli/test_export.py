"""``treaty export``: the relational tables as SQLite (opened with sqlite-utils, as data
journalists' tools open it), CSV and JSON; stable ids; only the valid corpus."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils

from tests.conftest import invoke
from treaty.index.corpus import NO_INDEX_ENV
from treaty.index.tables import TABLES

CLAUSE_FILES = 10  # the bundled corpus's clause files (clauses/<treaty>/<n>.yaml)


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TREATY_ROOT", raising=False)
    monkeypatch.delenv(NO_INDEX_ENV, raising=False)


def _export(root: Path, out: Path | str, *args: str, code: int = 0) -> str:
    result = invoke(["export", "--root", str(root), "--out", str(out), *args])
    assert result.exit_code == code, result.output
    return result.output


def _tables(path: Path) -> dict[str, list[dict[str, Any]]]:
    db = sqlite_utils.Database(path)
    return {t.name: list(db.table(t.name).rows) for t in TABLES}


def test_sqlite_has_a_row_per_clause_file_with_positions_evidence_and_sources_beside(
    bundled_project: Path, tmp_path: Path
) -> None:
    out = tmp_path / "treaty.sqlite"
    assert _export(bundled_project, out) == f"exported {CLAUSE_FILES} clauses: {out}\n"
    files = [p for p in (bundled_project / "clauses").glob("*/*.yaml") if p.name != "treaty.yaml"]
    db = sqlite_utils.Database(out)
    assert db.table("clauses").count == len(files) == CLAUSE_FILES
    assert {r["file"] for r in db.table("clauses").rows} == {
        str(p.relative_to(bundled_project)) for p in files
    }
    assert db.table("positions").count > 0 and db.table("evidence").count > 0
    assert db.table("sources").count == 5 and db.table("treaties").count == 2
    assert db.table("clauses").pks == ["id"] and db.table("parties").pks == ["treaty_id", "id"]
    links = {(fk.column, fk.other_table) for fk in db.table("evidence").foreign_keys}
    assert links == {("position_id", "positions"), ("clause_id", "clauses"), ("source", "sources")}
    assert {(fk.column, fk.other_table) for fk in db.table("clauses").foreign_keys} == {
        ("treaty", "treaties")
    }
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert db.table("clauses").detect_fts() == "clauses_fts"
    assert [r["id"] for r in db.table("clauses").search("hotlines")] == ["russia-nato.2"]
    evidence = db.execute(
        "SELECT e.quote, s.id FROM evidence e JOIN sources s ON s.id = e.source "
        "JOIN positions p ON p.id = e.position_id WHERE p.clause_id = 'us-russia.4.1'"
    ).fetchall()
    assert len(evidence) == db.table("evidence").count_where("clause_id = 'us-russia.4.1'") > 0
    described = {(r["table"], r["column"]) for r in db.table("about_columns").rows}
    assert described == {(t.name, c) for t in TABLES for c in t.names}


def test_ids_are_stable_from_one_export_to_the_next(bundled_project: Path, tmp_path: Path) -> None:
    _export(bundled_project, tmp_path / "a.sqlite")
    _export(bundled_project, tmp_path / "b.sqlite", "--format", "sqlite")
    assert _tables(tmp_path / "a.sqlite") == _tables(tmp_path / "b.sqlite")
    positions = _tables(tmp_path / "a.sqlite")["positions"]
    assert positions[0]["id"] == f"{positions[0]['clause_id']}/positions/{positions[0]['ord']}"


def test_csv_is_a_file_per_table_with_the_same_rows(bundled_project: Path, tmp_path: Path) -> None:
    _export(bundled_project, tmp_path / "db.sqlite")
    want = _tables(tmp_path / "db.sqlite")
    folder = tmp_path / "csv"
    out = _export(bundled_project, folder, "--format", "csv")
    assert out == f"exported {CLAUSE_FILES} clauses: {len(TABLES) + 1} CSV files in {folder}\n"
    for table in TABLES:
        with open(folder / f"{table.name}.csv", encoding="utf-8", newline="") as handle:
            got = list(csv.DictReader(handle))
        as_text = [
            {k: "" if v is None else str(v) for k, v in row.items()} for row in want[table.name]
        ]
        assert got == as_text, table.name
    assert (folder / "about_columns.csv").exists()


def test_json_holds_the_same_tables(bundled_project: Path, tmp_path: Path) -> None:
    _export(bundled_project, tmp_path / "db.sqlite")
    want = _tables(tmp_path / "db.sqlite")
    _export(bundled_project, tmp_path / "out.json", "--format", "json")
    doc = json.loads((tmp_path / "out.json").read_text("utf-8"))
    assert doc["tables"] == want
    stdout = invoke(["export", "--root", str(bundled_project), "-o", "-", "-f", "json"])
    assert stdout.exit_code == 0 and json.loads(stdout.output) == doc


def test_only_the_valid_corpus_is_exported(bundled_project: Path, tmp_path: Path) -> None:
    clause = bundled_project / "clauses" / "russia-nato" / "2.yaml"
    clause.write_text(clause.read_text("utf-8").replace("stance: ", "stance: x", 1), "utf-8")
    result = invoke(["export", "--root", str(bundled_project), "--out", str(tmp_path / "x.db")])
    assert result.exit_code == 1 and "2.yaml" in result.stderr
    db = sqlite_utils.Database(tmp_path / "x.db")
    assert db.table("clauses").count == CLAUSE_FILES - 1
    assert not list(db.table("positions").rows_where("clause_id = ?", ["russia-nato.2"]))
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_an_earlier_export_is_replaced_whole(bundled_project: Path, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "treaty.sqlite"
    out.write_bytes(b"an earlier export")
    _export(bundled_project, out)
    assert sqlite3.connect(out).execute("SELECT count(*) FROM clauses").fetchone() == (10,)
    assert [p.name for p in folder.iterdir()] == ["treaty.sqlite"]  # no temporary file left


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--format", "sqlite"], "is a folder"),
        (["--format", "csv", "--out", "FILE"], "is not a folder"),
        (["--format", "csv", "--out", "-"], "for --format json only"),
        (["--out", "MISSING/x.sqlite"], "is not a folder"),
    ],
)
def test_places_that_cannot_take_the_export_are_usage_errors(
    bundled_project: Path, tmp_path: Path, args: list[str], says: str
) -> None:
    (tmp_path / "FILE").write_text("x")
    full = ["export", "--root", str(bundled_project), "--out", str(tmp_path), *args]
    full = [
        a.replace("FILE", str(tmp_path / "FILE")).replace("MISSING", str(tmp_path / "no"))
        for a in full
    ]
    result = invoke(full)
    assert result.exit_code == 2, result.output
    assert says in result.output
