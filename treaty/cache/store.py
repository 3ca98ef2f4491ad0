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

Each file is written atomically (a temporary file renamed over its name), so a reader sees a
whole cache or none; when two runs overlap, the last to finish wins, and each wrote only
results it verified. A cache file starts with a header line naming its format, environment
and owner; a cache that cannot be read or parsed, or that another copy of the project wrote
(a committed or copied cache: the folder's ``.gitignore`` is stamped at its creation), is
ignored after reading that line alone. The cache never follows a link: a ``.treaty-cache``
that is a link is not used, and a link in it is replaced, never written through.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from treaty.cache.format import (
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
from treaty.check.results import Window
from treaty.files.fingerprint import Fingerprint, Status
from treaty.problems import Problem
from treaty.project import Project

FOLDER = ".treaty-cache"
FILE = "validate.json"
SUMMARY = "summary.json"
FORMAT = 2  # 2: a header line (format, env, owner) before the body
_HEADER_BYTES = 4096
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
# Libraries whose versions can change what is reported (dist-info folder name prefixes).
_DEPENDENCIES = ("pydantic-", "pydantic_core-", "ruamel.yaml", "ruamel_yaml")
# The package's root folder (``treaty/``), whatever subpackage this module is in.
_PACKAGE = Path(sys.modules["treaty"].__file__ or ".").parent


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


def package_modules() -> list[Path]:
    """Every module of the installed package, subpackages included: what results depend on."""
    return [_PACKAGE / name for name in _module_names()]


def _module_names() -> list[str]:
    # os.walk, not Path.rglob: this runs on every warm run, and rglob costs twice as much.
    names = []
    for folder, subfolders, files in os.walk(_PACKAGE):
        subfolders[:] = [s for s in subfolders if s != "__pycache__"]
        rel = os.path.relpath(folder, _PACKAGE)
        prefix = "" if rel == "." else rel.replace(os.sep, "/") + "/"
        names += [prefix + f for f in files if f.endswith(".py")]
    return sorted(names)


def _package_digest() -> str:
    digest = hashlib.sha256()
    for name in _module_names():
        with open(os.path.join(_PACKAGE, name), "rb") as module:
            digest.update(name.encode() + b"\0" + module.read() + b"\0")
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
            st = os.lstat(path)  # a link's own status: never one a result was stored with
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

    def read_json(self, name: str) -> dict[str, Any] | None:
        """The body of another file of the cache folder, read by the same rules."""
        return self._read(self.folder / name)

    def write_json(self, name: str, body: dict[str, Any]) -> bool:
        """Write another file of the cache folder, by the same rules; False if it failed."""
        return self._write(self.folder / name, body)

    def prepare(self) -> bool:
        """Create the folder and its stamp if need be; False if it is not a usable folder."""
        try:
            self._prepare()
        except OSError:
            return False
        return True

    def _read(self, path: Path) -> dict[str, Any] | None:
        """The body of a cache file this checkout wrote for this environment, else None.

        The first line (the header) is read first, and at most ``_HEADER_BYTES`` of it: a
        cache that another copy wrote (committed, copied) is never read further. Links are
        not followed, and only a regular file in a real folder of the project is read."""
        try:
            owner = self._owner()
            fd = os.open(path, os.O_RDONLY | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0))
            with os.fdopen(fd, "rb") as handle:
                if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                    return None
                header = json.loads(handle.readline(_HEADER_BYTES))
                if header != {"format": FORMAT, "env": self.env, "owner": owner}:
                    return None
                body = json.loads(handle.read())
        except (OSError, ValueError, RecursionError):
            return None
        return body if isinstance(body, dict) else None

    def _write(self, path: Path, body: dict[str, Any]) -> bool:
        """Write a cache file atomically: a temporary file renamed over the name (the name
        itself is replaced, so a link there is replaced, never written through)."""
        tmp: str | None = None
        try:
            self._prepare()
            header = {"format": FORMAT, "env": self.env, "owner": self._owner()}
            text = json.dumps(header) + "\n" + json.dumps(body, separators=(",", ":"))
            import tempfile  # only runs that write pay for it (it imports random and shutil)

            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=f".{path.name}.", suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
            os.replace(tmp, path)
            tmp = None
        except OSError:
            return False
        finally:
            if tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
        return True

    def _prepare(self) -> None:
        self.folder.mkdir(exist_ok=True)
        self._check_folder()
        ignore = self.folder / ".gitignore"
        try:  # created once, never rewritten: its status stamps this copy of the cache
            fd = os.open(ignore, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o666)
        except FileExistsError:
            return
        with os.fdopen(fd, "w") as handle:
            handle.write("# treaty's validation cache; safe to delete\n*\n")

    def _check_folder(self) -> None:
        """The cache folder must be a real folder of the project, not a link elsewhere."""
        if not stat.S_ISDIR(os.lstat(self.folder).st_mode):
            raise NotADirectoryError(errno.ENOTDIR, "not a folder", str(self.folder))

    def _owner(self) -> list[int]:
        self._check_folder()
        st = os.lstat(self.folder / ".gitignore")
        if not stat.S_ISREG(st.st_mode):
            raise FileNotFoundError(errno.ENOENT, "no stamp", str(self.folder / ".gitignore"))
        return [st.st_ino, st.st_ctime_ns]
