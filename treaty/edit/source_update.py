"""``treaty source update``: after an intentional correction of an article in seeds/, its
registry entry takes the file's new sha256, unless the new text breaks a quote.

Sources are kept byte for byte (T302 flags any change), so a correction is a deliberate act:
this command makes it one, and refuses it, listing every quote that would no longer be found,
when the corrected text lost words the corpus quotes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from treaty.cache.run import run
from treaty.edit.apply import Outcome, Refused, edit_files
from treaty.errors import UnknownSource
from treaty.files.fingerprint import MAX_SOURCE_BYTES
from treaty.files.reading import Limits, read_bytes
from treaty.problems import Code, Loc, Problem
from treaty.project import Project
from treaty.suggest import did_you_mean
from treaty.yaml.load import load_yaml
from treaty.yaml.remove import replace_value


@dataclass
class Updated:
    """The entry's file and its sha256 before and after (equal: nothing to update)."""

    file: str = ""
    before: str = ""
    after: str = ""


def update_source(project: Project, source_id: str) -> tuple[Outcome, Updated]:
    """Re-hash the source's file and write the new sha256 into its registry entry, if every
    quote of it is still found in the new text."""
    registry = project.registry_path
    updated = Updated()
    raw, _ = read_bytes(registry, project.rel(registry), project.root, Limits().max_bytes)
    # Found before the edit too, to know which mismatch it repairs (T302 of this entry).
    index, _ = _entry(raw.decode("utf-8", errors="replace") if raw is not None else "", source_id)

    def compose(text: str) -> str:
        i, entry = _entry(text, source_id)
        updated.file = str(entry.get("file"))
        updated.before = str(entry.get("sha256"))
        updated.after = _sha256(project, updated.file)
        if updated.after == updated.before:
            return text
        return replace_value(text, ("sources", i, "sha256"), updated.after)

    def tolerate(p: Problem) -> bool:
        return p.code is Code.SOURCE_HASH and p.loc == ("sources", index, "sha256")

    def vet(pending: Mapping[Path, bytes]) -> list[Problem]:
        return _broken_quotes(project, pending, source_id)

    outcome = edit_files(
        project, {registry: compose}, lambda _, __: None, tolerate=tolerate, vet=vet
    )
    return outcome, updated


def _entry(text: str, source_id: str) -> tuple[int, dict[str, Any]]:
    data, _ = load_yaml(text, "(registry)", Limits())
    sources = data.get("sources") if isinstance(data, dict) else None
    entries = [s for s in sources if isinstance(s, dict)] if isinstance(sources, list) else []
    for i, entry in enumerate(sources if isinstance(sources, list) else []):
        if isinstance(entry, dict) and entry.get("id") == source_id:
            return i, entry
    known = [str(e.get("id")) for e in entries]
    raise UnknownSource(f'no source "{source_id}"{did_you_mean(source_id, known)}')


def _sha256(project: Project, name: str) -> str:
    """The sha256 of a file of seeds/, read as validation reads it (never outside seeds/)."""
    seeds = project.seeds_dir
    raw, why = read_bytes(seeds / name, f"seeds/{name}", seeds.resolve(), MAX_SOURCE_BYTES)
    if raw is None:
        raise Refused(*why)
    return hashlib.sha256(raw).hexdigest()


def _broken_quotes(
    project: Project, pending: Mapping[Path, bytes], source_id: str
) -> list[Problem]:
    """Every quote of the source, anywhere in the project, that its new text does not have."""
    result = run(project, None, pending=pending)
    broken = []
    for p in result.problems:
        cited = p.loc is not None and _cited(project, Path(p.path), p.loc)
        if p.code is Code.QUOTE_NOT_FOUND and cited == source_id:
            broken.append(p)
    return broken


def _cited(project: Project, path: Path, loc: Loc) -> object:
    """The source id of the quote at ``loc`` (its ``quote`` field) in the file."""
    raw, _ = read_bytes(path, str(path), project.root, Limits().max_bytes)
    if raw is None:
        return None
    node, _ = load_yaml(raw.decode("utf-8", errors="replace"), "(file)", Limits())
    for part in loc[:-1] if loc and loc[-1] == "quote" else loc:
        if isinstance(node, dict) and isinstance(part, str):
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
        else:
            return None
    return node.get("source") if isinstance(node, dict) else None
