"""Finding what a user named on the command line: clauses by id or path, filter values."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from treaty.check.results import Corpus
from treaty.model import Clause
from treaty.project import expected_id
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
    hint = suggest(clause_id, corpus.clauses)
    return Found(None, f'no clause "{clause_id}"{hint}; `treaty status` lists them all')
