"""A changelog as text for the terminal, JSON for scripts, and notices for GitHub Actions."""

from __future__ import annotations

from typing import Any

from treaty.model import Basis, Position
from treaty.report import diff_words as words
from treaty.report.ci import workflow_escape
from treaty.report.diff import Changelog, ClauseChange, View
from treaty.report.diff_parts import FieldChange, Kind, PositionChange
from treaty.report.tables import count, wrap
from treaty.safe_text import escape, json_text

JSON_VERSION = 1
WIDTH = 80  # when the output is not a terminal


def heading(log: Changelog) -> str:
    """What is compared with what: two states as of a day, or one state between two days."""
    if log.window is not None:
        since, until = log.window
        return (
            f"{log.after.label}: positions dated {since.isoformat()} to {until.isoformat()}, "
            f"and verdicts as of {log.before.as_of.isoformat()} {words.ARROW} "
            f"{until.isoformat()}"
        )
    return (
        f"{log.before.label} {words.ARROW} {log.after.label}, as of {log.after.as_of.isoformat()}"
    )


def summary(log: Changelog) -> str:
    """The closing line: how many of each kind of change."""
    if not log.changed:
        return "no changes"
    parts = []
    if log.treaties:
        parts.append(count(len(log.treaties), "treaty", "treaties"))
    if log.clauses:
        kinds = [c.kind for c in log.clauses]
        each = ", ".join(f"{kinds.count(k)} {k.value}" for k in Kind if k in kinds)
        parts.append(f"{count(len(log.clauses), 'clause')} ({each})")
    verdicts = sum(1 for c in log.clauses if c.verdict and c.kind is Kind.CHANGED)
    if verdicts:
        parts.append(f"{count(verdicts, 'verdict')} changed")
    moves = sum(len(c.stances) for c in log.clauses)
    if moves:
        parts.append(f"{count(moves, 'stance')} moved")
    added = sum(1 for c in log.clauses for p in c.positions if p.kind.value == "added")
    if added:
        parts.append(f"{count(added, 'new position')}")
    for items, noun in ((log.sources, "source"), (log.topics, "topic")):
        if items:
            parts.append(count(len(items), noun))
    if log.files:
        parts.append(count(len(log.files), "file") + " with problems")
    return ", ".join(parts)


def has_inferred(log: Changelog) -> bool:
    for c in log.clauses:
        ps: list[Position | None] = [m.before for m in c.stances] + [m.after for m in c.stances]
        ps += [p.position for p in c.positions]
        if any(p is not None and p.basis is Basis.INFERRED for p in ps):
            return True
    return False


def treaty_ids(log: Changelog) -> list[str]:
    """The treaties the changelog has entries for, in order."""
    return sorted({*(t.id for t in log.treaties), *(c.treaty for c in log.clauses)})


def as_text(log: Changelog, width: int | None) -> str:
    w = width or WIDTH
    out = [wrap(escape(heading(log)), w), ""]
    for tid in treaty_ids(log):
        out.append(wrap(escape(f"{tid}: {log.treaty_title(tid)}"), w))
        for t in (t for t in log.treaties if t.id == tid):
            out.append(wrap(escape(f"treaty {words.kind(t)}"), w, "    ", "  "))
            out += [wrap(escape(line), w, "      ", "    ") for line in words.treaty_lines(t)]
        for c in (c for c in log.clauses if c.treaty == tid):
            out.append(wrap(escape(f"{c.id} ({words.kind(c)}): {c.title}"), w, "    ", "  "))
            out += [wrap(escape(line), w, "      ", "    ") for line in words.clause_lines(c)]
        out.append("")
    for title, lines in sections(log):
        out.append(title)
        out += [wrap(escape(line), w, "    ", "  ") for line in lines]
        out.append("")
    if has_inferred(log):
        out.append(words.LEGEND)
    out.append(summary(log))
    return "\n".join(out) + "\n"


def sections(log: Changelog) -> list[tuple[str, list[str]]]:
    """The sections after the treaties': sources, topics, files with problems, files skipped."""
    sections = []
    if log.sources:
        sections.append(("sources", [words.source_line(s) for s in log.sources]))
    if log.topics:
        sections.append(("topics", [words.topic_line(t) for t in log.topics]))
    if log.files:
        a, b = log.before.label, log.after.label
        sections.append(("files with problems", [words.file_line(f, a, b) for f in log.files]))
    skipped = [f"{p} in {v.label}" for v in (log.before, log.after) for p in v.skipped]
    if skipped:
        sections.append(("not compared (links or submodules, not files)", skipped))
    return sections


# JSON


def _view(view: View) -> dict[str, Any]:
    return {
        "label": view.label,
        "revision": view.revision,
        "as_of": view.as_of.isoformat(),
        "skipped": list(view.skipped),
    }


def _position(p: Position | None) -> dict[str, Any] | None:
    if p is None:
        return None
    return {
        "party": p.party,
        "stance": p.stance.value,
        "date": p.date.isoformat(),
        "basis": p.basis.value,
        "evidence": [{"source": q.source, "quote": q.quote} for q in p.evidence],
        "conditions": list(p.conditions or []),
    }


def _field(f: FieldChange) -> dict[str, Any]:
    return {"field": f.name, "from": f.before, "to": f.after}


def _position_change(c: PositionChange) -> dict[str, Any]:
    return {
        "change": c.kind.value,
        "step": c.step if c.kind.value == "added" else None,
        "from": _position(c.before),
        "to": _position(c.after),
    }


def _clause(c: ClauseChange) -> dict[str, Any]:
    v = c.verdict
    return {
        "id": c.id,
        "treaty": c.treaty,
        "title": c.title,
        "path": c.path,
        "change": c.kind.value,
        "from_id": c.old_id,
        "verdict": None
        if v is None
        else {
            "from": v.before.value if v.before else None,
            "to": v.after.value if v.after else None,
            "moved_by": list(v.moved_by),
        },
        "stances": [
            {"party": m.party, "from": _stance(m.before), "to": _stance(m.after)} for m in c.stances
        ],
        "positions": [_position_change(p) for p in c.positions],
        "fields": [_field(f) for f in c.fields],
    }


def _stance(p: Position | None) -> dict[str, str] | None:
    if p is None:
        return None
    return {"stance": p.stance.value, "basis": p.basis.value, "date": p.date.isoformat()}


def as_json(log: Changelog) -> str:
    doc = {
        "version": JSON_VERSION,
        "from": _view(log.before),
        "to": _view(log.after),
        "window": None
        if log.window is None
        else {"since": log.window[0].isoformat(), "until": log.window[1].isoformat()},
        "changed": log.changed,
        "treaties": [
            {
                "id": t.id,
                "title": t.title,
                "change": t.kind.value,
                "from_id": t.old_id,
                "fields": [_field(f) for f in t.fields],
            }
            for t in log.treaties
        ],
        "clauses": [_clause(c) for c in log.clauses],
        "sources": [
            {
                "id": s.id,
                "change": s.kind.value,
                "from_id": s.old_id,
                "fields": [_field(f) for f in s.fields],
                "clauses": s.clauses,
            }
            for s in log.sources
        ],
        "topics": [
            {"id": t.id, "change": t.kind.value, "from": t.before, "to": t.after}
            for t in log.topics
        ],
        "files": [{"path": f.path, "from": f.before, "to": f.after} for f in log.files],
    }
    return json_text(doc)


# GitHub workflow commands


def as_github(log: Changelog, prefix: str) -> str:
    """A notice on each changed clause's file (``prefix``: the project's folder in the
    repository), a warning on each file with problems in the later state, and the summary."""
    lines = []
    for c in log.clauses:
        title = f"{c.id} {words.kind(c)}"
        body = "\n".join([c.title, *words.clause_lines(c)])
        lines.append(_command("notice", prefix + c.path, title, body))
    for s in log.sources:
        lines.append(
            _command(
                "notice", prefix + "seeds/sources.yaml", f"source {s.id}", words.source_line(s)
            )
        )
    for t in log.treaties:
        body = "\n".join([f"treaty {words.kind(t)}", *words.treaty_lines(t)])
        lines.append(
            _command("notice", f"{prefix}clauses/{t.id}/treaty.yaml", f"treaty {t.id}", body)
        )
    for f in log.files:
        if f.after:
            text = words.file_line(f, log.before.label, log.after.label)
            lines.append(_command("warning", prefix + f.path, "treaty validate", text))
    return "\n".join([*lines, summary(log)]) + "\n"


def _command(level: str, path: str, title: str, message: str) -> str:
    props = (
        f"file={workflow_escape(escape(path), True)},title={workflow_escape(escape(title), True)}"
    )
    return f"::{level} {props}::{workflow_escape(escape(message, multiline=True))}"
