"""Where a quote is in its source's own text, the sentence around it, and the text cut into
paragraphs with every quoted passage marked.

Quotes are matched as validation matches them (``treaty.check.quotes``: typographic quotes,
dashes and runs of whitespace may differ), but what a page shows is the source's own bytes:
each character of the normalised text remembers where it came from.
"""

from __future__ import annotations

import itertools
import re
from array import array
from collections.abc import Iterable
from dataclasses import dataclass

from treaty.check.quotes import normalise, plain

_RUN = re.compile(r"(\s+)|(\S+)")
# The end of a sentence: a stop, any closing quotes or brackets, then a space or the end.
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*(?=\s|$)")
CONTEXT_CHARS = 320  # the most of a sentence shown on either side of a quote


@dataclass(frozen=True)
class Span:
    """A stretch of the source's text: ``text[start:end]``."""

    start: int
    end: int


@dataclass(frozen=True)
class Passage:
    """A quote in context: the sentence up to it, the source's own words, and what follows."""

    before: str
    quoted: str
    after: str


@dataclass(frozen=True)
class Segment:
    """A piece of a paragraph: marked when a quoted passage covers it. ``starts`` and
    ``ends`` number the passages that begin and end in it (for anchors and links)."""

    text: str
    marked: bool
    starts: tuple[int, ...] = ()
    ends: tuple[int, ...] = ()


class SourceText:
    """A source's text, with quotes found in it as validation finds them."""

    def __init__(self, raw: str) -> None:
        self.raw = raw
        chars: list[str] = []
        where = array("q")
        for match in _RUN.finditer(plain(raw)):
            if match.group(1) is not None:
                if chars:
                    chars.append(" ")
                    where.append(match.start())
            else:
                chars.append(match.group(2))
                where.extend(range(match.start(), match.end()))
        if chars and chars[-1] == " ":
            chars.pop()
            where.pop()
        self._normalised = "".join(chars)
        self._where = where

    def find(self, quote: str) -> Span | None:
        """Where the quote's first occurrence is, in the source's own text."""
        needle = normalise(quote)
        at = self._normalised.find(needle) if needle else -1
        if at < 0:
            return None
        return Span(self._where[at], self._where[at + len(needle) - 1] + 1)

    def passage(self, span: Span) -> Passage:
        """The quote and the sentence around it, within its paragraph (a line of the text)."""
        raw = self.raw
        line_start = raw.rfind("\n", 0, span.start) + 1
        line_end = raw.find("\n", span.end)
        line_end = len(raw) if line_end < 0 else line_end
        start = line_start
        for match in _SENTENCE_END.finditer(raw, line_start, span.start):
            start = match.end()
        end = line_end
        found = _SENTENCE_END.search(raw, max(span.start, span.end - 1), line_end)
        if found:
            end = max(found.end(), span.end)
        before = raw[start : span.start].lstrip()
        after = raw[span.end : end].rstrip()
        if len(before) > CONTEXT_CHARS:
            cut = before[-CONTEXT_CHARS:]
            before = "…" + cut[cut.find(" ") + 1 :] if " " in cut else "…" + cut
        if len(after) > CONTEXT_CHARS:
            cut = after[:CONTEXT_CHARS]
            after = (cut[: cut.rfind(" ")] if " " in cut else cut) + "…"
        return Passage(before, raw[span.start : span.end], after)

    def paragraphs(self, spans: Iterable[tuple[int, Span]]) -> list[list[Segment]]:
        """The text's non-empty lines, each cut where numbered passages begin and end. (A
        passage begins and ends on a word, so at a place inside a line.)"""
        spans = sorted(spans, key=lambda item: (item[1].start, item[1].end, item[0]))
        out: list[list[Segment]] = []
        offset = 0
        for line in self.raw.split("\n"):
            start, end = offset, offset + len(line)
            offset = end + 1
            if not line.strip():
                continue
            here = [(n, s) for n, s in spans if s.start < end and s.end > start]
            cuts = {start, end}
            for _, s in here:
                cuts.update(c for c in (s.start, s.end) if start < c < end)
            bounds = sorted(cuts)
            segments = []
            for a, b in itertools.pairwise(bounds):
                covering = [n for n, s in here if s.start < b and s.end > a]
                segments.append(
                    Segment(
                        line[a - start : b - start],
                        bool(covering),
                        tuple(n for n, s in here if s.start == a),
                        tuple(n for n, s in here if s.end == b),
                    )
                )
            out.append(segments)
        return out
