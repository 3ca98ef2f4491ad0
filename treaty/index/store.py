"""The index's database file, under the same rules as the validation cache.

The index is a SQLite database in the cache folder, ``.treaty-cache/index-<random>.sqlite``,
named by a stamp, ``.treaty-cache/index.json``, that is read like the cache's own files: its
first line must name this format, this environment and this copy of the cache folder (see
``treaty.cache.store``). The stamp also holds the database's inode, so a database is opened
only if this checkout created it: a committed or copied one, or one put in its place, is never
opened (SQLite would run what a hostile schema holds), and neither is a link. A database that
cannot be opened or read is replaced by a new one: it gets a new name, so that a run still
reading the old one (or its write-ahead log) is never mixed up with it, and the old files are
removed once the stamp names the new one.

Updates are SQLite transactions in write-ahead-log mode: a run that reads sees one state of
the index, and runs that overlap take turns to write, each writing only what it verified.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import stat
from pathlib import Path
from urllib.parse import quote

from treaty.cache.store import Store
from treaty.errors import TreatyError
from treaty.index.tables import TABLES, Table

STAMP = "index.json"
SCHEMA = 1
BUSY_SECONDS = 30.0
_NAME = re.compile(r"^index-[0-9a-f]{16}\.sqlite(?:-wal|-shm|-journal)?$")
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_SIDE_FILES = ("-wal", "-shm", "-journal")

_INTERNAL = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE files (
    rel TEXT PRIMARY KEY, ord INTEGER NOT NULL, sha TEXT, status TEXT, clause_id TEXT
);
CREATE INDEX files_by_clause ON files (clause_id);
CREATE TABLE models (sha TEXT PRIMARY KEY, json TEXT NOT NULL);
CREATE TABLE context (key TEXT PRIMARY KEY, json TEXT NOT NULL);
CREATE TABLE texts (
    id INTEGER PRIMARY KEY, file TEXT, kind TEXT NOT NULL, ref TEXT NOT NULL,
    field TEXT NOT NULL, category TEXT NOT NULL, treaty TEXT, party TEXT, source TEXT,
    body TEXT NOT NULL
);
CREATE INDEX texts_by_file ON texts (file);
CREATE VIRTUAL TABLE texts_fts USING fts5 (
    body, content='texts', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
"""


class Unusable(TreatyError):
    """The index cannot be used in this run; the reports read the files instead."""


def index_ddl(table: Table) -> str:
    """A relational table as the index keeps it: the file each row comes from, no keys."""
    columns = [f'"{c.name}" {c.type}' for c in table.columns]
    if table.per_file and "file" not in table.names:
        columns.append('"file" TEXT')
    ddl = f'CREATE TABLE "{table.name}" ({", ".join(columns)});'
    if table.per_file:
        ddl += f'\nCREATE INDEX "{table.name}_by_file" ON "{table.name}" ("file");'
    return ddl


def state(db: sqlite3.Connection) -> tuple[str | None, str | None]:
    """The digest of the files' statuses and the context key the index was last brought to."""
    found = dict(db.execute("SELECT key, value FROM meta WHERE key IN ('digest', 'context')"))
    return found.get("digest"), found.get("context")


def open_index(store: Store, *, create: bool) -> sqlite3.Connection:
    """The index this checkout made, or (``create``) a new one; ``Unusable`` otherwise."""
    stamp = store.read_json(STAMP)
    if stamp is not None:
        name, inode = stamp.get("file"), stamp.get("inode")
        if (
            isinstance(name, str)
            and _NAME.match(name)
            and type(inode) is int
            and stamp.get("schema") == SCHEMA
        ):
            db = _connect(store.folder / name, inode)
            if db is not None:
                return db
    if not create:
        raise Unusable("no index")
    return _create(store)


def _regular(path: Path, inode: int | None = None) -> bool:
    try:
        st = os.lstat(path)
    except OSError:
        return False
    return stat.S_ISREG(st.st_mode) and (inode is None or st.st_ino == inode)


def _connect(path: Path, inode: int) -> sqlite3.Connection | None:
    """The database at ``path`` if it is the regular file the stamp names (no link, and none
    beside it), readable and of this schema."""
    if not _regular(path, inode):
        return None
    for suffix in _SIDE_FILES:
        side = Path(f"{path}{suffix}")
        if os.path.lexists(side) and not _regular(side):
            return None
    try:
        db = sqlite3.connect(
            f"file:{quote(str(path))}?mode=rw", uri=True, isolation_level=None, timeout=BUSY_SECONDS
        )
    except sqlite3.Error:
        return None
    try:
        db.execute("PRAGMA trusted_schema = OFF")
        found = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        if found != (str(SCHEMA),) or not _regular(path, inode):
            raise sqlite3.DatabaseError("not this schema")
    except sqlite3.Error:
        db.close()
        return None
    return db


def _create(store: Store) -> sqlite3.Connection:
    """A new, empty index, stamped; older index files are removed."""
    import secrets

    if not store.prepare():
        raise Unusable("the cache folder cannot be written")
    name = f"index-{secrets.token_hex(8)}.sqlite"
    path = store.folder / name
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o666)
        os.close(fd)
        inode = os.lstat(path).st_ino
    except OSError as exc:
        raise Unusable(str(exc)) from None
    try:
        db = sqlite3.connect(
            f"file:{quote(str(path))}?mode=rw", uri=True, isolation_level=None, timeout=BUSY_SECONDS
        )
        db.execute("PRAGMA journal_mode = WAL")
        create_schema(db)
    except sqlite3.Error as exc:
        _remove(path)
        raise Unusable(str(exc)) from None
    if not store.write_json(STAMP, {"file": name, "inode": inode, "schema": SCHEMA}):
        db.close()
        _remove(path)
        raise Unusable("the index stamp cannot be written")
    _remove_others(store.folder, name)
    return db


def in_memory() -> sqlite3.Connection:
    """An index held in memory only, for a run that cannot keep one."""
    db = sqlite3.connect(":memory:", isolation_level=None)
    create_schema(db)
    return db


def create_schema(db: sqlite3.Connection) -> None:
    db.execute("PRAGMA trusted_schema = OFF")
    db.executescript(
        "BEGIN;"
        + _INTERNAL
        + "\n".join(index_ddl(t) for t in TABLES)
        + f"\nINSERT INTO meta VALUES ('schema', '{SCHEMA}');COMMIT;"
    )


def _remove(path: Path) -> None:
    for suffix in ("", *_SIDE_FILES):
        with contextlib.suppress(OSError):
            os.unlink(f"{path}{suffix}")


def _remove_others(folder: Path, keep: str) -> None:
    """Index files other than ``keep`` (and its side files); links are removed, never followed."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        if _NAME.match(name) and not name.startswith(keep):
            with contextlib.suppress(OSError):
                os.unlink(folder / name)
