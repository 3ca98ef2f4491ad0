"""Hardening, round two (issue 13), the reading side: no link is followed anywhere, by the
cache's fast path either, no tree is too deep to walk, and no path given to ``validate``
passes unchecked. Each test is one defect a probe found, through the real command."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DATA, copy_project, invoke
from tests.hostile import outside_reads, reads

TREATY = str(Path(sys.executable).with_name("treaty"))
CLAUSE = Path("clauses/us-russia/4.1.yaml")


def _validate(
    project: Path, *args: str, stdin: int | None = None
) -> subprocess.CompletedProcess[str]:
    """``treaty validate`` as a real process: a hang fails the test instead of the suite."""
    env = {k: v for k, v in os.environ.items() if k != "TREATY_ROOT"}
    return subprocess.run(
        [TREATY, "validate", *args],
        cwd=project,
        env=env,
        stdin=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_a_warm_cache_never_opens_a_link_to_a_pipe(fixture_project: Path) -> None:
    # The cache's fast path used to open a changed file without reading's checks: a committed
    # link to /dev/stdin made `treaty validate` wait for input (a pre-commit hook hangs).
    assert _validate(fixture_project).returncode == 0  # warms the cache
    path = fixture_project / CLAUSE
    path.unlink()
    path.symlink_to("/dev/stdin")
    read, write = os.pipe()  # a stdin that never ends: reading it would wait forever
    try:
        done = _validate(fixture_project, stdin=read)
    finally:
        os.close(read)
        os.close(write)
    assert done.returncode == 1, done.stderr
    assert "clauses/us-russia/4.1.yaml: T011 is a link that leads outside" in done.stdout
    assert done.stdout == _validate(fixture_project, "--no-cache").stdout


def test_a_warm_cache_never_reads_a_link_out_of_the_project(
    fixture_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # ... and read (hashed) a file outside the project, vouching for it when the bytes matched.
    monkeypatch.chdir(fixture_project)
    monkeypatch.delenv("TREATY_ROOT", raising=False)
    assert invoke(["validate"]).exit_code == 0
    outside = tmp_path / "elsewhere.yaml"
    path = fixture_project / CLAUSE
    shutil.copyfile(path, outside)
    path.unlink()
    path.symlink_to(outside)
    with reads() as seen:
        cached = invoke(["validate"])
    assert not [p for _, p in seen if Path(p) == outside.resolve()], "read outside the project"
    assert outside_reads(seen, fixture_project) == []
    assert cached.exit_code == 1
    assert "clauses/us-russia/4.1.yaml: T011 is a link that leads outside" in cached.output
    assert cached.output == invoke(["validate", "--no-cache"]).output


def test_a_stale_cache_does_not_vouch_for_a_folder_moved_out_of_the_project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # clauses/ is a link to a folder of the project; that folder is moved out and the link
    # follows it. Every file keeps its status, so the cached run said ok; reading says T011.
    project = copy_project(DATA / "project", tmp_path / "project")
    (project / "clauses").rename(project / "kept")
    (project / "clauses").symlink_to("kept")
    monkeypatch.chdir(project)
    monkeypatch.delenv("TREATY_ROOT", raising=False)
    assert invoke(["validate"]).exit_code == 0
    (project / "kept").rename(tmp_path / "kept")
    (project / "clauses").unlink()
    (project / "clauses").symlink_to(tmp_path / "kept")
    cached = invoke(["validate"])
    assert cached.exit_code == 1
    assert "clauses/topics.yaml: T011 is a link that leads outside the project" in cached.output
    assert cached.output == invoke(["validate", "--no-cache"]).output


def test_a_seed_file_that_became_a_link_out_of_seeds_is_not_vouched_for(
    fixture_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The same bytes, now a link to a file of the project outside seeds/: T304 afresh, so
    # the cache must say so too.
    monkeypatch.chdir(fixture_project)
    monkeypatch.delenv("TREATY_ROOT", raising=False)
    assert invoke(["validate"]).exit_code == 0
    seed = fixture_project / "seeds" / "001_4efd941cebfa5a88.txt"
    shutil.copyfile(seed, fixture_project / "copy.txt")
    seed.unlink()
    seed.symlink_to("../copy.txt")
    cached = invoke(["validate"])
    assert cached.exit_code == 1
    assert "T304" in cached.output
    assert cached.output == invoke(["validate", "--no-cache"]).output


def _deep(folder: Path, depth: int) -> Path:
    for _ in range(depth):  # not os.makedirs: it recurses too
        folder = folder / "a"
        folder.mkdir()
    return folder


def test_a_tree_a_thousand_folders_deep_is_walked(
    fixture_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Python 3.11's os.walk recurses: every command ended in a RecursionError (exit 3).
    monkeypatch.chdir(fixture_project)
    monkeypatch.delenv("TREATY_ROOT", raising=False)
    top = fixture_project / "clauses" / "us-russia"
    deep = _deep(top, 1000)
    (deep / "stray.yaml").write_text("id: x\n", "utf-8")
    try:
        result = invoke(["validate"])
        assert result.exit_code == 1
        assert "/a/a/stray.yaml: T210 not a clause file" in result.output
        assert invoke(["fmt", "--check", "clauses"]).exit_code == 0
        assert invoke(["status"]).exit_code == 1  # the stray is named, the report still made
    finally:  # shutil.rmtree (pytest's clean-up of tmp_path) recurses too
        (deep / "stray.yaml").unlink()
        while deep != top:
            deep.rmdir()
            deep = deep.parent


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("seeds/no-such-article.txt", "seeds/no-such-article.txt: no such file"),
        ("pyproject.toml", "pyproject.toml is not a file that validate checks"),
        ("schemas", "schemas is a folder"),
    ],
)
def test_validate_refuses_a_path_it_would_not_check(
    fixture_project: Path, path: str, message: str
) -> None:
    # "ok: 1 files checked" for a typo in a CI step, or for a file no check reads.
    (fixture_project / "pyproject.toml").write_text("[project]\n", "utf-8")
    (fixture_project / "schemas").mkdir(exist_ok=True)
    done = _validate(fixture_project, path)  # the quick path, as hooks and CI run it
    assert done.returncode == 2, done.stdout
    assert done.stdout == ""
    assert f"treaty: {message}" in done.stderr
    full = _validate(fixture_project, "--max-bytes", "1000000", path)  # the full command line
    assert (full.returncode, full.stderr) == (2, done.stderr)


def _retitle(project: Path, title: str) -> None:
    path = project / CLAUSE
    text = path.read_text("utf-8")
    start = text.index("\ntitle: ") + 1
    end = text.index("\n", start)
    path.write_text(text[:start] + "title: " + title + text[end:], "utf-8")


@pytest.mark.parametrize(
    "title", ['\'=HYPERLINK("http://x.invalid","open")\'', "'+cmd'", "'-2+3'", "'@SUM(A1)'"]
)
def test_csv_cells_are_never_formulas(
    fixture_project: Path, monkeypatch: pytest.MonkeyPatch, title: str
) -> None:
    # A title beginning with = became a live formula when the CSV was opened in a spreadsheet.
    monkeypatch.chdir(fixture_project)
    _retitle(fixture_project, title)
    result = invoke(["status", "--format", "csv"])
    assert result.exit_code == 0, result.output
    import csv
    import io

    rows = list(csv.reader(io.StringIO(result.output)))
    titles = [row[rows[0].index("title")] for row in rows[1:]]
    shown = next(t for t in titles if t.lstrip("'")[0] in "=+-@")
    assert shown.startswith("'") and shown[1] in "=+-@"


def test_markdown_shows_raw_html_as_text(
    fixture_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(fixture_project)
    _retitle(fixture_project, "'<img src=x onerror=alert(1)> & <script>'")
    result = invoke(["status", "--format", "markdown"])
    assert result.exit_code == 0, result.output
    assert "<img" not in result.output and "<script>" not in result.output
    assert "&lt;img src=x onerror=alert(1)&gt; &amp; &lt;script&gt;" in result.output
    refused = invoke(["status", "--tablefmt", "unsafehtml"])
    assert refused.exit_code == 2
    assert "writes text from files as raw markup" in refused.output


def test_a_quote_check_the_budget_cannot_pay_for_is_reported_never_passed(
    fixture_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Found quotes had no budget: thousands of them against a source at the 4 MiB limit took
    # validate about 90 s (a CI denial of service). Now the run stops checking and fails.
    import hashlib

    monkeypatch.chdir(fixture_project)
    import random

    pick = random.Random(13).randrange  # no phrase near the end is found earlier
    text = " ".join(f"w{pick(100_000)}" for _ in range(700_000))[: 4 * 1024 * 1024 - 64]
    text = text.rsplit(" ", 1)[0] + "\n"
    (fixture_project / "seeds" / "big.txt").write_text(text, "utf-8")
    registry = fixture_project / "seeds" / "sources.yaml"
    registry.write_text(
        registry.read_text("utf-8")
        + "  - id: big\n    file: big.txt\n    title: null\n    outlet: null\n"
        + f"    published: null\n    sha256: {hashlib.sha256(text.encode()).hexdigest()}\n",
        "utf-8",
    )
    tail = text[-20_000:].split(" ")[1:-1]
    quotes = "".join(
        f"  - source: big\n    quote: {' '.join(tail[i : i + 3])}\n" for i in range(0, 600, 3)
    )
    path = fixture_project / CLAUSE
    text_of = path.read_text("utf-8")
    path.write_text(text_of.replace("positions:", quotes + "positions:", 1), "utf-8")
    result = invoke(["validate"])
    assert result.exit_code == 1
    budget = [line for line in result.output.splitlines() if " T017 " in line]
    assert len(budget) == 1, result.output  # one for the file: later quotes are not checked
    assert budget[0].startswith("clauses/us-russia/4.1.yaml:")
    assert 'quote not checked against source "big", nor any later quote of this file' in budget[0]
    assert invoke(["validate"]).output == result.output  # never cached: checked again


def test_schema_never_writes_through_a_link_out_of_the_project(
    fixture_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(fixture_project)
    assert invoke(["schema"]).exit_code == 0
    outside = tmp_path / "precious.json"
    outside.write_text("precious\n", "utf-8")
    schema = fixture_project / "schemas" / "clause.schema.json"
    schema.unlink()
    schema.symlink_to(outside)
    result = invoke(["schema"])
    assert result.exit_code == 1
    assert "clause.schema.json: is a link that leads outside the project; not read" in result.output
    assert outside.read_text("utf-8") == "precious\n"
    check = invoke(["schema", "--check"])
    assert check.exit_code == 1 and "leads outside the project" in check.output
