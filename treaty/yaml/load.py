"""Loading YAML text into plain data, safely and fast.

Data is built straight from libyaml's parser events, in one pass with an explicit stack; no
composer and no constructor is involved. That is what makes every hostile shape a ``Problem``
with a place instead of a crash, a hang or code running:

- anchors, aliases and merge keys are refused where they first appear, before anything is
  expanded (a "billion laughs" file costs no more than its own size); clause files never need
  them;
- any explicit tag (``!!python/object/apply:...``, ``!!binary``, ``!foo``) is refused: only
  plain data is read, and no Python object but dict, list, str, int, float, bool and None is
  ever made;
- nesting is capped while parsing (libyaml's own composer recurses and crashes the
  interpreter on a file nested 100,000 deep; this loop never recurses), and so is the number
  of values in a file (a million tiny values would take seconds to check and to report);
- keys must be text; duplicate keys, very long numbers and control characters are reported.

Plain scalars are read with the YAML 1.2 core schema (``yes`` is text, ``0x10`` is 16), and
dates stay text for the models to check, so that 2021-02-30 becomes a located problem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from ruamel.yaml.reader import ReaderError

from treaty.errors import TreatyError
from treaty.files.reading import (
    Limits,
    line_col,
)
from treaty.problems import MAX_PROBLEMS, Code, Problem
from treaty.safe_text import describe_char, find_control, shorten
from treaty.yaml.syntax import reader_problem, syntax_problem

try:  # ruamel.yaml 0.19 looks for clib (prebuilt wheels) first, then clibz (built from source).
    from ruamel.yaml.cyaml import CParser as CParser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - without a C extension (tests/unit/yaml/test_c_loader)
    from ruamel.yaml.main import YAML as _YAML

    class CParser:  # type: ignore[no-redef]
        """The pure-Python parser's events, through the C parser's interface (slower)."""

        def __init__(self, text: str) -> None:
            self._events = iter(_YAML(typ="safe", pure=True).parse(text))

        def get_event(self) -> Any:
            return next(self._events)

        def dispose(self) -> None:
            pass


# Longer integers are refused: converting one of thousands of digits is slow, and Python
# refuses more than 4,300 digits with an error that is no use to the person editing the file.
MAX_INT_DIGITS = 100

_NULL = frozenset({"", "~", "null", "Null", "NULL"})
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_SPECIAL_FLOAT = {
    **{s + v: float(s + "inf") for s in ("", "+", "-") for v in (".inf", ".Inf", ".INF")},
    **{v: float("nan") for v in (".nan", ".NaN", ".NAN")},
}
_CORE_TAG = "tag:yaml.org,2002:"


class _Stop(TreatyError):
    """A problem that ends reading the file: what follows cannot be trusted or is not needed."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


_NO_KEY: Any = object()  # a mapping waits for its next key
_SKIP: Any = object()  # the value that follows belongs to a refused key: build it, drop it


@dataclass
class _Frame:
    container: dict[Any, Any] | list[Any]
    key: Any = _NO_KEY


@dataclass
class _Builder:
    shown: str
    limits: Limits
    problems: list[Problem] = field(default_factory=list)
    stack: list[_Frame] = field(default_factory=list)
    root_text: str | None = None  # the text of a root that is a single value
    root_at: tuple[int, int] = (1, 1)  # where the root value starts

    def at(self, event: Any, code: Code, message: str) -> Problem:
        mark = event.start_mark
        return Problem(self.shown, mark.line + 1, mark.column + 1, code, message)

    def report(self, event: Any, code: Code, message: str) -> None:
        self.problems.append(self.at(event, code, message))
        if len(self.problems) > MAX_PROBLEMS:
            raise _Stop(self.problems.pop())

    def stop(self, event: Any, code: Code, message: str) -> _Stop:
        return _Stop(self.at(event, code, message))

    def wants_key(self) -> bool:
        if not self.stack:
            return False
        top = self.stack[-1]
        return isinstance(top.container, dict) and top.key is _NO_KEY

    def check_node(self, event: Any) -> None:
        """Anchors and tags end the file's reading where they first appear."""
        if event.anchor is not None:
            raise self.stop(
                event,
                Code.ALIAS,
                f"anchor &{shorten(event.anchor, 40)}: anchors and aliases are not allowed; "
                "write the value out in full",
            )
        if event.tag is not None:
            tag = event.tag.replace(_CORE_TAG, "!!", 1)
            raise self.stop(
                event, Code.TAG, f"tag {shorten(tag, 80)} is not allowed (only plain YAML data)"
            )

    def scalar(self, event: Any) -> Any:
        text: str = event.value
        where = "a key" if self.wants_key() else "text"
        bad = find_control(text, value=True)
        if bad is not None:
            self.report(
                event,
                Code.CONTROL_CHARACTER,
                f"control character {describe_char(text[bad])} in {where}; remove it",
            )
        if event.style:  # quoted or block scalars are always text
            return text
        if text in _NULL:
            return None
        if text in _BOOL:
            return _BOOL[text]
        if _INT.fullmatch(text):
            digits = len(text.lstrip("+-"))
            if digits > MAX_INT_DIGITS:
                raise self.stop(
                    event,
                    Code.INVALID_VALUE,
                    f"a number of {digits} digits is too long (at most {MAX_INT_DIGITS})",
                )
            if text.startswith(("0o", "0x")):
                return int(text[2:], 8 if text[1] == "o" else 16)
            return int(text)
        if _FLOAT.fullmatch(text):
            return float(text)
        return _SPECIAL_FLOAT.get(text, text)

    def add(self, event: Any, value: Any) -> None:
        """Put a finished value in its parent collection."""
        top = self.stack[-1]
        if isinstance(top.container, list):
            top.container.append(value)
        elif top.key is _NO_KEY:
            top.key = self.key(event, value, top.container)
        else:
            if top.key is not _SKIP:
                top.container[top.key] = value
            top.key = _NO_KEY

    def key(self, event: Any, key: Any, mapping: dict[Any, Any]) -> Any:
        if isinstance(key, str) and key == "<<" and not event.style:
            raise self.stop(
                event, Code.ALIAS, "merge keys (<<) are not allowed; write the fields out in full"
            )
        if not isinstance(key, str):
            self.report(event, Code.WRONG_TYPE, _non_text_key(event.value, key))
            return _SKIP
        if key in mapping:
            self.report(event, Code.DUPLICATE_KEY, f'duplicate key "{shorten(key)}"')
            return _SKIP
        return key


def _non_text_key(text: str, key: Any) -> str:
    if key is None:
        what = "an empty key (null)" if text in ("", "~") else f"the key {text} (null)"
    elif isinstance(key, bool):
        what = f"the key {text} (a true/false value)"
    else:
        what = f"the key {shorten(text, 40)} (a number)"
    return f"{what}: keys must be text; put it in quotes if it is meant as text"


def _build(parser: Any, builder: _Builder) -> Any:
    """The root value, from the parser's events."""
    documents, root, values = 0, None, 0
    stack = builder.stack
    while True:
        event = parser.get_event()
        kind = type(event)
        if kind is ScalarEvent or kind is MappingStartEvent or kind is SequenceStartEvent:
            values += 1
            if values > builder.limits.max_values:
                limit = builder.limits.max_values
                msg = f"the file holds more than {limit} values (keys, items and text)"
                raise builder.stop(event, Code.TOO_LARGE, msg)
        if kind is ScalarEvent:
            builder.check_node(event)
            value = builder.scalar(event)
            if stack:
                builder.add(event, value)
            else:
                root, builder.root_text = value, event.value
                builder.root_at = (event.start_mark.line + 1, event.start_mark.column + 1)
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            builder.check_node(event)
            if builder.wants_key():
                what = "a mapping" if kind is MappingStartEvent else "a list"
                raise builder.stop(event, Code.WRONG_TYPE, f"a key is {what}; keys must be text")
            if len(stack) >= builder.limits.max_depth:
                limit = builder.limits.max_depth
                raise builder.stop(event, Code.TOO_DEEP, f"nested more than {limit} levels deep")
            if not stack:
                builder.root_at = (event.start_mark.line + 1, event.start_mark.column + 1)
            stack.append(_Frame({} if kind is MappingStartEvent else []))
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            frame = stack.pop()
            if stack:
                builder.add(event, frame.container)
            else:
                root = frame.container
        elif kind is AliasEvent:
            raise builder.stop(
                event,
                Code.ALIAS,
                f"alias *{shorten(event.anchor, 40)}: anchors and aliases are not allowed; "
                "write the value out in full",
            )
        elif kind is DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise builder.stop(
                    event, Code.MULTIPLE_DOCUMENTS, "only one YAML document per file"
                )
        elif kind is StreamEndEvent:
            return root


def load_yaml(text: str, shown: str, limits: Limits) -> tuple[Any, list[Problem]]:
    """Load one YAML document from text; ``(data, problems)``, data None when it cannot be
    used. Never raises for any text."""
    bad = find_control(text)
    if bad is not None:
        line, col = line_col(text, bad)
        msg = f"control character {describe_char(text[bad])} in the file; remove it"
        return None, [Problem(shown, line, col, Code.CONTROL_CHARACTER, msg)]
    builder = _Builder(shown, limits)
    parser = CParser(text)
    try:
        data = _build(parser, builder)
    except _Stop as stop:
        return None, [*builder.problems, stop.problem]
    except MarkedYAMLError as exc:
        return None, [syntax_problem(exc, text, shown)]
    except ReaderError as exc:  # a character YAML does not allow, such as U+FFFE
        return None, [reader_problem(exc, text, shown)]
    finally:
        parser.dispose()
    if data is None and not builder.root_text:
        return None, [Problem(shown, 1, 1, Code.NOT_A_MAPPING, "file is empty")]
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        msg = f"the file holds {kind}; it must be a mapping of fields"
        return None, [Problem(shown, *builder.root_at, Code.NOT_A_MAPPING, msg)]
    return data, builder.problems
