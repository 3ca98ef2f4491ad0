"""``treaty init``: an empty project that validates, formats clean, and is never clobbered."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import invoke
from treaty.cache.run import run
from treaty.project import Project
from treaty.schemas import SCHEMAS


def test_init_creates_a_valid_empty_project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke(["init", "mine"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[:9] == [
        "created mine/clauses/topics.yaml",
        "created mine/seeds/sources.yaml",
        "created mine/clauses/audit-phrases.yaml",
        "created mine/schemas/clause.schema.json",
        "created mine/schemas/treaty.schema.json",
        "created mine/schemas/sources.schema.json",
        "created mine/schemas/topics.schema.json",
        "created mine/schemas/audit-phrases.schema.json",
        "created mine/.pre-commit-config.yaml",
    ]
    root = tmp_path / "mine"
    assert run(Project(root)).problems == []
    assert invoke(["fmt", "--check", "--root", "mine"]).exit_code == 0
    assert invoke(["schema", "--check", "--root", "mine"]).exit_code == 0
    assert sorted(p.name for p in (root / "schemas").iterdir()) == sorted(SCHEMAS)
    topics = (root / "clauses" / "topics.yaml").read_text("utf-8")
    assert topics.startswith("# yaml-language-server: $schema=../schemas/topics.schema.json\n")
    config = (root / ".pre-commit-config.yaml").read_text("utf-8")
    assert "entry: treaty validate" in config and "entry: treaty fmt --check" in config


def test_init_refuses_an_existing_project_and_changes_nothing(fixture_project: Path) -> None:
    before = {p: p.read_bytes() for p in fixture_project.rglob("*") if p.is_file()}
    result = invoke(["init", str(fixture_project)])
    assert result.exit_code == 1
    assert "T015 already exists" in result.output
    after = {p: p.read_bytes() for p in fixture_project.rglob("*") if p.is_file()}
    assert after == before


def test_init_keeps_an_existing_pre_commit_configuration(tmp_path: Path) -> None:
    config = tmp_path / ".pre-commit-config.yaml"
    config.write_text("repos: []\n", "utf-8")
    result = invoke(["init", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert f"kept {config} (it exists; not overwritten)" in result.output
    assert config.read_text("utf-8") == "repos: []\n"
    assert (tmp_path / "clauses" / "topics.yaml").is_file()


def test_init_on_a_file_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "f").write_text("x", "utf-8")
    result = invoke(["init", str(tmp_path / "f")])
    assert result.exit_code == 2
