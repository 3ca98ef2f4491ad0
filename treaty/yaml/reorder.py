"""Putting a YAML file's fields in the order of its model, by moving text.

Each field's text moves as a whole, with the comment lines right above it, so comments
travel with the field they describe; nothing else in the file changes.
"""

from __future__ import annotations

from pydantic import BaseModel
from ruamel.yaml.events import (
    CollectionStartEvent,
    Event,
    MappingStartEvent,
    ScalarEvent,
    SequenceStartEvent,
)

from treaty.model_paths import model_at
from treaty.problems import Loc
from treaty.yaml.events import (
    EditError,
    after_last_item,
    children,
    indent,
    is_comment,
    line_start,
    node_end,
    parse,
)


def in_model_order(text: str, model: type[BaseModel]) -> str:
    """``text`` with every mapping's fields in the order of its model (unknown fields last,
    in their own order). ``text`` must end with a line break."""
    for _ in range(10_000):  # each pass orders one mapping; a file has far fewer
        ordered = _order_one(text, model)
        if ordered is None:
            return text
        text = ordered
    raise EditError("too many mappings to put in order")


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
