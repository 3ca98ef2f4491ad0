"""Running a command in a fresh child process and measuring its wall time and memory."""

from __future__ import annotations

import os
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Sample:
    """One run of one command."""

    seconds: float
    max_rss_kb: int  # the largest resident set of any one process (from wait4's rusage)
    tree_rss_kb: int  # the largest sum of resident sets over the process tree (sampled)
    code: int


def run(cmd: list[str], cwd: Path, expect: int = 0) -> Sample:
    """Run ``cmd`` once; fail loudly if it exits with anything but ``expect``."""
    env = {k: v for k, v in os.environ.items() if k != "TREATY_ROOT"}
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        child = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=errors)
        sampler = _TreeSampler(child.pid)
        sampler.start()
        # wait4 returns this child's own resource use (its waited-for workers included).
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        sampler.stop()
        child.returncode = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        stderr = errors.read().decode(errors="replace")
    if child.returncode != expect:
        raise SystemExit(
            f"bench: {' '.join(cmd[:4])} ... exited {child.returncode}, not {expect}:\n{stderr}"
        )
    return Sample(seconds, int(usage.ru_maxrss), sampler.peak_kb, child.returncode)


class _TreeSampler(threading.Thread):
    """Sums VmRSS over a process and its descendants every few milliseconds."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_kb = 0
        self._done = threading.Event()

    def stop(self) -> None:
        self._done.set()
        self.join()

    def run(self) -> None:
        while not self._done.wait(0.01):
            self.peak_kb = max(self.peak_kb, sum(_rss_kb(p) for p in _tree(self.pid)))


def _tree(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            tasks = os.listdir(f"/proc/{current}/task")
        except OSError:
            continue
        for task in tasks:
            try:
                with open(f"/proc/{current}/task/{task}/children") as handle:
                    todo += [int(c) for c in handle.read().split()]
            except OSError:
                continue
    return found


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def succeeds(cmd: list[str], cwd: Path) -> bool:
    """Whether a command exits 0 (e.g. to ask if a subcommand exists)."""
    done = subprocess.run(cmd, cwd=cwd, capture_output=True)
    return done.returncode == 0
