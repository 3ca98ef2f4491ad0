"""Where a project is and which files belong to it."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from treaty.errors import ProjectNotFound

ROOT_ENV = "TREATY_ROOT"
_YAML = (".yaml", ".yml")
# Files as a run sees them instead of the disk's: the bytes an edit would write, or a state of
# the project read from git (``treaty diff``); None for a file that is absent in that state.
Pending = Mapping[Path, bytes | None]
CLAUSE_NAME = re.compile(r"^(?P<article>[0-9]+)(?:\.(?P<paragraph>[0-9]+))?\.yaml$")


@dataclass(frozen=True)
class Project:
    """A project root and the fixed layout below it."""

    root: Path  # resolved

    def contains(self, path: Path) -> bool:
        """Whether ``path`` names a place inside the project. Its folder is resolved, but a
        link as its last part is not followed: where a link points is for the reader to
        judge (T011), so that the file is reported rather than refused as a usage error."""
        full = Path(os.path.abspath(path))  # ".." taken away by its name, as the user meant it
        if full == self.root:
            return True
        return (full.parent.resolve() / full.name).is_relative_to(self.root)

    @property
    def clauses_dir(self) -> Path:
        return self.root / "clauses"

    @property
    def seeds_dir(self) -> Path:
        return self.root / "seeds"

    @property
    def schemas_dir(self) -> Path:
        return self.root / "schemas"

    @property
    def registry_path(self) -> Path:
        return self.seeds_dir / "sources.yaml"

    @property
    def topics_path(self) -> Path:
        return self.clauses_dir / "topics.yaml"

    @property
    def phrases_path(self) -> Path:
        """The stance phrases ``treaty audit`` looks for (optional)."""
        return self.clauses_dir / "audit-phrases.yaml"

    def treaty_path(self, treaty_id: str) -> Path:
        return self.clauses_dir / treaty_id / "treaty.yaml"

    def clause_path(self, clause_id: str) -> Path:
        treaty_id, _, rest = clause_id.partition(".")
        return self.clauses_dir / treaty_id / f"{rest}.yaml"

    def treaty_files(self, pending: Pending | None = None) -> list[Path]:
        """clauses/<treaty>/treaty.yaml for every treaty folder (``pending``: as those files
        say, with the ones they add and without the ones they leave out)."""
        try:
            folders = list(self.clauses_dir.iterdir())
        except OSError:  # not a folder, or not listable: clause_files reports it
            folders = []
        found = {p / "treaty.yaml" for p in folders if (p / "treaty.yaml").exists()}
        if pending:
            at = canonical(self.clauses_dir)
            for path, raw in ((canonical(k), v) for k, v in pending.items()):
                if path.name == "treaty.yaml" and path.parent.parent == at:
                    found.add(self.clauses_dir / path.parent.name / "treaty.yaml")
                    if raw is None:
                        found.discard(self.clauses_dir / path.parent.name / "treaty.yaml")
        return sorted(found)

    def clause_files(self, errors: list[OSError] | None = None) -> list[Path]:
        """Every clauses/<treaty>/<name>.yaml except treaty.yaml, and anything else found there
        that looks like YAML (so that a misplaced or misnamed file is reported, not ignored).

        Folders that cannot be listed are added to ``errors`` when given (not skipped silently).
        """
        return [Path(p) for p in self.clause_file_names(errors)]

    def clause_file_names(
        self, errors: list[OSError] | None = None, hidden: list[str] | None = None
    ) -> list[str]:
        """``clause_files`` as strings: cheaper by far for tens of thousands of files.
        ``hidden``: where to put the other names that begin with a dot (strays of edits)."""
        top = str(self.clauses_dir)
        if not os.path.isdir(top):
            return []
        data_files = (str(self.topics_path), str(self.phrases_path))
        found: list[str] = []
        for dirpath, dirnames, filenames in walk(top, errors):
            names = filenames + [d for d in dirnames if d.endswith(_YAML)]
            prefix = dirpath + os.sep
            skip_treaty = dirpath != top
            for name in sorted(names):
                if not name.endswith(_YAML):
                    if hidden is not None and name[0] == ".":
                        hidden.append(prefix + name)
                    continue
                if skip_treaty and name == "treaty.yaml":
                    continue
                path = prefix + name
                if path not in data_files:
                    found.append(path)
        return found

    def rel(self, path: Path) -> str:
        """A path inside the project relative to its root (as problems are kept until shown)."""
        text, root = str(path), str(self.root)
        if text.startswith(root) and text[len(root) : len(root) + 1] == os.sep:
            return text[len(root) + 1 :]
        return text if text != root else "."

    def show(self, rel: str) -> str:
        """A path kept relative to the root, as users see it (see ``display``)."""
        return self.display(self.root / rel)

    def display(self, path: Path) -> str:
        """A path as users see it: relative to the current folder when that is shorter."""
        try:
            rel = os.path.relpath(path)
        except ValueError:  # another drive on Windows
            return str(path)
        return rel if not rel.startswith(f"..{os.sep}..") else str(path)


def canonical(path: Path) -> Path:
    """An absolute path with its folders resolved but not the file itself, so that a symlinked
    file is still seen as one, and two spellings of a path compare equal."""
    return path.absolute().parent.resolve() / path.name


def walk(
    top: str, errors: list[OSError] | None = None
) -> Iterator[tuple[str, list[str], list[str]]]:
    """``os.walk(top)`` in the same order (folders sorted), without recursion: a tree
    thousands of folders deep (git keeps one) must not end in a RecursionError, as
    Python 3.11's ``os.walk`` does. Links to folders are listed but not entered; folders
    that cannot be listed are added to ``errors`` when given."""
    stack = [top]
    while stack:
        folder = stack.pop()
        dirs: list[str] = []
        files: list[str] = []
        enter: set[str] = set()
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    try:
                        is_dir = entry.is_dir()
                    except OSError:
                        is_dir = False
                    if is_dir:
                        dirs.append(entry.name)
                        if not entry.is_symlink():
                            enter.add(entry.name)
                    else:
                        files.append(entry.name)
        except OSError as exc:
            if errors is not None:
                errors.append(exc)
            continue
        dirs.sort()
        yield folder, dirs, files
        prefix = folder + os.sep
        stack += [prefix + d for d in reversed(dirs) if d in enter]


def expected_id(path: Path | str, clauses_dir: Path | str) -> str | None:
    """The id a clause file must carry, from its place; None if the place is not a clause's."""
    text, folder = str(path), str(clauses_dir)
    if not text.startswith(folder) or text[len(folder) : len(folder) + 1] != os.sep:
        return None
    parts = text[len(folder) + 1 :].split(os.sep)
    if len(parts) != 2 or not CLAUSE_NAME.match(parts[1]):
        return None
    return f"{parts[0]}.{parts[1].removesuffix('.yaml')}"


def find_project(start: Path | None = None, root: Path | None = None) -> Project:
    """The project at ``root``, or $TREATY_ROOT, or the nearest folder upwards from ``start``
    that has both clauses/ and seeds/."""
    explicit = root or (Path(os.environ[ROOT_ENV]) if os.environ.get(ROOT_ENV) else None)
    if explicit is not None:
        if not (explicit / "clauses").is_dir() or not (explicit / "seeds").is_dir():
            raise ProjectNotFound(
                f"{explicit} is not a treaty project (it needs clauses/ and seeds/)"
            )
        return Project(explicit.resolve())
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "clauses").is_dir() and (folder / "seeds").is_dir():
            return Project(folder)
    raise ProjectNotFound(
        f"no treaty project found in {here} or above (a project has clauses/ and seeds/); "
        "pass --root or set TREATY_ROOT, or create one with `treaty init`"
    )
