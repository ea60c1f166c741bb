"""A bulk loader for benchmarks and tests: millions of synthetic events written straight into a
store's ``events`` table, without articles or reports (the store's own ``check`` reports them as
events without reports). Not part of the app: ingest goes through ``Store.add_article``."""

from __future__ import annotations

import sqlite3
from typing import Any

import pandas as pd

from analytics.models import LIST_FIELDS, join_list
from analytics.store import EVENT_FIELDS, Store
from analytics.store.schema import DATE_COLUMNS, INT_COLUMNS, KEY_COLUMNS, next_version


def bulk_insert_events(store: Store, frame: pd.DataFrame) -> int:
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
        "languages": "en",
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
            if c in DATE_COLUMNS:
                col = pd.to_datetime(col).dt.strftime("%Y-%m-%d")
            elif c in LIST_FIELDS and len(col) and not isinstance(col.iloc[0], str):
                col = col.map(join_list)
            values = col.astype(object).where(col.notna(), None).tolist()
            if c in INT_COLUMNS or c in ("geo_precision", "number_of_reports", "number_of_outlets"):
                values = [None if v is None else int(v) for v in values]
            data[c] = values
        else:
            data[c] = [defaults.get(c)] * n
    for kc, c in zip(KEY_COLUMNS, ("country", "region", "attacker", "date"), strict=True):
        data[kc] = data[c]

    # its own connection and transaction, as any other process writing the file would
    conn = sqlite3.connect(str(store.path), timeout=30, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        data["changed_version"] = [next_version(conn)] * n
        cols = list(data)
        conn.executemany(
            f"INSERT INTO events ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
            zip(*(data[c] for c in cols), strict=True),
        )
        conn.execute("UPDATE meta SET value = value + 1 WHERE key = 'data_version'")
        conn.execute("COMMIT")
    finally:
        conn.close()
    return n
