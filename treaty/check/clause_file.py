"""One clause file checked against the project's context: its problems, located, and what
its result depends on besides its own bytes."""

from __future__ import annotations

import itertools
from pathlib import Path

from treaty.check.documents import load_document
from treaty.check.results import ClauseResult
from treaty.check.rules import Context, check_clause, check_quotes_of_invalid
from treaty.files.fingerprint import Fingerprint
from treaty.files.reading import Limits
from treaty.model import Clause
from treaty.problems import MAX_PROBLEMS, Code, Problem, capped
from treaty.project import expected_id
from treaty.yaml.locate import locate

STRAY_MESSAGE = "not a clause file: clauses live at clauses/<treaty>/<article>[.<paragraph>].yaml"


def check_clause_file(
    path: Path, rel: str, ctx: Context, root: Path, limits: Limits, raw: bytes | None = None
) -> tuple[ClauseResult, Fingerprint | None, Clause | None]:
    """The file's result, the fingerprint of the bytes checked, and its clause when valid.

    ``raw``: the bytes an edit would write, checked instead of the disk's."""
    problems: list[Problem] = []
    ctx.work.start_file()
    refused = ctx.work.refused
    stray = expected_id(path, ctx.clauses_dir) is None and not path.is_dir()
    doc = load_document(Clause, path, rel, root, limits, raw)
    problems += doc.problems
    if stray:
        problems.append(Problem(rel, None, None, Code.STRAY_FILE, STRAY_MESSAGE))
    clause = doc.model
    # Lazily, and no more than a report shows: each unmatched quote costs a search.
    checks = (
        check_clause(clause, path, rel, ctx)
        if clause is not None
        else check_quotes_of_invalid(doc.data, rel, ctx)
    )
    cross = list(itertools.islice(checks, MAX_PROBLEMS + 1))
    problems += cross
    if doc.text is not None:
        problems = locate(problems, doc.text)
    problems = capped(problems, rel)
    # A result the work budget cut short depends on what other files spent: never cached.
    fingerprint = doc.fingerprint if ctx.work.refused == refused else None
    if clause is None:
        return ClauseResult(rel, tuple(problems), None, clean=False), fingerprint, None
    result = ClauseResult(
        rel,
        tuple(problems),
        clause.id,
        clean=not cross,
        related=tuple((r, ctx.has_clause(r)) for r in clause.related if r != clause.id),
        dates=tuple(sorted({p.date.isoformat() for p in clause.positions})),
    )
    return result, fingerprint, clause
