"""Time and memory of `treaty validate` on every hostile input (issue 6: under 1 s and 200 MB).

Runs each case of tests/data/hostile/cases.yaml, and a few worst cases at the limits (files of
the largest allowed size built to be as costly as possible), as a real process, and reports
wall time and peak memory (the process's maximum resident set size). Exits 1 if any run takes
1 s or more, uses 200 MB or more, or does not exit 1 (0 for the baseline).

    .venv/bin/python bench/hostile.py [--repeat N]

The numbers include starting Python and importing treaty (the "baseline" row: a clean
project). The unreadable case is simulated in-process by the tests and is not run here.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.conftest import DATA, copy_project  # noqa: E402
from tests.hostile import HOSTILE, build, load_cases  # noqa: E402

LIMIT_SECONDS, LIMIT_MB = 1.0, 200
TREATY = str(Path(sys.executable).with_name("treaty"))
MIB = 1024 * 1024
CLAUSE = (HOSTILE / "valid-clause.yaml").read_text("utf-8")


def _fill(head: str, piece: str, tail: str = "") -> str:
    """``head``, then ``piece`` repeated, then ``tail``: just under 1 MiB, the default limit."""
    return head + piece * ((MIB - len(head) - len(tail)) // len(piece)) + tail


def _unknown_keys() -> str:
    return CLAUSE + "".join(f"k{i}: v\n" for i in range(MIB // 12))[: MIB - len(CLAUSE) - 1]


def _unmatched_quotes() -> str:
    quote = "      - source: sputnik\n        quote: a quote that is nowhere in the source {}\n"
    head = CLAUSE + (
        "positions:\n  - party: US\n    stance: never-agree\n    date: 2021-12-23\n"
        "    basis: explicit\n    evidence:\n"
    )
    body = "".join(quote.format(i) for i in range(MIB // len(quote)))
    return (head + body)[: MIB - 200].rsplit("\n", 2)[0] + "\n"


def _big_registry() -> str:
    """Two thousand entries naming one 4 MiB seed file whose hash does not match."""
    registry = (DATA / "project" / "seeds" / "sources.yaml").read_text("utf-8")
    for i in range(2000):
        registry += (
            f"  - id: big-{i}\n    file: big.txt\n    title: null\n    outlet: null\n"
            f"    published: null\n    sha256: {'a' * 64}\n"
        )
    return registry


def worst_cases() -> list[tuple[str, str, str, str | None]]:
    """(name, where, text, a 4 MiB seed to add or None): files at the limits, built to cost
    the most. All but the "valid" one have problems."""
    clause, notes = "clauses/us-russia/9.yaml", CLAUSE + "notes: "
    topics = CLAUSE.replace("topics: [hotlines]\n", "") + "topics: ["
    return [
        ("limit: 1 MiB of unknown keys", clause, _unknown_keys(), None),
        ("limit: 1 MiB flow list of numbers", clause, _fill(topics, "1,", "1]\n"), None),
        ("limit: 1 MiB, one long note (valid)", clause, _fill(notes, "x", "\n"), None),
        ("limit: 1 MiB of duplicate keys", clause, _fill(CLAUSE, "title: x\n"), None),
        ("limit: 1 MiB of escaped ESCs", clause, _fill(notes + '"', "\\e", '"\n'), None),
        ("limit: 1 MiB of unmatched quotes", clause, _unmatched_quotes(), None),
        ("limit: 2,000 entries, one 4 MiB seed", "seeds/sources.yaml", _big_registry(), "big.txt"),
    ]


# Measures one run from a small process: a child's peak memory counts its parent's memory at
# the fork (Linux), so the child must not be forked from this script, which holds big files.
LAUNCHER = """
import resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.call(sys.argv[1:], stderr=subprocess.STDOUT)
seconds = time.perf_counter() - start
print(seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code, file=sys.stderr)
"""


def run(project: Path, args: list[str]) -> tuple[float, float, int, str]:
    """Wall seconds, peak MB, exit code and output of one real `treaty validate`."""
    env = {k: v for k, v in os.environ.items() if k != "TREATY_ROOT"}
    done = subprocess.run(
        [sys.executable, "-c", LAUNCHER, TREATY, "validate", *args],
        cwd=project,
        env=env,
        capture_output=True,
        check=True,
    )
    seconds, kb, code = done.stderr.decode().split()
    return float(seconds), int(kb) / 1024, int(code), done.stdout.decode("utf-8", "replace")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per case; the slowest counts")
    args = parser.parse_args()
    rows: list[tuple[str, float, float, int]] = []
    with tempfile.TemporaryDirectory() as scratch:
        tmp = Path(scratch)
        base = copy_project(DATA / "project", tmp / "baseline")
        seconds, mb, code, _ = max(run(base, []) for _ in range(args.repeat))
        rows.append(("baseline: clean project", seconds, mb, code))
        for case in load_cases():
            if case.unreadable:
                continue
            where = tmp / case.name
            where.mkdir()
            project, _ = build(case, where)
            seconds, mb, code, output = max(run(project, case.args) for _ in range(args.repeat))
            if output.splitlines()[:-1] != case.expect:
                print(f"{case.name}: unexpected output:\n{output}", file=sys.stderr)
                code = -1
            rows.append((case.name, seconds, mb, code))
            shutil.rmtree(where)
        for name, at, text, seed in worst_cases():
            project = copy_project(DATA / "project", tmp / "worst")
            (project / at).write_text(text, "utf-8")
            if seed:
                (project / "seeds" / seed).write_text("word " * (4 * MIB // 5), "utf-8")
            seconds, mb, code, _ = max(run(project, []) for _ in range(args.repeat))
            rows.append((name, seconds, mb, code))
            shutil.rmtree(project)
    print("| case | seconds | peak MB | exit |\n|---|---:|---:|---:|")
    bad = 0
    for name, seconds, mb, code in rows:
        valid = "baseline" in name or "(valid)" in name
        over = seconds >= LIMIT_SECONDS or mb >= LIMIT_MB or code != (0 if valid else 1)
        bad += over
        print(f"| {name}{' **OVER**' if over else ''} | {seconds:.2f} | {mb:.0f} | {code} |")
    print(f"\n{len(rows) - 1} runs; {bad} over {LIMIT_SECONDS:.0f} s / {LIMIT_MB} MB or with the "
          "wrong exit code.")  # fmt: skip
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
