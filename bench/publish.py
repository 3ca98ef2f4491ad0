"""Benchmark: `treaty publish` against StrictDoc's HTML export, on corpora of the same clauses.

    .venv/bin/python bench/publish.py              # 10,000 clauses; writes bench/PUBLISH.md
    .venv/bin/python bench/publish.py --clauses 1000

StrictDoc is what users of requirement trackers run to publish theirs as HTML. Both tools get
the same clauses: the bundled corpus plus generated copies (``bench/corpus.py``), and for
StrictDoc the same clauses written as ``.sdoc`` documents (one per treaty, a section per
article, a requirement per clause with its text as STATEMENT, the positions' rationales as
RATIONALE and their quotes as COMMENT). Each tool runs from a virtual environment this script
makes under bench/.venvs/ (StrictDoc is never a dependency of treaty or its tests), as a new
process, from a cold start: StrictDoc with an empty cache (a fresh TMPDIR), treaty with no
output folder. Both write every page; neither fetches anything.
"""

from __future__ import annotations

import argparse
import platform
import resource
import statistics
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as a script from a fresh clone
    sys.path.insert(0, str(REPO))

from ruamel.yaml import YAML  # noqa: E402

from bench import corpus, envs, measure  # noqa: E402

STRICTDOC = "strictdoc"
AS_OF = "2021-12-31"


@dataclass(frozen=True)
class Timed:
    wall: float
    cpu: float  # user + system seconds of the process and the workers it waited for
    tree_rss_kb: int
    output_mb: float
    files: int


def _timed(cmd: list[str], cwd: Path, out: Path) -> Timed:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    sample = measure.run(cmd, cwd)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    files = [p for p in out.rglob("*") if p.is_file()]
    size = sum(p.stat().st_size for p in files) / 1e6
    return Timed(sample.seconds, cpu, sample.tree_rss_kb, size, len(files))


def _block(text: str) -> str:
    # A multi-line field: a line that is only "<<<" would end it early.
    return "\n".join(line if line.strip() != "<<<" else line + " " for line in text.splitlines())


def _requirement(clause: dict[str, Any]) -> str:
    rationale = "\n".join(
        f"{p['party']} {p['stance']} {p['date']}: {p.get('rationale') or 'no rationale'}"
        for p in clause.get("positions") or []
    )
    quotes = "\n".join(
        f"{q['source']}: {q['quote']}" for p in clause.get("positions") or [] for q in p["evidence"]
    )
    out = [
        "[REQUIREMENT]",
        f"UID: {clause['id']}",
        f"TITLE: {' '.join(str(clause['title']).split())}",
        f"STATEMENT: >>>\n{_block(str(clause['text']))}\n<<<",
    ]
    if rationale:
        out.append(f"RATIONALE: >>>\n{_block(rationale)}\n<<<")
    if quotes:
        out.append(f"COMMENT: >>>\n{_block(quotes)}\n<<<")
    return "\n".join(out) + "\n"


def write_sdoc(project: Path, dest: Path) -> int:
    """The project's clauses as StrictDoc documents, one per treaty; how many requirements."""
    yaml = YAML(typ="safe")
    dest.mkdir(parents=True)
    total = 0
    for folder in sorted(p for p in (project / "clauses").iterdir() if p.is_dir()):
        treaty = yaml.load((folder / "treaty.yaml").read_text("utf-8"))
        clauses = [
            yaml.load(p.read_text("utf-8"))
            for p in sorted(folder.glob("*.yaml"))
            if p.name != "treaty.yaml"
        ]
        clauses.sort(key=lambda c: (c["article"], c.get("paragraph") or 0))
        parts = [f"[DOCUMENT]\nTITLE: {' '.join(treaty['title'].split())}\n"]
        article = None
        for clause in clauses:
            if clause["article"] != article:
                if article is not None:
                    parts.append("\n[[/SECTION]]\n")
                article = clause["article"]
                parts.append(f"\n[[SECTION]]\nTITLE: Article {article}\n")
            parts.append("\n" + _requirement(clause))
            total += 1
        if article is not None:
            parts.append("\n[[/SECTION]]\n")
        (dest / f"{folder.name}.sdoc").write_text("".join(parts), "utf-8")
    return total


def strictdoc_env(base: Path) -> envs.Env:
    env = envs._venv(base / STRICTDOC)
    if not (env.folder / "bin" / STRICTDOC).exists():
        envs._pip(env, STRICTDOC)
    return env


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clauses", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3, help="runs of treaty (StrictDoc: one)")
    args = parser.parse_args()
    venvs = REPO / "bench" / ".venvs"
    venvs.mkdir(parents=True, exist_ok=True)
    print("bench: installing treaty and StrictDoc into bench/.venvs/ ...", flush=True)
    treaty_env = envs.treaty_env(venvs, REPO)
    sdoc_env = strictdoc_env(venvs)
    versions = {
        "treaty": envs.version(treaty_env, "treaty"),
        STRICTDOC: envs.version(sdoc_env, STRICTDOC),
    }
    with tempfile.TemporaryDirectory(prefix="bench-publish-") as tmp:
        work = Path(tmp)
        project = work / "project"
        corpus.make_project(REPO, project, args.clauses - 10)  # the bundled 10, and copies
        n = write_sdoc(project, work / "sdoc")
        assert n == args.clauses, n
        print(f"bench: {n} clauses", flush=True)
        treaty_runs = []
        for i in range(args.runs):
            out = work / f"site-{i}"
            cmd = [treaty_env.bin("treaty"), "publish", "--out", str(out), "--as-of", AS_OF]
            treaty_runs.append(_timed(cmd, project, out))
            print(f"bench: treaty publish {treaty_runs[-1]}", flush=True)
        cache = work / "strictdoc-tmp"
        cache.mkdir()
        out = work / "strictdoc-out"
        cmd = [
            "env",
            f"TMPDIR={cache}",  # StrictDoc caches parsed documents there: start empty
            sdoc_env.bin(STRICTDOC),
            "export",
            "--formats",
            "html",
            "--output-dir",
            str(out),
            str(work / "sdoc"),
        ]
        sdoc = _timed(cmd, work, out)
        print(f"bench: strictdoc export {sdoc}", flush=True)
    treaty = Timed(
        statistics.median(t.wall for t in treaty_runs),
        statistics.median(t.cpu for t in treaty_runs),
        max(t.tree_rss_kb for t in treaty_runs),
        treaty_runs[0].output_mb,
        treaty_runs[0].files,
    )
    report = _report(args.clauses, treaty, sdoc, versions, args.runs)
    (REPO / "bench" / "PUBLISH.md").write_text(report, "utf-8")
    print(report)
    return 0


def _report(n: int, treaty: Timed, sdoc: Timed, versions: dict[str, str], runs: int) -> str:
    rows = [
        ("treaty publish", treaty),
        (f"strictdoc export --formats html ({versions[STRICTDOC]})", sdoc),
    ]
    lines = [
        f"# Publishing {n:,} clauses: treaty publish and StrictDoc's HTML export",
        "",
        f"Written by `bench/publish.py` on {platform.machine()} with Python "
        f"{platform.python_version()}, {_cpus()} CPUs; treaty {versions['treaty']}: the median "
        f"of {runs} runs; StrictDoc: one run from an empty cache. Wall time depends on what "
        "else the machine runs; CPU time (user + system, the tool's workers included) less so.",
        "",
        "| tool | wall (s) | CPU (s) | peak memory, process tree (MiB) | output (MB) | files |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, t in rows:
        lines.append(
            f"| {name} | {t.wall:.1f} | {t.cpu:.1f} | {t.tree_rss_kb / 1024:.0f} | "
            f"{t.output_mb:.0f} | {t.files:,} |"
        )
    lines += [
        "",
        f"treaty takes {treaty.wall / sdoc.wall:.2f} of StrictDoc's wall time and "
        f"{treaty.cpu / sdoc.cpu:.2f} of its CPU time. treaty's run includes validating "
        "every file and finding every quote in its source; the generated clauses are copies "
        "of the bundled ones, so their quotes repeat (each distinct quote is found once).",
        "",
    ]
    return "\n".join(lines)


def _cpus() -> int:
    import os

    return len(os.sched_getaffinity(0))


if __name__ == "__main__":
    raise SystemExit(main())
