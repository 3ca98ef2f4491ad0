"""The run ``treaty fmt`` makes: the validation cache's rules and its worker processes.

Importing this module loads neither the models nor the YAML writer: a run in which every
file is known to be formatted needs neither. A file known to be formatted is not read again
while its fingerprint holds (its status, or failing that its SHA-256; see
``treaty.files.fingerprint``): the cache folder keeps one more file, ``fmt.json``, under the
same rules as the validation cache (stamped to this checkout, for this version of treaty and
its libraries, never followed through a link, written atomically, ignored when damaged).
Files to read are formatted on one worker process per CPU when there are enough of them;
each worker writes (or, with ``--check``, only judges) its own files, under each file's
lock, exactly as one process would.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from treaty.cache import store as cache
from treaty.files.fingerprint import Fingerprint
from treaty.files.reading import Limits, unchanged
from treaty.files.strays import sweep
from treaty.problems import Problem
from treaty.project import Project

FILE = "fmt.json"

Outcome = tuple[bool, list[Problem], Fingerprint | None]
_state: tuple[Project, bool, Limits] | None = None


@dataclass
class FmtResult:
    """Files that are (or were) not formatted, and files that could not be formatted."""

    changed: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    checked: int = 0


def project_files(project: Project) -> list[Path]:
    """Every YAML file treaty reads: the registry, topics, phrases, treaties, clauses."""
    found = [project.registry_path, project.topics_path, project.phrases_path]
    found += project.treaty_files()
    found = [p for p in found if p.is_file()]
    return found + [p for p in project.clause_files() if p.is_file()]


@dataclass(frozen=True)
class FmtOptions:
    read_cache: bool = True
    write_cache: bool = True
    jobs: int | None = None
    limits: Limits = field(default_factory=Limits)


def run_fmt(
    project: Project, paths: list[Path], check: bool, options: FmtOptions | None = None
) -> FmtResult:
    """Format ``paths`` (write them unless ``check``); report those that change."""
    options = options or FmtOptions()
    store = None
    known: dict[str, Any] = {}
    if options.read_cache or options.write_cache:
        env = cache.environment_key(project, options.limits.max_bytes, options.limits.max_depth)
        store = cache.Store(project, env)
    if store is not None and options.read_cache:
        doc = store.read_json(FILE)
        files = doc.get("files") if doc else None
        known = files if isinstance(files, dict) else {}
    result = FmtResult(checked=len(paths))
    todo: list[Path] = []
    kept: dict[str, list[Any]] = {}
    for path in paths:
        rel = project.rel(path)
        seen = _fingerprint(known.get(rel))
        now = seen and unchanged(str(path), project.root, seen, options.limits.max_bytes)
        if now:
            kept[rel] = _entry(now)
        else:
            todo.append(path)
    if not check:
        for folder in sorted({p.parent for p in todo}):
            sweep(folder)  # what killed edits left here
    for path, (changed, problems, fingerprint) in zip(
        todo, _format(project, todo, check, options), strict=True
    ):
        result.problems += problems
        if changed:
            result.changed.append(path)
        if fingerprint is not None:  # formatted now
            kept[project.rel(path)] = _entry(fingerprint)
    if store is not None and options.write_cache and (todo or kept.keys() != known.keys()):
        asked = {project.rel(p) for p in paths}
        files = {rel: e for rel, e in known.items() if rel not in asked}
        store.write_json(FILE, {"files": {**files, **kept}})
    return result


def _entry(fingerprint: Fingerprint) -> list[Any]:
    return [fingerprint.sha256, list(fingerprint.status) if fingerprint.status else None]


def _fingerprint(entry: Any) -> Fingerprint | None:
    """An entry's fingerprint; None if it is not one this module wrote."""
    if not isinstance(entry, list) or len(entry) != 2 or not isinstance(entry[0], str):
        return None
    status = entry[1]
    if status is None:
        return Fingerprint(entry[0], None)
    if isinstance(status, list) and len(status) == 4 and all(type(v) is int for v in status):
        return Fingerprint(entry[0], (status[0], status[1], status[2], status[3]))
    return None


def _format(project: Project, paths: list[Path], check: bool, options: FmtOptions) -> list[Outcome]:
    if not paths:
        return []
    # The formatter and the workers (pydantic, ruamel.yaml): only runs that read files need them.
    from treaty.check.workers import BATCHES_PER_WORKER, worker_count
    from treaty.edit.fmt import fmt_one

    workers = worker_count(len(paths), options.jobs)
    if workers <= 1 or len(paths) < 2:
        return [fmt_one(project, p, check, options.limits) for p in paths]
    size = max(1, -(-len(paths) // (workers * BATCHES_PER_WORKER)))
    batches = [paths[i : i + size] for i in range(0, len(paths), size)]
    import multiprocessing  # only runs that use workers pay for importing it

    method = "fork" if sys.platform.startswith("linux") else "spawn"
    start = (project, check, options.limits)
    out: list[Outcome] = []
    with multiprocessing.get_context(method).Pool(workers, _start, start) as pool:
        for done in pool.imap(_batch, batches):
            out += done
    return out


def _start(project: Project, check: bool, limits: Limits) -> None:
    global _state
    _state = (project, check, limits)


def _batch(batch: list[Path]) -> list[Outcome]:
    assert _state is not None, "worker used before it was started"
    project, check, limits = _state
    from treaty.edit.fmt import fmt_one

    return [fmt_one(project, p, check, limits) for p in batch]
