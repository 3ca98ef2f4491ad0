"""A quick answer to "is this file already formatted?", without ruamel.yaml's round trip.

``treaty fmt`` formats with ruamel.yaml's round-trip writer, which costs some 10 to 20 ms a
file: too much for tens of thousands of files that are nearly all formatted already. This
module recognises, line by line, the layout that writer produces: block mappings (keys at
the parent's column + 2, in the model's order), block sequences (dashes at the parent key's
column + 2), one-line plain and quoted scalars, flow lists of plain words, folded and literal
blocks indented by 2, and comment lines above the first field. It is strict on purpose: a
file it accepts is one the writer leaves as it is (``tests/unit/yaml/test_canonical.py``
holds it to that on every file of the repository and on mutated ones), and a file it does not
accept is simply formatted the slow way. It never says a file needs formatting.
"""

from __future__ import annotations

import re
from itertools import pairwise

from pydantic import BaseModel

from treaty.errors import TreatyError
from treaty.model_paths import model_at
from treaty.problems import Loc

_ENTRY = re.compile(
    r"(?P<key>[A-Za-z_][A-Za-z0-9_]{0,99}(?:-[A-Za-z0-9_]{1,99}){0,9}):(?: (?P<value>.*))?"
)
_INT = re.compile(r"(?:0|[1-9][0-9]{0,17})")
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_PLAIN = re.compile(r"[A-Za-z\u00a0-\U0010ffff(/$^=~_][^#\t]*")
_DOUBLE = re.compile(r'"[^"\\]*"')
_SINGLE = re.compile(r"'[^']*'")
_FLOW_ITEM = re.compile(r"[A-Za-z\u00a0-\U0010ffff(/_][^,\[\]{}#:'\"\t]*")
_BLOCK = (">-", "|", "|-")
_WORDS = {"true", "false", "null"}  # written back as they are; other spellings are not
_RESOLVED = re.compile(r"(?i:true|false|null|~|[-+]?\.(?:inf|nan))")
_LONGEST = 10_000
# Control characters, and what YAML or the writer treat specially (NEL, BOM, line separators).
_SPECIAL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\ufeff\u2028\u2029\ud800-\udfff]")


class _NotCanonical(TreatyError):
    pass


def is_formatted(text: str, model: type[BaseModel]) -> bool:
    """True when the writer would leave ``text`` unchanged; False when unsure."""
    if not text.endswith("\n") or _SPECIAL.search(text):
        return False
    lines = text[:-1].split("\n")
    i = 0
    while i < len(lines) and lines[i].startswith("#"):
        i += 1
    if i == len(lines):
        return False
    try:
        end = _Reader(lines, model).mapping(i, 0, ())
    except _NotCanonical:
        return False
    return end == len(lines)


class _Reader:
    def __init__(self, lines: list[str], model: type[BaseModel]) -> None:
        self.lines = lines
        self.model = model
        for line in lines:
            if not line or line != line.rstrip(" ") or len(line) > _LONGEST:
                raise _NotCanonical

    def _line(self, i: int) -> str | None:
        return self.lines[i] if i < len(self.lines) else None

    def mapping(self, i: int, column: int, loc: Loc, first: str | None = None) -> int:
        """The block mapping whose keys are at ``column`` from line ``i`` (its first line's
        text after the column given as ``first`` when it follows a dash); the next line."""
        keys: list[str] = []
        while True:
            line = first if first is not None and not keys else self._line(i)
            if line is None:
                break
            if first is None or keys:
                if _indent(line) != column:
                    if _indent(line) > column:
                        raise _NotCanonical
                    break
                line = line[column:]
            entry = _ENTRY.fullmatch(line)
            if entry is None:
                raise _NotCanonical
            key, value = entry["key"], entry["value"]
            keys.append(key)
            i = self._value(i + 1, column, value, (*loc, key))
        self._in_order(keys, loc)
        return i

    def _value(self, i: int, column: int, value: str | None, loc: Loc) -> int:
        if value is None:  # a block under the key
            line = self._line(i)
            if line is None or _indent(line) != column + 2:
                raise _NotCanonical
            if line[column + 2 :].startswith("- "):
                return self.sequence(i, column + 2, loc)
            return self.mapping(i, column + 2, loc)
        if value in _BLOCK:
            start = i
            while (line := self._line(i)) is not None and _indent(line) >= column + 2:
                if _indent(line) != column + 2:
                    raise _NotCanonical
                i += 1
            if i == start:
                raise _NotCanonical
            return i
        if value.startswith("["):
            _flow(value)
        else:
            _scalar(value)
        return i

    def sequence(self, i: int, column: int, loc: Loc) -> int:
        n = 0
        while (line := self._line(i)) is not None and _indent(line) == column:
            if not line[column:].startswith("- "):
                raise _NotCanonical
            content = line[column + 2 :]
            if _ENTRY.fullmatch(content):
                i = self.mapping(i, column + 2, (*loc, n), first=content)
            else:
                _scalar(content)
                i += 1
            n += 1
        return i

    def _in_order(self, keys: list[str], loc: Loc) -> None:
        model = model_at(self.model, loc)
        if model is None:
            return
        known = list(model.model_fields)
        rank = [known.index(k) if k in known else len(known) + j for j, k in enumerate(keys)]
        # Strictly increasing: in the model's order, and no key twice (a repeated key is a
        # problem the loader reports, never a formatted file).
        if any(a >= b for a, b in pairwise(rank)):
            raise _NotCanonical


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _scalar(value: str) -> None:
    if _DOUBLE.fullmatch(value) or _SINGLE.fullmatch(value):
        return
    if value in _WORDS or _INT.fullmatch(value) or _DAY.fullmatch(value):
        return
    if (
        not _PLAIN.fullmatch(value)
        or _RESOLVED.fullmatch(value)
        or ": " in value
        or value.endswith(":")
    ):
        raise _NotCanonical


def _flow(value: str) -> None:
    if value == "[]":
        return
    if not value.endswith("]"):
        raise _NotCanonical
    for item in value[1:-1].split(", "):
        if not _FLOW_ITEM.fullmatch(item) or item != item.strip() or _RESOLVED.fullmatch(item):
            raise _NotCanonical
