"""Column blocks: a columnar copy of the events table kept inside the store, so reading a large
store into a frame does not pay SQLite's per-value cost for every row.

A block holds the rows of one rowid range (``first`` to ``last``) as an Arrow IPC
file (feather, lz4-compressed) of every event column but the long ``evidence`` and ``claims`` text, plus the
rowid. Triggers (schema version 4) delete the block covering a row whenever that row is inserted,
updated or deleted, inside the writer's own transaction, so a block that exists is always exact:
writers never pay for building blocks, only for dropping the one or two a write touches.

A read (:func:`read_events`) takes the blocks there are and reads only the rows outside them
from SQLite (column-wise, :func:`analytics.store.frames.convert_chunk`), in one read transaction.
The rows it had to read from SQLite are then written back as new blocks when the store can be
written without waiting (another writer busy, a read-only file: skipped, the next read tries
again), unless they are the last rows of the table and fewer than :data:`BLOCK_ROWS` (new
events land there; a block would be dropped by the next write).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.feather as feather

from analytics.store.frames import CATEGORY_COLUMNS, ROWID, combine_chunks, concat_expr, convert_chunk
from analytics.store.schema import EVENT_FIELDS, content_key

#: Rows per block: small enough that a write drops little, large enough that a million events
#: are a few dozen blobs.
BLOCK_ROWS = 65_536
#: What a block holds: every event column but the long text read per event, and the rowid.
BLOCK_COLUMNS: tuple[str, ...] = (ROWID, *(c for c in EVENT_FIELDS if c not in ("evidence", "claims")))

Part = Any  # one column of one chunk as convert_chunk types it: an Arrow array or (codes, names)


_Converted = tuple[dict[str, Part], bytes | None]


@dataclass
class _Segment:
    """Consecutive rows ``lo`` < rowid <= ``hi``: a block's columns, or rows read from SQLite
    (``pending`` until typed, then ``parts`` and the ``blob`` to store them as a block)."""

    source: dict[str, Part] | Future[_Converted | None]
    rows: int
    lo: int
    hi: int
    tail: bool = False
    blob: bytes | None = None

    @property
    def parts(self) -> dict[str, Part]:
        assert isinstance(self.source, dict)
        return self.source

    def resolve(self) -> bool:
        """Wait for a pending conversion; False if the rows could not be read column-wise."""
        if isinstance(self.source, Future):
            done = self.source.result()
            if done is None:
                return False
            self.source, self.blob = done
        return True


def covered(columns: Sequence[str]) -> bool:
    """Whether blocks can serve a read of these columns."""
    return all(c in BLOCK_COLUMNS for c in columns)


# --------------------------------------------------------------------------- encoding


def _to_arrow(col: str, part: Part) -> pa.Array:
    if col in CATEGORY_COLUMNS:
        codes, names = part
        return pa.DictionaryArray.from_arrays(
            pa.array(codes, pa.int32(), mask=codes < 0), pa.array(names, pa.large_string())
        )
    return part


def _from_arrow(col: str, array: pa.Array) -> Part:
    if col in CATEGORY_COLUMNS:
        codes = array.indices.fill_null(-1).to_numpy(zero_copy_only=False).astype("int32")
        return codes, array.dictionary.to_pylist()
    return array


def _encode(parts: dict[str, Part]) -> bytes:
    table = pa.table({c: _to_arrow(c, parts[c]) for c in BLOCK_COLUMNS})
    sink = pa.BufferOutputStream()
    feather.write_feather(table, sink, compression="lz4")
    return sink.getvalue().to_pybytes()


def _decode(data: bytes, columns: Sequence[str]) -> dict[str, Part]:
    """The block's ``columns`` only (the others are not even decompressed)."""
    table = feather.read_table(pa.BufferReader(data), columns=list(columns), memory_map=False)
    return {c: _from_arrow(c, table.column(c).combine_chunks()) for c in table.column_names}


# --------------------------------------------------------------------------- reading


def _convert(texts: Sequence[str], rows: int, keep: bool) -> _Converted | None:
    """A chunk's concatenated columns typed (None: a separator inside a value), and the block
    that stores them, both done off the reading thread."""
    parts = convert_chunk(list(BLOCK_COLUMNS), texts, rows)
    if parts is None:
        return None
    return parts, (_encode(parts) if keep else None)


def _gap(
    conn: sqlite3.Connection, lo: int, hi: int | None, pool: ThreadPoolExecutor, out: list[_Segment]
) -> None:
    """Queue the rows after ``lo`` up to ``hi`` (None: to the end) in block-sized pieces: SQLite
    reads the next piece while the pool types the last one (both release the GIL)."""
    exprs = ", ".join(concat_expr(c) for c in BLOCK_COLUMNS)
    while True:
        bound, params = ("", (lo, BLOCK_ROWS)) if hi is None else (" AND rowid <= ?", (lo, hi, BLOCK_ROWS))
        end, rows = conn.execute(
            f"SELECT max(rowid), count(*) FROM (SELECT rowid FROM events WHERE rowid > ?{bound} "
            "ORDER BY rowid LIMIT ?)",
            params,
        ).fetchone()
        if end is None:
            return
        row = conn.execute(f"SELECT {exprs} FROM events WHERE rowid > ? AND rowid <= ?", (lo, end)).fetchone()
        tail = hi is None and rows < BLOCK_ROWS
        out.append(_Segment(pool.submit(_convert, row, rows, not tail), int(rows), lo, int(end), tail=tail))
        del row
        lo = int(end)


def _segments(
    conn: sqlite3.Connection, columns: Sequence[str]
) -> tuple[list[_Segment], dict[str, int | None]] | None:
    """Every row of the events table as segments in rowid order, read in one transaction, and the
    content key they are of (None: some rows cannot be read column-wise)."""
    out: list[_Segment] = []
    with ThreadPoolExecutor(1) as pool:
        conn.execute("BEGIN")
        try:
            key = content_key(conn, count=False)
            found = conn.execute(
                "SELECT first, last, rows, data FROM column_blocks ORDER BY first"
            ).fetchall()
            pos = -(2**63)
            for first, last, rows, data in found:
                if first > pos + 1:
                    _gap(conn, pos, first - 1, pool, out)
                out.append(_Segment(_decode(data, columns), int(rows), first - 1, last))
                pos = last
            _gap(conn, pos, None, pool, out)
        finally:
            conn.execute("COMMIT")
        for seg in out:
            if not seg.resolve():
                return None
    return out, key


def _rejected_mask(part: Part) -> np.ndarray:
    codes, names = part
    if "rejected" not in names:
        return np.ones(len(codes), dtype=bool)
    return np.asarray(codes != names.index("rejected"))


def _filter(col: str, part: Part, keep: np.ndarray) -> Part:
    """The kept rows of one part; a categorical keeps only the names still used, as a read
    filtered in SQL would."""
    if col in CATEGORY_COLUMNS:
        codes, names = part
        codes = codes[keep]
        used = np.unique(codes[codes >= 0])
        lookup = np.full(len(names) + 1, -1, dtype="int32")  # the last entry maps -1 (null)
        lookup[used] = np.arange(len(used), dtype="int32")
        return lookup[codes], [names[i] for i in used]
    return part.filter(pa.array(keep))


def read_events(
    conn: sqlite3.Connection, columns: Sequence[str], include_rejected: bool
) -> pd.DataFrame | None:
    """The events frame with ``columns`` (``_rowid`` allowed), in rowid order, typed as every
    store frame; None when it cannot be read this way (a column blocks do not hold, an empty
    table, a value holding a separator): the caller reads row-wise."""
    if not covered(columns):
        return None
    found = _segments(conn, list(dict.fromkeys([*columns, "review_status"])))
    if found is None:
        return None
    segments, key = found
    if not segments:
        return None
    _store_blocks(conn, segments, key)
    cols = list(columns)
    per_col: dict[str, list[Part]] = {c: [] for c in cols}
    for seg in segments:
        keep = None if include_rejected else _rejected_mask(seg.parts["review_status"])
        for c in cols:
            part = seg.parts[c]
            per_col[c].append(part if keep is None or keep.all() else _filter(c, part, keep))
    return pd.DataFrame({c: combine_chunks(c, per_col[c]) for c in cols})


# --------------------------------------------------------------------------- writing


def _store_blocks(conn: sqlite3.Connection, segments: list[_Segment], key: dict[str, int | None]) -> None:
    """Write the segments read from SQLite as blocks, if nothing changed since and no one else is
    writing; a cache, so any failure leaves things as they were."""
    blobs = [(s.lo + 1, s.hi, s.rows, s.blob) for s in segments if s.blob is not None and not s.tail]
    if not blobs:
        return
    (timeout,) = conn.execute("PRAGMA busy_timeout").fetchone()
    try:
        conn.execute("PRAGMA busy_timeout = 0")
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError:
        conn.execute(f"PRAGMA busy_timeout = {int(timeout)}")
        return  # busy, or read-only: the next read tries again
    try:
        now = content_key(conn, count=False)
        if now["data_version"] == key["data_version"] and now["max_rowid"] == key["max_rowid"]:
            conn.executemany(
                "INSERT OR REPLACE INTO column_blocks (first, last, rows, data) VALUES (?, ?, ?, ?)", blobs
            )
        conn.execute("COMMIT")
    except sqlite3.Error:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
    finally:
        conn.execute(f"PRAGMA busy_timeout = {int(timeout)}")


__all__ = ["BLOCK_COLUMNS", "BLOCK_ROWS", "covered", "read_events"]
