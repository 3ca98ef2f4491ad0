"""``treaty new``: a clause file from given fields, valid by construction, never overwriting."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from treaty.edit.apply import Outcome, create_file, text_problems
from treaty.errors import InvalidId
from treaty.model import CLAUSE_ID_PATTERN
from treaty.problems import Loc
from treaty.project import Project
from treaty.yaml.render import render_document

MODELINE = "# yaml-language-server: $schema=../../schemas/clause.schema.json\n"


@dataclass(frozen=True)
class NewClause:
    """A clause as given on the command line."""

    id: str
    title: str
    topics: list[str]
    binds: list[str]
    text: str
    text_kind: str
    reported_in: list[tuple[str, str]] = field(default_factory=list)  # (source id, quote)
    related: list[str] = field(default_factory=list)
    notes: str | None = None

    def fields(self) -> dict[str, Any]:
        """The clause's fields, in the order of the model; treaty, article and paragraph
        from the id."""
        treaty, article, paragraph = split_id(self.id)
        data: dict[str, Any] = {"id": self.id, "treaty": treaty, "article": article}
        if paragraph is not None:
            data["paragraph"] = paragraph
        data |= {
            "title": self.title,
            "topics": list(self.topics),
            "binds": list(self.binds),
            "text": self.text,
            "text_kind": self.text_kind,
        }
        if self.reported_in:
            data["reported_in"] = [{"source": s, "quote": q} for s, q in self.reported_in]
        data["positions"] = []  # none yet: `position add` fills it, `position remove` empties it
        if self.related:
            data["related"] = list(self.related)
        if self.notes is not None:
            data["notes"] = self.notes
        return data


def split_id(clause_id: str) -> tuple[str, int, int | None]:
    """``us-russia.4.1`` as ``("us-russia", 4, 1)``."""
    if not re.match(CLAUSE_ID_PATTERN, clause_id):
        raise InvalidId(
            f'"{clause_id}" is not a clause id: <treaty>.<article>[.<paragraph>], '
            "e.g. us-russia.4.1"
        )
    treaty, article, *paragraph = clause_id.split(".")
    return treaty, int(article), int(paragraph[0]) if paragraph else None


def clause_path(project: Project, clause_id: str) -> Path:
    """Where the clause's file goes."""
    split_id(clause_id)
    return project.clause_path(clause_id)


def new_clause(project: Project, new: NewClause) -> Outcome:
    """Create the clause's file if it would be valid and does not exist yet."""
    path = clause_path(project, new.id)
    bad = text_problems(project.display(path), new.fields())
    if bad:
        return Outcome(rejected=bad)
    raw = render_document(new.fields(), MODELINE).encode("utf-8")

    def new_part(loc: Loc) -> Loc:
        return loc

    return create_file(project, path, raw, new_part)
