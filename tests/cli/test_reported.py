"""``treaty reported add``: where a clause or treaty is quoted, added byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import invoke

CLAUSE = Path("clauses/us-russia/4.2.yaml")
TREATY = Path("clauses/us-russia/treaty.yaml")
QUOTE = "NATO's expansion eastward is unacceptable"


@pytest.fixture(autouse=True)
def _in_project(fixture_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(fixture_project)


def _snapshot(root: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_a_quote_is_added_after_the_others_and_nothing_else_changes() -> None:
    before = CLAUSE.read_text("utf-8")
    result = invoke(["reported", "add", "us-russia.4.2", "--source", "sputnik", "--quote", QUOTE])
    assert result.exit_code == 0, result.output
    assert result.output == (
        'added a quote of "sputnik" to clauses/us-russia/4.2.yaml (reported_in)\n'
    )
    assert CLAUSE.read_text("utf-8") == before.replace(
        "positions: []", f"  - source: sputnik\n    quote: {QUOTE}\npositions: []"
    )
    assert invoke(["validate"]).exit_code == 0


def test_a_treaty_takes_a_quote_too(tmp_path: Path) -> None:
    quote = tmp_path / "q.txt"
    quote.write_text("released draft agreements\n", "utf-8")
    result = invoke(
        ["reported", "add", "us-russia", "--source", "tass", "--quote-file", str(quote)]
    )
    assert result.exit_code == 0, result.output
    assert "    quote: released draft agreements\n" in TREATY.read_text("utf-8")


def test_a_quote_not_in_the_source_or_there_already_is_refused(fixture_project: Path) -> None:
    before = _snapshot(fixture_project)
    wrong = invoke(["reported", "add", "us-russia.4.2", "--source", "sputnik", "--quote", "bases!"])
    assert wrong.exit_code == 1
    assert wrong.output.startswith(
        'clauses/us-russia/4.2.yaml: T301 --quote #1: quote not found in source "sputnik"'
    )
    again = invoke(
        ["reported", "add", "us-russia.4.2", "--source", "sputnik", "--quote",
         "not setting up military bases in ex-Soviet republics that are not NATO members"]
    )  # fmt: skip
    assert again.exit_code == 1
    assert again.output.splitlines() == [
        'clauses/us-russia/4.2.yaml:11:5: T232 already recorded: this quote of "sputnik" is '
        "here; nothing to add",
        "treaty: nothing written",
    ]
    assert _snapshot(fixture_project) == before


def test_an_unknown_clause_or_treaty_gets_a_did_you_mean() -> None:
    for target, hint in (("us-russia.4.3", "us-russia.4."), ("us-rusia", "us-russia")):
        result = invoke(["reported", "add", target, "--source", "tass", "--quote", "x"])
        assert result.exit_code == 2
        assert f'(did you mean "{hint}' in result.output
