"""Output that fits an 80-column terminal: every report on the bundled corpus, at the widths
people use, has no line wider than the terminal (and COLUMNS says how wide it is)."""

from __future__ import annotations

import pytest

from tests.conftest import REPO, invoke, read_only

CLAUSES = sorted(f"{p.parent.name}.{p.stem}" for p in (REPO / "clauses").glob("*/[0-9]*.yaml"))
REPORTS = [["status"], ["sources"], ["timeline"], *(["show", c] for c in CLAUSES)]


@pytest.mark.parametrize("width", [80, 100])
@pytest.mark.parametrize("report", REPORTS, ids=" ".join)
def test_no_line_is_wider_than_the_terminal(report: list[str], width: int) -> None:
    result = invoke([*report, "--root", str(read_only(REPO))], env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.output
    wide = [line for line in result.output.splitlines() if len(line) > width]
    assert wide == [], "\n".join(wide)


@pytest.mark.parametrize("report", [["sources"], ["timeline"]], ids=" ".join)
def test_a_wide_terminal_keeps_the_one_line_rows(report: list[str]) -> None:
    wide = invoke([*report, "--root", str(read_only(REPO))], env={"COLUMNS": "200"}).output
    narrow = invoke([*report, "--root", str(read_only(REPO))], env={"COLUMNS": "80"}).output
    assert len(narrow.splitlines()) > len(wide.splitlines())
    header = wide.splitlines()[0]
    assert header.split() == (
        ["id", "published", "outlet", "title", "clauses", "positions", "treaties"]
        if report == ["sources"]
        else ["date", "clause", "party", "change", "from", "to", "sources"]
    )
