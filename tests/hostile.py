"""The catalogue of hostile inputs (tests/data/hostile/cases.yaml), set up in a project copy.

Shared by tests/system/test_hostile.py, which checks each case's output, and bench/hostile.py, which
times each case and measures its memory as a real process.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from tests.conftest import DATA, copy_project

HOSTILE = DATA / "hostile"
CLAUSE = "clauses/us-russia/9.yaml"
# What a link "outside the project" points at; a case's output must never show it.
SECRET = "the validator must never read this\n"


@dataclass(frozen=True)
class Step:
    """One thing to put in the project: a file, a generated file, a link, a folder, a pipe."""

    at: str = CLAUSE
    file: str | None = None
    generate: dict[str, Any] | None = None
    link: str | None = None
    directory: bool = False
    fifo: bool = False
    unreadable: bool = False


@dataclass(frozen=True)
class Case:
    """A hostile input and the lines `treaty validate` must print for it (then the summary)."""

    name: str
    expect: list[str]
    steps: list[Step] = field(default_factory=list)
    args: list[str] = field(default_factory=list)
    subprocess: bool = False

    @property
    def unreadable(self) -> list[str]:
        """Paths (relative to the project) that must fail to open, as if chmod 000."""
        return [s.at for s in self.steps if s.unreadable]


def load_cases() -> list[Case]:
    """Every case of the index, in its order."""
    entries = YAML(typ="safe", pure=True).load((HOSTILE / "cases.yaml").read_text("utf-8"))
    cases = []
    for entry in entries:
        steps = entry.pop("setup", None) or [
            {k: entry.pop(k) for k in list(entry) if k in Step.__dataclass_fields__}
        ]
        cases.append(Case(steps=[Step(**s) for s in steps], **entry))
    return cases


def _place(at: str) -> str:
    # A file name that is not valid UTF-8 cannot be written in the index; this stands for one.
    return at.replace("{0xff}", os.fsdecode(b"\xff"))


def build(case: Case, tmp: Path) -> tuple[Path, Path]:
    """A copy of the test project with the case installed, and the folder "outside" it."""
    outside = tmp / "outside"
    outside.mkdir()
    (outside / "secret.yaml").write_text(f"notes: {SECRET}", "utf-8")
    (outside / "secret.txt").write_text(SECRET, "utf-8")
    project = copy_project(DATA / "project", tmp / "project")
    for step in case.steps:
        target = project / _place(step.at)
        target.parent.mkdir(parents=True, exist_ok=True)
        if step.file is not None:
            target.write_bytes((HOSTILE / step.file).read_bytes())
        elif step.generate is not None:
            gen = step.generate
            with open(target, "w", encoding="utf-8", newline="") as handle:
                handle.write(gen.get("head", ""))
                handle.write(gen["repeat"] * gen["times"])
                handle.write(gen.get("tail", ""))
        elif step.link is not None:
            os.symlink(step.link.replace("{outside}", str(outside)), target)
        elif step.directory:
            target.mkdir()
        elif step.fifo:
            os.mkfifo(target)
    return project, outside


# Every file opened and every folder listed while recording (sys.addaudithook sees all of
# them, whichever function does it); the hook cannot be removed, so it records only on demand.
_recording: list[list[tuple[str, str]]] = []


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if _recording and event in ("open", "os.listdir", "os.scandir") and args:
        path = args[0]
        if isinstance(path, (str, bytes, os.PathLike)):
            _recording[-1].append((event, os.path.realpath(os.fsdecode(path))))


sys.addaudithook(_audit)


@contextmanager
def reads() -> Iterator[list[tuple[str, str]]]:
    seen: list[tuple[str, str]] = []
    _recording.append(seen)
    try:
        yield seen
    finally:
        _recording.pop()


def outside_reads(seen: list[tuple[str, str]], project: Path) -> list[tuple[str, str]]:
    """Reads that are neither in the project nor Python importing modules (and reading their
    metadata, as pydantic does to find plugins, and the cache does to key itself on the
    installed versions of the libraries it depends on)."""
    prefixes = tuple(os.path.realpath(p) + os.sep for p in {sys.prefix, sys.base_prefix})
    paths = tuple(os.path.realpath(p) + os.sep for p in sys.path if p and p != ".")
    module = re.compile(r"(\.pyc?|\.so|\.(egg|dist)-info/.*)$")
    out = []
    for event, path in seen:
        if Path(path).is_relative_to(project.resolve()) or path.startswith(prefixes):
            continue
        if path.startswith(paths) and (event != "open" or module.search(path)):
            continue
        if event == "os.listdir" and os.path.realpath(path) + os.sep in paths:
            continue
        out.append((event, path))
    return out
