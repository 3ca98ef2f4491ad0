"""``treaty fmt``: fields in the order of the models, lists and mappings indented the one way,
comments kept (each stays with the field it stands above or beside).

Two steps: fields are put in order by moving their text (``treaty.yaml.reorder``), then
ruamel.yaml's round-trip writer re-indents. The result must read back as exactly the same data; a
formatting that would change a value is a bug and is never written.
"""

from __future__ import annotations

import bisect
import codecs
import re
from collections import Counter
from contextlib import nullcontext
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import YAMLError
from ruamel.yaml.events import DocumentEndEvent, ScalarEvent

from treaty.files.fingerprint import Fingerprint
from treaty.files.reading import Limits, decode, read_fingerprinted
from treaty.files.writes import Busy, Snapshot, locked, write_atomic
from treaty.model import Clause, Treaty
from treaty.phrases import AuditPhrases
from treaty.problems import Code, Problem
from treaty.project import Project
from treaty.registry import SourceRegistry, Topics
from treaty.safe_text import shorten
from treaty.yaml.canonical import is_formatted
from treaty.yaml.events import EditError, line_start, parse
from treaty.yaml.load import load_yaml
from treaty.yaml.render import NullWriter, dump, yaml_writer
from treaty.yaml.reorder import in_model_order

_HASH = re.compile(r"(?:^|(?<=[ \t]))(#)", re.MULTILINE)


def model_for(project: Project, path: Path) -> type[BaseModel]:
    """Which format a file has, from its place."""
    if path.name == "sources.yaml" and path.parent == project.seeds_dir:
        return SourceRegistry
    if path == project.topics_path:
        return Topics
    if path == project.phrases_path:
        return AuditPhrases
    if path.name == "treaty.yaml":
        return Treaty
    return Clause


def fmt_one(
    project: Project, path: Path, check: bool, limits: Limits
) -> tuple[bool, list[Problem], Fingerprint | None]:
    """Format one file (write it unless ``check``): whether it changes, the problems that kept
    it from being formatted, and, when it is (now) formatted, the fingerprint of its bytes."""
    shown = project.display(path)
    try:
        with nullcontext() if check else locked(path):
            # As validation reads: inside the project, a regular file, within the limit.
            raw, why, fingerprint = read_fingerprinted(path, shown, project.root, limits.max_bytes)
            if raw is None:
                return False, why, None
            snapshot = Snapshot(path, raw)
            new, problems = format_bytes(raw, model_for(project, path), shown, limits)
            if new is None or new == snapshot.data:
                return False, problems, fingerprint if new is not None else None
            if check:
                return True, problems, None
            conflict = write_atomic(path, new, expect=snapshot, shown=shown)
            if conflict is not None:
                return False, [*problems, conflict], None
            _, _, written = read_fingerprinted(path, shown, project.root, limits.max_bytes)
            return True, problems, written
    except Busy:
        busy = Problem(shown, None, None, Code.EDIT_CONFLICT, "another command is editing it")
        return False, [busy], None
    except OSError as exc:  # a full disk, no permission: this file stays as it was (T018)
        msg = f"cannot write: {exc.strerror or exc}; the file was left as it was"
        return False, [Problem(shown, None, None, Code.WRITE_FAILED, msg)], None


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
    if is_formatted(text, model):  # the writer would leave it as it is
        return raw, []
    try:
        body, tail = _document_end(text)
        new_text = format_text(body, model) + tail
        lost = _lost_comment(text, new_text)
    except (EditError, YAMLError, ValueError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return None, [Problem(shown, None, None, Code.YAML_SYNTAX, f"cannot format: {first}")]
    if lost is not None:
        line, comment = lost
        msg = (
            f"cannot format without losing the comment {shorten(comment, 40)!r} (a comment "
            "inside a list or mapping written [...] or {...}); move it, or format by hand"
        )
        return None, [Problem(shown, line, 1, Code.COMMENT_LOST, msg)]
    after, _ = load_yaml(new_text, shown, limits)
    if after != data:
        raise AssertionError(
            f"formatting {shown} would change its data:\n{shorten(new_text, 2000)}"
        )
    bom = codecs.BOM_UTF8 if raw.startswith(codecs.BOM_UTF8) else b""
    return bom + new_text.encode("utf-8"), []


def _document_end(text: str) -> tuple[str, str]:
    """The text up to an explicit document end (``...``), and from it on: what follows it can
    only be comments and blank lines (a second document is T006), and is kept as it is."""
    events = parse(text)
    end = next((e for e in events if isinstance(e, DocumentEndEvent) and e.explicit), None)
    if end is None:
        return text, ""
    at = line_start(text, end.start_mark.index)
    return text[:at], text[at:]


def comments(text: str) -> list[tuple[int, str]]:
    """Every comment of the text with its line: ``#`` at a line's start or after a space,
    outside every scalar (a ``#`` in a quoted or block scalar is text)."""
    covered = [
        (e.start_mark.index, e.end_mark.index) for e in parse(text) if isinstance(e, ScalarEvent)
    ]
    found = []
    for match in _HASH.finditer(text):
        at = match.start(1)
        i = bisect.bisect_right(covered, (at, len(text))) - 1
        if i >= 0 and covered[i][0] <= at < covered[i][1]:
            continue
        end = text.find("\n", at)
        found.append((text.count("\n", 0, at) + 1, text[at : end if end >= 0 else None].rstrip()))
    return found


def _lost_comment(old: str, new: str) -> tuple[int, str] | None:
    """The first comment of ``old`` that ``new`` does not have (line, text), if any."""
    kept = Counter(c for _, c in comments(new))
    for line, comment in comments(old):
        if kept[comment] <= 0:
            return line, comment
        kept[comment] -= 1
    return None


def format_text(text: str, model: type[BaseModel]) -> str:
    """``text`` formatted: fields in model order, canonical indentation, line endings kept."""
    crlf = "\r\n" in text[: text.find("\n") + 1]
    text = text.replace("\r\n", "\n")
    if text and not text.endswith("\n"):
        text += "\n"
    text = in_model_order(text, model)
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
