"""The index never changes what the reports say: the corpus it gives is the corpus a run that
reads every file afresh gives, on corpora full of edge cases, through edits, days, damaged,
copied and linked indexes, and overlapping runs; and it reads again only what changed."""

from __future__ import annotations

import datetime as dt
import gc
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import DATA, REPO, copy_project
from treaty.cache import store as cache
from treaty.cache.run import NO_CACHE, Options
from treaty.cache.run import run as run_checks
from treaty.check import workers
from treaty.check.results import Corpus
from treaty.errors import IndexChanged
from treaty.files import fingerprint
from treaty.index import corpus as index_corpus
from treaty.index.corpus import IndexedClauses, load
from treaty.index.store import STAMP
from treaty.project import Project

TODAY = dt.date(2025, 1, 1)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), "utf-8")


@pytest.fixture
def errors_project(tmp_path: Path) -> Path:
    """The bundled corpus, every invalid case at a place of its own, a duplicate id, a file
    with a valid clause but a problem of its own (a stray name), and a future position."""
    root = copy_project(REPO, tmp_path / "errors")
    for i, case in enumerate(sorted((DATA / "invalid").glob("*.yaml"))):
        folder = "us-russia" if i % 2 else "russia-nato"
        (root / "clauses" / folder / f"{20 + i}.yaml").write_bytes(case.read_bytes())
    clause = (root / "clauses" / "us-russia" / "4.1.yaml").read_text("utf-8")
    (root / "clauses" / "us-russia" / "copy.yaml").write_text(clause, "utf-8")
    (root / "clauses" / "us-russia" / "4.2.yaml").write_text(
        (root / "clauses" / "us-russia" / "4.2.yaml")
        .read_text("utf-8")
        .replace("date: 2021-12-23", "date: 2024-12-31", 1),
        "utf-8",
    )
    return root


@pytest.fixture
def reports_errors(tmp_path: Path) -> Path:
    """tests/data/reports (made-up treaties whose positions exercise every verdict) with a
    clause copied under a second name (a duplicate id) and one with a misspelt stance."""
    root = copy_project(DATA / "reports", tmp_path / "reports")
    east = root / "clauses" / "east-pact"
    (east / "40.yaml").write_text(
        (east / "4.1.yaml").read_text("utf-8").replace("id: east-pact.4.1", "id: east-pact.40"),
        "utf-8",
    )
    shutil.copy(east / "2.yaml", east / "2.yml")
    return root


PROJECTS = ("errors_project", "reports_errors")


def reference(root: Path, today: dt.date = TODAY) -> Corpus:
    corpus = run_checks(Project(root), None, NO_CACHE, today, models=True).corpus
    assert corpus is not None
    return corpus


def summary(corpus: Corpus) -> dict[str, Any]:
    """Everything a report can read of a corpus, as plain values, in its order."""
    return {
        "treaties": [(k, v.model_dump()) for k, v in corpus.treaties.items()],
        "topics": list(corpus.topics.items()),
        "sources": [(k, v.model_dump()) for k, v in corpus.sources.by_id.items()],
        "texts": sorted(corpus.sources.texts.items()),
        "clauses": [(k, v.model_dump()) for k, v in corpus.clauses.items()],
        "ids": list(corpus.clauses),
        "invalid": corpus.invalid,
    }


def assert_same(root: Path, today: dt.date = TODAY, **options: Any) -> dict[str, Any]:
    """The corpus from the index is the corpus from every file; its summary."""
    want = reference(root, today)
    assert want.invalid and want.clauses, "the corpus should have valid and invalid files"
    got = load(Project(root), Options(**options), today)
    assert isinstance(got.clauses, IndexedClauses) == options.get("write_cache", True)
    found = summary(got)
    assert found == summary(want)
    del got
    gc.collect()  # the index's connection closes, as at the end of a command
    return found


@pytest.mark.parametrize("project", PROJECTS)
def test_the_index_gives_the_corpus_that_reading_every_file_gives(
    project: str, request: pytest.FixtureRequest
) -> None:
    root: Path = request.getfixturevalue(project)
    assert_same(root)  # the index is new
    assert_same(root)  # from the index
    assert_same(root, jobs=2)


EDITS: dict[str, Callable[[Path], object]] = {
    "a clause": lambda root: _edit(
        root / "clauses/us-russia/4.1.yaml", "stance: never-agree", "stance: may-explore"
    ),
    "a clause made invalid": lambda root: _edit(
        root / "clauses/us-russia/4.1.yaml", "stance: never-agree", "stance: never-agreE"
    ),
    "a duplicate removed": lambda root: (root / "clauses/us-russia/copy.yaml").unlink(),
    "a source file": lambda root: (root / "seeds/000_2a75cdc5f9e263bd.txt").write_bytes(
        (root / "seeds/000_2a75cdc5f9e263bd.txt").read_bytes() + b"\n"
    ),
    "the registry": lambda root: _edit(
        root / "seeds/sources.yaml", "outlet: TASS", "outlet: TASS Russian News Agency"
    ),
    "the topics": lambda root: _edit(root / "clauses/topics.yaml", "  hotlines:", "  hotline:"),
    "a treaty": lambda root: _edit(root / "clauses/us-russia/treaty.yaml", "id: US", "id: USA"),
    "a new clause": lambda root: (root / "clauses/us-russia/7.yaml").write_text(
        (root / "clauses/us-russia/3.yaml")
        .read_text("utf-8")
        .replace("id: us-russia.3", "id: us-russia.7")
        .replace("article: 3", "article: 7"),
        "utf-8",
    ),
    "a clause removed": lambda root: (root / "clauses/russia-nato/6.yaml").unlink(),
    "the index deleted": lambda root: shutil.rmtree(root / cache.FOLDER),
    "the cache deleted, the index kept": lambda root: (root / cache.FOLDER / cache.FILE).unlink(),
}


@pytest.mark.parametrize("edit", list(EDITS), ids=list(EDITS))
@pytest.mark.parametrize("settle", [False, True], ids=["racy", "settled"])
def test_the_index_follows_every_change(
    edit: str, settle: bool, errors_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if settle:  # files count as settled at once, so that summaries are written
        monkeypatch.setattr(fingerprint, "RACY_NS", 0)
    before = assert_same(errors_project)
    assert_same(errors_project)
    EDITS[edit](errors_project)
    after = assert_same(errors_project)
    if "deleted" not in edit:
        assert after != before, "the edit should change the corpus"
    assert_same(errors_project)


def test_only_changed_files_are_checked_again(
    errors_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fingerprint, "RACY_NS", 0)
    assert_same(errors_project)
    checked: list[str] = []
    real = workers.check_clause_file  # type: ignore[attr-defined]

    def spy(path: Path, rel: str, *args: Any, **kwargs: Any) -> Any:
        checked.append(rel)
        return real(path, rel, *args, **kwargs)

    assert_same(errors_project)
    monkeypatch.setattr(workers, "check_clause_file", spy)
    _edit(errors_project / "clauses/us-russia/4.1.yaml", "stance: never-agree", "stance: agree")
    got = load(Project(errors_project), Options(), TODAY)
    assert checked == ["clauses/us-russia/4.1.yaml"]
    assert got.clauses["us-russia.4.1"].positions[0].stance.value == "agree"


def test_a_report_of_one_clause_reads_only_that_clause(errors_project: Path) -> None:
    load(Project(errors_project), Options(), TODAY)
    corpus = load(Project(errors_project), Options(), TODAY)
    clauses = corpus.clauses
    assert isinstance(clauses, IndexedClauses)
    assert "us-russia.4.1" in clauses and "no-such.1" not in clauses
    assert clauses["us-russia.4.1"].id == "us-russia.4.1"
    assert clauses.get("russia-nato.6") is not None
    assert len(clauses._loaded) == 2
    with pytest.raises(KeyError):
        clauses["no-such.1"]


@pytest.mark.parametrize("project", PROJECTS)
def test_dates_decide_the_corpus_on_each_day(project: str, request: pytest.FixtureRequest) -> None:
    root: Path = request.getfixturevalue(project)
    early, late = dt.date(2021, 12, 20), dt.date(2030, 1, 1)
    for today in (late, early, late, early, TODAY):
        assert_same(root, today)


def test_without_writing_the_cache_the_reports_read_the_files(errors_project: Path) -> None:
    assert_same(errors_project, write_cache=False)
    assert not (errors_project / cache.FOLDER).exists()


def _index_files(root: Path) -> list[Path]:
    return sorted((root / cache.FOLDER).glob("index-*.sqlite"))


def test_a_damaged_index_is_replaced(errors_project: Path) -> None:
    assert_same(errors_project)
    (old,) = _index_files(errors_project)
    old.write_bytes(b"not a database" * 100)
    assert_same(errors_project)
    (new,) = _index_files(errors_project)
    assert new != old
    (errors_project / cache.FOLDER / STAMP).write_text("{}", "utf-8")
    assert_same(errors_project)


def test_an_index_from_another_copy_of_the_project_is_never_opened(
    errors_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert_same(errors_project)
    copy = tmp_path / "copy"
    shutil.copytree(errors_project, copy)  # as a commit or a copy would bring it
    (copied,) = _index_files(copy)
    opened: list[str] = []
    real = sqlite3.connect

    def spy(target: str, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        opened.append(target)
        db: sqlite3.Connection = real(target, *args, **kwargs)
        return db

    monkeypatch.setattr(sqlite3, "connect", spy)
    assert_same(copy)
    assert not any(copied.name in target for target in opened)
    assert not copied.exists()  # removed once the new one was stamped


def test_links_in_place_of_the_index_are_never_followed(
    errors_project: Path, tmp_path: Path
) -> None:
    assert_same(errors_project)
    (index,) = _index_files(errors_project)
    outside = tmp_path / "outside.sqlite"
    shutil.copy(index, outside)
    before = outside.read_bytes()
    index.unlink()
    index.symlink_to(outside)
    assert_same(errors_project)
    assert outside.read_bytes() == before
    (new,) = _index_files(errors_project)
    assert not new.is_symlink()
    wal = Path(f"{new}-wal")
    wal.symlink_to(tmp_path / "elsewhere")
    assert_same(errors_project)
    assert not (tmp_path / "elsewhere").exists()


def test_overlapping_runs_agree_and_leave_a_sound_index(errors_project: Path) -> None:
    script = (
        "import sys, datetime as dt\n"
        "from pathlib import Path\n"
        "from treaty.index.corpus import load\n"
        "from treaty.project import Project\n"
        "c = load(Project(Path(sys.argv[1])), today=dt.date(2025, 1, 1))\n"
        "print(len(c.clauses), sorted(c.clauses), len(c.invalid))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != index_corpus.NO_INDEX_ENV}
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(errors_project)],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
            cwd=REPO,
        )
        for _ in range(3)
    ]
    outputs = {run.communicate()[0] for run in runs}
    assert all(run.returncode == 0 for run in runs)
    assert len(outputs) == 1
    assert_same(errors_project)


def test_the_environment_variable_turns_the_index_off(
    errors_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(index_corpus.NO_INDEX_ENV, "1")
    corpus = load(Project(errors_project), Options(), TODAY)
    assert not isinstance(corpus.clauses, IndexedClauses)
    assert not _index_files(errors_project)


def _status_through_main(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str, str]:
    from treaty.cli.app import main

    monkeypatch.setattr(sys, "argv", ["treaty", "status", "--root", str(project)])
    monkeypatch.setenv("COLUMNS", "100")
    code = main()
    out = capsys.readouterr()
    return code, out.out, out.err


def test_a_report_the_index_changed_under_is_made_once_more(
    bundled_project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = _status_through_main(bundled_project, monkeypatch, capsys)
    assert expected[0] == 0 and "russia-nato.6" in expected[1]
    real = IndexedClauses._load
    calls: list[int] = []

    def changed_once(self: IndexedClauses, ids: list[str]) -> None:
        calls.append(len(ids))
        if len(calls) == 1:  # as when another run replaced a model under this one
            raise IndexChanged("the project changed while this report was made; run it again")
        real(self, ids)

    monkeypatch.setattr(IndexedClauses, "_load", changed_once)
    assert _status_through_main(bundled_project, monkeypatch, capsys) == expected
    assert len(calls) > 1


def test_a_report_the_index_keeps_changing_under_says_so(
    bundled_project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def always(self: IndexedClauses, ids: list[str]) -> None:
        raise IndexChanged("the project changed while this report was made; run it again")

    monkeypatch.setattr(IndexedClauses, "_load", always)
    code, out, err = _status_through_main(bundled_project, monkeypatch, capsys)
    assert (code, out) == (1, "")
    assert err == "treaty: the project changed while this report was made; run it again\n"
