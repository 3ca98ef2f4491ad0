"""Inserting an entry into a YAML list as text: every other byte stays, in every shape."""

from __future__ import annotations

import datetime as dt
import difflib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from treaty.files.reading import Limits
from treaty.yaml.events import EditError
from treaty.yaml.insert import insert_entry
from treaty.yaml.load import load_yaml

ENTRY = {
    "party": "US",
    "stance": "may-explore",
    "date": dt.date(2021, 12, 30),
    "basis": "explicit",
    "evidence": [{"source": "tass", "quote": "we believe: we can discuss"}],
}
ENTRY_LINES = """\
  - party: US
    stance: may-explore
    date: 2021-12-30
    basis: explicit
    evidence:
      - source: tass
        quote: 'we believe: we can discuss'
"""
LATER = ["related", "notes"]


def _only_added(old: str, new: str) -> list[str]:
    """The lines the edit added; fails if it removed or changed any."""
    diff = list(difflib.ndiff(old.splitlines(keepends=True), new.splitlines(keepends=True)))
    assert not [d for d in diff if d.startswith("- ")], "".join(diff)
    return [d[2:] for d in diff if d.startswith("+ ")]


def test_appends_after_the_last_position_keeping_comments_quotes_and_blank_lines() -> None:
    old = """\
# yaml-language-server: $schema=../../schemas/clause.schema.json
id: us-russia.9   # keep this spacing
title: 'Single quotes stay'
positions:
  # The first one.
  - party: RU
    stance: agree
    evidence:
      - source: tass
        quote: "double quotes stay"
    rationale: >-
      Folded text
      over two lines.

  # A comment about what follows.
related: [us-russia.4.1]
"""
    new = insert_entry(old, "positions", ENTRY, None, LATER)
    assert new == old.replace("      over two lines.\n", "      over two lines.\n" + ENTRY_LINES)
    assert "".join(_only_added(old, new)) == ENTRY_LINES


def test_inserts_before_a_later_position_and_above_its_comment() -> None:
    old = """\
positions:
  - party: US
    date: 2021-12-20
  # Later.
  - party: US
    date: 2021-12-31
"""
    new = insert_entry(old, "positions", ENTRY, 1, LATER)
    assert new == old.replace("  # Later.\n", ENTRY_LINES + "  # Later.\n")


def test_empty_flow_list_becomes_a_block_list_keeping_the_line_comment() -> None:
    old = "id: x\npositions: []  # none yet\nrelated: [a]\n"
    new = insert_entry(old, "positions", ENTRY, None, LATER)
    assert new == "id: x\npositions:  # none yet\n" + ENTRY_LINES + "related: [a]\n"


@pytest.mark.parametrize("null", ["", " null", " ~"])
def test_a_key_with_nothing_or_null_gets_the_entry(null: str) -> None:
    old = f"id: x\npositions:{null}\nrelated: [a]\n"
    new = insert_entry(old, "positions", ENTRY, None, LATER)
    assert new == "id: x\npositions:\n" + ENTRY_LINES + "related: [a]\n"


def test_a_missing_key_goes_before_the_next_field_and_its_comment() -> None:
    old = "# modeline\nid: x\n# Related clauses:\nrelated: [a]\n"
    new = insert_entry(old, "positions", ENTRY, None, LATER)
    assert (
        new
        == "# modeline\nid: x\npositions:\n" + ENTRY_LINES + "# Related clauses:\nrelated: [a]\n"
    )


def test_a_missing_key_goes_at_the_end_of_a_file_without_a_final_line_break() -> None:
    old = "id: x\ntitle: t"
    new = insert_entry(old, "positions", ENTRY, None, LATER)
    assert new == "id: x\ntitle: t\npositions:\n" + ENTRY_LINES


def test_the_file_own_list_indentation_is_followed() -> None:
    old = "reported_in:\n- source: a\n  quote: b\n"
    new = insert_entry(old, "positions", ENTRY, None, LATER)
    added = "".join(_only_added(old, new))
    assert added == (
        "positions:\n"
        "- party: US\n"
        "  stance: may-explore\n"
        "  date: 2021-12-30\n"
        "  basis: explicit\n"
        "  evidence:\n"
        "  - source: tass\n"
        "    quote: 'we believe: we can discuss'\n"
    )


def test_flow_lists_get_a_flow_entry() -> None:
    old = "positions: [{party: RU, stance: agree}]\n"
    new = insert_entry(old, "positions", ENTRY, None, LATER)
    assert new == (
        "positions: [{party: RU, stance: agree}, {party: US, stance: may-explore, "
        "date: 2021-12-30, basis: explicit, evidence: [{source: tass, "
        "quote: 'we believe: we can discuss'}]}]\n"
    )


def test_crlf_files_stay_crlf() -> None:
    old = "id: x\r\npositions:\r\n  - party: RU\r\n    stance: agree\r\nrelated: [a]\r\n"
    new = insert_entry(old, "positions", ENTRY, None, LATER)
    assert new == old.replace("related", ENTRY_LINES.replace("\n", "\r\n") + "related")


def test_a_kept_block_scalar_keeps_its_trailing_blank_lines() -> None:
    old = "positions:\n  - party: RU\n    notes: |+\n      kept\n\n\nrelated: [a]\n"
    new = insert_entry(old, "positions", ENTRY, None, LATER)
    assert new == old.replace("\n\n\nrelated", "\n\n\n" + ENTRY_LINES + "related")


def test_comments_indented_into_the_last_entry_stay_with_it() -> None:
    old = "positions:\n  - party: RU\n    # about RU\n# about related\nrelated: [a]\n"
    new = insert_entry(old, "positions", ENTRY, None, LATER)
    assert new == old.replace("# about related", ENTRY_LINES + "# about related")


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("{id: x, positions: []}\n", "flow mapping"),
        ("positions: a value\n", "single value"),
        ("positions:\n  a: b\n", "mapping, not a list"),
        ("positions: [\n]\n", "on another line"),
    ],
)
def test_shapes_that_cannot_take_an_entry_are_refused(text: str, why: str) -> None:
    with pytest.raises(EditError, match=why):
        insert_entry(text, "positions", ENTRY, None, LATER)


_text = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff\x85"),
    min_size=1,
    max_size=120,
).filter(lambda s: s.strip() == s)


@settings(max_examples=150, deadline=None)
@given(quote=_text, rationale=_text, condition=_text)
def test_any_text_is_inserted_so_that_it_reads_back_and_nothing_else_changes(
    quote: str, rationale: str, condition: str
) -> None:
    old = (
        "# comment\nid: x\npositions:\n  - party: RU\n    rationale: >-\n      folded\n"
        "      text\n\n# trailing\nrelated: [a]\n"
    )
    entry = {**ENTRY, "evidence": [{"source": "s", "quote": quote}], "rationale": rationale}
    entry["conditions"] = [condition]
    new = insert_entry(old, "positions", entry, None, LATER)
    _only_added(old, new)
    data, problems = load_yaml(new, "x", Limits())
    assert problems == []
    assert data["positions"][1]["evidence"][0]["quote"] == quote
    assert data["positions"][1]["rationale"] == rationale
    assert data["positions"][1]["conditions"] == [condition]
