"""`treaty status`: whole rendered outputs on tests/data/reports, worked out by hand.

The fixture's made-up positions (dates in December 2021) and what the rule makes of them,
counting NATO and US on east-pact and US on west-pact (RU proposes both):

  east-pact.2    US never-agree 12-05, NATO never-agree 12-06        -> never-agree
  east-pact.3    nobody                                              -> no-position
  east-pact.4.1  US may-explore* 12-01, then never-agree 12-15       -> never-agree
                 (as of 12-10: may-explore)
  east-pact.4.2  only RU (proposer) agree 12-03                      -> no-position
                 (with --party RU: agree)
  east-pact.5    US agree 12-08, NATO may-explore* 12-09             -> may-explore
  east-pact.6    US never-agree 12-20, again on weaker evidence* 12-22 -> never-agree
                 (shown explicit: the explicit statement stands)
  east-pact.10   US never-agree 12-10, NATO may-explore* 12-12       -> split (a tie)
                 (as of 12-10: never-agree, NATO not yet spoken)
  west-pact.1    RU agree 12-02, US never-agree* 12-04               -> never-agree
                 (with --party RU --party US: split)
  west-pact.2    US may-explore* 12-14, again 12-16                  -> may-explore

The expected outputs in tests/data/reports/expected/ were written by hand from this table and
tabulate's layout rules (a column is as wide as its widest cell, or its header plus two; two
spaces between columns), not copied from the program's output.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

import pytest

from tests.conftest import DATA, invoke, read_only

ROOT = str(read_only(DATA / "reports"))


def expected(name: str) -> str:
    """A whole expected output, written by hand, from tests/data/reports/expected/."""
    return (DATA / "reports" / "expected" / name).read_text("utf-8")


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("TREATY_ROOT", raising=False)


def _status(*args: str) -> str:
    result = invoke(["status", "--root", ROOT, *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_table_groups_by_verdict_and_leaves_the_proposer_out() -> None:
    assert _status("--as-of", "2021-12-31") == expected("status-2021-12-31.txt")


def test_as_of_a_day_between_two_positions_takes_the_earlier() -> None:
    # Also: article 10 sorts after article 2 (numbers, not text), and a position dated on
    # the as-of day counts while those after it do not.
    assert _status("--as-of", "2021-12-10") == expected("status-2021-12-10.txt")


def test_markdown() -> None:
    assert _status("--as-of", "2021-12-10", "--format", "markdown") == expected(
        "status-2021-12-10.md"
    )


def test_csv_with_the_proposer_counted_when_named() -> None:
    # Naming RU and US shows and counts exactly those: NATO's column and its stances go
    # (east-pact.10 is no longer split), RU's agreement makes east-pact.4.2 may-explore and
    # west-pact.1 split.
    out = _status("--as-of", "2021-12-31", "--party", "RU", "--party", "US", "--format", "csv")
    assert out == expected("status-party-RU-US.csv")


def _st(stance: str, basis: str, day: str) -> dict[str, str | None]:
    return {"stance": stance, "basis": basis, "date": f"2021-12-{day}"}


NO = {"stance": None, "basis": None, "date": None}


COUNTED = {"east-pact": ["NATO", "US"], "west-pact": ["US"]}


def _clause(
    clause_id: str,
    title: str,
    topics: list[str],
    verdict: str,
    silent: list[str],
    **stances: Mapping[str, str | None],
) -> dict[str, object]:
    treaty, _, article = clause_id.partition(".")
    return {
        "id": clause_id,
        "treaty": treaty,
        "article": article,
        "title": title,
        "topics": topics,
        "verdict": verdict,
        "counted": COUNTED[treaty],
        "silent": silent,
        "stances": stances,
    }


JSON_END_OF_DECEMBER = {
    "as_of": "2021-12-31",
    "clauses": [
        _clause(
            "east-pact.2",
            "Both counted parties reject",
            ["non-expansion"],
            "never-agree",
            [],
            RU=NO,
            NATO=_st("never-agree", "explicit", "06"),
            US=_st("never-agree", "explicit", "05"),
        ),
        _clause(
            "east-pact.4.1",
            "Moves from explore to reject",
            ["bases"],
            "never-agree",
            ["NATO"],
            RU=NO,
            NATO=NO,
            US=_st("never-agree", "explicit", "15"),
        ),
        _clause(
            "east-pact.6",
            "Restated on weaker evidence: the explicit basis stands",
            ["hotlines"],
            "never-agree",
            ["NATO"],
            RU=NO,
            NATO=NO,
            US=_st("never-agree", "explicit", "22"),
        ),
        _clause(
            "east-pact.5",
            "One agrees, one may explore",
            ["exercises"],
            "may-explore",
            [],
            RU=NO,
            NATO=_st("may-explore", "inferred", "09"),
            US=_st("agree", "explicit", "08"),
        ),
        _clause(
            "east-pact.10",
            "An even split: one counted party rejects and the other may explore",
            ["non-expansion", "exercises"],
            "split",
            [],
            RU=NO,
            NATO=_st("may-explore", "inferred", "12"),
            US=_st("never-agree", "explicit", "10"),
        ),
        _clause(
            "east-pact.3",
            "Nobody has spoken",
            ["hotlines"],
            "no-position",
            ["NATO", "US"],
            RU=NO,
            NATO=NO,
            US=NO,
        ),
        _clause(
            "east-pact.4.2",
            "Only the proposer has spoken",
            ["bases"],
            "no-position",
            ["NATO", "US"],
            RU=_st("agree", "explicit", "03"),
            NATO=NO,
            US=NO,
        ),
        _clause(
            "west-pact.1",
            "Proposer agrees, the other party rejects",
            ["non-expansion"],
            "never-agree",
            [],
            US=_st("never-agree", "inferred", "04"),
            RU=_st("agree", "explicit", "02"),
        ),
        _clause(
            "west-pact.2",
            "The other party may explore",
            ["hotlines"],
            "may-explore",
            [],
            US=_st("may-explore", "inferred", "16"),
            RU=NO,
        ),
    ],
}


def test_json_has_the_documented_shape() -> None:
    out = _status("--as-of", "2021-12-31", "--format", "json")
    assert json.loads(out) == JSON_END_OF_DECEMBER
    # Parties in the treaty's order, so that a diff of two runs stays readable.
    assert list(json.loads(out)["clauses"][0]["stances"]) == ["RU", "NATO", "US"]


def test_long_titles_wrap_to_the_terminal_width(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "70")
    out = _status("--as-of", "2021-12-31", "--treaty", "west-pact")
    assert out == expected("status-west-pact-70-columns.txt")
    assert max(len(line) for line in out.splitlines()) <= 70


def _ids(*args: str) -> list[str]:
    out = _status("--as-of", "2021-12-31", "--format", "json", *args)
    return [c["id"] for c in json.loads(out)["clauses"]]


@pytest.mark.parametrize(
    ("args", "ids"),
    [
        (["--treaty", "west-pact"], ["west-pact.1", "west-pact.2"]),
        (["--topic", "hotlines"], ["east-pact.6", "east-pact.3", "west-pact.2"]),
        (
            ["--topic", "bases", "--topic", "exercises"],
            ["east-pact.4.1", "east-pact.5", "east-pact.10", "east-pact.4.2"],
        ),
        (["--stance", "agree"], ["east-pact.5", "east-pact.4.2", "west-pact.1"]),
        (["--verdict", "split"], ["east-pact.10"]),
        (
            ["--verdict", "split", "--verdict", "no-position"],
            ["east-pact.10", "east-pact.3", "east-pact.4.2"],
        ),
        # NATO is no party to west-pact, so that treaty drops out; NATO alone is counted.
        (
            ["--party", "NATO"],
            [
                "east-pact.2",
                "east-pact.5",
                "east-pact.10",
                "east-pact.3",
                "east-pact.4.1",
                "east-pact.4.2",
                "east-pact.6",
            ],
        ),
        (["--treaty", "west-pact", "--verdict", "split"], []),
    ],
)
def test_filters(args: list[str], ids: list[str]) -> None:
    assert _ids(*args) == ids


def test_party_filter_shows_only_the_named_parties() -> None:
    out = json.loads(_status("--as-of", "2021-12-31", "--format", "json", "--party", "NATO"))
    assert {tuple(c["stances"]) for c in out["clauses"]} == {("NATO",)}


def test_nothing_matching_still_says_so() -> None:
    out = _status("--as-of", "2021-12-31", "--treaty", "west-pact", "--verdict", "split")
    assert out == (
        "no clauses match\n\n"
        "0 clauses: 0 never agree, 0 may explore, 0 agree, 0 split, 0 no stated position; "
        "as of 2021-12-31\n"
    )


def test_tablefmt_passes_through_to_tabulate() -> None:
    out = _status("--as-of", "2021-12-10", "--treaty", "west-pact", "--tablefmt", "psql")
    assert out.splitlines()[2:8] == [
        "+--------------------+-------------+--------+------------------------------------------"
        "+--------------+--------+------------+",
        "| verdict            | id          | art.   | title                                    "
        "| US           | RU     | latest     |",
        "|--------------------+-------------+--------+------------------------------------------"
        "+--------------+--------+------------|",
        "| never agree        | west-pact.1 | 1      | Proposer agrees, the other party rejects "
        "| never-agree* | agree  | 2021-12-04 |",
        "| no stated position | west-pact.2 | 2      | The other party may explore              "
        "| silent       | silent | -          |",
        "+--------------------+-------------+--------+------------------------------------------"
        "+--------------+--------+------------+",
    ]


def test_invalid_files_are_named_on_stderr_and_the_rest_reported(
    reports_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = reports_project / "clauses" / "east-pact" / "3.yaml"
    path.write_text(path.read_text().replace("topics: [hotlines]", "topics: hotlines"))
    monkeypatch.chdir(reports_project)
    result = invoke(["status", "--as-of", "2021-12-31", "-f", "json"])
    assert result.exit_code == 1
    ids = [c["id"] for c in json.loads(result.stdout)["clauses"]]
    assert "east-pact.3" not in ids and len(ids) == 8
    assert result.stderr.splitlines() == [
        "treaty: 1 file has problems, and this report may be incomplete without it:",
        "  clauses/east-pact/3.yaml",
        "treaty: run `treaty validate` to see the problems",
    ]


@pytest.mark.parametrize(("columns", "article"), [("100", True), ("80", False)])
def test_a_terminal_too_narrow_even_for_wrapped_titles_loses_the_article_column(
    monkeypatch: pytest.MonkeyPatch, columns: str, article: bool
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    lines = _status("--as-of", "2021-12-31", "--treaty", "east-pact").splitlines()
    header = next(line for line in lines if line.startswith("id "))
    assert ("art." in header) is article
    assert max(len(line) for line in lines) <= int(columns)
    assert any(line.startswith("east-pact.4.1 ") for line in lines)  # the id still says it
