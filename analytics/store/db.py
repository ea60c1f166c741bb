"""The :class:`Store`: one SQLite file, its transactions (add an article, replace reports, rebuild
events, correct and review), and the typed reads the dashboard and exports use. The schema is
:mod:`analytics.store.schema`, merging :mod:`analytics.store.merge`."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import pandas as pd

from analytics.models import (
    REVIEW_STATUSES,
    Article,
    Event,
    StrikeReport,
    article_from_json,
    event_from_json,
    report_from_json,
)
from analytics.store import blocks, connect, integrity
from analytics.store.corrections import apply_correction, correct_reports, correction_value
from analytics.store.frames import (
    ROWID,
    EventChanges,
    read_changes,
    read_columnwise,
    read_frame,
    read_rows,
    set_dtypes,
)
from analytics.store.incremental import Index
from analytics.store.rebuild import (
    AddResult,
    Replaced,
    add_batch,
    rebuild_all,
    rebuild_dates,
    replace_all_reports,
    replace_article,
)
from analytics.store.schema import (
    ARTICLE_FIELDS,
    EVENT_FIELDS,
    KEY_COLUMNS,
    MIGRATIONS,
    REPORT_FIELDS,
    StoreError,
    content_key,
    default_db_path,
    is_locked,
    next_version,
    now,
    trim_deletion_log,
)

T = TypeVar("T")
#: Above this many ids, :meth:`Store.events_for_ids` scans the columns instead.
BY_ID_LIMIT = 20_000


class Store:
    """One SQLite store file. Safe to share between threads (calls are serialised); several
    processes may write the same file at once (writes wait for each other)."""

    def __init__(self, path: str | Path | None = None, *, read_only: bool | None = None) -> None:
        """Open (or create) the store at ``path`` (default :func:`default_db_path`).
        ``read_only`` None: read-only exactly when the file or its folder cannot be written."""
        self.path = Path(path).expanduser() if path else default_db_path()
        self._lock = threading.RLock()
        #: what this store's last bulk write left, so the next one adds to it (see incremental)
        self._index = Index()
        if self.path.is_dir():
            raise StoreError(
                f"the store path {self.path} is a folder; name a file such as {self.path / 'strikes.db'}"
            )
        self.read_only = not connect.writable(self.path) if read_only is None else read_only
        if self.read_only and not self.path.exists():
            raise connect.missing_error(self.path, read_only)
        try:
            self._conn = connect.connect(self.path, self.read_only)
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"cannot open the store {self.path}: {exc}") from exc
        try:
            if not self.read_only:
                self._guard(lambda: self._conn.execute("PRAGMA journal_mode = WAL").fetchone())
                self._conn.execute("PRAGMA synchronous = NORMAL")
            self._conn.execute("PRAGMA foreign_keys = ON")
            self._migrate()
        except StoreError:
            self._conn.close()
            raise
        except sqlite3.DatabaseError as exc:
            self._conn.close()
            if connect.is_damage(exc):
                raise connect.damaged(self.path, exc) from exc
            raise StoreError(f"cannot use the store {self.path}: {exc}") from exc

    # ---- plumbing

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _guard(self, fn: Callable[[], T]) -> T:
        """Run ``fn``, turning SQLite's errors for a read-only, damaged or busy store into a
        :class:`StoreError` that says so. Waiting for another writer is SQLite's busy timeout
        (:data:`connect.BUSY_TIMEOUT_S`), not a loop here: see :func:`connect.connect`."""
        try:
            return fn()
        except sqlite3.OperationalError as exc:
            if "readonly" in str(exc).lower():
                raise connect.read_only_error(self.path) from exc
            if connect.is_damage(exc):
                raise connect.damaged(self.path, exc) from exc
            if is_locked(exc):
                raise connect.busy_error(self.path) from exc
            raise
        except sqlite3.DatabaseError as exc:
            if connect.is_damage(exc):
                raise connect.damaged(self.path, exc) from exc
            raise

    def _write(self, fn: Callable[[sqlite3.Connection], tuple[T, bool]]) -> T:
        """Run ``fn`` in one write transaction (all or nothing), waiting while another writer
        holds the lock; ``fn`` returns (result, changed) and a change bumps ``data_version``.
        ``BEGIN IMMEDIATE`` takes the write lock first: SQLite calls its busy handler (waits)
        for that, where a transaction that read first and then writes would get "database is
        locked" at once, with no wait, whenever another writer got in between."""

        def attempt() -> T:
            conn = self._conn
            conn.execute("BEGIN IMMEDIATE")
            try:
                result, changed = fn(conn)
                if changed:
                    trim_deletion_log(conn)
                    conn.execute("UPDATE meta SET value = value + 1 WHERE key = 'data_version'")
                conn.execute("COMMIT")
                return result
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise

        with self._lock:
            return self._guard(attempt)

    def _migrate(self) -> None:
        current = self._conn.execute("PRAGMA user_version").fetchone()[0]
        problem = connect.schema_error(self._conn, self.path, current, len(MIGRATIONS), self.read_only)
        if problem is not None:
            raise problem
        if current == len(MIGRATIONS):
            return

        def step(conn: sqlite3.Connection) -> tuple[None, bool]:
            version = conn.execute("PRAGMA user_version").fetchone()[0]  # another process may have won
            for index in range(version, len(MIGRATIONS)):
                MIGRATIONS[index](conn)
                conn.execute(f"PRAGMA user_version = {index + 1}")
            return None, False

        self._write(step)

    def schema_version(self) -> int:
        with self._lock:
            return int(self._conn.execute("PRAGMA user_version").fetchone()[0])

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._guard(lambda: self._conn.execute(sql, params).fetchall())

    def frame(self, sql: str, params: Sequence[Any] = ()) -> pd.DataFrame:
        """A query's rows as a typed frame (:func:`analytics.store.frames.read_frame`)."""
        with self._lock:
            return self._guard(lambda: read_frame(self._conn, sql, params))

    # ---- articles and reports

    def has_article(self, article_id: str) -> bool:
        return bool(self._query("SELECT 1 FROM articles WHERE id = ?", (article_id,)))

    def add_article(self, article: Article, reports: list[StrikeReport]) -> AddResult:
        """Store the article, its reports and the merged events in one transaction; an article
        already stored (same text, whatever its file name) is a "duplicate" and changes nothing."""
        return self.add_articles([(article, reports)])[0]

    def add_articles(self, batch: Sequence[tuple[Article, list[StrikeReport]]]) -> list[AddResult]:
        """Store several articles with their reports in one transaction (all or none), one
        result each in order: the events their reports touch are rebuilt once for the batch,
        not once per article, which is what makes bulk files fast (a day's rows share events).
        An article stored already, or earlier in the batch, is a "duplicate"."""

        def txn(conn: sqlite3.Connection) -> tuple[list[AddResult], bool]:
            results = add_batch(conn, batch, self._index)
            changed = any(r.status == "new" for r in results)
            committed[0] = next_version(conn) - (0 if changed else 1)
            return results, changed

        committed = [0]
        with self._lock:  # the index is marked committed before another write can begin
            results = self._write(txn)
            self._index.committed(committed[0])
        return results

    def articles(self) -> Iterator[Article]:
        """Every stored article (for re-extraction), in id order."""
        for row in self._query(f"SELECT {', '.join(ARTICLE_FIELDS)} FROM articles ORDER BY id"):
            yield article_from_json(dict(zip(ARTICLE_FIELDS, row, strict=True)))

    def article_text(self, article_id: str) -> str:
        rows = self._query("SELECT text FROM articles WHERE id = ?", (article_id,))
        if not rows:
            raise ValueError(f"no article {article_id}")
        return str(rows[0][0])

    def article(self, article_id: str) -> Article:
        """One stored article, text included (ValueError when there is none)."""
        rows = self._query(f"SELECT {', '.join(ARTICLE_FIELDS)} FROM articles WHERE id = ?", (article_id,))
        if not rows:
            raise ValueError(f"no article {article_id}")
        return article_from_json(dict(zip(ARTICLE_FIELDS, rows[0], strict=True)))

    def replace_article_reports(self, article: Article, reports: list[StrikeReport]) -> AddResult:
        """Give a stored article new metadata (publication date and how it was obtained, title,
        outlet) and new reports, and rebuild the events they touch, in one transaction. The
        user's corrections of events that held its reports follow those reports to their new
        events (a report's id is its article and position)."""

        def txn(conn: sqlite3.Connection) -> tuple[AddResult, bool]:
            if not conn.execute("SELECT 1 FROM articles WHERE id = ?", (article.id,)).fetchone():
                raise ValueError(f"no article {article.id}")
            events = replace_article(conn, article, reports)
            return AddResult("replaced", len(reports), events), True

        return self._write(txn)

    def reports_of(self, article_id: str) -> list[StrikeReport]:
        """An article's reports as records, in their order in the article."""
        cols = ("article_id", *REPORT_FIELDS)
        rows = self._query(
            f"SELECT {', '.join(cols)} FROM reports WHERE article_id = ? ORDER BY ordinal", (article_id,)
        )
        return [report_from_json(dict(zip(cols, row, strict=True))) for row in rows]

    def replace_reports(
        self, reports_by_article: dict[str, list[StrikeReport]], read_as: Mapping[str, Article] | None = None
    ) -> Replaced:
        """Replace the reports of the given stored articles and rebuild every event, corrections
        re-applied, in one transaction. With ``read_as`` (each article as it was read when its
        reports were made), an article stored differently now, or gone, keeps what it has and is
        listed in ``skipped``: its new reports were made from what it no longer is (a date the
        user set meanwhile would otherwise be paired with reports read against the old one)."""

        def txn(conn: sqlite3.Connection) -> tuple[Replaced, bool]:
            skipped = replace_all_reports(conn, reports_by_article, read_as)
            return Replaced(int(conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]), skipped), True

        return self._write(txn)

    def rebuild_events(self) -> int:
        """Recompute every event from the stored reports (corrections re-applied)."""

        def txn(conn: sqlite3.Connection) -> tuple[int, bool]:
            rebuild_all(conn)
            return int(conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]), True

        return self._write(txn)

    # ---- events

    def events(self, include_rejected: bool = False) -> list[Event]:
        """Every event as a record, sorted by date then id (rejected ones only when asked)."""
        where = "" if include_rejected else " WHERE review_status != 'rejected'"
        rows = self._query(f"SELECT {', '.join(EVENT_FIELDS)} FROM events{where} ORDER BY date, event_id")
        return [event_from_json(dict(zip(EVENT_FIELDS, row, strict=True))) for row in rows]

    def event(self, event_id: str) -> Event:
        rows = self._query(f"SELECT {', '.join(EVENT_FIELDS)} FROM events WHERE event_id = ?", (event_id,))
        if not rows:
            raise ValueError(f"no event {event_id}")
        return event_from_json(dict(zip(EVENT_FIELDS, rows[0], strict=True)))

    def events_frame(
        self, include_rejected: bool = False, columns: Sequence[str] | None = None, rowid: bool = False
    ) -> pd.DataFrame:
        """One row per event, in storage (rowid) order: ``date``/``published`` datetime64, list
        fields ``;``-joined, ``evidence``/``claims`` JSON text, low-cardinality text columns
        categorical, figures nullable ``Int64``. ``columns`` loads only those (much faster on
        large stores); ``rowid`` adds the row's SQLite rowid as a last int64 column ``_rowid``.

        Read from the column blocks (:mod:`analytics.store.blocks`) and, for the rows outside
        them or columns they lack, column-wise (each column of a chunk comes out of SQLite as one
        ``group_concat`` string, split and typed by pyarrow), all within one read transaction;
        anything unexpected falls back to a plain row-wise SELECT.
        """
        cols = list(EVENT_FIELDS) if columns is None else list(dict.fromkeys(columns))
        unknown = [c for c in cols if c not in EVENT_FIELDS]
        if unknown:
            raise ValueError(f"unknown event columns: {', '.join(unknown)}")
        where = "" if include_rejected else "review_status != 'rejected'"
        if rowid:
            cols.append(ROWID)
        with self._lock:
            if blocks.covered(cols):
                frame = self._guard(lambda: blocks.read_events(self._conn, cols, include_rejected))
            else:
                frame = self._guard(lambda: read_columnwise(self._conn, "events", cols, where))
        if frame is not None:
            return frame
        select = ", ".join("rowid AS _rowid" if c == ROWID else c for c in cols)
        return self.frame(
            f"SELECT {select} FROM events" + (f" WHERE {where}" if where else "") + " ORDER BY rowid"
        )

    def event_changes(
        self, since: int, columns: Sequence[str], include_rejected: bool = False, limit: int | None = None
    ) -> EventChanges | None:
        """The events changed or deleted after data version ``since``, read in one transaction,
        with ``columns`` (plus ``_rowid``), rejected ones left out of ``rows`` unless asked.
        None when they cannot be told (``since`` is older than ``changes_since`` or newer than
        the store) or are more than ``limit``: read the whole frame instead."""
        cols = list(dict.fromkeys(["event_id", *columns]))
        unknown = [c for c in cols if c not in EVENT_FIELDS]
        if unknown:
            raise ValueError(f"unknown event columns: {', '.join(unknown)}")
        with self._lock:
            return self._guard(lambda: read_changes(self._conn, since, cols, include_rejected, limit))

    def events_for_ids(self, event_ids: Sequence[str], columns: Sequence[str] | None = None) -> pd.DataFrame:
        """The stored rows of the given events (rejected ones too), in the order asked, with
        ``columns`` (always ``event_id`` first; default every column) typed as in
        :meth:`events_frame`. Unknown ids are left out. For the few rows a page shows: the
        evidence and claims text of the events table, a download's columns."""
        cols = list(dict.fromkeys(["event_id", *(EVENT_FIELDS if columns is None else columns)]))
        unknown = [c for c in cols if c not in EVENT_FIELDS]
        if unknown:
            raise ValueError(f"unknown event columns: {', '.join(unknown)}")
        ids = list(dict.fromkeys(str(e) for e in event_ids))
        if len(ids) > BY_ID_LIMIT:  # a scan beats that many index look-ups
            found = self.events_frame(include_rejected=True, columns=cols)
            found = found[found["event_id"].isin(ids)]
        else:
            frames = [
                self.frame(
                    f"SELECT {', '.join(cols)} FROM events WHERE event_id IN ({', '.join('?' * len(part))})",
                    part,
                )
                for part in (ids[i : i + 500] for i in range(0, len(ids), 500))
            ]
            found = (
                pd.concat(frames, ignore_index=True)
                if frames
                else self.frame(f"SELECT {', '.join(cols)} FROM events WHERE 0")
            )
        order = pd.Series(range(len(ids)), index=ids)
        found = found.iloc[np.argsort(order.reindex(found["event_id"].astype(str)).to_numpy(), kind="stable")]
        return found.reset_index(drop=True)

    def reports_frame(self, reviewed: bool = False, include_rejected: bool = False) -> pd.DataFrame:
        """One row per report: ``report_id``, ``article_id``, the report fields, ``event_id``, and
        the article's ``title``, ``outlet``, ``url``. ``reviewed``: as the user reviewed them,
        like the events: each report takes its event's ``review_status`` and the fields the user
        corrected on that event, and reports of rejected events are left out unless
        ``include_rejected``."""
        cols = ", ".join(f"r.{c}" for c in REPORT_FIELDS)
        review = ", e.review_status" if reviewed else ""
        join = " LEFT JOIN events e ON e.event_id = l.event_id" if reviewed else ""
        where = " WHERE e.review_status IS NOT 'rejected'" if reviewed and not include_rejected else ""
        sql = (
            f"SELECT r.id AS report_id, r.article_id, r.ordinal, {cols}, l.event_id, "
            f"a.title, a.outlet, a.url{review} FROM reports r LEFT JOIN report_event l ON l.report_id = r.id "
            f"LEFT JOIN articles a ON a.id = r.article_id{join}{where} "
            "ORDER BY r.published, r.article_id, r.ordinal"
        )

        def read() -> pd.DataFrame:
            rows = read_rows(self._conn, sql)
            if reviewed:
                applied = self._conn.execute(
                    "SELECT c.event_id, c.field, c.value FROM corrections c "
                    "JOIN events e ON e.event_id = c.event_id ORDER BY c.id"
                ).fetchall()
                correct_reports(rows, applied)
            return set_dtypes(rows)

        with self._lock:
            return self._guard(read)

    def articles_frame(self) -> pd.DataFrame:
        """One row per article (without its text): metadata, ``chars`` and ``reports`` counts."""
        cols = ", ".join(f"a.{c}" for c in ARTICLE_FIELDS if c != "text")
        return self.frame(
            f"SELECT {cols}, length(a.text) AS chars, "
            "(SELECT COUNT(*) FROM reports r WHERE r.article_id = a.id) AS reports "
            "FROM articles a ORDER BY a.ingested_at, a.id"
        )

    # ---- corrections

    def correct_event(self, event_id: str, field: str, value: Any, note: str = "") -> None:
        """Set one field of an event (status becomes "corrected"); kept and re-applied whenever
        events are rebuilt. Raises ValueError for an unknown event, field or a bad value."""
        jvalue = correction_value(field, value)
        self._add_correction(event_id, field, jvalue, note)

    def set_review_status(self, event_id: str, status: str) -> None:
        """Mark an event "verified", "rejected" (hidden from events() unless asked) or "auto"."""
        if status not in ("auto", "verified", "rejected", "corrected"):
            raise ValueError(f"review status must be one of {', '.join(REVIEW_STATUSES)}, not {status!r}")
        self._add_correction(event_id, "review_status", status, "")

    def _add_correction(self, event_id: str, name: str, jvalue: Any, note: str) -> None:
        cols = (*EVENT_FIELDS, *KEY_COLUMNS)

        def txn(conn: sqlite3.Connection) -> tuple[None, bool]:
            found = conn.execute(
                f"SELECT {', '.join(cols)} FROM events WHERE event_id = ?", (event_id,)
            ).fetchone()
            if found is None:
                raise ValueError(f"no event {event_id}")
            row = dict(zip(cols, found, strict=True))
            conn.execute(
                "INSERT INTO corrections (event_id, key_country, key_region, key_attacker, key_date, field, value, "
                "note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    event_id,
                    *(row[k] for k in KEY_COLUMNS),
                    name,
                    json.dumps(jvalue, ensure_ascii=False),
                    note,
                    now(),
                ),
            )
            before = dict(row)
            apply_correction(row, name, jvalue)
            changed = [c for c in EVENT_FIELDS if row[c] != before[c]]
            if changed:
                conn.execute(
                    f"UPDATE events SET {', '.join(f'{c} = ?' for c in changed)}, changed_version = ? "
                    "WHERE event_id = ?",
                    [row[c] for c in changed] + [next_version(conn), event_id],
                )
            return None, True

        self._write(txn)

    def delete_correction(self, correction_id: int) -> None:
        """Undo one correction: drop it and rebuild its event's neighbourhood."""

        def txn(conn: sqlite3.Connection) -> tuple[None, bool]:
            found = conn.execute(
                "SELECT key_country, key_region, key_attacker, key_date FROM corrections WHERE id = ?",
                (correction_id,),
            ).fetchone()
            if found is None:
                raise ValueError(f"no correction {correction_id}")
            conn.execute("DELETE FROM corrections WHERE id = ?", (correction_id,))
            kd = dt.date.fromisoformat(found[3]) if found[3] else None
            rebuild_dates(conn, tuple(found[:3]), {kd})
            return None, True

        self._write(txn)

    def corrections_frame(self) -> pd.DataFrame:
        """Every correction in order: ``id``, ``event_id``, the event key, ``field``, ``value``
        (JSON text), ``note``, ``created_at``, and ``applied`` (its event currently exists)."""
        frame = self.frame(
            "SELECT c.id, c.event_id, c.key_country, c.key_region, c.key_attacker, c.key_date, c.field, "
            "c.value, c.note, c.created_at, (e.event_id IS NOT NULL) AS applied "
            "FROM corrections c LEFT JOIN events e ON e.event_id = c.event_id ORDER BY c.id"
        )
        if len(frame):
            frame["applied"] = frame["applied"].astype(bool)
        return frame

    # ---- news feeds

    def feed_item_seen(self, feed_url: str, item_id: str) -> bool:
        """Whether this item of this feed was fetched before (remembered across restarts)."""
        return bool(
            self._query(
                "SELECT 1 FROM feed_items WHERE feed_url = ? AND item_id = ? AND retry_at IS NULL",
                (feed_url, item_id),
            )
        )

    def feed_items_known(self, feed_url: str) -> dict[str, float | None]:
        """The feed's items remembered, each with when it may be tried again (None: fetched, or
        given up, for good), in one read: a feed of 100,000 items is not 100,000 queries."""
        rows = self._query("SELECT item_id, retry_at FROM feed_items WHERE feed_url = ?", (feed_url,))
        return {item_id: retry_at for item_id, retry_at in rows}

    def remember_feed_item(self, feed_url: str, item_id: str, url: str, article_id: str | None) -> None:
        """Record a feed item as fetched (``article_id``: the article it gave, None if none)."""
        self._feed_write(
            "INSERT OR REPLACE INTO feed_items (feed_url, item_id, url, article_id, seen_at) VALUES (?, ?, ?, ?, ?)",
            (feed_url, item_id, url, article_id, now()),
        )

    def feed_item_failed(
        self, feed_url: str, item_id: str, url: str, retry_at: Callable[[int], float | None]
    ) -> int:
        """Record one more failure that may pass of a feed item; ``retry_at(failures)`` says when
        it may be tried again (None: given up, never again). Returns its failures so far."""

        def txn(conn: sqlite3.Connection) -> tuple[int, bool]:
            found = conn.execute(
                "SELECT failures FROM feed_items WHERE feed_url = ? AND item_id = ?", (feed_url, item_id)
            ).fetchone()
            failures = (found[0] if found else 0) + 1
            conn.execute(
                "INSERT OR REPLACE INTO feed_items (feed_url, item_id, url, article_id, seen_at, failures, "
                "retry_at) VALUES (?, ?, ?, NULL, ?, ?, ?)",
                (feed_url, item_id, url, now(), failures, retry_at(failures)),
            )
            return failures, False  # no article or event changed

        return self._write(txn)

    def _feed_write(self, sql: str, params: Sequence[Any]) -> None:
        def txn(conn: sqlite3.Connection) -> tuple[None, bool]:
            conn.execute(sql, params)
            return None, False  # no article or event changed

        self._write(txn)

    # ---- status

    def counts(self) -> dict[str, int]:
        out = {}
        for table in ("articles", "reports", "events", "corrections"):
            out[table] = int(self._query(f"SELECT COUNT(*) FROM {table}")[0][0])
        return out

    def data_version(self) -> int:
        """A number that changes whenever the stored content changes (also by other processes)."""
        return int(self._query("SELECT value FROM meta WHERE key = 'data_version'")[0][0])

    def content_key(self, count: bool = True) -> dict[str, int | None]:
        """``data_version``, schema version, ``store_id``, number of events (``count``) and their
        largest rowid, read in one transaction: what a cache of the events (e.g.
        :mod:`analytics.snapshot`) keys on."""

        def read() -> dict[str, int | None]:
            conn = self._conn
            conn.execute("BEGIN")
            try:
                key = content_key(conn, count)
            finally:
                conn.execute("COMMIT")
            return key

        with self._lock:
            return self._guard(read)

    def check(self) -> list[str]:
        """Integrity problems found (empty: fine); see :mod:`analytics.store.integrity`."""
        with self._lock:
            return integrity.problems(self._conn)

    def quick_check(self, max_bytes: int = integrity.QUICK_CHECK_BYTES) -> list[str]:
        """SQLite's quick check of a store up to ``max_bytes`` (larger ones: nothing checked), for
        a command about to write: a damaged file is refused before anything is written to it."""
        with self._lock:
            return integrity.quick_problems(self._conn, self.path, max_bytes)
