"""One problem that causes others is reported once, at its root, with a count.

When a registry entry or a treaty file has problems of its own, it is left out of what the
clauses are checked against; every citation of that source, and every clause of that treaty,
would then be reported as unknown (T205, T203: "did you mean" pointing elsewhere), a dozen
lines, or a dozen CI annotations where only ten are shown, for one mistake. Instead:

- the entry or file gets one T430 problem of its own (``root``): what depends on it is not
  checked until its problems are fixed;
- each dependent gets a T430 problem saying so (``dependent``);
- when the report holds the root, ``fold`` takes the dependents out and counts them on it.
  A run of some files only (a pre-commit hook) that does not include the root keeps them.

Problems are values that the cache stores as path, place, code and message; the name of the
source or treaty is carried in the message, written and read only here.
"""

from __future__ import annotations

import re
from dataclasses import replace

from treaty.problems import Code, Loc, Problem, problem

_ROOT = '{kind} "{name}" has problems, so {what} checked against it'
_DEPENDENT = '{kind} "{name}" is not checked: {where} has problems'
_ROOT_RE = re.compile(r'^(?P<kind>source|treaty) "(?P<name>[^"]*)" has problems, so ')
_DEPENDENT_RE = re.compile(r'^(?P<kind>source|treaty) "(?P<name>[^"]*)" is not checked: ')
_WHAT = {"source": "nothing that cites it is", "treaty": "none of its clauses is"}
_WHERE = {"source": "its entry in seeds/sources.yaml", "treaty": "clauses/{name}/treaty.yaml"}


def root(shown: str, kind: str, name: str, loc: Loc) -> Problem:
    """The T430 problem of a broken registry entry (``kind`` "source") or treaty file."""
    msg = _ROOT.format(kind=kind, name=name, what=_WHAT[kind])
    return problem(shown, Code.DEPENDS_ON_INVALID, msg, loc)


def dependent(shown: str, kind: str, name: str, loc: Loc) -> Problem:
    """The T430 problem of a citation of a broken source, or a clause of a broken treaty."""
    msg = _DEPENDENT.format(kind=kind, name=name, where=_WHERE[kind].format(name=name))
    return problem(shown, Code.DEPENDS_ON_INVALID, msg, loc)


def fold(problems: list[Problem]) -> list[Problem]:
    """The problems with each dependent taken out when its root is among them, and counted
    on the root ("7 citations in 4 files"). Dependents whose root is absent stay."""
    roots: dict[tuple[str, str], int] = {}
    for i, p in enumerate(problems):
        match = _ROOT_RE.match(p.message) if p.code is Code.DEPENDS_ON_INVALID else None
        if match:
            roots[match["kind"], match["name"]] = i
    if not roots:
        return problems
    counted: dict[tuple[str, str], list[Problem]] = {}
    kept: list[Problem | None] = list(problems)
    for i, p in enumerate(problems):
        match = _DEPENDENT_RE.match(p.message) if p.code is Code.DEPENDS_ON_INVALID else None
        if match and (match["kind"], match["name"]) in roots:
            counted.setdefault((match["kind"], match["name"]), []).append(p)
            kept[i] = None
    for (kind, name), dependents in counted.items():
        at = roots[kind, name]
        kept[at] = replace(problems[at], message=problems[at].message + _count(kind, dependents))
    return [p for p in kept if p is not None]


def _count(kind: str, dependents: list[Problem]) -> str:
    n = len(dependents)
    if kind == "treaty":
        return f" ({n} clause{'' if n == 1 else 's'})"
    files = len({p.path for p in dependents})
    return f" ({n} citation{'' if n == 1 else 's'} in {files} file{'' if files == 1 else 's'})"
