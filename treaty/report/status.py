"""`treaty status`: every clause's verdict as of a day, per treaty, grouped by verdict."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, field

from treaty.check.results import Corpus
from treaty.model import Stance, Treaty
from treaty.report.verdict import Assessment, Verdict, article_key, assess, counted_parties


@dataclass(frozen=True)
class Filters:
    """What to report on. An empty collection means no restriction."""

    treaties: Collection[str] = ()
    # Naming parties also makes them the counted ones (see treaty.report.verdict.RULE).
    parties: Collection[str] = ()
    topics: Collection[str] = ()
    stances: Collection[Stance] = ()
    verdicts: Collection[Verdict] = ()


@dataclass(frozen=True)
class Section:
    """One treaty's part of the report."""

    treaty: Treaty
    parties: tuple[str, ...]  # the columns shown, in the treaty's order
    counted: tuple[str, ...]  # the parties whose stances make the verdict
    rows: list[Assessment] = field(default_factory=list)  # by verdict, then article

    def latest_date(self, row: Assessment) -> dt.date | None:
        """The day of the latest position among the shown parties."""
        days = [row.latest[p].date for p in self.parties if p in row.latest]
        return max(days, default=None)


@dataclass(frozen=True)
class StatusReport:
    """The whole report: the day it is as of, and a section per treaty with clauses to show."""

    as_of: dt.date
    sections: list[Section]

    def counts(self) -> dict[Verdict, int]:
        """How many clauses have each verdict, in report order."""
        out = dict.fromkeys(Verdict, 0)
        for section in self.sections:
            for row in section.rows:
                out[row.verdict] += 1
        return out


def build(corpus: Corpus, as_of: dt.date, filters: Filters = Filters()) -> StatusReport:
    """Assess every valid clause that passes ``filters``."""
    sections = []
    for treaty_id in sorted(corpus.treaties):
        if filters.treaties and treaty_id not in filters.treaties:
            continue
        treaty = corpus.treaties[treaty_id]
        shown = tuple(
            p.id for p in treaty.parties if not filters.parties or p.id in filters.parties
        )
        if not shown:
            continue  # none of the named parties is a party to this treaty
        rows = []
        for clause in corpus.clauses.values():
            if clause.treaty != treaty_id:
                continue
            if filters.topics and not set(clause.topics) & set(filters.topics):
                continue
            row = assess(clause, treaty, as_of, filters.parties)
            if filters.verdicts and row.verdict not in filters.verdicts:
                continue
            if filters.stances and not any(
                row.latest[p].stance in filters.stances for p in shown if p in row.latest
            ):
                continue
            rows.append(row)
        order = list(Verdict)
        rows.sort(key=lambda r: (order.index(r.verdict), article_key(r.clause)))
        if rows:
            sections.append(Section(treaty, shown, counted_parties(treaty, filters.parties), rows))
    return StatusReport(as_of, sections)
