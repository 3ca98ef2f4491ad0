"""Adding an entry to a top-level list of a YAML file by inserting text, so that every other
byte of the file (comments, key order, quoting, blank lines, line endings) stays as it was.

The parser's events give each node's place in the text; the new entry is rendered in the
style of the file's own lists and inserted after the last entry (or before the entry it must
precede). The result is read back and compared with the data it should hold.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ruamel.yaml.events import (
    Event,
    MappingStartEvent,
    ScalarEvent,
    SequenceStartEvent,
)

from treaty.files.reading import Limits
from treaty.safe_text import shorten
from treaty.yaml.events import (
    EditError,
    after_last_item,
    children,
    indent,
    is_comment,
    line_start,
    next_line,
    node_end,
    parse,
    top_items,
)
from treaty.yaml.load import load_yaml
from treaty.yaml.render import FLOW_KEYS, RenderError, plain, render_entry, render_flow

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})


Edit = tuple[int, int, str]  # replace text[start:end] with the string


def insert_entry(
    text: str,
    key: str,
    entry: Any,
    index: int | None = None,
    later_keys: Sequence[str] = (),
) -> str:
    """``text`` with ``entry`` (a mapping, or a single value such as a clause id) added to the
    top-level list ``key``, at ``index`` (None: at the end). A missing key is added before the
    first of ``later_keys`` present, else at the end. Raises ``EditError`` when the file
    cannot take the entry this way."""
    events = parse(text)
    top = events[2] if len(events) > 2 else None
    if not isinstance(top, MappingStartEvent):
        raise EditError("the file does not hold a mapping of fields")
    if top.flow_style:
        raise EditError("the file is written as one flow mapping ({...}); write it in block style")
    items = top_items(events)
    style = _house_style(events, items)
    nl = "\r\n" if "\r\n" in text[: text.find("\n") + 1] else "\n"
    found = [(k, v, e) for k, v, e in items if _is_key(events[k], key)]
    if not found:
        edits = [_add_key(text, events, items, key, entry, later_keys, style)]
    else:
        k, v, end = found[0]
        edits = _add_to_value(text, events, k, v, end, key, entry, index, style)
    new = _apply(text, edits, nl)
    _verify(text, new, key, entry, index)
    return new


def _is_key(event: Event, key: str) -> bool:
    return isinstance(event, ScalarEvent) and event.value == key


def _house_style(events: list[Event], items: list[tuple[int, int, int]]) -> tuple[int, int]:
    """(sequence, offset) indentation of the file's first block list of mappings; the
    corpus's (4, 2) when it has none."""
    for k, v, end in items:
        seq = events[v]
        if isinstance(seq, SequenceStartEvent) and not seq.flow_style and end - v > 2:
            first = events[v + 1]
            key_col = events[k].start_mark.column
            dash = seq.start_mark.column - key_col
            content = first.start_mark.column - key_col
            if isinstance(first, MappingStartEvent) and content >= dash + 2:
                return content, dash
    return 4, 2


def _block(key: str, entry: Any, style: tuple[int, int], with_key: bool) -> str:
    if with_key and not isinstance(entry, Mapping) and key in FLOW_KEYS:
        return f"{key}: [{render_flow(entry)}]\n"  # a list of ids, as the corpus writes them
    rendered = render_entry(key, entry, *style)
    return rendered if with_key else rendered.split("\n", 1)[1]


def _add_key(
    text: str,
    events: list[Event],
    items: list[tuple[int, int, int]],
    key: str,
    entry: Any,
    later_keys: Sequence[str],
    style: tuple[int, int],
) -> Edit:
    block = _block(key, entry, style, with_key=True)
    for k, _, _ in items:
        if any(_is_key(events[k], later) for later in later_keys):
            at = line_start(text, events[k].start_mark.index)
            # Comment lines right above a field describe it: the new field goes above them,
            # unless they reach the top of the file (the schema modeline stays first).
            above = at
            while above > 0:
                start = line_start(text, above - 1)
                if not is_comment(text[start:above]) or indent(text[start:above]) != 0:
                    break
                above = start
            spot = above if above > 0 else at
            return spot, spot, block
    # The end of the top mapping: after its last field (and any comments that follow it).
    end = events[items[-1][2] if items else 3].start_mark.index
    return end, end, block


def _add_to_value(
    text: str,
    events: list[Event],
    k: int,
    v: int,
    end: int,
    key: str,
    entry: Any,
    index: int | None,
    style: tuple[int, int],
) -> list[Edit]:
    key_event, value = events[k], events[v]
    after_key_line = next_line(text, key_event.end_mark.index)
    if isinstance(value, ScalarEvent):
        if value.value not in _NULLS or value.style is not None:
            raise EditError(f'"{key}" holds a single value, not a list')
        edits: list[Edit] = [(after_key_line, after_key_line, _block(key, entry, style, False))]
        if value.end_mark.index > value.start_mark.index:  # an explicit null: remove it
            edits.append(_remove_on_key_line(text, key_event, value, value, key))
        return edits
    if not isinstance(value, SequenceStartEvent):
        raise EditError(f'"{key}" holds a mapping, not a list')
    items = children(events, v, end)
    if value.flow_style:
        closing = events[end - 1]
        if not items and not isinstance(entry, Mapping):
            at = closing.start_mark.index  # ``[]`` becomes ``[entry]``
            return [(at, at, render_flow(entry))]
        if not items:
            return [
                (after_key_line, after_key_line, _block(key, entry, style, False)),
                _remove_on_key_line(text, key_event, value, closing, key),
            ]
        try:
            flow = render_flow(entry)
        except RenderError:
            raise EditError(f'"{key}" is a flow list [...]; write it in block style') from None
        if index is None or index >= len(items):
            at = events[node_end(events, items[-1]) - 1].end_mark.index
            return [(at, at, ", " + flow)]
        at = events[items[index]].start_mark.index
        return [(at, at, flow + ", ")]
    dash_col = value.start_mark.column
    block = _block(key, entry, style, False)
    if index is not None and index < len(items):
        at = before_item(text, events[items[index]], dash_col)
    else:
        at = after_last_item(text, events, v, end, dash_col)
    return [(at, at, block)]


def _remove_on_key_line(text: str, key: Event, first: Event, last: Event, name: str) -> Edit:
    """Remove a value (``[]``, ``null``) from the key's line, with the spaces before it."""
    line = key.end_mark.line
    if first.start_mark.line != line or last.end_mark.line != line:
        raise EditError(f'"{name}" has an empty value on another line; put it on the key\'s line')
    start = first.start_mark.index
    while start > 0 and text[start - 1] in " \t":
        start -= 1
    return start, last.end_mark.index, ""


def before_item(text: str, item: Event, dash_col: int) -> int:
    """Where a new item goes to precede ``item``: the start of its dash's line, above the
    comment lines right over it at the dash's indentation."""
    dash = text.rfind("-", 0, item.start_mark.index)
    at = line_start(text, dash)
    while at > 0:
        start = line_start(text, at - 1)
        line = text[start:at]
        if not is_comment(line) or indent(line) != dash_col:
            break
        at = start
    return at


def _apply(text: str, edits: list[Edit], nl: str) -> str:
    for start, end, new in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        new = new.replace("\n", nl)
        if new.endswith(nl) and start == len(text) and text and not text.endswith("\n"):
            new = nl + new
        text = text[:start] + new + text[end:]
    return text


def _verify(old: str, new: str, key: str, entry: Any, index: int | None) -> None:
    """The new text holds exactly the old data plus the entry; anything else is a bug."""
    after, problems = load_yaml(new, "(after)", Limits())
    if problems or not isinstance(after, dict):
        # What the edit gave no file may hold (too many values, a control character): the
        # check of the new bytes, exactly as validation's, refuses it and says why.
        return
    before, _ = load_yaml(old, "(before)", Limits())
    if not isinstance(before, dict):
        raise AssertionError(f"the file did not read before the edit:\n{shorten(old, 2000)}")
    expected = dict(before)
    items = list(expected.get(key) or [])
    items.insert(len(items) if index is None else index, plain(entry))
    expected[key] = items
    if after != expected:
        raise AssertionError(
            f"inserting into {key!r} changed more than the entry:\n{shorten(new, 2000)}"
        )
