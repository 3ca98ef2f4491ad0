"""Finding quotes in source texts, and the closest passage when one is not there."""

from __future__ import annotations

import difflib
import heapq
import re

_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
    }
)
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"(?<=\s)\S")  # where a run of whitespace ends
_CHUNK = 64 * 1024
_PUNCTUATION = ".,;:!?\"'()[]"
# Windows compared letter by letter, and the longest quote compared so (a long comparison is
# quadratic; a quote that long gets the window with most of its words).
_CANDIDATES = 8
_COMPARE_CHARS = 400
_SHORT_WORDS, _SHORT_CHARS = 3, 40


def normalise(text: str) -> str:
    """Typographic quotes and dashes made plain, whitespace runs made one space; nothing else."""
    if len(text) <= _CHUNK:
        return _SPACE.sub(" ", text.translate(_QUOTES)).strip()
    # A source of megabytes, a piece at a time: done at once, the substitution holds a string
    # for every word, many times the text's own size. Pieces end where whitespace ends, so no
    # run of it is split.
    pieces, start = [], 0
    while start < len(text):
        after = _WORD.search(text, start + _CHUNK)
        end = after.start() if after else len(text)
        pieces.append(_SPACE.sub(" ", text[start:end].translate(_QUOTES)))
        start = end
    return "".join(pieces).strip()


def plain(text: str) -> str:
    """Typographic quotes and dashes made plain, character for character (the length is kept,
    so a place in the result is the same place in ``text``)."""
    return text.translate(_QUOTES)


MIN_WORDS = 3  # fewer words than this are found in almost any text: they prove nothing
_A_WORD = re.compile(r"\w")


def words(quote: str) -> int:
    """How many words the quote has (runs of non-space holding a letter or digit)."""
    return sum(1 for token in normalise(quote).split(" ") if _A_WORD.search(token))


def contains(normalised_source: str, quote: str) -> bool:
    """Whether the quote is in the (already normalised) source text."""
    needle = normalise(quote)
    return bool(needle) and needle in normalised_source


class PassageBudget:
    """How much searching for closest passages one run may do, in words scanned.

    Each unmatched quote costs a scan of its source; a hostile file with thousands of them,
    against a large source, must not keep validation busy for minutes."""

    def __init__(self, words: int = 2_000_000) -> None:
        self.left = words

    def closest(self, normalised_source: str, quote: str) -> str | None:
        """The closest passage, or None once the budget is spent."""
        # Scanning costs a step a word; comparing letter by letter about one per eight pairs
        # (and a short quote may be compared with every window of the source).
        words = normalised_source.count(" ") + 1
        compared = min(len(quote), _COMPARE_CHARS)
        cost = words + _CANDIDATES * compared * compared // 8
        if _is_short(quote):
            cost += words * (len(quote) ** 2 // 8 + 1)
        if cost > self.left:
            return None
        self.left -= cost
        return closest_passage(normalised_source, quote)


def _is_short(quote: str) -> bool:
    return quote.count(" ") < _SHORT_WORDS and len(quote) <= _SHORT_CHARS


def _token(word: str) -> str:
    return word.lower().strip(_PUNCTUATION)


def closest_passage(normalised_source: str, quote: str) -> str:
    """The stretch of the source, as long as the quote in words, that matches it best.

    One pass slides a window over the source counting the quote's words in it (linear in the
    source); only the best few windows are then compared letter by letter."""
    words = normalised_source.split(" ")
    needle = normalise(quote)
    width = max(1, min(len(words), needle.count(" ") + 1))
    tokens = [_token(w) for w in words]
    need: dict[str, int] = {}
    for word in needle.split(" "):
        need[_token(word)] = need.get(_token(word), 0) + 1
    have: dict[str, int] = {}
    overlap = 0
    best: list[tuple[int, int]] = []  # a min-heap of (overlap, -start): the top candidates
    for i, token in enumerate(tokens):
        if token in need:
            if have.get(token, 0) < need[token]:
                overlap += 1
            have[token] = have.get(token, 0) + 1
        start = i - width + 1
        if start > 0:
            gone = tokens[start - 1]
            if gone in need:
                have[gone] -= 1
                if have[gone] < need[gone]:
                    overlap -= 1
        if start >= 0:
            item = (overlap, -start)
            if len(best) < _CANDIDATES:
                heapq.heappush(best, item)
            elif item > best[0]:
                heapq.heapreplace(best, item)
    if best and max(best)[0] == 0 and _is_short(needle):
        # No word of a short quote is in the source (a typo in its only word, say): only
        # letters can tell which window is closest.
        return _closest_by_letters(words, needle, width)
    windows = [" ".join(words[-s : -s + width]) for _, s in sorted(best, reverse=True)]
    if len(needle) > _COMPARE_CHARS:
        return windows[0]
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(needle)
    scored = []
    for window in windows:
        matcher.set_seq1(window)
        scored.append(matcher.ratio())
    return windows[scored.index(max(scored))]


def _closest_by_letters(words: list[str], needle: str, width: int) -> str:
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(needle)
    best, best_ratio = "", -1.0
    for start in range(max(1, len(words) - width + 1)):
        window = " ".join(words[start : start + width])
        matcher.set_seq1(window)
        if matcher.real_quick_ratio() <= best_ratio or matcher.quick_ratio() <= best_ratio:
            continue
        ratio = matcher.ratio()
        if ratio > best_ratio:
            best, best_ratio = window, ratio
    return best
