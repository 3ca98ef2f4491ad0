"""What the cache can still answer for a run, and what must be checked again.

A cached result stands only while everything it was computed from is unchanged, checked here
as reading would check it: a regular file is vouched for by its status, a link or anything
else is read again through the checked reader (``treaty.files.reading.unchanged``), and a
``clauses/`` or ``seeds/`` that leads out of the project vouches for nothing.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
from dataclasses import dataclass, field
from typing import Any

from treaty.cache import format as cache_format
from treaty.cache import store as cache
from treaty.check.results import ClauseResult, within
from treaty.check.targets import Targets
from treaty.files.fingerprint import MAX_SOURCE_BYTES, Fingerprint
from treaty.files.reading import inside, unchanged
from treaty.project import Project


@dataclass
class Plan:
    """What the cache can answer for a run, and what must be checked again."""

    snapshot: cache_format.Snapshot | None
    context_fresh: bool = False
    hits: dict[str, ClauseResult] = field(default_factory=dict)
    entries: dict[str, Any] = field(default_factory=dict)  # fresh entries, to keep
    refreshed: bool = False  # some entries got fresher fingerprints worth writing


def plan(
    project: Project,
    chosen: Targets,
    snapshot: cache_format.Snapshot | None,
    today: dt.date,
    max_bytes: int,
) -> Plan:
    """Which results the cache still vouches for."""
    plan = Plan(snapshot)
    if snapshot is None:
        return plan
    try:
        return _fill(plan, snapshot, project, chosen, today.isoformat(), max_bytes)
    except (cache_format.Corrupt, LookupError, ValueError, TypeError):
        return Plan(None)  # a damaged cache is no cache


def _fill(
    plan: Plan,
    snapshot: cache_format.Snapshot,
    project: Project,
    chosen: Targets,
    today: str,
    max_bytes: int,
) -> Plan:
    ctx = snapshot.context
    inputs = fresh_inputs(project, ctx, today)
    if inputs is None:
        return plan
    if inputs != ctx.inputs:
        ctx.inputs = inputs
        plan.refreshed = True
    plan.context_fresh = True
    # This loop runs once per clause file on every warm run: it stays plain on purpose.
    ids = chosen.clause_ids
    files = snapshot.files
    # A malformed entry raises here (unpacking, comparing) and the cache is ignored.
    for path, rel in zip(chosen.clause_files, chosen.rels, strict=True):
        entry = files.get(rel)
        if entry is None:
            continue
        _, status, clause_id, clean, related, (since, until), problems = entry
        if (since is not None and since > today) or (until is not None and today >= until):
            continue  # a date in the result is now on the other side of today
        if related and not _same_ids(related, ids):
            continue
        try:
            st = os.lstat(path)  # a link is never vouched for by a status: it is read again
        except OSError:
            continue
        if status != [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino] or stat.S_ISLNK(
            st.st_mode
        ):
            seen = cache_format.entry_fingerprint(entry)
            now = unchanged(path, project.root, seen, max_bytes)
            if now is None:
                continue
            entry = cache_format.with_fingerprint(entry, now)
            plan.refreshed = True
        if type(clean) is not bool or not (clause_id is None or type(clause_id) is str):
            raise cache_format.Corrupt("entry")
        found = cache_format.problems_of(rel, problems) if problems else ()
        plan.entries[rel] = entry
        plan.hits[rel] = ClauseResult(rel, found, clause_id, clean)
    return plan


def fresh_inputs(
    project: Project, ctx: cache_format.CachedContext, today: str
) -> dict[str, Fingerprint] | None:
    """The context's input fingerprints (fresher where re-hashed), if its results still hold."""
    if not within(ctx.window, today):
        return None
    if ctx.treaties != [project.rel(p) for p in project.treaty_files()]:
        return None
    # The phrase file is optional: one that was missing must still be missing.
    phrases = project.phrases_path
    if project.rel(phrases) not in ctx.inputs and os.path.lexists(phrases):
        return None
    inputs = {}
    seeds = project.seeds_dir.resolve()
    registry = project.rel(project.registry_path)
    for rel, seen in ctx.inputs.items():
        # As reading would: a file of seeds/ (not the registry) must stay inside seeds/.
        root = seeds if rel.startswith("seeds" + os.sep) and rel != registry else project.root
        now = unchanged(str(project.root / rel), root, seen, MAX_SOURCE_BYTES)
        if now is None:
            return None
        inputs[rel] = now
    return inputs


def layout_inside(project: Project) -> bool:
    """Whether clauses/ and seeds/, every link followed, are inside the project (once a run:
    the cache's statuses vouch for files, and only their folders can lead elsewhere)."""
    return inside(project.clauses_dir, project.root) and inside(project.seeds_dir, project.root)


def _same_ids(related: list[list[Any]], ids: frozenset[str]) -> bool:
    """Whether each related id still exists, or still does not, as when the file was checked."""
    return all((clause_id in ids) == existed for clause_id, existed in related)


def summary_holds(project: Project, chosen: Targets, summary: cache.Summary, today: str) -> bool:
    """Whether the last whole-project run's report is still the report."""
    if not within(summary.window, today) or summary.clause_files != len(chosen.rels):
        return False
    if fresh_inputs(project, summary.context, today) is None:
        return False
    return cache.listing_digest(chosen.clause_files, chosen.rels) == summary.digest
