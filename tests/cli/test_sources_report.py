"""`treaty sources` on tests/data/reports: sputnik is cited by 8 clauses (every one but
east-pact.3), 15 positions (all of them) and east-pact's treaty.yaml; tass by nothing."""

from __future__ import annotations

import json

from tests.cli.test_status import expected
from tests.conftest import DATA, invoke, read_only

ROOT = str(read_only(DATA / "reports"))


def _sources(*args: str) -> str:
    result = invoke(["sources", "--root", ROOT, *args], env={"COLUMNS": ""})
    assert result.exit_code == 0, result.output
    return result.output


def test_table_flags_the_uncited_source() -> None:
    assert _sources() == expected("sources.txt")


def test_markdown() -> None:
    assert _sources("--format", "markdown") == expected("sources.md")


def test_csv_leaves_unknowns_empty() -> None:
    assert _sources("--format", "csv") == expected("sources.csv")


def test_json() -> None:
    assert json.loads(_sources("--format", "json")) == {
        "sources": [
            {
                "id": "tass",
                "file": "001_4efd941cebfa5a88.txt",
                "title": None,
                "outlet": "TASS",
                "published": "2021-12-23",
                "author": None,
                "url": None,
                "retrieved": None,
                "clauses": [],
                "positions": 0,
                "treaties": [],
                "cited": False,
            },
            {
                "id": "sputnik",
                "file": "002_72c477ec1085a433.txt",
                "title": "US Ready for Security Talks With Russia in Early January, "
                "Senior Administration Official Says",
                "outlet": "Sputnik",
                "published": None,
                "author": None,
                "url": "https://example.org/made-up/us-ready-for-talks",
                "retrieved": "2021-12-24",
                "clauses": [
                    "east-pact.2",
                    "east-pact.4.1",
                    "east-pact.4.2",
                    "east-pact.5",
                    "east-pact.6",
                    "east-pact.10",
                    "west-pact.1",
                    "west-pact.2",
                ],
                "positions": 15,
                "treaties": ["east-pact"],
                "cited": True,
            },
        ]
    }
