"""Plain YAML data straight from libyaml's events: the fast path of ``yamlio.load_yaml``.

ruamel.yaml's C parser still builds a node per value and runs the Python constructor over
them, which is most of the cost of validating a clause. Clause files are plain data (mappings,
sequences, scalars), so this builds dicts, lists and scalars directly from the parser's events,
resolving plain scalars with the same regular expressions as ruamel.yaml's ``Resolver``.

Anything beyond plain data - a tag, an anchor or alias, a merge key, a complex or duplicate
key, more than one document, a syntax error, nesting past the limit - returns ``UNSUPPORTED``,
and the caller loads the text with the full loader, which reports it exactly as before. So the
two loaders agree on every file by construction; ``tests/test_yamlfast.py`` checks it.
"""

from __future__ import annotations

import re
from typing import Any, Final

from ruamel.yaml.error import YAMLError
from ruamel.yaml.events import (
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.resolver import Resolver

try:  # see yamlio: without the extension, yamlio never calls this module
    from ruamel.yaml.cyaml import CParser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    CParser = None


class _Unsupported:
    """The marker for "load this file with the full loader"."""


UNSUPPORTED: Final = _Unsupported()


class _NoKey:
    """No key read yet for the mapping's next value."""


_NO_KEY: Final = _NoKey()

_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
# Scalars whose value needs ruamel.yaml's own constructor (number and boolean forms).
_CONSTRUCTED = {
    "tag:yaml.org,2002:int": "construct_yaml_int",
    "tag:yaml.org,2002:float": "construct_yaml_float",
    "tag:yaml.org,2002:bool": "construct_yaml_bool",
}
# ruamel.yaml's resolver table by first character, with its lazily compiled expressions
# compiled once here (each lazy match costs an extra Python call per scalar).
_RESOLVERS: dict[str, list[tuple[str, re.Pattern[str]]]] = {
    first: [(str(tag), re.compile(regexp.pattern, regexp.flags)) for tag, regexp in entries]
    for first, entries in Resolver.yaml_implicit_resolvers.items()
    if first is not None
}
# Resolver.resolve also tries resolvers registered for any first character; there are none.
assert None not in Resolver.yaml_implicit_resolvers or not Resolver.yaml_implicit_resolvers[None]


def _resolve(value: str) -> str:
    """The tag of a plain scalar, exactly as ``Resolver.resolve`` finds it."""
    for tag, regexp in _RESOLVERS.get(value[0] if value else "", ()):
        if regexp.match(value):
            return tag
    return _STR


# Keys, ids, stances and dates repeat from file to file: remember the tags of short values.
_SHORT = 40
_KNOWN_MAX = 4096
_known: dict[str, str] = {}


def _tag(value: str) -> str:
    tag = _known.get(value)
    if tag is None:
        tag = _resolve(value)
        if len(value) <= _SHORT:
            if len(_known) >= _KNOWN_MAX:
                _known.clear()
            _known[value] = tag
    return tag


def load_plain(text: str, max_depth: int, constructor: Any) -> Any:
    """The document's data when it is a mapping of plain data, else ``UNSUPPORTED``.

    ``constructor`` builds numbers and booleans (the full loader, so that both agree)."""
    parser = CParser(text)
    try:
        return _build(parser, max_depth, constructor)
    except (YAMLError, ValueError, RecursionError):
        return UNSUPPORTED
    finally:
        parser.dispose()


def _build(parser: Any, max_depth: int, constructor: Any) -> Any:
    get = parser.get_event
    if type(get()) is not StreamStartEvent:
        return UNSUPPORTED
    start = get()
    if type(start) is not DocumentStartEvent or start.version or start.tags:
        return UNSUPPORTED
    if type(parser.peek_event()) is not MappingStartEvent:
        return UNSUPPORTED  # empty files, lists, single values: the full loader says which
    # Each open collection, with the key waiting for its value when it is a mapping.
    stack: list[tuple[Any, Any]] = []
    root: Any = None
    while True:
        event = get()
        kind = type(event)
        if kind is ScalarEvent:
            if event.anchor is not None or event.ctag is not None:
                return UNSUPPORTED
            value = event.value
            if event.implicit[0]:
                tag = _tag(value)
                if tag in (_STR, _TIMESTAMP):  # dates stay text, as in yamlio
                    item: Any = value
                elif tag == _NULL:
                    item = None
                elif tag in _CONSTRUCTED:
                    node = ScalarNode(tag, value, event.start_mark, event.end_mark)
                    item = getattr(constructor, _CONSTRUCTED[tag])(node)
                else:  # merge keys, value keys
                    return UNSUPPORTED
            else:
                item = value
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            if event.anchor is not None or event.ctag is not None or len(stack) >= max_depth:
                return UNSUPPORTED
            item = {} if kind is MappingStartEvent else []
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            stack.pop()
            if not stack:
                break
            continue
        else:  # aliases, and anything this loop does not know
            return UNSUPPORTED
        # Place the item in the collection that holds it.
        if stack:
            holder, key = stack[-1]
            if type(holder) is list:
                holder.append(item)
            elif key is _NO_KEY:
                if type(item) is dict or type(item) is list or item in holder:
                    return UNSUPPORTED  # complex or duplicate keys: the full loader reports
                stack[-1] = (holder, item)
            else:
                holder[key] = item
                stack[-1] = (holder, _NO_KEY)
        else:
            root = item
        if type(item) is dict or type(item) is list:
            stack.append((item, _NO_KEY))
    if type(get()) is not DocumentEndEvent or type(get()) is not StreamEndEvent:
        return UNSUPPORTED  # a second document
    return root
