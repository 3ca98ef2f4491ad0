"""A source's text as the audit reads it: sentences with their line and column, where quotes
fall in it, and which stance phrases a sentence holds.

Positions in the text are offsets in its normalised form (``treaty.check.quotes.normalise``,
the form quotes are matched in), so that a quote and a sentence can be compared exactly as
validation compares a quote with its source."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from treaty.check.quotes import normalise
from treaty.files.reading import LINE_BREAK
from treaty.model import Stance

# A sentence ends at . ! or ? (and any closing quotes or brackets after it) followed by space
# and something that starts a sentence: a capital, a digit or an opening quote.
_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)\]]*\s+(?=[A-Z0-9\"'\u201c\u2018(])")
# Words whose full stop does not end a sentence.
_SHORT_FORMS = "mr mrs ms dr st gen sen rep gov lt col maj sgt jr sr no vs u.s u.k u.n e.g i.e"
_ABBREVIATIONS = frozenset(_SHORT_FORMS.split())


@dataclass(frozen=True)
class Sentence:
    """One sentence of a source: where it starts in the file, its words, its place in the
    normalised text (``start`` to ``end``)."""

    line: int
    column: int
    text: str  # as the file has it, on one line
    start: int
    end: int

    def overlaps(self, spans: Iterable[tuple[int, int]]) -> bool:
        """Whether any of the spans shares a character with the sentence."""
        return any(a < self.end and self.start < b for a, b in spans)


@dataclass(frozen=True)
class SourceText:
    """A source's text, normalised as quotes are matched in it, and its sentences."""

    flat: str
    sentences: list[Sentence]


def read_text(raw: str) -> SourceText:
    """The source's normalised text and its sentences."""
    flat = normalise(raw)
    return SourceText(flat, sentences(raw, flat))


def sentences(raw: str, flat: str) -> list[Sentence]:
    """The sentences of a source's text, in order, each placed in the file and in the
    normalised text ``flat`` (which is ``normalise(raw)``)."""
    found: list[Sentence] = []
    cursor = 0
    line_no = 1
    position = 0
    for brk in [*LINE_BREAK.finditer(raw), None]:
        end = brk.start() if brk else len(raw)
        for column, piece in _split(raw[position:end]):
            words = normalise(piece)
            at = flat.find(words, cursor)
            if not words or at < 0:  # cannot happen: normalising keeps every word in order
                continue
            cursor = at + len(words)
            found.append(Sentence(line_no, column, " ".join(piece.split()), at, cursor))
        if brk is not None:
            position = brk.end()
            line_no += 1
    return found


def _split(line: str) -> list[tuple[int, str]]:
    """The sentences of one line, each with its 1-based column."""
    out: list[tuple[int, str]] = []
    start = 0
    for match in _END.finditer(line):
        before = line[max(start, match.start() - 40) : match.start()].rsplit(None, 1)
        last = before[-1].rstrip(".!?").lower() if before else ""
        if last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
            continue  # "Mr. Biden", "J. Sullivan": the stop ends a word, not the sentence
        out.append((start, line[start : match.start()]))
        start = match.end()
    out.append((start, line[start:]))
    return [(_lead(col, piece), piece.strip()) for col, piece in out if piece.strip()]


def _lead(column: int, piece: str) -> int:
    return column + len(piece) - len(piece.lstrip()) + 1


def occurrences(flat: str, quote: str) -> list[tuple[int, int]]:
    """Every place the quote is found in the normalised text (overlapping ones included)."""
    needle = normalise(quote)
    spans: list[tuple[int, int]] = []
    if not needle:
        return spans
    at = flat.find(needle)
    while at >= 0:
        spans.append((at, at + len(needle)))
        at = flat.find(needle, at + 1)
    return spans


@dataclass(frozen=True)
class Match:
    """A stance phrase found in a sentence."""

    phrase: str  # as the phrase file spells it
    signals: Stance


# Words, and each other character that is not a space: what phrases are matched in.
_TOKEN = re.compile(r"\w+|[^\w\s]")
_END_OF_PHRASE = ""  # a key no token can be: where a phrase ends in the tree


def _tokens(text: str) -> list[str]:
    return [t.casefold() for t in _TOKEN.findall(normalise(text))]


class Phrases:
    """The phrase list, as a tree of its words: matched as whole words, in any case, with
    typographic quotes made plain; where phrases overlap, the one that starts first wins, and
    of those the longest. Finding costs a walk down the tree from each word of the sentence,
    however many phrases there are."""

    def __init__(self, phrases: Mapping[str, Stance]) -> None:
        self._tree: dict[str, Any] = {}
        for phrase, stance in phrases.items():
            node = self._tree
            for token in _tokens(phrase):
                node = node.setdefault(token, {})
            if node is not self._tree:  # a phrase of no words matches nothing
                node.setdefault(_END_OF_PHRASE, Match(phrase, stance))

    def find(self, text: str) -> list[Match]:
        """The phrases ``text`` holds, in the order they occur, each once."""
        tokens = _tokens(text)
        found: dict[str, Match] = {}
        i = 0
        while i < len(tokens):
            node: dict[str, Any] | None = self._tree
            longest: Match | None = None
            end = i
            for j in range(i, len(tokens)):
                node = node.get(tokens[j]) if node is not None else None
                if node is None:
                    break
                if _END_OF_PHRASE in node:
                    longest, end = node[_END_OF_PHRASE], j + 1
            if longest is None:
                i += 1
            else:
                found.setdefault(longest.phrase, longest)
                i = end
        return list(found.values())
