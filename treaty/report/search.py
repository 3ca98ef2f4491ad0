"""`treaty search`: the hits, for people (the match marked) or for scripts (JSON)."""

from __future__ import annotations

from treaty.index.search import Hit
from treaty.index.texts import CLOSE, OPEN
from treaty.report.tables import count, wrap
from treaty.safe_text import escape, json_text

# Without colour a match is shown between brackets; on a terminal, in bold.
PLAIN_MARKS = ("[", "]")
COLOUR_MARKS = ("\x1b[1m", "\x1b[0m")


def _where(hit: Hit) -> str:
    """``russia-nato.2  positions[0].evidence[1].quote  (US, tass-2021-12-23)``."""
    name = hit.ref if hit.kind == "clause" else f"{hit.kind} {hit.ref}"
    about = ", ".join(x for x in (hit.party, hit.source) if x)
    return f"{escape(name)}  {escape(hit.field)}" + (f"  ({escape(about)})" if about else "")


def marked(snippet: str, marks: tuple[str, str]) -> str:
    """The snippet, escaped, with each match between ``marks``."""
    return escape(snippet).replace(OPEN, marks[0]).replace(CLOSE, marks[1])


def as_text(
    hits: list[Hit], total: int, query: str, *, width: int | None, colour: bool = False
) -> str:
    """Each hit: where it is, then its snippet (indented, wrapped to ``width``); a count."""
    marks = COLOUR_MARKS if colour else PLAIN_MARKS
    lines = []
    for hit in hits:
        lines.append(_where(hit))
        lines.append(wrap(marked(hit.snippet, marks), width, "    "))
    found = f'{count(total, "hit")} for "{escape(query)}"'
    if len(hits) < total:
        found += f" ({len(hits)} shown; --limit 0 shows all)"
    return "\n".join([*lines, *([""] if lines else []), found]) + "\n"


def as_json(hits: list[Hit], total: int, query: str) -> str:
    """``{"query", "total", "hits": [{"kind", "id", "field", "category", "treaty", "party",
    "source", "snippet", "marks"}]}``: the snippet as plain text, and each match in it as
    ``[start, end]`` (character offsets)."""
    doc = {
        "query": query,
        "total": total,
        "hits": [
            {
                "kind": hit.kind,
                "id": hit.ref,
                "field": hit.field,
                "category": hit.category,
                "treaty": hit.treaty,
                "party": hit.party,
                "source": hit.source,
                **_offsets(hit.snippet),
            }
            for hit in hits
        ],
    }
    return json_text(doc)


def _offsets(snippet: str) -> dict[str, object]:
    text, marks, start = "", [], 0
    for char in snippet:
        if char == OPEN:
            start = len(text)
        elif char == CLOSE:
            marks.append([start, len(text)])
        else:
            text += char
    return {"snippet": text, "marks": marks}
