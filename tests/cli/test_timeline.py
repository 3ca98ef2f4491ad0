"""`treaty timeline` on tests/data/reports (positions listed in tests/cli/test_status.py)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_status import expected
from tests.conftest import DATA, invoke, read_only

ROOT = str(read_only(DATA / "reports"))


def _timeline(*args: str) -> str:
    result = invoke(["timeline", "--root", ROOT, *args], env={"COLUMNS": ""})
    assert result.exit_code == 0, result.output
    return result.output


def test_every_position_in_date_order() -> None:
    # Same day: the treaty's party order, then the order in the file; east-pact.6's US
    # restatement on weaker evidence is marked inferred in the timeline, which lists each
    # position as it is (status shows the explicit basis that stands).
    assert _timeline("--as-of", "2021-12-31") == expected("timeline-2021-12-31.txt")


def test_one_clause_as_json() -> None:
    out = json.loads(_timeline("east-pact.4.1", "--as-of", "2021-12-31", "--format", "json"))
    assert out == {
        "as_of": "2021-12-31",
        "changes": [
            {
                "date": "2021-12-01",
                "clause": "east-pact.4.1",
                "party": "US",
                "change": "stated",
                "from": None,
                "to": "may-explore",
                "basis": "inferred",
                "sources": ["sputnik"],
            },
            {
                "date": "2021-12-15",
                "clause": "east-pact.4.1",
                "party": "US",
                "change": "moved",
                "from": "may-explore",
                "to": "never-agree",
                "basis": "explicit",
                "sources": ["sputnik"],
            },
        ],
    }


def test_one_party_as_csv() -> None:
    assert _timeline("--party", "NATO", "--as-of", "2021-12-31", "-f", "csv") == expected(
        "timeline-NATO.csv"
    )


def test_as_of_before_any_position_of_a_clause() -> None:
    assert _timeline("east-pact.6", "--as-of", "2021-12-19") == (
        "no positions\n\n0 positions: 0 stated, 0 moved, 0 restated; as of 2021-12-19\n"
    )


def test_a_treaty_with_no_clause_matching_is_empty_not_everything() -> None:
    out = json.loads(_timeline("west-pact.1", "--treaty", "east-pact", "-f", "json"))
    assert out["changes"] == []


def test_unknown_clause_gets_a_did_you_mean() -> None:
    result = invoke(["timeline", "--root", ROOT, "westpact.2"])
    assert result.exit_code == 2
    assert 'no clause "westpact.2" (did you mean "west-pact.2"?)' in result.stderr


def test_several_sources_one_per_line(reports_project: Path) -> None:
    path = reports_project / "clauses" / "east-pact" / "5.yaml"
    path.write_text(
        path.read_text().replace(
            "        quote: there are other areas that Washington\n",
            "        quote: there are other areas that Washington\n"
            "      - source: tass\n"
            "        quote: any dialogue must be based on reciprocity\n",
        )
    )
    result = invoke(
        ["timeline", "east-pact.5", "--root", str(reports_project), "--as-of", "2021-12-31"],
        env={"COLUMNS": ""},
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "date        clause       party    change    from    to            sources\n"
        "----------  -----------  -------  --------  ------  ------------  ---------\n"
        "2021-12-08  east-pact.5  US       stated    -       agree         sputnik\n"
        "2021-12-09  east-pact.5  NATO     stated    -       may-explore*  sputnik\n"
        "                                                                  tass\n"
        "\n"
        "* inferred: the evidence does not name the provision\n"
        "\n"
        "2 positions: 2 stated, 0 moved, 0 restated; as of 2021-12-31\n"
    )
