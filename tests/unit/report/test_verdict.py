"""The verdict rule and each party's latest position, on hand-built clauses."""

from __future__ import annotations

import datetime as dt

import pytest

from treaty.model import Basis, Clause, Position, Stance, Treaty
from treaty.report.verdict import (
    Verdict,
    article_key,
    article_label,
    assess,
    decide,
    latest_positions,
    standing_basis,
)

NA, ME, AG = Stance.NEVER_AGREE, Stance.MAY_EXPLORE, Stance.AGREE


@pytest.mark.parametrize(
    ("stances", "verdict"),
    [
        ([], Verdict.NO_POSITION),
        ([NA], Verdict.NEVER_AGREE),
        ([NA, NA], Verdict.NEVER_AGREE),
        ([ME], Verdict.MAY_EXPLORE),
        ([AG], Verdict.AGREE),
        ([AG, AG], Verdict.AGREE),
        ([ME, AG], Verdict.MAY_EXPLORE),  # may-explore: none rejects, one may explore
        ([NA, ME], Verdict.SPLIT),  # a tie is a split, not a majority
        ([NA, AG], Verdict.SPLIT),
        ([NA, NA, ME], Verdict.SPLIT),  # a majority is still a split
    ],
)
def test_decide_follows_the_rule(stances: list[Stance], verdict: Verdict) -> None:
    assert decide(stances) is verdict


def _position(party: str, stance: Stance, day: str, basis: Basis = Basis.EXPLICIT) -> Position:
    return Position.model_validate(
        {
            "party": party,
            "stance": stance.value,
            "date": day,
            "basis": basis.value,
            "evidence": [{"source": "s", "quote": f"words of {day}"}],
            "rationale": "r" if basis is Basis.INFERRED else None,
        }
    )


def _clause(*positions: Position, paragraph: int | None = None, article: int = 1) -> Clause:
    return Clause.model_validate(
        {
            "id": f"t.{article}" + (f".{paragraph}" if paragraph else ""),
            "treaty": "t",
            "article": article,
            "paragraph": paragraph,
            "title": "T",
            "topics": ["x"],
            "binds": ["US"],
            "text": "T",
            "text_kind": "paraphrase",
            "positions": [p.model_dump(mode="json") for p in positions],
        }
    )


TREATY = Treaty.model_validate(
    {
        "id": "t",
        "title": "T",
        "proposer": "RU",
        "published": None,
        "parties": [{"id": "RU", "name": "R"}, {"id": "US", "name": "U"}],
    }
)


def test_latest_position_is_the_last_one_on_or_before_the_day() -> None:
    early, late = _position("US", ME, "2021-12-01"), _position("US", NA, "2021-12-15")
    clause = _clause(early, late)
    assert latest_positions(clause, dt.date(2021, 11, 30)) == {}
    assert latest_positions(clause, dt.date(2021, 12, 1)) == {"US": early}
    assert latest_positions(clause, dt.date(2021, 12, 14)) == {"US": early}
    assert latest_positions(clause, dt.date(2021, 12, 15)) == {"US": late}


def test_of_two_positions_on_one_day_the_later_listed_counts() -> None:
    first, second = _position("US", ME, "2021-12-20"), _position("US", NA, "2021-12-20")
    assert latest_positions(_clause(first, second), dt.date(2021, 12, 20)) == {"US": second}


def test_the_proposer_is_not_counted_unless_named() -> None:
    clause = _clause(_position("RU", AG, "2021-12-02"), _position("US", NA, "2021-12-04"))
    day = dt.date(2021, 12, 31)
    assert assess(clause, TREATY, day).verdict is Verdict.NEVER_AGREE
    assert assess(clause, TREATY, day).counted == ("US",)
    assert assess(clause, TREATY, day, ["RU", "US"]).verdict is Verdict.SPLIT
    # The proposer's own support, counted, is agreement: never "may explore".
    assert assess(clause, TREATY, day, ["RU"]).verdict is Verdict.AGREE


def test_only_the_proposer_speaking_is_no_position_with_the_others_silent() -> None:
    clause = _clause(_position("RU", AG, "2021-12-02"))
    a = assess(clause, TREATY, dt.date(2021, 12, 31))
    assert (a.verdict, a.silent) == (Verdict.NO_POSITION, ("US",))
    # Counting both: RU agrees, US is silent, and the assessment says so.
    a = assess(clause, TREATY, dt.date(2021, 12, 31), ["RU", "US"])
    assert (a.verdict, a.silent) == (Verdict.AGREE, ("US",))


def test_silent_parties_are_the_counted_ones_without_a_position_as_of_the_day() -> None:
    clause = _clause(_position("US", NA, "2021-12-10"))
    assert assess(clause, TREATY, dt.date(2021, 12, 9), ["RU", "US"]).silent == ("RU", "US")
    assert assess(clause, TREATY, dt.date(2021, 12, 10), ["RU", "US"]).silent == ("RU",)
    assert assess(clause, TREATY, dt.date(2021, 12, 10)).silent == ()  # RU is not counted


EX, INF = Basis.EXPLICIT, Basis.INFERRED


@pytest.mark.parametrize(
    ("run", "basis"),
    [
        ([(NA, EX)], EX),
        ([(NA, INF)], INF),
        ([(NA, EX), (NA, INF)], EX),  # restated on weaker evidence: the explicit one stands
        ([(NA, INF), (NA, EX), (NA, INF)], EX),
        ([(NA, INF), (NA, INF)], INF),
        ([(NA, EX), (ME, INF)], INF),  # the stance changed: the old explicit does not carry
        ([(NA, EX), (ME, INF), (NA, INF)], INF),  # a new run of never-agree starts inferred
        ([(ME, INF), (NA, EX), (NA, INF)], EX),
    ],
)
def test_the_basis_shown_is_the_strongest_of_the_current_run(
    run: list[tuple[Stance, Basis]], basis: Basis
) -> None:
    positions = [_position("US", s, f"2021-12-{10 + i}", b) for i, (s, b) in enumerate(run)]
    clause = _clause(*positions)
    assert standing_basis(clause, positions[-1]) is basis
    assert assess(clause, TREATY, dt.date(2021, 12, 31)).basis == {"US": basis}


def test_the_standing_basis_is_as_of_the_day() -> None:
    # An explicit never-agree that comes later does not lend its weight to an earlier day.
    early = _position("US", NA, "2021-12-10", INF)
    late = _position("US", NA, "2021-12-20", EX)
    clause = _clause(early, late)
    assert assess(clause, TREATY, dt.date(2021, 12, 15)).basis == {"US": INF}
    assert assess(clause, TREATY, dt.date(2021, 12, 20)).basis == {"US": EX}


def test_articles_sort_as_numbers() -> None:
    ids = [(10, None), (4, 2), (4, None), (4, 1), (2, None)]
    clauses = [_clause(article=a, paragraph=p) for a, p in ids]
    ordered = [article_label(c) for c in sorted(clauses, key=article_key)]
    assert ordered == ["2", "4", "4.1", "4.2", "10"]
