"""Checking one answer at a time, as an interactive command gets it: the same rules as
``treaty validate``, asked of a single value, so that a typo is caught at its prompt and not
after every other question has been answered."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from treaty.cache.run import run
from treaty.check.quotes import closest_passage, contains
from treaty.check.results import Corpus
from treaty.days import parse_day
from treaty.project import Project
from treaty.safe_text import shorten
from treaty.suggest import suggest


@dataclass
class Answers:
    """What answers are checked against: the project's topics, treaties and sources."""

    corpus: Corpus
    today: dt.date

    @classmethod
    def of(cls, project: Project) -> Answers:
        corpus = run(project, [], models=True).corpus
        assert corpus is not None  # asked for with models=True
        return cls(corpus, dt.date.today())

    def parties(self, treaty_id: str) -> list[str]:
        treaty = self.corpus.treaties.get(treaty_id)
        return [p.id for p in treaty.parties] if treaty else []

    def party(self, treaty_id: str, value: str) -> str | None:
        known = self.parties(treaty_id)
        if not known or value in known:
            return None
        return f'"{value}" is not a party of {treaty_id}{suggest(value, known)}; its parties: ' + (
            ", ".join(known)
        )

    def topic(self, value: str) -> str | None:
        if value in self.corpus.topics:
            return None
        hint = suggest(value, self.corpus.topics)
        return f'unknown topic "{value}"{hint} (topics are listed in clauses/topics.yaml)'

    def source(self, value: str) -> str | None:
        known = self.corpus.sources.by_id
        if value in known:
            return None
        return f'unknown source "{value}"{suggest(value, known)}; `treaty sources` lists them'

    def quote(self, source: str, value: str) -> str | None:
        text = self.corpus.sources.texts.get(source)
        if text is None or contains(text, value):
            return None
        near = closest_passage(text, value)
        return f'not found in "{source}"; closest passage: "{shorten(near, 120)}"'

    def day(self, value: str) -> str | None:
        try:
            day = parse_day(value)
        except ValueError as exc:
            return f'"{value}" is not a real day: {exc}'
        if day is None:
            return f'"{value}" is not a day written YYYY-MM-DD, e.g. 2021-12-23'
        if day > self.today:
            return f"{value} is in the future"
        return None
