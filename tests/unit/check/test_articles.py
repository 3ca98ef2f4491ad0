"""A clause must be one of the articles its treaty lists; a treaty without a list keeps the
old behaviour. And the optional phrase file: the cache notices it appear and go."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import invoke
from treaty.cache.run import Options, run
from treaty.project import Project


def _clause(root: Path, clause_id: str) -> Path:
    """A copy of us-russia.3 with another id, at its place."""
    treaty, _, rest = clause_id.partition(".")
    article, _, paragraph = rest.partition(".")
    text = (root / "clauses" / "us-russia" / "3.yaml").read_text("utf-8")
    text = text.replace("id: us-russia.3", f"id: {clause_id}").replace(
        "treaty: us-russia", f"treaty: {treaty}"
    )
    text = text.replace(
        "article: 3\n", f"article: {article}\n" + (f"paragraph: {paragraph}\n" if paragraph else "")
    )
    text = text.replace("related: [russia-nato.1.2]\n", "")
    if treaty == "russia-nato":
        text = text.replace("binds: [US, RU]", "binds: [RU, NATO]")
    path = root / "clauses" / treaty / f"{rest}.yaml"
    path.write_text(text, "utf-8")
    return path


def _messages(root: Path) -> list[str]:
    return [f"{p.code.id} {p.message}" for p in run(Project(root)).problems]


@pytest.mark.parametrize(
    ("clause_id", "message"),
    [
        ("us-russia.9", 'T220 article 9 is not an article of "us-russia" (it lists 1-8)'),
        ("us-russia.5.4", 'T220 article 5 of "us-russia" has no paragraph 4 (it lists 1-3)'),
        (
            "russia-nato.2.1",
            'T220 article 2 of "russia-nato" lists no paragraphs; a clause of it is the whole '
            "article (leave out paragraph)",
        ),
    ],
)
def test_a_clause_outside_its_treaty_s_articles_is_a_problem(
    bundled_project: Path, clause_id: str, message: str
) -> None:
    _clause(bundled_project, clause_id)
    assert _messages(bundled_project) == [message]


def test_a_whole_article_may_have_a_clause_when_the_article_has_paragraphs(
    bundled_project: Path,
) -> None:
    _clause(bundled_project, "us-russia.5")
    assert _messages(bundled_project) == []


def test_a_treaty_without_articles_takes_any_article(bundled_project: Path) -> None:
    treaty = bundled_project / "clauses" / "us-russia" / "treaty.yaml"
    text = treaty.read_text("utf-8")
    treaty.write_text(text[: text.index("articles:")] + text[text.index("notes:") :], "utf-8")
    _clause(bundled_project, "us-russia.9")
    assert _messages(bundled_project) == []


def test_an_empty_list_of_articles_is_a_problem(bundled_project: Path) -> None:
    treaty = bundled_project / "clauses" / "us-russia" / "treaty.yaml"
    text = treaty.read_text("utf-8")
    treaty.write_text(
        text[: text.index("articles:")] + "articles: []\n" + text[text.index("notes:") :], "utf-8"
    )
    problems = run(Project(bundled_project)).problems
    mine = [(p.code.id, p.line) for p in problems if p.path.endswith("us-russia/treaty.yaml")]
    # The treaty's own problem, and the root of what it stops (its clauses go unchecked).
    assert mine == [("T430", 2), ("T104", 22)]


def test_the_cache_notices_the_phrase_file_appear_change_and_go(fixture_project: Path) -> None:
    project = Project(fixture_project)
    cached = Options()
    assert run(project, options=cached).problems == []
    assert run(project, options=cached).problems == []  # answered from the cache
    phrases = fixture_project / "clauses" / "audit-phrases.yaml"
    phrases.write_text("phrases:\n  never agree: never\n", "utf-8")
    assert [p.code.id for p in run(project, options=cached).problems] == ["T104"]
    phrases.write_text("phrases:\n  never agree: never-agree\n", "utf-8")
    assert run(project, options=cached).problems == []
    assert run(project, options=cached).problems == []
    phrases.unlink()
    assert run(project, options=cached).problems == []


def test_the_phrase_file_is_formatted_and_validated_by_path(fixture_project: Path) -> None:
    phrases = fixture_project / "clauses" / "audit-phrases.yaml"
    phrases.write_text("dismissed: []\nphrases:\n    never agree: never-agree\n", "utf-8")
    root = ["--root", str(fixture_project)]
    assert invoke(["validate", *root, str(phrases)]).exit_code == 0
    checked = invoke(["fmt", "--check", *root])
    assert checked.exit_code == 1 and "audit-phrases.yaml" in checked.stdout
    assert invoke(["fmt", *root]).exit_code == 0
    assert phrases.read_text("utf-8") == "phrases:\n  never agree: never-agree\ndismissed: []\n"
