"""Problems for CI: GitHub workflow annotations and SARIF, with paths from the repository root.

A CI system places an annotation by the file's path from the root of the checked-out
repository, whatever folder the step ran in (``working-directory:``) and wherever the
project lies inside the repository. That root is ``$GITHUB_WORKSPACE`` on GitHub Actions,
``$CI_PROJECT_DIR`` on GitLab CI, else the git work tree that holds the project, else the
project itself.
"""

from __future__ import annotations

import os
import urllib.parse
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from treaty import __version__
from treaty.check.results import Checked
from treaty.problems import Code, Problem
from treaty.report.problems import FORMATS as PROBLEM_FORMATS
from treaty.report.problems import summary
from treaty.safe_text import escape, json_text

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/schemas/sarif-schema-2.1.0.json"
_CI_ROOTS = ("GITHUB_WORKSPACE", "CI_PROJECT_DIR")


def repository_root(project_root: Path) -> Path:
    """The folder CI paths are relative to (see the module's docstring)."""
    for name in _CI_ROOTS:
        given = os.environ.get(name)
        if given and project_root.is_relative_to(Path(given).resolve()):
            return Path(given).resolve()
    for folder in (project_root, *project_root.parents):
        if (folder / ".git").exists():
            return folder
    return project_root


def from_root(result: Checked, project_root: Path) -> Checked:
    """The result with each problem's path relative to the repository root (``/``-separated);
    a path outside it stays as it was shown."""
    base = repository_root(project_root)
    problems = []
    for p in result.problems:
        full = Path(os.path.abspath(p.path))
        path = full.relative_to(base).as_posix() if full.is_relative_to(base) else p.path
        problems.append(replace(p, path=path))
    return replace(result, problems=problems)


def workflow_escape(value: str, prop: bool = False) -> str:
    # As actions/toolkit's command.ts escapes data and properties of workflow commands.
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def as_github(result: Checked) -> str:
    """``::error file=...,line=...,col=...,title=...::message`` per problem, then the summary."""
    lines = []
    for p in result.problems:
        props = f"file={workflow_escape(escape(p.path), True)}"
        if p.line is not None:
            props += f",line={p.line},col={p.column}"
        props += f",title={workflow_escape(p.code.id + ' ' + p.code.slug, True)}"
        lines.append(f"::error {props}::{workflow_escape(escape(p.message))}")
    return "\n".join([*lines, summary(result)]) + "\n"


def _uri(path: str) -> str:
    """A relative URI reference for a path: its bytes percent-encoded (a file name that is
    not UTF-8 keeps its bytes, as %XX)."""
    return urllib.parse.quote(os.fsencode(path), safe="/")


def _rule(code: Code) -> dict[str, Any]:
    words = code.slug.replace("-", " ")
    return {
        "id": code.id,
        "name": code.slug,
        "shortDescription": {"text": words[0].upper() + words[1:]},
        "fullDescription": {"text": f"treaty {code.id} ({code.slug})"},
        "help": {"text": f"{code.id} {code.slug}: see the error codes in treaty's README."},
        "defaultConfiguration": {"level": "error"},
    }


def _result(p: Problem, index: dict[Code, int]) -> dict[str, Any]:
    # A problem of a whole file is shown at its first line: code scanning places every
    # result at a line.
    region = {"startLine": p.line or 1}
    if p.column is not None:
        region["startColumn"] = p.column
    return {
        "ruleId": p.code.id,
        "ruleIndex": index[p.code],
        "level": "error",
        "message": {"text": escape(p.message)},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": _uri(p.path), "uriBaseId": "SRCROOT"},
                    "region": region,
                }
            }
        ],
    }


def as_sarif(result: Checked) -> str:
    """A SARIF 2.1.0 log of one run, for code-scanning dashboards."""
    codes = list(Code)
    index = {code: i for i, code in enumerate(codes)}
    run = {
        "tool": {
            "driver": {
                "name": "treaty",
                "version": __version__,
                "rules": [_rule(code) for code in codes],
            }
        },
        "columnKind": "unicodeCodePoints",
        "results": [_result(p, index) for p in result.problems],
    }
    return json_text({"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]})


FORMATS: dict[str, Callable[[Checked], str]] = {"github": as_github, "sarif": as_sarif}


def render(fmt: str, result: Checked, project_root: Path) -> str:
    """The report in format ``fmt`` (text, json, github, sarif): CI's formats name files from
    the repository root, the others as the user sees them (from the current folder)."""
    if fmt in FORMATS:
        return FORMATS[fmt](from_root(result, project_root))
    return PROBLEM_FORMATS[fmt](result)
