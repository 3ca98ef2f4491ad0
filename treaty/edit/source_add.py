"""``treaty source add``: a new article copied into seeds/ and registered with its sha256."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from treaty.days import day_or_text
from treaty.edit.apply import Outcome, edit_file, exists, text_problems
from treaty.files.fingerprint import MAX_SOURCE_BYTES
from treaty.files.reading import Limits, decode, read_bytes, read_input
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
    shown = str(new.file)  # as typed: it may be anywhere, inside the project or not
    raw, why = read_input(new.file, MAX_SOURCE_BYTES)
    if raw is None:
        return Outcome(refusal=f"{shown} {why}")
    text, bad = decode(raw, shown)
    if text is None:
        return Outcome(problems=bad)
    if not text.strip():
        msg = "the file is empty or only whitespace: there is nothing in it to quote"
        return Outcome(problems=[Problem(shown, None, None, Code.EMPTY_SOURCE, msg)])
    dest = project.seeds_dir / new.file.name
    dest_shown = project.display(dest)
    there = os.path.lexists(dest)
    if there:  # compared as validation reads it: a link out, a pipe or a device is refused
        seeds = project.seeds_dir.resolve()
        found, unsafe = read_bytes(dest, dest_shown, seeds, MAX_SOURCE_BYTES, "seeds/")
        if found is None:
            return Outcome(problems=unsafe)
        if found != raw:
            taken = exists(dest_shown).path
            return Outcome(refusal=f"{taken}: a different file of that name is already in seeds/")
    bad_text = text_problems(project.display(project.registry_path), new.entry(""))
    if bad_text:
        return Outcome(rejected=bad_text)
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

    extra = {} if there else {dest: raw}
    return edit_file(project, project.registry_path, compose, new_part, extra)
