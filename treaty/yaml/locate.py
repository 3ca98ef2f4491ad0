"""Line and column for problems, found only for files that have them.

The loader keeps no positions; for a file with problems, a second pass over libyaml's events
records where each key and value starts. The pass never recurses and never builds data, so it
costs little even for a file at the size limit, and any shape of YAML is safe to give it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml.error import YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from treaty.problems import Loc, Problem
from treaty.yaml.load import CParser

_NODE = (ScalarEvent, AliasEvent, MappingStartEvent, SequenceStartEvent)
_NOT_TEXT: Any = object()  # a key that is not a plain string cannot be the target of a loc


@dataclass
class _Place:
    """Where a node starts (0-based), and where its children are."""

    line: int
    column: int
    keys: dict[str, tuple[tuple[int, int], _Place]] | None = None
    items: list[_Place] | None = None


@dataclass
class _Open:
    place: _Place
    key: Any = None  # the key waiting for its value, in a mapping
    key_at: tuple[int, int] = (0, 0)
    waiting: bool = field(default=False)


def locate(problems: list[Problem], text: str) -> list[Problem]:
    """The problems with line and column filled in from their ``loc`` where missing."""
    if not any(p.line is None and p.loc is not None for p in problems):
        return problems
    tree = _tree(text)
    out = []
    for p in problems:
        if p.line is not None or p.loc is None:
            out.append(p)
            continue
        line, col = _position(tree, p.loc, p.at_key) if tree is not None else (1, 1)
        out.append(p.located(line, col))
    return out


def line_of(text: str, loc: Loc) -> int:
    """The 1-based line of the node at ``loc`` (or of the nearest enclosing one)."""
    tree = _tree(text)
    return _position(tree, loc, False)[0] if tree is not None else 1


def _tree(text: str) -> _Place | None:
    parser = CParser(text)
    root: _Place | None = None
    stack: list[_Open] = []
    try:
        while True:
            event = parser.get_event()
            if isinstance(event, StreamEndEvent):
                break
            if isinstance(event, CollectionEndEvent):
                stack.pop()
                continue
            if not isinstance(event, _NODE):
                continue
            mark = event.start_mark
            place = _Place(mark.line, mark.column)
            if isinstance(event, MappingStartEvent):
                place.keys = {}
            elif isinstance(event, SequenceStartEvent):
                place.items = []
            if stack:
                _attach(stack[-1], place, event)
            elif root is None:
                root = place
            if place.keys is not None or place.items is not None:
                stack.append(_Open(place, waiting=place.keys is not None))
    except YAMLError:
        pass  # the positions found so far are still good
    finally:
        parser.dispose()
    return root


def _attach(parent: _Open, place: _Place, event: Any) -> None:
    if parent.place.items is not None:
        parent.place.items.append(place)
    elif parent.waiting:
        parent.key = event.value if isinstance(event, ScalarEvent) else _NOT_TEXT
        parent.key_at = (place.line, place.column)
        parent.waiting = False
    else:
        if parent.key is not _NOT_TEXT and parent.place.keys is not None:
            parent.place.keys.setdefault(parent.key, (parent.key_at, place))
        parent.waiting = True


def _position(tree: _Place, loc: Loc, at_key: bool) -> tuple[int, int]:
    """1-based (line, column) of the key or value at ``loc``, or of the nearest enclosing one."""
    node = tree
    best = (node.line, node.column)
    for i, part in enumerate(loc):
        last = i == len(loc) - 1
        if node.keys is not None and isinstance(part, str) and part in node.keys:
            key_at, child = node.keys[part]
            best = key_at if (last and at_key) else (child.line, child.column)
            if not last and child.keys is None and child.items is None:
                best = key_at  # a scalar where a collection was expected: point at its key
            node = child
        elif node.items is not None and isinstance(part, int) and 0 <= part < len(node.items):
            node = node.items[part]
            best = (node.line, node.column)
        else:
            break
    return best[0] + 1, best[1] + 1
