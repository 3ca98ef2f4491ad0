"""Removing an entry from a YAML list, and replacing a value, as text: the inverse of
inserting gives back the very bytes, and nothing else in the file changes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.unit.yaml.test_insert import ENTRY, LATER
from treaty.yaml.events import EditError
from treaty.yaml.insert import insert_entry
from treaty.yaml.remove import remove_entry, replace_value

SHAPES = {
    "after the last, with comments and folded text": (
        "# yaml-language-server: $schema=../../schemas/clause.schema.json\n"
        "id: us-russia.9   # keep this spacing\n"
        "positions:\n"
        "  # The first one.\n"
        "  - party: RU\n"
        "    rationale: >-\n"
        "      Folded text\n"
        "      over two lines.\n"
        "\n"
        "  # A comment about what follows.\n"
        "related: [us-russia.4.1]\n",
        None,
    ),
    "before a later one and its comment": (
        "positions:\n  - party: US\n    date: 2021-12-20\n  # Later.\n"
        "  - party: US\n    date: 2021-12-31\n",
        1,
    ),
    "first of several": ("positions:\n  - party: US\n  - party: RU\nrelated: [a]\n", 0),
    "an empty list": ("# modeline\nid: x\npositions: []\n# Related clauses:\nrelated: [a]\n", None),
    "the file's own indentation": (
        "reported_in:\n- source: a\n  quote: b\npositions:\n- a\n",
        None,
    ),
    "crlf": ("id: x\r\npositions:\r\n  - party: RU\r\n    stance: agree\r\nrelated: [a]\r\n", None),
    "a kept block scalar": (
        "positions:\n  - party: RU\n    notes: |+\n      kept\n\n\nrelated: [a]\n",
        None,
    ),
    "comments indented into the last": (
        "positions:\n  - party: RU\n    # about RU\n# about related\nrelated: [a]\n",
        None,
    ),
}


def _where(text: str, index: int | None) -> int:
    from treaty.files.reading import Limits
    from treaty.yaml.load import load_yaml

    data, _ = load_yaml(text, "x", Limits())
    return len(data.get("positions") or []) if index is None else index


@pytest.mark.parametrize("name", SHAPES)
def test_removing_what_was_inserted_gives_back_the_same_bytes(name: str) -> None:
    old, index = SHAPES[name]
    new = insert_entry(old, "positions", ENTRY, index, LATER)
    assert new != old
    assert remove_entry(new, "positions", _where(old, index)) == old


def test_removing_a_hand_written_entry_keeps_the_others_and_the_comments() -> None:
    old = "positions:\n  # first\n  - party: US\n  # second\n  - party: RU\nnotes: n\n"
    assert remove_entry(old, "positions", 0) == "positions:\n  # second\n  - party: RU\nnotes: n\n"
    assert remove_entry(old, "positions", 1) == "positions:\n  # first\n  - party: US\nnotes: n\n"


def test_without_its_last_entry_the_list_is_empty_keeping_the_comment_on_its_line() -> None:
    old = "positions:  # each party's\n  # the first\n  - party: US\nnotes: n\n"
    assert remove_entry(old, "positions", 0) == "positions: []  # each party's\nnotes: n\n"


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("positions: [{party: RU}]\n", "flow list"),
        ("positions: a value\n", "not a list"),
        ("id: x\n", 'no "positions"'),
        ("positions:\n  - a\n", "no item 3"),
    ],
)
def test_shapes_that_cannot_lose_an_entry_are_refused(text: str, why: str) -> None:
    with pytest.raises(EditError, match=why):
        remove_entry(text, "positions", 3 if "- a" in text else 0)


@settings(max_examples=60, deadline=None)
@given(st.text(st.sampled_from("ab: #'\"-\n[]{}"), max_size=30))
def test_any_text_inserted_then_removed_gives_back_the_file(quote: str) -> None:
    old = SHAPES["after the last, with comments and folded text"][0]
    entry = {**ENTRY, "evidence": [{"source": "s", "quote": quote or "q"}]}
    new = insert_entry(old, "positions", entry, None, LATER)
    assert remove_entry(new, "positions", 1) == old


def test_a_value_is_replaced_in_its_own_quoting() -> None:
    old = "sources:\n  - id: a  # the first\n    sha256: 'abc'\n  - id: b\n    sha256: def\n"
    assert replace_value(old, ("sources", 0, "sha256"), "0f") == old.replace("'abc'", "'0f'")
    assert replace_value(old, ("sources", 1, "sha256"), "0f") == old.replace("def", "0f")
    assert replace_value(old, ("sources", 1, "id"), "a: b") == old.replace("id: b", 'id: "a: b"')


def test_a_value_that_is_not_there_is_refused() -> None:
    with pytest.raises(EditError, match="nothing at"):
        replace_value("sources:\n  - id: a\n", ("sources", 0, "sha256"), "x")
