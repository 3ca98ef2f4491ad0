"""The timeline chart: per treaty, parties down and days across, and in each cell a mark for
each stance stated that day (shape and colour), with how many clauses it was stated on."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from treaty.model import Stance, Treaty
from treaty.report.timeline import Step

LEFT, TOP, BOTTOM = 64, 12, 40  # room for party ids, and for the days below
COLUMN, ROW = 96, 44
MARK = 7  # half the size of a mark
SHAPES = {Stance.NEVER_AGREE: "square", Stance.MAY_EXPLORE: "circle", Stance.AGREE: "triangle"}


@dataclass(frozen=True)
class Mark:
    x: float
    y: float
    stance: Stance
    count: int
    title: str  # what a pointer or a screen reader is told

    @property
    def shape(self) -> str:
        return SHAPES[self.stance]

    @property
    def points(self) -> str:
        """The triangle's corners, for an ``agree`` mark."""
        x, y, r = self.x, self.y, MARK + 1
        return f"{x:g},{y - r:g} {x + r:g},{y + r:g} {x - r:g},{y + r:g}"


@dataclass(frozen=True)
class Chart:
    treaty: Treaty
    width: int
    height: int
    rows: list[tuple[str, float]]  # party id, y of its line
    columns: list[tuple[dt.date, float]]  # day, x of its middle
    marks: list[Mark]

    @property
    def axis_y(self) -> int:
        return self.height - BOTTOM + 18


def chart(treaty: Treaty, steps: list[Step]) -> Chart | None:
    """The treaty's chart, or None when none of its positions is shown."""
    mine = [s for s in steps if s.clause.treaty == treaty.id]
    if not mine:
        return None
    days = sorted({s.position.date for s in mine})
    parties = [p.id for p in treaty.parties]
    counts = Counter((s.position.party, s.position.date, s.position.stance) for s in mine)
    columns = [(day, LEFT + COLUMN * i + COLUMN / 2) for i, day in enumerate(days)]
    rows = [(party, TOP + ROW * i + ROW / 2) for i, party in enumerate(parties)]
    marks = []
    for party, y in rows:
        for day, x in columns:
            here = [(st, counts[(party, day, st)]) for st in Stance if counts[(party, day, st)]]
            # Side by side, each mark with its count to its right, centred in the cell.
            start = x - (len(here) - 1) * 15
            for i, (stance, n) in enumerate(here):
                clauses = "clause" if n == 1 else "clauses"
                title = f"{party}, {day.isoformat()}: {stance.value} on {n} {clauses}"
                marks.append(Mark(start + 30 * i - 6, y, stance, n, title))
    width = LEFT + COLUMN * len(days) + 8
    height = TOP + ROW * len(parties) + BOTTOM
    return Chart(treaty, width, height, rows, columns, marks)
