"""Writing reports and rebuilding the events they touch, inside a write transaction: the SQL
around :mod:`analytics.store.merge` (which reports to read, which events to replace, re-applying
the user's corrections to the new events)."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import json
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

from analytics.models import (
    Article,
    Event,
    StrikeReport,
    article_from_json,
    article_to_json,
    report_from_json,
)
from analytics.store.corrections import apply_correction
from analytics.store.incremental import Index, fast_window
from analytics.store.merge import Cluster, Item, assign_event_ids, cluster_reports, merge_cluster
from analytics.store.schema import (
    ARTICLE_FIELDS,
    EVENT_FIELDS,
    KEY_COLUMNS,
    NEXT_VERSION,
    REPORT_FIELDS,
    article_value,
    next_version,
    now,
    record_to_row,
    report_id,
)

_ITEM_COLUMNS = ("id", "article_id", "ordinal", *REPORT_FIELDS)


@lru_cache(maxsize=50_000)
def _item(row: tuple[Any, ...]) -> Item:
    """The merge item of one stored row (report columns, then the article's outlet and date).

    Cached by the row itself: the same row always gives the same item, and merging never
    changes an item, so a strike reported a thousand times parses each report once, not once
    per later article (which made ingest quadratic)."""
    data = dict(zip(_ITEM_COLUMNS, row, strict=False))
    report = report_from_json(data)
    outlet, apub = row[len(_ITEM_COLUMNS)], row[len(_ITEM_COLUMNS) + 1]
    published = dt.date.fromisoformat(apub) if apub else report.published
    return Item(data["id"], data["ordinal"], report, outlet or "", published, key=row)


_MERGED: OrderedDict[tuple[Any, ...], tuple[Event, dict[str, Any]]] = OrderedDict()
#: The cache holds events of at most this many reports in all: an event's size grows with its
#: reports, so counting entries would let one strike reported a thousand times (a new cluster,
#: and a new entry, at every report) hold a quadratic amount of memory.
_MERGED_LIMIT = 20_000
_merged_weight = 0
_MERGED_LOCK = threading.Lock()  # stores in several threads share the cache


def _merged(cluster: Cluster) -> tuple[Event, dict[str, Any]]:
    """The cluster's event and its row, cached by what the cluster is made of (its anchor and
    its members' stored rows): a write re-merges the events of its window, and most of them
    are the same as before. Callers copy the event before giving it an id and the row before
    corrections touch it."""
    key = (cluster.anchor, tuple(it.key for it in cluster.members))
    with _MERGED_LOCK:
        found = _MERGED.get(key)
        if found is not None:
            _MERGED.move_to_end(key)
            return found
    global _merged_weight
    event = merge_cluster(cluster)
    found = (event, record_to_row(event))
    with _MERGED_LOCK:
        if key not in _MERGED:
            _MERGED[key] = found
            _merged_weight += len(key[1])
        while _merged_weight > _MERGED_LIMIT and len(_MERGED) > 1:
            old, _ = _MERGED.popitem(last=False)
            _merged_weight -= len(old[1])
    return found


def _items(conn: sqlite3.Connection, where: str, params: Sequence[Any], cache: bool = True) -> list[Item]:
    sql = (
        f"SELECT {', '.join('r.' + c for c in _ITEM_COLUMNS)}, a.outlet, a.published FROM reports r "
        f"JOIN articles a ON a.id = r.article_id WHERE {where}"
    )
    parse = _item if cache else _item.__wrapped__
    return [parse(row) for row in conn.execute(sql, params)]


_GROUP_SQL = "r.country IS ? AND r.region IS ? AND r.attacker IS ?"


def group_items(conn: sqlite3.Connection, group: tuple[Any, ...], lo: dt.date, hi: dt.date) -> list[Item]:
    """The merge items of the group's reports dated lo..hi, for the index (which keeps what it
    needs of them: they stay out of the parsed-row cache)."""
    return _items(
        conn,
        _GROUP_SQL + " AND r.date BETWEEN ? AND ?",
        (*group, lo.isoformat(), hi.isoformat()),
        cache=False,
    )


def rebuild_dates(
    conn: sqlite3.Connection,
    group: tuple[Any, Any, str],
    dates: set[dt.date | None],
    index: Index | None = None,
) -> None:
    """Rebuild the group's events that reports on ``dates`` can affect: those anchored within
    two days of them (a new day-precise report changes where imprecise ones a day away go).
    With ``index`` (a write of new reports only, see :mod:`analytics.store.incremental`), each
    window is rebuilt from it where it can be."""
    gsql = _GROUP_SQL
    if None in dates:
        items = _items(conn, gsql + " AND r.date IS NULL", group)
        _replace_events(conn, group, None, None, cluster_reports(items))
    days = sorted(d for d in dates if d is not None)
    two = dt.timedelta(days=2)
    windows: list[list[dt.date]] = []
    for d in days:
        if windows and d - windows[-1][1] <= 2 * two:
            windows[-1][1] = d
        else:
            windows.append([d, d])
    for lo, hi in windows:
        if index is not None:
            if fast_window(conn, index, group, lo, hi, group_items):
                continue
            index.clear()  # what the full rebuild writes, the index does not know
        alo, ahi = lo - two, hi + two  # anchors to rebuild
        items = _items(
            conn,
            gsql + " AND r.date BETWEEN ? AND ?",
            (*group, (alo - two).isoformat(), (ahi + two).isoformat()),
        )
        clusters = [cl for cl in cluster_reports(items) if cl.anchor and alo <= cl.anchor <= ahi]
        _replace_events(conn, group, alo, ahi, clusters)


def rebuild_all(conn: sqlite3.Connection) -> None:
    conn.execute("DELETE FROM report_event")
    conn.execute("DELETE FROM events")
    groups = conn.execute("SELECT DISTINCT country, region, attacker FROM reports").fetchall()
    for group in sorted(groups, key=repr):
        items = _items(conn, "r.country IS ? AND r.region IS ? AND r.attacker IS ?", group)
        _replace_events(conn, tuple(group), "all", None, cluster_reports(items))
    # every event changed: readers read everything again, so the log can go
    conn.execute("DELETE FROM event_deletions")
    conn.execute(f"UPDATE meta SET value = {NEXT_VERSION} WHERE key = 'changes_since'")


def _replace_events(
    conn: sqlite3.Connection,
    group: tuple[Any, ...],
    lo: dt.date | str | None,
    hi: dt.date | None,
    clusters: list[Cluster],
) -> None:
    """Make the group's events anchored in [lo, hi] (lo None: undated; "all": every one) the
    clusters' events, corrections applied, their reports linked. Only what changed is written:
    an event whose row comes out the same (same reports, same figures) is left alone, so adding
    a report rewrites the one event it joins, not every event of the window."""
    gkey = "key_country IS ? AND key_region IS ? AND key_attacker IS ?"
    if lo is None:
        where, params = gkey + " AND key_date IS NULL", tuple(group)
    elif lo == "all":
        where, params = gkey, tuple(group)
    else:
        assert isinstance(lo, dt.date) and hi is not None
        where, params = gkey + " AND key_date BETWEEN ? AND ?", (*group, lo.isoformat(), hi.isoformat())
    cols = (*EVENT_FIELDS, *KEY_COLUMNS)
    existing = {
        row[0]: row for row in conn.execute(f"SELECT {', '.join(cols)} FROM events WHERE {where}", params)
    }
    merged = [_merged(cl) for cl in clusters]
    events = [copy.copy(ev) for ev, _ in merged]  # ids are set on copies: the cache is shared
    assign_event_ids(events)
    rows: dict[str, dict[str, Any]] = {}
    by_key: dict[tuple[Any, ...], list[str]] = {}
    for ev, (_, base) in zip(events, merged, strict=True):
        row = {**base, "event_id": ev.event_id}
        key = (ev.country, ev.region, ev.attacker, ev.date.isoformat() if ev.date else None)
        row.update(zip(KEY_COLUMNS, key, strict=True))
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
            if (
                event_id not in existing
                and conn.execute("SELECT 1 FROM events WHERE event_id = ?", (event_id,)).fetchone()
            ):
                continue  # its event lives on outside this rebuild
            candidates = by_key.get((kc, kr, ka, kd))
            if not candidates:
                continue  # kept, applied again if its event comes back
            target = candidates[0]
            conn.execute("UPDATE corrections SET event_id = ? WHERE id = ?", (target, cid))
        apply_correction(rows[target], name, json.loads(value))
    changed = {eid for eid, row in rows.items() if existing.get(eid) != tuple(row[c] for c in cols)}
    # An event that is still there is updated in place and keeps its links; only links that are
    # new or point elsewhere are written (a strike reported a thousand times gains one link per
    # article, not a thousand), and links of reports that left it are dropped.
    conn.executemany("DELETE FROM events WHERE event_id = ?", [(eid,) for eid in existing if eid not in rows])
    mark = next_version(conn)
    kept = [eid for eid in rows if eid in existing]
    conn.executemany(
        f"UPDATE events SET {', '.join(f'{c} = ?' for c in cols)}, changed_version = ? WHERE event_id = ?",
        [[*(rows[eid][c] for c in cols), mark, eid] for eid in kept if eid in changed],
    )
    conn.executemany(
        f"INSERT INTO events ({', '.join(cols)}, changed_version) VALUES ({', '.join('?' * (len(cols) + 1))})",
        [[*(rows[eid][c] for c in cols), mark] for eid in rows if eid in changed and eid not in existing],
    )
    # The links of every event of the window are checked, not only of the events whose row
    # changed: an event row can come out the same while its reports' links are gone. Replacing
    # an article deletes its reports (their links go with them, by cascade) and inserts them
    # again under the same ids; when the new reports equal the old ones (the same date set
    # again), every event row is unchanged, and checking only changed events left those
    # reports unlinked and their events without reports.
    links = _links(conn, kept)
    members = {ev.event_id: {it.rid for it in cl.members} for cl, ev in zip(clusters, events, strict=True)}
    conn.executemany(
        "DELETE FROM report_event WHERE report_id = ? AND event_id = ?",
        [(rid, eid) for rid, eid in links.items() if rid not in members.get(eid, ())],
    )
    conn.executemany(
        "INSERT OR REPLACE INTO report_event (report_id, event_id) VALUES (?, ?)",
        [(rid, eid) for eid, rids in members.items() for rid in sorted(rids) if links.get(rid) != eid],
    )


def _links(conn: sqlite3.Connection, event_ids: Sequence[str]) -> dict[int, str]:
    """The report links of these events, report id -> event id."""
    out: dict[int, str] = {}
    for i in range(0, len(event_ids), 500):
        chunk = event_ids[i : i + 500]
        out.update(
            conn.execute(
                f"SELECT report_id, event_id FROM report_event WHERE event_id IN ({', '.join('?' * len(chunk))})",
                chunk,
            ).fetchall()
        )
    return out


Group = tuple[Any, Any, str]


def insert_reports(conn: sqlite3.Connection, article: Article, reports: list[StrikeReport]) -> list[int]:
    """Insert an article's reports (ids from the article and position; the article's publication
    date and name filled in where the report has none); their ids."""
    cols = ("id", "article_id", "ordinal", *REPORT_FIELDS)
    rows = []
    ids = []
    for ordinal, report in enumerate(reports):
        r = dataclasses.replace(report, article_id=article.id)
        if r.published is None:
            r.published = article.published
        if not r.article:
            r.article = article.source_file or article.title
        data = record_to_row(r)
        rid = report_id(article.id, ordinal)
        ids.append(rid)
        rows.append([rid, article.id, ordinal, *(data[c] for c in REPORT_FIELDS)])
    conn.executemany(f"INSERT INTO reports ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})", rows)
    return ids


@dataclasses.dataclass
class AddResult:
    """What :meth:`Store.add_article` did: ``status`` "new" or "duplicate" ("replaced" from
    :meth:`Store.replace_article_reports`), the article's report count, and how many events its
    reports are now part of."""

    status: str
    reports: int = 0
    events: int = 0


@dataclasses.dataclass
class Replaced:
    """What :meth:`analytics.store.Store.replace_reports` did: the number of events afterwards,
    and the ids of the articles left as they were because they changed since they were read."""

    events: int
    skipped: list[str]


def replace_all_reports(
    conn: sqlite3.Connection,
    reports_by_article: dict[str, list[StrikeReport]],
    read_as: Mapping[str, Article] | None = None,
) -> list[str]:
    """Replace the given articles' reports and rebuild every event (see
    :meth:`analytics.store.Store.replace_reports`); the ids of the articles skipped because they
    are stored differently from ``read_as`` (or are gone). Compared here, inside the write
    transaction, so no change can come between the comparison and the write."""
    skipped: list[str] = []
    for aid in sorted(reports_by_article):
        row = conn.execute(
            f"SELECT {', '.join(ARTICLE_FIELDS)} FROM articles WHERE id = ?", (aid,)
        ).fetchone()
        article = None if row is None else article_from_json(dict(zip(ARTICLE_FIELDS, row, strict=True)))
        if read_as is not None and (article is None or article != read_as.get(aid)):
            skipped.append(aid)
            continue
        if article is None:
            raise ValueError(f"no article {aid}")
        conn.execute("DELETE FROM reports WHERE article_id = ?", (aid,))
        insert_reports(conn, article, reports_by_article[aid])
    rebuild_all(conn)
    return skipped


def add_batch(
    conn: sqlite3.Connection, batch: Sequence[tuple[Article, list[StrikeReport]]], index: Index
) -> list[AddResult]:
    """:meth:`analytics.store.Store.add_articles` inside its write transaction; ``index`` is begun
    here and left unknown (the caller marks it committed once the transaction is)."""
    index.begin(conn)
    results: list[AddResult] = []
    added: list[tuple[int, list[int]]] = []  # (position in results, report ids)
    groups: dict[Group, set[dt.date | None]] = {}
    taken: set[str] = set()
    for article, reports in batch:
        if (
            article.id in taken
            or conn.execute("SELECT 1 FROM articles WHERE id = ?", (article.id,)).fetchone()
        ):
            results.append(AddResult("duplicate"))
            continue
        taken.add(article.id)
        row = article_to_json(article)
        row["ingested_at"] = now()
        conn.execute(
            f"INSERT INTO articles ({', '.join(ARTICLE_FIELDS)}) VALUES ({', '.join('?' * len(ARTICLE_FIELDS))})",
            [article_value(k, row.get(k)) for k in ARTICLE_FIELDS],
        )
        added.append((len(results), insert_reports(conn, article, reports)))
        results.append(AddResult("new", len(reports)))
        for r in reports:
            groups.setdefault((r.country, r.region, r.attacker), set()).add(r.date)
    new_ids = [rid for _, ids in added for rid in ids]
    by_group: dict[Group, list[Item]] = {}
    for i in range(0, len(new_ids), 500):  # the new reports as stored, for the index
        chunk = new_ids[i : i + 500]
        for it in _items(conn, f"r.id IN ({', '.join('?' * len(chunk))})", chunk, cache=False):
            by_group.setdefault((it.report.country, it.report.region, it.report.attacker), []).append(it)
    for group, items in by_group.items():
        index.add_new(group, items)
    for group, dates in sorted(groups.items(), key=lambda kv: repr(kv[0])):
        rebuild_dates(conn, group, dates, index)
    for at, ids in added:
        if ids:
            marks = ", ".join("?" * len(ids))
            results[at].events = int(
                conn.execute(
                    f"SELECT COUNT(DISTINCT event_id) FROM report_event WHERE report_id IN ({marks})", ids
                ).fetchone()[0]
            )
    return results


def _add_dates(groups: dict[Group, set[dt.date | None]], rows: Sequence[Sequence[Any]]) -> None:
    """Collect (country, region, attacker, ISO date) rows by group."""
    for country, region, attacker, day in rows:
        groups.setdefault((country, region, attacker), set()).add(dt.date.fromisoformat(day) if day else None)


def replace_article(conn: sqlite3.Connection, article: Article, reports: list[StrikeReport]) -> int:
    """Replace a stored article's metadata and reports and rebuild what they touch; corrections
    of the events its reports were in are re-pointed at the events those reports are in now.
    Returns how many events its reports are part of."""
    aid = article.id
    groups: dict[Group, set[dt.date | None]] = {}
    _add_dates(
        groups,
        conn.execute(
            "SELECT country, region, attacker, date FROM reports WHERE article_id = ?", (aid,)
        ).fetchall(),
    )
    riding = conn.execute(
        "SELECT c.id, min(l.report_id) FROM corrections c JOIN report_event l ON l.event_id = c.event_id "
        "JOIN reports r ON r.id = l.report_id WHERE r.article_id = ? GROUP BY c.id ORDER BY c.id",
        (aid,),
    ).fetchall()
    _add_dates(
        groups,
        conn.execute(
            "SELECT key_country, key_region, key_attacker, key_date FROM corrections WHERE id IN "
            f"({', '.join('?' * len(riding))})",
            [cid for cid, _ in riding],
        ).fetchall(),
    )
    for name in ("published", "published_how", "title", "outlet", "url", "author"):
        conn.execute(
            f"UPDATE articles SET {name} = ? WHERE id = ?", (article_value(name, getattr(article, name)), aid)
        )
    conn.execute("DELETE FROM reports WHERE article_id = ?", (aid,))
    ids = insert_reports(conn, article, reports)
    for r in reports:
        groups.setdefault((r.country, r.region, r.attacker), set()).add(r.date)
    # rebuild once so every new report has its event, then re-point and rebuild what moved
    for group, dates in sorted(groups.items(), key=lambda kv: repr(kv[0])):
        rebuild_dates(conn, group, dates)
    moved: dict[Group, set[dt.date | None]] = {}
    for cid, rid in riding:
        new = conn.execute(
            "SELECT e.event_id, e.key_country, e.key_region, e.key_attacker, e.key_date FROM report_event l "
            "JOIN events e ON e.event_id = l.event_id WHERE l.report_id = ?",
            (rid,),
        ).fetchone()
        if new is None:
            continue  # the report is gone: the correction is kept, applied if its event comes back
        conn.execute(
            "UPDATE corrections SET event_id = ?, key_country = ?, key_region = ?, key_attacker = ?, "
            "key_date = ? WHERE id = ?",
            (*new, cid),
        )
        _add_dates(moved, [new[1:]])
    if moved:  # again, so the moved corrections apply (and none stays applied by its old key)
        for group, dates in groups.items():
            moved.setdefault(group, set()).update(dates)
    for group, dates in sorted(moved.items(), key=lambda kv: repr(kv[0])):
        rebuild_dates(conn, group, dates)
    if not ids:
        return 0
    marks = ", ".join("?" * len(ids))
    return int(
        conn.execute(
            f"SELECT COUNT(DISTINCT event_id) FROM report_event WHERE report_id IN ({marks})", ids
        ).fetchone()[0]
    )
