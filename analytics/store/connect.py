"""Opening a store file: read-write, or read-only when the file or its folder cannot be written
(export, check and the dashboard still work), and the plain messages for a file that is not a
store, is damaged, or cannot be written."""

from __future__ import annotations

import os
import sqlite3
import urllib.parse
from pathlib import Path
from typing import Any

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


#: How long a statement waits for another connection's lock before "the store is busy".
#: This busy timeout is the store's one waiting mechanism. SQLite's busy handler waits inside
#: the call, on the lock itself, for every statement on the connection (reads, PRAGMAs, the
#: snapshot's queries), where a retry loop in Python covers only the calls wrapped in it and
#: stacks its own sleeps on top of this timeout. Writes begin with ``BEGIN IMMEDIATE``, the case
#: where SQLite does wait (see :meth:`Store._write`). ``blocks`` sets it to 0 for its
#: optional cache write, which gives way rather than wait.
BUSY_TIMEOUT_S = 30


def connect(path: Path, read_only: bool) -> sqlite3.Connection:
    """A connection in autocommit mode, shared by the store's threads, waiting up to
    :data:`BUSY_TIMEOUT_S` for locks. Read-only: ``mode=ro``; a WAL store in a folder no one can
    write has no -shm file to share, so it is opened as ``immutable`` (nothing can change it
    while the folder stays read-only)."""
    options: dict[str, Any] = {"timeout": BUSY_TIMEOUT_S, "isolation_level": None, "check_same_thread": False}
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
        return sqlite3.connect(str(path), **options)
    uri = f"file:{urllib.parse.quote(str(path.resolve()))}?mode=ro"
    conn = sqlite3.connect(uri, uri=True, **options)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError:
        conn.close()
        conn = sqlite3.connect(uri + "&immutable=1", uri=True, **options)
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


def busy_error(path: Path) -> StoreError:
    """What a write gets when another program held the store's lock for the whole timeout."""
    return StoreError(
        f"the store {path} is busy: another program kept it locked for {BUSY_TIMEOUT_S} s; "
        "nothing was written, try again when it is done"
    )


def read_only_error(path: Path) -> StoreError:
    return StoreError(
        f"the store {path} is read-only (the file or its folder cannot be written): it can be "
        "read, exported and checked, not changed"
    )
