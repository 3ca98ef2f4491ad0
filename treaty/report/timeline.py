"""`treaty timeline`: every dated position in date order: who moved, from what, to what."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum

from tabulate import multiline_formats

from treaty.check.results import Corpus
from treaty.model import Basis, Clause, Position, Stance
from treaty.report.tables import (
    MARKDOWN,
    TABLE,
    count,
    draw,
    draw_with_notes,
    fits,
    paint,
    to_csv,
    wrap,
)
from treaty.report.verdict import article_key
from treaty.safe_text import json_text

INFERRED = "*"
NONE = "-"


class Change(StrEnum):
    """What a position did to the party's stance on the clause."""

    STATED = "stated"  # the party's first position on the clause
    MOVED = "moved"  # a different stance from its previous one
    RESTATED = "restated"  # the same stance, on new evidence


@dataclass(frozen=True)
class Step:
    """One dated position, with the stance it replaced."""

    clause: Clause
    position: Position
    before: Stance | None

    @property
    def change(self) -> Change:
        if self.before is None:
            return Change.STATED
        return Change.RESTATED if self.before is self.position.stance else Change.MOVED

    @property
    def sources(self) -> list[str]:
        """The evidence's source ids, each once, in order."""
        return list(dict.fromkeys(q.source for q in self.position.evidence))


def build(
    corpus: Corpus,
    as_of: dt.date,
    clause_ids: Collection[str] | None = None,
    parties: Collection[str] = (),
    since: dt.date | None = None,
) -> list[Step]:
    """The positions of the chosen clauses (None: all) and parties (empty: all), dated on or
    before ``as_of`` (and on or after ``since``); by date, then treaty, article, the treaty's
    party order, file order. A step's earlier stance counts positions before ``since`` too."""
    keyed = []
    for clause in corpus.clauses.values():
        if clause_ids is not None and clause.id not in clause_ids:
            continue
        order = [p.id for p in corpus.treaties[clause.treaty].parties]
        last: dict[str, Stance] = {}
        for i, position in enumerate(clause.positions):
            if position.date > as_of:
                continue
            step = Step(clause, position, last.get(position.party))
            last[position.party] = position.stance
            if (parties and position.party not in parties) or (since and position.date < since):
                continue
            key = (
                position.date,
                clause.treaty,
                article_key(clause),
                order.index(position.party),
                i,
            )
            keyed.append((key, step))
    keyed.sort(key=lambda pair: pair[0])
    return [step for _, step in keyed]


HEADERS = ["date", "clause", "party", "change", "from", "to", "sources"]


def _rows(steps: list[Step], colour: bool, sep: str) -> list[list[str]]:
    rows = []
    for s in steps:
        p = s.position
        marker = INFERRED if p.basis is Basis.INFERRED else ""
        rows.append(
            [
                p.date.isoformat(),
                s.clause.id,
                p.party,
                s.change.value,
                s.before.value if s.before else NONE,
                paint(p.stance.value, p.stance, colour) + marker,
                sep.join(s.sources),
            ]
        )
    return rows


def summary(steps: list[Step], as_of: dt.date) -> str:
    """The closing line: positions by kind of change, and the day."""
    kinds = [s.change for s in steps]
    parts = ", ".join(f"{kinds.count(c)} {c.value}" for c in Change)
    return f"{count(len(steps), 'position')}: {parts}; as of {as_of.isoformat()}"


def _legend(steps: list[Step], marker: str) -> list[str]:
    if any(s.position.basis is Basis.INFERRED for s in steps):
        return [f"{marker} inferred: the evidence does not name the provision", ""]
    return []


def as_table(
    steps: list[Step],
    as_of: dt.date,
    *,
    tablefmt: str = TABLE,
    colour: bool = False,
    width: int | None = None,
) -> str:
    """The steps as a table, the legend and the summary line. No cell wraps: ids broken at
    their hyphens would mislead. When the table is wider than ``width``, each row's sources
    go on a line of their own beneath it."""
    if not steps:
        return f"no positions\n\n{summary(steps, as_of)}\n"
    colour = colour and tablefmt == TABLE
    # One source per line where cells can hold several: ids must not break at their hyphens.
    sep = "\n" if tablefmt in multiline_formats else ", "
    table = draw(HEADERS, _rows(steps, colour, sep), tablefmt)
    if tablefmt == TABLE and not fits(table, width):
        rows = [row[:-1] for row in _rows(steps, colour, sep)]
        notes = [("sources: ", ", ".join(s.sources)) for s in steps]
        table = draw_with_notes(HEADERS[:-1], rows, notes, width=width)
    tail = [
        wrap(line, width) if line else ""
        for line in [*_legend(steps, INFERRED), summary(steps, as_of)]
    ]
    return "\n".join([table, "", *tail]) + "\n"


def as_markdown(steps: list[Step], as_of: dt.date) -> str:
    """A pipe table, the legend and the summary line."""
    if not steps:
        return f"No positions.\n\n{summary(steps, as_of)}\n"
    table = draw(HEADERS, _rows(steps, False, ", "), MARKDOWN)
    legend = [f"- {line}" if line else "" for line in _legend(steps, f"`{INFERRED}`")]
    return "\n".join([table, "", *legend, summary(steps, as_of)]) + "\n"


def as_csv(steps: list[Step]) -> str:
    """One row per position; from is empty for a first statement; sources space-separated."""
    headers = ["date", "clause", "party", "change", "from", "to", "basis", "sources"]
    rows = [
        [
            s.position.date.isoformat(),
            s.clause.id,
            s.position.party,
            s.change.value,
            s.before.value if s.before else "",
            s.position.stance.value,
            s.position.basis.value,
            " ".join(s.sources),
        ]
        for s in steps
    ]
    return to_csv(headers, rows)


def as_json(steps: list[Step], as_of: dt.date) -> str:
    """``{"as_of", "changes": [{"date", "clause", "party", "change", "from", "to", "basis",
    "sources"}]}``; from is null for a party's first position on a clause."""
    doc = {
        "as_of": as_of.isoformat(),
        "changes": [
            {
                "date": s.position.date.isoformat(),
                "clause": s.clause.id,
                "party": s.position.party,
                "change": s.change.value,
                "from": s.before.value if s.before else None,
                "to": s.position.stance.value,
                "basis": s.position.basis.value,
                "sources": s.sources,
            }
            for s in steps
        ],
    }
    return json_text(doc)


def render(
    steps: list[Step],
    as_of: dt.date,
    fmt: str,
    *,
    tablefmt: str = TABLE,
    colour: bool,
    width: int | None = None,
) -> str:
    """The timeline in ``fmt``: table (in ``tablefmt``, fitted to ``width``), markdown, csv
    or json."""
    if fmt == "table":
        return as_table(steps, as_of, tablefmt=tablefmt, colour=colour, width=width)
    if fmt == "markdown":
        return as_markdown(steps, as_of)
    return as_csv(steps) if fmt == "csv" else as_json(steps, as_of)
