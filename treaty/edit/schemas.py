"""``treaty schema``: the schema files in a project's schemas/, compared with and written from
the models."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from treaty.files.reading import MAX_BYTES, read_bytes
from treaty.files.writes import write_atomic
from treaty.problems import Code
from treaty.schemas import SCHEMAS, render


@dataclass(frozen=True)
class Drift:
    """A schema file that differs from what the models generate (or is missing), or that
    cannot be read as a file of the project (a link out of it, a pipe: never written)."""

    path: Path
    missing: bool
    unreadable: str | None = None


def check(folder: Path) -> list[Drift]:
    """Schema files in ``folder`` (the project's schemas/) that do not match the models."""
    drift = []
    root = folder.resolve().parent
    for name in SCHEMAS:
        path = folder / name
        if not os.path.lexists(path):
            drift.append(Drift(path, missing=True))
            continue
        expected = render(name).encode("utf-8")
        raw, why = read_bytes(path, name, root, MAX_BYTES)
        if raw is None and why[0].code is not Code.TOO_LARGE:
            drift.append(Drift(path, missing=False, unreadable=why[0].message))
        elif raw != expected:
            drift.append(Drift(path, missing=False))
    return drift


def write(folder: Path) -> tuple[list[Path], list[Drift]]:
    """Write every schema that changed: (those written, those not). Never one that cannot be
    read as a project file (writing would follow its link out of the project); one that
    cannot be written (a full disk) is named, after those that were."""
    folder.mkdir(parents=True, exist_ok=True)
    written, failed = [], []
    for item in check(folder):
        if item.unreadable is not None:
            failed.append(item)
            continue
        try:
            write_atomic(item.path, render(item.path.name))
        except OSError as exc:
            failed.append(Drift(item.path, item.missing, f"cannot write: {exc.strerror or exc}"))
            continue
        written.append(item.path)
    return written, failed
