"""A changelog as Markdown, for a pull request's comment: a heading per treaty, a table of its
verdict changes, then each entry's details, with links to the clause files.

Text from files is escaped, so that a title cannot add a link, an image, a mention or HTML."""

from __future__ import annotations

import re
from urllib.parse import quote

from treaty.report import diff_words as words
from treaty.report.diff import Changelog, ClauseChange
from treaty.report.diff_parts import Kind
from treaty.report.diff_render import has_inferred, heading, sections, summary, treaty_ids
from treaty.report.tables import MARKDOWN, draw
from treaty.safe_text import escape

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~@&!#])")


def md(text: str) -> str:
    """Text as Markdown shows it literally: no character of it starts a construct."""
    return _SPECIAL.sub(r"\\\1", escape(text))


class Links:
    """Where a clause file's link points: ``base`` (a URL, e.g. to the files of a commit) and
    the project's folder in the repository, then the file's path."""

    def __init__(self, base: str, prefix: str) -> None:
        self.base = base
        self.prefix = prefix

    def __call__(self, label: str, rel: str) -> str:
        url = self.base + quote(self.prefix + rel, safe="/")
        return f"[{md(label)}]({url})"


def _verdict_cell(c: ClauseChange) -> str:
    v = c.verdict
    assert v is not None
    before = v.before.value if v.before else "(none)"
    after = v.after.value if v.after else "(none)"
    return f"{before} {words.ARROW} **{after}**"


def _table(changes: list[ClauseChange], link: Links) -> list[str]:
    rows = [
        [link(c.id, c.path), md(c.title), _verdict_cell(c), md(", ".join(c.verdict.moved_by))]
        for c in changes
        if c.verdict is not None
    ]
    if not rows:
        return []
    return [draw(["clause", "title", "verdict", "moved by"], rows, MARKDOWN), ""]


def as_markdown(log: Changelog, link: Links) -> str:
    out = [f"## {md(heading(log))}", ""]
    if not log.changed:
        return "\n".join([*out, "No changes.", ""])
    for tid in treaty_ids(log):
        out += [f"### {md(tid)}: {md(log.treaty_title(tid))}", ""]
        for t in (t for t in log.treaties if t.id == tid):
            out.append(f"- treaty {md(words.kind(t))}")
            out += [f"  - {md(line)}" for line in words.treaty_lines(t)]
            out.append("")
        clauses = [c for c in log.clauses if c.treaty == tid]
        out += _table(clauses, link)
        for c in clauses:
            out.append(f"- **{link(c.id, c.path)}** ({md(words.kind(c))}): {md(c.title)}")
            lines = words.clause_lines(c)
            if c.verdict is not None and c.kind is Kind.CHANGED:
                lines = lines[1:]  # in the table above
            out += [f"  - {md(line)}" for line in lines]
        out.append("")
    for title, lines in sections(log):
        out += [f"### {title[0].upper()}{title[1:]}", ""]
        out += [f"- {md(line)}" for line in lines]
        out.append("")
    if has_inferred(log):
        out += [f"`{words.INFERRED}` {words.LEGEND[2:]}", ""]
    out.append(md(summary(log)))
    return "\n".join(out) + "\n"
