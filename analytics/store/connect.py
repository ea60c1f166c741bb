"""Opening a store file: read-write, or read-only when the file or its folder cannot be written
(export, check and the dashboard still work), and the plain messages for a file that is not a
store, is damaged, or cannot be written."""

from __future__ import annotations

import os
import sqlite3
import urllib.parse
from pathlib import Path

from analytics.store.schema import StoreError

#: Words in SQLite's messages for a damaged file.
_DAMAGE = ("malformed", "not a database", "disk image", "corrupt")


def writable(path: Path) -> bool:
    """Whether the store at ``path`` (its file, its -wal and -shm files, its folder) can be
    written; a store that does not exist yet is writable if its folder can be made."""
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not os.access(folder if not path.parent.exists() else path.parent, os.W_OK):
        return False
    return all(os.access(p, os.W_OK) for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")) if p.exists())


def connect(path: Path, read_only: bool) -> sqlite3.Connection:
    """A connection in autocommit mode, shared by the store's threads. Read-only: ``mode=ro``;
    a WAL store in a folder no one can write has no -shm file to share, so it is opened as
    ``immutable`` (nothing can change it while the folder stays read-only)."""
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
        return sqlite3.connect(str(path), timeout=30, isolation_level=None, check_same_thread=False)
    uri = f"file:{urllib.parse.quote(str(path.resolve()))}?mode=ro"
    conn = sqlite3.connect(uri, uri=True, timeout=30, isolation_level=None, check_same_thread=False)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError:
        conn.close()
        conn = sqlite3.connect(
            uri + "&immutable=1", uri=True, timeout=30, isolation_level=None, check_same_thread=False
        )
    return conn


def is_damage(exc: BaseException) -> bool:
    """Whether the error says the file is damaged (or is no SQLite file at all)."""
    return isinstance(exc, sqlite3.DatabaseError) and any(w in str(exc).lower() for w in _DAMAGE)


def damaged(path: Path, exc: BaseException) -> StoreError:
    """The error a damaged store gives, with what to do."""
    return StoreError(
        f"the store {path} is damaged ({exc}); nothing was written. Run `python -m analytics check "
        f"--db {path}` for details, and restore it from a backup or ingest the articles again into a "
        "new store"
    )


def read_only_error(path: Path) -> StoreError:
    return StoreError(
        f"the store {path} is read-only (the file or its folder cannot be written): it can be "
        "read, exported and checked, not changed"
    )
