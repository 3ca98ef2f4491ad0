"""``treaty schema``: the schema files in a project's schemas/, compared with and written from
the models."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from treaty.files.writes import write_atomic
from treaty.schemas import SCHEMAS, render


@dataclass(frozen=True)
class Drift:
    """A schema file that differs from what the models generate (or is missing)."""

    path: Path
    missing: bool


def check(folder: Path) -> list[Drift]:
    """Schema files in ``folder`` that do not match the models."""
    drift = []
    for name in SCHEMAS:
        path = folder / name
        if not path.exists():
            drift.append(Drift(path, missing=True))
        elif path.read_text(encoding="utf-8") != render(name):
            drift.append(Drift(path, missing=False))
    return drift


def write(folder: Path) -> list[Path]:
    """Write every schema that changed; return those written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for item in check(folder):
        write_atomic(item.path, render(item.path.name))
        written.append(item.path)
    return written
