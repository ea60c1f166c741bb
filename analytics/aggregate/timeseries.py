"""Counts and sums per day, week or month: strikes and casualties over time.

A row whose date is coarser than the series' period (a month-precise date in a weekly
series) is placed on its nominal date and counted in the period's ``approx``.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

from analytics.aggregate.grouping import category_mask, explode_list, grouped
from analytics.labels import coarser_than

Freq = Literal["day", "week", "month"]
FREQS: tuple[str, ...] = ("day", "week", "month")


def _period_start(dates: pd.Series, freq: Freq) -> pd.Series:
    values = dates.to_numpy(dtype="datetime64[D]")
    if freq == "month":
        values = values.astype("datetime64[M]").astype("datetime64[D]")
    elif freq == "week":
        days = values.astype("int64")
        values = (days - (days + 3) % 7).astype("datetime64[D]")  # Monday starts a week
    elif freq != "day":
        raise ValueError(f"unknown frequency {freq!r}")
    return pd.Series(values.astype("datetime64[ns]"), index=dates.index, name="period")


def approximate(frame: pd.DataFrame, freq: Freq) -> pd.Series:
    """1.0 for each row whose date is not known to the ``freq`` (a month-precise date in a
    daily or weekly series, an unknown one in any), else 0.0: a time series places such a row
    on its nominal date, and says how many of a period's rows it holds (``approx``)."""
    if freq not in FREQS:
        raise ValueError(f"unknown frequency {freq!r}")
    if "date_precision" not in frame:
        return pd.Series(np.zeros(len(frame)), index=frame.index)
    flags = category_mask(frame["date_precision"], lambda p: coarser_than(p, freq))
    return pd.Series(flags.astype("float64"), index=frame.index)


def strikes_over_time(frame: pd.DataFrame, freq: Freq = "week", by: str = "attacker") -> pd.DataFrame:
    """Strikes per period and per ``attacker`` or weapon category (``by="weapons"``); ``approx``
    counts the strikes among them whose date is coarser than ``freq`` (see :func:`approximate`)."""
    if by not in ("attacker", "weapons"):
        raise ValueError(f"unknown grouping {by!r}")
    data = frame  # undated rows drop out of the grouping
    if not len(data) or not data["date"].notna().any():
        return pd.DataFrame(
            {"period": pd.Series(dtype="datetime64[ns]"), by: [], "strikes": [], "approx": []}
        )
    approx = approximate(data, freq)
    daily = grouped({"date": data["date"], by: data[by]}, size="strikes", sums={"approx": approx})
    daily["period"] = _period_start(daily["date"], freq)
    if by == "weapons":
        out = explode_list(daily, "weapons", ["period"], ["strikes", "approx"])
    else:
        out = daily.groupby(["period", by], observed=True)[["strikes", "approx"]].sum().reset_index()
        out[by] = out[by].astype(str)
    out["approx"] = out["approx"].astype("int64")
    return out


def casualties_over_time(frame: pd.DataFrame, freq: Freq = "week", cumulative: bool = False) -> pd.DataFrame:
    """Killed and wounded per period and side: low, best and high estimate sums; ``approx``
    counts the strikes whose date is coarser than ``freq`` (see :func:`approximate`).

    A period whose strikes of a side all have an unknown toll gets NaN for it, not 0: nobody
    reported a number. Running totals (``cumulative``) count unknown as adding nothing."""
    cols = [f"{b}_{s}" for b in ("killed", "wounded") for s in ("low", "best", "high")]
    cols.append("approx")
    known = [f"known_{b}" for b in ("killed", "wounded")]
    data = frame  # undated rows drop out of the grouping
    if not len(data) or not data["date"].notna().any():
        return pd.DataFrame(columns=["period", "attacker", *cols])
    sums = {c: data[c] for c in cols[:-1]}
    sums["approx"] = approximate(data, freq)
    for base, name in zip(("killed", "wounded"), known, strict=True):
        sums[name] = data[f"{base}_best"].notna().astype("float64")
    daily = grouped({"date": data["date"], "attacker": data["attacker"]}, sums=sums)
    daily["period"] = _period_start(daily["date"], freq)
    out = daily.groupby(["period", "attacker"], observed=True)[cols + known].sum().reset_index()
    out["attacker"] = out["attacker"].astype(str)
    if cumulative:
        # every side on every period, so the running totals line up
        periods = out["period"].unique()
        sides = out["attacker"].unique()
        full = pd.MultiIndex.from_product([sorted(periods), sides], names=["period", "attacker"])
        out = out.set_index(["period", "attacker"]).reindex(full, fill_value=0).reset_index()
        out = out.sort_values(["attacker", "period"])
        out[cols + known] = out.groupby("attacker")[cols + known].cumsum()
        out = out.sort_values(["period", "attacker"]).reset_index(drop=True)
    for base, name in zip(("killed", "wounded"), known, strict=True):
        unknown = out[name] == 0
        for suffix in ("low", "best", "high"):
            out.loc[unknown, f"{base}_{suffix}"] = np.nan
    out["approx"] = out["approx"].astype("int64")
    return out.drop(columns=known)
