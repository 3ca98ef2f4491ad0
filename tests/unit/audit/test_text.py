"""Sentences, quote places and stance phrases in a source's text."""

from __future__ import annotations

from treaty.audit.suggest import Candidate, Suggester, stems
from treaty.audit.text import Phrases, occurrences, read_text
from treaty.model import Stance

TEXT = (
    "Headline without a stop\n"
    "Mr. Smith said the U.S. will never agree to it. “We may explore the rest,” he added!\n"
    "\n"
    "  Is it final? 2022 will tell.\n"
)


def test_sentences_are_placed_by_line_and_column() -> None:
    found = [(s.line, s.column, s.text) for s in read_text(TEXT).sentences]
    assert found == [
        (1, 1, "Headline without a stop"),
        (2, 1, "Mr. Smith said the U.S. will never agree to it."),
        (2, 49, "“We may explore the rest,” he added!"),
        (4, 3, "Is it final?"),
        (4, 16, "2022 will tell."),
    ]


def test_sentences_are_placed_in_the_normalised_text() -> None:
    text = read_text(TEXT)
    for sentence in text.sentences:
        assert text.flat[sentence.start : sentence.end] == " ".join(sentence.text.split()).replace(
            "“", '"'
        ).replace("”", '"')


def test_a_quote_is_found_everywhere_it_occurs_with_typographic_marks_made_plain() -> None:
    flat = read_text("one ‘two’ one 'two' one").flat
    assert occurrences(flat, "one 'two'") == [(0, 9), (10, 19)]
    assert occurrences(flat, "one") == [(0, 3), (10, 13), (20, 23)]
    assert occurrences(flat, "three") == []
    assert occurrences(flat, "   ") == []


def test_a_sentence_overlaps_the_quotes_that_share_a_character_with_it() -> None:
    first, second = read_text("Alpha beta. Gamma delta.").sentences
    assert first.overlaps([(6, 8)]) and not first.overlaps([(11, 12)])
    assert second.overlaps([(9, 14)]) and first.overlaps([(9, 14)])


def test_phrases_match_whole_words_in_any_case_the_longest_first() -> None:
    phrases = Phrases(
        {"never agree": Stance.NEVER_AGREE, "agree": Stance.AGREE, "won’t": Stance.NEVER_AGREE}
    )
    assert [m.phrase for m in phrases.find("We will NEVER agree, and we agree.")] == [
        "never agree",
        "agree",
    ]
    assert phrases.find("They disagree and agreed.") == []
    assert [(m.phrase, m.signals) for m in phrases.find("We won't.")] == [
        ("won’t", Stance.NEVER_AGREE)
    ]
    assert Phrases({}).find("anything") == []


def test_stems_leave_out_grammar_and_meet_across_forms() -> None:
    assert stems("The deployments of missiles") == {"deploy", "missil"}
    assert stems("deploying a missile") == {"deploy", "missil"}
    assert "based" not in stems("bases") and stems("bases") == {"base"}


def test_a_suggestion_needs_two_shared_words_and_weighs_rare_ones_most() -> None:
    hotlines = Candidate("t.2", "Emergency hotlines", True)
    missiles = Candidate("t.6", "No land-based missiles in Europe", False)
    exercises = Candidate("t.7", "No exercises in Europe near borders", True)
    suggester = Suggester(
        {c: stems(c.title) for c in (hotlines, missiles, exercises)},
        ["One.", "Two.", "Three.", "Four.", "Five."],
    )
    assert suggester.suggest("Missiles in Europe and land-based ones") == [missiles]
    assert suggester.suggest("Hotlines") == []  # one shared word is not enough
    assert suggester.suggest("Europe, borders, missiles, land") == [missiles, exercises]
    assert suggester.suggest("Emergency hotlines", leave_out=["emergency"]) == []
