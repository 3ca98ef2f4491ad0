"""Model errors speak the format's words, with an example of the right form; pydantic's own
wording ("instance of", "Input should be", "valid dictionary") never reaches a user."""

from __future__ import annotations

from typing import Any

import pytest

from treaty.check.model_errors import check_model
from treaty.model import Clause, Treaty
from treaty.registry import SourceRegistry, Topics

CLAUSE: dict[str, Any] = {
    "id": "us-russia.9",
    "treaty": "us-russia",
    "article": 9,
    "title": "t",
    "topics": ["hotlines"],
    "binds": ["US"],
    "text": "x",
    "text_kind": "paraphrase",
}
POSITION = {"party": "US", "stance": "agree", "date": "2021-12-01", "basis": "explicit"}
TREATY: dict[str, Any] = {
    "id": "x",
    "title": "t",
    "proposer": "RU",
    "published": None,
    "parties": [{"id": "US", "name": "U"}, {"id": "RU", "name": "R"}],
}

CASES: list[tuple[Any, dict[str, Any], str]] = [
    (Clause, {"positions": ["US"]}, 'positions[0]: expected a position: a mapping of party, '
     'stance, date, basis and evidence, found text ("US")'),
    (Clause, {"positions": [{**POSITION, "evidence": ["a quote"]}]}, "positions[0].evidence[0]: "
     "expected a quote: a mapping of source and quote (e.g. {source: sputnik-2021-12-23, quote: "
     "others they know very well we will never agree to, speaker: senior administration "
     'official (unnamed)}), found text ("a quote")'),
    (Clause, {"positions": [{**POSITION, "evidence": []}]}, "positions[0].evidence: needs at "
     "least 1 entry, has none (e.g. [{source: sputnik-2021-12-23, quote: others they know very "
     "well we will never agree to, speaker: senior administration official (unnamed)}])"),
    (Clause, {"positions": [{**POSITION, "party": "us", "evidence": [{"source": "a",
     "quote": "b"}]}]}, 'positions[0].party: "us" is not a party id (upper case, e.g. US) (did '
     'you mean "US"?)'),
    (Clause, {"topics": "a"}, 'topics: expected a list (e.g. [non-expansion]), found text ("a")'),
    (Clause, {"article": "4"}, 'article: expected a whole number (e.g. 4), found text ("4")'),
    (Clause, {"article": 0}, "article: must be 1 or more, found a number (0) (e.g. 4)"),
    (Clause, {"title": ""}, "title: is empty; write something here (e.g. No further eastward "
     "expansion of NATO)"),
    (Treaty, {"parties": ["US", "RU"]}, 'parties[0]: expected a party: a mapping of id and name '
     '(e.g. {id: US, name: United States of America}), found text ("US")'),
    (Treaty, {"parties": [{"id": "US"}, {"id": "RU", "name": "R"}]}, 'missing required field '
     '"name" in parties[0] (e.g. name: United States of America)'),
    (Topics, {"topics": {"A b": "x"}}, 'topics.A b: "A b" is not a slug (lower-case letters and '
     "digits joined by hyphens, e.g. us-russia)"),
    (SourceRegistry, {"sources": [{"id": "a", "file": "f", "outlet": None, "published": None,
     "sha256": "0" * 64}]}, 'missing required field "title" in sources[0] (e.g. title: US Ready '
     "for Security Talks With Russia in Early January, or null when unknown)"),
]  # fmt: skip


@pytest.mark.parametrize(("model", "change", "message"), CASES)
def test_the_message_is_in_the_format_s_words(
    model: Any, change: dict[str, Any], message: str
) -> None:
    base = {Clause: CLAUSE, Treaty: TREATY}.get(model, {})
    _, problems = check_model(model, {**base, **change}, "f")
    messages = [p.message for p in problems]
    assert message in messages
    for text in messages:
        for leak in ("instance of", "Input should", "valid dictionary", "valid list", "String "):
            assert leak not in text, text


def test_a_null_proposer_is_a_treaty_whose_proposer_is_unknown() -> None:
    assert check_model(Treaty, {**TREATY, "proposer": None}, "f")[1] == []
