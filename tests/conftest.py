"""Shared fixtures: temporary copies of projects, so no test touches the repository's files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


def copy_project(source: Path, dest: Path) -> Path:
    """Copy the parts of a project that the tool reads."""
    for part in ("clauses", "seeds", "schemas"):
        if (source / part).exists():
            shutil.copytree(source / part, dest / part)
    return dest


@pytest.fixture
def fixture_project(tmp_path: Path) -> Path:
    """A copy of the small test project in tests/data/project."""
    return copy_project(DATA / "project", tmp_path / "project")


@pytest.fixture
def bundled_project(tmp_path: Path) -> Path:
    """A copy of the bundled corpus."""
    return copy_project(REPO, tmp_path / "bundled")


@pytest.fixture
def reports_project(tmp_path: Path) -> Path:
    """A copy of tests/data/reports: two made-up treaties whose positions exercise the
    verdict rule (see the notes in its treaty.yaml files)."""
    return copy_project(DATA / "reports", tmp_path / "reports")
