"""Reading files safely and loading YAML fast.

Every way a file can be unreadable or hostile ends here as a ``Problem``: the fast path is the
libyaml-backed safe loader; nothing in a file can run code (the safe constructor knows no
Python tags), grow without bound (aliases of collections are refused, size and depth are
capped), or print raw control characters later (they are reported).
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml.constructor import ConstructorError, DuplicateKeyError, SafeConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent, StreamEndEvent
from ruamel.yaml.resolver import Resolver

try:  # ruamel.yaml 0.19 looks for the old extension first, then the Zig-built one.
    from ruamel.yaml.cyaml import CParser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - only without the libyaml extension
    CParser = None

from treaty.fingerprint import Fingerprint, of_bytes, read_upto
from treaty.problems import Code, Loc, Problem, problem
from treaty.yamlfast import UNSUPPORTED, load_plain

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 64
# Files smaller than this with few brackets cannot nest deeper than MAX_DEPTH; only larger or
# bracket-heavy files pay for an exact depth scan before loading.
_DEPTH_SCAN_BYTES = 16 * 1024
# C0 and C1 controls, DEL; tab and line breaks are fine.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class Limits:
    """How much a single file may ask of the tool."""

    max_bytes: int = MAX_BYTES
    max_depth: int = MAX_DEPTH


def _line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def read_text(
    path: Path, shown: str, root: Path, limits: Limits
) -> tuple[str | None, list[Problem]]:
    """The file's text, or the problems that stop it being read as UTF-8 text."""
    text, problems, _ = read_file(path, shown, root, limits)
    return text, problems


def read_file(
    path: Path, shown: str, root: Path, limits: Limits
) -> tuple[str | None, list[Problem], Fingerprint | None]:
    """``read_text``, and the fingerprint of the bytes read (None when none were)."""
    try:
        resolved = os.path.realpath(path, strict=True)
    except FileNotFoundError:
        resolved = os.path.realpath(path)  # reported as unreadable below
    except (OSError, RuntimeError) as exc:  # a symlink loop
        msg = f"cannot resolve path: {exc}"
        return None, [Problem(shown, None, None, Code.UNREADABLE, msg)], None
    inside = str(root)
    if resolved != inside and not resolved.startswith(inside.rstrip(os.sep) + os.sep):
        msg = "links outside the project; not read"
        return None, [Problem(shown, None, None, Code.OUTSIDE_PROJECT, msg)], None
    try:
        with open(resolved, "rb") as handle:
            st = os.fstat(handle.fileno())
            if stat.S_ISDIR(st.st_mode):
                msg = "is a directory, not a file"
                return None, [Problem(shown, None, None, Code.UNREADABLE, msg)], None
            if st.st_size > limits.max_bytes:
                msg = f"file is {st.st_size} bytes; the limit is {limits.max_bytes} (--max-bytes)"
                return None, [Problem(shown, None, None, Code.TOO_LARGE, msg)], None
            raw = read_upto(handle, st, limits.max_bytes)
    except IsADirectoryError:
        msg = "is a directory, not a file"
        return None, [Problem(shown, None, None, Code.UNREADABLE, msg)], None
    except OSError as exc:
        msg = f"cannot read: {exc.strerror}"
        return None, [Problem(shown, None, None, Code.UNREADABLE, msg)], None
    if len(raw) > limits.max_bytes:  # it grew while being read
        msg = f"file is over {limits.max_bytes} bytes; the limit is {limits.max_bytes}"
        return None, [Problem(shown, None, None, Code.TOO_LARGE, msg + " (--max-bytes)")], None
    text, problems = decode(raw, shown)
    return text, problems, of_bytes(raw, st)


def decode(raw: bytes, shown: str) -> tuple[str | None, list[Problem]]:
    """UTF-8 text (a UTF-8 byte-order mark is accepted and dropped), or why not."""
    for bom, name in (
        (codecs.BOM_UTF32_LE, "UTF-32"),
        (codecs.BOM_UTF32_BE, "UTF-32"),
        (codecs.BOM_UTF16_LE, "UTF-16"),
        (codecs.BOM_UTF16_BE, "UTF-16"),
    ):
        if raw.startswith(bom):
            msg = f"file is {name}; save it as UTF-8"
            return None, [Problem(shown, 1, 1, Code.ENCODING, msg)]
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        prefix = raw[: exc.start].decode("utf-8", "replace")
        line, col = _line_col(prefix, len(prefix))
        msg = f"invalid UTF-8 (byte 0x{raw[exc.start]:02x}); save the file as UTF-8"
        return None, [Problem(shown, line, col, Code.ENCODING, msg)]
    nul = text.find("\0")
    if nul >= 0:
        line, col = _line_col(text, nul)
        return None, [Problem(shown, line, col, Code.ENCODING, "NUL byte in a text file")]
    return text, []


class _Loader(CParser, SafeConstructor, Resolver):  # type: ignore[misc]
    """libyaml parser + safe constructor; timestamps stay strings for the models to check."""

    def __init__(self, stream: str) -> None:
        CParser.__init__(self, stream)
        self._parser = self._composer = self
        SafeConstructor.__init__(self, loader=self)
        Resolver.__init__(self, loadumper=self)
        self.allow_duplicate_keys = False


def _keep_timestamp_text(constructor: SafeConstructor, node: Any) -> Any:
    return constructor.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _keep_timestamp_text)

_SCALARS: list[_Loader] = []


def _constructor() -> _Loader:
    """One loader kept to build numbers and booleans for the fast path, as the full one does."""
    if not _SCALARS:
        _SCALARS.append(_Loader(""))
    return _SCALARS[0]


def _mark(exc: MarkedYAMLError) -> tuple[int | None, int | None]:
    mark = exc.problem_mark or exc.context_mark
    if exc.context_mark is not None and "end of stream" in str(exc.problem):
        mark = exc.context_mark  # an unclosed quote: point where it opens, not at the end
    if mark is None:
        return None, None
    return mark.line + 1, mark.column + 1


def _first_line(exc: YAMLError) -> str:
    if isinstance(exc, MarkedYAMLError):
        parts = [exc.context, exc.problem]
        return "; ".join(p for p in parts if p) or "invalid YAML"
    return str(exc).splitlines()[0]


def _too_deep(text: str, limit: int) -> tuple[int, int] | None:
    """Where nesting first passes ``limit``, scanned from events (libyaml recurses while
    composing and would crash the interpreter on a file nested thousands deep)."""
    parser = _Loader(text)
    depth = 0
    try:
        while True:
            event = parser.get_event()
            if isinstance(event, CollectionStartEvent):
                depth += 1
                if depth > limit:
                    return event.start_mark.line + 1, event.start_mark.column + 1
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
            elif event is None or isinstance(event, StreamEndEvent):
                return None
    except YAMLError:
        return None  # the loader reports syntax errors itself
    finally:
        parser.dispose()


def load_yaml(text: str, shown: str, limits: Limits) -> tuple[Any, list[Problem]]:
    """Load one YAML document from text; ``(data, [])`` or ``(None, problems)``."""
    if CParser is not None:
        data = load_plain(text, limits.max_depth, _constructor())
        if data is not UNSUPPORTED:
            # Only control characters can still be wrong in plain data (no aliases got here);
            # a string can hold one only if the text does, or a double-quoted escape makes it.
            if _CONTROL.search(text) is None and "\\" not in text:
                return data, []
            return data, list(_shape_problems(data, shown))
    return _load_full(text, shown, limits)


def _load_full(text: str, shown: str, limits: Limits) -> tuple[Any, list[Problem]]:
    """The full loader: every file that is not plain data, and every error, comes here."""
    if len(text) > _DEPTH_SCAN_BYTES or text.count("[") + text.count("{") > limits.max_depth:
        where = _too_deep(text, limits.max_depth)
        if where is not None:
            msg = f"nested more than {limits.max_depth} levels deep"
            return None, [Problem(shown, *where, Code.TOO_DEEP, msg)]
    loader = _Loader(text)
    try:
        data = loader.get_single_data()
    except DuplicateKeyError as exc:
        line, col = _mark(exc)
        key = str(exc.problem).split('"')[1] if '"' in str(exc.problem) else "a key"
        return None, [Problem(shown, line, col, Code.DUPLICATE_KEY, f'duplicate key "{key}"')]
    except ConstructorError as exc:
        line, col = _mark(exc)
        if "could not determine a constructor for the tag" in str(exc.problem):
            tag = str(exc.problem).rsplit(" ", 1)[-1].strip("'")
            msg = f"tag {tag} is not allowed (only plain YAML data)"
            return None, [Problem(shown, line, col, Code.TAG, msg)]
        return None, [Problem(shown, line, col, Code.YAML_SYNTAX, _first_line(exc))]
    except MarkedYAMLError as exc:
        line, col = _mark(exc)
        message = _first_line(exc)
        if "expected a single document" in message:
            return None, [
                Problem(
                    shown, line, col, Code.MULTIPLE_DOCUMENTS, "only one YAML document per file"
                )
            ]
        if line is not None and col is not None and _char_at(text, line, col) == "\t":
            message = "tab character: indent YAML with spaces"
        return None, [Problem(shown, line, col, Code.YAML_SYNTAX, message)]
    except YAMLError as exc:  # the reader's errors carry a character index, not a mark
        index = getattr(exc, "position", None)
        line, col = _line_col(text, index) if isinstance(index, int) else (None, None)
        code = Code.CONTROL_CHARACTER if "control characters" in str(exc) else Code.YAML_SYNTAX
        msg = (
            "control character in the file" if code is Code.CONTROL_CHARACTER else _first_line(exc)
        )
        return None, [Problem(shown, line, col, code, msg)]
    except ValueError as exc:  # e.g. an integer too large to convert
        return None, [Problem(shown, None, None, Code.YAML_SYNTAX, f"cannot load value: {exc}")]
    except RecursionError:
        msg = f"nested more than {limits.max_depth} levels deep"
        return None, [Problem(shown, None, None, Code.TOO_DEEP, msg)]
    finally:
        loader.dispose()
    if data is None:
        return None, [Problem(shown, 1, 1, Code.NOT_A_MAPPING, "file is empty")]
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        msg = f"the file holds {kind}; it must be a mapping of fields"
        return None, [Problem(shown, 1, 1, Code.NOT_A_MAPPING, msg)]
    problems = list(_shape_problems(data, shown))
    if any(p.code is Code.ALIAS for p in problems):
        line, col = _first_alias(text)
        problems = [p for p in problems if p.code is not Code.ALIAS]
        problems.append(
            Problem(shown, line, col, Code.ALIAS, "anchors and aliases are not allowed")
        )
        return None, problems
    return data, problems


def _char_at(text: str, line: int, col: int) -> str:
    lines = text.split("\n", line)
    if len(lines) < line:
        return ""
    row = lines[line - 1]
    return row[col - 1] if 0 < col <= len(row) else ""


def _first_alias(text: str) -> tuple[int, int]:
    parser = _Loader(text)
    try:
        while True:
            event = parser.get_event()
            if event is None or isinstance(event, StreamEndEvent):
                return 1, 1
            if isinstance(event, AliasEvent):
                return event.start_mark.line + 1, event.start_mark.column + 1
    finally:
        parser.dispose()


def _shape_problems(data: dict[Any, Any], shown: str) -> Iterator[Problem]:
    """Aliases of collections (the "billion laughs" shape) and control characters in strings.

    Walks each collection once; a collection met twice was reached through an alias, and the
    walk stops there, so a bomb costs no more than its own size."""
    seen: set[int] = set()
    stack: list[tuple[Any, Loc]] = [(data, ())]
    while stack:
        node, loc = stack.pop()
        if isinstance(node, (dict, list)):
            if id(node) in seen:
                yield problem(shown, Code.ALIAS, "anchors and aliases are not allowed", loc)
                continue
            seen.add(id(node))
            items = node.items() if isinstance(node, dict) else enumerate(node)
            for key, value in items:
                if isinstance(key, str) and _has_control(key):
                    yield problem(
                        shown,
                        Code.CONTROL_CHARACTER,
                        "control character in a key",
                        (*loc, key),
                        at_key=True,
                    )
                stack.append((value, (*loc, key)))
        elif isinstance(node, str) and _has_control(node):
            yield problem(
                shown,
                Code.CONTROL_CHARACTER,
                "control character in text (e.g. a terminal escape); remove it",
                loc,
            )


def _has_control(text: str) -> bool:
    return _CONTROL.search(text) is not None
