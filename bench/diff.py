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

Prints a Markdown table of medians and ratios; nothing is written to the repository.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as a script from a fresh clone
    sys.path.insert(0, str(REPO))

from bench import corpus, machine  # noqa: E402
from bench.run import Figure, alternate, command  # noqa: E402

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
        ten = alternate(
            {
                "treaty diff HEAD~1 HEAD": command([treaty, "diff", "HEAD~1", "HEAD"], project),
                "treaty status|warm": command([treaty, "status"], project),
                "git diff --stat HEAD~1 HEAD": command(
                    [git_program, "diff", "--stat", "HEAD~1", "HEAD"], project
                ),
            },
            args.runs,
        )
        every = alternate(
            {
                "treaty diff HEAD~2 HEAD": command([treaty, "diff", "HEAD~2", "HEAD"], project),
                "treaty validate --no-cache|cold": command(
                    [treaty, "validate", "--no-cache"], project
                ),
                "git diff --stat HEAD~2 HEAD": command(
                    [git_program, "diff", "--stat", "HEAD~2", "HEAD"], project
                ),
            },
            args.runs,
        )
    print(f"{n:,} clause files; load {machine.load()}; medians of {args.runs} alternating runs\n")
    print("| command | time | peak memory (all processes) | ratio |")
    print("|---|---:|---:|---:|")
    _rows(ten, "treaty diff HEAD~1 HEAD")
    _rows(every, "treaty diff HEAD~2 HEAD")
    return 0


def _rows(figures: dict[str, Figure], main: str) -> None:
    base = figures[main].seconds
    for name, f in figures.items():
        ratio = "" if name == main else f"diff / this: {base / f.seconds:.2f}x"
        shown, _, note = name.partition("|")
        shown = f"`{shown}`" + (f" ({note})" if note else "")
        print(f"| {shown} | {f.seconds:.2f} s | {f.tree_rss_kb // 1024} MB | {ratio} |")


if __name__ == "__main__":
    raise SystemExit(main())
