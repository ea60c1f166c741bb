"""A columnar snapshot of the store's events frame, so reopening the dashboard is a fast read.

Reading a million events out of SQLite takes seconds; the snapshot is an Arrow IPC file
(lz4-compressed, read by pyarrow) written next to the store the first time a version of the
data is loaded, and read instead of the store while nothing has changed. Its name,
``<store>-frame-v<data_version>-<selection>-<content>.arrow``, holds the store's
``data_version``, a digest of what the frame is of (format, ``store_id``, the store file's
identity, schema version, the columns asked for, whether rejected events are in) and a digest
of the content key (also the events' largest rowid), so a write to the store (any
process) or a new store at the same path makes a new file.

After a write, the newest snapshot of the same selection is *patched* instead of reading the
whole store again: the store tells which events changed or were deleted since the snapshot's
version (:meth:`analytics.store.Store.event_changes`); their rows are dropped by ``event_id``,
the changed rows appended, and everything put back in rowid order (the snapshot keeps each
row's rowid), so the patched frame is the frame a full read gives, row for row, with the same
dtypes and categories. The patched frame is written as the new version's snapshot in a
background thread (:func:`wait_for_writes`), and older snapshots of that selection deleted.
A full read is done instead when there is no usable snapshot, the change log does not reach
back to it, or more than :data:`MAX_CHANGED_SHARE` of its rows changed.

Snapshots are a cache: any problem writing or reading one (read-only folder, full disk, a
damaged file) falls back to the store.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.feather as feather

from analytics.store.db import Store
from analytics.store.frames import NUL, SEP

#: Bumped whenever the snapshot's content or layout changes meaning.
FORMAT = 2
_SUFFIX = ".arrow"
_ROWID = "_rowid"
_META = b"strikes_snapshot"
#: Above this share of a snapshot's rows changed (or deleted), the store is read in full.
MAX_CHANGED_SHARE = 0.05
#: ... but up to this many changed rows are always patched in.
MIN_CHANGED_LIMIT = 2_000
#: Snapshots of other selections (rejected events in or out, other columns) kept.
_KEEP_OTHERS = 3

_writers: list[threading.Thread] = []
_writers_lock = threading.Lock()


def _marker(db: Path) -> str:
    """The name prefix of a store's snapshots (``strikes.db-frame-``: git-ignored with the store)."""
    return f"{db.name}-frame-"


def _name_pattern(db: Path) -> re.Pattern[str]:
    return re.compile(
        re.escape(_marker(db)) + r"v(\d+)-([0-9a-f]{8})-([0-9a-f]{8})" + re.escape(_SUFFIX) + "$"
    )


def _digest(data: Any) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:8]


def snapshot_key(store: Store, columns: Sequence[str], include_rejected: bool) -> dict[str, Any]:
    """What the snapshot's content depends on; read before the frame (a write in between only
    makes the snapshot newer than its key, never older)."""
    return _key(store, store.content_key(count=False), columns, include_rejected)


def _key(
    store: Store, content: dict[str, Any], columns: Sequence[str], include_rejected: bool
) -> dict[str, Any]:
    try:
        st = os.stat(store.path)
        identity = [st.st_dev, st.st_ino]
    except OSError:
        identity = []
    return {
        "format": FORMAT,
        **content,
        "file": identity,
        "columns": list(columns),
        "include_rejected": bool(include_rejected),
    }


def _selection(key: dict[str, Any]) -> dict[str, Any]:
    """The part of the key that stays the same while the store's content changes."""
    return {k: v for k, v in key.items() if k not in ("data_version", "events", "max_rowid")}


def snapshot_path(db: Path, key: dict[str, Any]) -> Path:
    return db.with_name(
        f"{_marker(db)}v{key['data_version']}-{_digest(_selection(key))}-{_digest(key)}{_SUFFIX}"
    )


def _read(path: Path, key: dict[str, Any], exact: bool) -> pd.DataFrame | None:
    """The snapshot's frame (with ``_rowid``) when it is one of ``key`` (``exact``: of that very
    content; else of the same selection); None when missing, damaged or of something else."""
    try:
        with pa.OSFile(str(path)) as source:
            reader = pa.ipc.open_file(source)
            meta = json.loads((reader.schema.metadata or {}).get(_META, b"null"))
            wanted = key if exact else _selection(key)
            if not isinstance(meta, dict) or (meta if exact else _selection(meta)) != wanted:
                return None
            if reader.schema.names != [*key["columns"], _ROWID]:
                return None
            table = reader.read_all()
        frame = table.to_pandas()
    except FileNotFoundError:
        return None
    except (OSError, pa.ArrowException, ValueError, KeyError, TypeError):
        _discard(path)  # damaged: written again below
        return None
    rowids = frame[_ROWID].to_numpy()
    if frame[_ROWID].dtype != np.int64 or not len(frame) or not bool(np.all(rowids[1:] > rowids[:-1])):
        _discard(path)
        return None
    for c in frame.columns:  # Arrow gives an empty category list back as object: the store's is str
        col = frame[c]
        if isinstance(col.dtype, pd.CategoricalDtype) and col.cat.categories.dtype != "str":
            categories = pd.Index([str(v) for v in col.cat.categories], dtype="str")
            frame[c] = pd.Categorical.from_codes(col.cat.codes.to_numpy(), categories)
    return frame


def _discard(path: Path) -> None:
    """Delete a snapshot file if it can be. ``missing_ok`` covers a file already gone, not a
    file that cannot be deleted: on a read-only disk ``unlink`` raises EROFS (EACCES in a folder
    that is not ours), and a cache that cannot be tidied must not stop the page."""
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)


def _write(path: Path, frame: pd.DataFrame, key: dict[str, Any]) -> bool:
    """Write atomically, then delete the older snapshots of the same selection (and those of
    other selections but the newest few). Best effort, never raising for the file system: the
    caller already holds the frame, and a store on a read-only disk or a full one must still be
    read. Whether the snapshot was written."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}-{threading.get_ident()}.tmp")
    try:
        table = pa.Table.from_pandas(frame, preserve_index=False)
        meta = dict(table.schema.metadata or {})
        meta[_META] = json.dumps(key, sort_keys=True).encode()
        feather.write_feather(table.replace_schema_metadata(meta), tmp, compression="lz4")
        os.replace(tmp, path)
    except (OSError, pa.ArrowException, ValueError, TypeError):
        _discard(tmp)
        return False
    with contextlib.suppress(OSError):  # listing the folder can fail too; the snapshot is written
        _prune(path, key)
    return True


def _prune(path: Path, key: dict[str, Any]) -> None:
    """Delete the snapshots ``path`` (of ``key``) makes stale: older ones of its selection, and
    those of other selections but the newest few."""
    db = path.with_name(path.name[: path.name.index("-frame-")])
    pattern = _name_pattern(db)
    selection = _digest(_selection(key))
    others: dict[str, list[tuple[int, Path]]] = {}
    for old in path.parent.glob(f"{_marker(db)}*{_SUFFIX}"):
        found = pattern.match(old.name)
        if found is None:  # an older format's file
            _discard(old)
        elif found[2] == selection:
            if int(found[1]) < key["data_version"]:
                _discard(old)
        else:
            others.setdefault(found[2], []).append((int(found[1]), old))
    newest = sorted((max(files) for files in others.values()), reverse=True)[:_KEEP_OTHERS]
    for files in others.values():
        for item in files:
            if item not in newest:
                _discard(item[1])


def _write_later(path: Path, frame: pd.DataFrame, key: dict[str, Any]) -> None:
    """:func:`_write` in a background thread (the page goes on with the frame meanwhile)."""
    thread = threading.Thread(target=_write, args=(path, frame, key), name="snapshot-writer")
    with _writers_lock:
        _writers[:] = [t for t in _writers if t.is_alive()]
        _writers.append(thread)
    thread.start()


def wait_for_writes(timeout: float | None = None) -> None:
    """Wait until the snapshots being written in the background are written."""
    with _writers_lock:
        pending = list(_writers)
    for thread in pending:
        thread.join(timeout)


def events_frame(
    store: Store, columns: Sequence[str], include_rejected: bool = False, use_snapshot: bool = True
) -> pd.DataFrame:
    """``store.events_frame(include_rejected, columns)``, from the snapshot when it is current,
    else from the newest older snapshot patched with the events changed since."""
    if not use_snapshot:
        return store.events_frame(include_rejected=include_rejected, columns=columns)
    columns = list(columns)
    key = snapshot_key(store, columns, include_rejected)
    db = Path(os.path.realpath(store.path))  # beside the file itself, not a link to it
    path = snapshot_path(db, key)
    frame = _read(path, key, exact=True)
    if frame is not None:
        return frame.drop(columns=_ROWID)
    patched = _patched(store, db, key, columns, include_rejected)
    if patched is not None:
        frame, new_key = patched
        _write_later(snapshot_path(db, new_key), frame, new_key)
        return frame.drop(columns=_ROWID)
    frame = store.events_frame(include_rejected=include_rejected, columns=columns, rowid=True)
    if len(frame):
        _write(path, frame, key)
    return frame.drop(columns=_ROWID)


def _patched(
    store: Store, db: Path, key: dict[str, Any], columns: list[str], include_rejected: bool
) -> tuple[pd.DataFrame, dict[str, Any]] | None:
    """The newest older snapshot of this selection brought up to date, and its new key."""
    selection = _digest(_selection(key))
    candidates = []
    for path in db.parent.glob(f"{_marker(db)}v*-{selection}-*{_SUFFIX}"):
        found = _name_pattern(db).match(path.name)
        if found and int(found[1]) < key["data_version"]:
            candidates.append((int(found[1]), path))
    for version, path in sorted(candidates, reverse=True):
        base = _read(path, {**key, "data_version": version}, exact=False)
        if base is None:
            continue
        limit = max(MIN_CHANGED_LIMIT, int(MAX_CHANGED_SHARE * len(base)))
        changes = store.event_changes(version, columns, include_rejected, limit=limit)
        if changes is None:
            return None
        new_key = _key(store, changes.key, columns, include_rejected)
        if _selection(new_key) != _selection(key):
            return None
        frame = patch_frame(base, changes.rows, changes.drop)
        return None if frame is None else (frame, new_key)
    return None


def patch_frame(base: pd.DataFrame, rows: pd.DataFrame, drop: frozenset[str]) -> pd.DataFrame | None:
    """``base`` (a frame with ``_rowid``, in rowid order) without the events ``drop`` names, plus
    ``rows`` (raw values as :meth:`Store.event_changes` gives them), in rowid order and typed as
    ``base``: what a full read gives. None when that cannot be made sure of (read in full)."""
    if list(rows.columns) != list(base.columns):
        return None
    for c in rows.columns:
        if not pd.api.types.is_numeric_dtype(rows[c].dtype) and any(
            isinstance(v, str) and any(s in v for s in (SEP, NUL)) for v in rows[c]
        ):
            return None  # a full read would read such a store row-wise
    keep = np.ones(len(base), dtype=bool)
    if drop:
        keep = ~base["event_id"].isin(drop).to_numpy(dtype=bool)
    kept = np.flatnonzero(keep)
    new_rowids = rows[_ROWID].to_numpy(dtype="int64")
    rowids = np.concatenate([base[_ROWID].to_numpy()[kept], new_rowids])
    order = np.argsort(rowids, kind="stable")
    rowids = rowids[order]
    if not len(rowids) or bool(np.any(rowids[1:] <= rowids[:-1])):
        return None  # empty, or two rows of one rowid: not what the store holds
    take = np.concatenate([kept, len(base) + np.arange(len(rows))])[order]
    if len(rows) == 0 and len(kept) == len(base):
        return base
    plan = _Plan(take, len(base))
    out: dict[str, Any] = {}
    for c in base.columns:
        col = base[c]
        if isinstance(col.dtype, pd.CategoricalDtype):
            out[c] = _patch_categorical(col, list(rows[c]), plan)
            continue
        new = _typed(list(rows[c]), col.dtype)
        if new is None:
            return None
        out[c] = _patch_column(col, new, plan)
    frame = pd.DataFrame(out, copy=False)
    if [str(t) for t in frame.dtypes] != [str(t) for t in base.dtypes]:
        return None
    return frame


class _Plan:
    """Where each output row comes from: ``take`` indexes ``base`` rows, then the new rows
    (``n_base`` and up). ``base_take`` gathers base rows (0 where a new row goes), ``new_at``
    are the new rows' output positions and ``new_from`` their index among the new rows."""

    def __init__(self, take: np.ndarray, n_base: int) -> None:
        self.take = take
        self.n_base = n_base
        is_new = take >= n_base
        self.base_take = np.where(is_new, 0, take)
        self.new_at = np.flatnonzero(is_new)
        self.new_from = take[is_new] - n_base

    def gather(self, base: np.ndarray, new: np.ndarray) -> np.ndarray:
        out = base.take(self.base_take)
        out[self.new_at] = new[self.new_from]
        return out

    def runs(self) -> list[tuple[bool, int, int]]:
        """The output as runs of consecutive rows: (from base, first index, length)."""
        take = self.take
        breaks = np.flatnonzero((np.diff(take) != 1) | (take[1:] == self.n_base)) + 1
        starts = np.concatenate([[0], breaks])
        ends = np.concatenate([breaks, [len(take)]])
        out = []
        for s, e in zip(starts.tolist(), ends.tolist(), strict=True):
            first = int(take[s])
            out.append((first < self.n_base, first if first < self.n_base else first - self.n_base, e - s))
        return out


def _patch_column(col: pd.Series, new: pd.Series, plan: _Plan) -> Any:
    """``col`` patched with ``new`` (same dtype) by ``plan``: one gather, not concat + take."""
    dtype = col.dtype
    if isinstance(dtype, np.dtype):  # float64, int64, datetime64
        return plan.gather(col.to_numpy(), new.to_numpy(dtype=dtype))
    if str(dtype) == "Int64":
        data = plan.gather(col.to_numpy(dtype="int64", na_value=0), new.to_numpy(dtype="int64", na_value=0))
        mask = plan.gather(col.isna().to_numpy(), new.isna().to_numpy())
        return pd.arrays.IntegerArray(data, mask)
    chunked = getattr(col.array, "_pa_array", None)
    if isinstance(chunked, pa.ChunkedArray):  # Arrow strings: zero-copy slices, one concatenation
        added = pa.array(new.array, type=chunked.type)
        pieces: list[pa.Array] = []
        for from_base, first, length in plan.runs():
            pieces.extend(chunked.slice(first, length).chunks if from_base else [added.slice(first, length)])
        combined = pa.chunked_array(pieces, type=chunked.type)
        if combined.num_chunks > 64:
            combined = pa.chunked_array([combined.combine_chunks()], type=chunked.type)
        return pd.array(combined, dtype=dtype)
    return pd.concat([col, new], ignore_index=True).array.take(plan.take)


def _typed(values: list[Any], dtype: Any) -> pd.Series | None:
    """Raw SQLite values as a column of ``dtype`` (the column-wise reader's types)."""
    try:
        if str(dtype).startswith("datetime64"):
            parsed = pd.to_datetime(pd.Series(values, dtype=object), format="%Y-%m-%d", errors="coerce")
            return parsed.astype(dtype)
        if str(dtype) == "Int64":
            return pd.Series(pd.array(values, dtype="Int64"))
        if dtype == np.float64:
            return pd.Series(np.array([np.nan if v is None else v for v in values], dtype="float64"))
        if dtype == np.int64:
            return pd.Series(np.array(values, dtype="int64"))
        return pd.Series(pd.array(values, dtype=dtype))
    except (TypeError, ValueError):
        return None


def _patch_categorical(col: pd.Series, values: list[Any], plan: _Plan) -> pd.Categorical:
    """The categorical column of ``col`` patched with ``values`` by ``plan``, with the sorted
    categories the rows use (as the store's column-wise reader makes them)."""
    cats = [str(c) for c in col.cat.categories]
    names = [None if v is None or v is pd.NA or v != v else str(v) for v in values]
    extra = sorted({n for n in names if n is not None} - set(cats))
    codes = col.cat.codes.to_numpy().astype("int32")
    if extra:
        cats = sorted([*cats, *extra])
        position = {name: i for i, name in enumerate(cats)}
        lookup = np.array([position[str(c)] for c in col.cat.categories] + [-1], dtype="int32")
        codes = lookup[codes]  # -1 (null) picks the trailing -1
    position = {name: i for i, name in enumerate(cats)}
    new_codes = np.array([-1 if n is None else position[n] for n in names], dtype="int32")
    codes = plan.gather(codes, new_codes)
    used = np.bincount(codes[codes >= 0], minlength=len(cats)) > 0
    if not used.all():
        lookup = np.append(np.where(used, np.cumsum(used) - 1, -1), -1).astype("int32")
        codes = lookup[codes]
        cats = [c for c, u in zip(cats, used, strict=True) if u]
    return pd.Categorical.from_codes(codes, pd.Index(cats, dtype="str"))


def remove_snapshots(db: str | Path) -> int:
    """Delete every snapshot of the store file ``db``; the number removed."""
    wait_for_writes()
    db = Path(os.path.realpath(db))
    removed = 0
    for old in db.parent.glob(f"{_marker(db)}*{_SUFFIX}"):
        old.unlink(missing_ok=True)
        removed += 1
    return removed
