"""`treaty brief`: the briefing as Markdown (and JSON), on tests/data/reports."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.cli.test_status import expected
from tests.conftest import invoke
from tests.publish_hostile import IMAGE, SCRIPT, hostile_project
from treaty.publish.brief import md


def _brief(root: Path, *args: str) -> str:
    result = invoke(["brief", "--root", str(root), "--as-of", "2021-12-31", *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_the_markdown_briefing_is_the_reviewed_one(reports_project: Path) -> None:
    # Per clause its verdict and text, each party's latest stance with its strongest quote
    # (east-pact.6 quotes the explicit position that still stands), speakers, sources, URLs.
    assert _brief(reports_project) == expected("brief-2021-12-31.md")


def test_json_names_each_party_s_stance_and_the_quote_behind_it(reports_project: Path) -> None:
    doc = json.loads(_brief(reports_project, "--format", "json", "--treaty", "west-pact"))
    assert doc["as_of"] == "2021-12-31" and doc["revision"] is None
    (treaty,) = doc["treaties"]
    first = treaty["clauses"][0]
    assert first["id"] == "west-pact.1" and first["verdict"] == "never-agree"
    assert first["silent"] == []
    assert first["stances"]["RU"]["quote"] == {
        "source": "sputnik",
        "quote": "NATO's expansion eastward is unacceptable",
        "speaker": "Vladimir Putin",
        "title": "US Ready for Security Talks With Russia in Early January, Senior "
        "Administration Official Says",
        "outlet": "Sputnik",
        "published": None,
        "url": "https://example.org/made-up/us-ready-for-talks",
        "retrieved": "2021-12-24",
    }
    assert treaty["clauses"][1]["stances"]["RU"] is None


def test_markdown_shows_hostile_text_literally(tmp_path: Path) -> None:
    root = hostile_project(tmp_path / "hostile")
    out = _brief(root, "--treaty", "us-russia")
    assert md(SCRIPT) in out and md(IMAGE) in out
    # Every "<" is escaped, but for the autolinks of http(s) URLs.
    assert re.findall(r"(?<!\\)<(?!https?://)", out) == []
    assert "](javascript:" not in out


def test_md_escapes_what_could_become_markup() -> None:
    assert md("[x](javascript:alert(1)) <b>*a*</b> `c` a|b") == (
        "\\[x\\](javascript:alert(1)) \\<b\\>\\*a\\*\\</b\\> \\`c\\` a\\|b"
    )
    assert md("two\nlines") == "two lines"


def test_an_unknown_treaty_gets_a_did_you_mean(reports_project: Path) -> None:
    result = invoke(["brief", "--root", str(reports_project), "--treaty", "east-pakt"])
    assert result.exit_code == 2
    assert 'did you mean "east-pact"' in result.output


def test_files_with_problems_are_named_and_the_exit_is_1(reports_project: Path) -> None:
    bad = reports_project / "clauses" / "east-pact" / "3.yaml"
    bad.write_text(bad.read_text("utf-8").replace("text_kind: paraphrase", "text_kind: x"))
    result = invoke(["brief", "--root", str(reports_project), "--as-of", "2021-12-31"])
    assert result.exit_code == 1
    assert "**Incomplete:** 1 file(s) with problems left out:" in result.stdout
    assert "#### east-pact.3:" not in result.stdout
