"""Every report prints the same with and without the index (``TREATY_NO_INDEX``), byte for
byte and with the same exit code, on corpora with problems, before and after an edit."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import DATA, REPO, copy_project, invoke
from treaty.index.corpus import NO_INDEX_ENV

COMMANDS = [
    ["status"],
    ["status", "--format", "json"],
    ["status", "--format", "csv", "--party", "RU", "--party", "US"],
    ["status", "--format", "markdown", "--verdict", "split", "--as-of", "2021-12-24"],
    ["sources"],
    ["sources", "--format", "json"],
    ["timeline"],
    ["timeline", "--format", "json", "--as-of", "2021-12-24"],
    ["timeline", "--party", "US", "--format", "csv"],
]


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.delenv("TREATY_ROOT", raising=False)
    monkeypatch.delenv(NO_INDEX_ENV, raising=False)


def _project(tmp_path: Path, source: Path) -> Path:
    root = copy_project(source, tmp_path / "p")
    folder = sorted(p for p in (root / "clauses").iterdir() if p.is_dir())[0]
    clause = sorted(p for p in folder.glob("*.yaml") if p.name != "treaty.yaml")[0]
    shutil.copy(clause, folder / "99.yaml")  # a copy under another name: id mismatch
    shutil.copy(clause, folder / "stray.yaml")  # a duplicate id, and a stray name
    broken = clause.read_text("utf-8").replace("stance: ", "stance: x", 1)
    (folder / "98.yaml").write_text(broken, "utf-8")
    return root


def _both(root: Path, args: list[str]) -> None:
    full = [*args, "--root", str(root)]
    without = invoke(full, env={NO_INDEX_ENV: "1"})
    with_index = invoke(full)
    again = invoke(full)
    assert (with_index.exit_code, with_index.output) == (without.exit_code, without.output)
    assert (again.exit_code, again.output) == (without.exit_code, without.output)
    assert without.exit_code == 1  # the corpus has problems: they are named


@pytest.mark.parametrize("source", [REPO, DATA / "reports"], ids=["bundled", "reports"])
def test_reports_are_the_same_with_and_without_the_index(source: Path, tmp_path: Path) -> None:
    root = _project(tmp_path, source)
    commands = [*COMMANDS]
    clauses = [
        f"{p.parent.name}.{p.stem}"
        for p in sorted((root / "clauses").glob("*/*.yaml"))
        if p.name != "treaty.yaml" and p.stem[0].isdigit()
    ]
    commands += [["show", clause] for clause in clauses]
    for clause in clauses[::4]:
        commands += [["show", clause, "--format", "json"], ["timeline", clause]]
    for args in commands:
        _both(root, args)
    first = sorted(p for p in (root / "clauses").glob("*/*.yaml") if p.name != "treaty.yaml")[0]
    first.write_text(first.read_text("utf-8").replace("title: ", "title: Edited ", 1), "utf-8")
    for args in COMMANDS[:3]:
        _both(root, args)
