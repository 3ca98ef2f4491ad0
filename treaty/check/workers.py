"""Checking many clause files on several processes.

Only cold runs over many files pay for workers: starting them costs more than checking a few
hundred files. Each worker gets the project's context once, then batches of files, and sends
back small results (problems, fingerprints), and the clause models only when asked for
(the reports need them; ``treaty validate`` does not).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from treaty.check.clause_file import check_clause_file
from treaty.check.results import ClauseResult
from treaty.check.rules import Context
from treaty.files.fingerprint import Fingerprint
from treaty.files.reading import Limits
from treaty.model import Clause
from treaty.project import Pending

# Below this many files per worker, one process is faster than starting more.
MIN_FILES_PER_WORKER = 250
BATCHES_PER_WORKER = 8

Checked = tuple[ClauseResult, Fingerprint | None, Clause | None]
_state: tuple[Context, Path, Limits, bool, Pending] | None = None


def available_cpus() -> int:
    """CPUs this process may run on (its affinity where the system tells), at least one."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def worker_count(files: int, jobs: int | None) -> int:
    """How many processes to check ``files`` files with; ``jobs`` is the user's choice."""
    if jobs is not None:
        return max(1, min(jobs, files))
    return max(1, min(available_cpus(), files // MIN_FILES_PER_WORKER))


def check_files(
    files: list[tuple[Path, str]],
    ctx: Context,
    root: Path,
    limits: Limits,
    workers: int,
    models: bool = False,
    pending: Pending | None = None,
) -> list[Checked]:
    """Each file's result, fingerprint and (with ``models``) valid clause, in the order given.

    ``pending``: bytes to check instead of the disk's, by path (as ``treaty.cache.run``)."""
    pending = pending or {}
    if workers <= 1 or len(files) < 2:
        return [_one(path, rel, ctx, root, limits, models, pending) for path, rel in files]
    size = max(1, -(-len(files) // (workers * BATCHES_PER_WORKER)))
    batches = [files[i : i + size] for i in range(0, len(files), size)]
    # fork shares the loaded modules and context with the workers at no cost; where it is
    # unsafe or missing (macOS, Windows) workers start afresh and receive the context.
    import multiprocessing  # only runs that use workers pay for importing it

    method = "fork" if sys.platform.startswith("linux") else "spawn"
    pool_context = multiprocessing.get_context(method)
    out: list[Checked] = []
    start = (ctx, root, limits, models, pending, workers)
    with pool_context.Pool(workers, initializer=_start, initargs=start) as pool:
        for done in pool.imap(_check_batch, batches):
            out += done
    return out


def _one(
    path: Path, rel: str, ctx: Context, root: Path, limits: Limits, models: bool, pending: Pending
) -> Checked:
    result, fingerprint, clause = check_clause_file(path, rel, ctx, root, limits, pending.get(path))
    return result, fingerprint, clause if models else None


def _start(
    ctx: Context, root: Path, limits: Limits, models: bool, pending: Pending, workers: int
) -> None:
    global _state
    ctx.work.share(workers)  # the run's budget, split between its workers
    _state = (ctx, root, limits, models, pending)


def _check_batch(batch: list[tuple[Path, str]]) -> list[Checked]:
    assert _state is not None, "worker used before it was started"
    ctx, root, limits, models, pending = _state
    return [_one(path, rel, ctx, root, limits, models, pending) for path, rel in batch]
