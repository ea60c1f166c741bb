"""The analysis frame: its columns, the ``;`` list encoding, and :func:`prepare`.

The store hands over one row per event or report, list fields as the text of
:func:`analytics.models.join_list` (``;``-joined, ``;`` and ``\\`` escaped inside items) and
``date`` as datetime64. :func:`prepare` turns such a frame into the compact frame every other
module of this package takes: low-cardinality text as categoricals, ``killed_best``/``low``/
``high`` present for reports too, and ``n_sources`` counted once per distinct value.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from analytics.models import LIST_FIELDS, LIST_SEP, TOLL_RANGE_FIELDS  # noqa: F401 - re-exported
from analytics.models import join_list as _join_items
from analytics.models import split_list as _split_text

#: Columns the dashboard needs for its views; ``evidence`` and ``claims`` are loaded per event.
DETAIL_COLUMNS: tuple[str, ...] = ("evidence", "claims")
NO_REGION = "(no region)"
#: The columns the aggregations read: a selection copies only these.
CORE_COLUMNS: tuple[str, ...] = (
    "event_id",
    "date",
    "date_precision",
    "attacker",
    "region",
    "region_name",
    "location",
    "weapons",
    "systems",
    "sources",
    "source_types",
    "launched",
    "intercepted",
    *TOLL_RANGE_FIELDS,
    "lat",
    "lon",
    "n_sources",
    "number_of_reports",
    "outlet",
)
_CATEGORY_COLUMNS = (
    "attacker",
    "location",
    "sources",
    "country",
    "region",
    "region_name",
    "weapons",
    "systems",
    "source_types",
    "languages",
    "review_status",
    "target_type",
    "sub_event_type",
    "date_precision",
    "outlet",
)
_COUNT_COLUMNS = ("launched", "intercepted", "killed", "wounded", "children_killed")


def join_list(value: Any) -> str:
    """A list (or a missing value, or a string taken as already joined) as the text of
    :func:`analytics.models.join_list`."""
    if isinstance(value, (list, tuple, np.ndarray)):
        return _join_items(value)
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    return str(value)


def split_list(value: Any) -> list[str]:
    """A list field's text (or a list) as its items for counting and filtering: stripped, blank
    ones left out."""
    if isinstance(value, (list, tuple, np.ndarray)):
        items = [str(v) for v in value]
    elif not isinstance(value, str) or not value:
        return []
    else:
        items = _split_text(value)
    return [v.strip() for v in items if v.strip()]


def prepare(frame: pd.DataFrame) -> pd.DataFrame:
    """The analysis frame: standard columns and dtypes for events or reports alike."""
    # copy-on-write: only the columns changed below are materialised anew
    out = frame.drop(columns=[c for c in DETAIL_COLUMNS if c in frame])
    n = len(out)
    for col in ("date", "published"):
        if col not in out:
            out[col] = pd.NaT
        out[col] = pd.to_datetime(out[col], errors="coerce")
        if getattr(out[col].dt, "tz", None) is not None:
            out[col] = out[col].dt.tz_localize(None)
        out[col] = out[col].astype("datetime64[ns]").dt.normalize()
    defaults: dict[str, Any] = {
        "event_id": "",
        "attacker": "unknown",
        "country": "",
        "region": "",
        "region_name": "",
        "location": "",
        "review_status": "auto",
        "article": "",
        "article_id": "",
        "target_type": "unknown",
        "sub_event_type": "",
        "date_precision": "day",
    }
    for col, default in defaults.items():
        if col not in out:
            out[col] = _constant(default, n, categorical=col in _CATEGORY_COLUMNS)
        elif isinstance(out[col].dtype, pd.CategoricalDtype):
            if out[col].hasnans:
                series = out[col]
                if default not in series.cat.categories:
                    series = series.cat.add_categories([default])
                out[col] = series.fillna(default)
        elif not pd.api.types.is_string_dtype(out[col]) or out[col].hasnans:
            out[col] = out[col].astype(object).fillna(default).astype(str)
    for col in LIST_FIELDS:
        if col not in out:
            out[col] = _constant("", n, categorical=True)
        if isinstance(out[col].dtype, pd.CategoricalDtype):
            if out[col].hasnans:
                series = out[col]
                if "" not in series.cat.categories:
                    series = series.cat.add_categories([""])
                out[col] = series.fillna("")
            continue
        if n and out[col].dtype == object:
            sample = out[col].dropna().head(50).tolist()
            if any(not isinstance(v, str) for v in sample):
                out[col] = out[col].map(join_list)
        if not pd.api.types.is_string_dtype(out[col]) or out[col].hasnans:
            out[col] = out[col].fillna("").astype(str)
    for col in (*_COUNT_COLUMNS, "lat", "lon"):
        if col not in out:
            # an event's killed/wounded is its best estimate (the store keeps both)
            best = f"{col}_best"
            out[col] = out[best] if best in out else np.nan
        out[col] = pd.to_numeric(out[col], errors="coerce").astype("float64")
    for base in ("killed", "wounded"):
        for suffix in ("low", "best", "high"):
            col = f"{base}_{suffix}"
            if col not in out:
                out[col] = out[base]
            out[col] = pd.to_numeric(out[col], errors="coerce").astype("float64")
    for col in ("number_of_reports", "number_of_outlets"):
        if col not in out:
            out[col] = 1
        out[col] = pd.to_numeric(out[col], errors="coerce").fillna(0).astype("int32")
    if "outlet" in out and not isinstance(out["outlet"].dtype, pd.CategoricalDtype):
        out["outlet"] = out["outlet"].fillna("").astype(str)
    for col in _CATEGORY_COLUMNS:
        if col in out and not isinstance(out[col].dtype, pd.CategoricalDtype):
            out[col] = out[col].astype("category")
    sources = out["sources"]  # counted once per distinct value
    cats = sources.cat.categories
    per_cat = np.fromiter((len(split_list(c)) for c in cats), dtype="int32", count=len(cats))
    codes = sources.cat.codes.to_numpy()
    out["n_sources"] = np.where(codes >= 0, per_cat[np.clip(codes, 0, None)] if len(cats) else 0, 0).astype(
        "int32"
    )
    return out.reset_index(drop=True)


def _constant(value: str, n: int, categorical: bool) -> Any:
    """A column of ``n`` times ``value`` (categorical: one code array, no strings)."""
    if categorical:
        return pd.Categorical.from_codes(np.zeros(n, dtype="int8"), pd.Index([value], dtype="str"))
    return pd.array([value] * n, dtype="str")
