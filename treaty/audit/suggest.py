"""Which provisions a sentence's words point to: words shared with a clause's title and
topics, or a listed article's title, weighted by how few provisions and how few sentences of
the sources have each word. A suggestion needs two such words: one shared word is too often
a coincidence ("level" in "on some level" and "brigade level")."""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")
# Words that point nowhere: grammar, months, and the words every provision of a draft has.
_WORDS = (
    "about after also among and any are been before being between both but can could did "
    "does each even for from had has have her his how including into its itself more most "
    "must not now off one only other our out over own said says shall should some such "
    "than that the their them then there these they this those through under upon very "
    "was were what when where which while who whom why will with within would you your "
    "all per may january february march april june july august september october november "
    "december party parties state states treaty agreement draft proposal provision article"
)
_STOP = frozenset(_WORDS.split())
MAX_SUGGESTIONS = 3
MIN_SHARED = 2
# A word in more than this share of the sources' sentences (a party's name, "security")
# points nowhere, however few provisions have it.
COMMON_SHARE = 0.25


def stems(text: str) -> set[str]:
    """The words of ``text`` that can point to a provision, cut to a crude stem (lower case,
    no plural s, at most six letters: "deploying" and "deployment" meet, "interview" and
    "intermediate" do not)."""
    out = set()
    for word in _WORD.findall(text.lower()):
        word = word.removesuffix("'s")
        if len(word) < 3 or word in _STOP or word.isdigit():
            continue
        if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        out.add(word[:6])
    return out


@dataclass(frozen=True)
class Candidate:
    """A provision a sentence may be about: a clause, or an article without a clause file."""

    id: str
    title: str
    has_file: bool


class Suggester:
    """Provisions ranked by the weight of the words they share with a sentence."""

    def __init__(
        self, candidates: Mapping[Candidate, Collection[str]], sentences: Collection[str]
    ) -> None:
        """``candidates``: each provision with the stems of its words (see ``stems``)."""
        self._index: dict[str, list[Candidate]] = {}
        for candidate, known in candidates.items():
            for stem in known:
                self._index.setdefault(stem, []).append(candidate)
        seen: dict[str, int] = {}
        for sentence in sentences:
            for stem in stems(sentence):
                seen[stem] = seen.get(stem, 0) + 1
        n, total = len(sentences), max(1, len(candidates))
        common = COMMON_SHARE * n if n >= 1 / COMMON_SHARE else math.inf
        # A word every provision has says nothing (weight 0); a rare one says most.
        self._weight = {
            s: math.log(total / len(c)) * math.log((n + 2) / (seen.get(s, 0) + 1))
            for s, c in self._index.items()
            if seen.get(s, 0) <= common
        }

    def suggest(
        self, text: str, leave_out: Iterable[str] = (), limit: int = MAX_SUGGESTIONS
    ) -> list[Candidate]:
        """At most ``limit`` provisions, best first (ties by id). ``leave_out``: words that
        must not count (the stance phrase found in the sentence)."""
        left_out = set().union(*(stems(w) for w in leave_out))
        scores: dict[Candidate, tuple[int, float]] = {}
        for stem in stems(text) - left_out:
            weight = self._weight.get(stem, 0.0)
            if weight <= 0:
                continue
            for candidate in self._index[stem]:
                shared, score = scores.get(candidate, (0, 0.0))
                scores[candidate] = (shared + 1, score + weight)
        ranked = sorted(
            ((c, score) for c, (shared, score) in scores.items() if shared >= MIN_SHARED),
            key=lambda kv: (-round(kv[1], 9), kv[0].id),
        )
        return [c for c, _ in ranked[:limit]]


def topic_words(topic: str, vocabulary: Mapping[str, str]) -> str:
    """The words a topic is known by: its slug and what it means."""
    return f"{topic.replace('-', ' ')} {vocabulary.get(topic, '')}"
