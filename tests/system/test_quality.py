"""The code stays typed (mypy strict) and lint-clean (ruff), as part of the test run."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=REPO, capture_output=True, text=True, timeout=600
    )


def test_mypy_strict_passes() -> None:
    done = _run("mypy")
    assert done.returncode == 0, done.stdout + done.stderr


def test_ruff_lint_passes() -> None:
    done = _run("ruff", "check", "treaty", "tests", "bench")
    assert done.returncode == 0, done.stdout + done.stderr


def test_ruff_format_is_applied() -> None:
    done = _run("ruff", "format", "--check", "treaty", "tests", "bench")
    assert done.returncode == 0, done.stdout + done.stderr


def test_every_pragma_no_cover_says_why() -> None:
    """Code left out of the coverage measure is left out for a stated reason."""
    bare = [
        f"{path.relative_to(REPO)}:{n}"
        for path in sorted((REPO / "treaty").rglob("*.py"))
        for n, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if "pragma: no cover" in line and not line.split("pragma: no cover", 1)[1].strip(" -")
    ]
    assert bare == []
