"""The bundled corpus validates with the project's own tool (dogfood), and the issue's
acceptance checks hold on a copy of it."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.conftest import REPO, invoke, read_only
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


def _bundled_status(*args: str) -> dict[str, dict[str, object]]:
    result = invoke(
        ["status", "--root", str(read_only(REPO)), "--as-of", "2022-01-01", "-f", "json", *args]
    )
    assert result.exit_code == 0, result.output
    return {c["id"]: c for c in json.loads(result.stdout)["clauses"]}


def test_us_russia_4_1_shows_the_explicit_never_agree_that_stands() -> None:
    # Explicit on 2021-12-23 (Psaki names the proposals regarding NATO), restated on weaker
    # evidence on 2021-12-28: the explicit statement stands.
    us = _bundled_status()["us-russia.4.1"]["stances"]["US"]  # type: ignore[index]
    assert us == {"stance": "never-agree", "basis": "explicit", "date": "2021-12-28"}


def test_with_the_proposer_counted_silence_is_named_not_read_as_exploring() -> None:
    clause = _bundled_status("--party", "US", "--party", "RU")["us-russia.5.1"]
    assert (clause["verdict"], clause["silent"]) == ("agree", ["US"])
    result = invoke(["status", "--root", str(read_only(REPO)), "--as-of", "2022-01-01",
                     "--party", "US", "--party", "RU", "--treaty", "us-russia"],
                    env={"COLUMNS": "80"})  # fmt: skip
    lines = result.stdout.splitlines()
    heading = next(i for i, line in enumerate(lines) if line.startswith("us-russia.5.1"))
    assert lines[heading - 1] == "agree (1): US silent on 1"
    assert lines[heading].split()[-3:] == ["silent", "agree*", "2021-12-23"]
    assert max(len(line) for line in lines) <= 80


SPEAKERS = {
    "Jen Psaki, White House spokeswoman",
    "senior administration official (unnamed)",
    "senior White House official (unnamed)",
    "NSC spokesperson (unnamed)",
    "Vladimir Putin, Russian President",
    "Jake Sullivan, US National Security Advisor",
}


def test_speakers_are_filled_only_with_those_the_seeds_name() -> None:
    corpus = run(Project(REPO), models=True).corpus
    assert corpus is not None
    said = [q for c in corpus.clauses.values() for p in c.positions for q in p.evidence]
    assert {q.speaker for q in said} == SPEAKERS | {None}
    # Each speaker's name (all but the unnamed officials' descriptions) is in the seed quoted.
    for q in said:
        if q.speaker and "(unnamed)" not in q.speaker:
            name = q.speaker.partition(",")[0]
            assert name in corpus.sources.texts[q.source], (q.source, q.speaker)
    # Only russia-nato.2's NATO quotes have none (see that clause's notes).
    assert [q.source for q in said if q.speaker is None] == ["nsc-talks-january-10"] * 2


def test_the_bundled_status_fits_80_columns() -> None:
    for args in ([], ["--party", "US", "--party", "RU"], ["--party", "RU"]):
        result = invoke(["status", "--root", str(read_only(REPO)), *args], env={"COLUMNS": "80"})
        assert result.exit_code == 0, result.output
        assert max(len(line) for line in result.stdout.splitlines()) <= 80, args
