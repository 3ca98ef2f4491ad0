"""The source registry (seeds/sources.yaml): entries, their files, their hashes, their texts."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from treaty.check import cascade
from treaty.check.documents import Document, load_document
from treaty.check.model_errors import check_model
from treaty.check.quotes import normalise
from treaty.files.fingerprint import MAX_SOURCE_BYTES, Fingerprint
from treaty.files.reading import Limits, decode, line_col, read_fingerprinted, size_problem
from treaty.problems import Code, Loc, Problem, problem
from treaty.project import Pending, Project, canonical
from treaty.registry import Source, SourceRegistry
from treaty.safe_text import describe_char, find_control


@dataclass
class Sources:
    """The registered sources that could be read, with their normalised texts."""

    document: Document[SourceRegistry]
    by_id: dict[str, Source] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # Registry index of each source id, to place problems on its entry.
    index: dict[str, int] = field(default_factory=dict)
    # The ids of entries left out for problems of their own (see treaty.check.cascade).
    broken: frozenset[str] = frozenset()
    # Every file of seeds/ the registry names (paths relative to the root), and the
    # fingerprint of each that was read from disk: the cache compares them later.
    named: list[str] = field(default_factory=list)
    fingerprints: dict[str, Fingerprint] = field(default_factory=dict)


@dataclass
class _File:
    """One file of seeds/, read once however many entries name it."""

    sha256: str | None = None
    text: str | None = None  # normalised
    empty: bool = False  # nothing but whitespace: nothing can be quoted from it
    problem: tuple[Code, str] | None = None  # why it could not be read, said of the entry


def load_sources(
    project: Project, limits: Limits, today: dt.date, pending: Pending | None = None
) -> Sources:
    """Load the registry and every file it names; check files stay in seeds/ and hashes match.

    ``pending``: files as an edit would leave them (by absolute path), read instead of disk
    (None: absent)."""
    pending = {canonical(k): v for k, v in (pending or {}).items()}
    path = project.registry_path
    shown = project.rel(path)
    raw_registry = pending.get(canonical(path))
    if raw_registry is None and (canonical(path) in pending or not path.exists()):
        doc: Document[SourceRegistry] = Document(path, shown)
        missing = Problem(
            shown, None, None, Code.MISSING_FILE, "no source registry (seeds/sources.yaml)"
        )
        return Sources(doc, problems=[missing])
    doc = load_document(SourceRegistry, path, shown, project.root, limits, raw_registry)
    found = Sources(doc)
    files: dict[str, _File] = {}
    valid, broken = _salvage(doc)
    for i, name in broken:
        found.problems.append(cascade.root(shown, "source", name, ("sources", i, "id")))
    found.broken = frozenset(name for _, name in broken)
    for i, source in valid:
        loc: Loc = ("sources", i)
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
        if source.file not in files:
            files[source.file] = _read(project, source.file, found, pending)
        seed = files[source.file]
        if seed.problem is not None:
            code, msg = seed.problem
            found.problems.append(problem(shown, code, msg, (*loc, "file")))
            continue
        if seed.sha256 != source.sha256:
            now, then = (seed.sha256 or "")[:12], source.sha256[:12]
            msg = (
                f"seeds/{source.file} has changed since it was registered (its sha256 is "
                f"{now}..., the registry says {then}...): if you corrected it on purpose, run "
                f"`treaty source update {source.id}`; if not, restore it with "
                f"`git checkout -- seeds/{source.file}`"
            )
            found.problems.append(problem(shown, Code.SOURCE_HASH, msg, (*loc, "sha256")))
        if seed.empty:
            msg = (
                f"seeds/{source.file} is empty or only whitespace: there is nothing in it to "
                "quote; register the article's text"
            )
            found.problems.append(problem(shown, Code.EMPTY_SOURCE, msg, (*loc, "file")))
        if seed.text is not None:
            found.texts[source.id] = seed.text
    return found


def _read(project: Project, name: str, found: Sources, pending: Pending) -> _File:
    """A file of seeds/ named by the registry: never one outside seeds/, never a huge one."""
    seeds = project.seeds_dir.resolve()
    if "/" in name or "\\" in name or name in (".", ".."):
        return _File(problem=(Code.SOURCE_PATH, f'file "{name}" must be a file name in seeds/'))
    path = seeds / name
    rel = project.rel(project.seeds_dir / name)
    found.named.append(rel)
    raw: bytes | None = pending.get(canonical(path))
    why: list[Problem] = []
    if raw is None and canonical(path) in pending:  # absent in the state checked
        return _File(problem=(Code.SOURCE_MISSING, f'file "{name}" does not exist'))
    if raw is not None and len(raw) > MAX_SOURCE_BYTES:
        too_large = f'file "{name}" is larger than {MAX_SOURCE_BYTES} bytes'
        return _File(problem=(Code.TOO_LARGE, too_large))
    if raw is None:
        raw, why, fingerprint = read_fingerprinted(path, rel, seeds, MAX_SOURCE_BYTES, "seeds/")
        if fingerprint is not None:
            found.fingerprints[rel] = fingerprint
    else:  # an edit's bytes, held to the same limit
        why = size_problem(raw, rel, MAX_SOURCE_BYTES)
        raw = None if why else raw
    if raw is None:
        code = why[0].code
        if code is Code.OUTSIDE_PROJECT:
            code = Code.SOURCE_PATH
        elif code is Code.TOO_LARGE:
            return _File(problem=(code, f'file "{name}" is larger than {MAX_SOURCE_BYTES} bytes'))
        else:
            code = Code.SOURCE_MISSING
        return _File(problem=(code, f'file "{name}" {why[0].message}'))
    seed = _File(sha256=hashlib.sha256(raw).hexdigest())
    text, bad = decode(raw, rel)
    found.problems += bad
    at = find_control(text) if text is not None else None
    if text is not None and at is not None:  # an article is text too: as clause files are
        line, column = line_col(text, at)
        msg = (
            f"control character {describe_char(text[at])} in the article; it can make what "
            "is quoted read differently from what it is: use a copy without it"
        )
        found.problems.append(Problem(rel, line, column, Code.CONTROL_CHARACTER, msg))
    seed.text = normalise(text) if text is not None else None
    seed.empty = seed.text == ""
    return seed


def _salvage(
    doc: Document[SourceRegistry],
) -> tuple[list[tuple[int, Source]], list[tuple[int, str]]]:
    """Every entry that is valid on its own, so one bad entry does not hide the others' texts;
    and the index and id of each invalid entry whose id can be read."""
    if doc.model is not None:
        return list(enumerate(doc.model.sources)), []
    items = doc.data.get("sources") if isinstance(doc.data, dict) else None
    if not isinstance(items, list):
        return [], []
    valid, broken = [], []
    for i, item in enumerate(items):
        model, _ = check_model(Source, item, doc.shown)
        if model is not None:
            valid.append((i, model))
        elif isinstance(item, dict) and isinstance(item.get("id"), str):
            broken.append((i, item["id"]))
    ids = {source.id for _, source in valid}
    return valid, [(i, name) for i, name in broken if name not in ids]
