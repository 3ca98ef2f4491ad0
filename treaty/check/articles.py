"""The articles a treaty file lists: each listed once, binding its parties; and a clause must
be one of them (when the treaty lists them at all)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from treaty.model import Clause, Treaty
from treaty.problems import Code, Loc, Problem, problem
from treaty.suggest import did_you_mean


def check_articles(treaty: Treaty, shown: str) -> Iterator[Problem]:
    """Article and paragraph numbers are listed once; whom they bind are the treaty's parties."""
    parties = [p.id for p in treaty.parties]
    seen: set[int] = set()
    for i, article in enumerate(treaty.articles or ()):
        here: Loc = ("articles", i)
        if article.number in seen:
            msg = f"article {article.number} is listed twice"
            yield problem(shown, Code.DUPLICATE_ID, msg, (*here, "number"))
        seen.add(article.number)
        yield from _binds(article.binds, parties, shown, (*here, "binds"))
        numbers: set[int] = set()
        for j, paragraph in enumerate(article.paragraphs):
            at: Loc = (*here, "paragraphs", j)
            if paragraph.number in numbers:
                msg = f"paragraph {paragraph.number} of article {article.number} is listed twice"
                yield problem(shown, Code.DUPLICATE_ID, msg, (*at, "number"))
            numbers.add(paragraph.number)
            yield from _binds(paragraph.binds or [], parties, shown, (*at, "binds"))


def _binds(binds: list[str], parties: list[str], shown: str, loc: Loc) -> Iterator[Problem]:
    for k, party in enumerate(binds):
        if party not in parties:
            msg = (
                f'"{party}" is not a party of this treaty ({", ".join(parties)})'
                f"{did_you_mean(party, parties)}"
            )
            yield problem(shown, Code.UNKNOWN_PARTY, msg, (*loc, k))


def check_provision(clause: Clause, treaty: Treaty, shown: str) -> Iterator[Problem]:
    """The clause's article, and its paragraph if it has one, are among the treaty's."""
    if treaty.articles is None:
        return  # the treaty does not list its articles: any article may have a file
    article = next((a for a in treaty.articles if a.number == clause.article), None)
    if article is None:
        listed = numbers(a.number for a in treaty.articles)
        msg = f'article {clause.article} is not an article of "{treaty.id}" (it lists {listed})'
        yield problem(shown, Code.UNKNOWN_ARTICLE, msg, ("article",))
        return
    if clause.paragraph is None:
        return
    if not article.paragraphs:
        msg = (
            f'article {clause.article} of "{treaty.id}" lists no paragraphs; '
            "a clause of it is the whole article (leave out paragraph)"
        )
        yield problem(shown, Code.UNKNOWN_ARTICLE, msg, ("paragraph",))
    elif all(p.number != clause.paragraph for p in article.paragraphs):
        listed = numbers(p.number for p in article.paragraphs)
        msg = (
            f'article {clause.article} of "{treaty.id}" has no paragraph {clause.paragraph} '
            f"(it lists {listed})"
        )
        yield problem(shown, Code.UNKNOWN_ARTICLE, msg, ("paragraph",))


def numbers(values: Iterable[int]) -> str:
    """Numbers as people write a list of them: ``1-3, 5``."""
    ordered = sorted(set(values))
    runs: list[list[int]] = []
    for n in ordered:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}-{r[-1]}" for r in runs)
