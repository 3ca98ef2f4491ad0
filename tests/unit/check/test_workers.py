"""How many worker processes a run uses."""

from __future__ import annotations

import pytest

from treaty.check import workers


def test_few_files_are_checked_in_the_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "available_cpus", lambda: 8)
    assert workers.worker_count(1, None) == 1
    assert workers.worker_count(2 * workers.MIN_FILES_PER_WORKER - 1, None) == 1


def test_many_files_use_every_available_cpu_and_no_more(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(workers, "available_cpus", lambda: 2)
    assert workers.worker_count(10_000, None) == 2
    monkeypatch.setattr(workers, "available_cpus", lambda: 1)
    assert workers.worker_count(10_000, None) == 1


def test_the_users_choice_wins_but_never_exceeds_the_files() -> None:
    assert workers.worker_count(10_000, 3) == 3
    assert workers.worker_count(2, 8) == 2
    assert workers.worker_count(0, 8) == 1
