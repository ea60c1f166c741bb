"""A columnar snapshot of the store's events frame, so reopening the dashboard is a fast read.

Reading a million events out of SQLite takes seconds; the snapshot is an Arrow IPC file
(lz4-compressed, read by pyarrow) written next to the store the first time a version of the
data is loaded, and read instead of the store while nothing has changed. Its name holds
the store's ``data_version`` and a digest of everything else the content depends on (schema
version, the events' count and largest rowid, the store file's identity, the columns asked
for, whether rejected events are in, this module's format), so a write to the store (any
process) or a new store at the same path makes a new file; older ones are deleted when a
new one is written.

Snapshots are a cache: any problem writing or reading one (read-only folder, full disk, a
damaged file) falls back to the store.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.feather as feather

#: Bumped whenever the snapshot's content or layout changes meaning.
FORMAT = 1
_SUFFIX = ".arrow"


def _marker(db: Path) -> str:
    """The name prefix of a store's snapshots (``strikes.db-frame-``: git-ignored with the store)."""
    return f"{db.name}-frame-"


def snapshot_key(store: Any, columns: Sequence[str], include_rejected: bool) -> dict[str, Any]:
    """What the snapshot's content depends on; read before the frame (a write in between only
    makes the snapshot newer than its key, never older)."""
    try:
        st = os.stat(store.path)
        identity = [st.st_dev, st.st_ino]
    except OSError:
        identity = []
    return {
        "format": FORMAT,
        **store.content_key(),
        "file": identity,
        "columns": list(columns),
        "include_rejected": bool(include_rejected),
    }


def snapshot_path(db: Path, key: dict[str, Any]) -> Path:
    digest = hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()[:16]
    return db.with_name(f"{_marker(db)}v{key['data_version']}-{digest}{_SUFFIX}")


def _read(path: Path) -> pd.DataFrame | None:
    try:
        return feather.read_table(path, memory_map=False).to_pandas()
    except FileNotFoundError:
        return None
    except (OSError, pa.ArrowException, ValueError):
        path.unlink(missing_ok=True)  # damaged: written again below
        return None


def _write(path: Path, frame: pd.DataFrame, prefix: str, version: int) -> None:
    """Write atomically, then delete the snapshots of other data versions."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        feather.write_feather(pa.Table.from_pandas(frame, preserve_index=False), tmp, compression="lz4")
        os.replace(tmp, path)
    except (OSError, pa.ArrowException, ValueError):
        tmp.unlink(missing_ok=True)
        return
    current = f"{prefix}v{version}-"
    for old in path.parent.glob(f"{prefix}*{_SUFFIX}"):
        if not old.name.startswith(current):
            old.unlink(missing_ok=True)


def events_frame(
    store: Any, columns: Sequence[str], include_rejected: bool = False, use_snapshot: bool = True
) -> pd.DataFrame:
    """``store.events_frame(include_rejected, columns)``, from the snapshot when it is current."""
    if not use_snapshot:
        return store.events_frame(include_rejected=include_rejected, columns=columns)
    key = snapshot_key(store, columns, include_rejected)
    path = snapshot_path(Path(store.path), key)
    frame = _read(path)
    if frame is not None and list(frame.columns) == list(columns):
        return frame
    frame = store.events_frame(include_rejected=include_rejected, columns=columns)
    if len(frame):
        _write(path, frame, _marker(Path(store.path)), key["data_version"])
    return frame


def remove_snapshots(db: str | Path) -> int:
    """Delete every snapshot of the store file ``db``; the number removed."""
    db = Path(db)
    removed = 0
    for old in db.parent.glob(f"{_marker(db)}*{_SUFFIX}"):
        old.unlink(missing_ok=True)
        removed += 1
    return removed
