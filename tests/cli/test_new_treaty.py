"""``treaty new-treaty``: a treaty file written for you, checked first, never overwriting."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import invoke

PARTIES = ["--party", "US=United States of America", "--party", "RU=Russian Federation"]


@pytest.fixture(autouse=True)
def _in_project(fixture_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(fixture_project)


def test_a_treaty_with_an_unknown_proposer_and_day(fixture_project: Path) -> None:
    result = invoke(
        ["new-treaty", "osce-text", "--title", "A multilateral text", *PARTIES,
         "--proposer", "unknown", "--published", "unknown"]
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.output == (
        "created clauses/osce-text/treaty.yaml\n"
        "next: `treaty new osce-text.1` for its first clause\n"
    )
    assert Path("clauses/osce-text/treaty.yaml").read_text("utf-8") == (
        "# yaml-language-server: $schema=../../schemas/treaty.schema.json\n"
        "id: osce-text\n"
        "title: A multilateral text\n"
        "proposer: null\n"
        "published: null\n"
        "parties:\n"
        "  - id: US\n"
        "    name: United States of America\n"
        "  - id: RU\n"
        "    name: Russian Federation\n"
    )
    assert invoke(["validate"]).exit_code == 0
    status = invoke(["status", "--treaty", "osce-text"])
    assert status.exit_code == 0, status.output
    clause = invoke(
        ["new", "osce-text.1", "--title", "t", "--topics", "hotlines", "--binds", "US,RU",
         "--text", "Hotlines.", "--text-kind", "paraphrase"]
    )  # fmt: skip
    assert clause.exit_code == 0, clause.output


def test_a_proposed_and_dated_treaty_reported_by_a_source() -> None:
    result = invoke(
        ["new-treaty", "us-russia-2", "--title", "A second draft", *PARTIES, "--proposer", "RU",
         "--published", "2021-12-17", "--source", "tass", "--quote", "released draft agreements"]
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    text = Path("clauses/us-russia-2/treaty.yaml").read_text("utf-8")
    assert "proposer: RU\npublished: 2021-12-17\n" in text
    assert "reported_in:\n  - source: tass\n    quote: released draft agreements\n" in text


def test_refusals_write_nothing(fixture_project: Path) -> None:
    before = sorted(p for p in fixture_project.rglob("*"))
    cases = [
        (["new-treaty", "x"], 2, "missing --title, --party, --proposer, --published"),
        (["new-treaty", "../x", "--title", "t", *PARTIES, "--proposer", "RU",
          "--published", "unknown"], 2, "is not a treaty id"),
        (["new-treaty", "x", "--title", "t", "--party", "US", "--proposer", "US",
          "--published", "unknown"], 2, 'is not ID=NAME'),
        (["new-treaty", "x", "--title", "t", "--party", "US=U", "--proposer", "US",
          "--published", "2021-02-30"], 1, "T105 --published: '2021-02-30' is not a real day"),
        (["new-treaty", "x", "--title", "t", *PARTIES, "--proposer", "UK",
          "--published", "unknown"], 1, 'T204 --proposer: proposer "UK" is not one of the'),
        (["new-treaty", "us-russia", "--title", "t", *PARTIES, "--proposer", "RU",
          "--published", "unknown"], 1, "T015"),
    ]  # fmt: skip
    for args, code, why in cases:
        result = invoke(args)
        assert result.exit_code == code, (args, result.output)
        assert why in result.output, result.output
    assert sorted(p for p in fixture_project.rglob("*")) == before
