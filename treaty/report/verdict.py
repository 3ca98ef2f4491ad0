"""The verdict on a clause: what the counted parties' latest positions add up to, as of a day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from enum import StrEnum

from treaty.model import Basis, Clause, Position, Stance, Treaty

RULE = (
    "never-agree when every counted party with a position rejects the clause; agree when "
    "every such party agrees; may-explore when none rejects it and at least one may explore "
    "it; split when they differ; no-position when no counted party has a position. A counted "
    "party with no position is silent: it is named, never read as a stance. Each party's "
    "latest position on or before the as-of day counts. The proposer (RU for its own drafts) "
    "is shown but not counted, unless named with --party; naming parties with --party counts "
    "exactly those."
)
BASIS_RULE = (
    "A stance is marked inferred (*) only when every position of the party's current run of "
    "that stance is inferred: one explicit statement stands until the stance changes."
)


class Verdict(StrEnum):
    """What the counted parties' latest stances add up to. The order is the report's order."""

    NEVER_AGREE = "never-agree"
    MAY_EXPLORE = "may-explore"
    AGREE = "agree"
    SPLIT = "split"
    NO_POSITION = "no-position"

    @property
    def label(self) -> str:
        """The group heading people read, e.g. ``never agree``."""
        return _LABELS[self]


_LABELS = {
    Verdict.NEVER_AGREE: "never agree",
    Verdict.MAY_EXPLORE: "may explore",
    Verdict.AGREE: "agree",
    Verdict.SPLIT: "split",
    Verdict.NO_POSITION: "no stated position",
}


def decide(stances: Iterable[Stance]) -> Verdict:
    """The verdict from the counted parties' latest stances (parties without one left out)."""
    said = set(stances)
    if not said:
        return Verdict.NO_POSITION
    if said == {Stance.NEVER_AGREE}:
        return Verdict.NEVER_AGREE
    if said == {Stance.AGREE}:
        return Verdict.AGREE
    if Stance.NEVER_AGREE not in said:
        return Verdict.MAY_EXPLORE
    return Verdict.SPLIT


def latest_positions(clause: Clause, as_of: dt.date) -> dict[str, Position]:
    """Each party's latest position dated on or before ``as_of``. Of two on the same day, the one
    listed later wins: positions are kept in date order per party."""
    latest: dict[str, Position] = {}
    for position in clause.positions:
        if position.date > as_of:
            continue
        before = latest.get(position.party)
        if before is None or position.date >= before.date:
            latest[position.party] = position
    return latest


def standing_basis(clause: Clause, latest: Position) -> Basis:
    """The strongest basis of the party's current run of ``latest``'s stance: explicit when
    any position of the run is. The run is the party's positions up to ``latest`` (in file
    order, which is date order) since its stance last differed."""
    mine = [p for p in clause.positions if p.party == latest.party]
    run = mine[: mine.index(latest) + 1]
    basis = Basis.INFERRED
    for position in reversed(run):
        if position.stance is not latest.stance:
            break
        if position.basis is Basis.EXPLICIT:
            basis = Basis.EXPLICIT
            break
    return basis


def counted_parties(treaty: Treaty, named: Collection[str] = ()) -> tuple[str, ...]:
    """The parties whose stances make the verdict: those ``named``, if any; otherwise every
    party but the proposer. In the treaty's order."""
    ids = [p.id for p in treaty.parties]
    if named:
        return tuple(i for i in ids if i in named)
    return tuple(i for i in ids if i != treaty.proposer)


@dataclass(frozen=True)
class Assessment:
    """One clause as of a day: each party's latest position, the basis that stands behind its
    stance (see ``standing_basis``), the counted parties, those of them silent, the verdict."""

    clause: Clause
    as_of: dt.date
    latest: dict[str, Position]
    counted: tuple[str, ...]
    verdict: Verdict
    basis: dict[str, Basis]
    silent: tuple[str, ...]  # counted parties with no position as of the day


def assess(
    clause: Clause, treaty: Treaty, as_of: dt.date, named: Collection[str] = ()
) -> Assessment:
    """The clause's verdict as of ``as_of``, counting ``named`` parties (default: see RULE)."""
    latest = latest_positions(clause, as_of)
    counted = counted_parties(treaty, named)
    verdict = decide(latest[p].stance for p in counted if p in latest)
    basis = {party: standing_basis(clause, p) for party, p in latest.items()}
    silent = tuple(p for p in counted if p not in latest)
    return Assessment(clause, as_of, latest, counted, verdict, basis, silent)


def article_key(clause: Clause) -> tuple[int, int]:
    """Natural order of articles: 4.1 before 4.2 before 10 (numbers, not text)."""
    return (clause.article, clause.paragraph or 0)


def article_label(clause: Clause) -> str:
    """``4.1`` for article 4 paragraph 1, ``6`` for a whole article."""
    if clause.paragraph is None:
        return str(clause.article)
    return f"{clause.article}.{clause.paragraph}"
