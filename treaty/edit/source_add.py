"""``treaty source add``: a new article copied into seeds/ and registered with its sha256."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from treaty.days import day_or_text
from treaty.edit.apply import Outcome, edit_file, exists
from treaty.files.fingerprint import MAX_SOURCE_BYTES
from treaty.files.reading import Limits, decode
from treaty.problems import Code, Loc, Problem
from treaty.project import Project
from treaty.yaml.events import EditError
from treaty.yaml.insert import insert_entry
from treaty.yaml.load import load_yaml


@dataclass(frozen=True)
class NewSource:
    """A source as given on the command line."""

    file: Path
    id: str
    title: str | None
    outlet: str | None = None
    published: str | None = None
    author: str | None = None
    notes: str | None = None
    url: str | None = None
    retrieved: str | None = None

    def entry(self, sha256: str) -> dict[str, Any]:
        """The registry entry, in the order of the model."""
        entry: dict[str, Any] = {
            "id": self.id,
            "file": self.file.name,
            "title": self.title,
            "outlet": self.outlet,
            "published": None if self.published is None else day_or_text(self.published),
            "author": self.author,
        }
        # Where it was found, written only when known (the fields are optional).
        if self.url is not None:
            entry["url"] = self.url
        if self.retrieved is not None:
            entry["retrieved"] = day_or_text(self.retrieved)
        entry["sha256"] = sha256
        if self.notes is not None:
            entry["notes"] = self.notes
        return entry


def add_source(project: Project, new: NewSource) -> Outcome:
    """Copy the file into seeds/ (unless it is there already) and register it."""
    shown = project.display(new.file)
    try:
        with open(new.file, "rb") as handle:
            raw = handle.read(MAX_SOURCE_BYTES + 1)
    except OSError as exc:
        return Outcome(refusal=f"cannot read {shown}: {exc.strerror or exc}")
    if len(raw) > MAX_SOURCE_BYTES:
        return Outcome(refusal=f"{shown} is larger than {MAX_SOURCE_BYTES} bytes")
    text, bad = decode(raw, shown)
    if text is None:
        return Outcome(problems=bad)
    if not text.strip():
        msg = "the file is empty or only whitespace: there is nothing in it to quote"
        return Outcome(problems=[Problem(shown, None, None, Code.EMPTY_SOURCE, msg)])
    dest = project.seeds_dir / new.file.name
    if dest.exists() and dest.read_bytes() != raw:
        why = exists(project.display(dest))
        return Outcome(refusal=f"{why.path}: a different file of that name is already in seeds/")
    entry = new.entry(hashlib.sha256(raw).hexdigest())
    where = [0]

    def compose(text: str) -> str:
        data, _ = load_yaml(text, "(registry)", Limits())
        sources = data.get("sources") if isinstance(data, dict) else None
        sources = sources if isinstance(sources, list) else []
        for other in sources:
            if isinstance(other, dict) and other.get("file") == entry["file"]:
                known = other.get("id")
                raise EditError(f'seeds/{entry["file"]} is already registered as "{known}"')
        where[0] = len(sources)
        return insert_entry(text, "sources", entry)

    def new_part(loc: Loc) -> Loc | None:
        return loc[2:] if loc[:2] == ("sources", where[0]) else None

    extra = {} if dest.exists() else {dest: raw}
    return edit_file(project, project.registry_path, compose, new_part, extra)
