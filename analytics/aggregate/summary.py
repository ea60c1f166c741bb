"""Headline figures and row tables: totals, the period comparison, the latest events,
disagreeing reports, claims side by side and the events table.

The row tables pick the newest rows by partitioning int64 dates, without sorting or copying
the frame first.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from analytics.aggregate.filters import Filters, filter_mask
from analytics.aggregate.frame import join_list
from analytics.models import TOLL_RANGE_FIELDS, claim_from_json

# --------------------------------------------------------------------------- totals


def totals(frame: pd.DataFrame, mask: np.ndarray | None = None) -> dict[str, int]:
    """Strikes, killed, wounded (best estimates) and distinct regions of the selection.

    With ``mask``, of the masked rows of ``frame`` (without copying the frame).
    """
    if mask is None:
        mask = np.ones(len(frame), dtype=bool)
    if not len(frame) or not mask.any():
        return {"strikes": 0, "killed": 0, "wounded": 0, "regions": 0}
    region = frame["region"]
    if isinstance(region.dtype, pd.CategoricalDtype):
        codes = np.unique(region.cat.codes.to_numpy()[mask])
        n_regions = sum(1 for c in codes if c >= 0 and region.cat.categories[c] != "")
    else:
        names = region.to_numpy()[mask]
        n_regions = len({r for r in names if isinstance(r, str) and r})
    return {
        "strikes": int(mask.sum()),
        "killed": int(np.nansum(frame["killed_best"].to_numpy()[mask])),
        "wounded": int(np.nansum(frame["wounded_best"].to_numpy()[mask])),
        "regions": n_regions,
    }


def period_comparison(
    frame: pd.DataFrame, filters: Filters, event_outlets: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Totals of the selected period against the previous period of the same length.

    Rows: strikes, killed, wounded, regions; columns current, previous, change, change_pct
    (``NaN`` when the previous period had none). Without a date range the selection spans
    the data's own first to last day.

    The current totals are those of the selection itself (:func:`filter_mask`), the rows the
    sidebar and the events table count: an undated strike passes no date range, but with none
    set it is part of the selection, and of these totals, though of no period. ``attrs``:
    ``period`` and ``previous_period`` (start, end), ``undated`` (undated strikes in the
    current totals), ``reported`` (per toll, the selected strikes that report it) and
    ``earlier_data`` (whether any strike of the selection's other filters
    is dated before the period: without one, the previous period has no data to compare).
    """
    base = filter_mask(frame, filters.without_dates(), event_outlets)
    selected = filter_mask(frame, filters, event_outlets)
    dates = frame["date"]
    start = pd.Timestamp(filters.start) if filters.start else dates[base].min()
    end = pd.Timestamp(filters.end) if filters.end else dates[base].max()
    current = totals(frame, selected)
    undated = int((selected & dates.isna().to_numpy(bool)).sum()) if len(frame) else 0
    earlier = False
    if pd.isna(start) or pd.isna(end):
        previous = totals(frame.iloc[:0])
        prev_start = prev_end = None
    else:
        length = end - start + pd.Timedelta(days=1)
        prev_end = start - pd.Timedelta(days=1)
        prev_start = start - length
        prev = base & (dates >= prev_start).to_numpy(bool) & (dates <= prev_end).to_numpy(bool)
        previous = totals(frame, prev)
        earlier = bool((base & (dates < start).to_numpy(bool)).any())
    out = pd.DataFrame({"current": current, "previous": previous})
    out["change"] = out["current"] - out["previous"]
    with np.errstate(divide="ignore", invalid="ignore"):
        out["change_pct"] = np.where(out["previous"] > 0, 100.0 * out["change"] / out["previous"], np.nan)
    out.attrs["period"] = (start, end)
    out.attrs["previous_period"] = (prev_start, prev_end)
    out.attrs["undated"] = undated
    # how many selected strikes reported each toll: with none, the total of 0 is nobody's figure
    out.attrs["reported"] = {
        c: int((selected & frame[f"{c}_best"].notna().to_numpy(bool)).sum()) if len(frame) else 0
        for c in ("killed", "wounded")
    }
    out.attrs["earlier_data"] = earlier
    return out


def latest_events(frame: pd.DataFrame, n: int = 10) -> pd.DataFrame:
    cols = [
        c
        for c in (
            "date",
            "date_precision",
            "attacker",
            "region_name",
            "location",
            "weapons",
            "killed_best",
            "wounded_best",
        )
        if c in frame
    ]
    return _newest(frame, n)[cols] if len(frame) else frame[cols]


# --------------------------------------------------------------------------- rows


def disagreements(frame: pd.DataFrame, n: int = 50) -> pd.DataFrame:
    """Events whose reports give different killed or wounded figures (the latest ``n``)."""
    if not len(frame):
        return frame.iloc[:0]
    differ = (frame["killed_low"] != frame["killed_high"]) & frame["killed_low"].notna()
    differ |= (frame["wounded_low"] != frame["wounded_high"]) & frame["wounded_low"].notna()
    cols = [
        c
        for c in (
            "event_id",
            "date",
            "date_precision",
            "attacker",
            "region_name",
            "location",
            *TOLL_RANGE_FIELDS,
            "number_of_reports",
        )
        if c in frame
    ]
    return _newest(frame[cols], n, differ.to_numpy(bool)).reset_index(drop=True)


def claims_table(
    event_ids: Sequence[str], claims: pd.Series | None = None, reports: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Each claim of the given events side by side: outlet, date, killed, wounded, who says so.

    ``claims`` is the events' ``claims`` JSON column indexed by event id; without it the
    reports frame (``event_id``, ``outlet``, ``published``, ``killed``, ...) is used.
    """
    cols = ["event_id", "outlet", "published", "killed", "wounded", "sources", "source_types"]
    rows: list[dict[str, Any]] = []
    wanted = [str(e) for e in event_ids]
    if claims is not None:
        for eid in wanted:
            raw = claims.get(eid)
            if raw is None or (isinstance(raw, float) and np.isnan(raw)):
                continue
            items = json.loads(raw) if isinstance(raw, str) else raw
            for item in items or []:
                claim = claim_from_json(item)
                rows.append(
                    {
                        "event_id": eid,
                        "outlet": claim.outlet,
                        "published": claim.published,
                        "killed": claim.killed,
                        "wounded": claim.wounded,
                        "sources": join_list(claim.sources),
                        "source_types": join_list(claim.source_types),
                    }
                )
    elif reports is not None and len(reports):
        sub = reports[reports["event_id"].astype(str).isin(set(wanted))]
        for col in cols:
            if col not in sub:
                sub = sub.assign(**{col: ""})
        sub = sub[cols].copy()
        for col in ("sources", "source_types"):
            sub[col] = sub[col].map(join_list)
        return sub.reset_index(drop=True)
    return pd.DataFrame(rows, columns=cols)


def _latest(dates: np.ndarray, n: int) -> np.ndarray:
    """Positions of the ``n`` largest int64 dates, largest first."""
    if n <= 0:
        return np.array([], dtype=np.int64)
    if len(dates) <= n:
        top = np.arange(len(dates))
    else:
        top = np.argpartition(dates, len(dates) - n)[len(dates) - n :]
    return top[np.argsort(-(dates[top].astype("float64")), kind="stable")]


def _newest(frame: pd.DataFrame, n: int, mask: np.ndarray | None = None) -> pd.DataFrame:
    """The ``n`` newest dated rows (of ``mask``), newest first: ``nlargest(n, "date")`` without
    copying the frame first."""
    dates = frame["date"].to_numpy().astype("int64")
    lowest = np.iinfo("int64").min
    keep = dates != lowest  # NaT
    if mask is not None:
        keep &= mask
    positions = np.flatnonzero(keep)
    return frame.iloc[positions[_latest(dates[positions], n)]]


def table_rows(frame: pd.DataFrame, n: int = 1000, mask: np.ndarray | None = None) -> pd.DataFrame:
    """The latest ``n`` rows of the selection (``mask``) for the events table, newest first."""
    lowest = np.iinfo("int64").min
    dates = frame["date"].to_numpy().astype("int64")
    dates = np.where(dates == lowest, lowest + 1, dates)  # NaT (undated) rows last
    if mask is not None and not mask.all():
        # partition the selected rows only (masked-out placeholders make argpartition slow)
        positions = np.flatnonzero(mask)
        return frame.iloc[positions[_latest(dates[positions], n)]]
    return frame.iloc[_latest(dates, n)]
