"""What the audit lists: one kind of finding per gap in the corpus, each a plain value."""

from __future__ import annotations

from dataclasses import dataclass, field

from treaty.audit.kinds import Kind
from treaty.audit.suggest import Candidate
from treaty.audit.text import Match


@dataclass(frozen=True)
class MissingProvision:
    """An article, or a paragraph, the treaty lists and no clause file is about."""

    treaty: str
    id: str  # the clause id a file for it would have
    article: int
    paragraph: int | None
    title: str
    binds: tuple[str, ...]


@dataclass(frozen=True)
class SilentClause:
    """A clause some counted parties have no position on."""

    id: str
    title: str
    silent: tuple[str, ...]  # the counted parties without a position, in the treaty's order
    verdict: str


@dataclass(frozen=True)
class SilentParty:
    """A counted party of a treaty with no position on any of its clauses."""

    treaty: str
    party: str
    clauses: int  # how many clauses the treaty has


@dataclass(frozen=True)
class SourceCoverage:
    """How much of a source the corpus quotes."""

    id: str
    file: str
    title: str | None
    sentences: int
    quoted: int  # sentences with a quote of a clause or treaty in them

    @property
    def share(self) -> float:
        return self.quoted / self.sentences if self.sentences else 0.0


@dataclass(frozen=True)
class StanceSentence:
    """A sentence of a source with a stance phrase, quoted by no position's evidence."""

    source: str
    file: str  # shown path of the source file
    line: int
    column: int
    text: str
    phrases: tuple[Match, ...]
    suggests: tuple[Candidate, ...]


@dataclass(frozen=True)
class InferredVerdict:
    """A verdict whose every counted stance rests on inferred positions only."""

    id: str
    title: str
    verdict: str
    parties: tuple[str, ...]  # the counted parties whose stances make the verdict


@dataclass(frozen=True)
class QuoteUse:
    """One quote of a source and the clauses that use it."""

    source: str
    quote: str
    clauses: tuple[str, ...]
    occurrences: int  # how many times the quote is found in its source


@dataclass(frozen=True)
class Unspoken:
    """A position none of whose evidence says who spoke."""

    id: str  # the clause
    index: int  # the position's place in the clause's positions
    party: str
    stance: str
    date: str


@dataclass
class Audit:
    """The worklist: the findings of each kind, and what was audited."""

    treaties: list[str]
    phrases: str  # where the phrases came from, or why stance sentences were not searched
    notes: list[str] = field(default_factory=list)  # what the audit could not look at
    findings: dict[Kind, list[object]] = field(default_factory=lambda: {k: [] for k in Kind})
    kinds: tuple[Kind, ...] = tuple(Kind)  # the kinds asked for

    def count(self) -> int:
        return sum(len(self.findings[k]) for k in self.kinds)
