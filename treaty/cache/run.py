"""The one validation run: the cache first, then the checkers for whatever changed.

Importing this module loads no checker (no pydantic, no YAML): when the cache vouches for
every file, the report is made from it alone. Otherwise the project-wide context is loaded,
the changed clause files are checked (on worker processes when there are many), and the cache
is brought up to date. ``treaty validate`` runs it; so do the reports (``models=True``: the
checked models, every file read afresh) and the edits (``pending``: the bytes an edit would
write, checked before anything is written). Without the cache (``NO_CACHE``) it reports the
same problems, which ``tests/unit/cache/test_cache.py`` holds it to.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from treaty.cache import format as cache_format
from treaty.cache import store as cache
from treaty.cache.outcomes import Outcomes, corpus_of
from treaty.cache.plan import Plan, layout_inside, summary_holds
from treaty.cache.plan import plan as make_plan
from treaty.check.results import Checked, ClauseResult, finish, window, with_duplicates
from treaty.check.targets import Targets, targets
from treaty.files.fingerprint import Fingerprint
from treaty.project import Pending, Project, canonical

if TYPE_CHECKING:
    from treaty.check.context import LoadedContext
    from treaty.model import Clause


@dataclass(frozen=True)
class Options:
    """How a run may use the cache and processes."""

    read_cache: bool = True
    write_cache: bool = True
    jobs: int | None = None  # None: as many as CPUs when there are enough files
    max_bytes: int = 1024 * 1024
    max_depth: int = 64


NO_CACHE = Options(read_cache=False, write_cache=False)


def run(
    project: Project,
    paths: Iterable[Path] | None = None,
    options: Options = NO_CACHE,
    today: dt.date | None = None,
    *,
    pending: Pending | None = None,
    models: bool = False,
    collect: Outcomes | None = None,
) -> Checked:
    """Check the whole project, or only ``paths`` (still against the whole project).

    ``pending`` maps files to the bytes an edit would write: they are checked instead of what
    is on disk (or as new files); a file mapped to None is checked as absent (``treaty diff``
    checks a revision so). ``models``: the report carries the checked models
    (``Checked.corpus``). Either one reads every file afresh. ``collect``: a cached run of the
    whole project also records what it found, file by file (see ``Outcomes``)."""
    done = _run(project, paths, options, today, pending, models, collect, cache_only=False)
    assert done is not None  # only a run from the cache alone can come back empty
    return done


def from_cache(
    project: Project,
    paths: Iterable[Path] | None = None,
    options: Options = Options(),
    today: dt.date | None = None,
) -> Checked | None:
    """The report, if the cache can give it without checking a file; else None."""
    return _run(project, paths, options, today, None, False, None, cache_only=True)


def _run(
    project: Project,
    paths: Iterable[Path] | None,
    options: Options,
    today: dt.date | None,
    pending: Pending | None,
    models: bool,
    collect: Outcomes | None,
    *,
    cache_only: bool,
) -> Checked | None:
    today = today or dt.date.today()
    pending = {canonical(k): v for k, v in (pending or {}).items()}
    if pending or models:  # bytes not on disk, or models the cache does not keep
        options = replace(options, read_cache=False, write_cache=False)
    chosen = targets(project, paths, pending)
    store = None
    plan = Plan(None)
    if chosen.problems:  # a folder could not be listed: nothing to compare a cache with
        options = replace(options, read_cache=False, write_cache=False)
    if paths is not None:
        # A run of some files (a pre-commit hook's) reads the cache but leaves it be: writing
        # every entry again costs more than checking those files once more in a later run.
        options = replace(options, write_cache=False)
    if options.read_cache and not layout_inside(project):
        # clauses/ or seeds/ is a link out of the project: reading refuses every file there
        # (T011), so no cached result can stand for what a check would say now.
        options = replace(options, read_cache=False)
    if options.read_cache or options.write_cache:
        env = cache.environment_key(project, options.max_bytes, options.max_depth)
        store = cache.Store(project, env)
    if store is not None and options.read_cache and paths is None:
        summary = None if collect is not None and collect.per_file else store.load_summary()
        if summary is not None and summary_holds(project, chosen, summary, today.isoformat()):
            if collect is not None:
                collect.digest, collect.context_key = summary.digest, summary.context.key
                collect.bad = {p.path for p in [*summary.context.problems, *summary.problems]}
                collect.answered = True
            problems, checked = finish(
                project,
                [*chosen.strays, *summary.context.problems],
                [],
                summary.context.files_checked + summary.clause_files,
                None,
                summary.problems,
            )
            return Checked(problems, checked)
    if store is not None and options.read_cache:
        plan = make_plan(project, chosen, store.load(), today, options.max_bytes)
    rels = chosen.rels
    snapshot = plan.snapshot
    if plan.context_fresh and snapshot is not None and len(plan.hits) == len(rels):
        results = [plan.hits[rel] for rel in rels]
        if store is not None and options.write_cache:  # a whole-project run
            if plan.refreshed:
                store.save(
                    cache_format.Snapshot(snapshot.context, {**snapshot.files, **plan.entries})
                )
            _save_summary(store, snapshot.context, rels, plan.entries, results)
        if collect is not None:
            fingerprints = {r: cache_format.entry_fingerprint(e) for r, e in plan.entries.items()}
            collect.record(snapshot.context.key, snapshot.context.problems, results, fingerprints)
        problems, checked = finish(
            project,
            [*chosen.strays, *snapshot.context.problems],
            results,
            snapshot.context.files_checked + len(rels),
            chosen.wanted,
        )
        return Checked(problems, checked)
    if cache_only:
        return None
    return _check_changed(project, chosen, plan, store, options, today, pending, models, collect)


def _check_changed(
    project: Project,
    chosen: Targets,
    plan: Plan,
    store: cache.Store | None,
    options: Options,
    today: dt.date,
    pending: Pending,
    models: bool,
    collect: Outcomes | None,
) -> Checked:
    from treaty.check.context import load_context
    from treaty.check.workers import check_files, worker_count
    from treaty.files.reading import Limits

    rels = chosen.rels
    limits = Limits(options.max_bytes, options.max_depth)
    loaded = load_context(project, limits, today, chosen.clause_ids, pending)
    key = cache.context_key(loaded.inputs) if loaded.inputs is not None else None
    snapshot = plan.snapshot
    same_context = snapshot is not None and key == snapshot.context.key and plan.context_fresh
    hits = plan.hits if same_context else {}
    todo = [
        (Path(path), rel)
        for path, rel in zip(chosen.clause_files, rels, strict=True)
        if rel not in hits
    ]
    workers = worker_count(len(todo), options.jobs)
    keep = models or collect is not None
    checked_now = check_files(todo, loaded.context, project.root, limits, workers, keep, pending)
    done = dict(zip((rel for _, rel in todo), checked_now, strict=True))
    results = [hits[rel] if rel in hits else done[rel][0] for rel in rels]
    problems, checked = finish(
        project,
        [*chosen.strays, *loaded.problems, *chosen.problems],
        results,
        loaded.files_checked + len(rels),
        chosen.wanted,
    )
    if store is not None and options.write_cache:  # a whole-project run (see ``check``)
        kept: dict[str, Any] = {}
        if snapshot is not None and same_context:
            kept.update(plan.entries)
        kept.update(_entries(done, today))
        context = _save(store, loaded, kept, today)
        if context is not None:
            _save_summary(store, context, rels, kept, results)
    if collect is not None:
        _record(collect, loaded, key, chosen, plan, hits, results, done)
    corpus = corpus_of(project, loaded, chosen, problems, todo, checked_now) if models else None
    return Checked(problems, checked, corpus)


def _record(
    collect: Outcomes,
    loaded: LoadedContext,
    key: str | None,
    chosen: Targets,
    plan: Plan,
    hits: dict[str, ClauseResult],
    results: list[ClauseResult],
    done: dict[str, tuple[ClauseResult, Fingerprint | None, Clause | None]],
) -> None:
    """What a run that checked some files found, for the index."""
    fingerprints = {r: cache_format.entry_fingerprint(plan.entries[r]) for r in hits}
    fingerprints.update({r: fp for r, (_, fp, _) in done.items() if fp is not None})
    collect.record(key, [*loaded.problems, *chosen.problems], results, fingerprints)
    collect.loaded = loaded
    collect.clauses = {r: c for r, (_, _, c) in done.items() if c is not None}


def _save(
    store: cache.Store, loaded: LoadedContext, entries: dict[str, Any], today: dt.date
) -> cache_format.CachedContext | None:
    """Write the cache, if this run's context can be vouched for by fingerprints later."""
    if loaded.inputs is None:
        return None  # a project-wide file was missing or unreadable: nothing to compare with
    context = cache_format.CachedContext(
        key=cache.context_key(loaded.inputs),
        inputs=loaded.inputs,
        treaties=loaded.treaty_files,
        problems=loaded.problems,
        window=window(loaded.dates, today.isoformat()),
        files_checked=loaded.files_checked,
    )
    store.save(cache_format.Snapshot(context, entries))
    return context


def _save_summary(
    store: cache.Store,
    context: cache_format.CachedContext,
    rels: list[str],
    entries: dict[str, Any],
    results: list[ClauseResult],
) -> None:
    """Write the summary of a whole-project run, if every file's status can vouch for it."""
    lines = []
    since, until = context.window
    for rel in rels:
        entry = entries.get(rel)
        if entry is None or entry[1] is None:
            return  # a file not cached, or changed just before it was read
        lines.append(cache.status_line(rel, entry[1]))
        first, last = entry[5]
        since = first if since is None or (first is not None and first > since) else since
        until = last if until is None or (last is not None and last < until) else until
    summary = cache.Summary(
        context, cache.status_digest(lines), (since, until), with_duplicates(results), len(rels)
    )
    store.save_summary(summary)


def _entries(
    done: dict[str, tuple[ClauseResult, Fingerprint | None, Any]], today: dt.date
) -> dict[str, Any]:
    """Cache entries for freshly checked files."""
    out = {}
    for rel, (result, fingerprint, _) in done.items():
        if fingerprint is not None:  # else unreadable or too large: checked every time
            out[rel] = cache_format.entry_to_json(result, fingerprint, today.isoformat())
    return out
