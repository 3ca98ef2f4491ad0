"""The published hooks, run by the real pre-commit in a temporary git repository of clause
files, as a user's repository would use them: ``repo:`` a URL (``file://``, to a clone of
this working tree) and ``rev:`` a tag of it.

pre-commit clones the repository at the tag, builds a virtualenv and pip-installs it there,
which needs the package index. The environment is built once for the module (a shared
PRE_COMMIT_HOME)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import DATA, REPO, copy_project

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.invalid",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.invalid",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=900, check=False
    )


def _git(cwd: Path, env: dict[str, str], *args: str) -> str:
    done = _run(["git", *args], cwd, env)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def hook_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[dict[str, str], str]]:
    """A git repository holding this working tree (committed), and an environment with a
    PRE_COMMIT_HOME of its own; yields (env, config text pointing at the repository)."""
    base = tmp_path_factory.mktemp("precommit")
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(base / "home")}
    env.pop("TREATY_ROOT", None)
    hooks = base / "hooks"
    for name in _working_tree_files(env):
        (hooks / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, hooks / name)
    _git(hooks, env, "init", "-q")
    _git(hooks, env, "add", "-A")
    _git(hooks, env, "commit", "-q", "-m", "hooks under test")
    _git(hooks, env, "tag", "v0.1.0")
    config = (
        "repos:\n"
        f"  - repo: {hooks.as_uri()}\n"
        "    rev: v0.1.0\n"
        "    hooks:\n"
        "      - id: treaty-validate\n"
        "      - id: treaty-fmt\n"
    )
    yield env, config


_NOT_SOURCE = {".git", ".venv", "node_modules", "__pycache__", ".treaty-cache", "build", "dist"}


def _working_tree_files(env: dict[str, str]) -> list[str]:
    """The files of this working tree that a commit would hold: git's list, or, outside a git
    repository (an unpacked sdist), every file but environments and caches."""
    listed = _run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], REPO, env
    )
    if listed.returncode == 0:
        return [n for n in listed.stdout.split("\0") if n and (REPO / n).is_file()]
    found = []
    for folder, dirs, names in os.walk(REPO):
        dirs[:] = [d for d in dirs if d not in _NOT_SOURCE and not d.endswith("_cache")]
        dirs[:] = [d for d in dirs if not d.endswith(".egg-info")]
        found += [os.path.relpath(os.path.join(folder, n), REPO) for n in names]
    return found


@pytest.fixture
def user_repo(hook_env: tuple[dict[str, str], str], tmp_path: Path) -> Path:
    """A user's repository of clause files, with the hooks installed and a first commit."""
    env, config = hook_env
    repo = copy_project(DATA / "project", tmp_path / "clauses-repo")
    (repo / ".pre-commit-config.yaml").write_text(config, "utf-8")
    _git(repo, env, "init", "-q")
    done = _run([sys.executable, "-m", "pre_commit", "install"], repo, env)
    assert done.returncode == 0, done.stdout + done.stderr
    _git(repo, env, "add", "-A")
    first = _run(["git", "commit", "-q", "-m", "first"], repo, env)
    assert first.returncode == 0, first.stdout + first.stderr
    return repo


def _commit(repo: Path, env: dict[str, str]) -> tuple[int, str]:
    """Commit everything; (exit code, what the hooks printed)."""
    _git(repo, env, "add", "-A")
    done = _run(["git", "commit", "-m", "change"], repo, env)
    return done.returncode, done.stdout + done.stderr


def _commits(repo: Path, env: dict[str, str]) -> int:
    return int(_git(repo, env, "rev-list", "--count", "HEAD").strip())


def test_a_good_clause_passes_both_hooks(
    user_repo: Path, hook_env: tuple[dict[str, str], str]
) -> None:
    env, _ = hook_env
    path = user_repo / "clauses" / "us-russia" / "4.1.yaml"
    path.write_text(path.read_text("utf-8") + "notes: Checked again.\n", "utf-8")
    code, out = _commit(user_repo, env)
    assert code == 0, out
    assert "treaty validate" in out and "Passed" in out
    assert _commits(user_repo, env) == 2


def test_a_bad_clause_blocks_the_commit_with_its_place(
    user_repo: Path, hook_env: tuple[dict[str, str], str]
) -> None:
    env, _ = hook_env
    path = user_repo / "clauses" / "us-russia" / "4.1.yaml"
    text = path.read_text("utf-8").replace("stance: never-agree", "stance: never")
    path.write_text(text, "utf-8")
    code, out = _commit(user_repo, env)
    assert code != 0
    assert (
        "clauses/us-russia/4.1.yaml:15:13: T104 positions[0].stance: "
        '"never" is not one of never-agree, may-explore, agree' in out
    ), out
    assert _commits(user_repo, env) == 1
    assert path.read_text("utf-8") == text  # hooks never modify files


def test_a_changed_seed_blocks_the_commit_through_the_registry(
    user_repo: Path, hook_env: tuple[dict[str, str], str]
) -> None:
    # Only the article changed; the cross-file rule reports it on the registry entry.
    env, _ = hook_env
    seed = user_repo / "seeds" / "001_4efd941cebfa5a88.txt"
    seed.write_bytes(seed.read_bytes() + b"\nAn added line.\n")
    code, out = _commit(user_repo, env)
    assert code != 0
    assert "seeds/sources.yaml:" in out and "T302" in out, out
    assert _commits(user_repo, env) == 1


def test_an_unformatted_file_blocks_the_commit_and_is_left_as_it_is(
    user_repo: Path, hook_env: tuple[dict[str, str], str]
) -> None:
    env, _ = hook_env
    path = user_repo / "clauses" / "us-russia" / "4.1.yaml"
    lines = path.read_text("utf-8").splitlines(keepends=True)
    unordered = "".join([lines[5], *lines[:5], *lines[6:]])  # title first
    path.write_text(unordered, "utf-8")
    code, out = _commit(user_repo, env)
    assert code != 0
    assert "treaty fmt --check" in out
    assert "would reformat clauses/us-russia/4.1.yaml" in out, out
    assert path.read_text("utf-8") == unordered
    assert _commits(user_repo, env) == 1


def test_the_configuration_written_by_init_runs_the_installed_treaty(
    hook_env: tuple[dict[str, str], str], tmp_path: Path
) -> None:
    # `repo: local` hooks run the `treaty` on PATH: the one installed beside this Python.
    env = {**hook_env[0], "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    repo = tmp_path / "mine"
    init = _run([sys.executable, "-m", "treaty", "init", str(repo)], tmp_path, env)
    assert init.returncode == 0, init.stdout + init.stderr
    _git(repo, env, "init", "-q")
    done = _run([sys.executable, "-m", "pre_commit", "install"], repo, env)
    assert done.returncode == 0, done.stdout + done.stderr
    code, out = _commit(repo, env)
    assert code == 0, out
    assert "treaty validate" in out and "Passed" in out
    topics = repo / "clauses" / "topics.yaml"
    topics.write_text(topics.read_text("utf-8") + "  Bad-Slug: not a slug\n", "utf-8")
    code, out = _commit(repo, env)
    assert code != 0
    assert "clauses/topics.yaml:18:3: T104" in out, out


def test_the_check_names_the_fixing_hook_not_a_command(
    user_repo: Path, hook_env: tuple[dict[str, str], str]
) -> None:
    # Under pre-commit, treaty lives in the hook's environment: `treaty fmt` may not exist.
    env, _ = hook_env
    path = user_repo / "clauses" / "us-russia" / "4.1.yaml"
    lines = path.read_text("utf-8").splitlines(keepends=True)
    path.write_text("".join([lines[5], *lines[:5], *lines[6:]]), "utf-8")
    code, out = _commit(user_repo, env)
    assert code != 0
    assert "the treaty-fmt-fix hook rewrites them" in out, out
    assert "`treaty fmt`" not in out


def test_the_fixing_hook_rewrites_the_file_and_the_next_commit_passes(
    hook_env: tuple[dict[str, str], str], tmp_path: Path
) -> None:
    env, config = hook_env
    repo = copy_project(DATA / "project", tmp_path / "clauses-repo")
    fixing = config.replace("      - id: treaty-fmt\n", "      - id: treaty-fmt-fix\n")
    (repo / ".pre-commit-config.yaml").write_text(fixing, "utf-8")
    _git(repo, env, "init", "-q")
    done = _run([sys.executable, "-m", "pre_commit", "install"], repo, env)
    assert done.returncode == 0, done.stdout + done.stderr
    path = repo / "clauses" / "us-russia" / "4.1.yaml"
    formatted = path.read_text("utf-8")
    lines = formatted.splitlines(keepends=True)
    path.write_text("".join([lines[5], *lines[:5], *lines[6:]]), "utf-8")  # title first
    code, out = _commit(repo, env)
    assert code != 0  # pre-commit stops a commit whose files a hook changed
    assert "treaty fmt" in out and "files were modified by this hook" in out, out
    assert "formatted clauses/us-russia/4.1.yaml" in out
    assert path.read_text("utf-8") == formatted
    code, out = _commit(repo, env)  # the user adds the fixed file and commits again
    assert code == 0, out
    assert _commits(repo, env) == 1
