"""``treaty validate`` in CI: annotations and SARIF name files from the repository root, one
broken entry is one problem with a count, and file names that are not UTF-8 stay readable."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import DATA, copy_project, invoke
from treaty.cli import quick

CLAUSE = "clauses/us-russia/4.1.yaml"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository whose project lies in data/treaties/, with one misspelt stance."""
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    monkeypatch.delenv("CI_PROJECT_DIR", raising=False)
    monkeypatch.delenv("TREATY_ROOT", raising=False)
    root = tmp_path / "repo"
    project = copy_project(DATA / "project", root / "data" / "treaties")
    subprocess.run(["git", "init", "-q", str(root)], check=True, timeout=60)
    clause = project / CLAUSE
    clause.write_text(clause.read_text("utf-8").replace("stance: never-agree", "stance: never"))
    return root


def _both(args: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    """The output of the full command line, checked to be the quick path's too."""
    full = invoke(args)
    assert full.exit_code == 1, full.output
    assert quick.answer(args) == 1
    assert capsys.readouterr().out == full.output
    return full.output


@pytest.mark.parametrize("where", ["data/treaties/clauses/us-russia", "data", "."])
def test_annotations_name_files_from_the_repository_root(
    repo: Path, where: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(repo / where)
    root = [] if where.startswith("data/treaties") else ["--root", "data/treaties"]
    if where == ".":
        root = ["--root", "data/treaties"]
    elif where == "data":
        root = ["--root", "treaties"]
    out = _both(["validate", *root, "--no-cache", "--format", "github"], capsys)
    assert out.startswith(f"::error file=data/treaties/{CLAUSE},line=15,col=13,title=T104 ")
    sarif = json.loads(_both(["validate", *root, "--no-cache", "--format", "sarif"], capsys))
    (location,) = sarif["runs"][0]["results"][0]["locations"]
    assert location["physicalLocation"]["artifactLocation"]["uri"] == f"data/treaties/{CLAUSE}"


def test_text_keeps_paths_from_the_current_folder(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(repo / "data" / "treaties" / "clauses" / "us-russia")
    assert _both(["validate", "--no-cache"], capsys).startswith("4.1.yaml:15:13: T104 ")


def test_github_workspace_is_the_root_when_set(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("GITHUB_WORKSPACE", str(repo / "data"))
    monkeypatch.chdir(repo / "data" / "treaties" / "clauses")
    out = _both(["validate", "--no-cache", "--format", "github"], capsys)
    assert out.startswith(f"::error file=treaties/{CLAUSE},line=15")
    # A workspace that does not hold the project is not the root: the git work tree is.
    monkeypatch.setenv("GITHUB_WORKSPACE", str(repo.parent / "elsewhere"))
    out = _both(["validate", "--no-cache", "--format", "github"], capsys)
    assert out.startswith(f"::error file=data/treaties/{CLAUSE},line=15")


def test_without_git_the_project_is_the_root(
    fixture_project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    monkeypatch.delenv("CI_PROJECT_DIR", raising=False)
    clause = fixture_project / CLAUSE
    clause.write_text(clause.read_text("utf-8").replace("stance: never-agree", "stance: never"))
    monkeypatch.chdir(clause.parent)
    out = _both(["validate", "--no-cache", "--format", "github"], capsys)
    assert out.startswith(f"::error file={CLAUSE},line=15")


def test_sarif_log(fixture_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (fixture_project / "clauses" / "us-russia" / "4.2.yaml").write_text("- a list\n")
    (fixture_project / "seeds" / "001_4efd941cebfa5a88.txt").write_text("changed\n")
    monkeypatch.chdir(fixture_project)
    result = invoke(["validate", "--format", "sarif"])
    assert result.exit_code == 1
    log = json.loads(result.output)
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-schema-2.1.0.json")
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "treaty"
    rules = driver["rules"]
    assert len({r["id"] for r in rules}) == len(rules)
    results = run["results"]
    assert [r["ruleId"] for r in results] == ["T005", "T302"]
    for r in results:
        rule = rules[r["ruleIndex"]]
        assert rule["id"] == r["ruleId"]
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert r["level"] == "error" and r["message"]["text"]
    assert results[0]["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "clauses/us-russia/4.2.yaml", "uriBaseId": "SRCROOT"},
        "region": {"startLine": 1, "startColumn": 1},
    }
    assert results[0]["message"]["text"] == "the file holds a list; it must be a mapping of fields"
    assert results[1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
        "seeds/sources.yaml"
    )


def test_a_clean_project_gives_an_empty_sarif_run(
    fixture_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(fixture_project)
    result = invoke(["validate", "--format", "sarif"])
    assert result.exit_code == 0
    assert json.loads(result.output)["runs"][0]["results"] == []


def test_a_file_name_that_is_not_utf8_is_escaped_in_every_format(
    fixture_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = os.fsdecode(b"clauses/us-russia/\xff.yaml")
    (fixture_project / name).write_text("id: x\n", "utf-8")
    monkeypatch.chdir(fixture_project)
    outputs = {}
    for fmt in ("text", "json", "github", "sarif"):
        result = invoke(["validate", "--no-cache", "--format", fmt])
        assert result.exit_code == 1
        outputs[fmt] = result.output
        assert "\\udc" not in result.output and "\udcff" not in result.output
    assert outputs["text"].startswith("clauses/us-russia/\\xff.yaml: T210 ")
    assert "file=clauses/us-russia/\\xff.yaml,title=T210" in outputs["github"]
    problems = json.loads(outputs["json"])["problems"]
    assert {p["path"] for p in problems} == {"clauses/us-russia/\\xff.yaml"}
    found = json.loads(outputs["sarif"])["runs"][0]["results"]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in found}
    assert uris == {"clauses/us-russia/%FF.yaml"}  # the file's own byte


def _registry_with_a_bad_date(project: Path) -> None:
    registry = project / "seeds" / "sources.yaml"
    text = registry.read_text("utf-8").replace("published: 2021-12-23", "published: 2021-12-32")
    registry.write_text(text, "utf-8")


def test_a_broken_registry_entry_is_reported_once_with_a_count(
    bundled_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _registry_with_a_bad_date(bundled_project)
    monkeypatch.chdir(bundled_project)
    for fmt_args in ([], ["--format", "github"]):
        result = invoke(["validate", "--no-cache", *fmt_args])
        assert result.exit_code == 1
        assert result.output.count("T430") == 1
        assert "T205" not in result.output
    lines = invoke(["validate"]).output.splitlines()
    assert lines == [
        'seeds/sources.yaml:16:9: T430 source "tass-2021-12-23" has problems, so nothing '
        "that cites it is checked against it (8 citations in 5 files)",
        "seeds/sources.yaml:20:16: T105 sources[1].published: '2021-12-32' is not a real day: "
        "day is out of range for month",
        "2 problems in 1 file (15 checked)",
    ]
    assert invoke(["validate"]).output.splitlines() == lines  # from the cache: the same


def test_a_run_of_one_citing_file_says_where_the_root_is(
    bundled_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _registry_with_a_bad_date(bundled_project)
    monkeypatch.chdir(bundled_project)
    result = invoke(["validate", "clauses/russia-nato/1.2.yaml"])
    assert result.output.splitlines() == [
        f'clauses/russia-nato/1.2.yaml:{line}:17: T430 source "tass-2021-12-23" is not '
        "checked: its entry in seeds/sources.yaml has problems"
        for line in (29, 32)
    ] + ["2 problems in 1 file (1 checked)"]


def test_a_broken_treaty_file_is_reported_once_with_a_count(
    bundled_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    treaty = bundled_project / "clauses" / "us-russia" / "treaty.yaml"
    treaty.write_text(treaty.read_text("utf-8") + "bogus: 1\n", "utf-8")
    monkeypatch.chdir(bundled_project)
    result = invoke(["validate", "--no-cache"])
    assert "T203" not in result.output
    assert result.output.splitlines()[0] == (
        'clauses/us-russia/treaty.yaml:2:5: T430 treaty "us-russia" has problems, so none of '
        "its clauses is checked against it (4 clauses)"
    )
    treaty.write_text("id: [\n", "utf-8")  # not even YAML: the root is the file's start
    result = invoke(["validate", "--no-cache"])
    assert result.output.splitlines()[0].startswith(
        'clauses/us-russia/treaty.yaml:1:1: T430 treaty "us-russia" has problems'
    )


def test_a_broken_entry_without_a_readable_id_changes_nothing(
    fixture_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    registry = fixture_project / "seeds" / "sources.yaml"
    registry.write_text(registry.read_text("utf-8") + "  - id: [a]\n", "utf-8")
    monkeypatch.chdir(fixture_project)
    result = invoke(["validate", "--no-cache"])
    assert "T430" not in result.output
