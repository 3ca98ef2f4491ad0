"""Benchmark: `treaty diff` between git revisions of a generated 10,000-clause repository.

    .venv/bin/python bench/diff.py [--count N] [--runs R]

Builds a repository of the bundled corpus plus N generated clauses (default 10,000) in a
temporary folder with three commits: the project; every clause retitled; ten clauses
retitled again. The working tree is at the last. Then times, alternating, with the `treaty`
of the running environment, each run a new process:

- ten files changed: `treaty diff HEAD~1 HEAD` against a warm `treaty status` (the working
  tree's full report) and `git diff --stat HEAD~1 HEAD`;
- every file changed: `treaty diff HEAD~2 HEAD` against a cold `treaty validate --no-cache`
  and `git diff --stat HEAD~2 HEAD`.

Prints a Markdown table of medians (wall time, and CPU time of the process tree) and ratios;
nothing is written to the repository.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as a script from a fresh clone
    sys.path.insert(0, str(REPO))

from bench import corpus, machine  # noqa: E402

GIT_ENV = {
    "GIT_AUTHOR_NAME": "bench",
    "GIT_AUTHOR_EMAIL": "bench@example.org",
    "GIT_COMMITTER_NAME": "bench",
    "GIT_COMMITTER_EMAIL": "bench@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}
_TITLE = re.compile(r"^title: (.*)$", re.M)


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, env={**os.environ, **GIT_ENV}, check=True)


def retitle(path: Path, mark: str) -> None:
    text = path.read_text("utf-8")
    path.write_text(_TITLE.sub(lambda m: f"title: {m.group(1)} {mark}", text, count=1), "utf-8")


def build(dest: Path, count: int) -> int:
    """The repository; the number of clause files."""
    files = corpus.make_project(REPO, dest, count)
    git(dest, "init", "-q", "-b", "main")
    git(dest, "add", "-A")
    git(dest, "commit", "-q", "-m", "the project")
    everything = sorted(p for p in (dest / "clauses").glob("*/*.yaml") if p.name != "treaty.yaml")
    for path in everything:
        retitle(path, "(revised)")
    git(dest, "commit", "-q", "-am", "every clause retitled")
    for path in files[:: max(1, len(files) // 10)][:10]:
        retitle(path, "(again)")
    git(dest, "commit", "-q", "-am", "ten clauses retitled")
    return len(everything)


@dataclass(frozen=True)
class Timing:
    """Medians of one command's runs: wall time, and CPU time of its process tree (user and
    system, workers included), which other work on a shared machine skews far less."""

    wall: float
    cpu: float
    peak_mb: int


def timed(cmd: list[str], cwd: Path) -> tuple[float, float, int]:
    """One run: wall seconds, CPU seconds, largest resident set of one process (MB)."""
    start = time.perf_counter()
    child = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise SystemExit(f"{' '.join(cmd)} exited {code}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024


def alternate(commands: dict[str, list[str]], cwd: Path, runs: int) -> dict[str, Timing]:
    """Each command ``runs`` times, their order rotating run by run; medians."""
    found: dict[str, list[tuple[float, float, int]]] = {name: [] for name in commands}
    names = list(commands)
    for r in range(runs):
        for name in names[r % len(names) :] + names[: r % len(names)]:
            found[name].append(timed(commands[name], cwd))
    return {
        name: Timing(
            statistics.median(w for w, _, _ in runs_),
            statistics.median(c for _, c, _ in runs_),
            int(statistics.median(m for _, _, m in runs_)),
        )
        for name, runs_ in found.items()
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    treaty = str(Path(sys.executable).parent / "treaty")
    git_program = shutil.which("git") or "git"
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        n = build(project, args.count)
        subprocess.run([treaty, "validate"], cwd=project, check=True, capture_output=True)
        ten = {
            "treaty diff HEAD~1 HEAD": [treaty, "diff", "HEAD~1", "HEAD"],
            "treaty status|warm": [treaty, "status"],
            "git diff --stat HEAD~1 HEAD": [git_program, "diff", "--stat", "HEAD~1", "HEAD"],
        }
        every = {
            "treaty diff HEAD~2 HEAD": [treaty, "diff", "HEAD~2", "HEAD"],
            "treaty validate --no-cache|cold": [treaty, "validate", "--no-cache"],
            "git diff --stat HEAD~2 HEAD": [git_program, "diff", "--stat", "HEAD~2", "HEAD"],
        }
        results = [alternate(ten, project, args.runs), alternate(every, project, args.runs)]
    print(f"{n:,} clause files; load {machine.load()}; medians of {args.runs} alternating runs\n")
    print("| command | wall time | CPU time | peak memory (one process) | diff's over this |")
    print("|---|---:|---:|---:|---:|")
    for figures in results:
        _rows(figures)
    return 0


def _rows(figures: dict[str, Timing]) -> None:
    main, *_ = figures
    base = figures[main]
    for name, f in figures.items():
        ratio = (
            "" if name == main else f"{base.wall / f.wall:.2f}x wall, {base.cpu / f.cpu:.2f}x CPU"
        )
        shown, _, note = name.partition("|")
        shown = f"`{shown}`" + (f" ({note})" if note else "")
        print(f"| {shown} | {f.wall:.2f} s | {f.cpu:.2f} s | {f.peak_mb} MB | {ratio} |")


if __name__ == "__main__":
    raise SystemExit(main())
