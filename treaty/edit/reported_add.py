"""``treaty reported add``: a source that quotes or paraphrases a clause (or a whole treaty)
added to its ``reported_in``, every other byte of the file kept as it was."""

from __future__ import annotations

import re
from pathlib import Path

from treaty.edit.apply import Outcome, Refused, edit_files
from treaty.edit.position_add import clause_file
from treaty.errors import UnknownClause
from treaty.files.reading import Limits
from treaty.model import CLAUSE_ID_PATTERN, SLUG_PATTERN, Clause, Treaty
from treaty.problems import Code, Loc, problem
from treaty.project import Project
from treaty.suggest import did_you_mean
from treaty.yaml.insert import insert_entry
from treaty.yaml.load import load_yaml
from treaty.yaml.locate import locate


def target_file(project: Project, target: str) -> Path:
    """The clause file of a clause id, or the treaty file of a treaty id."""
    if re.match(SLUG_PATTERN, target) and not re.match(CLAUSE_ID_PATTERN, target):
        path = project.clauses_dir / target / "treaty.yaml"
        if path.exists() or path.is_symlink():
            return path
        known = [p.parent.name for p in project.treaty_files()]
        raise UnknownClause(f'no treaty "{target}"{did_you_mean(target, known)}')
    return clause_file(project, target)


def add_reported(
    project: Project, target: str, quotes: list[tuple[str, str]]
) -> tuple[Outcome, Path]:
    """Add each (source, quote) to the ``reported_in`` of a clause or treaty."""
    path = target_file(project, target)
    model = Treaty if path.name == "treaty.yaml" else Clause
    fields = list(model.model_fields)
    later = fields[fields.index("reported_in") + 1 :]
    first = [0]

    def compose(text: str) -> str:
        data, _ = load_yaml(text, "(file)", Limits())
        found = data.get("reported_in") if isinstance(data, dict) else None
        known = found if isinstance(found, list) else []
        first[0] = len(known)
        for source, quote in quotes:
            entry = {"source": source, "quote": quote}
            if entry in known:
                msg = f'already recorded: this quote of "{source}" is here; nothing to add'
                where = ("reported_in", known.index(entry))
                raise Refused(
                    *locate(
                        [problem(project.display(path), Code.ALREADY_RECORDED, msg, where)], text
                    )
                )
            text = insert_entry(text, "reported_in", entry, None, later)
            known.append(entry)
        return text

    def new_part(_: Path, loc: Loc) -> Loc | None:
        if (
            len(loc) >= 2
            and loc[0] == "reported_in"
            and isinstance(loc[1], int)
            and loc[1] >= first[0]
        ):
            return ("reported_in", loc[1] - first[0], *loc[2:])
        return None

    return edit_files(project, {path: compose}, new_part), path
