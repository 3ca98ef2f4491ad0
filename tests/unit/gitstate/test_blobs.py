"""Reading blobs through one `git cat-file --batch`."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.gitrepo import git, new_repository
from treaty.gitstate.blobs import read_blobs
from treaty.gitstate.git import GitError


def test_blobs_are_read_whole_or_cut_at_the_cap(tmp_path: Path) -> None:
    repo = new_repository(tmp_path / "p")
    oid = git(repo, "rev-parse", "HEAD:clauses/topics.yaml").strip()
    whole = (repo / "clauses/topics.yaml").read_bytes()
    assert read_blobs(repo, [oid, oid]) == {oid: whole}
    assert read_blobs(repo, [oid], cap=10) == {oid: whole[:10]}
    assert read_blobs(repo, []) == {}
    many = [
        git(repo, "rev-parse", f"HEAD:{p}").strip()
        for p in ("seeds/sources.yaml", "clauses/us-russia/4.1.yaml")
    ]
    assert sorted(read_blobs(repo, [oid, *many])) == sorted([oid, *many])


def test_an_object_git_does_not_have_is_an_error(tmp_path: Path) -> None:
    repo = new_repository(tmp_path / "p")
    with pytest.raises(GitError, match=r"cannot read object 0{40} \(missing\)"):
        read_blobs(repo, ["0" * 40])
