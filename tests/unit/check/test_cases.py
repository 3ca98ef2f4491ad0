"""Data-driven validation: every file in data/valid passes, every file in data/invalid fails
with exactly the problems its header names.

Header lines of a case: ``# place: <path in the project>`` and ``# expect: CODE [LINE:COL]``
(one or more expect lines); ``# blank: <path>`` also puts a file of nothing but whitespace
there (for the rules about source files)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import DATA
from treaty.cache.run import run
from treaty.project import Project

PLACE = re.compile(r"^\ufeff?# place: ([^\s]+)", re.M)
BLANK = re.compile(r"^# blank: ([^\s]+)\r?$", re.M)
BLANK_TEXT = b" \n\t \n"
EXPECT = re.compile(r"^# expect: (T\d{3})(?: (\d+):(\d+))?\r?$", re.M)


def _cases(kind: str) -> list[Path]:
    return sorted((DATA / kind).glob("*.yaml"))


def _install(case: Path, project: Path) -> None:
    text = case.read_bytes()
    match = PLACE.search(text.decode("utf-8", "replace"))
    assert match, f"{case.name} has no '# place:' line"
    target = project / match.group(1)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(text)
    for blank in BLANK.findall(text.decode("utf-8", "replace")):
        (project / blank).write_bytes(BLANK_TEXT)


@pytest.mark.parametrize("case", _cases("valid"), ids=lambda p: p.stem)
def test_valid_case_has_no_problems(case: Path, fixture_project: Path) -> None:
    _install(case, fixture_project)
    result = run(Project(fixture_project))
    assert result.problems == [], [(p.path, p.line, p.code.id, p.message) for p in result.problems]


@pytest.mark.parametrize("case", _cases("invalid"), ids=lambda p: p.stem)
def test_invalid_case_reports_exactly_the_expected_problems(
    case: Path, fixture_project: Path
) -> None:
    _install(case, fixture_project)
    expected = sorted(
        (code, int(line) if line else None, int(col) if col else None)
        for code, line, col in EXPECT.findall(case.read_text("utf-8", "replace"))
    )
    assert expected, f"{case.name} has no '# expect:' line"
    result = run(Project(fixture_project))
    got = sorted((p.code.id, p.line, p.column) for p in result.problems)
    assert got == expected, [(p.code.id, p.line, p.column, p.message) for p in result.problems]
    # Every problem is in the case's own file: one bad file never stains the others.
    place = PLACE.search(case.read_text("utf-8", "replace"))
    assert place is not None, f"{case.name} does not say where its file goes"
    assert {Path(p.path).name for p in result.problems} <= {place.group(1).rsplit("/", 1)[-1]}


def test_there_are_enough_cases() -> None:
    assert len(_cases("invalid")) >= 20
    assert len(_cases("valid")) >= 3
