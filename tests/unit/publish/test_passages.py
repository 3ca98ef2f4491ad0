"""Quotes found in a source's own text as validation finds them, and shown in context."""

from __future__ import annotations

from treaty.publish.passages import CONTEXT_CHARS, Passage, Segment, SourceText, Span

TEXT = (
    "Headline\n"
    "\n"
    "The official said: “We will never\n  agree to that.” Then she left.\n"
    "Another line with the end of a quote\n"
)


def test_typographic_quotes_dashes_and_white_space_may_differ() -> None:
    text = SourceText("He said \u201cno \u2014 never\u201d\tto  it.")
    span = text.find('"no - never" to it')
    assert span is not None
    assert text.raw[span.start : span.end] == "\u201cno \u2014 never\u201d\tto  it"
    assert text.find("never agreed") is None
    assert text.find("   ") is None  # nothing to look for


def test_the_sentence_around_a_quote_within_its_paragraph() -> None:
    text = SourceText(TEXT)
    span = text.find("never agree to that")
    assert span is not None
    assert text.passage(span) == Passage(
        "The official said: “We will ", "never\n  agree to that", ".”"
    )
    span = text.find("Then she left.")
    assert span is not None
    assert text.passage(span) == Passage("", "Then she left.", "")


def test_long_sentences_are_cut_at_a_word() -> None:
    words = " ".join(f"w{i}" for i in range(400))
    text = SourceText(f"{words} QUOTE {words}.")
    span = text.find("QUOTE")
    assert span is not None
    passage = text.passage(span)
    assert passage.before.startswith("…w") and passage.after.endswith("…")
    assert CONTEXT_CHARS - 10 < len(passage.before) <= CONTEXT_CHARS + 1
    assert not passage.before.startswith("… ")


def test_paragraphs_mark_every_passage_even_across_lines_and_overlapping() -> None:
    text = SourceText(TEXT)
    first = text.find("We will never agree")
    second = text.find("agree to that.” Then")
    assert first is not None and second is not None
    paragraphs = text.paragraphs([(2, second), (1, first)])
    assert len(paragraphs) == 4  # the empty line is no paragraph
    assert paragraphs[0] == [Segment("Headline", False)]
    assert paragraphs[1] == [
        Segment("The official said: “", False),
        Segment("We will never", True, starts=(1,)),
    ]
    assert paragraphs[2] == [
        Segment("  ", True),
        Segment("agree", True, starts=(2,), ends=(1,)),
        Segment(" to that.” Then", True, ends=(2,)),
        Segment(" she left.", False),
    ]
    assert Span(first.start, first.end) == first
