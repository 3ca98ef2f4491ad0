"""``treaty new-treaty``: a treaty file (clauses/<id>/treaty.yaml) from given fields, checked
like every other file before it is written, never over an existing one."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from treaty.days import day_or_text
from treaty.edit.apply import Outcome, create_file
from treaty.errors import InvalidId
from treaty.model import SLUG_PATTERN
from treaty.problems import Loc
from treaty.project import Project
from treaty.yaml.render import render_document

MODELINE = "# yaml-language-server: $schema=../../schemas/treaty.schema.json\n"


@dataclass(frozen=True)
class NewTreaty:
    """A treaty as given on the command line; None is unknown (proposer, day)."""

    id: str
    title: str
    proposer: str | None
    published: str | None
    parties: list[tuple[str, str]]  # (id, name)
    reported_in: list[tuple[str, str]] = field(default_factory=list)  # (source id, quote)
    notes: str | None = None

    def fields(self) -> dict[str, Any]:
        """The treaty's fields, in the order of the model."""
        data: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "proposer": self.proposer,
            "published": None if self.published is None else day_or_text(self.published),
            "parties": [{"id": i, "name": n} for i, n in self.parties],
        }
        if self.reported_in:
            data["reported_in"] = [{"source": s, "quote": q} for s, q in self.reported_in]
        if self.notes is not None:
            data["notes"] = self.notes
        return data


def treaty_path(project: Project, treaty_id: str) -> Path:
    """clauses/<id>/treaty.yaml, for an id that is a slug (never a path)."""
    if not re.match(SLUG_PATTERN, treaty_id):
        raise InvalidId(
            f'"{treaty_id}" is not a treaty id: lower-case letters and digits joined by '
            "hyphens, e.g. us-russia"
        )
    return project.clauses_dir / treaty_id / "treaty.yaml"


def new_treaty(project: Project, new: NewTreaty) -> tuple[Outcome, Path]:
    """Create the treaty's file if it would be valid and does not exist yet."""
    path = treaty_path(project, new.id)
    raw = render_document(new.fields(), MODELINE).encode("utf-8")

    def new_part(loc: Loc) -> Loc:
        return loc

    return create_file(project, path, raw, new_part), path
