"""The store's schema: its tables and migrations, the stored fields of each record, how a
record becomes a row, and the write-side bookkeeping (data version, deletion log).

Layout (schema version 7, see :data:`MIGRATIONS`):

- ``articles``: one row per article, ``id`` = sha256 of its normalised text (``models.article_id``).
- ``reports``: the extractor's :class:`~analytics.models.StrikeReport` rows, each tied to its article
  (``ON DELETE CASCADE``). A report's ``id`` is derived from ``(article_id, ordinal)``, so it is the
  same whatever order articles arrive in. List fields are the text of :func:`analytics.models.join_list`
  (``;``-joined, ``;`` and ``\\`` escaped inside an item; version 5, see :func:`_migration_5`),
  ``evidence`` is JSON. ``languages`` (version 7) is the language of the report's article.
- ``events``: the materialised merged :class:`~analytics.models.Event` rows, corrections applied,
  plus the uncorrected merge key (``key_country``, ``key_region``, ``key_attacker``, ``key_date``);
  ``languages`` (version 7) is the union of its reports' languages.
- ``report_event``: which event each report was merged into.
- ``corrections``: the user's edits and review decisions, in order; they outlive the events they
  were made on and are re-applied whenever events are rebuilt.
- ``meta``: the ``data_version`` counter, bumped by every write that changes content; a random
  ``store_id`` (a new store at the same path gets another); ``changes_since`` (see below).
- ``column_blocks`` (version 4): a columnar copy of the events, kept exact by triggers
  (:mod:`analytics.store.blocks`).
- ``feed_items`` (version 3): the news-feed items already fetched, so a restart does not fetch
  them again; and (version 6) the items whose fetch failed in a way that may pass, with how many
  times (``failures``) and not before when to try again (``retry_at``, seconds since the epoch).

Change tracking (schema version 2), for readers that cache the events (:mod:`analytics.store.snapshot`):
every event row inserted or updated gets ``changed_version`` = the ``data_version`` its write
commits as, and every deleted event's id is logged in ``event_deletions`` with that version (a
trigger). A reader holding the events of version ``V`` (``V >= changes_since``) brings them up to
date with the rows changed after ``V`` and the ids deleted after ``V``
(:meth:`analytics.store.Store.event_changes`). Rebuilding every event, and trimming a long
deletion log, raise ``changes_since``.

Merging is :mod:`analytics.store.merge`; the transactions are :mod:`analytics.store.db`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from analytics import settings
from analytics.models import (
    GUIDELINE_FIELDS,
    LIST_FIELDS,
    TOLL_RANGE_FIELDS,
    StrikeReport,
    join_list,
    record_to_json,
    split_old_list,
)

#: StrikeReport fields as stored (the ``reports`` columns after ``id``, ``article_id``, ``ordinal``).
REPORT_FIELDS: tuple[str, ...] = (
    *GUIDELINE_FIELDS,
    "article",
    "published",
    "date_precision",
    "region_name",
    "lat",
    "lon",
    "geo_precision",
    "children_killed",
    "target_type",
    "evidence",
    "confidence",
    "sub_event_type",
    "languages",
)
#: Event fields as stored, in frame order.
EVENT_FIELDS: tuple[str, ...] = (
    "event_id",
    *REPORT_FIELDS,
    "article_id",
    *TOLL_RANGE_FIELDS,
    "number_of_reports",
    "number_of_outlets",
    "review_status",
    "claims",
)
ARTICLE_FIELDS: tuple[str, ...] = (
    "id",
    "title",
    "outlet",
    "url",
    "author",
    "published",
    "published_how",
    "source_file",
    "text",
    "ingested_at",
)
#: The event key columns: the merge key before corrections (country, region, attacker, date).
KEY_COLUMNS: tuple[str, ...] = ("key_country", "key_region", "key_attacker", "key_date")
#: Low-cardinality event/report columns loaded as pandas categoricals.
CATEGORY_COLUMNS: frozenset[str] = frozenset(
    {
        "attacker",
        "country",
        "region",
        "region_name",
        "location",
        "weapons",
        "systems",
        "source_types",
        "languages",
        "date_precision",
        "target_type",
        "sub_event_type",
        "review_status",
        "outlet",
        "published_how",
    }
)
#: Nullable figures, loaded as ``Int64``.
INT_COLUMNS = frozenset(
    {
        "launched",
        "intercepted",
        "killed",
        "wounded",
        "children_killed",
        *TOLL_RANGE_FIELDS,
    }
)
DATE_COLUMNS = frozenset({"date", "published"})
FLOAT_COLUMNS = frozenset({"lat", "lon", "confidence"})
#: Whole-number columns never null (plain ``int64``), and nullable ones (``Int64``), dates, floats.
PLAIN_INT_COLUMNS = frozenset(
    {"geo_precision", "number_of_reports", "number_of_outlets", "ordinal", "chars", "_rowid"}
)


class StoreError(Exception):
    """The store file cannot be opened or used (not a database, newer schema, ...)."""


class StoreBusy(StoreError):
    """Another program held the store's write lock for the whole busy timeout: nothing was
    written, and the same write may succeed when tried again."""


def default_db_path() -> Path:
    """``$STRIKES_DB`` when set, else ``data/strikes.db`` under the project root."""
    return settings.STORE_PATH.read()


# --------------------------------------------------------------------------- migrations


def _migration_1(conn: sqlite3.Connection) -> None:
    stmts = [
        """CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL)""",
        """INSERT INTO meta (key, value) VALUES ('data_version', 0)""",
        """CREATE TABLE articles (
            id TEXT PRIMARY KEY, title TEXT NOT NULL DEFAULT '', outlet TEXT NOT NULL DEFAULT '',
            url TEXT NOT NULL DEFAULT '', author TEXT NOT NULL DEFAULT '', published TEXT,
            published_how TEXT, source_file TEXT NOT NULL DEFAULT '', text TEXT NOT NULL,
            ingested_at TEXT NOT NULL)""",
        """CREATE TABLE reports (
            id INTEGER PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            ordinal INTEGER NOT NULL,
            date TEXT, attacker TEXT NOT NULL, country TEXT, region TEXT, location TEXT NOT NULL,
            weapons TEXT NOT NULL, systems TEXT NOT NULL, launched INTEGER, intercepted INTEGER,
            killed INTEGER, wounded INTEGER, sources TEXT NOT NULL, source_types TEXT NOT NULL,
            article TEXT NOT NULL, published TEXT, date_precision TEXT NOT NULL,
            region_name TEXT NOT NULL, lat REAL, lon REAL, geo_precision INTEGER NOT NULL,
            children_killed INTEGER, target_type TEXT NOT NULL, evidence TEXT NOT NULL,
            confidence REAL NOT NULL, sub_event_type TEXT NOT NULL,
            UNIQUE (article_id, ordinal))""",
        """CREATE INDEX reports_group ON reports (country, region, attacker, date)""",
        # Physical order: what filters and charts read first, long text last (faster column reads).
        """CREATE TABLE events (
            event_id TEXT PRIMARY KEY, review_status TEXT NOT NULL,
            date TEXT, attacker TEXT NOT NULL, country TEXT, region TEXT, weapons TEXT NOT NULL,
            killed_best INTEGER, wounded_best INTEGER, killed INTEGER, wounded INTEGER,
            launched INTEGER, intercepted INTEGER, systems TEXT NOT NULL, source_types TEXT NOT NULL,
            date_precision TEXT NOT NULL, region_name TEXT NOT NULL, location TEXT NOT NULL,
            lat REAL, lon REAL, geo_precision INTEGER NOT NULL, target_type TEXT NOT NULL,
            sub_event_type TEXT NOT NULL, children_killed INTEGER,
            killed_low INTEGER, killed_high INTEGER, wounded_low INTEGER, wounded_high INTEGER,
            number_of_reports INTEGER NOT NULL, number_of_outlets INTEGER NOT NULL,
            confidence REAL NOT NULL, published TEXT, sources TEXT NOT NULL,
            key_country TEXT, key_region TEXT, key_attacker TEXT NOT NULL, key_date TEXT,
            article TEXT NOT NULL, article_id TEXT NOT NULL, evidence TEXT NOT NULL, claims TEXT NOT NULL)""",
        """CREATE INDEX events_key ON events (key_country, key_region, key_attacker, key_date)""",
        """CREATE TABLE report_event (
            report_id INTEGER PRIMARY KEY REFERENCES reports(id) ON DELETE CASCADE,
            event_id TEXT NOT NULL REFERENCES events(event_id) ON DELETE CASCADE)""",
        """CREATE INDEX report_event_event ON report_event (event_id)""",
        """CREATE TABLE corrections (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            event_id TEXT NOT NULL,
            key_country TEXT, key_region TEXT, key_attacker TEXT NOT NULL, key_date TEXT,
            field TEXT NOT NULL, value TEXT NOT NULL, note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL)""",
        """CREATE INDEX corrections_event ON corrections (event_id)""",
        """CREATE INDEX corrections_key ON corrections (key_country, key_region, key_attacker, key_date)""",
    ]
    for stmt in stmts:
        conn.execute(stmt)


#: SQL for the ``data_version`` the current write transaction commits as.
NEXT_VERSION = "(SELECT value + 1 FROM meta WHERE key = 'data_version')"


def _migration_2(conn: sqlite3.Connection) -> None:
    """Change tracking: ``events.changed_version``, the ``event_deletions`` log, ``store_id`` and
    ``changes_since``. Existing rows get version 0; nothing older than now can be patched."""
    stmts = [
        # a constant default: SQLite adds the column without rewriting the table
        """ALTER TABLE events ADD COLUMN changed_version INTEGER NOT NULL DEFAULT 0""",
        """CREATE INDEX events_changed ON events (changed_version)""",
        """CREATE TABLE event_deletions (event_id TEXT NOT NULL, version INTEGER NOT NULL)""",
        """CREATE INDEX event_deletions_version ON event_deletions (version)""",
        """INSERT OR REPLACE INTO meta (key, value) VALUES ('store_id', abs(random()) % 9007199254740991)""",
        """INSERT OR REPLACE INTO meta (key, value)
            SELECT 'changes_since', value FROM meta WHERE key = 'data_version'""",
        # The writers set changed_version themselves; these catch any write that does not.
        f"""CREATE TRIGGER events_mark_insert AFTER INSERT ON events
            WHEN new.changed_version <= (SELECT value FROM meta WHERE key = 'data_version')
            BEGIN UPDATE events SET changed_version = {NEXT_VERSION} WHERE rowid = new.rowid; END""",
        f"""CREATE TRIGGER events_mark_update AFTER UPDATE ON events
            WHEN new.changed_version <= (SELECT value FROM meta WHERE key = 'data_version')
            BEGIN UPDATE events SET changed_version = {NEXT_VERSION} WHERE rowid = new.rowid; END""",
        f"""CREATE TRIGGER events_log_delete AFTER DELETE ON events
            BEGIN INSERT INTO event_deletions (event_id, version) VALUES (old.event_id, {NEXT_VERSION}); END""",
    ]
    for stmt in stmts:
        conn.execute(stmt)


#: Schema steps in order; ``PRAGMA user_version`` is the number applied. Append, never edit.
def _migration_3(conn: sqlite3.Connection) -> None:
    """The news-feed items already fetched (``python -m analytics watch``)."""
    conn.execute(
        """CREATE TABLE feed_items (
            feed_url TEXT NOT NULL, item_id TEXT NOT NULL, url TEXT NOT NULL DEFAULT '',
            article_id TEXT, seen_at TEXT NOT NULL, PRIMARY KEY (feed_url, item_id))"""
    )


def _migration_4(conn: sqlite3.Connection) -> None:
    """Column blocks (:mod:`analytics.store.blocks`): the table, and the triggers that drop the
    block covering a row whenever that row is inserted, updated or deleted."""
    conn.execute(
        "CREATE TABLE column_blocks (first INTEGER PRIMARY KEY, last INTEGER NOT NULL, "
        "rows INTEGER NOT NULL, data BLOB NOT NULL)"
    )
    drop = (
        "DELETE FROM column_blocks WHERE first = (SELECT max(first) FROM column_blocks WHERE first <= {r}) "
        "AND last >= {r}"
    )
    for event, row in (("INSERT", "new"), ("UPDATE", "old"), ("DELETE", "old")):
        conn.execute(
            f"CREATE TRIGGER events_blocks_{event.lower()} AFTER {event} ON events "
            f"BEGIN {drop.format(r=row + '.rowid')}; END"
        )


def _reencode_list(text: str | None) -> str | None:
    """A list value written by schema version 4 or older, as :func:`analytics.models.join_list`
    writes it now."""
    return None if text is None else join_list(split_old_list(text))


#: The list fields there were when :func:`_migration_5` was written: the columns it re-encodes
#: (a list field added later has no column yet when it runs, and was always written this way).
_LIST_FIELDS_OF_5: tuple[str, ...] = ("weapons", "systems", "sources", "source_types")


def _migration_5(conn: sqlite3.Connection) -> None:
    """List fields in the one lossless encoding of :func:`analytics.models.join_list`.

    Versions up to 4 wrote items stripped and ``;``-joined (a ``;`` inside an item made ``,``),
    which the new reader reads alike except where an item holds a backslash (now an escape) or a
    value has blanks around its items; those values are rewritten, read as the old writer wrote
    them (always ``;``-joined text: no writer ever stored JSON, so a value starting with ``[`` is
    an item like any other). Rewritten event rows drop their column blocks and are marked
    changed by the triggers of versions 2 and 4."""
    conn.create_function("reencode_list", 1, _reencode_list, deterministic=True)
    for table in ("reports", "events"):
        for column in _LIST_FIELDS_OF_5:
            conn.execute(
                f"UPDATE {table} SET {column} = reencode_list({column}) "
                f"WHERE {column} IS NOT reencode_list({column})"
            )


def _migration_6(conn: sqlite3.Connection) -> None:
    """Feed items that keep failing are tried again later and later, not at every run: a row
    with ``retry_at`` set is an item waiting for its next try; NULL (every older row) is done."""
    have = {row[1] for row in conn.execute("PRAGMA table_info(feed_items)")}
    # a store whose version was set back by hand (tests of older steps) may have them already
    if "failures" not in have:
        conn.execute("ALTER TABLE feed_items ADD COLUMN failures INTEGER NOT NULL DEFAULT 0")
    if "retry_at" not in have:
        conn.execute("ALTER TABLE feed_items ADD COLUMN retry_at REAL")


def _migration_7(conn: sqlite3.Connection) -> None:
    """``languages``: the language of each report's article (a list field, so an event holds the
    union over its reports). Every row stored before this version is English: until schema 6's
    last days the extractor gave no record from a Ukrainian or Russian article, so the column
    is added as ``en`` (a constant default: SQLite adds it without rewriting the table). A store
    that took in such articles in those days gets their languages by ``python -m analytics
    reextract`` (the store cannot read an article's language itself: that is the extractor's).

    The column blocks of version 4 hold every event column: the ones written before lack this
    one, so they are dropped (the next read writes them again)."""
    for table in ("reports", "events"):
        have = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
        # a store whose version was set back by hand (tests of older steps) may have it already
        if "languages" not in have:
            conn.execute(f"ALTER TABLE {table} ADD COLUMN languages TEXT NOT NULL DEFAULT 'en'")
    conn.execute("DELETE FROM column_blocks")


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [
    _migration_1,
    _migration_2,
    _migration_3,
    _migration_4,
    _migration_5,
    _migration_6,
    _migration_7,
]
#: Above this many logged deletions, the oldest are dropped (``changes_since`` rises).
DELETION_LOG_LIMIT = 100_000


# --------------------------------------------------------------------------- row conversion


def record_to_row(record: StrikeReport) -> dict[str, Any]:
    """The record as column values: ``models.record_to_json`` with lists joined and dicts as JSON."""
    data = record_to_json(record)
    for name in LIST_FIELDS:
        data[name] = join_list(data[name])
    data["evidence"] = (
        json.dumps(data["evidence"], ensure_ascii=False, sort_keys=True) if data["evidence"] else ""
    )
    if "claims" in data:
        data["claims"] = json.dumps(data["claims"], ensure_ascii=False)
    return data


def json_to_column(name: str, value: Any) -> Any:
    """A correction's JSON value as the column value."""
    if name in LIST_FIELDS:
        return join_list(value or [])
    return value


def article_value(name: str, value: Any) -> Any:
    """An article field as its column value (missing text fields are empty strings)."""
    if value is None and name not in ("published", "published_how"):
        return ""
    return value


def now() -> str:
    """The current UTC time as stored (ISO 8601, seconds)."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def report_id(article_id: str, ordinal: int) -> int:
    """A report's row id from its article and position: the same whatever the ingest order."""
    return int(hashlib.sha256(f"{article_id}:{ordinal}".encode()).hexdigest()[:15], 16)


def next_version(conn: sqlite3.Connection) -> int:
    """The ``data_version`` the current write transaction commits as (its change marker)."""
    return int(conn.execute("SELECT value + 1 FROM meta WHERE key = 'data_version'").fetchone()[0])


def trim_deletion_log(conn: sqlite3.Connection) -> None:
    """Keep the deletion log short: past :data:`DELETION_LOG_LIMIT` entries, drop the older half
    and raise ``changes_since`` past them (a reader that old reads everything again).

    The log's size is read from its rowid range, not ``count(*)``: entries are appended and
    dropped oldest first, so the range is the count, and reading it costs two index lookups
    where counting scanned the whole log on every write (ingest slowed as the store grew)."""
    size = conn.execute("SELECT max(rowid) - min(rowid) + 1 FROM event_deletions").fetchone()[0]
    if size is None or size <= DELETION_LOG_LIMIT:
        return
    cut = conn.execute(
        "SELECT version FROM event_deletions ORDER BY version DESC LIMIT 1 OFFSET ?",
        (DELETION_LOG_LIMIT // 2,),
    ).fetchone()[0]
    conn.execute("DELETE FROM event_deletions WHERE version <= ?", (cut,))
    conn.execute("UPDATE meta SET value = max(value, ?) WHERE key = 'changes_since'", (cut,))


def is_locked(exc: sqlite3.OperationalError) -> bool:
    """Whether the error is another connection holding the lock (worth a retry)."""
    msg = str(exc).lower()
    return "locked" in msg or "busy" in msg


def content_key(conn: sqlite3.Connection, count: bool = True) -> dict[str, int | None]:
    """What identifies the stored content (see :meth:`analytics.store.Store.content_key`)."""
    version = conn.execute("SELECT value FROM meta WHERE key = 'data_version'").fetchone()[0]
    store_id = conn.execute("SELECT value FROM meta WHERE key = 'store_id'").fetchone()
    max_rowid = conn.execute("SELECT max(rowid) FROM events").fetchone()[0]
    schema = conn.execute("PRAGMA user_version").fetchone()[0]
    key: dict[str, int | None] = {
        "data_version": int(version),
        "schema": int(schema),
        "store_id": int(store_id[0]) if store_id else None,
    }
    if count:  # a scan of an index: tens of ms on a million events
        key["events"] = int(conn.execute("SELECT count(*) FROM events").fetchone()[0])
    key["max_rowid"] = max_rowid
    return key
