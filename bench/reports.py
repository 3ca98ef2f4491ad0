"""How long the reports take on a large corpus: the bundled one, each clause copied N times.

    .venv/bin/python bench/reports.py [COPIES]

Builds the corpus in a temporary folder (articles renumbered, so every copy is a distinct,
valid clause), then times each command as a user runs it: the installed `treaty`, a new
process each time. Prints the best of three runs per command, in seconds; the reports should
cost little beyond `treaty validate`, which they run first.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
COMMANDS = [
    ["validate"],
    ["status"],
    ["status", "--format", "json"],
    ["show", "us-russia.4.1"],
    ["sources"],
    ["timeline"],
]


def build(root: Path, copies: int) -> int:
    """Copy the bundled corpus to ``root`` with every clause repeated ``copies`` times."""
    shutil.copytree(REPO / "clauses", root / "clauses")
    shutil.copytree(REPO / "seeds", root / "seeds")
    originals = [p for p in (root / "clauses").glob("*/*.yaml") if p.name != "treaty.yaml"]
    for k in range(1, copies):
        for path in originals:
            text = path.read_text("utf-8")
            found = re.search(r"^article: (\d+)$", text, re.M)
            assert found, path
            article = int(found.group(1)) + 10 * k
            paragraph = re.search(r"^paragraph: (\d+)$", text, re.M)
            rest = f".{paragraph.group(1)}" if paragraph else ""
            clause_id = f"{path.parent.name}.{article}{rest}"
            text = re.sub(r"^id: .*$", f"id: {clause_id}", text, count=1, flags=re.M)
            text = re.sub(r"^article: \d+$", f"article: {article}", text, count=1, flags=re.M)
            (path.parent / f"{article}{rest}.yaml").write_text(text, "utf-8")
    return len(originals) * copies


def main() -> int:
    copies = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    treaty = Path(sys.executable).parent / "treaty"
    with tempfile.TemporaryDirectory() as tmp:
        n = build(Path(tmp), copies)
        print(f"{n} clauses")
        for command in COMMANDS:
            times = []
            for _ in range(3):  # best of three: the machine's noise only ever adds time
                start = time.perf_counter()
                done = subprocess.run(
                    [str(treaty), *command, "--root", tmp], capture_output=True, check=False
                )
                times.append(time.perf_counter() - start)
            print(f"{min(times):6.2f}s  treaty {' '.join(command)} (exit {done.returncode})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
