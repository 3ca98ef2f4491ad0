"""The other state of `treaty diff`, checked incrementally, is what a full check finds."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import DATA, copy_project
from treaty.cache.run import run
from treaty.project import Project
from treaty.report.diff_state import Files, substituted, working_tree

NEW = """\
id: us-russia.5
treaty: us-russia
article: 5
title: A new clause
topics: [bases]
binds: [US]
text: Some text.
text_kind: paraphrase
related: [us-russia.6]
"""


def _full(project: Project, pending: dict[Path, bytes | None]) -> Files:
    done = run(project, pending=pending, models=True)
    assert done.corpus is not None
    from treaty.report.diff_state import _counts

    return Files(done.corpus, _counts(project, done))


def _pendings(root: Path) -> list[dict[Path, bytes | None]]:
    clauses = root / "clauses/us-russia"
    first = (clauses / "4.1.yaml").read_bytes()
    return [
        {clauses / "4.2.yaml": None},  # 4.1 names it as related: 4.1 gets a problem
        {clauses / "4.1.yaml": first.replace(b"never-agree", b"maybe")},  # invalid now
        {
            clauses / "6.yaml": NEW.replace("5", "6")
            .replace("us-russia.6]", "us-russia.4.1]")
            .encode()
        },
        {clauses / "6.yaml": NEW.replace("5", "6").encode(), clauses / "4.2.yaml": None},
        {clauses / "4.1.yaml": first.replace(b"title: No", b"title: Not")},
        {root / "clauses/topics.yaml": None},  # a project-wide file: everything again
        {root / "clauses/README.md": b"not checked"},
    ]


@pytest.mark.parametrize("case", range(7))
def test_the_incremental_state_is_the_full_one(tmp_path: Path, case: int) -> None:
    root = copy_project(DATA / "project", tmp_path / "p")
    # The working tree has a clause with a problem that the other state resolves: it names
    # us-russia.6 as related, which the working tree lacks.
    (root / "clauses/us-russia/5.yaml").write_text(NEW, "utf-8")
    project = Project(root.resolve())
    base = working_tree(project)
    assert base.problems == {"clauses/us-russia/5.yaml": 1}
    pending = _pendings(project.root)[case]
    mine, full = substituted(base, pending), _full(project, pending)
    assert mine.problems == full.problems
    assert mine.corpus.clauses == full.corpus.clauses
    assert mine.corpus.treaties == full.corpus.treaties
    assert sorted(mine.corpus.invalid) == sorted(full.corpus.invalid)
