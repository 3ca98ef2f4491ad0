"""``treaty related add``: clauses on the same subject named in each other's ``related``, so
that the relation reads the same from either side."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from treaty.edit.apply import Compose, Outcome, edit_files
from treaty.edit.position_add import clause_file
from treaty.errors import UsageError
from treaty.files.reading import Limits
from treaty.model import Clause
from treaty.project import Project
from treaty.yaml.insert import insert_entry
from treaty.yaml.load import load_yaml

_LATER = list(Clause.model_fields)[list(Clause.model_fields).index("related") + 1 :]


def add_related(
    project: Project, clause_id: str, others: Sequence[str]
) -> tuple[Outcome, list[tuple[str, str]]]:
    """Name each of ``others`` in the clause's ``related`` and the clause in theirs, where
    not named already; (outcome, the (clause, related) pairs added). A file that names them
    all already is left as it is."""
    if clause_id in others:
        raise UsageError(f'"{clause_id}" cannot be related to itself')
    own = clause_file(project, clause_id)
    wanted: dict[Path, tuple[str, list[str]]] = {own: (clause_id, [])}
    for other in dict.fromkeys(others):
        wanted[own][1].append(other)
        wanted.setdefault(clause_file(project, other), (other, []))[1].append(clause_id)
    added: list[tuple[str, str]] = []

    def composer(owner: str, ids: list[str]) -> Compose:
        def compose(text: str) -> str:
            data, _ = load_yaml(text, "(clause)", Limits())
            found = data.get("related") if isinstance(data, dict) else None
            known = found if isinstance(found, list) else []
            for other in ids:
                if other not in known:
                    text = insert_entry(text, "related", other, None, _LATER)
                    added.append((owner, other))
            return text

        return compose

    edits = {path: composer(owner, ids) for path, (owner, ids) in wanted.items()}
    return edit_files(project, edits, lambda _, __: None), added
