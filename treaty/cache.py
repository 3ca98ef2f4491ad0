"""The validation cache: ``.treaty-cache/validate.json`` under the project root.

It keeps, for the last run, the problems of the project-wide files (registry, sources, topics,
treaties) and of every clause file, each with the fingerprint of the bytes checked. A result
is reused only when everything it was computed from is unchanged:

- the tool: treaty's own code, the versions of the libraries that check and word the
  problems, the Python version, the project's place, the size and depth limits (``env``);
- the context: the bytes of the registry, every source it names, the topics and every treaty
  file, and which treaty files there are (``context``);
- the clause file's own bytes, whether each clause it names as related exists, and, for
  dates compared with today, that none of them is after today.

The file is written atomically (``treaty.writes``), so a reader sees a whole cache or none;
when two runs overlap, the last to finish wins, and each wrote only results it verified. A
cache that cannot be read or parsed, or that another copy of the project wrote (a committed
or copied cache: the folder's ``.gitignore`` is stamped at its creation), is ignored.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from treaty.cache_format import (
    CachedContext,
    Corrupt,
    Snapshot,
    context_from_json,
    context_to_json,
    problem_from_json,
    problem_to_json,
    read_dict,
    read_list,
    read_str,
    read_window,
)
from treaty.fingerprint import Fingerprint, Status
from treaty.outcome import Window
from treaty.problems import Problem
from treaty.project import Project

FOLDER = ".treaty-cache"
FILE = "validate.json"
SUMMARY = "summary.json"
FORMAT = 1
# Libraries whose versions can change what is reported (dist-info folder name prefixes).
_DEPENDENCIES = ("pydantic-", "pydantic_core-", "ruamel.yaml", "ruamel_yaml")


def environment_key(project: Project, max_bytes: int, max_depth: int) -> str:
    """A digest of everything outside the project's files that results depend on."""
    parts = [
        FORMAT,
        sys.version,
        str(project.root),
        max_bytes,
        max_depth,
        _package_digest(),
        _installed_versions(),
    ]
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()


def context_key(inputs: dict[str, Fingerprint]) -> str:
    """A digest of the context's input files, by path and content."""
    pairs = sorted((rel, fp.sha256) for rel, fp in inputs.items())
    return hashlib.sha256(json.dumps(pairs).encode()).hexdigest()


def _package_digest() -> str:
    digest = hashlib.sha256()
    package = Path(__file__).parent
    for path in sorted(package.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _installed_versions() -> list[str]:
    # The installed distributions of the libraries results depend on, by name and version,
    # from the folders on sys.path (importlib.metadata would cost more than a warm run).
    found = []
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        found += [n for n in names if n.endswith(".dist-info") and n.startswith(_DEPENDENCIES)]
    return sorted(found)


@dataclass
class Summary:
    """The last whole-project run: its report, and the status of every clause file it read.

    When no clause file's status changed (``digest``), nor the context, nor the day's side of
    any date, a whole-project run is answered from this small file alone, without reading the
    per-file entries."""

    context: CachedContext
    digest: str  # of every clause file's path and status (``listing_digest``)
    window: Window  # the days every result in it holds
    problems: list[Problem]  # the clause files' problems, duplicate ids included
    clause_files: int


def listing_digest(files: list[str], rels: list[str]) -> str | None:
    """A digest of each file's path and status, as they are now; None if one is gone."""
    lines = []
    for path, rel in zip(files, rels, strict=True):
        try:
            st = os.stat(path)
        except OSError:
            return None
        lines.append(f"{rel}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ctime_ns}\0{st.st_ino}")
    return status_digest(lines)


def status_digest(lines: list[str]) -> str:
    """The digest of ``listing_digest``'s lines (also made from stored statuses)."""
    return hashlib.sha256("\n".join(lines).encode("utf-8", "surrogateescape")).hexdigest()


def status_line(rel: str, status: Status) -> str:
    """One line of a listing digest, from a stored status."""
    return f"{rel}\0{status[0]}\0{status[1]}\0{status[2]}\0{status[3]}"


class Store:
    """Reads and writes one project's cache: per-file entries (``FILE``) and the summary of
    the last whole-project run (``SUMMARY``)."""

    def __init__(self, project: Project, env: str) -> None:
        self.folder = project.root / FOLDER
        self.path = self.folder / FILE
        self.summary_path = self.folder / SUMMARY
        self.env = env

    def load(self) -> Snapshot | None:
        """The per-file cache, if there is a usable one for this environment."""
        doc = self._read(self.path)
        try:
            if doc is None:
                return None
            return Snapshot(context_from_json(doc["context"]), read_dict(doc["files"]))
        except (ValueError, KeyError, TypeError, Corrupt):
            return None

    def load_summary(self) -> Summary | None:
        """The summary of the last whole-project run, if usable."""
        doc = self._read(self.summary_path)
        try:
            if doc is None:
                return None
            count = doc["clause_files"]
            if type(count) is not int:
                raise Corrupt("count")
            return Summary(
                context_from_json(doc["context"]),
                read_str(doc["digest"]),
                read_window(doc["window"]),
                [problem_from_json(row) for row in read_list(doc["problems"])],
                count,
            )
        except (ValueError, KeyError, TypeError, Corrupt):
            return None

    def save(self, snapshot: Snapshot) -> bool:
        """Write the per-file cache (atomically); False if it could not be written."""
        return self._write(
            self.path, {"context": context_to_json(snapshot.context), "files": snapshot.files}
        )

    def save_summary(self, summary: Summary) -> bool:
        """Write the summary (atomically); False if it could not be written."""
        return self._write(
            self.summary_path,
            {
                "context": context_to_json(summary.context),
                "digest": summary.digest,
                "window": list(summary.window),
                "problems": [problem_to_json(p) for p in summary.problems],
                "clause_files": summary.clause_files,
            },
        )

    def _read(self, path: Path) -> dict[str, Any] | None:
        try:
            raw = path.read_bytes()
            owner = self._owner()
        except OSError:
            return None
        try:
            doc = json.loads(raw)
        except ValueError:
            return None
        if not isinstance(doc, dict) or doc.get("format") != FORMAT:
            return None
        if doc.get("env") != self.env or doc.get("owner") != owner:
            return None
        return doc

    def _write(self, path: Path, body: dict[str, Any]) -> bool:
        from treaty.writes import write_atomic

        try:
            self.folder.mkdir(exist_ok=True)
            ignore = self.folder / ".gitignore"
            try:  # created once, never rewritten: its status stamps this copy of the cache
                fd = os.open(ignore, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            except FileExistsError:
                pass
            else:
                with os.fdopen(fd, "w") as handle:
                    handle.write("# treaty's validation cache; safe to delete\n*\n")
            doc = {"format": FORMAT, "env": self.env, "owner": self._owner(), **body}
            write_atomic(path, json.dumps(doc, separators=(",", ":")))
        except OSError:
            return False
        return True

    def _owner(self) -> list[int]:
        st = os.stat(self.folder / ".gitignore")
        return [st.st_ino, st.st_ctime_ns]


__all__ = ["CachedContext", "Corrupt", "Snapshot"]
