"""Rules on a clause's positions as a whole: date order, duplicates, same-day contradictions,
and each position's date against its evidence and its draft."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from treaty.check.quotes import normalise
from treaty.check.sources import Sources
from treaty.model import Clause, Position, Treaty
from treaty.problems import Code, Problem, problem


def check_positions(
    clause: Clause, treaty: Treaty | None, sources: Sources, shown: str
) -> Iterator[Problem]:
    """Every rule that compares a position with the clause's other positions, with its
    sources' publication days, or with its treaty's."""
    latest: dict[str, dt.date] = {}
    seen: dict[tuple[object, ...], int] = {}
    stances: dict[tuple[str, dt.date], tuple[int, Position]] = {}
    for i, position in enumerate(clause.positions):
        loc = ("positions", i)
        same = _position_key(position)
        if same in seen:
            yield problem(
                shown,
                Code.DUPLICATE_POSITION,
                f"the same party, stance, date and evidence as positions[{seen[same]}]; remove one",
                (*loc, "party"),
            )
        seen.setdefault(same, i)
        day = (position.party, position.date)
        if day in stances and stances[day][1].stance is not position.stance:
            j, other = stances[day]
            yield problem(
                shown,
                Code.CONTRADICTION,
                f"{position.party} is {position.stance.value} here and {other.stance.value} in "
                f"positions[{j}], both on {position.date}; a party has one stance on a clause "
                "on one day: correct the date or the stance of one of them",
                (*loc, "stance"),
            )
        stances.setdefault(day, (i, position))
        before = latest.get(position.party)
        if before is not None and position.date < before:
            yield problem(
                shown,
                Code.POSITION_ORDER,
                f"{position.party}'s position of {position.date} comes after one of "
                f"{before}; keep each party's positions in date order",
                (*loc, "date"),
            )
        latest[position.party] = max(position.date, before or position.date)
        yield from _dated(position, treaty, sources, shown, loc)


def _position_key(position: Position) -> tuple[object, ...]:
    # Quotes compared as matching compares them: an en dash or a curly quote does not make a
    # copy of a position new.
    evidence = tuple((q.source, normalise(q.quote)) for q in position.evidence)
    return (position.party, position.stance, position.date, evidence)


def _dated(
    position: Position,
    treaty: Treaty | None,
    sources: Sources,
    shown: str,
    loc: tuple[str, int],
) -> Iterator[Problem]:
    """A statement cannot postdate every report of it, nor predate the draft it is about."""
    published = [
        sources.by_id[q.source].published for q in position.evidence if q.source in sources.by_id
    ]
    if len(published) == len(position.evidence) and all(published):
        days = {q.source: sources.by_id[q.source].published for q in position.evidence}
        last_source = max(days, key=lambda s: (days[s], s))
        last = days[last_source]
        assert last is not None  # all are dated (checked above)
        if position.date > last:
            which = (
                f'its source "{last_source}" was published on {last}'
                if len(days) == 1
                else f'the latest of its sources, "{last_source}", was published on {last}'
            )
            yield problem(
                shown,
                Code.DATE_AFTER_EVIDENCE,
                f"date {position.date} is after {which}; a statement cannot postdate every "
                "report of it (give the day it was made)",
                (*loc, "date"),
            )
    if treaty is not None and treaty.published is not None and position.date < treaty.published:
        yield problem(
            shown,
            Code.DATE_BEFORE_DRAFT,
            f'date {position.date} is before the draft "{treaty.id}" was published on '
            f"{treaty.published}; a position on a clause cannot predate its draft",
            (*loc, "date"),
        )
