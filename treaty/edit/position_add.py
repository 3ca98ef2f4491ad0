"""``treaty position add``: a new position in a clause file, every other byte kept as it was."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from treaty.days import day_or_text
from treaty.edit.apply import Outcome, edit_file
from treaty.errors import UnknownClause
from treaty.files.reading import Limits
from treaty.model import CLAUSE_ID_PATTERN, Clause
from treaty.problems import Loc
from treaty.project import Project, expected_id
from treaty.suggest import did_you_mean
from treaty.yaml.insert import insert_entry
from treaty.yaml.load import load_yaml


@dataclass(frozen=True)
class NewPosition:
    """A position as given on the command line."""

    party: str
    stance: str
    date: str
    evidence: list[tuple[str, str]]  # (source id, quote)
    basis: str  # never assumed: explicit is the stronger claim
    rationale: str | None = None
    conditions: list[str] = field(default_factory=list)
    speakers: list[str | None] = field(default_factory=list)  # one per quote, or none at all

    def entry(self) -> dict[str, Any]:
        """The position's fields, in the order of the model (and of the files)."""
        entry: dict[str, Any] = {
            "party": self.party,
            "stance": self.stance,
            "date": day_or_text(self.date),
            "basis": self.basis,
            "evidence": [self._evidence(i, s, q) for i, (s, q) in enumerate(self.evidence)],
        }
        if self.rationale is not None:
            entry["rationale"] = self.rationale
        if self.conditions:
            entry["conditions"] = list(self.conditions)
        return entry

    def _evidence(self, i: int, source: str, quote: str) -> dict[str, str]:
        item = {"source": source, "quote": quote}
        speaker = self.speakers[i] if i < len(self.speakers) else None
        if speaker is not None:
            item["speaker"] = speaker
        return item


def clause_file(project: Project, clause_id: str) -> Path:
    """The file of an existing clause, or ``UnknownClause``."""
    if re.match(CLAUSE_ID_PATTERN, clause_id):
        path = project.clause_path(clause_id)
        if path.exists() or path.is_symlink():  # the edit says what is wrong with it, if anything
            return path
    known = [i for i in (expected_id(p, project.clauses_dir) for p in project.clause_files()) if i]
    raise UnknownClause(f'no clause "{clause_id}"{did_you_mean(clause_id, known)}')


def add_position(project: Project, clause_id: str, new: NewPosition) -> tuple[Outcome, int]:
    """Add ``new`` to the clause's positions; (outcome, the index it has or would have had)."""
    path = clause_file(project, clause_id)
    entry = new.entry()
    where = [0]

    def compose(text: str) -> str:
        where[0] = _index(text, new.party, entry["date"])
        index = None if where[0] == _count(text) else where[0]
        later = list(Clause.model_fields)[list(Clause.model_fields).index("positions") + 1 :]
        return insert_entry(text, "positions", entry, index, later)

    def new_part(loc: Loc) -> Loc | None:
        return loc[2:] if loc[:2] == ("positions", where[0]) else None

    return edit_file(project, path, compose, new_part), where[0]


def _positions(text: str) -> list[Any]:
    data, _ = load_yaml(text, "(clause)", Limits())
    found = data.get("positions") if isinstance(data, dict) else None
    return found if isinstance(found, list) else []


def _count(text: str) -> int:
    return len(_positions(text))


def _index(text: str, party: str, date: dt.date | str) -> int:
    """Where the position goes: at the end, unless the party has a later one already; then
    just before it, so that each party's positions stay in date order."""
    day = date.isoformat() if isinstance(date, dt.date) else date
    positions = _positions(text)
    for i, position in enumerate(positions):
        if (
            isinstance(position, dict)
            and position.get("party") == party
            and str(position.get("date")) > day
        ):
            return i
    return len(positions)
