"""Running git: always as a list of arguments (never a shell), in the repository's top folder,
with a plain environment for its messages; a failure is a ``GitError`` that says what to do."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from treaty.errors import UsageError


class GitError(UsageError):
    """git cannot give what was asked (no git, not a repository, an unknown revision)."""


def git_env() -> dict[str, str]:
    """The environment git runs in: English messages, and no optional locks, so that reading
    never writes the index of a repository someone else is working in."""
    return {**os.environ, "LC_ALL": "C", "LANGUAGE": "C", "GIT_OPTIONAL_LOCKS": "0"}


def git_program() -> str:
    found = shutil.which("git")
    if found is None:
        raise GitError(
            "git is not installed (or not on PATH); `treaty diff` reads revisions with it"
        )
    return found


def git(cwd: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    """``git ARGS`` in ``cwd``; its output as bytes, whatever its exit code."""
    return subprocess.run(
        [git_program(), *args],
        cwd=cwd,
        env=git_env(),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        check=False,
    )


def git_out(cwd: Path, *args: str) -> bytes:
    """``git ARGS``'s output; a ``GitError`` with git's own message when it fails."""
    done = git(cwd, *args)
    if done.returncode != 0:
        raise GitError(f"git {args[0]} failed: {message(done.stderr)}")
    return done.stdout


def message(stderr: bytes) -> str:
    """git's message, on one line, without its ``fatal:`` prefix."""
    text = os.fsdecode(stderr).strip().replace("\n", " ")
    return text.removeprefix("fatal: ").removeprefix("error: ") or "no message"


def split_z(out: bytes) -> list[str]:
    """The entries of ``-z`` output, as file names (undecodable bytes kept as surrogates)."""
    return [os.fsdecode(part) for part in out.split(b"\0") if part]
