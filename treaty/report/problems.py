"""Rendering validation problems: text for people, JSON for scripts, GitHub annotations for CI."""

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
        return f"ok: {result.files_checked} files checked, no problems"
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
        "path": p.path,
        "line": p.line,
        "column": p.column,
        "code": p.code.id,
        "name": p.code.slug,
        "message": p.message,
    }


def workflow_escape(value: str, prop: bool = False) -> str:
    """Text safe in a GitHub workflow command (``prop``: as a property), escaped as
    actions/toolkit's command.ts escapes data and properties of workflow commands."""
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def as_github(result: Checked) -> str:
    lines = []
    for p in result.problems:
        props = f"file={workflow_escape(escape(p.path), True)}"
        if p.line is not None:
            props += f",line={p.line},col={p.column}"
        props += f",title={workflow_escape(p.code.id + ' ' + p.code.slug, True)}"
        lines.append(f"::error {props}::{workflow_escape(escape(p.message))}")
    return "\n".join([*lines, summary(result)]) + "\n"


FORMATS: dict[str, Callable[[Checked], str]] = {
    "text": as_text,
    "json": as_json,
    "github": as_github,
}
