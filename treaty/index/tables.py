"""The relational tables: one row per treaty, party, clause, position, evidence item, source...

One definition serves the index (``.treaty-cache/index-*.sqlite``, where every table drawn
from a clause file also has that file's path, so that a changed file's rows are replaced) and
``treaty export`` (the same tables, with primary and foreign keys, for Datasette, spreadsheets
and pandas). The columns of each model's own values (a clause's title, a position's stance,
an evidence item's quote and source) come from the models' fields, so a field added to the
format becomes a column. Ids are stable: a clause, treaty, party, source and topic keep their
own; a position is ``<clause>/positions/<n>`` and its evidence ``.../evidence/<n>`` (counted
from 0 in file order), a quote of where a clause is reported ``<clause>/reported_in/<n>``.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from treaty.model import Clause, Party, Position, Quote, Treaty
from treaty.registry import Source

Row = dict[str, Any]


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # TEXT or INTEGER
    about: str
    references: str | None = None  # "table(column)"


@dataclass(frozen=True)
class Table:
    name: str
    about: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    per_file: bool  # drawn from clause files: the index keeps each row's file

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


def _base(annotation: Any) -> Any:
    """The type under Optional and Annotated."""
    if typing.get_origin(annotation) is typing.Annotated:
        return _base(typing.get_args(annotation)[0])
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _base(args[0]) if len(args) == 1 else annotation
    return annotation


def scalar_fields(model: type[BaseModel]) -> list[tuple[str, str, str]]:
    """(name, SQL type, description) of each field of ``model`` that holds one value."""
    out = []
    for name, info in model.model_fields.items():
        base = _base(info.annotation)
        if typing.get_origin(base) in (list, dict) or (
            isinstance(base, type) and issubclass(base, BaseModel)
        ):
            continue
        kind = "INTEGER" if base in (int, bool) else "TEXT"
        out.append((name, kind, info.description or info.title or name))
    return out


_REFERENCES = {
    "source": "sources(id)",
    "treaty": "treaties(id)",
    "treaty_id": "treaties(id)",
    "clause_id": "clauses(id)",
    "position_id": "positions(id)",
    "topic": "topics(id)",
    "related_id": "clauses(id)",
}


def _from_model(model: type[BaseModel], skip: tuple[str, ...] = ()) -> list[Column]:
    return [
        Column(n, t, about, _REFERENCES.get(n) if n != "id" else None)
        for n, t, about in scalar_fields(model)
        if n not in skip
    ]


def _col(name: str, about: str, kind: str = "TEXT") -> Column:
    return Column(name, kind, about, _REFERENCES.get(name))


_ORD = Column("ord", "INTEGER", "Its place in the list, counted from 0, in file order.")
_FILE = Column("file", "TEXT", "The YAML file it is written in, relative to the project root.")


def _tables() -> tuple[Table, ...]:
    quote = _from_model(Quote)
    return (
        Table(
            "treaties",
            "One row per draft treaty (clauses/<treaty>/treaty.yaml).",
            (*_from_model(Treaty), _FILE),
            ("id",),
            False,
        ),
        Table(
            "parties",
            "The parties of each treaty, in the treaty's order.",
            (_col("treaty_id", "The treaty."), _ORD, *_from_model(Party)),
            ("treaty_id", "id"),
            False,
        ),
        Table(
            "treaty_reported_in",
            "Where each treaty is reported: a quote from a source.",
            (
                _col("id", "<treaty>/reported_in/<n>."),
                _col("treaty_id", "The treaty."),
                _ORD,
                *quote,
            ),
            ("id",),
            False,
        ),
        Table(
            "topics",
            "The controlled vocabulary of topics (clauses/topics.yaml).",
            (_col("id", "The topic's slug."), _col("description", "What it covers.")),
            ("id",),
            False,
        ),
        Table(
            "sources",
            "One row per registered source article (seeds/sources.yaml).",
            (
                *_from_model(Source),
                _col(
                    "text",
                    "The article's text as quotes are matched against it: typographic quotes "
                    "and dashes made plain, each run of whitespace one space (null when the "
                    "file cannot be read).",
                ),
            ),
            ("id",),
            False,
        ),
        Table(
            "clauses",
            "One row per clause (clauses/<treaty>/<article>[.<paragraph>].yaml).",
            (*_from_model(Clause), _FILE),
            ("id",),
            True,
        ),
        Table(
            "clause_topics",
            "The topics of each clause.",
            (_col("clause_id", "The clause."), _ORD, _col("topic", "The topic.")),
            ("clause_id", "ord"),
            True,
        ),
        Table(
            "clause_binds",
            "The parties each clause places obligations on.",
            (_col("clause_id", "The clause."), _ORD, _col("party", "The party's id.")),
            ("clause_id", "ord"),
            True,
        ),
        Table(
            "clause_related",
            "Clauses on the same subject, as each clause names them.",
            (_col("clause_id", "The clause."), _ORD, _col("related_id", "The related clause.")),
            ("clause_id", "ord"),
            True,
        ),
        Table(
            "reported_in",
            "Where each clause is reported: a quote from a source.",
            (
                _col("id", "<clause>/reported_in/<n>."),
                _col("clause_id", "The clause."),
                _ORD,
                *quote,
            ),
            ("id",),
            True,
        ),
        Table(
            "positions",
            "Each party's stated positions on each clause, in file order.",
            (
                _col("id", "<clause>/positions/<n>."),
                _col("clause_id", "The clause."),
                _ORD,
                *_from_model(Position),
            ),
            ("id",),
            True,
        ),
        Table(
            "position_conditions",
            "The conditions a party attaches to a position.",
            (_col("position_id", "The position."), _ORD, _col("condition", "The condition.")),
            ("position_id", "ord"),
            True,
        ),
        Table(
            "evidence",
            "The quotes that back each position.",
            (
                _col("id", "<clause>/positions/<n>/evidence/<m>."),
                _col("position_id", "The position."),
                _col("clause_id", "The clause."),
                _ORD,
                *quote,
            ),
            ("id",),
            True,
        ),
    )


TABLES = _tables()
BY_NAME = {t.name: t for t in TABLES}


def _dump(model: BaseModel) -> dict[str, Any]:
    out: dict[str, Any] = model.model_dump(mode="json")
    return out


def _pick(data: dict[str, Any], table: str, extra: Row) -> tuple[str, Row]:
    row = dict(extra)
    for name in BY_NAME[table].names:
        if name not in row:
            row[name] = data.get(name)
    return table, row


def clause_rows(clause: Clause, file: str) -> Iterator[tuple[str, Row]]:
    """The rows one clause contributes, table by table."""
    data = _dump(clause)
    cid = clause.id
    yield _pick(data, "clauses", {"file": file})
    for i, topic in enumerate(clause.topics):
        yield "clause_topics", {"clause_id": cid, "ord": i, "topic": topic}
    for i, party in enumerate(clause.binds):
        yield "clause_binds", {"clause_id": cid, "ord": i, "party": party}
    for i, other in enumerate(clause.related):
        yield "clause_related", {"clause_id": cid, "ord": i, "related_id": other}
    for i, q in enumerate(data["reported_in"]):
        yield _pick(q, "reported_in", {"id": f"{cid}/reported_in/{i}", "clause_id": cid, "ord": i})
    for i, p in enumerate(data["positions"]):
        pid = f"{cid}/positions/{i}"
        yield _pick(p, "positions", {"id": pid, "clause_id": cid, "ord": i})
        for j, condition in enumerate(p.get("conditions") or []):
            yield "position_conditions", {"position_id": pid, "ord": j, "condition": condition}
        for j, q in enumerate(p["evidence"]):
            extra = {"id": f"{pid}/evidence/{j}", "position_id": pid, "clause_id": cid, "ord": j}
            yield _pick(q, "evidence", extra)


def treaty_rows(treaty: Treaty, file: str) -> Iterator[tuple[str, Row]]:
    """The rows of one treaty, its parties and where it is reported."""
    data = _dump(treaty)
    tid = treaty.id
    yield _pick(data, "treaties", {"file": file})
    for i, party in enumerate(data["parties"]):
        yield _pick(party, "parties", {"treaty_id": tid, "ord": i})
    for i, q in enumerate(data["reported_in"]):
        extra = {"id": f"{tid}/reported_in/{i}", "treaty_id": tid, "ord": i}
        yield _pick(q, "treaty_reported_in", extra)


def source_rows(source: Source, text: str | None) -> Iterator[tuple[str, Row]]:
    yield _pick(_dump(source), "sources", {"text": text})


def topic_rows(topics: dict[str, str]) -> Iterator[tuple[str, Row]]:
    for slug, about in topics.items():
        yield "topics", {"id": slug, "description": about}
