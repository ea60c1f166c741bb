"""How a record's date is shown to people: the one formatter behind the dashboard's tables,
the charts' hover text and the exports' ``date_display`` column.

A record's ``date`` is always a day (or None); ``date_precision`` says how much of it is known
(:data:`analytics.models.DATE_PRECISIONS`). Only a day-precise date is shown as a day; for
2024-03-15 (a Friday):

- ``day``: the ISO day, ``2024-03-15``;
- ``week``: the Monday of its week, approximate: ``week of 2024-03-11 (approx.)``;
- ``month``: the ISO month, approximate: ``2024-03 (month, approx.)``;
- ``unknown``: ``unknown`` (the date, if any, is only a placeholder).

No date at all is ``unknown`` too. A missing precision means ``day`` (the store's default); a
value that is not one of the known precisions is shown as ``unknown`` rather than as a day.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd

from analytics.models import DATE_PRECISIONS

#: The marker every approximate (week or month) date carries.
APPROX = "approx."
#: What a date that is not known at all (or only a placeholder) is shown as.
UNKNOWN = "unknown"
#: Rank of each precision, finest first (``unknown`` is the coarsest).
PRECISION_RANK: dict[str, int] = {p: i for i, p in enumerate(DATE_PRECISIONS)}
_NO_DAY = -(2**40)  # stands for a missing date: far from any real day, and no overflow below


def _day(value: Any) -> dt.date | None:
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.date()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, np.datetime64):
        return None if np.isnat(value) else pd.Timestamp(value).date()
    if isinstance(value, float) and value != value:
        return None
    text = str(value).strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def _precision(value: Any) -> str:
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA:
        return "day"
    text = str(value).strip()
    if not text:
        return "day"
    return text if text in PRECISION_RANK else UNKNOWN


def date_label(date: Any, precision: Any = "day") -> str:
    """A record's date as people should read it (see the module doc): never an exact day
    unless ``precision`` is ``day``."""
    day = _day(date)
    p = _precision(precision)
    if day is None or p == UNKNOWN:
        return UNKNOWN
    if p == "week":
        monday = day - dt.timedelta(days=day.weekday())
        return f"week of {monday:%Y-%m-%d} ({APPROX})"
    if p == "month":
        return f"{day:%Y-%m} (month, {APPROX})"
    return day.isoformat()


def date_labels(dates: Any, precisions: Any = None) -> pd.Series:
    """:func:`date_label` of every row (``precisions`` None: all ``day``), computed once per
    distinct (day, precision) pair, so a million rows cost a few distinct calls."""
    dates = pd.Series(dates) if not isinstance(dates, pd.Series) else dates
    index = dates.index
    if not len(dates):
        return pd.Series([], index=index, dtype=object)
    days = pd.to_datetime(dates, errors="coerce")
    if getattr(days.dt, "tz", None) is not None:
        days = days.dt.tz_localize(None)
    values = days.to_numpy(dtype="datetime64[ns]")
    ints = values.astype("datetime64[D]").view("int64").copy()
    ints[np.isnat(values)] = _NO_DAY
    if precisions is None:
        prec = np.full(len(dates), "day", dtype=object)
    else:
        prec = pd.Series(precisions).astype(object).to_numpy()
    pcodes, puniq = pd.factorize(prec, use_na_sentinel=True)
    k = len(puniq) + 1  # code 0: missing precision
    codes, uniq = pd.factorize(ints * k + (pcodes + 1))
    names = [None, *puniq]
    labels = np.array(
        [
            date_label(None if u // k == _NO_DAY else np.datetime64(int(u // k), "D"), names[int(u % k)])
            for u in uniq
        ],
        dtype=object,
    )
    return pd.Series(labels[codes], index=index, dtype=object)


def coarser_than(precision: Any, unit: str = "day") -> bool:
    """True when a date of ``precision`` is not known to the ``unit`` (``day``, ``week`` or
    ``month``): a month-precise date is coarser than a day or a week, ``unknown`` than all."""
    return PRECISION_RANK[_precision(precision)] > PRECISION_RANK[unit]


__all__ = ["APPROX", "PRECISION_RANK", "UNKNOWN", "coarser_than", "date_label", "date_labels"]
