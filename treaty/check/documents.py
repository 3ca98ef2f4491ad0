"""One file from disk to a checked model: read, load, validate; problems at each step."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from treaty.check.model_errors import check_model
from treaty.files.fingerprint import Fingerprint
from treaty.files.reading import Limits, decode, read_file
from treaty.problems import Code, Problem
from treaty.yaml.load import load_yaml

M = TypeVar("M", bound=BaseModel)


@dataclass
class Document(Generic[M]):
    """A YAML file of the project: its text, its data, its model when valid, its problems."""

    path: Path
    shown: str
    text: str | None = None
    data: Any = None
    model: M | None = None
    problems: list[Problem] = field(default_factory=list)
    fingerprint: Fingerprint | None = None  # of the bytes read from disk, when they were


def load_document(
    model: type[M], path: Path, shown: str, root: Path, limits: Limits, raw: bytes | None = None
) -> Document[M]:
    """Read and check one file against ``model``; never raises for a bad file.

    ``raw``: the file's bytes as an edit would leave them, checked instead of the disk's
    (such a document has no fingerprint: it is not what the disk holds)."""
    if raw is None:
        text, problems, fingerprint = read_file(path, shown, root, limits)
    elif len(raw) > limits.max_bytes:  # bytes from elsewhere (git) are held to the same limit
        # (git's blobs are read only up to a cap, so the size itself is not said)
        msg = f"file is larger than the limit of {limits.max_bytes} bytes (--max-bytes)"
        return Document(path, shown, problems=[Problem(shown, None, None, Code.TOO_LARGE, msg)])
    else:
        (text, problems), fingerprint = decode(raw, shown), None
    if text is None:
        return Document(path, shown, problems=problems)
    doc = parse_document(model, text, path, shown, limits)
    doc.fingerprint = fingerprint
    return doc


def parse_document(
    model: type[M], text: str, path: Path, shown: str, limits: Limits
) -> Document[M]:
    """Load and check the text of one file against ``model``; never raises for any text."""
    doc: Document[M] = Document(path, shown, text)
    doc.data, doc.problems = load_yaml(text, shown, limits)
    if doc.data is None:
        return doc
    doc.model, model_problems = check_model(model, doc.data, shown)
    doc.problems += model_problems
    return doc
