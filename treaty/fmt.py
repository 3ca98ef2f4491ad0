"""``treaty fmt``: fields in the order of the models, lists and mappings indented the one way,
comments kept (each stays with the field it stands above or beside).

Two steps. Fields are put in order by moving each field's text (with the comment lines right
above it) as a whole, so that comments travel with their field. Then ruamel.yaml's
round-trip writer re-indents. The result must read back as exactly the same data; a
formatting that would change a value is a bug and is never written.
"""

from __future__ import annotations

import codecs
import typing
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import YAMLError
from ruamel.yaml.events import (
    CollectionStartEvent,
    Event,
    MappingStartEvent,
    ScalarEvent,
    SequenceStartEvent,
)

from treaty.model import Clause, SourceRegistry, Topics, Treaty
from treaty.problems import Code, Loc, Problem
from treaty.project import Project
from treaty.writes import Busy, locked, read_snapshot, write_atomic
from treaty.yamlevents import (
    EditError,
    after_last_item,
    children,
    indent,
    is_comment,
    line_start,
    node_end,
    parse,
)
from treaty.yamlio import Limits, decode, load_yaml
from treaty.yamlrender import NullWriter, dump, yaml_writer


@dataclass
class FmtResult:
    """Files that are (or were) not formatted, and files that could not be formatted."""

    changed: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    checked: int = 0


def model_at(root: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The model of the mapping at ``loc`` in a file of ``root``'s format (None: free-form)."""
    current: type[BaseModel] | None = root
    for part in loc:
        if current is None:
            return None
        if isinstance(part, int):
            continue
        info = current.model_fields.get(part)
        current = _inner(info.annotation) if info is not None else None
    return current


def _inner(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner(arg)
        if found is not None:
            return found
    return None


def model_for(project: Project, path: Path) -> type[BaseModel]:
    """Which format a file has, from its place."""
    if path.name == "sources.yaml" and path.parent == project.seeds_dir:
        return SourceRegistry
    if path == project.topics_path:
        return Topics
    if path.name == "treaty.yaml":
        return Treaty
    return Clause


def project_files(project: Project) -> list[Path]:
    """Every YAML file treaty reads: the registry, topics, treaties, clauses."""
    found = [project.registry_path, project.topics_path, *project.treaty_files()]
    found = [p for p in found if p.is_file()]
    return found + [p for p in project.clause_files() if p.is_file()]


def fmt(
    project: Project, paths: list[Path], check: bool, limits: Limits | None = None
) -> FmtResult:
    """Format ``paths`` (write them unless ``check``); report those that change."""
    limits = limits or Limits()
    result = FmtResult()
    for path in paths:
        result.checked += 1
        shown = project.display(path)
        try:
            with nullcontext() if check else locked(path):
                snapshot = read_snapshot(path)
                if snapshot.data is None:
                    result.problems.append(
                        Problem(shown, None, None, Code.UNREADABLE, "no such file")
                    )
                    continue
                new, problems = format_bytes(snapshot.data, model_for(project, path), shown, limits)
                result.problems += problems
                if new is None or new == snapshot.data:
                    continue
                result.changed.append(path)
                if not check:
                    conflict = write_atomic(path, new, expect=snapshot, shown=shown)
                    if conflict is not None:
                        result.problems.append(conflict)
        except Busy:
            result.problems.append(
                Problem(shown, None, None, Code.EDIT_CONFLICT, "another command is editing it")
            )
    return result


def format_bytes(
    raw: bytes, model: type[BaseModel], shown: str, limits: Limits
) -> tuple[bytes | None, list[Problem]]:
    """The formatted file, or None and the problems that keep it from being formatted."""
    text, problems = decode(raw, shown)
    if text is None:
        return None, problems
    data, problems = load_yaml(text, shown, limits)
    if data is None or problems:
        return None, problems
    try:
        new_text = format_text(text, model)
    except (EditError, YAMLError, ValueError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return None, [Problem(shown, None, None, Code.YAML_SYNTAX, f"cannot format: {first}")]
    after, _ = load_yaml(new_text, shown, limits)
    if after != data:
        raise AssertionError(f"formatting {shown} would change its data:\n{new_text}")
    bom = codecs.BOM_UTF8 if raw.startswith(codecs.BOM_UTF8) else b""
    return bom + new_text.encode("utf-8"), []


def format_text(text: str, model: type[BaseModel]) -> str:
    """``text`` formatted: fields in model order, canonical indentation, line endings kept."""
    crlf = "\r\n" in text[: text.find("\n") + 1]
    text = text.replace("\r\n", "\n")
    if text and not text.endswith("\n"):
        text += "\n"
    for _ in range(10_000):  # each pass orders one mapping; a file has far fewer
        ordered = _order_one(text, model)
        if ordered is None:
            break
        text = ordered
    yaml = yaml_writer()
    yaml.preserve_quotes = True
    yaml.Constructor = _KeepDays
    yaml.Representer = _DayRepresenter
    out = dump(yaml.load(text), yaml)
    return out.replace("\n", "\r\n") if crlf else out


class _Day(str):
    """A date as written, so that it is written back the same (even an impossible one)."""


class _KeepDays(RoundTripConstructor):
    """Keeps days and nulls as they are written."""


def _day(constructor: RoundTripConstructor, node: Any) -> _Day:
    return _Day(constructor.construct_scalar(node))


class _Null(str):
    """A null as written (nothing, ``~`` or ``null``), so that it is written back the same."""


def _null(constructor: RoundTripConstructor, node: Any) -> _Null:
    return _Null(node.value)


_KeepDays.add_constructor("tag:yaml.org,2002:timestamp", _day)
_KeepDays.add_constructor("tag:yaml.org,2002:null", _null)


class _DayRepresenter(NullWriter):
    """Writes days and nulls back as they were written."""


def _represent_day(representer: NullWriter, data: _Day) -> Any:
    return representer.represent_scalar("tag:yaml.org,2002:timestamp", str(data))


def _represent_null(representer: NullWriter, data: _Null) -> Any:
    return representer.represent_scalar("tag:yaml.org,2002:null", str(data))


_DayRepresenter.add_representer(_Day, _represent_day)
_DayRepresenter.add_representer(_Null, _represent_null)


def _order_one(text: str, model: type[BaseModel]) -> str | None:
    """``text`` with the first mapping found out of order put in order; None if all are."""
    events = parse(text)
    found = _find_unordered(events, 2, (), model)
    if found is None:
        return None
    start, order, fields = found
    return _reorder(text, events, start, order, fields)


def _find_unordered(
    events: list[Event], i: int, loc: Loc, root: type[BaseModel]
) -> tuple[int, list[int], list[tuple[int, int, int]]] | None:
    event = events[i]
    if not isinstance(event, CollectionStartEvent):
        return None
    end = node_end(events, i)
    if isinstance(event, MappingStartEvent):
        fields = _fields(events, i, end)
        model = model_at(root, loc)
        if model is not None and not event.flow_style and fields is not None:
            names = [str(events[k].value) for k, _, _ in fields]  # type: ignore[attr-defined]
            known = list(model.model_fields)
            rank = [
                (known.index(n) if n in known else len(known) + j, j) for j, n in enumerate(names)
            ]
            order = [j for _, j in sorted(rank)]
            if order != list(range(len(names))):
                return i, order, fields
        for k, v, _ in fields or []:
            key = events[k]
            name = key.value if isinstance(key, ScalarEvent) else None
            found = _find_unordered(events, v, (*loc, str(name)), root)
            if found is not None:
                return found
    elif isinstance(event, SequenceStartEvent):
        for n, child in enumerate(children(events, i, end)):
            found = _find_unordered(events, child, (*loc, n), root)
            if found is not None:
                return found
    return None


def _fields(events: list[Event], start: int, end: int) -> list[tuple[int, int, int]] | None:
    """(key, value, end) event indexes of a mapping's fields; None when a key is not text."""
    out, i = [], start + 1
    while i < end - 1:
        if not isinstance(events[i], ScalarEvent):
            return None
        value = i + 1
        after = node_end(events, value)
        out.append((i, value, after))
        i = after
    return out


def _reorder(
    text: str, events: list[Event], start: int, order: list[int], fields: list[tuple[int, int, int]]
) -> str:
    """Move each field's text (with the comment lines right above it) into ``order``."""
    column = events[fields[0][0]].start_mark.column
    bounds = [events[fields[0][0]].start_mark.index]
    for k, _, _ in fields[1:]:
        key = events[k]
        at = line_start(text, key.start_mark.index)
        if text[at : key.start_mark.index].strip():
            raise EditError("a field shares its line with another; cannot reorder")
        while at > 0:
            above = line_start(text, at - 1)
            line = text[above:at]
            if not is_comment(line) or indent(line) != column:
                break
            at = above
        bounds.append(at)
    if start == 2:  # the whole file: its last field runs to the end
        stop = len(text)
    else:
        stop = after_last_item(text, events, start, node_end(events, start), column)
    chunks = [text[a:b] for a, b in zip(bounds, [*bounds[1:], stop], strict=True)]
    bare = [chunks[0]] + [c[column:] if c[:column].strip() == "" else c for c in chunks[1:]]
    moved = bare[order[0]] + "".join(" " * column + bare[j] for j in order[1:])
    return text[: bounds[0]] + moved + text[stop:]
