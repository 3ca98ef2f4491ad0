"""``treaty position add``: a new position in clause files, every other byte kept as it was."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from treaty.days import day_or_text
from treaty.edit.apply import Compose, Outcome, Refused, edit_files, text_problems
from treaty.errors import UnknownClause
from treaty.files.reading import Limits
from treaty.model import CLAUSE_ID_PATTERN, Clause
from treaty.problems import Code, Loc, problem
from treaty.project import Project, canonical, expected_id
from treaty.suggest import did_you_mean
from treaty.yaml.insert import insert_entry
from treaty.yaml.load import load_yaml
from treaty.yaml.locate import line_of, locate
from treaty.yaml.render import plain


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


def clause_files(project: Project, clause_ids: Sequence[str]) -> list[Path]:
    """The files of the clauses, each once, in the order given; ``UnknownClause`` naming the
    first that does not exist."""
    return list(dict.fromkeys(clause_file(project, i) for i in clause_ids))


@dataclass
class Added:
    """Where the position went in each file: its index and line."""

    index: dict[Path, int] = field(default_factory=dict)
    line: dict[Path, int] = field(default_factory=dict)


def add_position(
    project: Project, clause_ids: Sequence[str], new: NewPosition
) -> tuple[Outcome, Added]:
    """Add ``new`` to the positions of each clause, all or none: every file is checked with
    the position in it before any is written."""
    paths = clause_files(project, clause_ids)
    entry = new.entry()
    added = Added()
    bad = text_problems(project.display(paths[0]), entry)
    if bad:
        return Outcome(rejected=bad), added
    later = list(Clause.model_fields)[list(Clause.model_fields).index("positions") + 1 :]

    def composer(path: Path) -> Compose:
        def compose(text: str) -> str:
            positions = _positions(text)
            _refuse_repeat(project.display(path), text, positions, entry)
            index = _index(positions, new.party, entry["date"])
            added.index[path] = index
            composed = insert_entry(
                text, "positions", entry, None if index == len(positions) else index, later
            )
            added.line[path] = line_of(composed, ("positions", index))
            return composed

        return compose

    def new_part(path: Path, loc: Loc) -> Loc | None:
        index = added.index.get(canonical_of(path, paths))
        return loc[2:] if index is not None and loc[:2] == ("positions", index) else None

    outcome = edit_files(project, {p: composer(p) for p in paths}, new_part)
    return outcome, added


def canonical_of(path: Path, paths: Sequence[Path]) -> Path:
    """The path among ``paths`` that names the same file as ``path``."""
    for known in paths:
        if canonical(known) == canonical(path):
            return known
    return path


def _refuse_repeat(rel: str, text: str, positions: list[Any], entry: dict[str, Any]) -> None:
    """Refuse a position the file holds already (same party, stance, date and evidence)."""
    wanted = plain(entry)
    for i, position in enumerate(positions):
        if isinstance(position, dict) and all(
            position.get(k) == wanted[k] for k in ("party", "stance", "date", "evidence")
        ):
            msg = (
                f"already recorded: {entry['party']} {entry['stance']} of {wanted['date']} "
                "with the same evidence is here; nothing to add"
            )
            found = problem(rel, Code.ALREADY_RECORDED, msg, ("positions", i))
            raise Refused(*locate([found], text))


def _positions(text: str) -> list[Any]:
    data, _ = load_yaml(text, "(clause)", Limits())
    found = data.get("positions") if isinstance(data, dict) else None
    return found if isinstance(found, list) else []


def _index(positions: list[Any], party: str, date: dt.date | str) -> int:
    """Where the position goes: at the end, unless the party has a later one already; then
    just before it, so that each party's positions stay in date order."""
    day = date.isoformat() if isinstance(date, dt.date) else date
    for i, position in enumerate(positions):
        if (
            isinstance(position, dict)
            and position.get("party") == party
            and str(position.get("date")) > day
        ):
            return i
    return len(positions)
