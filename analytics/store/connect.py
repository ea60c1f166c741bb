"""Opening a store file: read-write, or read-only when the file or its folder cannot be written
(export, check and the dashboard still work), and the plain messages for a file that is not a
store, is damaged, or cannot be written."""

from __future__ import annotations

import os
import sqlite3
import urllib.parse
from pathlib import Path
from typing import Any

from analytics.store.schema import StoreBusy, StoreError

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


def busy_error(path: Path) -> StoreBusy:
    """What a write gets when another program held the store's lock for the whole timeout."""
    return StoreBusy(
        f"the store {path} is busy: another program kept it locked for {BUSY_TIMEOUT_S} s; "
        "nothing was written, try again when it is done"
    )


def read_only_error(path: Path) -> StoreError:
    return StoreError(
        f"the store {path} is read-only (the file or its folder cannot be written): it can be "
        "read, exported and checked, not changed"
    )


def missing_error(path: Path, asked_read_only: bool | None) -> StoreError:
    """No store file at ``path`` and none opened for writing: say which. Asked to open it
    read-only, there is simply none; otherwise it was read-only because its folder cannot be
    written (a read-only mount, no permission), so a new store cannot be made there."""
    if asked_read_only:
        return StoreError(f"no store at {path}")
    return StoreError(
        f"no store at {path}, and a new one cannot be made there: the folder {path.parent} cannot be "
        "written (a read-only mount, or no permission). Name a store in a folder that can be written "
        "(--db FILE or STRIKES_DB)"
    )


def schema_error(
    conn: sqlite3.Connection, path: Path, current: int, known: int, read_only: bool
) -> StoreError | None:
    """Why a store at schema version ``current`` (``PRAGMA user_version``) cannot be used by a
    program that knows ``known`` versions, or None when it can (migrated if older)."""
    if current < 0:
        # no version of this program writes a negative one: running the migrations from there
        # would fail on a table that already exists and blame the table
        return StoreError(
            f"the store {path} has schema version {current}, which this program never writes: the "
            "file was changed by another tool. Restore it from a backup, or ingest the articles "
            "again into a new store"
        )
    if current > known:
        return StoreError(
            f"the store {path} has schema version {current}, newer than this program's {known}: "
            "update the program"
        )
    if current == known or not read_only:
        return None
    if not conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
        return StoreError(f"{path} is not a store: it is empty")
    return StoreError(
        f"the store {path} has schema version {current}, older than this program's {known}, and is "
        "read-only: open it once where it can be written to upgrade it"
    )
