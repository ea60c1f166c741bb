"""The event store: an embedded SQLite file holding articles, their strike reports, the events
merged from them, and the user's corrections.

Layout (schema version 2, see :data:`MIGRATIONS`):

- ``articles``: one row per article, ``id`` = sha256 of its normalised text (``models.article_id``).
- ``reports``: the extractor's :class:`~analytics.models.StrikeReport` rows, each tied to its article
  (``ON DELETE CASCADE``). A report's ``id`` is derived from ``(article_id, ordinal)``, so it is the
  same whatever order articles arrive in. List fields are ``;``-joined text (a ``;`` inside an item
  becomes ``,``), ``evidence`` is JSON.
- ``events``: the materialised merged :class:`~analytics.models.Event` rows, corrections applied,
  plus the uncorrected merge key (``key_country``, ``key_region``, ``key_attacker``, ``key_date``).
- ``report_event``: which event each report was merged into.
- ``corrections``: the user's edits and review decisions, in order; they outlive the events they
  were made on and are re-applied whenever events are rebuilt.
- ``meta``: the ``data_version`` counter, bumped by every write that changes content; a random
  ``store_id`` (a new store at the same path gets another); ``changes_since`` (see below).

Change tracking (schema version 2), for readers that cache the events (:mod:`analytics.snapshot`):
every event row inserted or updated gets ``changed_version`` = the ``data_version`` its write
commits as, and every deleted event's id is logged in ``event_deletions`` with that version (a
trigger). A reader holding the events of version ``V`` (``V >= changes_since``) brings them up to
date with the rows changed after ``V`` and the ids deleted after ``V``
(:meth:`Store.event_changes`). Rebuilding every event, and trimming a long deletion log, raise
``changes_since``.

Merge rule (deterministic and independent of ingest order; see :func:`cluster_reports`):
reports are grouped by ``(country, region, attacker)``; ``region`` null forms its own group per
country. Within a group, *day-precise* reports of the same date are clustered greedily in a
canonical order (date, precision, location, weapons, article id, position in the article): a
report joins the first cluster all of whose members are compatible with it, else starts one.
Two reports are compatible when their places are (same location, case-insensitive, or either one
is region-level: no location, or the location is the region's name) and their weapons are (they
share a category, or either names none / only ``unknown``). A report whose date is only
week- or month-precise, or of ``unknown`` precision with a placeholder date, then joins the first
compatible day-precise cluster of its own date, else of the day before, else of the day after
(compatibility checked against that cluster's day-precise members); failing that it is clustered
with the other imprecise reports of its own date. Reports without a date are clustered among
themselves (as day-precise ones of "no date"). So day-precise reports merge only on the same day,
and an imprecise one within one day. Each cluster is one event, anchored on its date, with the
finest precision of its members (day < week < month < unknown).

The event takes its place and description from its best report (a specific location before a
region-level one, then lower ``geo_precision``, finer date precision, higher confidence), the
unions of ``weapons``/``systems``/``sources``/``source_types``, ``killed_low``/``killed_high`` =
min/max of the reports' figures and ``killed_best`` (= ``killed``) = the figure of the report
from the latest-published article (ties: the higher figure); the same for ``wounded``, and the
latest-credible rule for ``launched``, ``intercepted`` and ``children_killed``. Its id is a hash of
``country|region|attacker|date|best location`` (with a counter for two events sharing that).

Ingest of one article is one ``BEGIN IMMEDIATE`` transaction: the article, its reports, and the
rebuild of the events of the affected groups within two days of its reports' dates (the only
events a new report can change). Locks from other processes are waited for (``busy_timeout``)
and retried, never shown to the user.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import sqlite3
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analytics import DATA_DIR
from analytics.models import (
    ATTACKERS,
    DATE_PRECISIONS,
    GUIDELINE_FIELDS,
    REVIEW_STATUSES,
    SOURCE_TYPES,
    SUB_EVENT_TYPES,
    TARGET_TYPES,
    WEAPON_CATEGORIES,
    Article,
    Claim,
    Event,
    StrikeReport,
    article_from_json,
    article_to_json,
    event_from_json,
    record_to_json,
    report_from_json,
)

T = TypeVar("T")

#: Environment variable naming the store file.
DB_ENV = "STRIKES_DB"

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
)
#: Event fields as stored, in frame order.
EVENT_FIELDS: tuple[str, ...] = (
    "event_id",
    *REPORT_FIELDS,
    "article_id",
    "killed_low",
    "killed_best",
    "killed_high",
    "wounded_low",
    "wounded_best",
    "wounded_high",
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
LIST_FIELDS: tuple[str, ...] = ("weapons", "systems", "sources", "source_types")
_KEY_COLUMNS = ("key_country", "key_region", "key_attacker", "key_date")
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
        "date_precision",
        "target_type",
        "sub_event_type",
        "review_status",
        "outlet",
        "published_how",
    }
)
_INT_COLUMNS = frozenset(
    {
        "launched",
        "intercepted",
        "killed",
        "wounded",
        "children_killed",
        "killed_low",
        "killed_best",
        "killed_high",
        "wounded_low",
        "wounded_best",
        "wounded_high",
    }
)
_DATE_COLUMNS = frozenset({"date", "published"})
_FLOAT_COLUMNS = frozenset({"lat", "lon", "confidence"})
_PLAIN_INT_COLUMNS = frozenset(
    {"geo_precision", "number_of_reports", "number_of_outlets", "ordinal", "chars", "_rowid"}
)
_SEP, _NUL = "\x1f", "\x1e"
_CHUNK = 200_000
#: The rowid column :meth:`Store.events_frame` adds when asked (``rowid=True``).
_ROWID = "_rowid"
#: Above this many ids, :meth:`Store.events_for_ids` scans the columns instead.
_BY_ID_LIMIT = 20_000

#: Event fields a user may correct (``killed``/``killed_best`` and ``wounded``/``wounded_best`` are
#: the same figure: correcting one sets both).
CORRECTABLE_FIELDS: frozenset[str] = frozenset(GUIDELINE_FIELDS) | {
    "date_precision",
    "region_name",
    "lat",
    "lon",
    "geo_precision",
    "children_killed",
    "target_type",
    "sub_event_type",
    "killed_low",
    "killed_best",
    "killed_high",
    "wounded_low",
    "wounded_best",
    "wounded_high",
}
_ALIASES = {
    "killed": "killed_best",
    "killed_best": "killed",
    "wounded": "wounded_best",
    "wounded_best": "wounded",
}
_PRECISION_RANK = {p: i for i, p in enumerate(DATE_PRECISIONS)}
_RETRIES = 40


class StoreError(Exception):
    """The store file cannot be opened or used (not a database, newer schema, ...)."""


@dataclass
class EventChanges:
    """What changed in the events after a version (:meth:`Store.event_changes`): ``rows`` (the
    selected changed events, typed as :meth:`Store.events_frame` with ``rowid=True``, in rowid
    order), ``drop`` (every changed or deleted event id: what a cached frame must drop before
    taking ``rows``) and ``key`` (:meth:`Store.content_key` of the state they lead to)."""

    rows: pd.DataFrame
    drop: frozenset[str]
    key: dict[str, int | None]


@dataclass
class AddResult:
    """What :meth:`Store.add_article` did: ``status`` "new" or "duplicate", the article's report
    count, and how many events its reports are now part of."""

    status: str
    reports: int = 0
    events: int = 0


def default_db_path() -> Path:
    """``$STRIKES_DB`` when set, else ``data/strikes.db`` under the project root."""
    env = os.environ.get(DB_ENV, "").strip()
    return Path(env).expanduser() if env else DATA_DIR / "strikes.db"


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


_NEXT_VERSION = "(SELECT value + 1 FROM meta WHERE key = 'data_version')"


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
            BEGIN UPDATE events SET changed_version = {_NEXT_VERSION} WHERE rowid = new.rowid; END""",
        f"""CREATE TRIGGER events_mark_update AFTER UPDATE ON events
            WHEN new.changed_version <= (SELECT value FROM meta WHERE key = 'data_version')
            BEGIN UPDATE events SET changed_version = {_NEXT_VERSION} WHERE rowid = new.rowid; END""",
        f"""CREATE TRIGGER events_log_delete AFTER DELETE ON events
            BEGIN INSERT INTO event_deletions (event_id, version) VALUES (old.event_id, {_NEXT_VERSION}); END""",
    ]
    for stmt in stmts:
        conn.execute(stmt)


#: Schema steps in order; ``PRAGMA user_version`` is the number applied. Append, never edit.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_migration_1, _migration_2]
#: Above this many logged deletions, the oldest are dropped (``changes_since`` rises).
_DELETION_LOG_LIMIT = 100_000


# --------------------------------------------------------------------------- row conversion


def _join(items: Iterable[str]) -> str:
    return ";".join(str(s).replace(";", ",").strip() for s in items if str(s).strip())


def _record_to_row(record: StrikeReport) -> dict[str, Any]:
    """The record as column values: ``models.record_to_json`` with lists joined and dicts as JSON."""
    data = record_to_json(record)
    for name in LIST_FIELDS:
        data[name] = _join(data[name])
    data["evidence"] = (
        json.dumps(data["evidence"], ensure_ascii=False, sort_keys=True) if data["evidence"] else ""
    )
    if "claims" in data:
        data["claims"] = json.dumps(data["claims"], ensure_ascii=False)
    return data


def _json_to_column(name: str, value: Any) -> Any:
    """A correction's JSON value as the column value."""
    if name in LIST_FIELDS:
        return _join(value or [])
    return value


def _article_value(name: str, value: Any) -> Any:
    if value is None and name not in ("published", "published_how"):
        return ""
    return value


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _report_id(article_id: str, ordinal: int) -> int:
    """A report's row id from its article and position: the same whatever the ingest order."""
    return int(hashlib.sha256(f"{article_id}:{ordinal}".encode()).hexdigest()[:15], 16)


def _norm(text: str | None) -> str:
    return " ".join((text or "").casefold().split())


def _next_version(conn: sqlite3.Connection) -> int:
    """The ``data_version`` the current write transaction commits as (its change marker)."""
    return int(conn.execute("SELECT value + 1 FROM meta WHERE key = 'data_version'").fetchone()[0])


def _trim_deletion_log(conn: sqlite3.Connection) -> None:
    """Keep the deletion log short: past :data:`_DELETION_LOG_LIMIT` entries, drop the older half
    and raise ``changes_since`` past them (a reader that old reads everything again)."""
    if conn.execute("SELECT count(*) FROM event_deletions").fetchone()[0] <= _DELETION_LOG_LIMIT:
        return
    cut = conn.execute(
        "SELECT version FROM event_deletions ORDER BY version DESC LIMIT 1 OFFSET ?",
        (_DELETION_LOG_LIMIT // 2,),
    ).fetchone()[0]
    conn.execute("DELETE FROM event_deletions WHERE version <= ?", (cut,))
    conn.execute("UPDATE meta SET value = max(value, ?) WHERE key = 'changes_since'", (cut,))


def _is_locked(exc: sqlite3.OperationalError) -> bool:
    msg = str(exc).lower()
    return "locked" in msg or "busy" in msg


# --------------------------------------------------------------------------- merging


@dataclass
class _Item:
    """One report with what merging needs from its article."""

    rid: int
    ordinal: int
    report: StrikeReport
    outlet: str
    published: dt.date | None

    @property
    def article_id(self) -> str:
        return self.report.article_id

    @property
    def canon(self) -> tuple[Any, ...]:
        r = self.report
        return (
            r.date.isoformat() if r.date else "",
            _PRECISION_RANK.get(r.date_precision, 9),
            _norm(r.location),
            _join(sorted(r.weapons)),
            r.article_id,
            self.ordinal,
        )

    @property
    def specific(self) -> bool:
        loc = _norm(self.report.location)
        return bool(loc) and loc != _norm(self.report.region_name)

    @property
    def is_seed(self) -> bool:
        return self.report.date is None or self.report.date_precision == "day"


@dataclass
class _Cluster:
    anchor: dt.date | None
    seeds: list[_Item] = field(default_factory=list)
    extra: list[_Item] = field(default_factory=list)

    @property
    def members(self) -> list[_Item]:
        return sorted(self.seeds + self.extra, key=lambda it: it.canon)


def _compatible(a: _Item, b: _Item) -> bool:
    if a.specific and b.specific and _norm(a.report.location) != _norm(b.report.location):
        return False
    wa = set(a.report.weapons) - {"unknown"}
    wb = set(b.report.weapons) - {"unknown"}
    return not wa or not wb or bool(wa & wb)


def _greedy(items: list[_Item], anchor: dt.date | None) -> list[_Cluster]:
    clusters: list[_Cluster] = []
    for it in items:
        for cl in clusters:
            if all(_compatible(it, m) for m in cl.seeds):
                cl.seeds.append(it)
                break
        else:
            clusters.append(_Cluster(anchor, [it]))
    return clusters


def cluster_reports(items: Sequence[_Item]) -> list[_Cluster]:
    """Cluster one group's reports (same country, region, attacker) into events; see the module doc.

    The result depends only on the set of items, never on their order.
    """
    ordered = sorted(items, key=lambda it: it.canon)
    seeds: dict[dt.date | None, list[_Item]] = {}
    loose: list[_Item] = []
    for it in ordered:
        if it.is_seed:
            seeds.setdefault(it.report.date, []).append(it)
        else:
            loose.append(it)
    by_date = {d: _greedy(its, d) for d, its in seeds.items()}
    leftovers: dict[dt.date, list[_Item]] = {}
    one = dt.timedelta(days=1)
    for it in loose:
        d = it.report.date
        assert d is not None
        placed = False
        for cand in (d, d - one, d + one):
            for cl in by_date.get(cand, ()):
                if all(_compatible(it, m) for m in cl.seeds):
                    cl.extra.append(it)
                    placed = True
                    break
            if placed:
                break
        if not placed:
            leftovers.setdefault(d, []).append(it)
    out = [cl for cls in by_date.values() for cl in cls]
    for d, its in leftovers.items():
        out.extend(_greedy(its, d))
    out.sort(key=lambda cl: (cl.anchor.isoformat() if cl.anchor else "", cl.members[0].canon))
    return out


def _latest(members: list[_Item], attr: str) -> tuple[int | None, _Item | None]:
    """The figure of the report from the latest-published article (ties: the higher figure)."""
    best: tuple[int, int, _Item] | None = None
    for it in members:
        value = getattr(it.report, attr)
        if value is None:
            continue
        key = (it.published.toordinal() if it.published else 0, value)
        if best is None or key > best[:2]:
            best = (key[0], key[1], it)
    return (best[1], best[2]) if best else (None, None)


def _ordered_union(lists: Iterable[list[str]], order: Sequence[str]) -> list[str]:
    seen = {x for xs in lists for x in xs if x}
    known = [x for x in order if x in seen]
    return known + sorted(seen - set(order))


def _outlets(members: list[_Item]) -> int:
    named = {_norm(it.outlet) for it in members if _norm(it.outlet)}
    unnamed = {it.article_id for it in members if not _norm(it.outlet)}
    return len(named) + len(unnamed)


def _best_key(it: _Item) -> tuple[Any, ...]:
    r = it.report
    return (
        0 if it.specific else 1,
        r.geo_precision,
        _PRECISION_RANK.get(r.date_precision, 9),
        -(r.confidence or 0.0),
        it.canon,
    )


def merge_cluster(cluster: _Cluster) -> Event:
    """The event of one cluster (its ``event_id`` is set by the caller)."""
    members = cluster.members
    best = min(members, key=_best_key)
    b = best.report
    ev = Event(**{f.name: getattr(b, f.name) for f in dataclasses.fields(StrikeReport)})
    ev.evidence = dict(b.evidence)
    ev.date = cluster.anchor
    ev.date_precision = min(
        (it.report.date_precision for it in members), key=lambda p: _PRECISION_RANK.get(p, 9)
    )
    weapons = _ordered_union((it.report.weapons for it in members), WEAPON_CATEGORIES)
    ev.weapons = [w for w in weapons if w != "unknown"] or weapons
    ev.systems = sorted({s for it in members for s in it.report.systems if s})
    ev.sources = sorted({s for it in members for s in it.report.sources if s})
    ev.source_types = _ordered_union((it.report.source_types for it in members), SOURCE_TYPES)
    if ev.target_type == "unknown":
        ev.target_type = next(
            (it.report.target_type for it in members if it.report.target_type != "unknown"), "unknown"
        )
    ev.confidence = max(it.report.confidence or 0.0 for it in members)
    for attr in ("killed", "wounded"):
        values = [getattr(it.report, attr) for it in members if getattr(it.report, attr) is not None]
        latest, giver = _latest(members, attr)
        setattr(ev, f"{attr}_low", min(values) if values else None)
        setattr(ev, f"{attr}_high", max(values) if values else None)
        setattr(ev, f"{attr}_best", latest)
        setattr(ev, attr, latest)
        if giver is not None and attr in giver.report.evidence:
            ev.evidence[attr] = giver.report.evidence[attr]
    for attr in ("launched", "intercepted", "children_killed"):
        latest, giver = _latest(members, attr)
        setattr(ev, attr, latest)
        if giver is not None and attr in giver.report.evidence:
            ev.evidence[attr] = giver.report.evidence[attr]
    ev.number_of_reports = len(members)
    ev.number_of_outlets = _outlets(members)
    claims = [
        Claim(
            report_id=it.rid,
            article_id=it.article_id,
            outlet=it.outlet,
            published=it.published,
            killed=it.report.killed,
            wounded=it.report.wounded,
            sources=list(it.report.sources),
            source_types=list(it.report.source_types),
        )
        for it in members
    ]
    claims.sort(key=lambda c: (c.published or dt.date.min, c.outlet, c.article_id, c.report_id or 0))
    ev.claims = claims
    ev.review_status = "auto"
    return ev


def _event_ids(events: list[Event]) -> None:
    """Stable ids: a hash of country|region|attacker|date|best location (+ a counter on a tie)."""
    used: dict[str, int] = {}
    for ev in events:
        base = f"{ev.country}|{ev.region}|{ev.attacker}|{ev.date.isoformat() if ev.date else ''}|{_norm(ev.location)}"
        n = used.get(base, 0)
        used[base] = n + 1
        key = base if n == 0 else f"{base}|{n + 1}"
        ev.event_id = hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


# --------------------------------------------------------------------------- the store


class Store:
    """One SQLite store file. Safe to share between threads (calls are serialised); several
    processes may write the same file at once (writes wait for each other)."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path).expanduser() if path else default_db_path()
        self._lock = threading.RLock()
        if self.path.is_dir():
            raise StoreError(
                f"the store path {self.path} is a folder; name a file such as {self.path / 'strikes.db'}"
            )
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._conn = sqlite3.connect(
                str(self.path), timeout=30, isolation_level=None, check_same_thread=False
            )
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"cannot open the store {self.path}: {exc}") from exc
        try:
            self._conn.execute("PRAGMA busy_timeout = 30000")
            self._retry(lambda: self._conn.execute("PRAGMA journal_mode = WAL").fetchone())
            self._conn.execute("PRAGMA synchronous = NORMAL")
            self._conn.execute("PRAGMA foreign_keys = ON")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            self._conn.close()
            raise StoreError(f"cannot use the store {self.path}: {exc}") from exc

    # ---- plumbing

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _retry(self, fn: Callable[[], T]) -> T:
        delay = 0.05
        for attempt in range(_RETRIES):
            try:
                return fn()
            except sqlite3.OperationalError as exc:
                if not _is_locked(exc) or attempt == _RETRIES - 1:
                    raise
                time.sleep(delay)
                delay = min(delay * 2, 1.0)
        raise AssertionError("unreachable")

    def _write(self, fn: Callable[[sqlite3.Connection], tuple[T, bool]]) -> T:
        """Run ``fn`` in one write transaction (all or nothing), retrying when another writer
        holds the lock; ``fn`` returns (result, changed) and a change bumps ``data_version``."""

        def attempt() -> T:
            conn = self._conn
            conn.execute("BEGIN IMMEDIATE")
            try:
                result, changed = fn(conn)
                if changed:
                    _trim_deletion_log(conn)
                    conn.execute("UPDATE meta SET value = value + 1 WHERE key = 'data_version'")
                conn.execute("COMMIT")
                return result
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise

        with self._lock:
            return self._retry(attempt)

    def _migrate(self) -> None:
        current = self._conn.execute("PRAGMA user_version").fetchone()[0]
        if current > len(MIGRATIONS):
            raise StoreError(
                f"the store {self.path} has schema version {current}, newer than this program's "
                f"{len(MIGRATIONS)}: update the program"
            )
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
            return self._retry(lambda: self._conn.execute(sql, params).fetchall())

    def _frame(self, sql: str, params: Sequence[Any] = ()) -> pd.DataFrame:
        def read() -> pd.DataFrame:
            cur = self._conn.execute(sql, params)
            names = [d[0] for d in cur.description]
            rows = cur.fetchall()
            if not rows:
                return pd.DataFrame({n: pd.Series([], dtype=object) for n in names})
            cols = list(zip(*rows, strict=True))
            return pd.DataFrame({n: _column(n, c) for n, c in zip(names, cols, strict=True)})

        with self._lock:
            frame = self._retry(read)
        return _set_dtypes(frame)

    # ---- articles and reports

    def has_article(self, article_id: str) -> bool:
        return bool(self._query("SELECT 1 FROM articles WHERE id = ?", (article_id,)))

    def add_article(self, article: Article, reports: list[StrikeReport]) -> AddResult:
        """Store the article, its reports and the merged events in one transaction; an article
        already stored (same text, whatever its file name) is a "duplicate" and changes nothing."""

        def txn(conn: sqlite3.Connection) -> tuple[AddResult, bool]:
            if conn.execute("SELECT 1 FROM articles WHERE id = ?", (article.id,)).fetchone():
                return AddResult("duplicate"), False
            row = article_to_json(article)
            row["ingested_at"] = _now()
            conn.execute(
                f"INSERT INTO articles ({', '.join(ARTICLE_FIELDS)}) VALUES ({', '.join('?' * len(ARTICLE_FIELDS))})",
                [_article_value(k, row.get(k)) for k in ARTICLE_FIELDS],
            )
            ids = self._insert_reports(conn, article, reports)
            groups: dict[tuple[Any, Any, str], set[dt.date | None]] = {}
            for r in reports:
                groups.setdefault((r.country, r.region, r.attacker), set()).add(r.date)
            for group, dates in sorted(groups.items(), key=lambda kv: repr(kv[0])):
                self._rebuild_dates(conn, group, dates)
            events = 0
            if ids:
                marks = ", ".join("?" * len(ids))
                events = conn.execute(
                    f"SELECT COUNT(DISTINCT event_id) FROM report_event WHERE report_id IN ({marks})", ids
                ).fetchone()[0]
            return AddResult("new", len(reports), int(events)), True

        return self._write(txn)

    def _insert_reports(
        self, conn: sqlite3.Connection, article: Article, reports: list[StrikeReport]
    ) -> list[int]:
        cols = ("id", "article_id", "ordinal", *REPORT_FIELDS)
        rows = []
        ids = []
        for ordinal, report in enumerate(reports):
            r = dataclasses.replace(report, article_id=article.id)
            if r.published is None:
                r.published = article.published
            if not r.article:
                r.article = article.source_file or article.title
            data = _record_to_row(r)
            rid = _report_id(article.id, ordinal)
            ids.append(rid)
            rows.append([rid, article.id, ordinal, *(data[c] for c in REPORT_FIELDS)])
        conn.executemany(
            f"INSERT INTO reports ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})", rows
        )
        return ids

    def articles(self) -> Iterator[Article]:
        """Every stored article (for re-extraction), in id order."""
        for row in self._query(f"SELECT {', '.join(ARTICLE_FIELDS)} FROM articles ORDER BY id"):
            yield article_from_json(dict(zip(ARTICLE_FIELDS, row, strict=True)))

    def article_text(self, article_id: str) -> str:
        rows = self._query("SELECT text FROM articles WHERE id = ?", (article_id,))
        if not rows:
            raise ValueError(f"no article {article_id}")
        return str(rows[0][0])

    def replace_reports(self, reports_by_article: dict[str, list[StrikeReport]]) -> int:
        """Replace the reports of the given stored articles and rebuild every event, corrections
        re-applied, in one transaction. Returns the number of events afterwards."""

        def txn(conn: sqlite3.Connection) -> tuple[int, bool]:
            for aid in sorted(reports_by_article):
                row = conn.execute(
                    f"SELECT {', '.join(ARTICLE_FIELDS)} FROM articles WHERE id = ?", (aid,)
                ).fetchone()
                if row is None:
                    raise ValueError(f"no article {aid}")
                article = article_from_json(dict(zip(ARTICLE_FIELDS, row, strict=True)))
                conn.execute("DELETE FROM reports WHERE article_id = ?", (aid,))
                self._insert_reports(conn, article, reports_by_article[aid])
            self._rebuild_all(conn)
            return int(conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]), True

        return self._write(txn)

    def rebuild_events(self) -> int:
        """Recompute every event from the stored reports (corrections re-applied)."""

        def txn(conn: sqlite3.Connection) -> tuple[int, bool]:
            self._rebuild_all(conn)
            return int(conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]), True

        return self._write(txn)

    # ---- event rebuilding

    def _items(self, conn: sqlite3.Connection, where: str, params: Sequence[Any]) -> list[_Item]:
        cols = ("id", "article_id", "ordinal", *REPORT_FIELDS)
        sql = (
            f"SELECT {', '.join('r.' + c for c in cols)}, a.outlet, a.published FROM reports r "
            f"JOIN articles a ON a.id = r.article_id WHERE {where}"
        )
        items = []
        for row in conn.execute(sql, params):
            data = dict(zip(cols, row, strict=False))
            report = report_from_json(data)
            outlet, apub = row[len(cols)], row[len(cols) + 1]
            published = dt.date.fromisoformat(apub) if apub else report.published
            items.append(_Item(data["id"], data["ordinal"], report, outlet or "", published))
        return items

    def _rebuild_dates(
        self, conn: sqlite3.Connection, group: tuple[Any, Any, str], dates: set[dt.date | None]
    ) -> None:
        """Rebuild the group's events that reports on ``dates`` can affect: those anchored within
        two days of them (a new day-precise report changes where imprecise ones a day away go)."""
        gsql = "r.country IS ? AND r.region IS ? AND r.attacker IS ?"
        if None in dates:
            items = self._items(conn, gsql + " AND r.date IS NULL", group)
            self._replace_events(conn, group, None, None, cluster_reports(items))
        days = sorted(d for d in dates if d is not None)
        two = dt.timedelta(days=2)
        windows: list[list[dt.date]] = []
        for d in days:
            if windows and d - windows[-1][1] <= 2 * two:
                windows[-1][1] = d
            else:
                windows.append([d, d])
        for lo, hi in windows:
            alo, ahi = lo - two, hi + two  # anchors to rebuild
            items = self._items(
                conn,
                gsql + " AND r.date BETWEEN ? AND ?",
                (*group, (alo - two).isoformat(), (ahi + two).isoformat()),
            )
            clusters = [cl for cl in cluster_reports(items) if cl.anchor and alo <= cl.anchor <= ahi]
            self._replace_events(conn, group, alo, ahi, clusters)

    def _rebuild_all(self, conn: sqlite3.Connection) -> None:
        conn.execute("DELETE FROM report_event")
        conn.execute("DELETE FROM events")
        groups = conn.execute("SELECT DISTINCT country, region, attacker FROM reports").fetchall()
        for group in sorted(groups, key=repr):
            items = self._items(conn, "r.country IS ? AND r.region IS ? AND r.attacker IS ?", group)
            self._replace_events(conn, tuple(group), "all", None, cluster_reports(items))
        # every event changed: readers read everything again, so the log can go
        conn.execute("DELETE FROM event_deletions")
        conn.execute(f"UPDATE meta SET value = {_NEXT_VERSION} WHERE key = 'changes_since'")

    def _replace_events(
        self,
        conn: sqlite3.Connection,
        group: tuple[Any, ...],
        lo: dt.date | str | None,
        hi: dt.date | None,
        clusters: list[_Cluster],
    ) -> None:
        """Delete the group's events anchored in [lo, hi] (lo None: undated; "all": every one),
        insert the clusters' events with corrections applied, and link their reports."""
        gkey = "key_country IS ? AND key_region IS ? AND key_attacker IS ?"
        if lo is None:
            where, params = gkey + " AND key_date IS NULL", tuple(group)
        elif lo == "all":
            where, params = gkey, tuple(group)
        else:
            assert isinstance(lo, dt.date) and hi is not None
            where, params = gkey + " AND key_date BETWEEN ? AND ?", (*group, lo.isoformat(), hi.isoformat())
        conn.execute(f"DELETE FROM events WHERE {where}", params)
        events = [merge_cluster(cl) for cl in clusters]
        _event_ids(events)
        rows: dict[str, dict[str, Any]] = {}
        by_key: dict[tuple[Any, ...], list[str]] = {}
        for ev in events:
            row = _record_to_row(ev)
            key = (ev.country, ev.region, ev.attacker, ev.date.isoformat() if ev.date else None)
            row.update(zip(_KEY_COLUMNS, key, strict=True))
            rows[ev.event_id] = row
            by_key.setdefault(key, []).append(ev.event_id)
        corrections = conn.execute(
            f"SELECT id, event_id, key_country, key_region, key_attacker, key_date, field, value "
            f"FROM corrections WHERE {where} ORDER BY id",
            params,
        ).fetchall()
        for cid, event_id, kc, kr, ka, kd, name, value in corrections:
            target = event_id if event_id in rows else None
            if target is None:
                if conn.execute("SELECT 1 FROM events WHERE event_id = ?", (event_id,)).fetchone():
                    continue  # its event lives on outside this rebuild
                candidates = by_key.get((kc, kr, ka, kd))
                if not candidates:
                    continue  # kept, applied again if its event comes back
                target = candidates[0]
                conn.execute("UPDATE corrections SET event_id = ? WHERE id = ?", (target, cid))
            _apply_correction(rows[target], name, json.loads(value))
        cols = (*EVENT_FIELDS, *_KEY_COLUMNS, "changed_version")
        mark = _next_version(conn)
        for row in rows.values():
            row["changed_version"] = mark
        conn.executemany(
            f"INSERT INTO events ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
            [[row[c] for c in cols] for row in rows.values()],
        )
        conn.executemany(
            "INSERT OR REPLACE INTO report_event (report_id, event_id) VALUES (?, ?)",
            [(it.rid, ev.event_id) for cl, ev in zip(clusters, events, strict=True) for it in cl.members],
        )

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

        Large stores are read column-wise (each column of a 200,000-row chunk comes out of
        SQLite as one ``group_concat`` string, split and typed by pyarrow), all within one read
        transaction; anything unexpected falls back to a plain row-wise SELECT.
        """
        cols = list(EVENT_FIELDS) if columns is None else list(dict.fromkeys(columns))
        unknown = [c for c in cols if c not in EVENT_FIELDS]
        if unknown:
            raise ValueError(f"unknown event columns: {', '.join(unknown)}")
        where = "" if include_rejected else "review_status != 'rejected'"
        if rowid:
            cols.append(_ROWID)
        with self._lock:
            frame = self._retry(lambda: self._read_columnwise("events", cols, where))
        if frame is not None:
            return frame
        select = ", ".join("rowid AS _rowid" if c == _ROWID else c for c in cols)
        return self._frame(
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
        query = [*dict.fromkeys([*cols, "review_status"])]

        def read() -> EventChanges | None:
            conn = self._conn
            conn.execute("BEGIN")
            try:
                key = self._content_key(conn, count=False)
                floor = conn.execute("SELECT value FROM meta WHERE key = 'changes_since'").fetchone()
                if floor is None or not floor[0] <= since <= key["data_version"]:
                    return None
                n = conn.execute(
                    "SELECT (SELECT count(*) FROM events WHERE changed_version > ?) + "
                    "(SELECT count(*) FROM event_deletions WHERE version > ?)",
                    (since, since),
                ).fetchone()[0]
                if limit is not None and n > limit:
                    return None
                # no ORDER BY: SQLite would scan the table in rowid order rather than use the index
                rows = conn.execute(
                    f"SELECT rowid, {', '.join(query)} FROM events WHERE changed_version > ?", (since,)
                ).fetchall()
                rows.sort(key=lambda r: r[0])
                deleted = conn.execute(
                    "SELECT DISTINCT event_id FROM event_deletions WHERE version > ?", (since,)
                ).fetchall()
            finally:
                conn.execute("COMMIT")
            names = [_ROWID, *query]
            if rows:
                frame = pd.DataFrame(
                    {n: _raw_column(n, c) for n, c in zip(names, zip(*rows, strict=True), strict=True)}
                )
            else:
                frame = pd.DataFrame({n: pd.Series([], dtype=object) for n in names})
            drop = frozenset(str(e) for e in frame["event_id"]) | frozenset(str(r[0]) for r in deleted)
            if not include_rejected:
                frame = frame[(frame["review_status"] != "rejected").to_numpy(dtype=bool)]
            frame = frame[[*cols, _ROWID]].reset_index(drop=True)
            frame[_ROWID] = frame[_ROWID].astype("int64")
            return EventChanges(frame, drop, key)

        with self._lock:
            return self._retry(read)

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
        if len(ids) > _BY_ID_LIMIT:  # a scan beats that many index look-ups
            found = self.events_frame(include_rejected=True, columns=cols)
            found = found[found["event_id"].isin(ids)]
        else:
            frames = [
                self._frame(
                    f"SELECT {', '.join(cols)} FROM events WHERE event_id IN ({', '.join('?' * len(part))})",
                    part,
                )
                for part in (ids[i : i + 500] for i in range(0, len(ids), 500))
            ]
            found = (
                pd.concat(frames, ignore_index=True)
                if frames
                else self._frame(f"SELECT {', '.join(cols)} FROM events WHERE 0")
            )
        order = pd.Series(range(len(ids)), index=ids)
        found = found.iloc[np.argsort(order.reindex(found["event_id"].astype(str)).to_numpy(), kind="stable")]
        return found.reset_index(drop=True)

    @staticmethod
    def _content_key(conn: sqlite3.Connection, count: bool = True) -> dict[str, int | None]:
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

    def _read_columnwise(self, table: str, cols: list[str], where: str) -> pd.DataFrame | None:
        if not cols:
            return None
        conn = self._conn
        exprs = ", ".join(_concat_expr(c) for c in cols)
        extra = f" AND {where}" if where else ""
        chunks: list[Future[dict[str, Any] | None]] = []
        # SQLite reads chunk i+1 while a second thread splits and types chunk i (both release the GIL)
        with ThreadPoolExecutor(1) as pool:
            conn.execute("BEGIN")  # one snapshot for every chunk
            try:
                start = -(2**63)
                while True:
                    end = conn.execute(
                        f"SELECT max(rowid) FROM (SELECT rowid FROM {table} WHERE rowid > ? "
                        "ORDER BY rowid LIMIT ?)",
                        (start, _CHUNK),
                    ).fetchone()[0]
                    if end is None:
                        break
                    row = conn.execute(
                        f"SELECT count(*), {exprs} FROM {table} WHERE rowid > ? AND rowid <= ?{extra}",
                        (start, end),
                    ).fetchone()
                    start = end
                    if row[0]:
                        chunks.append(pool.submit(_convert_chunk, cols, row[1:], row[0]))
                    del row
            finally:
                conn.execute("COMMIT")
            parts = [f.result() for f in chunks]
        if not parts or any(p is None for p in parts):
            return None  # empty, or a separator inside a value: read row-wise instead
        return pd.DataFrame({c: _combine_chunks(c, [p[c] for p in parts if p is not None]) for c in cols})

    def reports_frame(self) -> pd.DataFrame:
        """One row per report: ``report_id``, ``article_id``, the report fields, ``event_id``, and
        the article's ``title``, ``outlet``, ``url``."""
        cols = ", ".join(f"r.{c}" for c in REPORT_FIELDS)
        return self._frame(
            f"SELECT r.id AS report_id, r.article_id, r.ordinal, {cols}, l.event_id, "
            "a.title, a.outlet, a.url FROM reports r LEFT JOIN report_event l ON l.report_id = r.id "
            "LEFT JOIN articles a ON a.id = r.article_id ORDER BY r.published, r.article_id, r.ordinal"
        )

    def articles_frame(self) -> pd.DataFrame:
        """One row per article (without its text): metadata, ``chars`` and ``reports`` counts."""
        cols = ", ".join(f"a.{c}" for c in ARTICLE_FIELDS if c != "text")
        return self._frame(
            f"SELECT {cols}, length(a.text) AS chars, "
            "(SELECT COUNT(*) FROM reports r WHERE r.article_id = a.id) AS reports "
            "FROM articles a ORDER BY a.ingested_at, a.id"
        )

    # ---- corrections

    def correct_event(self, event_id: str, field: str, value: Any, note: str = "") -> None:
        """Set one field of an event (status becomes "corrected"); kept and re-applied whenever
        events are rebuilt. Raises ValueError for an unknown event, field or a bad value."""
        jvalue = _correction_value(field, value)
        self._add_correction(event_id, field, jvalue, note)

    def set_review_status(self, event_id: str, status: str) -> None:
        """Mark an event "verified", "rejected" (hidden from events() unless asked) or "auto"."""
        if status not in ("auto", "verified", "rejected", "corrected"):
            raise ValueError(f"review status must be one of {', '.join(REVIEW_STATUSES)}, not {status!r}")
        self._add_correction(event_id, "review_status", status, "")

    def _add_correction(self, event_id: str, name: str, jvalue: Any, note: str) -> None:
        cols = (*EVENT_FIELDS, *_KEY_COLUMNS)

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
                    *(row[k] for k in _KEY_COLUMNS),
                    name,
                    json.dumps(jvalue, ensure_ascii=False),
                    note,
                    _now(),
                ),
            )
            before = dict(row)
            _apply_correction(row, name, jvalue)
            changed = [c for c in EVENT_FIELDS if row[c] != before[c]]
            if changed:
                conn.execute(
                    f"UPDATE events SET {', '.join(f'{c} = ?' for c in changed)}, changed_version = ? "
                    "WHERE event_id = ?",
                    [row[c] for c in changed] + [_next_version(conn), event_id],
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
            self._rebuild_dates(conn, tuple(found[:3]), {kd})
            return None, True

        self._write(txn)

    def corrections_frame(self) -> pd.DataFrame:
        """Every correction in order: ``id``, ``event_id``, the event key, ``field``, ``value``
        (JSON text), ``note``, ``created_at``, and ``applied`` (its event currently exists)."""
        frame = self._frame(
            "SELECT c.id, c.event_id, c.key_country, c.key_region, c.key_attacker, c.key_date, c.field, "
            "c.value, c.note, c.created_at, (e.event_id IS NOT NULL) AS applied "
            "FROM corrections c LEFT JOIN events e ON e.event_id = c.event_id ORDER BY c.id"
        )
        if len(frame):
            frame["applied"] = frame["applied"].astype(bool)
        return frame

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
                key = self._content_key(conn, count)
            finally:
                conn.execute("COMMIT")
            return key

        with self._lock:
            return self._retry(read)

    def check(self) -> list[str]:
        """Integrity problems found (empty: fine)."""
        problems: list[str] = []
        try:
            rows = self._query("PRAGMA integrity_check")
            problems += [f"integrity: {r[0]}" for r in rows if r[0] != "ok"]
            for table, rowid, parent, _fk in self._query("PRAGMA foreign_key_check"):
                problems.append(f"foreign key: {table} row {rowid} points to a missing {parent} row")
            checks = {
                "report without article": "SELECT r.id FROM reports r LEFT JOIN articles a ON a.id = r.article_id "
                "WHERE a.id IS NULL",
                "event without reports": "SELECT e.event_id FROM events e WHERE NOT EXISTS "
                "(SELECT 1 FROM report_event l WHERE l.event_id = e.event_id)",
                "report without event": "SELECT r.id FROM reports r LEFT JOIN report_event l ON l.report_id = r.id "
                "WHERE l.report_id IS NULL",
            }
            for label, sql in checks.items():
                found = self._query(sql)
                if found:
                    sample = ", ".join(str(r[0]) for r in found[:3])
                    problems.append(f"{len(found)} {label}{'s' if len(found) > 1 else ''} (e.g. {sample})")
        except sqlite3.DatabaseError as exc:
            problems.append(f"database error: {exc}")
        return problems

    # ---- bulk loading (benchmarks and tests)

    def bulk_insert_events(self, frame: pd.DataFrame) -> int:
        """Insert events straight from a frame shaped like :meth:`events_frame`, without articles
        or reports: for benchmarks and tests only (``check()`` reports such events as having no
        reports). Missing columns get defaults. Returns the number of rows inserted."""
        n = len(frame)
        defaults: dict[str, Any] = {
            "attacker": "unknown",
            "location": "",
            "weapons": "",
            "systems": "",
            "sources": "",
            "source_types": "",
            "article": "",
            "date_precision": "day",
            "region_name": "",
            "geo_precision": 3,
            "target_type": "unknown",
            "evidence": "",
            "confidence": 0.5,
            "sub_event_type": "Shelling/artillery/missile attack",
            "article_id": "",
            "number_of_reports": 1,
            "number_of_outlets": 1,
            "review_status": "auto",
            "claims": "[]",
        }
        if "event_id" not in frame:
            raise ValueError("bulk_insert_events needs an event_id column")
        data: dict[str, list[Any]] = {}
        for c in EVENT_FIELDS:
            if c in frame:
                col = frame[c]
                if c in _DATE_COLUMNS:
                    col = pd.to_datetime(col).dt.strftime("%Y-%m-%d")
                elif c in LIST_FIELDS and len(col) and not isinstance(col.iloc[0], str):
                    col = col.map(_join)
                values = col.astype(object).where(col.notna(), None).tolist()
                if c in _INT_COLUMNS or c in ("geo_precision", "number_of_reports", "number_of_outlets"):
                    values = [None if v is None else int(v) for v in values]
                data[c] = values
            else:
                data[c] = [defaults.get(c)] * n
        for kc, c in zip(_KEY_COLUMNS, ("country", "region", "attacker", "date"), strict=True):
            data[kc] = data[c]

        def txn(conn: sqlite3.Connection) -> tuple[int, bool]:
            data["changed_version"] = [_next_version(conn)] * n
            cols = list(data)
            conn.executemany(
                f"INSERT INTO events ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                zip(*(data[c] for c in cols), strict=True),
            )
            return n, True

        return self._write(txn)


# --------------------------------------------------------------------------- helpers


def _column(name: str, values: tuple[Any, ...]) -> Any:
    if name in _INT_COLUMNS:
        return pd.array(values, dtype="Int64")
    if name in _FLOAT_COLUMNS:
        return pd.Series(values, dtype="float64")
    return values


def _raw_column(name: str, values: tuple[Any, ...]) -> Any:
    """:func:`_column`, text kept as Python objects (None stays None)."""
    if name in _INT_COLUMNS or name in _FLOAT_COLUMNS:
        return _column(name, values)
    return pd.Series(values, dtype=object)


def _set_dtypes(frame: pd.DataFrame) -> pd.DataFrame:
    """The column types every frame of the store uses (the column-wise reader gives the same)."""
    for c in frame.columns:
        if c in _DATE_COLUMNS:
            frame[c] = pd.to_datetime(frame[c], format="%Y-%m-%d", errors="coerce").astype("datetime64[us]")
        elif c in CATEGORY_COLUMNS:
            frame[c] = frame[c].astype("str").astype("category")
        elif c in _INT_COLUMNS:
            frame[c] = frame[c].astype("Int64")
        elif c in _FLOAT_COLUMNS:
            frame[c] = frame[c].astype("float64")
        elif c in _PLAIN_INT_COLUMNS:
            frame[c] = frame[c].astype("int64")
        elif frame[c].dtype == object:
            frame[c] = frame[c].astype("str")
    return frame


def _concat_expr(col: str) -> str:
    """A column as one string per chunk: values joined by US, NULL as RS, floats exact.

    The two control characters are SQL literals (not ``char()`` calls): half the time per value.
    """
    if col == _ROWID:
        return f"group_concat(rowid, '{_SEP}')"
    if col in _FLOAT_COLUMNS:  # printf gives "0" for NULL; "!" and 18 digits: exact (16 without)
        return (
            f"group_concat(CASE WHEN {col} IS NULL THEN '{_NUL}' ELSE printf('%!.18g', {col}) END, '{_SEP}')"
        )
    return f"group_concat(ifnull({col}, '{_NUL}'), '{_SEP}')"


def _convert_chunk(cols: list[str], texts: Sequence[str], n: int) -> dict[str, Any] | None:
    """One chunk's concatenated columns as typed arrays (None: a value held the separator).

    Typing each chunk at once keeps only compact arrays, not every chunk's text, in memory.
    """
    out: dict[str, Any] = {}
    for c, text in zip(cols, texts, strict=True):
        values = pc.split_pattern(pa.array([text], pa.large_string()), _SEP)[0].values
        if len(values) != n:
            return None
        out[c] = _type_chunk(c, values)
    return out


def _type_chunk(col: str, values: pa.Array) -> Any:
    if col in CATEGORY_COLUMNS:  # nulls found in the (small) dictionary, not per value
        encoded = values.dictionary_encode()
        names = encoded.dictionary.to_pylist()
        codes = encoded.indices.to_numpy(zero_copy_only=False).astype("int32")
        if _NUL in names:
            null = names.index(_NUL)
            codes = np.where(codes == null, -1, codes)
        return codes, names
    values = pc.if_else(pc.equal(values, _NUL), pa.scalar(None, values.type), values)
    if col in _DATE_COLUMNS:
        return pc.strptime(values, format="%Y-%m-%d", unit="us")
    if col in _INT_COLUMNS or col in _PLAIN_INT_COLUMNS:
        return pc.cast(values, pa.int64())
    if col in _FLOAT_COLUMNS:
        return pc.cast(values, pa.float64())
    return values


def _combine_chunks(col: str, parts: list[Any]) -> Any:
    """The typed chunks of one column as one pandas-ready array (the store's frame dtypes)."""
    if col in CATEGORY_COLUMNS:
        names = sorted({name for _, chunk_names in parts for name in chunk_names if name != _NUL})
        position = {name: i for i, name in enumerate(names)}
        coded = []
        for codes, chunk_names in parts:
            lookup = np.array([position.get(name, -1) for name in chunk_names] + [-1], dtype="int32")
            coded.append(lookup[codes])  # -1 (null) picks the trailing -1
        return pd.Categorical.from_codes(np.concatenate(coded), pd.Index(names, dtype="str"))
    values = pa.concat_arrays(parts)
    if col in _DATE_COLUMNS or col in _FLOAT_COLUMNS or col in _PLAIN_INT_COLUMNS:
        return values.to_numpy(zero_copy_only=False)
    if col in _INT_COLUMNS:
        return pd.arrays.IntegerArray(
            pc.fill_null(values, 0).to_numpy(zero_copy_only=False),
            values.is_null().to_numpy(zero_copy_only=False),
        )
    return pd.array(values, dtype="str")


def _correction_value(name: str, value: Any) -> Any:
    """The correction's value in JSON form, parsed and checked by the models' rules."""
    if name not in CORRECTABLE_FIELDS:
        raise ValueError(
            f"cannot correct {name!r}; correctable fields: {', '.join(sorted(CORRECTABLE_FIELDS))}"
        )
    try:
        parsed = event_from_json({name: value})
        jvalue = record_to_json(parsed)[name]
    except (TypeError, ValueError) as exc:
        raise ValueError(f"bad value for {name}: {value!r} ({exc})") from None
    allowed: dict[str, Sequence[str]] = {
        "attacker": ATTACKERS,
        "date_precision": DATE_PRECISIONS,
        "target_type": TARGET_TYPES,
        "sub_event_type": SUB_EVENT_TYPES,
    }
    if name in allowed and jvalue not in allowed[name]:
        raise ValueError(f"{name} must be one of {', '.join(allowed[name])}, not {jvalue!r}")
    if name == "weapons" and set(jvalue) - set(WEAPON_CATEGORIES):
        raise ValueError(f"weapons must be among {', '.join(WEAPON_CATEGORIES)}")
    if name == "source_types" and set(jvalue) - set(SOURCE_TYPES):
        raise ValueError(f"source_types must be among {', '.join(SOURCE_TYPES)}")
    if isinstance(jvalue, int) and not isinstance(jvalue, bool) and jvalue < 0:
        raise ValueError(f"{name} cannot be negative")
    return jvalue


def _apply_correction(row: dict[str, Any], name: str, jvalue: Any) -> None:
    if name == "review_status":
        row["review_status"] = jvalue
        return
    row[name] = _json_to_column(name, jvalue)
    if name in _ALIASES:
        row[_ALIASES[name]] = row[name]
    row["review_status"] = "corrected"


def run_check(args: Any) -> int:
    """``python -m analytics check [--db FILE]``: print problems and counts; exit 1 on problems."""
    path = Path(args.db).expanduser() if getattr(args, "db", None) else default_db_path()
    if not path.exists():
        print(f"no store at {path}", file=sys.stderr)
        return 2
    try:
        store = Store(path)
    except StoreError as exc:
        print(f"problem: {exc}")
        return 1
    with store:
        problems = store.check()
        try:
            counts = store.counts()
        except sqlite3.DatabaseError as exc:
            problems.append(f"database error: {exc}")
            counts = {}
    print(f"store: {path}")
    for name, n in counts.items():
        print(f"{name}: {n}")
    for p in problems:
        print(f"problem: {p}")
    print("ok" if not problems else f"{len(problems)} problem{'s' if len(problems) > 1 else ''}")
    return 1 if problems else 0


__all__ = [
    "AddResult",
    "CORRECTABLE_FIELDS",
    "EventChanges",
    "MIGRATIONS",
    "Store",
    "StoreError",
    "cluster_reports",
    "default_db_path",
    "merge_cluster",
    "run_check",
]
