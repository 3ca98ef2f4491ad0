"""Hostile and broken input (issue 6): every case of the catalogue in tests/data/hostile/ gets
exactly its one clear, located error from the real `treaty validate`, exit 1, no traceback;
nothing outside the project is read, no code from a file runs, and nothing printed can drive
the terminal."""

from __future__ import annotations

import builtins
import errno
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import DATA, copy_project, invoke
from tests.hostile import HOSTILE, SECRET, Case, build, load_cases, outside_reads, reads

CASES = load_cases()
SUMMARY = re.compile(r"^\d+ problems? in 1 file \(\d+ checked\)$")
# Written here independently of treaty.safe_text: what must never reach the terminal raw.
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
PWNED = "treaty-pwned"  # what the code in the python-* cases would create if it ran


def _deny(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """Opening ``path`` fails as it would after chmod 000 (CI runs as root, which ignores it)."""
    real_open, real_os_open = builtins.open, os.open
    denied = os.path.realpath(path)

    def deny(file: Any) -> None:
        if isinstance(file, (str, bytes, os.PathLike)) and os.path.realpath(file) == denied:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fsdecode(file))

    def fake_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        deny(file)
        return real_open(file, *args, **kwargs)

    def fake_os_open(file: Any, *args: Any, **kwargs: Any) -> int:
        deny(file)
        return real_os_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", fake_open)
    monkeypatch.setattr(os, "open", fake_os_open)


def _run(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *extra: str) -> Any:
    project, outside = build(case, tmp_path)
    monkeypatch.chdir(project)
    monkeypatch.delenv("TREATY_ROOT", raising=False)
    for at in case.unreadable:
        _deny(monkeypatch, project / at)
    with reads() as seen:
        result = invoke(["validate", *case.args, *extra])
    assert not (project / PWNED).exists(), "code from a file ran"
    assert SECRET.strip() not in result.output
    assert not [p for _, p in seen if Path(p).is_relative_to(outside)], "read outside the project"
    assert outside_reads(seen, project) == []
    return result


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_hostile_case_gets_exactly_its_located_error(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = _run(case, tmp_path, monkeypatch)
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 1, result.output
    *lines, summary = result.output.splitlines()
    assert lines == case.expect
    assert SUMMARY.match(summary), summary
    # Again, answered from the cache wherever it can be, and with the cache left out.
    for again in (["validate", *case.args], ["validate", "--no-cache", *case.args]):
        assert invoke(again).output == result.output


@pytest.mark.parametrize("fmt", ["json", "github", "sarif"])
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_hostile_case_in_every_format_is_safe_to_print(
    case: Case, fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = _run(case, tmp_path, monkeypatch, "--format", fmt)
    assert result.exit_code == 1, result.output
    assert RAW_CONTROL.search(result.output) is None
    codes = [re.search(r": (T\d{3}) ", line).group(1) for line in case.expect]  # type: ignore[union-attr]
    # A byte of a file name that is not UTF-8 is \xNN, never a lone surrogate (which JSON
    # parsers refuse).
    assert "\\udc" not in result.output
    if fmt == "json":
        found = [p["code"] for p in json.loads(result.output)["problems"]]
    elif fmt == "sarif":
        found = [r["ruleId"] for r in json.loads(result.output)["runs"][0]["results"]]
    else:
        found = re.findall(r"title=(T\d{3})", result.output)
    assert found == codes


def _installed_treaty() -> str:
    found = shutil.which("treaty", path=str(Path(sys.executable).parent))
    assert found, "the treaty entry point is not installed beside this Python"
    return found


@pytest.mark.parametrize("case", [c for c in CASES if c.subprocess], ids=lambda c: c.name)
def test_hostile_case_as_a_real_process(case: Case, tmp_path: Path) -> None:
    project, _ = build(case, tmp_path)
    env = {k: v for k, v in os.environ.items() if k != "TREATY_ROOT"}
    done = subprocess.run(
        [_installed_treaty(), "validate", *case.args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.stderr == ""
    assert done.returncode == 1, done.stdout
    *lines, summary = done.stdout.splitlines()
    assert lines == case.expect
    assert SUMMARY.match(summary)
    assert not (project / PWNED).exists()


def test_the_catalogue_is_complete() -> None:
    """At least 30 cases; every file in the folder is used, and every case names a file that is
    there; names are unique; every case is one located, coded line at least."""
    assert len(CASES) >= 30
    assert len({c.name for c in CASES}) == len(CASES)
    used = {s.file for c in CASES for s in c.steps if s.file}
    present = {p.name for p in HOSTILE.iterdir()} - {"cases.yaml"}
    assert used == present
    for case in CASES:
        assert case.expect, case.name
        for line in case.expect:
            assert re.match(r"^\S.*?(:\d+:\d+)?: T\d{3} \S", line), line


def test_the_catalogue_covers_every_kind_the_issue_names() -> None:
    codes = {re.search(r": (T\d{3}) ", line).group(1) for c in CASES for line in c.expect}  # type: ignore[union-attr]
    for code in ("T001", "T002", "T003", "T004", "T005", "T006", "T007", "T008", "T009"):
        assert code in codes
    for code in ("T010", "T011", "T012", "T103", "T104", "T105", "T304"):
        assert code in codes


def test_a_file_full_of_terminal_escapes_prints_none_of_them(
    fixture_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ESC, CSI, OSC and BEL in every place text can come from: values, keys, quotes, ids."""
    esc = r"\e[2J\e]0;pwned\a\x9b31m\x9d8;;http://x\a"
    (fixture_project / "clauses" / "us-russia" / "9.yaml").write_text(
        f'id: "us-russia.9{esc}"\n'
        f'treaty: "us-russia{esc}"\n'
        "article: 9\n"
        f'title: "A{esc}"\n'
        f'topics: ["hot{esc}"]\n'
        f'binds: ["US{esc}"]\n'
        f'text: "Hotlines.{esc}"\n'
        f'text_kind: "para{esc}"\n'
        "reported_in:\n"
        f'  - source: "sput{esc}"\n'
        f'    quote: "hotlines{esc}"\n'
        f'"notes{esc}": x\n',
        "utf-8",
    )
    monkeypatch.chdir(fixture_project)
    for fmt in ("text", "json", "github"):
        result = invoke(["validate", "--format", fmt])
        assert result.exit_code == 1, result.output
        assert "T012" in result.output
        for raw in ("\x1b", "\x9b", "\x9d", "\x07"):
            assert raw not in result.output, (fmt, raw)
        assert RAW_CONTROL.search(result.output) is None


def test_every_line_of_the_text_report_is_one_problem(
    fixture_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A key with a line break cannot forge a second problem line or hide one."""
    monkeypatch.chdir(fixture_project)  # paths are shown relative to the current folder
    (fixture_project / "clauses" / "us-russia" / "9.yaml").write_text(
        (HOSTILE / "valid-clause.yaml").read_text("utf-8")
        + '"x\\nclauses/us-russia/4.1.yaml:1:1: T000 forged": 1\n',
        "utf-8",
    )
    result = invoke(["validate", "--root", str(fixture_project)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("clauses/us-russia/9.yaml:13:1: T101 ")
    assert "\\x0a" in lines[0]


def test_too_many_problems_in_one_file_are_cut_with_a_note(
    fixture_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clause = (HOSTILE / "valid-clause.yaml").read_text("utf-8")
    topics = "topics: [" + ", ".join(["1"] * 5000) + "]"
    path = fixture_project / "clauses" / "us-russia" / "9.yaml"
    path.write_text(clause.replace("topics: [hotlines]", topics), "utf-8")
    monkeypatch.chdir(fixture_project)
    result = invoke(["validate"])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert len(lines) == 102  # the note (a whole-file problem sorts first), 100, the summary
    assert lines[0] == (
        "clauses/us-russia/9.yaml: T016 more than 100 problems in this file; "
        "only the first are shown"
    )
    assert lines[1] == (
        "clauses/us-russia/9.yaml:6:10: T103 topics[0]: expected text (e.g. non-expansion), "
        "found a number (1)"
    )
    assert lines[100].startswith("clauses/us-russia/9.yaml:6:")
    assert "topics[99]:" in lines[100]


def test_an_unlistable_folder_is_reported_not_skipped(
    fixture_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = fixture_project / "clauses" / "us-russia"
    real_scandir = os.scandir

    def fake_scandir(path: Any = ".") -> Any:
        if os.path.realpath(path) == os.path.realpath(folder):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fsdecode(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", fake_scandir)
    monkeypatch.chdir(fixture_project)
    result = invoke(["validate"])
    assert result.exit_code == 1, result.output
    assert result.output.splitlines()[0] == (
        "clauses/us-russia: T010 folder cannot be read: Permission denied; "
        "its clauses were not checked"
    )


def test_the_valid_clause_the_cases_start_from_is_valid(tmp_path: Path) -> None:
    """The base of every case is valid: each case's problem is its own."""
    project = copy_project(DATA / "project", tmp_path / "p")
    (project / "clauses" / "us-russia" / "9.yaml").write_bytes(
        (HOSTILE / "valid-clause.yaml").read_bytes()
    )
    result = invoke(["validate", "--root", str(project)])
    assert result.exit_code == 0, result.output
