"""The parts of a changelog below the clause: positions, fields, treaties, sources, topics."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from pydantic import BaseModel

from treaty.check.results import Corpus
from treaty.model import Position, Quote, Stance, Treaty
from treaty.registry import Source

Value = str | list[str] | None


class Kind(StrEnum):
    """What happened to a clause, treaty, source or topic between the two states."""

    ADDED = "added"
    REMOVED = "removed"
    RENAMED = "renamed"  # a new id, the same content
    CHANGED = "changed"


@dataclass(frozen=True)
class FieldChange:
    """A field of a clause, treaty or source that differs: its value in each state (lists of
    quotes as ``source: quote``)."""

    name: str
    before: Value
    after: Value

    @property
    def added(self) -> list[str]:
        return _minus(self.after, self.before)

    @property
    def removed(self) -> list[str]:
        return _minus(self.before, self.after)


def _minus(a: Value, b: Value) -> list[str]:
    if not isinstance(a, list):
        return []
    others = b if isinstance(b, list) else []
    return [x for x in a if x not in others]


class PositionKind(StrEnum):
    ADDED = "added"
    WITHDRAWN = "withdrawn"
    CHANGED = "changed"  # the same party and day; its stance, basis, evidence or words differ


@dataclass(frozen=True)
class PositionChange:
    kind: PositionKind
    before: Position | None
    after: Position | None
    # For a new position: the party's stance on the clause before it (None: its first).
    was: Stance | None = None

    @property
    def step(self) -> str:
        """What a new position did, as ``treaty timeline`` says: stated, moved, restated."""
        if self.was is None:
            return "stated"
        return "restated" if self.was is self.position.stance else "moved"

    @property
    def position(self) -> Position:
        found = self.after or self.before
        assert found is not None  # a change has one side at least
        return found

    @property
    def evidence_added(self) -> list[Quote]:
        return _quotes_minus(self.after, self.before)

    @property
    def evidence_dropped(self) -> list[Quote]:
        return _quotes_minus(self.before, self.after)

    @property
    def conditions_added(self) -> list[str]:
        return _minus(_conditions(self.after), _conditions(self.before))

    @property
    def conditions_dropped(self) -> list[str]:
        return _minus(_conditions(self.before), _conditions(self.after))


def _quotes_minus(a: Position | None, b: Position | None) -> list[Quote]:
    if a is None or b is None:
        return []
    return [q for q in a.evidence if q not in b.evidence]


def _conditions(p: Position | None) -> list[str]:
    return list(p.conditions or []) if p is not None else []


def position_changes(before: Sequence[Position], after: Sequence[Position]) -> list[PositionChange]:
    """Positions added, withdrawn or changed. The same position in both states is no change;
    otherwise positions of one party and day are paired (the same stance first)."""
    a, b = list(before), list(after)
    for p in list(a):
        if p in b:
            a.remove(p)
            b.remove(p)
    out = []
    for same in (_same_stance, _same_day):
        for p in list(a):
            q = next((q for q in b if same(p, q)), None)
            if q is not None:
                a.remove(p)
                b.remove(q)
                out.append(PositionChange(PositionKind.CHANGED, p, q))
    out += [PositionChange(PositionKind.ADDED, None, q, _before(after, q)) for q in b]
    out += [PositionChange(PositionKind.WITHDRAWN, p, None) for p in a]
    return sorted(out, key=lambda c: (c.position.date, c.position.party, c.kind.value))


def _before(positions: Sequence[Position], position: Position) -> Stance | None:
    """The party's stance before ``position``: its latest earlier one (file order on a day)."""
    was = None
    for p in positions:
        if p is position:
            return was
        if p.party == position.party and p.date <= position.date:
            was = p.stance
    return was


def _same_stance(p: Position, q: Position) -> bool:
    return (p.party, p.date, p.stance) == (q.party, q.date, q.stance)


def _same_day(p: Position, q: Position) -> bool:
    return (p.party, p.date) == (q.party, q.date)


def _value(value: Any) -> Value:
    """A field's value as a changelog shows it."""
    if value is None:
        return None
    if isinstance(value, list):
        return [f"{v.source}: {v.quote}" if isinstance(v, Quote) else _plain(v) for v in value]
    return _plain(value)


def _plain(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, BaseModel):  # a party
        return ": ".join(str(v) for v in value.model_dump().values())
    return str(value)


def field_changes(a: BaseModel, b: BaseModel, skip: Iterable[str] = ()) -> list[FieldChange]:
    """The fields of two models of one kind that differ (positions and ids are compared
    elsewhere)."""
    left_out = {"id", "treaty", "article", "paragraph", "positions", *skip}
    out = []
    for name in type(a).model_fields:
        if name in left_out:
            continue
        x, y = getattr(a, name), getattr(b, name)
        if x != y:
            out.append(FieldChange(name, _value(x), _value(y)))
    return out


@dataclass
class TreatyChange:
    id: str
    title: str
    kind: Kind
    old_id: str | None = None
    fields: list[FieldChange] = field(default_factory=list)


def _renamed(
    gone: list[str], new: list[str], a: dict[str, Any], b: dict[str, Any]
) -> dict[str, str]:
    """Ids that went away whose content came back, the same, under a new id."""
    out: dict[str, str] = {}
    for i in gone:
        same = [j for j in new if j not in out.values() and _same_but_id(a[i], b[j])]
        if same:
            out[i] = same[0]
    return out


def _same_but_id(x: Any, y: Any) -> bool:
    if isinstance(x, BaseModel):
        return bool(x.model_dump(exclude={"id"}) == y.model_dump(exclude={"id"}))
    return bool(x == y)


def treaty_changes(
    a: dict[str, Treaty], b: dict[str, Treaty], invalid_a: set[str], invalid_b: set[str]
) -> list[TreatyChange]:
    """Treaties added, removed, renamed or changed (one with problems in a state: neither)."""
    gone = sorted(i for i in a if i not in b and i not in invalid_b)
    new = sorted(i for i in b if i not in a and i not in invalid_a)
    renames = _renamed(gone, new, a, b)
    out = [TreatyChange(j, b[j].title, Kind.RENAMED, i) for i, j in renames.items()]
    out += [TreatyChange(i, a[i].title, Kind.REMOVED) for i in gone if i not in renames]
    out += [TreatyChange(j, b[j].title, Kind.ADDED) for j in new if j not in renames.values()]
    for i in sorted(a.keys() & b.keys()):
        fields = field_changes(a[i], b[i])
        if fields:
            out.append(TreatyChange(i, b[i].title, Kind.CHANGED, fields=fields))
    return sorted(out, key=lambda t: t.id)


@dataclass
class SourceChange:
    id: str
    kind: Kind
    old_id: str | None = None
    fields: list[FieldChange] = field(default_factory=list)
    clauses: list[str] = field(default_factory=list)  # clauses quoting it, in either state


def source_changes(a: Corpus, b: Corpus) -> list[SourceChange]:
    """Sources added, removed, renamed or changed (a new sha256: the text itself changed),
    with the clauses whose quotes cite them."""
    x: dict[str, Source] = a.sources.by_id
    y: dict[str, Source] = b.sources.by_id
    gone = sorted(i for i in x if i not in y)
    new = sorted(i for i in y if i not in x)
    renames = _renamed(gone, new, x, y)
    out = [SourceChange(j, Kind.RENAMED, i) for i, j in renames.items()]
    out += [SourceChange(i, Kind.REMOVED) for i in gone if i not in renames]
    out += [SourceChange(j, Kind.ADDED) for j in new if j not in renames.values()]
    for i in sorted(x.keys() & y.keys()):
        fields = field_changes(x[i], y[i])
        if fields:
            out.append(SourceChange(i, Kind.CHANGED, fields=fields))
    for change in out:
        ids = {change.id, change.old_id or change.id}
        change.clauses = sorted(_citing(a, ids) | _citing(b, ids))
    return sorted(out, key=lambda s: s.id)


def _citing(corpus: Corpus, sources: set[str]) -> set[str]:
    out = set()
    for clause in corpus.clauses.values():
        quotes = [*clause.reported_in, *(q for p in clause.positions for q in p.evidence)]
        if any(q.source in sources for q in quotes):
            out.add(clause.id)
    return out


@dataclass(frozen=True)
class TopicChange:
    id: str
    kind: Kind
    before: str | None
    after: str | None


def topic_changes(a: dict[str, str], b: dict[str, str]) -> list[TopicChange]:
    """Topics of the vocabulary added, removed, or described anew."""
    out = []
    for slug in sorted(a.keys() | b.keys()):
        x, y = a.get(slug), b.get(slug)
        if x != y:
            kind = Kind.ADDED if x is None else Kind.REMOVED if y is None else Kind.CHANGED
            out.append(TopicChange(slug, kind, x, y))
    return out
