"""`treaty diff`: what changed between two states of a project, in the domain's words.

A state is a project's checked files read as of a day (``View``). Two revisions are compared
read as of the same day; ``--since`` compares the same files as of two days. Only the models
are compared, never the text, so a change of layout (comments, key order, ``treaty fmt``)
makes no entry. A clause whose file has problems in one state is not compared: its file is
listed with its problems instead (``FileChange``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from treaty.model import Clause, Position, Treaty
from treaty.report.diff_parts import (
    FieldChange,
    Kind,
    PositionChange,
    SourceChange,
    TopicChange,
    TreatyChange,
    field_changes,
    position_changes,
    source_changes,
    topic_changes,
    treaty_changes,
)
from treaty.report.diff_state import Files, changed
from treaty.report.verdict import Verdict, assess, latest_positions

CLAUSE_ID_FIELDS = frozenset({"id", "treaty", "article", "paragraph"})


@dataclass(frozen=True)
class View:
    """One side of the comparison: a state's files, named, read as of a day."""

    label: str  # "working tree", "HEAD~1 (1a2b3c4)"
    revision: str | None  # the commit id; None for the working tree
    as_of: dt.date
    files: Files
    skipped: tuple[str, ...] = ()  # files of a revision that are links: not compared


@dataclass(frozen=True)
class VerdictChange:
    before: Verdict | None  # None: the clause is new
    after: Verdict | None  # None: the clause is gone
    moved_by: tuple[str, ...]  # counted parties whose latest stance changed


@dataclass(frozen=True)
class StanceMove:
    """A party's latest stance (or its basis) on a clause, before and after."""

    party: str
    before: Position | None
    after: Position | None


@dataclass
class ClauseChange:
    id: str
    treaty: str
    title: str
    path: str  # the clause's file, relative to the project root (in the later state)
    kind: Kind
    old_id: str | None = None  # for a rename
    verdict: VerdictChange | None = None
    stances: list[StanceMove] = field(default_factory=list)
    positions: list[PositionChange] = field(default_factory=list)
    fields: list[FieldChange] = field(default_factory=list)


@dataclass(frozen=True)
class FileChange:
    """A file with problems in at least one state: how many in each (None: no such file)."""

    path: str
    before: int | None
    after: int | None


@dataclass
class Changelog:
    before: View
    after: View
    treaties: list[TreatyChange] = field(default_factory=list)
    clauses: list[ClauseChange] = field(default_factory=list)
    sources: list[SourceChange] = field(default_factory=list)
    topics: list[TopicChange] = field(default_factory=list)
    files: list[FileChange] = field(default_factory=list)
    window: tuple[dt.date, dt.date] | None = None  # --since and --until, when given

    @property
    def changed(self) -> bool:
        return bool(self.treaties or self.clauses or self.sources or self.topics or self.files)

    def treaty_title(self, treaty_id: str) -> str:
        for view in (self.after, self.before):
            found = view.files.corpus.treaties.get(treaty_id)
            if found is not None:
                return found.title
        return ""


def compare(before: View, after: View, window: tuple[dt.date, dt.date] | None = None) -> Changelog:
    """Everything that differs between two views, in the order the reports show it."""
    a, b = before.files, after.files
    log = Changelog(before, after, window=window)
    log.files = _file_changes(a, b)
    log.treaties = treaty_changes(
        a.corpus.treaties, b.corpus.treaties, _invalid_treaty(a), _invalid_treaty(b)
    )
    log.topics = topic_changes(a.corpus.topics, b.corpus.topics)
    log.sources = source_changes(a.corpus, b.corpus)
    log.clauses = _clause_changes(before, after)
    return log


def _invalid_treaty(files: Files) -> set[str]:
    """Treaties whose file has problems in this state (their clauses are not compared)."""
    out = set()
    for rel in files.problems:
        parts = rel.split("/")
        if len(parts) == 3 and parts[0] == "clauses" and parts[2] == "treaty.yaml":
            out.add(parts[1])
    return out


def _file_changes(a: Files, b: Files) -> list[FileChange]:
    touched = changed(a, b)
    out = []
    for rel in sorted({*a.problems, *b.problems}):
        before, after = a.problems.get(rel, 0), b.problems.get(rel, 0)
        if before == after and rel not in touched:
            continue
        out.append(
            FileChange(rel, before if a.exists(rel) else None, after if b.exists(rel) else None)
        )
    return out


def _comparable(view: View) -> dict[str, tuple[Clause, Treaty]]:
    """The clauses of a view with their treaty (a clause of a treaty with problems is not)."""
    corpus = view.files.corpus
    return {
        i: (c, corpus.treaties[c.treaty])
        for i, c in corpus.clauses.items()
        if c.treaty in corpus.treaties
    }


def _clause_changes(before: View, after: View) -> list[ClauseChange]:
    a, b = _comparable(before), _comparable(after)
    rel = before.files.corpus.project
    out: list[ClauseChange] = []
    gone = [i for i in a if i not in b and not _unreadable(after, rel.rel(rel.clause_path(i)))]
    new = [i for i in b if i not in a and not _unreadable(before, rel.rel(rel.clause_path(i)))]
    renames = _renames(a, b, gone, new)
    for old, current in renames.items():
        gone.remove(old)
        new.remove(current)
        clause = b[current][0]
        out.append(_change(after, clause, Kind.RENAMED, old_id=old))
    for i in gone:
        change = _change(before, a[i][0], Kind.REMOVED)
        change.verdict = VerdictChange(_verdict(before, *a[i]), None, ())
        out.append(change)
    for i in new:
        change = _change(after, b[i][0], Kind.ADDED)
        change.verdict = VerdictChange(None, _verdict(after, *b[i]), ())
        change.positions = position_changes([], _visible(b[i][0], after.as_of))
        out.append(change)
    for i in sorted(a.keys() & b.keys()):
        found = _changed_clause(before, after, a[i], b[i])
        if found is not None:
            out.append(found)
    out.sort(key=lambda c: (c.treaty, _article(c.id), c.kind != Kind.REMOVED))
    return out


def _article(clause_id: str) -> tuple[int, ...]:
    return tuple(int(n) for n in clause_id.split(".")[1:])


def _unreadable(view: View, rel: str) -> bool:
    """Whether the clause's file is there but has problems (so it is not gone, nor new)."""
    return rel in view.files.problems or rel.split("/")[1] in _invalid_treaty(view.files)


def _renames(
    a: dict[str, tuple[Clause, Treaty]],
    b: dict[str, tuple[Clause, Treaty]],
    gone: list[str],
    new: list[str],
) -> dict[str, str]:
    """Removed clauses whose content reappears, the same, under a new id. Related ids count
    as the same when they name clauses renamed so (a treaty renamed renames all its clauses,
    and their related ids with them): found in passes until a pass finds no more."""
    out: dict[str, str] = {}
    while True:
        by_content: dict[str, list[str]] = {}
        for i in new:
            if i not in out.values():
                by_content.setdefault(_content(b[i][0], {}), []).append(i)
        found = {}
        for i in gone:
            same = by_content.get(_content(a[i][0], out)) if i not in out else None
            if same:
                found[i] = same.pop(0)
        if not found:
            return out
        out.update(found)


def _content(clause: Clause, renamed: dict[str, str]) -> str:
    """A clause's content without its id, with related ids as ``renamed`` calls them now."""
    related = [renamed.get(r, r) for r in clause.related]
    return clause.model_copy(update={"related": related}).model_dump_json(
        exclude=set(CLAUSE_ID_FIELDS)
    )


def _change(view: View, clause: Clause, kind: Kind, old_id: str | None = None) -> ClauseChange:
    project = view.files.corpus.project
    path = project.rel(project.clause_path(clause.id))
    return ClauseChange(clause.id, clause.treaty, clause.title, path, kind, old_id)


def _visible(clause: Clause, as_of: dt.date) -> list[Position]:
    return [p for p in clause.positions if p.date <= as_of]


def _verdict(view: View, clause: Clause, treaty: Treaty) -> Verdict:
    return assess(clause, treaty, view.as_of).verdict


def _changed_clause(
    before: View, after: View, a: tuple[Clause, Treaty], b: tuple[Clause, Treaty]
) -> ClauseChange | None:
    (old, old_treaty), (new, new_treaty) = a, b
    if old is new and old_treaty == new_treaty and before.as_of == after.as_of:
        return None  # the same model, read the same way (most clauses of a small change)
    stances = []
    was, now = latest_positions(old, before.as_of), latest_positions(new, after.as_of)
    order = [p.id for p in new_treaty.parties] + [p.id for p in old_treaty.parties]
    for party in sorted(was.keys() | now.keys(), key=order.index):
        p, q = was.get(party), now.get(party)
        if (p and (p.stance, p.basis)) != (q and (q.stance, q.basis)):
            stances.append(StanceMove(party, p, q))
    v_before = assess(old, old_treaty, before.as_of)
    v_after = assess(new, new_treaty, after.as_of)
    verdict = None
    if v_before.verdict is not v_after.verdict:
        moved = tuple(s.party for s in stances if s.party in v_after.counted)
        verdict = VerdictChange(v_before.verdict, v_after.verdict, moved)
    positions = position_changes(_visible(old, before.as_of), _visible(new, after.as_of))
    fields = field_changes(old, new)
    if not (verdict or stances or positions or fields):
        return None
    change = _change(after, new, Kind.CHANGED)
    change.verdict, change.stances, change.positions, change.fields = (
        verdict,
        stances,
        positions,
        fields,
    )
    return change
