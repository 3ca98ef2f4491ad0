from __future__ import annotations

from treaty.quotes import closest_passage, contains, normalise


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
