"""The verdict rule and each party's latest position, on hand-built clauses."""

from __future__ import annotations

import datetime as dt

import pytest

from treaty.model import Clause, Position, Stance, Treaty
from treaty.report.verdict import (
    Verdict,
    article_key,
    article_label,
    assess,
    decide,
    latest_positions,
)

NA, ME, AG = Stance.NEVER_AGREE, Stance.MAY_EXPLORE, Stance.AGREE


@pytest.mark.parametrize(
    ("stances", "verdict"),
    [
        ([], Verdict.NO_POSITION),
        ([NA], Verdict.NEVER_AGREE),
        ([NA, NA], Verdict.NEVER_AGREE),
        ([ME], Verdict.MAY_EXPLORE),
        ([AG], Verdict.MAY_EXPLORE),
        ([ME, AG], Verdict.MAY_EXPLORE),
        ([NA, ME], Verdict.SPLIT),  # a tie is a split, not a majority
        ([NA, AG], Verdict.SPLIT),
        ([NA, NA, ME], Verdict.SPLIT),  # a majority is still a split
    ],
)
def test_decide_follows_the_rule(stances: list[Stance], verdict: Verdict) -> None:
    assert decide(stances) is verdict


def _position(party: str, stance: Stance, day: str) -> Position:
    return Position.model_validate(
        {
            "party": party,
            "stance": stance.value,
            "date": day,
            "basis": "explicit",
            "evidence": [{"source": "s", "quote": "q"}],
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
    assert assess(clause, TREATY, day, ["RU"]).verdict is Verdict.MAY_EXPLORE


def test_only_the_proposer_speaking_is_no_position() -> None:
    clause = _clause(_position("RU", AG, "2021-12-02"))
    assert assess(clause, TREATY, dt.date(2021, 12, 31)).verdict is Verdict.NO_POSITION


def test_articles_sort_as_numbers() -> None:
    ids = [(10, None), (4, 2), (4, None), (4, 1), (2, None)]
    clauses = [_clause(article=a, paragraph=p) for a, p in ids]
    ordered = [article_label(c) for c in sorted(clauses, key=article_key)]
    assert ordered == ["2", "4", "4.1", "4.2", "10"]
