"""Shared by the reports: tables through tabulate, CSV, Markdown cells, colour and wrapping."""

from __future__ import annotations

import csv
import io
import re
import textwrap
from collections.abc import Sequence

from tabulate import SEPARATING_LINE, multiline_formats, tabulate

from treaty.model import Stance
from treaty.report.verdict import Verdict

TABLE = "simple"  # what --format table means
MARKDOWN = "github"  # pipe tables, as GitHub and most Markdown renderers read them
MIN_WRAP = 14  # narrowest a wrapped column gets, however narrow the terminal

Cell = str
Row = Sequence[Cell] | str  # a str row is tabulate's SEPARATING_LINE

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_RESET = "\x1b[0m"
_STANCE_COLOUR = {
    Stance.NEVER_AGREE: "\x1b[31m",  # red
    Stance.MAY_EXPLORE: "\x1b[32m",  # green
    Stance.AGREE: "\x1b[36m",  # cyan
}
_VERDICT_COLOUR = {
    Verdict.NEVER_AGREE: "\x1b[1;31m",
    Verdict.MAY_EXPLORE: "\x1b[1;32m",
    Verdict.AGREE: "\x1b[1;36m",
    Verdict.SPLIT: "\x1b[1;33m",
    Verdict.NO_POSITION: "\x1b[2m",
}


def paint(text: str, key: Stance | Verdict | None, on: bool) -> str:
    """``text`` in the colour of a stance or verdict, when colour is ``on``."""
    if not on or key is None:
        return text
    code = _VERDICT_COLOUR[key] if isinstance(key, Verdict) else _STANCE_COLOUR[key]
    return f"{code}{text}{_RESET}"


def visible_width(text: str) -> int:
    """Width of ``text`` on screen, leaving out colour codes."""
    return len(_ANSI.sub("", text))


def draw(
    headers: Sequence[str],
    rows: Sequence[Row],
    tablefmt: str,
    *,
    width: int | None = None,
    wrap_column: int | None = None,
    colalign: Sequence[str] | None = None,
) -> str:
    """A tabulate table. When ``width`` is given and the format allows cells of several lines,
    ``wrap_column`` is wrapped so that the table fits (down to MIN_WRAP characters)."""
    if tablefmt != TABLE:
        # Separating lines only read well in the plain default; elsewhere they are noise.
        rows = [row for row in rows if row is not SEPARATING_LINE]
    table = _tabulate(headers, rows, tablefmt, colalign, None)
    if width is None or wrap_column is None or tablefmt not in multiline_formats:
        return table
    widest = max(visible_width(line) for line in table.splitlines())
    if widest <= width:
        return table
    cells = [row[wrap_column] for row in rows if not isinstance(row, str)]
    current = max((visible_width(c) for c in cells), default=0)
    limit: list[int | None] = [None] * len(headers)
    limit[wrap_column] = max(MIN_WRAP, current - (widest - width))
    return _tabulate(headers, rows, tablefmt, colalign, limit)


def _tabulate(
    headers: Sequence[str],
    rows: Sequence[Row],
    tablefmt: str,
    colalign: Sequence[str] | None,
    maxcolwidths: list[int | None] | None,
) -> str:
    # Numbers stay text: article "4.10" must not become 4.1, nor be aligned as a decimal.
    # Trailing blanks go: they only get in the way of copying and diffing.
    table = tabulate(
        rows,
        headers=list(headers),
        tablefmt=tablefmt,
        disable_numparse=True,
        colalign=colalign,
        maxcolwidths=maxcolwidths,
    )
    return "\n".join(line.rstrip(" ") for line in table.split("\n"))


def wrap(text: str, width: int | None, indent: str = "", first: str | None = None) -> str:
    """``text`` wrapped to ``width`` (not at all when None), its lines after ``indent``, the
    first line after ``first`` when given (a hanging indent, as for a list item)."""
    first = indent if first is None else first
    if width is None:
        return first + text
    return textwrap.fill(
        text,
        width=max(width, len(indent) + MIN_WRAP),
        initial_indent=first,
        subsequent_indent=indent,
        break_on_hyphens=False,
        break_long_words=False,
    )


def markdown_cell(text: str) -> str:
    """A cell of a pipe table: a ``|`` in the text would end the cell."""
    return text.replace("|", "\\|")


def markdown_link(text: str, url: str) -> str:
    """``[text](url)``, safe in a pipe table: brackets in the text and parentheses or pipes in
    the address (which the model allows only as http or https, without spaces) are escaped."""
    label = markdown_cell(text).replace("[", "\\[").replace("]", "\\]")
    target = url.replace("(", "%28").replace(")", "%29").replace("|", "%7C")
    return f"[{label}]({target})"


def to_csv(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """RFC 4180 quoting, with Unix line ends."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(headers)
    writer.writerows(rows)
    return out.getvalue()


def count(n: int, noun: str, plural: str | None = None) -> str:
    """``1 clause``, ``2 clauses``."""
    return f"{n} {noun}" if n == 1 else f"{n} {plural or noun + 's'}"
