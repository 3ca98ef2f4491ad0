"""Shared fixtures: temporary copies of projects, so no test touches the repository's files."""

from __future__ import annotations

import atexit
import functools
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

import pytest
from hypothesis import settings
from typer.testing import CliRunner, Result

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


def invoke(
    args: Sequence[str], *, input: str | None = None, env: Mapping[str, str] | None = None
) -> Result:
    """Run ``treaty ARGS`` through typer's runner, the one way every CLI test runs a command.

    An exception in the command is raised here, not turned into exit code 1: otherwise a crash
    and "problems found" look the same, and a test of the second passes during the first. A
    plain function rather than a fixture, so that module-level helpers can call it too."""
    from treaty.cli.app import app

    return CliRunner().invoke(app, list(args), input=input, env=env, catch_exceptions=False)


def copy_project(source: Path, dest: Path) -> Path:
    """Copy the parts of a project that the tool reads."""
    for part in ("clauses", "seeds", "schemas"):
        if (source / part).exists():
            shutil.copytree(source / part, dest / part)
    return dest


@functools.cache
def read_only(source: Path) -> Path:
    """A copy of ``source`` made once per test process, for tests that only read a project:
    commands write their cache and index beside the files they read, and the repository's
    own folders (the bundled corpus, tests/data) must stay as they are."""
    folder = Path(tempfile.mkdtemp(prefix="treaty-tests-"))
    atexit.register(shutil.rmtree, folder, True)
    return copy_project(source, folder / source.name)


def _caches() -> dict[str, int]:
    """Every file of a treaty cache in the repository, with its modification time."""
    found = {}
    for top, dirs, files in os.walk(REPO):
        dirs[:] = [d for d in dirs if d not in {".git", ".venv", "node_modules", ".venvs"}]
        if os.path.basename(top) == ".treaty-cache":
            for name in files:
                found[os.path.join(top, name)] = os.stat(os.path.join(top, name)).st_mtime_ns
    return found


@pytest.fixture(scope="session", autouse=True)
def _repository_untouched() -> Iterator[None]:
    """No test writes a cache or an index into the repository (each test process checks
    what it did; a command run by hand in the repository meanwhile would show here too)."""
    before = _caches()
    yield
    changed = sorted(k for k, v in _caches().items() if before.get(k) != v)
    assert changed == [], "tests wrote into the repository; use read_only() or a copy"


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


# Fuzzing: `HYPOTHESIS_PROFILE=fuzz .venv/bin/python -m pytest tests/system/test_fuzz.py` runs every
# fuzz test with this many examples instead of its ordinary count (see tests/system/test_fuzz.py).
settings.register_profile("fuzz", max_examples=20_000, deadline=None, print_blob=True)
if os.environ.get("HYPOTHESIS_PROFILE"):
    settings.load_profile(os.environ["HYPOTHESIS_PROFILE"])
