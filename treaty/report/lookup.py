"""Finding what a user named on the command line: clauses by id or path, filter values."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from treaty.check.results import Corpus
from treaty.model import Clause
from treaty.project import expected_id
from treaty.report.verdict import article_key
from treaty.safe_text import escape, shorten
from treaty.suggest import suggest


@dataclass(frozen=True)
class Found:
    """The clause a user named, or why there is none."""

    clause: Clause | None
    # Set when there is no clause: the message, and whether its file exists but has problems.
    error: str = ""
    invalid: bool = False


def find_clause(corpus: Corpus, named: str) -> Found:
    """The clause with id ``named``, or in the file ``named`` (clauses/us-russia/4.1.yaml)."""
    project = corpus.project
    clause_id = named
    if named.endswith((".yaml", ".yml")):
        clause_id = expected_id(Path(named).absolute(), project.clauses_dir) or named
    if clause_id in corpus.clauses:
        return Found(corpus.clauses[clause_id])
    path = project.clause_path(clause_id)
    if "." in clause_id and path.is_file():
        shown = project.display(path)
        return Found(
            None,
            f'clause "{clause_id}" is in {shown}, which has problems; run `treaty validate`',
            invalid=True,
        )
    return _by_number(corpus, clause_id)


def _by_number(corpus: Corpus, named: str) -> Found:
    """``4.1``: the one clause with that number, whatever its treaty; ``us-russia.4``: the
    article's paragraphs, listed, when the article is not one clause."""
    if _NUMBER.match(named):
        number = [
            c
            for c in corpus.clauses.values()
            if (c.id.partition(".")[2] + ".").startswith(named + ".")
        ]
        if len(number) == 1:
            return Found(number[0])
        if number:
            msg = f'"{named}" is the number of several clauses; name one: {_listed(number)}'
            return Found(None, msg)
    elif _NUMBER.match(named.partition(".")[2]):
        paragraphs = [c for c in corpus.clauses.values() if c.id.startswith(named + ".")]
        if paragraphs:
            return Found(
                None,
                f'no clause "{named}": the article is in {len(paragraphs)} clauses, one a '
                f"paragraph each; name one: {_listed(paragraphs)}",
            )
    hint = suggest(named, corpus.clauses)
    return Found(None, f'no clause "{named}"{hint}; `treaty status` lists them all')


_NUMBER = re.compile(r"^[1-9][0-9]*(\.[1-9][0-9]*)?$")


def _listed(clauses: list[Clause]) -> str:
    ordered = sorted(clauses, key=lambda c: (c.treaty, article_key(c)))
    return "; ".join(f"{c.id} ({escape(shorten(c.title, 50))})" for c in ordered)
