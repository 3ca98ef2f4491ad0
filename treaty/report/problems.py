"""Rendering validation problems: text for people, JSON for scripts (CI's formats: ``ci``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from treaty.check.results import Checked
from treaty.problems import Problem
from treaty.safe_text import escape, json_text

JSON_VERSION = 1


def problem_line(p: Problem, *, placed: bool = True) -> str:
    """``path:line:col: CODE message``, the one form a problem is printed in. ``placed=False``
    leaves out the line and column: for a file an edit has not written, they would point
    into text nobody can open."""
    where = escape(p.path)
    if placed and p.line is not None:
        where += f":{p.line}:{p.column}"
    return f"{where}: {p.code.id} {escape(p.message)}"


def summary(result: Checked) -> str:
    """The closing line."""
    n = len(result.problems)
    if not n:
        return f"ok: {_count(result.files_checked, 'file')} checked, no problems"
    files = len({p.path for p in result.problems})
    return f"{_count(n, 'problem')} in {_count(files, 'file')} ({result.files_checked} checked)"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def as_text(result: Checked) -> str:
    lines = [problem_line(p) for p in result.problems]
    return "\n".join([*lines, summary(result)]) + "\n"


def as_json(result: Checked) -> str:
    doc = {
        "version": JSON_VERSION,
        "ok": result.ok,
        "files_checked": result.files_checked,
        "problems": [problem_json(p) for p in result.problems],
    }
    return json_text(doc)


def problem_json(p: Problem) -> dict[str, Any]:
    """One problem as the JSON formats print it (the fields are stable)."""
    return {
        "path": p.path,  # json_text writes a byte that is not UTF-8 as \\xNN
        "line": p.line,
        "column": p.column,
        "code": p.code.id,
        "name": p.code.slug,
        "message": p.message,
    }


FORMATS: dict[str, Callable[[Checked], str]] = {
    "text": as_text,
    "json": as_json,
}
