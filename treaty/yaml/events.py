"""Where things are in YAML text: the parser's events with their places, and lines."""

from __future__ import annotations

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    CollectionStartEvent,
    DocumentStartEvent,
    Event,
    ScalarEvent,
)

from treaty.errors import TreatyError


class EditError(TreatyError):
    """The file's shape does not allow the edit; the message says why."""


def parse(text: str) -> list[Event]:
    try:
        events = list(YAML(typ="rt").parse(text))
    except YAMLError as exc:
        raise EditError(f"the file is not valid YAML: {str(exc).splitlines()[0]}") from None
    if len(events) < 2 or not isinstance(events[1], DocumentStartEvent):
        raise EditError("the file is empty")
    return events


def node_end(events: list[Event], i: int) -> int:
    """The index just after the node that starts at ``events[i]``."""
    if not isinstance(events[i], CollectionStartEvent):
        return i + 1
    depth = 0
    for j in range(i, len(events)):
        if isinstance(events[j], CollectionStartEvent):
            depth += 1
        elif isinstance(events[j], CollectionEndEvent):
            depth -= 1
            if depth == 0:
                return j + 1
    raise EditError("the file ends inside a list or mapping")


def top_items(events: list[Event]) -> list[tuple[int, int, int]]:
    """(key event, value event, index after the value) for each top-level field."""
    items, i = [], 3
    while i < len(events) and not isinstance(events[i], CollectionEndEvent):
        value = node_end(events, i)
        end = node_end(events, value)
        items.append((i, value, end))
        i = end
    return items


def children(events: list[Event], start: int, end: int) -> list[int]:
    """Event indexes of the items of the collection ``events[start:end]``."""
    out, i = [], start + 1
    while i < end - 1:
        out.append(i)
        i = node_end(events, i)
    return out


def line_start(text: str, i: int) -> int:
    return text.rfind("\n", 0, i) + 1


def next_line(text: str, i: int) -> int:
    """The start of the line after the one holding ``i`` (or the end of the text)."""
    j = text.find("\n", i)
    return len(text) if j < 0 else j + 1


def indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def is_comment(line: str) -> bool:
    return line.lstrip(" ").startswith("#")


def after_last_item(text: str, events: list[Event], v: int, end: int, dash_col: int) -> int:
    """Just after the last item's last line, and after the comment lines indented into it."""
    last, last_event = 0, None
    flow: list[bool] = []
    for event in events[v + 1 : end - 1]:
        if isinstance(event, (ScalarEvent, AliasEvent)) or (
            isinstance(event, CollectionEndEvent) and flow.pop()
        ):
            if event.end_mark.index >= last:
                last, last_event = event.end_mark.index, event
        elif isinstance(event, CollectionStartEvent):
            flow.append(bool(event.flow_style))
    if last > 0 and text[last - 1] == "\n":
        # A block scalar (>-, |) ends at the start of a line, after the blank lines that
        # follow it; they are its own only when it keeps them (|+, >+).
        at = last
        start = last_event.start_mark.index if last_event is not None else last
        if "+" not in text[start : next_line(text, start)].split("#", 1)[0]:
            while at > 0:
                previous = line_start(text, at - 1)
                if text[previous:at].strip():
                    break
                at = previous
    else:
        at = next_line(text, last)
    while at < len(text):
        line = text[at : next_line(text, at)]
        if not is_comment(line) or indent(line) <= dash_col:
            break
        at = next_line(text, at)
    return at
