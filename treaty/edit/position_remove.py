"""``treaty position remove``: take one position out of a clause file, every other byte kept.

The position is named by what a person knows of it (party, day, and if need be its stance or
a source it cites), never by its index. No match, or more than one, refuses the edit and
lists what is there. Removing the position ``position add`` added gives back the file as it
was before, byte for byte.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from treaty.days import day_or_text
from treaty.edit.apply import Outcome, Refused, edit_files
from treaty.edit.position_add import clause_file
from treaty.files.reading import Limits
from treaty.problems import Code, Problem, problem
from treaty.project import Project
from treaty.safe_text import shorten
from treaty.yaml.load import load_yaml
from treaty.yaml.locate import line_of, locate
from treaty.yaml.remove import remove_entry


@dataclass(frozen=True)
class Match:
    """Which position to remove: a party's on a day, and optionally its stance or a source."""

    party: str
    date: str
    stance: str | None = None
    source: str | None = None

    def fits(self, position: Any) -> bool:
        if not isinstance(position, dict):
            return False
        day = day_or_text(self.date)
        sources = [q.get("source") for q in position.get("evidence") or [] if isinstance(q, dict)]
        return (
            position.get("party") == self.party
            and str(position.get("date")) == str(day)
            and (self.stance is None or position.get("stance") == self.stance)
            and (self.source is None or self.source in sources)
        )

    def described(self) -> str:
        words = f"of {self.party} on {self.date}"
        if self.stance:
            words += f" with stance {self.stance}"
        if self.source:
            words += f' citing "{self.source}"'
        return words


@dataclass
class Removed:
    """What was removed, and from which line."""

    summary: str = ""
    line: int = 0
    path: Path | None = None


def remove_position(project: Project, clause_id: str, match: Match) -> tuple[Outcome, Removed]:
    """Remove the one position of the clause that ``match`` fits."""
    path = clause_file(project, clause_id)
    removed = Removed(path=path)
    rel = project.display(path)

    def compose(text: str) -> str:
        data, _ = load_yaml(text, "(clause)", Limits())
        found = data.get("positions") if isinstance(data, dict) else None
        positions = found if isinstance(found, list) else []
        hits = [i for i, p in enumerate(positions) if match.fits(p)]
        if not hits:
            raise Refused(_no_match(rel, text, positions, match))
        if len(hits) > 1:
            raise Refused(*_ambiguous(rel, text, positions, hits, match))
        i = hits[0]
        removed.summary = _summary(positions[i])
        removed.line = line_of(text, ("positions", i))
        return remove_entry(text, "positions", i)

    outcome = edit_files(project, {path: compose}, lambda _, __: None)
    return outcome, removed


def _summary(position: Any) -> str:
    return f"{position.get('party')} {position.get('stance')} of {position.get('date')}"


def _evidence(position: dict[str, Any]) -> str:
    quotes = [q for q in position.get("evidence") or [] if isinstance(q, dict)]
    if not quotes:
        return ""
    first = quotes[0]
    more = f" and {len(quotes) - 1} more" if len(quotes) > 1 else ""
    return f' ({first.get("source")}: "{shorten(str(first.get("quote")), 40)}"{more})'


def _no_match(rel: str, text: str, positions: list[Any], match: Match) -> Problem:
    same_party = [
        (i, p)
        for i, p in enumerate(positions)
        if isinstance(p, dict) and p.get("party") == match.party
    ]
    if same_party:
        listed = "; ".join(
            f"{p.get('stance')} of {p.get('date')} (line {line_of(text, ('positions', i))})"
            for i, p in same_party
        )
        there = f"{match.party}'s positions here: {listed}"
    else:
        parties = sorted({str(p.get("party")) for p in positions if isinstance(p, dict)})
        there = f"positions here are of {', '.join(parties)}" if parties else "it has none"
    msg = f"no position {match.described()} in this clause; {there}"
    return Problem(rel, None, None, Code.NO_MATCH, msg)


def _ambiguous(
    rel: str, text: str, positions: list[Any], hits: list[int], match: Match
) -> list[Problem]:
    stances = {positions[i].get("stance") for i in hits}
    if match.stance is None and len(stances) > 1:
        choose = "give --stance to choose one"
    elif match.source is None:
        choose = "give --source (a source the one to remove cites) to choose one"
    else:
        choose = "they differ only in their quotes: edit the file by hand"
    found = [
        problem(
            rel,
            Code.AMBIGUOUS_MATCH,
            f"{_summary(positions[i])}{_evidence(positions[i])} is one of {len(hits)} "
            f"positions {match.described()}; {choose}",
            ("positions", i),
        )
        for i in hits
    ]
    return locate(found, text)
