"""Bulk writes that cost what they add, not what their events hold.

A write of new articles rebuilds the events its reports can affect (:func:`rebuild.rebuild_dates`):
it reads every report dated within days of them, clusters them and merges each cluster. A strike
reported by thousands of rows made every batch of a bulk file re-read, re-cluster and re-merge all
of its earlier reports: 20,000 rows repeating 270 strikes took 80 s, the rows/s falling as the
events grew.

:class:`Index` keeps, for one :class:`~analytics.store.Store`, the reports of the dates its writes
touched, gathered by *class*: the reports of one group and date with the same precision, place,
weapons and specificity. Clustering treats the reports of a class alike: they stand together in
the canonical order, and once the first of them joins a cluster the others join it too and change
nothing it accepts (see :mod:`analytics.store.merge`), so clustering one report per class, the
first in canonical order, gives the same clusters. Each class holds the :class:`~analytics.store.merge.Fold`
of its reports, so a new report is added to its class's fold, and an event is its classes' folds
combined: the same event :func:`~analytics.store.merge.merge_cluster` makes of all its reports.
Only events whose classes changed are written, and only the new reports' links.

The index describes the store as its own last write left it: each write first compares the
store's ``data_version`` with the one the index last committed, and any other write (another
process, a correction, a replaced article) makes it start again from the stored reports. A window
the index cannot do exactly (a correction in it, a class whose reports differ in specificity)
falls back to the full rebuild, and the index forgets everything.
"""

from __future__ import annotations

import datetime as dt
import itertools
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from analytics.store.merge import Fold, Item, assign_event_ids, cluster_reports
from analytics.store.schema import EVENT_FIELDS, KEY_COLUMNS, next_version, record_to_row

Group = tuple[Any, Any, str]
#: Reads the merge items of a group's reports dated first..last (``rebuild.group_items``).
Reader = Callable[[sqlite3.Connection, Group, dt.date, dt.date], list[Item]]
#: A class of reports: canonical date, precision rank, place, weapons, and whether the place is
#: specific (a town, not the region).
ClassKey = tuple[str, int, str, str, bool]
#: The index forgets everything once it holds this many reports (it starts again from the store
#: at the next write), so a long run's memory stays bounded.
MAX_REPORTS = 400_000

_versions = itertools.count(1)  # class versions unique for the process: a reloaded class never
# repeats a version an event was written with


@dataclass
class _Class:
    rep: Item  #: the first report in canonical order
    fold: Fold
    rids: list[int] = field(default_factory=list)
    #: reports added since the class's links were written
    unlinked: list[int] = field(default_factory=list)
    #: the event its reports are linked to (None: as the store says, not known here)
    event_id: str | None = None
    version: int = 0

    def add(self, it: Item, linked: bool) -> None:
        if it.canon < self.rep.canon:
            self.rep = it
        self.fold.add(it)
        self.rids.append(it.rid)
        if not linked:
            self.unlinked.append(it.rid)
        self.version = next(_versions)


def class_key(it: Item) -> ClassKey:
    c = it.canon
    return (c[0], c[1], c[2], c[3], it.specific)


@dataclass
class Index:
    """One store's reports by group, date and class, as its last write left them."""

    #: the ``data_version`` the index describes (None: not known, start again)
    version: int | None = None
    dates: dict[Group, dict[dt.date, dict[ClassKey, _Class]]] = field(default_factory=dict)
    #: event id -> (its classes and their versions, its report count) as last written
    written: dict[str, tuple[Any, int]] = field(default_factory=dict)
    reports: int = 0

    def clear(self) -> None:
        self.version = None
        self.dates.clear()
        self.written.clear()
        self.reports = 0

    def begin(self, conn: sqlite3.Connection) -> None:
        """At the start of a write: forget everything unless the store is as the index's last
        write left it; until :meth:`committed`, the index counts as not known."""
        now = int(conn.execute("SELECT value FROM meta WHERE key = 'data_version'").fetchone()[0])
        if self.version != now or self.reports > MAX_REPORTS:
            self.clear()
        self.version = None

    def committed(self, version: int) -> None:
        self.version = version

    def add_new(self, group: Group, items: Sequence[Item]) -> None:
        """Reports just inserted: into their classes where their date is held (a date not held
        is read from the store, these included, when a window needs it)."""
        held = self.dates.get(group)
        if held is None:
            return
        for it in items:
            classes = held.get(it.report.date)  # type: ignore[arg-type]
            if classes is not None:
                self._put(classes, it, linked=False)

    def _put(self, classes: dict[ClassKey, _Class], it: Item, linked: bool) -> None:
        key = class_key(it)
        cls = classes.get(key)
        if cls is None:
            cls = classes[key] = _Class(it, Fold(fragments=True))
        cls.add(it, linked)
        self.reports += 1

    def load(
        self, conn: sqlite3.Connection, group: Group, lo: dt.date, hi: dt.date, read: Reader
    ) -> dict[dt.date, dict[ClassKey, _Class]]:
        """The group's classes of the dates lo..hi, reading the dates not held from the store
        with ``read(conn, group, first, last)``."""
        held = self.dates.setdefault(group, {})
        days = [lo + dt.timedelta(days=i) for i in range((hi - lo).days + 1)]
        missing = [d for d in days if d not in held]
        for _, run in itertools.groupby(enumerate(missing), key=lambda p: p[1].toordinal() - p[0]):
            span = [d for _, d in run]
            for d in span:
                held[d] = {}
            for it in read(conn, group, span[0], span[-1]):
                assert it.report.date is not None
                self._put(held[it.report.date], it, linked=True)
        return held


def fast_window(
    conn: sqlite3.Connection, index: Index, group: Group, lo: dt.date, hi: dt.date, read: Reader
) -> bool:
    """Rebuild the group's events anchored within two days of lo..hi (what
    :func:`analytics.store.rebuild.rebuild_dates` does for one window) from the index; False, with
    nothing written, when the index cannot do it exactly (the caller rebuilds it in full)."""
    two = dt.timedelta(days=2)
    alo, ahi = lo - two, hi + two
    gkey = "key_country IS ? AND key_region IS ? AND key_attacker IS ?"
    where, params = gkey + " AND key_date BETWEEN ? AND ?", (*group, alo.isoformat(), ahi.isoformat())
    if conn.execute(f"SELECT 1 FROM corrections WHERE {where} LIMIT 1", params).fetchone():
        return False  # corrections are re-applied by the full rebuild
    held = index.load(conn, group, alo - two, ahi + two, read)
    classes: dict[int, _Class] = {}
    prefixes: dict[tuple[Any, ...], bool] = {}
    for d in (alo - two + dt.timedelta(days=i) for i in range((ahi - alo).days + 5)):
        for key, cls in held[d].items():
            if prefixes.setdefault(key[:4], key[4]) != key[4]:
                return False  # reports alike but for their region's name: cluster them one by one
            classes[cls.rep.rid] = cls
    clusters = [
        cl
        for cl in cluster_reports([c.rep for c in classes.values()])
        if cl.anchor and alo <= cl.anchor <= ahi
    ]
    parts = [[classes[m.rid] for m in cl.members] for cl in clusters]
    folds = []
    for part in parts:
        if len(part) == 1:
            folds.append(part[0].fold)
        else:
            fold = Fold(fragments=True)
            for cls in part:
                fold.absorb(cls.fold)
            folds.append(fold)
    events = [fold.event(cl.anchor, claims=False) for fold, cl in zip(folds, clusters, strict=True)]
    assign_event_ids(events)
    existing = {row[0] for row in conn.execute(f"SELECT event_id FROM events WHERE {where}", params)}
    ids = {ev.event_id for ev in events}
    conn.executemany("DELETE FROM events WHERE event_id = ?", [(eid,) for eid in existing - ids])
    for eid in existing - ids:
        index.written.pop(eid, None)  # its links went with it (by cascade)
    cols = (*EVENT_FIELDS, *KEY_COLUMNS)
    mark = next_version(conn)
    for ev, fold, part in zip(events, folds, parts, strict=True):
        eid = ev.event_id
        sig = (group, ev.date, tuple(sorted((cls.rep.rid, cls.version) for cls in part)))
        before = index.written.get(eid)
        index.written[eid] = (sig, fold.count)
        if eid in existing and before is not None and before[0] == sig:
            pass  # as written last time
        else:
            row = record_to_row(ev)
            row["claims"] = fold.claims_json()
            keys = (ev.country, ev.region, ev.attacker, ev.date.isoformat() if ev.date else None)
            row.update(zip(KEY_COLUMNS, keys, strict=True))
            values = [row[c] for c in cols]
            if eid not in existing:
                conn.execute(
                    f"INSERT INTO events ({', '.join(cols)}, changed_version) "
                    f"VALUES ({', '.join('?' * (len(cols) + 1))})",
                    [*values, mark],
                )
            elif (before is not None and before[1] != fold.count) or conn.execute(
                f"SELECT {', '.join(cols)} FROM events WHERE event_id = ?", (eid,)
            ).fetchone() != tuple(values):
                # a known event whose report count changed has changed; any other is compared
                conn.execute(
                    f"UPDATE events SET {', '.join(f'{c} = ?' for c in cols)}, changed_version = ? "
                    "WHERE event_id = ?",
                    [*values, mark, eid],
                )
        links = []
        for cls in part:
            links += [(rid, eid) for rid in (cls.unlinked if cls.event_id == eid else cls.rids)]
            cls.event_id, cls.unlinked = eid, []
        conn.executemany("INSERT OR REPLACE INTO report_event (report_id, event_id) VALUES (?, ?)", links)
    return True
