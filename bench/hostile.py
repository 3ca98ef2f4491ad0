"""Time and memory of `treaty validate` on every hostile input (issue 13: under 2 s and 300 MB).

Runs each case of tests/data/hostile/cases.yaml, and the worst cases at each limit (files of
the largest allowed size built to be as costly as possible: unknown keys, flow lists,
duplicate keys, escapes, unmatched and found quotes against a source at the 4 MiB limit, a
registry at the 1 MiB limit, the deepest tree, the longest names), as a real process, and
reports wall time, CPU time and peak memory (the process's maximum resident set size). Exits
1 if any run takes 2 s or more, uses 300 MB or more, or does not exit 1 (0 for the baseline
and the valid cases).

    .venv/bin/python bench/hostile.py [--repeat N]

The numbers include starting Python and importing treaty (the "baseline" row: a clean
project). The unreadable case is simulated in-process by the tests and is not run here.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.conftest import DATA, copy_project  # noqa: E402
from tests.hostile import HOSTILE, build, load_cases  # noqa: E402

LIMIT_SECONDS, LIMIT_MB = 2.0, 300
TREATY = str(Path(sys.executable).with_name("treaty"))
MIB = 1024 * 1024
CLAUSE = (HOSTILE / "valid-clause.yaml").read_text("utf-8")
CLAUSE_AT = "clauses/us-russia/9.yaml"


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


def _big_registry(entries: int = 2000) -> str:
    """Entries naming one 4 MiB seed file whose hash does not match."""
    registry = (DATA / "project" / "seeds" / "sources.yaml").read_text("utf-8")
    for i in range(entries):
        registry += (
            f"  - id: big-{i}\n    file: big.txt\n    title: null\n    outlet: null\n"
            f"    published: null\n    sha256: {'a' * 64}\n"
        )
    return registry


def _big_seed(project: Path) -> str:
    """A registered article at the 4 MiB limit, of words that never repeat a phrase (so a
    quote from its end is found only there); its text."""
    pick = random.Random(13).randrange
    text = " ".join(f"w{pick(100_000)}" for _ in range(700_000))[: 4 * MIB - 64]
    text = text.rsplit(" ", 1)[0] + "\n"
    (project / "seeds" / "big.txt").write_text(text, "utf-8")
    registry = project / "seeds" / "sources.yaml"
    registry.write_text(
        registry.read_text("utf-8")
        + "  - id: big\n    file: big.txt\n    title: null\n    outlet: null\n"
        + f"    published: null\n    sha256: {hashlib.sha256(text.encode()).hexdigest()}\n",
        "utf-8",
    )
    return text


def _quotes_of_big(found: bool) -> Setup:
    """As many quotes as the value limit allows, each one scan of the 4 MiB seed: found at
    its very end, or (not found) sent to the search for a closest passage."""

    def setup(project: Path) -> None:
        tail = _big_seed(project)[-200_000:].split(" ")[1:-1]
        quotes = []
        for i in range(9_900):  # 5 values each: just under the limit of 50,000
            words = " ".join(tail[(i * 3) % (len(tail) - 4) :][:3])
            quote = words if found else f"{words} nowhere"
            quotes.append(f"  - source: big\n    quote: {quote}\n")
        (project / CLAUSE_AT).write_text(CLAUSE + "".join(quotes), "utf-8")

    return setup


def _file(at: str, text: str, seed: str | None = None) -> Setup:
    def setup(project: Path) -> None:
        (project / at).write_text(text, "utf-8")
        if seed:
            (project / "seeds" / seed).write_text("word " * (4 * MIB // 5), "utf-8")

    return setup


def _deep_tree(depth: int) -> Setup:
    """A stray file at the bottom of a tree ``depth`` folders deep (git keeps one)."""

    def setup(project: Path) -> None:
        folder = project / "clauses" / "us-russia"
        for _ in range(depth):  # not os.makedirs: it recurses
            folder = folder / "a"
            folder.mkdir()
        (folder / "stray.yaml").write_text(CLAUSE, "utf-8")

    return setup


def _long_names(files: int) -> Setup:
    """Clause files whose names take all 255 bytes a name may have."""

    def setup(project: Path) -> None:
        for i in range(files):
            name = f"{i:0250d}.yaml"
            (project / "clauses" / "us-russia" / name).write_text(CLAUSE, "utf-8")

    return setup


Setup = Callable[[Path], None]


def worst_cases() -> list[tuple[str, Setup]]:
    """(name, what to put in a copy of the test project): the limits, built to cost the most.
    All but the "valid" one have problems."""
    clause, notes = CLAUSE_AT, CLAUSE + "notes: "
    topics = CLAUSE.replace("topics: [hotlines]\n", "") + "topics: ["
    # As many entries as the value limit allows (13 values each: 50,000 in all).
    registry = _big_registry(50_000 // 13 - 8)
    return [
        ("limit: 1 MiB of unknown keys", _file(clause, _unknown_keys())),
        ("limit: 1 MiB flow list of numbers", _file(clause, _fill(topics, "1,", "1]\n"))),
        ("limit: 1 MiB, one long note (valid)", _file(clause, _fill(notes, "x", "\n"))),
        ("limit: 1 MiB of duplicate keys", _file(clause, _fill(CLAUSE, "title: x\n"))),
        ("limit: 1 MiB of escaped ESCs", _file(clause, _fill(notes + '"', "\\e", '"\n'))),
        ("limit: 1 MiB of unmatched quotes", _file(clause, _unmatched_quotes())),
        ("limit: 9,900 found quotes, a 4 MiB seed", _quotes_of_big(found=True)),
        ("limit: 9,900 unmatched quotes, a 4 MiB seed", _quotes_of_big(found=False)),
        (
            "limit: 2,000 entries, one 4 MiB seed",
            _file("seeds/sources.yaml", _big_registry(), "big.txt"),
        ),
        (
            f"limit: registry of {registry.count('- id:'):,} entries, a 4 MiB seed",
            _file("seeds/sources.yaml", registry, "big.txt"),
        ),
        ("limit: a tree 1,900 folders deep", _deep_tree(1900)),
        ("limit: 1,000 names of 255 bytes", _long_names(1000)),
    ]


# Measures one run from a small process: a child's peak memory counts its parent's memory at
# the fork (Linux), so the child must not be forked from this script, which holds big files.
LAUNCHER = """
import resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.call(sys.argv[1:], stderr=subprocess.STDOUT)
seconds = time.perf_counter() - start
used = resource.getrusage(resource.RUSAGE_CHILDREN)
print(seconds, used.ru_maxrss, code, used.ru_utime + used.ru_stime, file=sys.stderr)
"""

Row = tuple[str, float, float, int, float]  # name, wall seconds, peak MB, exit code, CPU s


def run(project: Path, args: list[str]) -> tuple[float, float, int, str, float]:
    """Wall seconds, peak MB, exit code, output and CPU seconds of one real `treaty
    validate` (the machine is shared: CPU time says what the run itself cost)."""
    env = {k: v for k, v in os.environ.items() if k != "TREATY_ROOT"}
    done = subprocess.run(
        [sys.executable, "-c", LAUNCHER, TREATY, "validate", *args],
        cwd=project,
        env=env,
        capture_output=True,
        check=True,
    )
    seconds, kb, code, cpu = done.stderr.decode().split()
    output = done.stdout.decode("utf-8", "replace")
    return float(seconds), int(kb) / 1024, int(code), output, float(cpu)


def _slowest(project: Path, args: list[str], repeat: int) -> tuple[float, float, int, str, float]:
    """The slowest of ``repeat`` runs (the first is cold: it writes the cache)."""
    return max((run(project, args) for _ in range(repeat)), key=lambda r: r[0])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per case; the slowest counts")
    args = parser.parse_args()
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as scratch:
        tmp = Path(scratch)
        base = copy_project(DATA / "project", tmp / "baseline")
        seconds, mb, code, _, cpu = _slowest(base, [], args.repeat)
        rows.append(("baseline: clean project", seconds, mb, code, cpu))
        for case in load_cases():
            if case.unreadable:
                continue
            where = tmp / case.name
            where.mkdir()
            project, _ = build(case, where)
            seconds, mb, code, output, cpu = _slowest(project, case.args, args.repeat)
            if output.splitlines()[:-1] != case.expect:
                print(f"{case.name}: unexpected output:\n{output}", file=sys.stderr)
                code = -1
            rows.append((case.name, seconds, mb, code, cpu))
            shutil.rmtree(where)
        for name, setup in worst_cases():
            project = copy_project(DATA / "project", tmp / "worst")
            setup(project)
            seconds, mb, code, _, cpu = _slowest(project, [], args.repeat)
            rows.append((name, seconds, mb, code, cpu))
            subprocess.run(["rm", "-rf", str(project)], check=True)  # rmtree recurses
    print("| case | seconds | CPU s | peak MB | exit |\n|---|---:|---:|---:|---:|")
    bad = 0
    for name, seconds, mb, code, cpu in rows:
        valid = "baseline" in name or "(valid)" in name
        over = seconds >= LIMIT_SECONDS or mb >= LIMIT_MB or code != (0 if valid else 1)
        bad += over
        mark = " **OVER**" if over else ""
        print(f"| {name}{mark} | {seconds:.2f} | {cpu:.2f} | {mb:.0f} | {code} |")
    print(f"\n{len(rows) - 1} runs; {bad} over {LIMIT_SECONDS:.0f} s / {LIMIT_MB} MB or with the "
          "wrong exit code.")  # fmt: skip
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
