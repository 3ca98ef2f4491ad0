"""What a validation run found, file by file, and the report made of it.

Light on purpose (no pydantic, no YAML): the cache stores these values, and a warm run that
finds nothing changed turns them into the report without importing the checkers.
Problem paths here are relative to the project root until ``report`` shows them to the user.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, NamedTuple

from treaty.check import cascade
from treaty.problems import Code, Problem
from treaty.project import Project

if TYPE_CHECKING:  # annotations only: this module stays light
    from treaty.check.sources import Sources
    from treaty.model import Clause, Treaty
    from treaty.phrases import AuditPhrases


class ClauseResult(NamedTuple):
    """Everything one clause file contributes to a report, and what that depends on.

    (A named tuple: a warm run makes one per file from the cache, and these are cheapest.)"""

    rel: str  # the file, relative to the project root
    problems: tuple[Problem, ...]  # located, in report order; duplicate ids are added later
    clause_id: str | None  # the id it declares, when the file is a valid clause
    clean: bool  # no cross-file problems: it takes its id, and it is in the corpus
    # Each related id the file names and whether a clause file had that id.
    related: tuple[tuple[str, bool], ...] = ()
    dates: tuple[str, ...] = ()  # the dates it compares with today (ISO), for the cache


Window = tuple[str | None, str | None]


def window(dates: Iterable[str], today: str) -> Window:
    """The days on which a result computed ``today`` still holds: from the latest of its
    dates not after today, until (not including) the first after it. Every date compared
    with today is then on the same side of it on each of those days."""
    past = [d for d in dates if d <= today]
    future = [d for d in dates if d > today]
    return (max(past) if past else None, min(future) if future else None)


def within(span: Window, today: str) -> bool:
    """Whether ``today`` is in the window."""
    since, until = span
    return (since is None or since <= today) and (until is None or today < until)


@dataclass
class Corpus:
    """What a project holds that passed its checks, for the reports to read."""

    project: Project
    sources: Sources
    topics: dict[str, str]
    treaties: dict[str, Treaty]
    clauses: Mapping[str, Clause]  # a dict, or read from the index as asked for
    # Files whose problems keep them out of the corpus (shown paths).
    invalid: list[str] = field(default_factory=list)
    phrases: AuditPhrases | None = None  # clauses/audit-phrases.yaml, when it has no problems


@dataclass(frozen=True)
class Checked:
    """A finished run: every problem, ordered, with paths as the user sees them; and the
    checked models, when the run was asked for them."""

    problems: list[Problem]
    files_checked: int
    corpus: Corpus | None = None

    @property
    def ok(self) -> bool:
        return not self.problems


def with_duplicates(results: Iterable[ClauseResult]) -> list[Problem]:
    """The problems of clause files in order, each file's duplicate-id problem after its own.

    The first clean file with an id takes it; a later file with the same id is a duplicate."""
    taken: set[str] = set()
    out: list[Problem] = []
    for result in results:
        out += result.problems
        if result.clause_id is None:
            continue
        if result.clause_id in taken:
            out.append(
                Problem(
                    result.rel,
                    None,
                    None,
                    Code.DUPLICATE_ID,
                    f'clause id "{result.clause_id}" is used by another file',
                )
            )
        elif result.clean:
            taken.add(result.clause_id)
    return out


def concerns(rel: str, wanted: set[str], registry: str, seeds: str) -> bool:
    """Whether a problem of file ``rel`` is reported when only ``wanted`` files are checked.

    A changed source file shows up as a problem of the registry entry that names it."""
    if rel in wanted:
        return True
    prefix = seeds + os.sep
    return rel == registry and any(w.startswith(prefix) for w in wanted)


def report(problems: Iterable[Problem], files_checked: int, show: Callable[[str], str]) -> Checked:
    """The problems with their paths as shown to the user (``show``), in report order."""
    shown = [replace(p, path=show(p.path)) for p in problems]
    return Checked(sorted(shown, key=Problem.sort_key), files_checked)


def finish(
    project: Project,
    context_problems: list[Problem],
    results: list[ClauseResult],
    files_checked: int,
    wanted: set[str] | None,
    clause_problems: list[Problem] | None = None,
) -> tuple[list[Problem], int]:
    """The report's problems (paths as shown, in order) and its count of files checked.

    ``clause_problems``: those of ``results`` with duplicate ids, when already worked out."""
    if clause_problems is None:
        clause_problems = with_duplicates(results)
    problems = context_problems + clause_problems
    if wanted is not None:
        registry, seeds = project.rel(project.registry_path), project.rel(project.seeds_dir)
        problems = [p for p in problems if concerns(p.path, wanted, registry, seeds)]
        files_checked = len(wanted)
    done = report(cascade.fold(problems), files_checked, project.show)
    return done.problems, done.files_checked
