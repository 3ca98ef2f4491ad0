from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from treaty.check.quotes import _QUOTES, closest_passage, contains, normalise


def test_typographic_quotes_dashes_and_whitespace_are_normalised() -> None:
    assert normalise("“We’re  ready” —\n now") == '"We\'re ready" - now'


def test_nothing_else_is_normalised() -> None:
    source = normalise("The official said we will never agree to it.")
    assert contains(source, "we will  never agree")
    assert not contains(source, "We will never agree")  # case matters
    assert not contains(source, "we will never agree to it!")  # punctuation matters
    assert not contains(source, "   ")


def test_closest_passage_finds_the_near_miss() -> None:
    source = normalise("First sentence here. The US may be able to explore what's possible. End.")
    assert closest_passage(source, "the US may be able to examine what's possible") == (
        "The US may be able to explore what's possible."
    )


@given(st.text(alphabet=" \t\r\n\u00a0“”’—ab.", max_size=40), st.integers(0, 50))
@settings(max_examples=20, deadline=None)
def test_a_long_source_is_normalised_in_pieces_exactly_as_in_one(piece: str, more: int) -> None:
    """Sources of megabytes are normalised a piece at a time, to bound memory; a run of
    whitespace across a piece's end must still become one space."""
    text = (piece + "x") * (200_000 // (len(piece) + 1) + more)  # over three pieces of 64 KiB
    assert len(text) > 3 * 64 * 1024
    assert normalise(text) == re.sub(r"\s+", " ", text.translate(_QUOTES)).strip()


def test_the_closest_passage_is_found_with_a_misspelt_single_word() -> None:
    source = normalise("Hotlines between the parties, and other channels.")
    assert closest_passage(source, "Hotlnes") == "Hotlines"


def test_the_work_budget_pays_for_each_check_and_refuses_once_spent() -> None:
    from treaty.check.quotes import WorkBudget

    source = normalise("alpha beta gamma " * 1000)
    work = WorkBudget(steps=100, per_file=0)
    assert work.find(source, "alpha beta") is True  # found at 0: costs 10 steps
    assert work.left == 90
    assert work.find(source, "alpha beta") is True  # asked again in the file: free
    assert work.left == 90
    assert work.find(source, "not there") is None  # a scan of the whole source: unaffordable
    assert (work.left, work.refused, work.unchecked) == (0, 1, 1)
    work.start_file()
    assert work.unchecked == 0 and work.left == 0


def test_the_work_budget_is_shared_between_workers_and_grows_per_file() -> None:
    from treaty.check.quotes import WorkBudget

    work = WorkBudget(steps=1000, per_file=10)
    work.share(4)
    assert work.left == 250
    work.start_file()
    assert work.left == 260
    assert work.closest(normalise("a b c " * 100), "x y z") is None  # costs far more
    assert work.refused == 1
