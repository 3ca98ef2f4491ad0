"""``treaty search``: full-text search of the bundled corpus, its filters, phrases and
prefixes, snippets marked and escaped, and malformed queries as usage errors."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO, invoke, read_only
from treaty.index.corpus import NO_INDEX_ENV
from treaty.index.search import to_fts
from treaty.index.texts import CLOSE, OPEN
from treaty.report.search import PLAIN_MARKS, marked


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.delenv("TREATY_ROOT", raising=False)
    monkeypatch.delenv(NO_INDEX_ENV, raising=False)


def _search(root: Path, *args: str, code: int = 0) -> str:
    result = invoke(["search", "--root", str(root), *args])
    assert result.exit_code == code, result.output
    return result.output


def _json(root: Path, *args: str) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(_search(root, *args, "--format", "json"))
    return doc


def _where(doc: dict[str, Any]) -> list[tuple[str, str]]:
    return [(h["id"], h["field"]) for h in doc["hits"]]


def test_hotlines_finds_the_article_on_hotlines(bundled_project: Path) -> None:
    out = _search(bundled_project, "hotlines")
    assert out.splitlines()[:2] == [
        "russia-nato.2  title",
        "    Urgent consultations, information exchange and emergency [hotlines]",
    ]
    assert out.endswith('\n\n5 hits for "hotlines"\n')
    doc = _json(bundled_project, "hotlines")
    assert doc["total"] == 5
    assert {h["id"] for h in doc["hits"] if h["kind"] == "clause"} == {"russia-nato.2"}
    for hit in doc["hits"]:  # each mark is the word found, in any case
        assert [hit["snippet"][a:b].lower() for a, b in hit["marks"]] == ["hotlines"]


def test_phrases_in_either_kind_of_quotes_and_prefixes(bundled_project: Path) -> None:
    straight = _json(bundled_project, '"will never agree"')
    curly = _json(bundled_project, "\u201cwill never agree\u201d")
    assert straight["total"] > 0 and _where(straight) == _where(curly)
    words = _json(bundled_project, "agree will never")  # all the words, in any order
    assert words["total"] >= straight["total"]
    prefix = _json(bundled_project, "hotl*")
    assert prefix["total"] == 5
    either = _json(bundled_project, "hotlines OR enlargement")
    assert either["total"] > prefix["total"]
    without = _json(bundled_project, "hotlines NOT emergency")
    assert 0 < without["total"] < prefix["total"]
    # Typographic apostrophes in sources are found by a straight one, and hyphens join words.
    assert _json(bundled_project, "Moscow's security")["total"] > 0
    assert _json(bundled_project, "NATO-Russia Council")["total"] > 0


def test_filters_by_place_party_and_treaty(bundled_project: Path) -> None:
    quotes = _json(bundled_project, "hotlines", "--in", "quotes")
    assert {h["category"] for h in quotes["hits"]} == {"quotes"}
    assert _where(quotes) == [("russia-nato.2", "reported_in[0].quote")]
    sources = _json(bundled_project, "hotlines", "--in", "sources")
    assert {h["kind"] for h in sources["hits"]} == {"source"}
    both = _json(bundled_project, "hotlines", "--in", "sources", "--in", "quotes")
    assert both["total"] == quotes["total"] + sources["total"]
    us = _json(bundled_project, "reciprocity", "--party", "US")
    assert us["total"] > 0 and {h["party"] for h in us["hits"]} == {"US"}
    nato = _json(bundled_project, "reciprocity", "--party", "NATO")
    assert all(h["party"] == "NATO" for h in nato["hits"])
    treaty = _json(bundled_project, "NATO", "--treaty", "us-russia", "--limit", "0")
    assert treaty["hits"] and {h["treaty"] for h in treaty["hits"]} == {"us-russia"}


def test_limit_shows_the_best_and_says_how_many_there_are(bundled_project: Path) -> None:
    out = _search(bundled_project, "NATO", "--limit", "2")
    assert len([line for line in out.splitlines() if not line.startswith(" ")]) == 4
    assert "(2 shown; --limit 0 shows all)" in out.splitlines()[-1]
    assert len(_json(bundled_project, "NATO", "--limit", "0")["hits"]) > 2


def test_no_hits_is_not_an_error(bundled_project: Path) -> None:
    assert _search(bundled_project, "zanzibar") == '0 hits for "zanzibar"\n'


@pytest.mark.parametrize(
    ("query", "says"),
    [
        ('"open door', "unclosed quote"),
        ("hotlines OR", "cannot read the query"),
        ("(hotlines", "cannot read the query"),
        ("NOT hotlines", "cannot read the query"),
        ("*", "a * must end a word"),
        ("   ", "the query is empty"),
    ],
)
def test_a_malformed_query_is_a_usage_error(bundled_project: Path, query: str, says: str) -> None:
    result = invoke(["search", "--root", str(bundled_project), query])
    assert result.exit_code == 2
    assert says in result.output and "a phrase" in result.output
    assert "sqlite" not in result.output.lower() and "Traceback" not in result.output


def test_fts_syntax_typed_by_a_user_is_only_words() -> None:
    assert to_fts("title:hotlines NEAR(a b)") == '"title:hotlines" "NEAR" ( "a" "b" )'
    assert to_fts("“open door”* x*") == '"open door"* "x"*'


def test_unknown_filters_get_a_did_you_mean(bundled_project: Path) -> None:
    result = invoke(["search", "--root", str(bundled_project), "x", "--treaty", "us-rusia"])
    assert result.exit_code == 2 and "us-russia" in result.output
    result = invoke(["search", "--root", str(bundled_project), "x", "--in", "quote"])
    assert result.exit_code == 2


def test_snippets_are_escaped_and_marks_cannot_be_forged(bundled_project: Path) -> None:
    seed = bundled_project / "seeds" / "999_hostile.txt"
    # A control character in an article is refused by validation (T012), so the snippet's
    # escaping of those is pinned on the renderer below; the private-use characters the index
    # marks matches with are allowed in an article and must not forge a mark.
    seed.write_bytes("Hotlines <b> were \ue000named\ue001 here.\n".encode())
    digest = hashlib.sha256(seed.read_bytes()).hexdigest()
    registry = bundled_project / "seeds" / "sources.yaml"
    registry.write_text(
        registry.read_text("utf-8")
        + f"  - id: hostile\n    file: {seed.name}\n    title: null\n    outlet: null\n"
        f"    published: null\n    sha256: {digest}\n",
        "utf-8",
    )
    out = _search(bundled_project, "named", "--in", "sources")
    assert out.splitlines()[:2] == [
        "source hostile  text",
        "    Hotlines <b> were \ufffd[named]\ufffd here.",
    ]
    assert marked(f"a \x1b[2J {OPEN}b{CLOSE}", PLAIN_MARKS) == "a \\x1b[2J [b]"
    doc = _json(bundled_project, "named", "--in", "sources")
    (hit,) = doc["hits"]
    assert [hit["snippet"][a:b] for a, b in hit["marks"]] == ["named"]


def test_files_with_problems_are_not_searched(bundled_project: Path) -> None:
    clause = bundled_project / "clauses" / "russia-nato" / "2.yaml"
    clause.write_text(clause.read_text("utf-8").replace("stance: ", "stance: x", 1), "utf-8")
    result = invoke(["search", "--root", str(bundled_project), "hotlines"])
    assert result.exit_code == 1
    assert "russia-nato.2" not in result.stdout and "2.yaml" in result.stderr


def test_the_same_hits_without_the_project_s_index(bundled_project: Path) -> None:
    args = ["search", "--root", str(bundled_project), "NATO", "--limit", "0"]
    with_index = invoke(args)
    without = invoke(args, env={NO_INDEX_ENV: "1"})
    assert (without.exit_code, without.output) == (with_index.exit_code, with_index.output)


def test_the_bundled_corpus_answers_the_question_of_the_issue() -> None:
    doc = json.loads(
        invoke(["search", "--root", str(read_only(REPO)), "hotlines", "-f", "json"]).output
    )
    assert ("russia-nato.2", "title") in _where(doc)
