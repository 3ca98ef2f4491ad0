"""The repository around a project, revisions, and the ways git says no."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.gitrepo import commit, git, new_repository
from treaty.gitstate import git as running
from treaty.gitstate.repo import Revision, open_repository, overlay, resolve


def test_a_revision_is_labelled_as_typed_with_its_short_id() -> None:
    oid = "1a2b3c4" + "0" * 33
    assert Revision("HEAD~1", oid).label == "HEAD~1 (1a2b3c4)"
    assert Revision("1a2b3c4", oid).label == "1a2b3c4"


def test_names_that_are_no_revision(tmp_path: Path) -> None:
    repo = open_repository(new_repository(tmp_path / "p"))
    for name in ("", "HEAD\nHEAD", "a\0b"):
        with pytest.raises(running.GitError, match="is not a revision"):
            resolve(repo, name)
    with pytest.raises(running.GitError, match='unknown revision "--all"'):
        resolve(repo, "--all")


def test_git_failing_says_what_git_said(tmp_path: Path) -> None:
    root = new_repository(tmp_path / "p")
    with pytest.raises(running.GitError, match=r"git cat-file failed: .*nope"):
        running.git_out(root, "cat-file", "-p", "nope")
    assert running.message(b"") == "no message"


def test_no_git_at_all(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("shutil.which", lambda name: None)
    with pytest.raises(running.GitError, match="git is not installed"):
        open_repository(tmp_path)


def test_an_overlay_holds_only_what_differs(tmp_path: Path) -> None:
    root = new_repository(tmp_path / "p")
    first = git(root, "rev-parse", "HEAD").strip()
    (root / "clauses/us-russia/4.2.yaml").unlink()
    (root / "clauses/us-russia/9.yaml").write_text("id: us-russia.9\n", "utf-8")
    commit(root, "second")
    repo = open_repository(root)
    found = overlay(repo, resolve(repo, first), root)
    assert sorted(p.name for p in found.files) == ["4.2.yaml", "9.yaml"]
    assert found.files[root / "clauses/us-russia/9.yaml"] is None
    assert found.files[root / "clauses/us-russia/4.2.yaml"] == git(
        root, "show", f"{first}:clauses/us-russia/4.2.yaml"
    ).encode("utf-8")
    assert overlay(repo, resolve(repo, "HEAD"), root).files == {}
