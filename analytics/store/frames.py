"""Reading the store into pandas: the column types every frame has, the row-wise read and the
fast column-wise read of large tables (SQLite ``group_concat`` per column and chunk, split and
typed by pyarrow in a second thread while SQLite reads the next chunk)."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analytics.store.schema import (
    CATEGORY_COLUMNS,
    DATE_COLUMNS,
    FLOAT_COLUMNS,
    INT_COLUMNS,
    PLAIN_INT_COLUMNS,
    content_key,
)

#: The separators of the column-wise read: between values, and standing for NULL. A value holding
#: one is read row-wise instead.
SEP, NUL = "\x1f", "\x1e"
#: Rows per column-wise chunk.
CHUNK = 200_000
#: The rowid column :meth:`analytics.store.Store.events_frame` adds when asked (``rowid=True``).
ROWID = "_rowid"


def read_rows(conn: sqlite3.Connection, sql: str, params: Sequence[Any] = ()) -> pd.DataFrame:
    """The rows of a query as a frame of column values (figures nullable, text as stored)."""
    cur = conn.execute(sql, params)
    names = [d[0] for d in cur.description]
    rows = cur.fetchall()
    if not rows:
        return pd.DataFrame({n: pd.Series([], dtype=object) for n in names})
    cols = list(zip(*rows, strict=True))
    return pd.DataFrame({n: column(n, c) for n, c in zip(names, cols, strict=True)})


def read_frame(conn: sqlite3.Connection, sql: str, params: Sequence[Any] = ()) -> pd.DataFrame:
    """The rows of a query as a frame typed by :func:`set_dtypes`."""
    return set_dtypes(read_rows(conn, sql, params))


def read_columnwise(conn: sqlite3.Connection, table: str, cols: list[str], where: str) -> pd.DataFrame | None:
    """The columns of ``table`` (rows matching ``where``) in rowid order, read column-wise: each
    column of a chunk of rows comes out of SQLite as one ``group_concat`` string, split and typed
    by pyarrow, all in one read transaction. None when there is nothing to read or a value holds
    a separator (the caller reads row-wise instead)."""
    if not cols:
        return None
    exprs = ", ".join(concat_expr(c) for c in cols)
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
                    (start, CHUNK),
                ).fetchone()[0]
                if end is None:
                    break
                row = conn.execute(
                    f"SELECT count(*), {exprs} FROM {table} WHERE rowid > ? AND rowid <= ?{extra}",
                    (start, end),
                ).fetchone()
                start = end
                if row[0]:
                    chunks.append(pool.submit(convert_chunk, cols, row[1:], row[0]))
                del row
        finally:
            conn.execute("COMMIT")
        parts = [f.result() for f in chunks]
    if not parts or any(p is None for p in parts):
        return None  # empty, or a separator inside a value: read row-wise instead
    return pd.DataFrame({c: combine_chunks(c, [p[c] for p in parts if p is not None]) for c in cols})


def column(name: str, values: tuple[Any, ...]) -> Any:
    """A query result column as the array its frame column is built from (figures nullable)."""
    if name in INT_COLUMNS:
        return pd.array(values, dtype="Int64")
    if name in FLOAT_COLUMNS:
        return pd.Series(values, dtype="float64")
    return values


def raw_column(name: str, values: tuple[Any, ...]) -> Any:
    """:func:`column`, text kept as Python objects (None stays None)."""
    if name in INT_COLUMNS or name in FLOAT_COLUMNS:
        return column(name, values)
    return pd.Series(values, dtype=object)


def set_dtypes(frame: pd.DataFrame) -> pd.DataFrame:
    """The column types every frame of the store uses (the column-wise reader gives the same)."""
    for c in frame.columns:
        if c in DATE_COLUMNS:
            frame[c] = pd.to_datetime(frame[c], format="%Y-%m-%d", errors="coerce").astype("datetime64[us]")
        elif c in CATEGORY_COLUMNS:
            frame[c] = frame[c].astype("str").astype("category")
        elif c in INT_COLUMNS:
            frame[c] = frame[c].astype("Int64")
        elif c in FLOAT_COLUMNS:
            frame[c] = frame[c].astype("float64")
        elif c in PLAIN_INT_COLUMNS:
            frame[c] = frame[c].astype("int64")
        elif frame[c].dtype == object:
            frame[c] = frame[c].astype("str")
    return frame


def concat_expr(col: str) -> str:
    """A column as one string per chunk: values joined by US, NULL as RS, floats exact.

    The two control characters are SQL literals (not ``char()`` calls): half the time per value.
    """
    if col == ROWID:
        return f"group_concat(rowid, '{SEP}')"
    if col in FLOAT_COLUMNS:  # printf gives "0" for NULL; "!" and 18 digits: exact (16 without)
        return f"group_concat(CASE WHEN {col} IS NULL THEN '{NUL}' ELSE printf('%!.18g', {col}) END, '{SEP}')"
    return f"group_concat(ifnull({col}, '{NUL}'), '{SEP}')"


def convert_chunk(cols: list[str], texts: Sequence[str], n: int) -> dict[str, Any] | None:
    """One chunk's concatenated columns as typed arrays (None: a value held the separator).

    Typing each chunk at once keeps only compact arrays, not every chunk's text, in memory.
    """
    out: dict[str, Any] = {}
    for c, text in zip(cols, texts, strict=True):
        values = pc.split_pattern(pa.array([text], pa.large_string()), SEP)[0].values
        if len(values) != n:
            return None
        out[c] = type_chunk(c, values)
    return out


def type_chunk(col: str, values: pa.Array) -> Any:
    if col in CATEGORY_COLUMNS:  # nulls found in the (small) dictionary, not per value
        encoded = values.dictionary_encode()
        names = encoded.dictionary.to_pylist()
        codes = encoded.indices.to_numpy(zero_copy_only=False).astype("int32")
        if NUL in names:
            null = names.index(NUL)
            codes = np.where(codes == null, -1, codes)
        return codes, names
    values = pc.if_else(pc.equal(values, NUL), pa.scalar(None, values.type), values)
    if col in DATE_COLUMNS:
        return pc.strptime(values, format="%Y-%m-%d", unit="us")
    if col in INT_COLUMNS or col in PLAIN_INT_COLUMNS:
        return pc.cast(values, pa.int64())
    if col in FLOAT_COLUMNS:
        return pc.cast(values, pa.float64())
    return values


def combine_chunks(col: str, parts: list[Any]) -> Any:
    """The typed chunks of one column as one pandas-ready array (the store's frame dtypes)."""
    if col in CATEGORY_COLUMNS:
        names = sorted({name for _, chunk_names in parts for name in chunk_names if name != NUL})
        position = {name: i for i, name in enumerate(names)}
        coded = []
        for codes, chunk_names in parts:
            lookup = np.array([position.get(name, -1) for name in chunk_names] + [-1], dtype="int32")
            coded.append(lookup[codes])  # -1 (null) picks the trailing -1
        return pd.Categorical.from_codes(np.concatenate(coded), pd.Index(names, dtype="str"))
    values = pa.concat_arrays(parts)
    if col in DATE_COLUMNS or col in FLOAT_COLUMNS or col in PLAIN_INT_COLUMNS:
        return values.to_numpy(zero_copy_only=False)
    if col in INT_COLUMNS:
        return pd.arrays.IntegerArray(
            pc.fill_null(values, 0).to_numpy(zero_copy_only=False),
            values.is_null().to_numpy(zero_copy_only=False),
        )
    return pd.array(values, dtype="str")


@dataclass
class EventChanges:
    """What changed in the events after a version (:meth:`analytics.store.Store.event_changes`): ``rows`` (the
    selected changed events, typed as :meth:`analytics.store.Store.events_frame` with ``rowid=True``, in rowid
    order), ``drop`` (every changed or deleted event id: what a cached frame must drop before
    taking ``rows``) and ``key`` (:meth:`analytics.store.Store.content_key` of the state they lead to)."""

    rows: pd.DataFrame
    drop: frozenset[str]
    key: dict[str, int | None]


def read_changes(
    conn: sqlite3.Connection, since: int, cols: list[str], include_rejected: bool, limit: int | None
) -> EventChanges | None:
    """The body of :meth:`analytics.store.Store.event_changes`: ``cols`` start with ``event_id``."""
    query = [*dict.fromkeys([*cols, "review_status"])]
    conn.execute("BEGIN")
    try:
        key = content_key(conn, count=False)
        floor = conn.execute("SELECT value FROM meta WHERE key = 'changes_since'").fetchone()
        version = key["data_version"]
        if floor is None or version is None or not floor[0] <= since <= version:
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
    names = [ROWID, *query]
    if rows:
        frame = pd.DataFrame(
            {n: raw_column(n, c) for n, c in zip(names, zip(*rows, strict=True), strict=True)}
        )
    else:
        frame = pd.DataFrame({n: pd.Series([], dtype=object) for n in names})
    drop = frozenset(str(e) for e in frame["event_id"]) | frozenset(str(r[0]) for r in deleted)
    if not include_rejected:
        frame = frame[(frame["review_status"] != "rejected").to_numpy(dtype=bool)]
    frame = frame[[*cols, ROWID]].reset_index(drop=True)
    frame[ROWID] = frame[ROWID].astype("int64")
    return EventChanges(frame, drop, key)
