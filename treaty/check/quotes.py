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
_WORD = re.compile(r"(?<=\s)\S")  # where a run of whitespace ends
_CHUNK = 64 * 1024
_PUNCTUATION = ".,;:!?\"'()[]"
# Windows compared letter by letter, and the longest quote compared so (a long comparison is
# quadratic; a quote that long gets the window with most of its words).
_CANDIDATES = 8
_COMPARE_CHARS = 400
_SHORT_WORDS, _SHORT_CHARS = 3, 40


def normalise(text: str) -> str:
    """Typographic quotes and dashes made plain, whitespace runs made one space; nothing else.

    (``str.split`` splits at exactly the characters ``\\s`` matches, and is twice as fast.)"""
    if len(text) <= _CHUNK:
        return " ".join(text.translate(_QUOTES).split())
    # A source of megabytes, a piece at a time: done at once, the split holds a string for
    # every word, many times the text's own size. Pieces end where whitespace ends, so no
    # run of it is split, and each but the last ends in whitespace.
    pieces, start = [], 0
    while start < len(text):
        after = _WORD.search(text, start + _CHUNK)
        end = after.start() if after else len(text)
        piece = " ".join(text[start:end].translate(_QUOTES).split())
        if piece:
            pieces.append(piece)
        start = end
    return " ".join(pieces)


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
    """Whether the quote is in the (already normalised) source text (no budget: for tests
    and small texts; a validation run checks through ``WorkBudget.find``)."""
    needle = normalise(quote)
    return bool(needle) and needle in normalised_source


# The budget's unit, a step, is about 10 ns of the slowest work it pays for: a character of
# source scanned by a substring search (str.find on text built to defeat it, "aaaa...",
# scans about 100 MB/s here; ordinary text ten times as fast) or 1/250 of a word of source
# scanned for a closest passage (about 2.5 µs a word).
STEPS_PER_WORD = 250
# A run may spend BASE_STEPS (about a second at worst) and PER_FILE_STEPS for each file it
# checks: a file's checks cost at most its own steps and whatever is left of the base, so
# one hostile file cannot keep a run busy, and a big honest project gets steps for each file.
BASE_STEPS = 100_000_000
PER_FILE_STEPS = 1_000_000


class WorkBudget:
    """How much quote checking one run may do: every search for a quote in its source, found
    or not, and every search for a misquote's closest passage.

    A clause of thousands of short quotes that *are* found, against a source at the 4 MiB
    limit, costs a scan of the source each: without a bound that is minutes of CI. A check
    the budget cannot pay for is not made, and the run says so (T017: it fails, it never
    passes unchecked); a closest passage it cannot pay for is not searched."""

    def __init__(self, steps: int = BASE_STEPS, per_file: int = PER_FILE_STEPS) -> None:
        self.left = steps
        self.per_file = per_file
        self.refused = 0  # checks and searches not made: results that must not be cached
        self.unchecked = 0  # quotes of the current file that were not checked
        self._seen: dict[tuple[int, str], int] = {}  # this file's needles, by source

    def share(self, workers: int) -> None:
        """This process is one of ``workers`` checking the run's files: its part of the base."""
        self.left //= max(1, workers)

    def start_file(self) -> None:
        """A new file's checks: its steps, and a fresh memory of its quotes."""
        self.left += self.per_file
        self.unchecked = 0
        self._seen.clear()

    def find(self, normalised_source: str, quote: str) -> bool | None:
        """Whether the quote is in the source; None when the budget cannot pay for finding
        out. A quote asked again (in the same file) costs nothing more."""
        needle = normalise(quote)
        if not needle:
            return False
        key = (id(normalised_source), needle)
        known = self._seen.get(key)
        if known is not None:
            return known >= 0
        # Scan no further than the steps left: the bound is the search's own.
        end = min(len(normalised_source), max(0, self.left) + len(needle))
        at = normalised_source.find(needle, 0, end)
        if at < 0 and end < len(normalised_source):
            self.left = 0
            self.refused += 1
            self.unchecked += 1
            return None
        self.left -= end if at < 0 else at + len(needle)
        self._seen[key] = at
        return at >= 0

    def closest(self, normalised_source: str, quote: str) -> str | None:
        """The closest passage, or None once the budget is spent."""
        # Scanning costs a step a word; comparing letter by letter about one per eight pairs
        # (and a short quote may be compared with every window of the source).
        words = normalised_source.count(" ") + 1
        compared = min(len(quote), _COMPARE_CHARS)
        cost = words + _CANDIDATES * compared * compared // 8
        if _is_short(quote):
            cost += words * (len(quote) ** 2 // 8 + 1)
        cost *= STEPS_PER_WORD
        if cost > self.left:
            self.refused += 1
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
