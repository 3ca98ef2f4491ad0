"""The source registry (seeds/sources.yaml): entries, their files, their hashes, their texts."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from treaty.documents import Document, load_document
from treaty.fields import check_model
from treaty.fingerprint import MAX_SOURCE_BYTES, Fingerprint, of_bytes, read_upto
from treaty.model import Source, SourceRegistry
from treaty.problems import Code, Problem, problem
from treaty.project import Project
from treaty.quotes import normalise
from treaty.yamlio import Limits, decode


@dataclass
class Sources:
    """The registered sources that could be read, with their normalised texts."""

    document: Document[SourceRegistry]
    by_id: dict[str, Source] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # Registry index of each source id, to place problems on its entry.
    index: dict[str, int] = field(default_factory=dict)
    # Every source file the registry names (relative paths), and what was read of each.
    named: list[str] = field(default_factory=list)
    fingerprints: dict[str, Fingerprint] = field(default_factory=dict)


def load_sources(project: Project, limits: Limits, today: dt.date) -> Sources:
    """Load the registry and every file it names; check files stay in seeds/ and hashes match."""
    path = project.registry_path
    shown = project.rel(path)
    if not path.exists():
        doc: Document[SourceRegistry] = Document(path, shown)
        missing = Problem(
            shown, None, None, Code.MISSING_FILE, "no source registry (seeds/sources.yaml)"
        )
        return Sources(doc, problems=[missing])
    doc = load_document(SourceRegistry, path, shown, project.root, limits)
    found = Sources(doc)
    entries = _salvage(doc)
    seeds = project.seeds_dir.resolve()
    for i, source in entries:
        loc = ("sources", i)
        if source.id in found.by_id:
            found.problems.append(
                problem(
                    shown,
                    Code.DUPLICATE_ID,
                    f'source id "{source.id}" is registered twice',
                    (*loc, "id"),
                )
            )
            continue
        found.by_id[source.id] = source
        found.index[source.id] = i
        if source.published and source.published > today:
            found.problems.append(
                problem(
                    shown,
                    Code.FUTURE_DATE,
                    f"published {source.published} is in the future",
                    (*loc, "published"),
                )
            )
        file_path = seeds / source.file
        if (
            not file_path.resolve().is_relative_to(seeds)
            or "/" in source.file
            or "\\" in source.file
        ):
            found.problems.append(
                problem(
                    shown,
                    Code.SOURCE_PATH,
                    f'file "{source.file}" must be a file name inside seeds/',
                    (*loc, "file"),
                )
            )
            continue
        found.named.append(project.rel(file_path))
        try:
            raw, fingerprint = _read_bytes(file_path)
        except OSError as exc:
            msg = f'file "{source.file}" cannot be read: {exc.strerror or exc}'
            code = Code.SOURCE_MISSING
            found.problems.append(problem(shown, code, msg, (*loc, "file")))
            continue
        if raw is None:
            msg = f'file "{source.file}" is larger than {MAX_SOURCE_BYTES} bytes'
            found.problems.append(problem(shown, Code.TOO_LARGE, msg, (*loc, "file")))
            continue
        digest = hashlib.sha256(raw).hexdigest()
        if digest != source.sha256:
            msg = (
                f"seeds/{source.file} has changed: its sha256 is {digest}, the registry says "
                f"{source.sha256}; sources are kept byte for byte"
            )
            found.problems.append(problem(shown, Code.SOURCE_HASH, msg, (*loc, "sha256")))
        found.fingerprints[project.rel(file_path)] = fingerprint
        text, bad = decode(raw, project.rel(file_path))
        found.problems += bad
        if text is not None:
            found.texts[source.id] = normalise(text)
    return found


def _read_bytes(path: Path) -> tuple[bytes | None, Fingerprint]:
    with open(path, "rb") as handle:
        st = os.fstat(handle.fileno())
        raw = read_upto(handle, st, MAX_SOURCE_BYTES)
    return (None if len(raw) > MAX_SOURCE_BYTES else raw), of_bytes(raw, st)


def _salvage(doc: Document[SourceRegistry]) -> list[tuple[int, Source]]:
    """Every entry that is valid on its own, so one bad entry does not hide the others' texts."""
    if doc.model is not None:
        return list(enumerate(doc.model.sources))
    items = doc.data.get("sources") if isinstance(doc.data, dict) else None
    if not isinstance(items, list):
        return []
    out = []
    for i, item in enumerate(items):
        model, _ = check_model(Source, item, doc.shown)
        if model is not None:
            out.append((i, model))
    return out
