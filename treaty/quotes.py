"""Finding quotes in source texts, and the closest passage when one is not there."""

from __future__ import annotations

import difflib
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


def normalise(text: str) -> str:
    """Typographic quotes and dashes made plain, whitespace runs made one space; nothing else."""
    return _SPACE.sub(" ", text.translate(_QUOTES)).strip()


def contains(normalised_source: str, quote: str) -> bool:
    """Whether the quote is in the (already normalised) source text."""
    needle = normalise(quote)
    return bool(needle) and needle in normalised_source


def closest_passage(normalised_source: str, quote: str) -> str:
    """The stretch of the source, as long as the quote in words, that matches it best."""
    words = normalised_source.split(" ")
    needle = normalise(quote)
    width = max(1, len(needle.split(" ")))
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
