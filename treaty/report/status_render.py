"""Rendering `treaty status`: a table for people, Markdown, CSV and JSON for everything else.

Text from files goes through ``escape`` (tables, Markdown, CSV); JSON is written with
``ensure_ascii``, so control characters arrive as ``\\u`` escapes and cannot reach a terminal.
"""

from __future__ import annotations

from typing import Any

from tabulate import SEPARATING_LINE

from treaty.model import Basis
from treaty.report.status import Section, StatusReport
from treaty.report.tables import (
    MARKDOWN,
    TABLE,
    Row,
    count,
    draw,
    markdown_cell,
    paint,
    to_csv,
    visible_width,
    wrap,
)
from treaty.report.verdict import Assessment, Verdict, article_label
from treaty.safe_text import escape, json_text

INFERRED = "*"
NONE = "-"
SILENT = "silent"
LEGEND_INFERRED = "inferred: no standing position names the provision (see `treaty show ID`)"
LEGEND_SILENT = "silent: no position as of the day; a verdict never reads silence as a stance"


def _stance_cell(row: Assessment, party: str, colour: bool) -> str:
    position = row.latest.get(party)
    if position is None:
        return SILENT
    marker = INFERRED if row.basis[party] is Basis.INFERRED else ""
    return paint(position.stance.value, position.stance, colour) + marker


def _cells(section: Section, row: Assessment, colour: bool, md: bool) -> list[str]:
    """id, article, title, a stance per shown party, the latest day."""
    title = escape(row.clause.title)
    latest = section.latest_date(row)
    return [
        row.clause.id,
        article_label(row.clause),
        markdown_cell(title) if md else title,
        *(_stance_cell(row, p, colour) for p in section.parties),
        latest.isoformat() if latest else NONE,
    ]


def _headers(section: Section) -> list[str]:
    return ["id", "art.", "title", *section.parties, "latest"]


def _groups(section: Section) -> list[tuple[Verdict, list[Assessment]]]:
    groups: dict[Verdict, list[Assessment]] = {}
    for row in section.rows:  # already in verdict order
        groups.setdefault(row.verdict, []).append(row)
    return list(groups.items())


def silence_note(verdict: Verdict, rows: list[Assessment]) -> str:
    """Which counted parties a group's verdict is silent about, e.g. ``NATO silent on 3``:
    so that a heading never reads as the stance of a party that has none ("" if none)."""
    if verdict is Verdict.NO_POSITION:
        return ""  # the heading itself says that no counted party has a position
    silent: dict[str, int] = {}
    for row in rows:
        for party in row.silent:
            silent[party] = silent.get(party, 0) + 1
    return ", ".join(f"{party} silent on {n}" for party, n in silent.items())


def _group_label(verdict: Verdict, rows: list[Assessment], colour: bool) -> str:
    note = silence_note(verdict, rows)
    return paint(f"{verdict.label} ({len(rows)})" + (f": {note}" if note else ""), verdict, colour)


def _grouped_table(section: Section, width: int | None, colour: bool) -> str:
    """One aligned table per treaty, with a line naming each verdict group above its rows.

    tabulate cannot span a row across columns, so each group starts with a separating line,
    which the plain format draws exactly like the rule under the header; those lines are then
    replaced by the group labels. No data line can look like a rule: ids are never dashes."""
    rows: list[Row] = []
    labels = []
    for verdict, group in _groups(section):
        rows.append(SEPARATING_LINE)
        labels.append(_group_label(verdict, group, colour))
        rows += [_cells(section, row, colour, False) for row in group]
    headers = _headers(section)
    table = draw(headers, rows, TABLE, width=width, wrap_column=2)
    if width is not None and max(visible_width(ln) for ln in table.split("\n")) > width:
        # Too narrow even with the title wrapped: drop the article, which the id also gives.
        narrow = [r if isinstance(r, str) else [r[0], *r[2:]] for r in rows]
        table = draw([headers[0], *headers[2:]], narrow, TABLE, width=width, wrap_column=1)
    lines = table.split("\n")
    rule = lines[1]
    pending = iter(labels)
    return "\n".join(lines[:2] + [next(pending) if ln == rule else ln for ln in lines[2:]])


def _flat_table(section: Section, tablefmt: str, md: bool, width: int | None = None) -> str:
    """Any other format: the verdict as the first column, named on the first row of a group."""
    rows: list[Row] = []
    for verdict, group in _groups(section):
        note = silence_note(verdict, group)
        label = verdict.label + (f" ({note})" if note else "")
        for i, row in enumerate(group):
            rows.append([label if i == 0 else "", *_cells(section, row, False, md)])
    headers = ["verdict", *_headers(section)]
    return draw(headers, rows, tablefmt, width=width, wrap_column=3)


def _counting(section: Section) -> str:
    """Who the verdict counts, and whether the proposer is left out."""
    line = f"verdict counts {', '.join(section.counted) or 'no party'}"
    proposer = section.treaty.proposer
    if proposer in section.parties and proposer not in section.counted:
        line += f"; {proposer} proposed this draft: shown, not counted"
    return line


def _legend(section: Section, marker: str = INFERRED) -> list[str]:
    """The lines under a table: the inferred marker and silence (when shown), who is counted."""
    inferred = any(
        row.basis[p] is Basis.INFERRED
        for row in section.rows
        for p in section.parties
        if p in row.latest
    )
    silent = any(p not in row.latest for row in section.rows for p in section.parties)
    return (
        [f"{marker} {LEGEND_INFERRED}"] * inferred + [LEGEND_SILENT] * silent + [_counting(section)]
    )


def summary(report: StatusReport) -> str:
    """The closing line: clauses per verdict, and the day."""
    counts = report.counts()
    total = sum(counts.values())
    parts = ", ".join(f"{n} {v.label}" for v, n in counts.items())
    return f"{count(total, 'clause')}: {parts}; as of {report.as_of.isoformat()}"


def as_table(
    report: StatusReport,
    *,
    tablefmt: str = TABLE,
    width: int | None = None,
    colour: bool = False,
) -> str:
    """Per treaty: a heading, the table, its legend; then the summary line. Colour (ANSI) only
    in the default format; ``width`` wraps titles, None leaves them whole."""
    out: list[str] = []
    for section in report.sections:
        heading = f"{section.treaty.id}: {escape(section.treaty.title)}"
        if tablefmt == TABLE:
            table = _grouped_table(section, width, colour)
        else:
            table = _flat_table(section, tablefmt, False, width)
        legend = [wrap(line, width) for line in _legend(section)]
        out += [wrap(heading, width), "", table, "", *legend, ""]
    if not report.sections:
        out += ["no clauses match", ""]
    out.append(wrap(summary(report), width))
    return "\n".join(out) + "\n"


def as_markdown(report: StatusReport) -> str:
    """A heading and a pipe table per treaty, legends as lists, the summary last."""
    out = [f"# Clause status as of {report.as_of.isoformat()}", ""]
    for section in report.sections:
        title = markdown_cell(escape(section.treaty.title))
        table = _flat_table(section, MARKDOWN, True)
        legend = [f"- {line}" for line in _legend(section, marker=f"`{INFERRED}`")]
        out += [f"## {section.treaty.id}: {title}", "", table, "", *legend, ""]
    if not report.sections:
        out += ["No clauses match.", ""]
    out.append(summary(report))
    return "\n".join(out) + "\n"


def as_csv(report: StatusReport) -> str:
    """One row per clause; per party three columns (stance, basis, date), empty when unstated;
    last, the counted parties that are silent (space-separated). The party columns are every
    shown party of every treaty, in order of first appearance."""
    parties: list[str] = []
    for section in report.sections:
        parties += [p for p in section.parties if p not in parties]
    headers = ["treaty", "id", "article", "title", "topics", "verdict"]
    for party in parties:
        headers += [f"{party} stance", f"{party} basis", f"{party} date"]
    headers.append("silent")
    rows = []
    for section in report.sections:
        for row in section.rows:
            cells = [
                row.clause.treaty,
                row.clause.id,
                article_label(row.clause),
                escape(row.clause.title),
                " ".join(row.clause.topics),
                row.verdict.value,
            ]
            for party in parties:
                pos = row.latest.get(party) if party in section.parties else None
                cells += (
                    [pos.stance.value, row.basis[party].value, pos.date.isoformat()]
                    if pos
                    else [""] * 3
                )
            cells.append(" ".join(row.silent))
            rows.append(cells)
    return to_csv(headers, rows)


def as_json(report: StatusReport) -> str:
    """``{"as_of", "clauses": [{"id", "treaty", "article", "title", "topics", "verdict",
    "counted", "silent", "stances": {party: {"stance", "basis", "date"}}}]}``; a party
    without a position has nulls; ``basis`` is the standing basis. The shape is stable."""
    clauses: list[dict[str, Any]] = []
    for section in report.sections:
        for row in section.rows:
            stances: dict[str, dict[str, str | None]] = {}
            for party in section.parties:
                pos = row.latest.get(party)
                stances[party] = {
                    "stance": pos.stance.value if pos else None,
                    "basis": row.basis[party].value if pos else None,
                    "date": pos.date.isoformat() if pos else None,
                }
            clauses.append(
                {
                    "id": row.clause.id,
                    "treaty": row.clause.treaty,
                    "article": article_label(row.clause),
                    "title": row.clause.title,
                    "topics": list(row.clause.topics),
                    "verdict": row.verdict.value,
                    "counted": list(row.counted),
                    "silent": list(row.silent),
                    "stances": stances,
                }
            )
    doc = {"as_of": report.as_of.isoformat(), "clauses": clauses}
    return json_text(doc)


def render(
    report: StatusReport, fmt: str, *, tablefmt: str = TABLE, width: int | None, colour: bool
) -> str:
    """The report in ``fmt``: table (in ``tablefmt``), markdown, csv or json."""
    if fmt == "table":
        return as_table(report, tablefmt=tablefmt, width=width, colour=colour)
    return {"markdown": as_markdown, "csv": as_csv, "json": as_json}[fmt](report)
