"""``treaty related add``: related clauses, written both ways."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import invoke
from treaty.cache.run import run
from treaty.project import Project


@pytest.fixture(autouse=True)
def _in_project(bundled_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(bundled_project)


def _related(corpus_root: Path) -> dict[str, list[str]]:
    corpus = run(Project(corpus_root), models=True).corpus
    assert corpus is not None
    return {c.id: list(c.related) for c in corpus.clauses.values()}


def test_both_clauses_name_each_other(bundled_project: Path) -> None:
    before = _related(bundled_project)
    assert "russia-nato.4" not in before["us-russia.4.1"]
    result = invoke(["related", "add", "us-russia.4.1", "russia-nato.4", "russia-nato.6"])
    assert result.exit_code == 0, result.output
    assert result.output == (
        "added russia-nato.4 to the related clauses of us-russia.4.1\n"
        "added us-russia.4.1 to the related clauses of russia-nato.4\n"
    )  # russia-nato.6 and us-russia.4.1 were related both ways already
    after = _related(bundled_project)
    assert after["us-russia.4.1"] == [*before["us-russia.4.1"], "russia-nato.4"]
    assert after["russia-nato.4"] == [*before["russia-nato.4"], "us-russia.4.1"]
    for clause, others in after.items():
        for other in others:
            if clause in ("us-russia.4.1", "russia-nato.4"):
                assert clause in after[other], (clause, other)
    assert invoke(["validate"]).exit_code == 0
    again = invoke(["related", "add", "russia-nato.4", "us-russia.4.1"])
    assert again.exit_code == 0
    assert again.output.startswith("nothing to add")


def test_the_missing_direction_of_a_hand_written_relation_is_added(bundled_project: Path) -> None:
    path = bundled_project / "clauses" / "russia-nato" / "4.yaml"
    text = path.read_text("utf-8")
    path.write_text(text.replace("related: [us-russia.5.1]\n", ""), "utf-8")
    result = invoke(["related", "add", "us-russia.5.1", "russia-nato.4"])
    assert result.exit_code == 0, result.output
    assert result.output == "added us-russia.5.1 to the related clauses of russia-nato.4\n"
    assert "related: [us-russia.5.1]\n" in path.read_text("utf-8")


def test_refusals_leave_the_files_untouched(bundled_project: Path) -> None:
    before = {p: p.read_bytes() for p in bundled_project.rglob("*.yaml")}
    for args, code, why in (
        (["us-russia.4.1", "us-russia.4.1"], 2, "cannot be related to itself"),
        (["us-russia.4.1", "russia-nato.66"], 2, 'did you mean "russia-nato.6"?'),
    ):
        result = invoke(["related", "add", *args])
        assert result.exit_code == code
        assert why in result.output
    path = bundled_project / "clauses" / "russia-nato" / "4.yaml"
    path.write_text(path.read_text("utf-8").replace("binds: [RU", "binds: [XX"), "utf-8")
    before[path] = path.read_bytes()
    broken = invoke(["related", "add", "us-russia.4.1", "russia-nato.4"])
    assert broken.exit_code == 1
    assert "T204" in broken.output and "nothing written" in broken.output
    assert {p: p.read_bytes() for p in bundled_project.rglob("*.yaml")} == before
