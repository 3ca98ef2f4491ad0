"""The worklist as people and scripts read it: text for the terminal, Markdown, JSON."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from typing import Any

from treaty.audit.findings import (
    Audit,
    InferredVerdict,
    MissingProvision,
    QuoteUse,
    SilentClause,
    SilentParty,
    SourceCoverage,
    StanceSentence,
    Unspoken,
)
from treaty.audit.kinds import Kind
from treaty.audit.suggest import Candidate
from treaty.safe_text import escape, json_text

WIDTH = 80  # when the output is not a terminal
JSON_VERSION = 1
_INDENT = "  "
_MORE = "      "


def render(result: Audit, fmt: str, width: int | None = None) -> str:
    """The worklist in ``fmt``: ``text``, ``markdown`` or ``json``."""
    if fmt == "json":
        return json_text(to_json(result))
    if fmt == "markdown":
        return _markdown(result)
    return _text(result, width or WIDTH)


def _fill(text: str, width: int, first: str, rest: str) -> list[str]:
    if len(first) + len(text) <= width and "\n" not in text:
        return [first + text]  # it fits: most lines do, and wrapping costs
    return textwrap.wrap(
        text,
        width=max(width, len(rest) + 20),
        initial_indent=first,
        subsequent_indent=rest,
        break_on_hyphens=False,
        break_long_words=False,
    ) or [first.rstrip()]


def _summary(result: Audit) -> str:
    total = result.count()
    if not total:
        return "no findings: nothing listed is missing, silent, uncited or weakly supported"
    parts = [f"{len(result.findings[k])} {k.value}" for k in result.kinds if result.findings[k]]
    return f"{_count(total, 'finding')}: {', '.join(parts)}"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


# Text -------------------------------------------------------------------------------------


def _text(result: Audit, width: int) -> str:
    lines = _fill(f"coverage audit of {', '.join(result.treaties) or 'no treaty'}", width, "", "")
    lines += _fill(f"phrases: {escape(result.phrases)}", width, "", _INDENT)
    for note in result.notes:
        lines += _fill(f"note: {escape(note)}", width, "", _INDENT)
    for kind in result.kinds:
        items = result.findings[kind]
        lines.append("")
        if not items:
            lines.append(f"{kind.heading}: none")
            continue
        lines.append(f"{kind.heading} ({len(items)})")
        column = max(len(_key(kind, item)) for item in items)
        for item in items:
            lines += _TEXT[kind](item, width, min(column, 24))
    lines += ["", *_fill(_summary(result), width, "", "")]
    return "\n".join(lines) + "\n"


def _key(kind: Kind, item: object) -> str:
    """The first column of an item's line."""
    if isinstance(item, SilentParty):
        return f"{item.treaty} {item.party}"
    if isinstance(item, QuoteUse | StanceSentence):
        return ""
    return str(getattr(item, "id", ""))


def _line(key: str, text: str, width: int, column: int) -> list[str]:
    first = f"{_INDENT}{escape(key):<{column}}  "
    rest = " " * len(first) if len(first) <= 28 else _MORE
    if len(key) > column:  # an unusually long id gets a line of its own
        return [
            f"{_INDENT}{escape(key)}",
            *_fill(text, width, " " * (column + 4), " " * (column + 4)),
        ]
    return _fill(text, width, first, rest)


def _t_missing(item: Any, width: int, column: int) -> list[str]:
    return _line(item.id, escape(item.title), width, column)


def _t_silent_clause(item: Any, width: int, column: int) -> list[str]:
    text = f"no position of {', '.join(item.silent)}: {escape(item.title)}"
    return _line(item.id, text, width, column)


def _t_silent_party(item: Any, width: int, column: int) -> list[str]:
    text = f"no position on any of its {_count(item.clauses, 'clause')}"
    return _line(f"{item.treaty} {item.party}", text, width, column)


def _t_source(item: Any, width: int, column: int) -> list[str]:
    title = escape(item.title) if item.title else "untitled"
    quoted = f"{item.quoted} of {_count(item.sentences, 'sentence')} quoted"
    text = f"{quoted}; {escape(item.file)}: {title}"
    return _line(item.id, text, width, column)


def _t_sentence(item: Any, width: int, column: int) -> list[str]:
    where = f"{escape(item.file)}:{item.line}:{item.column}  {escape(item.source)}"
    signals = "; ".join(f'{m.signals.value} "{escape(m.phrase)}"' for m in item.phrases)
    lines = _fill(where, width, _INDENT, _MORE)
    lines += _fill(signals, width, _MORE, _MORE)
    lines += _fill(escape(item.text), width, _MORE, _MORE)
    return lines + _fill(f"suggests: {_suggests(item.suggests)}", width, _MORE, _MORE)


def _suggests(candidates: tuple[Candidate, ...]) -> str:
    if not candidates:
        return "nothing (its words name no provision)"
    return ", ".join(c.id if c.has_file else f"{c.id} (no clause file)" for c in candidates)


def _t_inferred(item: Any, width: int, column: int) -> list[str]:
    text = f"{item.verdict} on inferred positions of {', '.join(item.parties)} only: "
    return _line(item.id, text + escape(item.title), width, column)


def _t_quote(item: Any, width: int, column: int) -> list[str]:
    lines = _fill(f'{escape(item.source)}: "{escape(item.quote)}"', width, _INDENT, _MORE)
    found = f"found {item.occurrences} times in its source; " if item.occurrences != 1 else ""
    used = f"{found}on {_count(len(item.clauses), 'clause')}: {', '.join(item.clauses)}"
    return lines + _fill(used, width, _MORE, _MORE)


def _t_unspoken(item: Any, width: int, column: int) -> list[str]:
    text = f"positions[{item.index}], {item.party} {item.stance} of {item.date}"
    return _line(_key(Kind.NO_SPEAKER, item), text, width, column)


_TEXT: dict[Kind, Callable[[Any, int, int], list[str]]] = {
    Kind.MISSING_PROVISION: _t_missing,
    Kind.SILENT_CLAUSE: _t_silent_clause,
    Kind.SILENT_PARTY: _t_silent_party,
    Kind.UNCITED_SOURCE: _t_source,
    Kind.THIN_SOURCE: _t_source,
    Kind.STANCE_SENTENCE: _t_sentence,
    Kind.INFERRED_VERDICT: _t_inferred,
    Kind.REUSED_QUOTE: _t_quote,
    Kind.AMBIGUOUS_QUOTE: _t_quote,
    Kind.NO_SPEAKER: _t_unspoken,
}


# Markdown ---------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def _md(text: str) -> str:
    """Text from a file, as Markdown shows it literally."""
    return _MD_SPECIAL.sub(r"\\\1", escape(text))


def _markdown(result: Audit) -> str:
    out = [
        "# Coverage audit",
        "",
        f"Treaties: {_md(', '.join(result.treaties) or 'none')}. Phrases: {_md(result.phrases)}.",
    ]
    for note in result.notes:
        out += ["", f"Note: {_md(note)}"]
    for kind in result.kinds:
        items = result.findings[kind]
        out += ["", f"## {kind.heading.capitalize()} ({len(items)})", ""]
        if not items:
            out.append("None.")
        for i, item in enumerate(items):
            if kind is Kind.STANCE_SENTENCE and i:
                out.append("")  # each item has a quote block: a blank line between items
            out += _markdown_item(kind, item)
    return "\n".join([*out, "", _md(_summary(result))]) + "\n"


def _markdown_item(kind: Kind, item: Any) -> list[str]:
    if isinstance(item, StanceSentence):
        signals = "; ".join(f'{m.signals.value} "{_md(m.phrase)}"' for m in item.phrases)
        where = f"`{escape(item.file)}:{item.line}:{item.column}` ({_md(item.source)})"
        suggests = (
            ", ".join(
                f"`{c.id}`" + ("" if c.has_file else " (no clause file)") for c in item.suggests
            )
            or "nothing"
        )
        return [f"- {where}: {signals}. Suggests: {suggests}.", "", f"  > {_md(item.text)}"]
    if isinstance(item, QuoteUse):
        clauses = ", ".join(f"`{c}`" for c in item.clauses)
        found = f", found {item.occurrences} times in its source" if item.occurrences != 1 else ""
        return [f'- {_md(item.source)}: "{_md(item.quote)}"{found}; on {clauses}']
    lines = _text_item_plain(kind, item)
    key = _key(kind, item)
    return [f"- `{escape(key)}` {_md(lines)}"]


def _text_item_plain(kind: Kind, item: Any) -> str:
    """The item's words after its key, on one line (no wrapping)."""
    lines = _TEXT[kind](item, 10_000, len(_key(kind, item)))
    return lines[0].strip()[len(_key(kind, item)) :].strip()


# JSON -------------------------------------------------------------------------------------


def to_json(result: Audit) -> dict[str, Any]:
    """The stable JSON shape (documented in README, "treaty audit")."""
    return {
        "version": JSON_VERSION,
        "treaties": list(result.treaties),
        "phrases": result.phrases,
        "notes": list(result.notes),
        "total": result.count(),
        "counts": {k.value: len(result.findings[k]) for k in result.kinds},
        "findings": {k.value: [_json_item(i) for i in result.findings[k]] for k in result.kinds},
    }


def _json_item(item: object) -> dict[str, Any]:
    if isinstance(item, MissingProvision):
        return {
            "treaty": item.treaty,
            "id": item.id,
            "article": item.article,
            "paragraph": item.paragraph,
            "title": item.title,
            "binds": list(item.binds),
        }
    if isinstance(item, SilentClause):
        return {
            "id": item.id,
            "title": item.title,
            "verdict": item.verdict,
            "silent": list(item.silent),
        }
    if isinstance(item, SilentParty):
        return {
            "treaty": item.treaty,
            "party": item.party,
            "clauses": item.clauses,
        }
    if isinstance(item, SourceCoverage):
        return {
            "id": item.id,
            "file": item.file,
            "title": item.title,
            "sentences": item.sentences,
            "quoted": item.quoted,
            "share": round(item.share, 3),
        }
    if isinstance(item, StanceSentence):
        return {
            "source": item.source,
            "file": item.file,
            "line": item.line,
            "column": item.column,
            "text": item.text,
            "phrases": [{"phrase": m.phrase, "signals": m.signals.value} for m in item.phrases],
            "suggests": [
                {"id": c.id, "title": c.title, "has_file": c.has_file} for c in item.suggests
            ],
        }
    if isinstance(item, InferredVerdict):
        return {
            "id": item.id,
            "title": item.title,
            "verdict": item.verdict,
            "parties": list(item.parties),
        }
    if isinstance(item, Unspoken):
        return {
            "id": item.id,
            "position": item.index,
            "party": item.party,
            "stance": item.stance,
            "date": item.date,
        }
    assert isinstance(item, QuoteUse)
    return {
        "source": item.source,
        "quote": item.quote,
        "clauses": list(item.clauses),
        "occurrences": item.occurrences,
    }
