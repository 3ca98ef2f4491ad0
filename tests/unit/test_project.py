"""Project.contains: the one answer to "is this path inside the project?"."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from treaty.project import Project


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    root = tmp_path / "proj"
    (root / "clauses" / "us-russia").mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(root)
    return Project(root.resolve())


@pytest.mark.parametrize(
    "named",
    [".", "clauses", "clauses/us-russia/4.1.yaml", "clauses/../seeds/x.txt", "no/such/file"],
)
def test_places_under_the_root_are_inside(project: Project, named: str) -> None:
    assert project.contains(Path(named))


@pytest.mark.parametrize("named", ["..", "../elsewhere", "../elsewhere/x.yaml", "/etc/passwd"])
def test_places_elsewhere_are_not(project: Project, named: str) -> None:
    assert not project.contains(Path(named))


def test_a_link_as_the_last_part_is_inside_wherever_it_points(project: Project) -> None:
    """The reader refuses what it points to (T011); the path itself is the project's."""
    os.symlink(project.root.parent / "elsewhere", project.root / "clauses" / "out")
    assert project.contains(Path("clauses/out"))
    assert not project.contains(Path("clauses/out/x.yaml"))  # its folder resolves outside
