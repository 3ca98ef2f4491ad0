"""Benchmark: treaty against check-jsonschema on the same generated clause files.

    python3 bench/run.py            # 1,000 and 10,000 files; writes bench/RESULTS.md
    python3 bench/run.py --large    # and 100,000 files (treaty only: time per clause, memory)

Needs only Python 3.11+ and pip with access to the package index: it creates its own virtual
environments under bench/.venvs/ (ignored by git) and its projects in a temporary folder.
Every timed run must succeed (exit 0) or the benchmark stops: both tools accept every file.
Runs of the tools being compared alternate, and each figure is the median of its runs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as a script from a fresh clone
    sys.path.insert(0, str(REPO))

from bench import corpus, envs, machine, measure, report  # noqa: E402

SCHEMA = "schemas/clause.schema.json"


@dataclass
class Tools:
    """The programs under test."""

    treaty: str
    cj_hook: str
    cj_c: str
    has_status: bool


@dataclass(frozen=True)
class Figure:
    """The median of several runs of one command."""

    seconds: float
    max_rss_kb: int
    tree_rss_kb: int
    runs: int


Command = Callable[[], measure.Sample]


def alternate(commands: dict[str, Command], runs: int) -> dict[str, Figure]:
    """Run each command ``runs`` times, rotating their order run by run; medians."""
    samples: dict[str, list[measure.Sample]] = {name: [] for name in commands}
    names = list(commands)
    for r in range(runs):
        for name in names[r % len(names) :] + names[: r % len(names)]:
            samples[name].append(commands[name]())
    return {name: _median(found) for name, found in samples.items()}


def _median(found: list[measure.Sample]) -> Figure:
    return Figure(
        statistics.median(s.seconds for s in found),
        int(statistics.median(s.max_rss_kb for s in found)),
        int(statistics.median(s.tree_rss_kb for s in found)),
        len(found),
    )


def _say(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def cold_treaty(tools: Tools, project: Path) -> Command:
    """A first run: no cache (it is deleted), which then writes the cache."""

    def run() -> measure.Sample:
        shutil.rmtree(project / ".treaty-cache", ignore_errors=True)
        return measure.run([tools.treaty, "validate"], project)

    return run


def command(cmd: list[str], project: Path) -> Command:
    return lambda: measure.run(cmd, project)


def check_jsonschema(program: str, files: list[str]) -> list[str]:
    return [program, "--schemafile", SCHEMA, *files]


def edited(path: Path, run: Command) -> Command:
    """``run`` after a real edit of ``path`` (a comment line toggled), so no cache vouches
    for it: the case of a pre-commit hook given the file just changed."""
    original = path.read_text("utf-8")
    count = [0]

    def go() -> measure.Sample:
        count[0] += 1
        path.write_text(original + f"# edit {count[0]}\n", "utf-8")
        return run()

    return go


def clause_files(project: Path) -> list[str]:
    """Every clause file of a project, relative to it, as check-jsonschema is given them."""
    found = [
        p.relative_to(project).as_posix()
        for p in (project / "clauses").glob("*/*.yaml")
        if p.name != "treaty.yaml"
    ]
    return sorted(found)


def bench_size(
    tools: Tools, project: Path, files: list[str], runs: int, quick_runs: int
) -> dict[str, Figure]:
    """Every figure for one generated project."""
    n = len(files)
    out: dict[str, Figure] = {}
    _say(f"{n} files: cold runs, alternating treaty and both check-jsonschema installs")
    out |= {
        f"{key} cold": fig
        for key, fig in alternate(
            {
                "treaty": cold_treaty(tools, project),
                "treaty --no-cache": command([tools.treaty, "validate", "--no-cache"], project),
                "cj-hook": command(check_jsonschema(tools.cj_hook, files), project),
                "cj-c": command(check_jsonschema(tools.cj_c, files), project),
            },
            runs,
        ).items()
    }
    _say(f"{n} files: warm runs (nothing changed since the last run)")
    measure.run([tools.treaty, "validate"], project)  # the cache is up to date
    out |= {
        f"{key} warm": fig
        for key, fig in alternate(
            {"treaty": command([tools.treaty, "validate"], project)}, quick_runs
        ).items()
    }
    one = files[0]
    _say(f"{n} files: one file ({one})")
    out |= {
        f"{key} one": fig
        for key, fig in alternate(
            {
                "treaty --no-cache": command(
                    [tools.treaty, "validate", "--no-cache", one], project
                ),
                "treaty edited": edited(
                    project / one, command([tools.treaty, "validate", one], project)
                ),
                "cj-hook": command(check_jsonschema(tools.cj_hook, [one]), project),
                "cj-c": command(check_jsonschema(tools.cj_c, [one]), project),
            },
            quick_runs,
        ).items()
    }
    measure.run([tools.treaty, "validate"], project)
    out |= {
        "treaty one warm": alternate(
            {"x": command([tools.treaty, "validate", one], project)}, quick_runs
        )["x"]
    }
    _say("the floor under a changed file: Python, and Python with pydantic and the models")
    python = str(Path(tools.treaty).parent / "python")
    out |= {
        f"floor {key}": fig
        for key, fig in alternate(
            {
                "python": command([python, "-c", "pass"], project),
                "models": command([python, "-c", "import treaty.model"], project),
            },
            quick_runs,
        ).items()
    }
    if tools.has_status:
        _say(f"{n} files: treaty status")
        out["treaty status"] = alternate({"x": command([tools.treaty, "status"], project)}, runs)[
            "x"
        ]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000", help="files to generate, per run")
    parser.add_argument("--large", action="store_true", help="also 100,000 files (treaty)")
    parser.add_argument("--runs", type=int, default=3, help="runs of each slow measurement")
    parser.add_argument("--quick-runs", type=int, default=9, help="runs of each fast one")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "RESULTS.md")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s]

    base = REPO / "bench" / ".venvs"
    _say(f"setting up virtual environments in {base}")
    treaty_env = envs.treaty_env(base, REPO)
    hook_env = envs.hook_env(base)
    c_env = envs.c_loader_env(base)
    if envs.uses_c_loader(hook_env) or not envs.uses_c_loader(c_env):
        raise SystemExit("bench: the check-jsonschema environments are not as intended")
    treaty = treaty_env.bin("treaty")
    has_status = measure.succeeds([treaty, "status", "--help"], REPO)
    tools = Tools(
        treaty, hook_env.bin("check-jsonschema"), c_env.bin("check-jsonschema"), has_status
    )
    about = machine.describe(
        {
            "treaty": treaty_env,
            "check-jsonschema (hook)": hook_env,
            "check-jsonschema (C loader)": c_env,
        },
        REPO,
    )

    results: dict[int, dict[str, Figure]] = {}
    counts: dict[int, int] = {}
    status_bundled: Figure | None = None
    with tempfile.TemporaryDirectory(prefix="treaty-bench-") as tmp:
        bundled = Path(tmp) / "bundled"
        corpus.make_project(REPO, bundled, 0)
        if has_status:
            status_bundled = alternate(
                {"x": command([treaty, "status"], bundled)}, args.quick_runs
            )["x"]
        for n in sizes:
            project = Path(tmp) / f"p{n}"
            _say(f"generating {n} clause files")
            corpus.make_project(REPO, project, n)
            files = clause_files(project)
            counts[n] = len(files)
            results[n] = bench_size(tools, project, files, args.runs, args.quick_runs)
            shutil.rmtree(project)
        if args.large:
            n = 100_000
            project = Path(tmp) / f"p{n}"
            _say(f"generating {n} clause files")
            corpus.make_project(REPO, project, n)
            counts[n] = len(clause_files(project))
            _say(f"{n} files: treaty cold and warm")
            results[n] = {
                "treaty cold": alternate({"x": cold_treaty(tools, project)}, args.runs)["x"]
            }
            measure.run([treaty, "validate"], project)
            results[n]["treaty warm"] = alternate(
                {"x": command([treaty, "validate"], project)}, args.quick_runs
            )["x"]
            shutil.rmtree(project)

    about["load after"] = machine.load()
    text = report.render(
        about, results, counts, status_bundled, has_status, args.runs, args.quick_runs
    )
    args.out.write_text(text, "utf-8")
    _say(f"wrote {args.out}")
    print(text)
    return 0


if __name__ == "__main__":
    os.environ.pop("TREATY_ROOT", None)
    raise SystemExit(main())
