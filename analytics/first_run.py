"""First run: fill an empty store with the project's sample articles, or start empty.

The choice is remembered in a small marker file beside the store
(``strikes.db`` -> ``strikes.db.first-run.json``) so the samples are read once only and a
user who chose to start empty is never handed them again.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from analytics import DATA_DIR
from analytics.ingest import IngestSummary, Progress, ingest_paths
from analytics.store import Store

SAMPLES_DIR = DATA_DIR / "samples"


def marker_path(db_path: str | Path) -> Path:
    path = Path(db_path)
    return path.with_name(path.name + ".first-run.json")


def read_marker(db_path: str | Path) -> dict[str, Any] | None:
    try:
        return json.loads(marker_path(db_path).read_text("utf-8"))
    except (OSError, ValueError):
        return None


def write_marker(db_path: str | Path, choice: str, articles: int = 0) -> None:
    path = marker_path(db_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"choice": choice, "articles": articles}), "utf-8")


def needs_samples(store: Store) -> bool:
    """True for a store that holds no article and was never given a first-run choice."""
    return read_marker(store.path) is None and store.counts()["articles"] == 0


def load_samples(store: Store, progress: Progress | None = None) -> IngestSummary:
    """Ingest ``data/samples`` and remember that this store was given them."""
    summary = ingest_paths([SAMPLES_DIR], store, progress=progress)
    write_marker(store.path, "samples", store.counts()["articles"])
    return summary


def only_samples(store: Store) -> bool:
    """True while the store holds exactly what :func:`load_samples` put in it."""
    marker = read_marker(store.path) or {}
    counts = store.counts()
    return marker.get("choice") == "samples" and counts["articles"] == marker.get("articles", -1)


def start_empty(store: Store) -> Path:
    """Drop a store that holds only the samples, and remember to start empty.

    Closes ``store``; the caller opens the (new, empty) store again. Refuses when articles
    were added since the samples, so nobody's own uploads are deleted.
    """
    if not only_samples(store):
        raise ValueError("the store holds more than the sample articles; it was left as it is")
    path = store.path
    store.close()
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    write_marker(path, "empty")
    return path
