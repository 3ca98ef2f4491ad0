"""One file from disk to a checked model: read, load, validate; problems at each step."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from treaty.fields import check_model
from treaty.fingerprint import Fingerprint
from treaty.problems import Problem
from treaty.yamlio import Limits, load_yaml, read_file

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
    fingerprint: Fingerprint | None = None  # of the bytes read, when they were


def load_document(
    model: type[M], path: Path, shown: str, root: Path, limits: Limits
) -> Document[M]:
    """Read and check one file against ``model``; never raises for a bad file."""
    doc: Document[M] = Document(path, shown)
    doc.text, doc.problems, doc.fingerprint = read_file(path, shown, root, limits)
    if doc.text is None:
        return doc
    doc.data, load_problems = load_yaml(doc.text, shown, limits)
    doc.problems += load_problems
    if doc.data is None:
        return doc
    doc.model, model_problems = check_model(model, doc.data, shown)
    doc.problems += model_problems
    return doc
