"""A changelog's entries in words: the phrases every format of ``treaty diff`` is made of.

Phrases are plain text taken partly from files: each format escapes them as it prints them."""

from __future__ import annotations

from treaty.model import Basis, Position
from treaty.report.diff import ClauseChange, FileChange, StanceMove, VerdictChange
from treaty.report.diff_parts import (
    FieldChange,
    Kind,
    PositionChange,
    PositionKind,
    SourceChange,
    TopicChange,
    TreatyChange,
)
from treaty.report.tables import count
from treaty.safe_text import shorten

INFERRED = "*"
NONE = "-"
ARROW = "→"
LEGEND = f"{INFERRED} inferred: the evidence does not name the provision"
# Fields whose values are long prose: said to have changed, not quoted.
PROSE = frozenset({"text", "notes", "rationale"})


def stance(p: Position | None) -> str:
    """``never-agree``, ``may-explore*`` (inferred), or ``-`` for no position."""
    if p is None:
        return NONE
    return p.stance.value + (INFERRED if p.basis is Basis.INFERRED else "")


def verdict(v: VerdictChange) -> str:
    before = v.before.value if v.before else "(none)"
    after = v.after.value if v.after else "(none)"
    moved = f" (moved by {', '.join(v.moved_by)})" if v.moved_by else ""
    return f"verdict: {before} {ARROW} {after}{moved}"


def stance_move(m: StanceMove) -> str:
    text = f"{m.party}: {stance(m.before)} {ARROW} {stance(m.after)}"
    if m.before and m.after and m.before.stance is m.after.stance:
        text += f" (basis {m.before.basis.value} {ARROW} {m.after.basis.value})"
    return text


def _sources(p: Position) -> str:
    """The evidence's sources, each once, and the conditions attached."""
    text = ", ".join(dict.fromkeys(q.source for q in p.evidence))
    return text + (f"; conditions: {', '.join(p.conditions)}" if p.conditions else "")


def _quote(source: str, quote: str) -> str:
    return f'{source}: "{shorten(quote)}"'


def position(c: PositionChange) -> str:
    p = c.position
    head = f"{p.party} {stance(p)} of {p.date.isoformat()}"
    if c.kind is PositionKind.ADDED:
        was = f" from {c.was.value}" if c.was is not None and c.step == "moved" else ""
        return f"new position: {head}, {c.step}{was} ({_sources(p)})"
    if c.kind is PositionKind.WITHDRAWN:
        return f"withdrawn position: {head} ({_sources(p)})"
    assert c.before is not None and c.after is not None
    a, b = c.before, c.after
    what = []
    if a.stance is not b.stance:
        what.append(f"stance {a.stance.value} {ARROW} {b.stance.value}")
    if a.basis is not b.basis:
        what.append(f"basis {a.basis.value} {ARROW} {b.basis.value}")
    what += [f"new evidence {_quote(q.source, q.quote)}" for q in c.evidence_added]
    what += [f"dropped evidence {_quote(q.source, q.quote)}" for q in c.evidence_dropped]
    what += [f"new condition {x}" for x in c.conditions_added]
    what += [f"dropped condition {x}" for x in c.conditions_dropped]
    if a.rationale != b.rationale:
        what.append("rationale reworded")
    return f"changed position: {head}: {'; '.join(what)}"


def field(f: FieldChange) -> str:
    label = f.name.replace("_", " ")
    if f.name in PROSE:
        return (
            f"{label} reworded"
            if f.before and f.after
            else f"{label} {'added' if f.after else 'removed'}"
        )
    if isinstance(f.before, list) or isinstance(f.after, list):
        parts = [f"+{shorten(x)}" for x in f.added] + [f"-{shorten(x)}" for x in f.removed]
        return f"{label}: {', '.join(parts) or 'reordered'}"
    before = f'"{shorten(f.before)}"' if f.before is not None else "(none)"
    after = f'"{shorten(f.after)}"' if f.after is not None else "(none)"
    return f"{label}: {before} {ARROW} {after}"


def kind(change: ClauseChange | TreatyChange | SourceChange) -> str:
    if change.kind is Kind.RENAMED:
        return f"renamed from {change.old_id}"
    return change.kind.value


def clause_lines(c: ClauseChange) -> list[str]:
    """The details of a clause's entry, one phrase each."""
    lines = []
    if c.verdict is not None and c.kind is Kind.CHANGED:
        lines.append(verdict(c.verdict))
    elif c.verdict is not None:
        shown = c.verdict.after or c.verdict.before
        lines.append(f"verdict: {shown.value if shown else NONE}")
    lines += [stance_move(m) for m in c.stances]
    lines += [position(p) for p in c.positions]
    lines += [field(f) for f in c.fields]
    return lines


def treaty_lines(t: TreatyChange) -> list[str]:
    return [field(f) for f in t.fields]


def source_line(s: SourceChange) -> str:
    what = [kind(s)]
    for f in s.fields:
        what.append("its text changed (sha256)" if f.name == "sha256" else field(f))
    quoted = f"; quoted by {', '.join(s.clauses)}" if s.clauses else "; quoted by no clause"
    return f"{s.id}: {'; '.join(what)}{quoted}"


def topic_line(t: TopicChange) -> str:
    if t.kind is Kind.CHANGED:
        return f"{t.id}: described anew"
    return f"{t.id}: {t.kind.value}"


def problems(n: int | None) -> str:
    if n is None:
        return "no such file"
    return count(n, "problem") if n else "no problems"


def file_line(f: FileChange, before: str, after: str) -> str:
    return f"{f.path}: {problems(f.before)} in {before}, {problems(f.after)} in {after}"
