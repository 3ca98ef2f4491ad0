"""How the cache is written down: JSON for entries, the context and problems, and the
checks that turn a damaged file into ``Corrupt`` rather than into wrong results."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from treaty.check.results import ClauseResult, Window, window
from treaty.errors import TreatyError
from treaty.files.fingerprint import Fingerprint, Status
from treaty.problems import Code, Problem

_CODES = {code.id: code for code in Code}


class Corrupt(TreatyError):
    """The cache file is not what this version writes; it is ignored."""


@dataclass
class CachedContext:
    """The project-wide files' results and the fingerprints they were computed from."""

    key: str  # identifies the bytes of every input
    inputs: dict[str, Fingerprint]
    treaties: list[str]  # the treaty files there were (relative paths)
    problems: list[Problem]  # paths relative to the root
    window: Window  # the days its problems hold (see ``outcome.window``)
    files_checked: int


@dataclass
class Snapshot:
    """A cache's content. ``files`` stays raw JSON until a run looks an entry up."""

    context: CachedContext
    files: dict[str, Any]


# --- entries: [sha256, status, clause_id, clean, related, window, problems] ---------------


def entry_to_json(result: ClauseResult, fingerprint: Fingerprint, today: str) -> list[Any]:
    """A clause file's cache entry, for a result computed ``today``."""
    return [
        fingerprint.sha256,
        list(fingerprint.status) if fingerprint.status else None,
        result.clause_id,
        result.clean,
        [[i, exists] for i, exists in result.related],
        list(window(result.dates, today)),
        [[p.line, p.column, p.code.id, p.message] for p in result.problems],
    ]


def entry_fingerprint(entry: Any) -> Fingerprint:
    """The fingerprint an entry was computed from."""
    if not isinstance(entry, list) or len(entry) != 7:
        raise Corrupt("entry")
    return _fingerprint(entry[0], entry[1])


def problems_of(rel: str, rows: Any) -> tuple[Problem, ...]:
    """The problems stored in an entry of file ``rel``."""
    return tuple(problem_from_json([rel, *row]) for row in read_list(rows))


def with_fingerprint(entry: list[Any], fingerprint: Fingerprint) -> list[Any]:
    """The entry with a fresher fingerprint of the same bytes."""
    status = list(fingerprint.status) if fingerprint.status else None
    return [fingerprint.sha256, status, *entry[2:]]


# --- the context --------------------------------------------------------------------------


def context_to_json(ctx: CachedContext) -> dict[str, Any]:
    return {
        "key": ctx.key,
        "inputs": {
            rel: [fp.sha256, list(fp.status) if fp.status else None]
            for rel, fp in ctx.inputs.items()
        },
        "treaties": ctx.treaties,
        "problems": [problem_to_json(p) for p in ctx.problems],
        "window": list(ctx.window),
        "files_checked": ctx.files_checked,
    }


def context_from_json(raw: Any) -> CachedContext:
    raw = read_dict(raw)
    checked = raw["files_checked"]
    if not isinstance(checked, int):
        raise Corrupt("files_checked")
    return CachedContext(
        key=read_str(raw["key"]),
        inputs={
            read_str(rel): _fingerprint(*_pair(v)) for rel, v in read_dict(raw["inputs"]).items()
        },
        treaties=[read_str(t) for t in read_list(raw["treaties"])],
        problems=[problem_from_json(row) for row in read_list(raw["problems"])],
        window=read_window(raw["window"]),
        files_checked=checked,
    )


def _fingerprint(sha: Any, status: Any) -> Fingerprint:
    if status is None:
        return Fingerprint(read_str(sha), None)
    values = read_list(status)
    if len(values) != 4 or not all(type(v) is int for v in values):
        raise Corrupt("status")
    found: Status = (values[0], values[1], values[2], values[3])
    return Fingerprint(read_str(sha), found)


def problem_to_json(p: Problem) -> list[Any]:
    return [p.path, p.line, p.column, p.code.id, p.message]


def problem_from_json(row: Any) -> Problem:
    path, line, column, code, message = read_list(row)
    for n in (line, column):
        if not (n is None or type(n) is int):
            raise Corrupt("problem")
    if code not in _CODES:
        raise Corrupt("code")
    return Problem(read_str(path), line, column, _CODES[code], read_str(message))


def read_window(value: Any) -> Window:
    since, until = read_list(value)
    if not all(d is None or type(d) is str for d in (since, until)):
        raise Corrupt("window")
    return since, until


def _pair(value: Any) -> tuple[Any, Any]:
    sha, status = read_list(value)
    return sha, status


def read_str(value: Any) -> str:
    if not isinstance(value, str):
        raise Corrupt("text")
    return value


def read_list(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise Corrupt("list")
    return value


def read_dict(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise Corrupt("mapping")
    return value
