"""The whole verdict table, exactly: every combination of stances and silence of three parties,
with the proposer left out (the default) and counted (named with --party).

The project is built here: treaty `grid` (proposer RU, parties RU, NATO, US) with one clause
per combination, titled by it ("RU agree, NATO silent, US never-agree"). The verdicts are
checked against the rule written out as a table below, and the rendered reports against
tests/data/verdicts/, reviewed line by line when written.
"""

from __future__ import annotations

import itertools
import json
import os
from pathlib import Path

import pytest

from tests.conftest import DATA, copy_project, invoke

PARTIES = ("RU", "NATO", "US")
SILENT = "silent"
STANCES = (SILENT, "never-agree", "may-explore", "agree")
COMBINATIONS = list(itertools.product(STANCES, repeat=3))  # (RU, NATO, US)
EXPECTED = DATA / "verdicts"

# The rule, as a table: the verdict from the set of stances the counted parties with a
# position hold (silent parties hold none).
RULE = {
    frozenset(): "no-position",
    frozenset({"never-agree"}): "never-agree",
    frozenset({"may-explore"}): "may-explore",
    frozenset({"agree"}): "agree",
    frozenset({"may-explore", "agree"}): "may-explore",
    frozenset({"never-agree", "may-explore"}): "split",
    frozenset({"never-agree", "agree"}): "split",
    frozenset({"never-agree", "may-explore", "agree"}): "split",
}

TREATY = """\
id: grid
title: Every combination of stances
proposer: RU
published: 2021-12-17
parties:
  - id: RU
    name: Russian Federation
  - id: NATO
    name: Member States of NATO
  - id: US
    name: United States of America
"""


def _clause(article: int, stances: tuple[str, ...]) -> str:
    title = ", ".join(f"{p} {s}" for p, s in zip(PARTIES, stances, strict=True))
    lines = [
        f"id: grid.{article}",
        "treaty: grid",
        f"article: {article}",
        f"title: {title}",
        "topics: [hotlines]",
        "binds: [RU, NATO, US]",
        "text: Test text.",
        "text_kind: paraphrase",
        "positions:",
    ]
    for party, stance in zip(PARTIES, stances, strict=True):
        if stance == SILENT:
            continue
        lines += [
            f"  - party: {party}",
            f"    stance: {stance}",
            "    date: 2021-12-23",
            "    basis: explicit",
            "    evidence:",
            "      - source: sputnik",
            "        quote: others they know very well we will never agree to",
        ]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def grid(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(DATA / "project", tmp_path_factory.mktemp("grid") / "project")
    folder = root / "clauses" / "grid"
    folder.mkdir()
    (folder / "treaty.yaml").write_text(TREATY, "utf-8")
    for article, stances in enumerate(COMBINATIONS, start=1):
        (folder / f"{article}.yaml").write_text(_clause(article, stances), "utf-8")
    return root


def _status(root: Path, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "NO_COLOR")}
    result = invoke(
        ["status", "--root", str(root), "--treaty", "grid", "--as-of", "2021-12-31", *args],
        env={**env, "COLUMNS": ""},
    )
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("counted", [("NATO", "US"), PARTIES], ids=["default", "proposer"])
def test_every_combination_gets_the_rule_s_verdict_and_names_the_silent(
    grid: Path, counted: tuple[str, ...]
) -> None:
    named = [] if counted == ("NATO", "US") else [a for p in counted for a in ("--party", p)]
    out = json.loads(_status(grid, *named, "--format", "json"))
    got = {c["id"]: (c["verdict"], c["silent"], c["counted"]) for c in out["clauses"]}
    assert len(got) == len(COMBINATIONS) == 64
    for article, stances in enumerate(COMBINATIONS, start=1):
        held = dict(zip(PARTIES, stances, strict=True))
        said = frozenset(held[p] for p in counted if held[p] != SILENT)
        silent = [p for p in counted if held[p] == SILENT]
        assert got[f"grid.{article}"] == (RULE[said], silent, list(counted)), stances


@pytest.mark.parametrize(
    ("args", "name"),
    [
        ((), "status-default.txt"),
        (("--party", "RU", "--party", "NATO", "--party", "US"), "status-proposer-counted.txt"),
    ],
)
def test_the_whole_table_is_exactly_the_reviewed_one(
    grid: Path, args: tuple[str, ...], name: str
) -> None:
    out = _status(grid, *args)
    if os.environ.get("TREATY_WRITE_VERDICTS"):
        (EXPECTED / name).write_text(out, "utf-8")
    assert out == (EXPECTED / name).read_text("utf-8")
