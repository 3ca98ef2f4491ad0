"""The bundled corpus validates with the project's own tool (dogfood), and the issue's
acceptance checks hold on a copy of it."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import REPO
from treaty.cache.run import run
from treaty.check.results import Corpus
from treaty.project import Project


def test_bundled_corpus_has_no_problems() -> None:
    result = run(Project(REPO), models=True)
    assert result.problems == [], [(p.path, p.line, p.message) for p in result.problems]
    assert result.corpus is not None
    assert len(result.corpus.clauses) >= 10
    assert {c.treaty for c in result.corpus.clauses.values()} == {"us-russia", "russia-nato"}


def test_seeds_are_the_shared_articles_byte_for_byte() -> None:
    shared = REPO.parent / "shared" / "seeds"
    ours = sorted(p.name for p in (REPO / "seeds").glob("*.txt"))
    assert len(ours) == 5
    if shared.is_dir():  # beside the checkout in development and in CI
        for name in ours:
            assert (REPO / "seeds" / name).read_bytes() == (shared / name).read_bytes()


def test_every_clause_file_starts_with_the_schema_modeline() -> None:
    for path in (REPO / "clauses").rglob("*.yaml"):
        first = path.read_text("utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path


def test_corpus_has_both_never_agree_and_may_explore_positions() -> None:
    clauses = corpus(Project(REPO)).clauses.values()
    stances = {str(p.stance) for c in clauses for p in c.positions}
    assert {"never-agree", "may-explore"} <= stances


def test_a_changed_stance_is_reported_at_its_value(bundled_project: Path) -> None:
    path = bundled_project / "clauses" / "us-russia" / "4.1.yaml"
    lines = path.read_text("utf-8").splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if "stance: never-agree" in line)
    lines[index] = lines[index].replace("never-agree", "maybe")
    path.write_text("".join(lines), "utf-8")
    problems = run(Project(bundled_project)).problems
    assert [(p.code.id, p.line, p.column) for p in problems] == [
        ("T104", index + 1, lines[index].index("maybe") + 1)
    ]


def test_a_changed_word_in_a_quote_shows_the_closest_passage(bundled_project: Path) -> None:
    path = bundled_project / "clauses" / "us-russia" / "4.1.yaml"
    text = path.read_text("utf-8")
    changed = text.replace("not ready to agree", "not willing to agree", 1)
    assert changed != text
    path.write_text(changed, "utf-8")
    problems = run(Project(bundled_project)).problems
    assert [p.code.id for p in problems] == ["T301"]
    assert "closest passage" in problems[0].message
    assert "not ready to agree to the proposals regarding NATO" in problems[0].message


def test_an_edited_byte_in_a_seed_is_caught(bundled_project: Path) -> None:
    seed = next((bundled_project / "seeds").glob("003_*.txt"))
    data = bytearray(seed.read_bytes())
    data[10] ^= 0x20
    seed.write_bytes(bytes(data))
    problems = run(Project(bundled_project)).problems
    assert "T302" in {p.code.id for p in problems}
    assert all(re.search(r"sources\.yaml$", p.path) for p in problems if p.code.id == "T302")


def corpus(project: Project) -> Corpus:
    """The checked models of the project."""
    found = run(project, models=True).corpus
    assert found is not None
    return found
