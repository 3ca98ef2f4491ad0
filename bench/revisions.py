"""Benchmark: treaty at two git revisions, side by side, on the same generated project.

    python3 bench/revisions.py BASE [HEAD]      # HEAD defaults to the working tree

For a change that must not make treaty slower (a refactoring, a new check): each revision is
installed in a virtual environment of its own under bench/.venvs/rev-*/, runs of the two
alternate, and each figure is the median of its runs. Prints a Markdown table with the ratio
of HEAD's time to BASE's; nothing is written to the repository.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as a script from a fresh clone
    sys.path.insert(0, str(REPO))

from bench import corpus, envs, measure  # noqa: E402
from bench.run import Command, Figure, alternate, clause_files, command, edited  # noqa: E402


def install(rev: str | None, base: Path, tmp: Path) -> str:
    """The ``treaty`` program of ``rev`` (None: the working tree), freshly installed."""
    if rev is None:
        return envs.treaty_env(base / "rev-tree", REPO).bin("treaty")
    commit = subprocess.run(
        ["git", "rev-parse", "--verify", f"{rev}^{{commit}}"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    source = tmp / f"src-{commit[:12]}"
    source.mkdir()
    archive = subprocess.run(["git", "archive", commit], cwd=REPO, capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(source)], input=archive.stdout, check=True)
    return envs.treaty_env(base / f"rev-{commit[:12]}", source).bin("treaty")


Case = Callable[[str, Path], Command]
CASES: dict[str, Case] = {
    "one edited file (--no-cache)": lambda t, p: edited(
        p / clause_files(p)[0], command([t, "validate", "--no-cache", clause_files(p)[0]], p)
    ),
    "one unchanged file (cache)": lambda t, p: command([t, "validate", clause_files(p)[0]], p),
    "warm validate (whole project)": lambda t, p: command([t, "validate"], p),
    "--help": lambda t, p: command([t, "--help"], p),
}


def measure_pair(
    programs: dict[str, str], projects: dict[str, Path], runs: int
) -> dict[str, dict[str, Figure]]:
    """Each case for both programs, alternating; each program on its own copy of the project,
    so that neither overwrites the other's cache."""
    out: dict[str, dict[str, Figure]] = {}
    for name, make in CASES.items():
        for key, program in programs.items():
            measure.run([program, "validate"], projects[key])  # its cache up to date
        out[name] = alternate({k: make(t, projects[k]) for k, t in programs.items()}, runs)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", help="the revision to compare against")
    parser.add_argument("head", nargs="?", help="the revision to measure (default: working tree)")
    parser.add_argument("--files", type=int, default=1000, help="clause files to generate")
    parser.add_argument("--runs", type=int, default=15, help="runs of each measurement")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="treaty-rev-") as tmp:
        folder = REPO / "bench" / ".venvs"
        base = install(args.base, folder, Path(tmp))
        head = install(args.head, folder, Path(tmp))
        projects = {k: Path(tmp) / k for k in ("base", "head")}
        for project in projects.values():
            corpus.make_project(REPO, project, args.files)
        files = len(clause_files(projects["base"]))
        found = measure_pair({"base": base, "head": head}, projects, args.runs)
    head_name = args.head or "working tree"
    lines = [
        f"{files} clause files, medians of {args.runs} alternating runs",
        "",
        f"| case | {args.base} | {head_name} | ratio |",
        "|---|---:|---:|---:|",
    ]
    for name, pair in found.items():
        b, h = pair["base"].seconds, pair["head"].seconds
        lines.append(f"| {name} | {b * 1000:.0f} ms | {h * 1000:.0f} ms | {h / b:.2f} |")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    os.environ.pop("TREATY_ROOT", None)
    raise SystemExit(main())
