"""The event store: an embedded SQLite file holding articles, their strike reports, the events
merged from them, and the user's corrections.

- :mod:`~analytics.store.schema`: tables, migrations, stored fields, record <-> row;
- :mod:`~analytics.store.merge`: the pure clustering and merge of reports into events;
- :mod:`~analytics.store.rebuild`: rebuilding events inside a write transaction;
- :mod:`~analytics.store.corrections`: correctable fields, value checks, applying a correction;
- :mod:`~analytics.store.frames`: typed frames and the fast column-wise read;
- :mod:`~analytics.store.db`: the :class:`Store` (transactions and reads);
- :mod:`~analytics.store.snapshot`: the columnar snapshot that makes reopening a large store fast.
"""

from analytics.store.corrections import CORRECTABLE_FIELDS
from analytics.store.db import AddResult, EventChanges, Store
from analytics.store.merge import Cluster, Item, cluster_reports, merge_cluster
from analytics.store.rebuild import Replaced
from analytics.store.schema import (
    ARTICLE_FIELDS,
    CATEGORY_COLUMNS,
    EVENT_FIELDS,
    MIGRATIONS,
    REPORT_FIELDS,
    StoreBusy,
    StoreError,
    default_db_path,
)

__all__ = [
    "ARTICLE_FIELDS",
    "AddResult",
    "Replaced",
    "CATEGORY_COLUMNS",
    "CORRECTABLE_FIELDS",
    "Cluster",
    "EVENT_FIELDS",
    "EventChanges",
    "Item",
    "MIGRATIONS",
    "REPORT_FIELDS",
    "Store",
    "StoreBusy",
    "StoreError",
    "cluster_reports",
    "default_db_path",
    "merge_cluster",
]
