"""Rules that look across files: ids, references, topics, dates, order, and quotes."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from treaty.check.model_errors import check_model
from treaty.check.positions import check_positions
from treaty.check.quotes import MIN_WORDS, PassageBudget, contains, words
from treaty.check.sources import Sources
from treaty.model import Clause, Evidence, Quote, Treaty
from treaty.problems import Code, Loc, Problem, problem
from treaty.project import expected_id
from treaty.safe_text import shorten
from treaty.suggest import did_you_mean


@dataclass(frozen=True)
class Context:
    """What the cross-file rules look things up in."""

    sources: Sources
    topics: dict[str, str] | None
    treaties: dict[str, Treaty]
    clause_exists: frozenset[str] | None  # None: ask the file system
    clauses_dir: Path
    today: dt.date
    # Shared by the whole run: searching for closest passages is bounded in total.
    passages: PassageBudget = dataclasses.field(default_factory=PassageBudget)

    def has_clause(self, clause_id: str) -> bool:
        if self.clause_exists is not None:
            return clause_id in self.clause_exists
        treaty_id, _, rest = clause_id.partition(".")
        return (self.clauses_dir / treaty_id / f"{rest}.yaml").is_file()


def check_quotes(quotes: Sequence[Quote], loc: Loc, shown: str, ctx: Context) -> Iterator[Problem]:
    """Each quote's source is registered and its words are in the source's text."""
    for i, quote in enumerate(quotes):
        yield from _check_quote(quote, (*loc, i), shown, ctx)


def _check_quote(quote: Quote, here: Loc, shown: str, ctx: Context) -> Iterator[Problem]:
    if words(quote.quote) < MIN_WORDS:
        msg = (
            f"a quote needs at least {MIN_WORDS} words to be evidence; "
            f'"{shorten(quote.quote)}" has {words(quote.quote)}: quote the words around it too'
        )
        yield problem(shown, Code.QUOTE_TOO_SHORT, msg, (*here, "quote"))
    if quote.source not in ctx.sources.by_id:
        hint = did_you_mean(quote.source, ctx.sources.by_id)
        msg = f'unknown source "{quote.source}"{hint}'
        yield problem(shown, Code.UNKNOWN_SOURCE, msg, (*here, "source"))
        return
    text = ctx.sources.texts.get(quote.source)
    if text is None:
        return  # the registry's own problem says why the text is missing
    if not contains(text, quote.quote):
        near = ctx.passages.closest(text, quote.quote)
        msg = f'quote not found in source "{quote.source}"'
        if near is None:
            msg += " (closest passage not searched: too many unmatched quotes)"
        else:
            msg += f'; closest passage: "{shorten(near, 300)}"'
        yield problem(shown, Code.QUOTE_NOT_FOUND, msg, (*here, "quote"))


def check_quotes_of_invalid(data: object, shown: str, ctx: Context) -> Iterator[Problem]:
    """The quotes of a clause file that is not a valid clause, each that is valid on its own:
    so that a misquote is reported in the same run as, say, a misspelt stance."""
    if not isinstance(data, dict):
        return
    lists: list[tuple[Loc, object, type[Quote]]] = [
        (("reported_in",), data.get("reported_in"), Quote)
    ]
    positions = data.get("positions")
    if isinstance(positions, list):
        lists += [
            (("positions", i, "evidence"), p.get("evidence"), Evidence)
            for i, p in enumerate(positions)
            if isinstance(p, dict)
        ]
    for loc, items, model in lists:
        if not isinstance(items, list):
            continue
        for i, item in enumerate(items):
            quote, problems = check_model(model, item, shown)
            if quote is not None and not problems:
                yield from _check_quote(quote, (*loc, i), shown, ctx)


def check_treaty(treaty: Treaty, folder: str, shown: str, ctx: Context) -> Iterator[Problem]:
    """A treaty's id matches its folder, its proposer is a party, its dates are past."""
    if treaty.id != folder:
        yield problem(
            shown,
            Code.ID_MISMATCH,
            f'id "{treaty.id}" does not match its folder clauses/{folder}/',
            ("id",),
        )
    parties = [p.id for p in treaty.parties]
    seen: set[str] = set()
    for i, party in enumerate(parties):
        if party in seen:
            yield problem(
                shown, Code.DUPLICATE_ID, f'party "{party}" is listed twice', ("parties", i, "id")
            )
        seen.add(party)
    if treaty.proposer not in parties:
        yield problem(
            shown,
            Code.UNKNOWN_PARTY,
            f'proposer "{treaty.proposer}" is not one of the parties'
            f"{did_you_mean(treaty.proposer, parties)}",
            ("proposer",),
        )
    if treaty.published and treaty.published > ctx.today:
        yield problem(
            shown,
            Code.FUTURE_DATE,
            f"published {treaty.published} is in the future",
            ("published",),
        )
    yield from check_quotes(treaty.reported_in, ("reported_in",), shown, ctx)


def check_clause(clause: Clause, path: Path, shown: str, ctx: Context) -> Iterator[Problem]:
    """Every rule that needs more than the clause file itself."""
    expected = expected_id(path, ctx.clauses_dir)
    if expected is not None and clause.id != expected:
        yield problem(
            shown,
            Code.ID_MISMATCH,
            f'id "{clause.id}" does not match the file\'s place; expected "{expected}"',
            ("id",),
        )
    treaty = ctx.treaties.get(clause.treaty)
    if treaty is None:
        yield problem(
            shown,
            Code.UNKNOWN_TREATY,
            f'unknown treaty "{clause.treaty}"{did_you_mean(clause.treaty, ctx.treaties)}',
            ("treaty",),
        )
    elif clause.id == expected or expected is None:
        yield from _id_agrees(clause, shown)
    parties = [p.id for p in treaty.parties] if treaty else None
    if ctx.topics is not None:
        for i, topic in enumerate(clause.topics):
            if topic not in ctx.topics:
                yield problem(
                    shown,
                    Code.UNKNOWN_TOPIC,
                    f'unknown topic "{topic}"{did_you_mean(topic, ctx.topics)} '
                    "(topics are listed in clauses/topics.yaml)",
                    ("topics", i),
                )
    if parties is not None:
        for i, party in enumerate(clause.binds):
            if party not in parties:
                yield _unknown_party(shown, party, parties, ("binds", i))
    yield from check_quotes(clause.reported_in, ("reported_in",), shown, ctx)
    yield from check_positions(clause, treaty, ctx.sources, shown)
    for i, position in enumerate(clause.positions):
        loc = ("positions", i)
        if parties is not None and position.party not in parties:
            yield _unknown_party(shown, position.party, parties, (*loc, "party"))
        if position.date > ctx.today:
            yield problem(
                shown, Code.FUTURE_DATE, f"date {position.date} is in the future", (*loc, "date")
            )
        yield from check_quotes(position.evidence, (*loc, "evidence"), shown, ctx)
    for i, other in enumerate(clause.related):
        if other == clause.id or not ctx.has_clause(other):
            why = "a clause cannot relate to itself" if other == clause.id else "no such clause"
            yield problem(shown, Code.UNKNOWN_RELATED, f'related "{other}": {why}', ("related", i))


def _id_agrees(clause: Clause, shown: str) -> Iterator[Problem]:
    """treaty, article and paragraph say the same as the id."""
    treaty_id, _, rest = clause.id.partition(".")
    article, _, paragraph = rest.partition(".")
    for field, found, wanted in (
        ("treaty", clause.treaty, treaty_id),
        ("article", str(clause.article), article),
        ("paragraph", str(clause.paragraph or ""), paragraph),
    ):
        if found != wanted:
            said = f'"{found}"' if found else "nothing"
            yield problem(
                shown,
                Code.ID_MISMATCH,
                f'{field} is {said} but the id "{clause.id}" says "{wanted or "none"}"',
                (field,) if found else ("id",),
            )


def _unknown_party(shown: str, party: str, parties: list[str], loc: Loc) -> Problem:
    return problem(
        shown,
        Code.UNKNOWN_PARTY,
        f'"{party}" is not a party of this treaty ({", ".join(parties)})'
        f"{did_you_mean(party, parties)}",
        loc,
    )
