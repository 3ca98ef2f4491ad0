"""Reading the revision from .git without a shell: every shape a repository's HEAD takes."""

from __future__ import annotations

from pathlib import Path

from treaty.publish.revision import Revision, read_revision

SHA = "0123456789abcdef0123456789abcdef01234567"
OTHER = "fedcba9876543210fedcba9876543210fedcba98"


def _repo(root: Path, head: str) -> Path:
    git = root / ".git"
    (git / "refs" / "heads").mkdir(parents=True)
    (git / "HEAD").write_text(head)
    return git


def test_not_a_repository_says_so(tmp_path: Path) -> None:
    found = read_revision(tmp_path)
    assert found == Revision(None)
    assert found.describe() == "with no git revision (not a git repository)"


def test_a_branch_in_loose_refs_from_a_folder_below_the_root(tmp_path: Path) -> None:
    git = _repo(tmp_path, "ref: refs/heads/main\n")
    (git / "refs" / "heads" / "main").write_text(SHA + "\n")
    (tmp_path / "project").mkdir()
    found = read_revision(tmp_path / "project")
    assert found == Revision(SHA, "main")
    assert found.describe() == "at revision 0123456"


def test_a_branch_in_packed_refs(tmp_path: Path) -> None:
    git = _repo(tmp_path, "ref: refs/heads/release\n")
    (git / "packed-refs").write_text(
        f"# pack-refs with: peeled fully-peeled sorted\n{OTHER} refs/heads/main\n"
        f"{SHA} refs/heads/release\n^{OTHER}\n"
    )
    assert read_revision(tmp_path) == Revision(SHA, "release")


def test_a_detached_head(tmp_path: Path) -> None:
    _repo(tmp_path, SHA + "\n")
    assert read_revision(tmp_path) == Revision(SHA)


def test_a_branch_without_commits(tmp_path: Path) -> None:
    _repo(tmp_path, "ref: refs/heads/main\n")
    found = read_revision(tmp_path)
    assert found.commit is None
    assert found.describe() == "with no git revision (no commit yet on branch main)"


def test_a_worktree_follows_its_git_file_and_commondir(tmp_path: Path) -> None:
    main = _repo(tmp_path / "main", "ref: refs/heads/main\n")
    (main / "refs" / "heads" / "feature").write_text(OTHER + "\n")
    worktree_git = main / "worktrees" / "wt"
    worktree_git.mkdir(parents=True)
    (worktree_git / "HEAD").write_text("ref: refs/heads/feature\n")
    (worktree_git / "commondir").write_text("../..\n")
    (tmp_path / "wt").mkdir()
    (tmp_path / "wt" / ".git").write_text(f"gitdir: {worktree_git}\n")
    assert read_revision(tmp_path / "wt") == Revision(OTHER, "feature")


def test_a_head_that_cannot_be_read_is_said_to_be_so(tmp_path: Path) -> None:
    for head in ("garbage\n", "ref: ../../etc/passwd\n", "ref: refs/../../x\n"):
        git = tmp_path / head.strip().replace("/", "_") / ".git"
        git.mkdir(parents=True)
        (git / "HEAD").write_text(head)
        found = read_revision(git.parent)
        assert found.commit is None
        assert found.why_none == "the git repository's HEAD could not be read", head
    (tmp_path / "plain" / ".git").parent.mkdir()
    (tmp_path / "plain" / ".git").write_text("not a gitdir line\n")
    assert read_revision(tmp_path / "plain") == Revision(None)


def test_a_huge_head_is_not_read(tmp_path: Path) -> None:
    _repo(tmp_path, "ref: refs/heads/main" + " " * 100_000)
    assert read_revision(tmp_path).commit is None
