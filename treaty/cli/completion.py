"""Shell completion of the project's names: clause ids, treaty ids, parties, topics, sources.

The shell asks on every Tab, so this must answer at once: it reads names from the folder
layout and from the few small files that list them (treaty files, the topics file, the
registry), through the same checked reader and loader as validation, and never validates
anything. A file it cannot read, or a folder that is no project, offers nothing: completion
is a convenience and must never print an error into the user's command line.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import typer

from treaty.files.reading import Limits, read_text
from treaty.project import CLAUSE_NAME, Project

Completer = Callable[[typer.Context, str], list[tuple[str, str]]]


def _project(ctx: typer.Context) -> Project | None:
    from treaty.errors import ProjectNotFound
    from treaty.project import find_project

    root = None
    context: Any = ctx  # --root of this command, or of a parent's
    while context is not None and root is None:
        given = context.params.get("root")
        root = Path(given) if isinstance(given, str | Path) else None
        context = context.parent
    try:
        return find_project(root=root)
    except ProjectNotFound:
        return None


def _data(project: Project, path: Path) -> Any:
    """The file's data, or None (unreadable, or not valid YAML)."""
    from treaty.yaml.load import load_yaml

    shown = project.rel(path)
    text, _ = read_text(path, shown, project.root, Limits())
    if text is None:
        return None
    data, _ = load_yaml(text, shown, Limits())
    return data


def _items(data: Any, key: str) -> list[dict[str, Any]]:
    items = data.get(key) if isinstance(data, dict) else None
    return [i for i in items if isinstance(i, dict)] if isinstance(items, list) else []


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def treaty_names(project: Project) -> list[tuple[str, str]]:
    """(treaty id, title) for each clauses/<treaty>/ folder with a treaty file."""
    out = []
    for path in project.treaty_files():
        data = _data(project, path)
        out.append((path.parent.name, _text(data.get("title")) if isinstance(data, dict) else ""))
    return out


def clause_names(project: Project) -> list[tuple[str, str]]:
    """(clause id, "") for each clause file, from its place alone (no file is read)."""
    out = []
    for path in project.treaty_files():
        try:
            names = sorted(os.listdir(path.parent))
        except OSError:
            continue
        for name in names:
            match = CLAUSE_NAME.match(name)
            if match:
                out.append((f"{path.parent.name}.{name.removesuffix('.yaml')}", ""))
    return out


def party_names(project: Project) -> list[tuple[str, str]]:
    """(party id, its name) across the treaty files, each once."""
    seen: dict[str, str] = {}
    for path in project.treaty_files():
        for party in _items(_data(project, path), "parties"):
            seen.setdefault(_text(party.get("id")), _text(party.get("name")))
    return [(k, v) for k, v in seen.items() if k]


def topic_names(project: Project) -> list[tuple[str, str]]:
    """(topic slug, its description) from clauses/topics.yaml."""
    data = _data(project, project.topics_path)
    topics = data.get("topics") if isinstance(data, dict) else None
    if not isinstance(topics, dict):
        return []
    return [(k, _text(v)) for k, v in topics.items() if isinstance(k, str)]


def source_names(project: Project) -> list[tuple[str, str]]:
    """(source id, its title or outlet) from seeds/sources.yaml."""
    out = []
    for entry in _items(_data(project, project.registry_path), "sources"):
        about = _text(entry.get("title")) or _text(entry.get("outlet"))
        out.append((_text(entry.get("id")), about))
    return [(k, v) for k, v in out if k]


def _completer(names: Callable[[Project], list[tuple[str, str]]], *, lists: bool) -> Completer:
    """A typer ``autocompletion`` offering ``names`` that start with what was typed. With
    ``lists``, the value may be a comma-separated list: the last item is completed."""

    def complete(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
        project = _project(ctx)
        if project is None:
            return []
        done, _, last = incomplete.rpartition(",") if lists else ("", "", incomplete)
        prefix = f"{done}," if done else ""
        try:
            found = names(project)
        except OSError:
            return []
        return [(prefix + name, help) for name, help in found if name.startswith(last)]

    return complete


CLAUSES = _completer(clause_names, lists=False)
NEW_CLAUSE = _completer(lambda p: [(f"{t}.", h) for t, h in treaty_names(p)], lists=False)
CLAUSE_LIST = _completer(clause_names, lists=True)
TREATIES = _completer(treaty_names, lists=False)
PARTIES = _completer(party_names, lists=False)
PARTY_LIST = _completer(party_names, lists=True)
TOPICS = _completer(topic_names, lists=False)
TOPIC_LIST = _completer(topic_names, lists=True)
SOURCES = _completer(source_names, lists=False)
