"""``treaty new``: a valid clause file with the schema modeline, or a refusal."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import invoke
from treaty.cache.run import run
from treaty.cli import new as new_command
from treaty.project import Project

OPTIONS = [
    "--title", "Hotlines between the parties",
    "--topics", "hotlines",
    "--binds", "US,RU",
    "--text", (
        "The Parties shall use the mechanisms of urgent communication, including hotlines, "
        "to address emergency situations."
    ),
    "--text-kind", "paraphrase",
]  # fmt: skip


@pytest.fixture(autouse=True)
def _in_project(fixture_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(fixture_project)


def test_creates_a_valid_clause_file_with_the_modeline(fixture_project: Path) -> None:
    result = invoke([
            "new", "us-russia.6.2", *OPTIONS,
            "--source", "tass", "--quote", "released draft agreements",
            "--related", "us-russia.4.1",
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.output == "created clauses/us-russia/6.2.yaml\n"
    path = fixture_project / "clauses" / "us-russia" / "6.2.yaml"
    assert path.read_text("utf-8") == (
        "# yaml-language-server: $schema=../../schemas/clause.schema.json\n"
        "id: us-russia.6.2\n"
        "treaty: us-russia\n"
        "article: 6\n"
        "paragraph: 2\n"
        "title: Hotlines between the parties\n"
        "topics: [hotlines]\n"
        "binds: [US, RU]\n"
        "text: >-\n"
        "  The Parties shall use the mechanisms of urgent communication, including hotlines, to\n"
        "  address emergency situations.\n"
        "text_kind: paraphrase\n"
        "reported_in:\n"
        "  - source: tass\n"
        "    quote: released draft agreements\n"
        "related: [us-russia.4.1]\n"
    )
    assert run(Project(fixture_project)).problems == []
    assert invoke(["fmt", "--check"]).exit_code == 0


def test_an_article_without_paragraph(fixture_project: Path) -> None:
    result = invoke(["new", "us-russia.7", *OPTIONS])
    assert result.exit_code == 0, result.output
    text = (fixture_project / "clauses" / "us-russia" / "7.yaml").read_text("utf-8")
    assert "article: 7\ntitle:" in text


def test_never_overwrites(fixture_project: Path) -> None:
    path = fixture_project / "clauses" / "us-russia" / "4.1.yaml"
    before = path.read_bytes()
    result = invoke(["new", "us-russia.4.1", *OPTIONS])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "clauses/us-russia/4.1.yaml: T015 already exists; nothing was overwritten",
        "treaty: nothing written",
    ]
    assert path.read_bytes() == before


def test_unknown_topics_parties_and_treaty_are_refused_with_suggestions(
    fixture_project: Path,
) -> None:
    result = invoke([
            "new", "us-russia.6", "--title", "t", "--topics", "hotline", "--binds", "USA",
            "--text", "t", "--text-kind", "verbatim",
        ],
    )  # fmt: skip
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        'clauses/us-russia/6.yaml: T207 unknown topic "hotline" (did you mean "hotlines"?) '
        "(topics are listed in clauses/topics.yaml) (--topics)",
        'clauses/us-russia/6.yaml: T204 "USA" is not a party of this treaty (US, RU) '
        '(did you mean "US"?) (--binds)',
        "treaty: nothing written",
    ]
    assert not (fixture_project / "clauses" / "us-russia" / "6.yaml").exists()
    result = invoke(["new", "us-rusia.6", *OPTIONS])
    assert result.exit_code == 1
    assert 'T203 unknown treaty "us-rusia" (did you mean "us-russia"?) (ID)' in result.output
    assert not (fixture_project / "clauses" / "us-rusia").exists()


def test_a_malformed_id_is_a_usage_error() -> None:
    result = invoke(["new", "../../etc/passwd", *OPTIONS])
    assert result.exit_code == 2
    assert "is not a clause id" in result.output


def test_missing_fields_are_named_when_not_in_a_terminal() -> None:
    result = invoke(["new", "us-russia.6", "--title", "t"])
    assert result.exit_code == 2
    assert "missing --topics, --binds, --text, --text-kind" in result.output


def test_missing_fields_are_asked_for_in_a_terminal(
    fixture_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(new_command, "interactive", lambda: True)
    answers = "us-russia.6\nHotlines\nhotlines, bases\nUS\nThe parties keep hotlines.\nmaybe\n\n"
    result = invoke(["new"], input=answers)
    assert result.exit_code == 0, result.output
    assert "Choose verbatim or paraphrase." in result.output
    text = (fixture_project / "clauses" / "us-russia" / "6.yaml").read_text("utf-8")
    assert "topics: [hotlines, bases]\n" in text
    assert "text_kind: paraphrase\n" in text
