"""The cache never changes what is reported: cached, uncached and parallel runs agree, on a
corpus full of errors, through every kind of edit, overlapping runs and damaged caches."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from tests.conftest import DATA, REPO, copy_project
from treaty.cache import store as cache
from treaty.cache.run import NO_CACHE, Options, from_cache
from treaty.cache.run import run as run_checks
from treaty.check.results import Checked
from treaty.files import fingerprint
from treaty.files.fingerprint import RACY_NS, trusted_status
from treaty.project import Project

TODAY = dt.date(2025, 1, 1)
Row = tuple[str, int | None, int | None, str, str]


def rows(problems: list) -> list[Row]:  # type: ignore[type-arg]
    return [(p.path, p.line, p.column, p.code.id, p.message) for p in problems]


@pytest.fixture
def errors_project(tmp_path: Path) -> Path:
    """The bundled corpus plus every invalid case, each at a place of its own, and a stray
    copy of a clause with a changed quote (a duplicate id)."""
    root = copy_project(REPO, tmp_path / "errors")
    for i, case in enumerate(sorted((DATA / "invalid").glob("*.yaml"))):
        folder = "us-russia" if i % 2 else "russia-nato"
        (root / "clauses" / folder / f"{20 + i}.yaml").write_bytes(case.read_bytes())
    clause = (root / "clauses" / "us-russia" / "4.1.yaml").read_text("utf-8")
    changed = clause.replace("refrain from further expansion", "refrain from any expansion")
    (root / "clauses" / "us-russia" / "copy.yaml").write_text(changed, "utf-8")
    return root


def reference(root: Path, today: dt.date = TODAY, paths: list[Path] | None = None) -> Checked:
    """What a run without the cache reports."""
    result = run_checks(Project(root), paths, NO_CACHE, today)
    return Checked(result.problems, result.files_checked)


def run(root: Path, today: dt.date = TODAY, **options: object) -> Checked:
    return run_checks(Project(root), None, Options(**options), today)  # type: ignore[arg-type]


def cache_answers(root: Path, today: dt.date = TODAY) -> bool:
    """Whether the cache alone answers a run (nothing had to be checked again)."""
    return from_cache(Project(root), None, Options(), today) is not None


def assert_same(root: Path, today: dt.date = TODAY) -> Checked:
    """Uncached, cached and parallel runs all report what the plain validation reports."""
    want = reference(root, today)
    assert want.problems, "the corpus should have problems"
    for options in ({"read_cache": False, "write_cache": False}, {"jobs": 2}, {}):
        got = run(root, today, **options)
        assert rows(got.problems) == rows(want.problems), options
        assert got.files_checked == want.files_checked
    return want


def test_cached_and_uncached_runs_report_the_same_problems(errors_project: Path) -> None:
    want = reference(errors_project)
    codes = {p.code.id for p in want.problems}
    assert {"T001", "T101", "T202", "T206", "T210", "T301"} <= codes  # a varied corpus
    cold = run(errors_project)
    assert cache_answers(errors_project)
    warm = run(errors_project)
    uncached = run(errors_project, read_cache=False, write_cache=False)
    parallel = run(errors_project, read_cache=False, write_cache=False, jobs=2)
    for got in (cold, warm, uncached, parallel):
        assert rows(got.problems) == rows(want.problems)
        assert got.files_checked == want.files_checked


def test_a_run_of_some_files_agrees_with_and_without_the_cache(errors_project: Path) -> None:
    run(errors_project)
    paths = [
        errors_project / "clauses" / "us-russia" / "copy.yaml",
        errors_project / "clauses" / "russia-nato" / "20.yaml",
        errors_project / "seeds" / "sources.yaml",
    ]
    want = reference(errors_project, paths=paths)
    for _ in range(2):  # the second run is answered from the cache
        got = run_checks(Project(errors_project), paths, Options(), TODAY)
        assert got is not None
        assert rows(got.problems) == rows(want.problems)
        assert got.files_checked == want.files_checked
    assert from_cache(Project(errors_project), paths, Options(), TODAY)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), "utf-8")


EDITS: dict[str, Callable[[Path], object]] = {
    "a clause, same size": lambda root: _edit(
        root / "clauses/us-russia/4.1.yaml", "stance: never-agree", "stance: never-agreE"
    ),
    "a source file": lambda root: (root / "seeds/000_2a75cdc5f9e263bd.txt").write_bytes(
        (root / "seeds/000_2a75cdc5f9e263bd.txt").read_bytes() + b"\n"
    ),
    "the registry": lambda root: _edit(
        root / "seeds/sources.yaml", "id: tass-2021-12-23", "id: tass-2021-12-24"
    ),
    "the topics": lambda root: _edit(root / "clauses/topics.yaml", "  hotlines:", "  hotline:"),
    "a treaty": lambda root: _edit(root / "clauses/us-russia/treaty.yaml", "id: US", "id: USA"),
    "a related clause removed": lambda root: (root / "clauses/russia-nato/6.yaml").unlink(),
    "a related clause added": lambda root: (root / "clauses/us-russia/7.yaml").write_text(
        (root / "clauses/us-russia/3.yaml")
        .read_text("utf-8")
        .replace("id: us-russia.3", "id: us-russia.7")
        .replace("article: 3", "article: 7"),
        "utf-8",
    ),
    "a new treaty": lambda root: shutil.copytree(
        root / "clauses/us-russia", root / "clauses/us-russia-copy"
    ),
}


@pytest.mark.parametrize("edit", list(EDITS), ids=list(EDITS))
def test_the_cache_sees_every_change(edit: str, errors_project: Path) -> None:
    before = assert_same(errors_project)
    assert cache_answers(errors_project)
    EDITS[edit](errors_project)
    assert not cache_answers(errors_project)
    after = assert_same(errors_project)
    assert rows(after.problems) != rows(before.problems), "the edit should change the report"
    assert cache_answers(errors_project)


def test_a_touched_but_unchanged_file_is_still_answered_from_the_cache(
    errors_project: Path,
) -> None:
    run(errors_project)
    path = errors_project / "clauses" / "us-russia" / "4.1.yaml"
    path.write_bytes(path.read_bytes())  # new times, same bytes
    assert cache_answers(errors_project)
    assert rows(run(errors_project).problems) == rows(reference(errors_project).problems)


def test_dates_are_checked_against_each_days_today(errors_project: Path) -> None:
    # Positions dated December 2021: in the future on a day before them, not after.
    early, late = dt.date(2021, 12, 20), dt.date(2030, 1, 1)
    for today in (late, early, late, early):
        want = reference(errors_project, today)
        got = run(errors_project, today)
        assert rows(got.problems) == rows(want.problems), today
    assert any(p.code.id == "T208" for p in reference(errors_project, early).problems)


def read_doc(path: Path) -> tuple[str, dict[str, Any]]:
    """A cache file's header line and its body."""
    header, _, body = path.read_text("utf-8").partition("\n")
    return header, json.loads(body)


def doc_bytes(header: str, body: object) -> bytes:
    return (header + "\n" + json.dumps(body)).encode()


def test_a_damaged_cache_is_ignored_and_replaced(errors_project: Path) -> None:
    want = rows(reference(errors_project).problems)
    run(errors_project)
    path = errors_project / cache.FOLDER / cache.FILE
    header, good = read_doc(path)
    first = next(iter(good["files"]))
    damaged = [
        b"",
        b"{not json",
        path.read_bytes()[:1000],
        header.encode(),
        header.encode() + b"\n" + b"[" * 100_000,
        doc_bytes(header, []),
        doc_bytes(header, {**good, "files": []}),
        doc_bytes(header, {**good, "files": {first: ["x"]}}),
        doc_bytes(header, {**good, "files": {first: [1, 2, 3, 4, 5, 6, 7]}}),
        doc_bytes(header, {**good, "files": {first: [*good["files"][first][:6], [["x"]]]}}),
        doc_bytes(header, {**good, "context": {**good["context"], "problems": [[1, 2]]}}),
        doc_bytes(header, {**good, "context": {**good["context"], "latest": 5}}),
    ]
    for raw in damaged:
        path.write_bytes(raw)
        assert rows(run(errors_project).problems) == want, raw[:80]
        assert cache_answers(errors_project)  # rewritten whole


def rows_of(checked: Checked) -> list[Row]:
    return rows(checked.problems)


def test_a_cache_from_another_copy_of_the_project_is_not_trusted(
    errors_project: Path, tmp_path: Path
) -> None:
    run(errors_project)
    # A committed or copied cache: its content claims every file is clean.
    path = errors_project / cache.FOLDER / cache.FILE
    header, doc = read_doc(path)
    doc["context"]["problems"] = []
    for entry in doc["files"].values():
        entry[6] = []
    path.write_bytes(doc_bytes(header, doc))
    copy = tmp_path / "copy"
    shutil.copytree(errors_project, copy)
    assert not cache_answers(copy)
    assert rows_of(run(copy)) == rows_of(reference(copy))


def test_overlapping_runs_leave_a_sound_cache(errors_project: Path) -> None:
    want = reference(errors_project)
    cmd = [sys.executable, "-m", "treaty", "validate", "--root", str(errors_project)]
    for round_ in range(3):
        racers = [subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True) for _ in range(3)]
        outputs = [r.communicate(timeout=120)[0] for r in racers]
        assert len(set(outputs)) == 1, f"round {round_}: the racing runs disagree"
        assert cache.Store(Project(errors_project), _env(errors_project)).load() is not None, (
            "the cache is unreadable after overlapping writes"
        )
        _edit(errors_project / "clauses/us-russia/4.2.yaml", "title: ", f"title: {round_} ")
        want = reference(errors_project)
        assert rows(run(errors_project).problems) == rows(want.problems)


def _env(root: Path) -> str:
    return cache.environment_key(Project(root), 1024 * 1024, 64)


def _status(mtime_ns: int, ctime_ns: int) -> os.stat_result:
    st = SimpleNamespace(st_size=100, st_mtime_ns=mtime_ns, st_ctime_ns=ctime_ns, st_ino=7)
    return st  # type: ignore[return-value]


def test_a_file_changed_just_before_it_was_read_is_hashed_next_time() -> None:
    now = 10 * RACY_NS
    assert trusted_status(_status(now - RACY_NS // 2, now - RACY_NS // 2), now) is None
    assert trusted_status(_status(0, now - 1), now) is None  # ctime: e.g. times set back
    assert trusted_status(_status(0, now - RACY_NS), now) == (100, 0, now - RACY_NS, 7)


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files count as settled as soon as they are read, so that the summary of a whole run is
    written at once (normally only two seconds after the files last changed). Every edit in
    the tests that use it changes a file's size, so no edit can hide in a coarse timestamp."""
    monkeypatch.setattr(fingerprint, "RACY_NS", 0)


def _grow(path: Path, text: str = "\n# grown\n") -> None:
    path.write_text(path.read_text("utf-8") + text, "utf-8")


@pytest.mark.usefixtures("settled")
def test_a_whole_run_is_answered_from_its_summary_while_nothing_changed(
    errors_project: Path,
) -> None:
    run(errors_project)
    summary = errors_project / cache.FOLDER / cache.SUMMARY
    assert summary.exists()
    (errors_project / cache.FOLDER / cache.FILE).unlink()  # the summary alone answers
    assert cache_answers(errors_project)
    assert rows(run(errors_project).problems) == rows(reference(errors_project).problems)
    edits: tuple[Callable[[], object], ...] = (
        lambda: _grow(errors_project / "clauses/us-russia/4.2.yaml", "notes: changed\n"),
        lambda: _grow(errors_project / "clauses/topics.yaml", "  extra: An extra topic.\n"),
        lambda: (errors_project / "clauses/russia-nato/6.yaml").unlink(),
        lambda: _grow(errors_project / "seeds/001_4efd941cebfa5a88.txt"),
    )
    for edit in edits:
        edit()
        assert not cache_answers(errors_project)
        assert rows(run(errors_project).problems) == rows(reference(errors_project).problems)
        assert cache_answers(errors_project)


@pytest.mark.usefixtures("settled")
def test_a_summary_holds_only_on_the_days_its_dates_allow(errors_project: Path) -> None:
    early, late = dt.date(2021, 12, 20), dt.date(2030, 1, 1)
    run(errors_project, late)
    assert cache_answers(errors_project, late)
    assert not cache_answers(errors_project, early)
    assert rows(run(errors_project, early).problems) == rows(
        reference(errors_project, early).problems
    )


@pytest.mark.usefixtures("settled")
def test_a_damaged_summary_is_ignored(errors_project: Path) -> None:
    want = rows(reference(errors_project).problems)
    run(errors_project)
    summary = errors_project / cache.FOLDER / cache.SUMMARY
    header, good = read_doc(summary)
    for raw in (
        b"[]",
        b"{",
        doc_bytes(header, {**good, "problems": [["x", 1, 1, "T999", "m"]]}),
        doc_bytes(header, {**good, "window": ["2020-01-01"]}),
        doc_bytes(header, {**good, "clause_files": "many"}),
        doc_bytes(header, {**good, "digest": 5}),
    ):
        summary.write_bytes(raw)
        assert rows(run(errors_project).problems) == want, raw[:80]


def test_the_reports_corpus_is_the_same_from_one_process_or_several(
    errors_project: Path,
) -> None:
    one = run_checks(Project(errors_project), None, replace(NO_CACHE, jobs=1), TODAY, models=True)
    two = run_checks(Project(errors_project), None, replace(NO_CACHE, jobs=2), TODAY, models=True)
    assert one.corpus is not None and two.corpus is not None
    assert rows(two.problems) == rows(one.problems)
    assert one.corpus.clauses.keys() == two.corpus.clauses.keys()
    assert list(one.corpus.clauses.values()) == list(two.corpus.clauses.values())
    assert one.corpus.invalid == two.corpus.invalid
    # 4.1.yaml is valid and takes its id; copy.yaml (a changed quote, the same id) does not.
    assert "any expansion" not in one.corpus.clauses["us-russia.4.1"].model_dump_json()
    assert any(path.endswith("copy.yaml") for path in one.corpus.invalid)


def test_a_committed_cache_is_not_read_past_its_header(errors_project: Path) -> None:
    run(errors_project)
    path = errors_project / cache.FOLDER / cache.FILE
    header, _ = read_doc(path)
    stranger = json.loads(header)
    stranger["owner"] = [1, 2]  # as in a cache made by another checkout
    # Whatever follows the header is never parsed: not even a body that would crash json.
    path.write_bytes(json.dumps(stranger).encode() + b"\n" + b"[" * 1_000_000)
    assert not cache_answers(errors_project)
    assert rows_of(run(errors_project)) == rows_of(reference(errors_project))


def test_links_in_the_cache_are_never_followed(errors_project: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("precious\n")
    run(errors_project)
    path = errors_project / cache.FOLDER / cache.FILE
    path.unlink()
    path.symlink_to(outside)  # a committed link that leads out of the project
    assert rows_of(run(errors_project)) == rows_of(reference(errors_project))
    assert outside.read_text() == "precious\n"  # the link was replaced, not written through
    assert not path.is_symlink()
    assert cache_answers(errors_project)


def test_a_cache_folder_that_is_a_link_is_not_used(errors_project: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (errors_project / cache.FOLDER).symlink_to(elsewhere)
    assert rows_of(run(errors_project)) == rows_of(reference(errors_project))
    assert list(elsewhere.iterdir()) == []
    assert not cache_answers(errors_project)


def test_the_cache_key_covers_every_module_of_the_package() -> None:
    """A change to any module, in any subpackage, must invalidate cached results."""
    from treaty.cache.store import package_modules

    on_disk = sorted((REPO / "treaty").rglob("*.py"))
    assert on_disk and package_modules() == on_disk


def test_a_change_to_a_module_in_a_subpackage_changes_the_cache_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "treaty"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "sub" / "deep.py").write_text("A = 1\n")
    monkeypatch.setattr(cache, "_PACKAGE", package)
    before = cache._package_digest()
    (package / "sub" / "deep.py").write_text("A = 2\n")
    assert cache._package_digest() != before
