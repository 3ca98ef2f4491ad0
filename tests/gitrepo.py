"""Real git repositories in tmp_path for the tests of `treaty diff`: commits with fixed names
and dates, isolated from the user's git configuration."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tests.conftest import DATA, copy_project

ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
    "GIT_AUTHOR_DATE": "2022-01-01T00:00:00+00:00",
    "GIT_COMMITTER_DATE": "2022-01-01T00:00:00+00:00",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}

# A later US position on us-russia.4.1, moving its stance (the quote is in the sputnik seed).
MAY_EXPLORE = """\
  - party: US
    stance: may-explore
    date: 2021-12-24
    basis: inferred
    evidence:
      - source: sputnik
        quote: only be possible if there is an environment of de-escalation
    rationale: Talks are offered on conditions.
    conditions: [de-escalation]
"""


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", *args],
        cwd=repo,
        env={**os.environ, **ENV},
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


def commit(repo: Path, message: str) -> str:
    """Commit everything; the short id of the commit."""
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--allow-empty", "-m", message)
    return short(repo, "HEAD")


def short(repo: Path, rev: str) -> str:
    return git(repo, "rev-parse", "--short=7", rev).strip()


def new_repository(path: Path) -> Path:
    """tests/data/project, committed once, on branch main."""
    copy_project(DATA / "project", path)
    git(path, "init", "-q", "-b", "main")
    commit(path, "base")
    return path


def move_us_stance(repo: Path) -> None:
    """Append a US may-explore of 2021-12-24 to us-russia.4.1's positions."""
    path = repo / "clauses/us-russia/4.1.yaml"
    text = path.read_text("utf-8")
    text = text.replace("related: [us-russia.4.2]\n", MAY_EXPLORE + "related: [us-russia.4.2]\n")
    path.write_text(text, "utf-8")
