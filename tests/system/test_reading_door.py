"""One reading door (issue 13): every open of a project file goes through the checked reader,
``treaty/files/reading.py`` (a regular file, inside the project once links are followed, its
size bounded, opened so that it cannot block). Anywhere else in the package, an ``open``,
``os.open``, ``fdopen``, ``read_bytes`` or ``read_text`` is a defect, unless it is one of the
few below, which open no project file for its content: folders held for a lock or a sync,
lock files, the cache's own files (opened without following links), the package's modules."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import REPO

PACKAGE = REPO / "treaty"
DOOR = "files/reading.py"
OPENERS = {"open", "fdopen", "read_bytes", "read_text"}

# (module, function, call): each with the reason it is not a read of a project file.
ALLOWED = {
    # A folder opened to flock it for a look and a rename, and to fsync it after one.
    ("files/writes.py", "_committing", "open"),
    ("files/writes.py", "_sync_folder", "open"),
    # The lock file: created or opened without following a link, never read.
    ("files/writes.py", "locked", "open"),
    ("files/strays.py", "_remove_lock", "open"),
    # The temporary file of an atomic write, made by mkstemp.
    ("files/writes.py", "write_atomic", "fdopen"),
    # treaty's own cache: opened with O_NOFOLLOW | O_NONBLOCK, read only if a regular file,
    # and only past its first line when this checkout wrote it; and its .gitignore stamp.
    ("cache/store.py", "_read", "open"),
    ("cache/store.py", "_read", "fdopen"),
    ("cache/store.py", "_write", "fdopen"),
    # The cache folder's .gitignore stamp: created once, O_EXCL without following a link,
    # written, never read.
    ("cache/store.py", "_prepare", "open"),
    ("cache/store.py", "_prepare", "fdopen"),
    # The index database (issue 17): created O_EXCL without following a link, then opened
    # by sqlite3; it is treaty's own file, trusted only through the stamp.
    ("index/store.py", "_create", "open"),
    # treaty export writes the files the user named (through a temporary file renamed into
    # place), and --out - reads back its own temporary export to print it.
    ("index/export.py", "_json", "open"),
    ("index/export.py", "_csv", "open"),
    ("cli/export.py", "export", "read_text"),
    # The installed package's own modules, for the cache's key.
    ("cache/store.py", "_package_digest", "open"),
    # treaty publish's own stylesheet and script, from the installed package.
    ("publish/site.py", "static", "read_text"),
}


def _opens(path: Path) -> set[tuple[str, str, str]]:
    """(module, enclosing function, call) of every opening call in a module."""
    module = path.relative_to(PACKAGE).as_posix()
    found = set()

    def visit(node: ast.AST, function: str) -> None:
        for child in ast.iter_child_nodes(node):
            name = function
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                name = child.name
            if isinstance(child, ast.Call):
                func = child.func
                # open(...) the builtin; x.open / os.open / Path.read_bytes / ...: any method
                # (the reader's own read_bytes, called by name, is the door).
                called = (
                    func.id
                    if isinstance(func, ast.Name) and func.id == "open"
                    else func.attr
                    if isinstance(func, ast.Attribute)
                    else None
                )
                if called in OPENERS:
                    found.add((module, name, called))
            visit(child, name)

    visit(ast.parse(path.read_text("utf-8")), "<module>")
    return found


def test_every_open_of_a_file_is_the_checked_reader_s_or_allowed() -> None:
    opens = set().union(*(_opens(p) for p in sorted(PACKAGE.rglob("*.py"))))
    elsewhere = {o for o in opens if o[0] != DOOR}
    assert elsewhere - ALLOWED == set(), "read project files through treaty.files.reading"
    assert ALLOWED - elsewhere == set(), "an allowed open is gone: remove it from ALLOWED"


def test_the_door_itself_opens_files() -> None:
    # The check above would pass vacuously if the reader were renamed or moved.
    assert {call for _, _, call in _opens(PACKAGE / DOOR)} >= {"open"}
