"""Did-you-mean: the closest known word to one that is not known."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The closest choice to ``word``, if one is close enough."""
    if len(word) > 100:  # no field name is that long; spare difflib a hostile key
        return None
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean "x"?)`` for the closest choice, or nothing."""
    close = closest(word, choices)
    return f' (did you mean "{close}"?)' if close else ""


def suggest(value: str, choices: Iterable[str]) -> str:
    """`` (did you mean "x"?)``: the choice that differs only in case, else the closest."""
    choices = list(choices)
    same = [c for c in choices if c.casefold() == value.casefold()]
    return f' (did you mean "{same[0]}"?)' if same else did_you_mean(value, choices)


def unknown(kind: str, given: Iterable[str], known: Iterable[str]) -> str | None:
    """A message for the first value of ``given`` that is not ``known``, or None."""
    choices = sorted(set(known))
    for value in given:
        if value not in choices:
            listed = ", ".join(choices) or "none"
            return f'unknown {kind} "{value}"{suggest(value, choices)}; known: {listed}'
    return None
