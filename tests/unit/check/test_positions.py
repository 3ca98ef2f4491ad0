"""The rules on dates and same-day stances, where a message must name the right source and day."""

from __future__ import annotations

from pathlib import Path

from treaty.cache.run import run
from treaty.problems import Code
from treaty.project import Project

CLAUSE = """\
id: us-russia.9
treaty: us-russia
article: 9
title: A test clause
topics: [hotlines]
binds: [US, RU]
text: Hotlines.
text_kind: paraphrase
positions:
  - party: US
    stance: never-agree
    date: {day}
    basis: explicit
    evidence:
      - source: tass
        quote: we will never agree to
      - source: tass-again
        quote: never agree to some Russian security proposals
"""

# The same article registered a second time with a later day (as a reprint would be).
AGAIN = """\
  - id: tass-again
    file: 001_4efd941cebfa5a88.txt
    title: null
    outlet: TASS
    published: 2021-12-27
    sha256: 7cb9f4d45ef2afbd0b220bbc5df9127c0520547d9f2ef9547eadb2faef08a212
"""


def _messages(project: Path, day: str) -> list[tuple[Code, str]]:
    registry = project / "seeds" / "sources.yaml"
    registry.write_text(registry.read_text("utf-8") + AGAIN, "utf-8")
    (project / "clauses" / "us-russia" / "9.yaml").write_text(CLAUSE.format(day=day), "utf-8")
    return [(p.code, p.message) for p in run(Project(project)).problems]


def test_a_date_after_every_report_names_the_latest_source_and_its_day(
    fixture_project: Path,
) -> None:
    assert _messages(fixture_project, "2022-01-05") == [
        (
            Code.DATE_AFTER_EVIDENCE,
            'date 2022-01-05 is after the latest of its sources, "tass-again", was published '
            "on 2021-12-27; a statement cannot postdate every report of it (give the day it "
            "was made)",
        )
    ]


def test_a_date_between_the_reports_is_no_problem(fixture_project: Path) -> None:
    assert _messages(fixture_project, "2021-12-25") == []
