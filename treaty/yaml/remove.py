"""Taking an entry out of a top-level list, and replacing one value, by editing the text, so
that every other byte of the file stays as it was.

``remove_entry`` is the inverse of ``insert_entry``: removing the entry it added gives back
the file it was given, byte for byte. Every result is read back and compared with the data it
should hold.
"""

from __future__ import annotations

import json
from typing import Any

from ruamel.yaml.events import Event, MappingStartEvent, ScalarEvent, SequenceStartEvent

from treaty.files.reading import Limits
from treaty.problems import Loc
from treaty.yaml.events import (
    EditError,
    after_last_item,
    children,
    next_line,
    node_end,
    parse,
    top_items,
)
from treaty.yaml.insert import before_item
from treaty.yaml.load import load_yaml


def remove_entry(text: str, key: str, index: int) -> str:
    """``text`` without item ``index`` of the top-level block list ``key``, and the comment
    lines right above it. Without its last item the list is written ``key: []``."""
    events = parse(text)
    _top(events)
    found = [(k, v, e) for k, v, e in top_items(events) if _is_key(events[k], key)]
    if not found:
        raise EditError(f'the file has no "{key}"')
    k, v, end = found[0]
    seq = events[v]
    if not isinstance(seq, SequenceStartEvent):
        raise EditError(f'"{key}" is not a list')
    if seq.flow_style:
        raise EditError(f'"{key}" is a flow list [...]; write it in block style')
    items = children(events, v, end)
    if not 0 <= index < len(items):
        raise EditError(f'"{key}" has no item {index}')
    dash_col = seq.start_mark.column
    item = events[items[index]]
    start = before_item(text, item, dash_col)  # with the comment lines right above it
    if index + 1 < len(items):
        stop = before_item(text, events[items[index + 1]], dash_col)
    else:
        stop = after_last_item(text, events, v, end, dash_col)
    if len(items) == 1:
        # The last one: the list stays, empty, as ``key: []`` (any comment on its line kept).
        colon = text.index(":", events[k].end_mark.index)
        key_end = next_line(text, colon)
        new = text[: colon + 1] + " []" + text[colon + 1 : key_end] + text[max(stop, key_end) :]
    else:
        new = text[:start] + text[stop:]
    _verify(text, new, key, index)
    return new


def replace_value(text: str, loc: Loc, value: str) -> str:
    """``text`` with the single value at ``loc`` (e.g. ``("sources", 3, "sha256")``) replaced
    by the text ``value``, written in the style of the old one where it can be."""
    events = parse(text)
    i = _top(events)
    for part in loc:
        i = _child(events, i, part)
    old = events[i]
    if not isinstance(old, ScalarEvent) or old.style in ("|", ">"):
        raise EditError("the value to replace is not a single line of text")
    rendered = _scalar(value, old.style)
    new = text[: old.start_mark.index] + rendered + text[old.end_mark.index :]
    before, _ = load_yaml(text, "(before)", Limits())
    after, problems = load_yaml(new, "(after)", Limits())
    expected = _replaced(before, loc, value)
    if problems or after != expected:
        raise AssertionError(f"replacing {loc} changed more than the value:\n{new}")
    return new


def _top(events: list[Event]) -> int:
    top = events[2] if len(events) > 2 else None
    if not isinstance(top, MappingStartEvent):
        raise EditError("the file does not hold a mapping of fields")
    if top.flow_style:
        raise EditError("the file is written as one flow mapping ({...}); write it in block style")
    return 2


def _is_key(event: Event, key: str) -> bool:
    return isinstance(event, ScalarEvent) and event.value == key


def _child(events: list[Event], i: int, part: str | int) -> int:
    """The event index of the value at ``part`` in the collection starting at ``events[i]``."""
    end = node_end(events, i)
    kids = children(events, i, end)
    if isinstance(events[i], MappingStartEvent) and isinstance(part, str):
        for key, value in zip(kids[::2], kids[1::2], strict=True):
            if _is_key(events[key], part):
                return value
    elif isinstance(events[i], SequenceStartEvent) and isinstance(part, int) and part < len(kids):
        return kids[part]
    raise EditError(f"the file has nothing at {part!r}")


def _scalar(value: str, style: str | None) -> str:
    """``value`` as a YAML scalar: as it was quoted before, or plain when that reads back."""
    if style == "'":
        return "'" + value.replace("'", "''") + "'"
    if style == '"':
        return json.dumps(value, ensure_ascii=False)
    loaded, problems = load_yaml(f"x: {value}\n", "(value)", Limits())
    if not problems and loaded == {"x": value} and "#" not in value:
        return value
    return json.dumps(value, ensure_ascii=False)


def _replaced(data: Any, loc: Loc, value: str) -> Any:
    if not loc:
        return value
    head, rest = loc[0], loc[1:]
    if isinstance(data, dict):
        return {k: (_replaced(v, rest, value) if k == head else v) for k, v in data.items()}
    if isinstance(data, list):
        return [_replaced(v, rest, value) if i == head else v for i, v in enumerate(data)]
    raise AssertionError(f"nothing at {loc}")


def _verify(old: str, new: str, key: str, index: int) -> None:
    """The new text holds exactly the old data without the entry; anything else is a bug."""
    before, _ = load_yaml(old, "(before)", Limits())
    after, problems = load_yaml(new, "(after)", Limits())
    if not isinstance(before, dict) or problems:
        raise AssertionError(f"the edited file does not read back: {problems}\n{new}")
    expected = dict(before)
    items = list(expected[key])
    del items[index]
    expected[key] = items
    if after != expected:
        raise AssertionError(f"removing from {key!r} changed more than the entry:\n{new}")
