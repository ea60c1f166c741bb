"""Frame -> frame: filters, totals and the counts and sums every chart plots.

Works on the frame convention of the store (one row per event or report, list fields as
``;``-joined strings, ``date`` as datetime64). :func:`prepare` turns such a frame into the
compact analysis frame the other functions take: low-cardinality text as categoricals,
``killed_best``/``low``/``high`` present for reports too, and ``n_sources`` counted once.
Everything here aggregates first and explodes list fields only on the aggregated rows, so
a million events stay fast.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterable, Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd

from analytics.labels import coarser_than
from analytics.models import ATTACKERS, SOURCE_TYPES, WEAPON_CATEGORIES, claim_from_json

Freq = Literal["day", "week", "month"]
FREQS: tuple[str, ...] = ("day", "week", "month")
LIST_SEP = ";"
LIST_COLUMNS: tuple[str, ...] = ("weapons", "systems", "sources", "source_types")
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
    "killed_low",
    "killed_best",
    "killed_high",
    "wounded_low",
    "wounded_best",
    "wounded_high",
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
    "review_status",
    "target_type",
    "sub_event_type",
    "date_precision",
    "outlet",
)
_COUNT_COLUMNS = ("launched", "intercepted", "killed", "wounded", "children_killed")


@dataclasses.dataclass(frozen=True)
class Filters:
    """What the user selected; empty tuples mean "all". Hashable, so it can key a cache."""

    start: dt.date | None = None
    end: dt.date | None = None
    attackers: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    weapons: tuple[str, ...] = ()
    systems: tuple[str, ...] = ()
    source_types: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()
    min_sources: int = 0

    def without_dates(self) -> Filters:
        return dataclasses.replace(self, start=None, end=None)


# --------------------------------------------------------------------------- preparation


def _join_list(value: Any) -> str:
    if isinstance(value, (list, tuple, np.ndarray)):
        return LIST_SEP.join(str(v) for v in value)
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    return str(value)


def split_list(value: Any) -> list[str]:
    """A ``;``-joined string (or a list) as a list of its non-empty items."""
    if isinstance(value, (list, tuple, np.ndarray)):
        return [str(v) for v in value if str(v)]
    if not isinstance(value, str) or not value:
        return []
    return [v.strip() for v in value.split(LIST_SEP) if v.strip()]


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
    for col in LIST_COLUMNS:
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
                out[col] = out[col].map(_join_list)
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


def _empty_like_prepared() -> pd.DataFrame:
    return prepare(pd.DataFrame())


# --------------------------------------------------------------------------- filters


def _matches_any(series: pd.Series, selected: Iterable[str], *, is_list: bool) -> np.ndarray:
    """Rows whose value (or any item of a ``;`` list) is one of ``selected``; via categories."""
    wanted = set(selected)
    if isinstance(series.dtype, pd.CategoricalDtype):
        cats = series.cat.categories
        if is_list:
            ok = np.fromiter((bool(wanted.intersection(split_list(c))) for c in cats), bool, len(cats))
        else:
            ok = np.fromiter((c in wanted for c in cats), bool, len(cats))
        codes = series.cat.codes.to_numpy()
        return np.where(codes >= 0, ok[np.clip(codes, 0, None)] if len(ok) else False, False)
    if is_list:
        return series.map(lambda v: bool(wanted.intersection(split_list(v)))).to_numpy(bool)
    return series.isin(wanted).to_numpy(bool)


def _category_mask(series: pd.Series, keep) -> np.ndarray:
    """``keep(value)`` per row, evaluated once per category when ``series`` is categorical."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        cats = series.cat.categories
        ok = np.fromiter((bool(keep(c)) for c in cats), bool, len(cats))
        codes = series.cat.codes.to_numpy()
        if not len(ok):
            return np.zeros(len(series), dtype=bool)
        return np.where(codes >= 0, ok[np.clip(codes, 0, None)], False)
    return series.map(lambda v: bool(keep(v))).to_numpy(bool)


def filter_mask(
    frame: pd.DataFrame, filters: Filters, event_outlets: pd.DataFrame | None = None
) -> np.ndarray:
    """A boolean mask of the rows that pass ``filters``.

    ``event_outlets`` (columns ``event_id``, ``outlet``) lets an events frame be filtered by
    the outlets of its reports; a reports frame carries its own ``outlet`` column.
    """
    mask = np.ones(len(frame), dtype=bool)
    if not len(frame):
        return mask
    dates = frame["date"]
    if filters.start is not None:
        mask &= (dates >= pd.Timestamp(filters.start)).to_numpy(bool)
    if filters.end is not None:
        mask &= (dates <= pd.Timestamp(filters.end)).to_numpy(bool)
    if filters.attackers:
        mask &= _matches_any(frame["attacker"], filters.attackers, is_list=False)
    if filters.regions:
        region = frame["region"]
        wanted = {"" if r == NO_REGION else r for r in filters.regions}
        mask &= _matches_any(region, wanted, is_list=False)
    for col in ("weapons", "systems", "source_types"):
        selected = getattr(filters, col)
        if selected:
            mask &= _matches_any(frame[col], selected, is_list=True)
    if filters.min_sources:
        mask &= (frame["n_sources"] >= filters.min_sources).to_numpy(bool)
    if filters.outlets:
        if "outlet" in frame:
            mask &= _matches_any(frame["outlet"], filters.outlets, is_list=False)
        elif event_outlets is not None and len(event_outlets):
            ids = event_outlets.loc[event_outlets["outlet"].isin(filters.outlets), "event_id"]
            mask &= frame["event_id"].isin(set(ids.astype(str))).to_numpy(bool)
        else:
            mask &= False
    return mask


def apply_filters(
    frame: pd.DataFrame,
    filters: Filters,
    event_outlets: pd.DataFrame | None = None,
    columns: Sequence[str] | None = None,
    mask: np.ndarray | None = None,
) -> pd.DataFrame:
    """The rows that pass ``filters`` (only ``columns`` if given: copying fewer is faster)."""
    if mask is None:
        mask = filter_mask(frame, filters, event_outlets)
    if columns is not None:
        frame = frame[[c for c in columns if c in frame]]
    return frame if mask.all() else frame[mask]


def filter_options(frame: pd.DataFrame, event_outlets: pd.DataFrame | None = None) -> dict[str, Any]:
    """The values each filter widget offers, taken from the data (plus the fixed vocabularies)."""

    def list_values(col: str, fixed: Sequence[str] = ()) -> list[str]:
        if col not in frame or not len(frame):
            return list(fixed)
        series = frame[col]
        cats = series.cat.categories if isinstance(series.dtype, pd.CategoricalDtype) else series.unique()
        seen = {item for c in cats for item in split_list(c)}
        return [v for v in fixed if v in seen] + sorted(seen - set(fixed))

    regions: dict[str, str] = {}
    if len(frame):
        pairs = frame.groupby(["region", "region_name"], observed=True).size().reset_index()
        for code, name in zip(pairs["region"].astype(str), pairs["region_name"].astype(str), strict=False):
            key = code or NO_REGION
            label = f"{name} ({code})" if name and code else (code or NO_REGION)
            if key not in regions or len(label) > len(regions[key]):
                regions[key] = label
    outlets: list[str] = []
    if "outlet" in frame:
        outlets = sorted(v for v in frame["outlet"].astype(str).unique() if v)
    elif event_outlets is not None and len(event_outlets):
        outlets = sorted(v for v in event_outlets["outlet"].astype(str).unique() if v)
    dates = frame["date"].dropna() if "date" in frame else pd.Series(dtype="datetime64[ns]")
    return {
        "start": dates.min().date() if len(dates) else None,
        "end": dates.max().date() if len(dates) else None,
        "attackers": list_values("attacker", ATTACKERS),
        "regions": dict(sorted(regions.items(), key=lambda kv: kv[1])),
        "weapons": list_values("weapons", WEAPON_CATEGORIES),
        "systems": list_values("systems"),
        "source_types": list_values("source_types", SOURCE_TYPES),
        "outlets": outlets,
        "max_sources": int(frame["n_sources"].max()) if len(frame) and "n_sources" in frame else 0,
    }


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
    """
    base = filter_mask(frame, filters.without_dates(), event_outlets)
    dates = frame["date"]
    start = pd.Timestamp(filters.start) if filters.start else dates[base].min()
    end = pd.Timestamp(filters.end) if filters.end else dates[base].max()
    if pd.isna(start) or pd.isna(end):
        current = previous = totals(frame.iloc[:0])
        prev_start = prev_end = None
    else:
        length = end - start + pd.Timedelta(days=1)
        prev_end = start - pd.Timedelta(days=1)
        prev_start = start - length
        cur = base & (dates >= start).to_numpy(bool) & (dates <= end).to_numpy(bool)
        prev = base & (dates >= prev_start).to_numpy(bool) & (dates <= prev_end).to_numpy(bool)
        current, previous = totals(frame, cur), totals(frame, prev)
    out = pd.DataFrame({"current": current, "previous": previous})
    out["change"] = out["current"] - out["previous"]
    with np.errstate(divide="ignore", invalid="ignore"):
        out["change_pct"] = np.where(out["previous"] > 0, 100.0 * out["change"] / out["previous"], np.nan)
    out.attrs["period"] = (start, end)
    out.attrs["previous_period"] = (prev_start, prev_end)
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


# --------------------------------------------------------------------------- time series


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


def _key_codes(series: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """Integer codes (-1: missing) and their labels: categories, days, or sorted values."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        return series.cat.codes.to_numpy().astype(np.int64), series.cat.categories
    if pd.api.types.is_datetime64_any_dtype(series):
        days = series.to_numpy().astype("datetime64[D]")
        valid = ~np.isnat(days)
        ints = days.view("int64")
        if not valid.any():
            return np.full(len(series), -1, dtype=np.int64), pd.Index([], dtype=series.dtype)
        lo, hi = int(ints[valid].min()), int(ints[valid].max())
        labels = (np.arange(hi - lo + 1) + lo).astype("datetime64[D]").astype(series.dtype)
        return np.where(valid, ints - lo, -1), pd.Index(labels)
    codes, uniques = pd.factorize(series, sort=True)
    return codes.astype(np.int64), pd.Index(uniques)


def _grouped(
    keys: dict[str, pd.Series],
    size: str | None = None,
    sums: dict[str, pd.Series] | None = None,
    means: dict[str, pd.Series] | None = None,
) -> pd.DataFrame:
    """``groupby(keys, observed=True)`` with counts (``size``), NaN-skipping sums and means,
    by one ``np.bincount`` per column over the keys' codes: a few ms for a million rows.

    Rows with a missing key are left out; groups come in key order, as with groupby."""
    sums, means = sums or {}, means or {}
    coded = [_key_codes(s) for s in keys.values()]
    shape = tuple(max(len(labels), 1) for _, labels in coded)
    valid = np.logical_and.reduce([codes >= 0 for codes, _ in coded]) if coded else np.array([], bool)
    cells = int(np.prod(shape, dtype=np.float64))
    if cells > 50_000_000:  # too many combinations for dense counting
        frame = pd.DataFrame({**keys, **sums, **means})
        g = frame.groupby(list(keys), observed=True, sort=True)
        parts = {name: g[name].sum() for name in sums}
        parts.update({name: g[name].mean() for name in means})
        if size:
            parts[size] = g.size()
        return pd.DataFrame(parts).reset_index()[[*keys, *([size] if size else []), *sums, *means]]
    every = bool(valid.all()) if len(valid) else True

    def kept(values: np.ndarray) -> np.ndarray:
        return values if every else values[valid]

    index = np.ravel_multi_index([kept(codes) for codes, _ in coded], shape) if coded else np.array([])
    counts = np.bincount(index, minlength=cells)
    present = np.flatnonzero(counts)
    out: dict[str, Any] = {}
    for name, (_, labels), pos in zip(keys, coded, np.unravel_index(present, shape), strict=True):
        out[name] = labels.take(pos).to_numpy() if len(labels) else np.array([], dtype=object)
    if size:
        out[size] = counts[present].astype(np.int64)
    for name, values in sums.items():
        v = kept(values.to_numpy(dtype="float64", na_value=np.nan))
        v = np.where(np.isnan(v), 0.0, v)
        out[name] = np.bincount(index, weights=v, minlength=cells)[present]
    for name, values in means.items():
        v = kept(values.to_numpy(dtype="float64", na_value=np.nan))
        known = ~np.isnan(v)
        total = np.bincount(index, weights=np.where(known, v, 0.0), minlength=cells)[present]
        n = np.bincount(index, weights=known, minlength=cells)[present]
        with np.errstate(invalid="ignore", divide="ignore"):
            out[name] = np.where(n > 0, total / np.maximum(n, 1), np.nan)
    return pd.DataFrame(out)


def _explode_list(agg: pd.DataFrame, col: str, keys: Sequence[str], values: Sequence[str]) -> pd.DataFrame:
    """Split the ``;`` list column of an already aggregated frame into one row per item."""
    agg = agg.copy()
    agg[col] = agg[col].astype(str).map(lambda v: split_list(v) or ["unknown"])
    agg = agg.explode(col)
    return agg.groupby([*keys, col], observed=True, sort=True)[list(values)].sum().reset_index()


def approximate(frame: pd.DataFrame, freq: Freq) -> pd.Series:
    """1.0 for each row whose date is not known to the ``freq`` (a month-precise date in a
    daily or weekly series, an unknown one in any), else 0.0: a time series places such a row
    on its nominal date, and says how many of a period's rows it holds (``approx``)."""
    if freq not in FREQS:
        raise ValueError(f"unknown frequency {freq!r}")
    if "date_precision" not in frame:
        return pd.Series(np.zeros(len(frame)), index=frame.index)
    flags = _category_mask(frame["date_precision"], lambda p: coarser_than(p, freq))
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
    daily = _grouped({"date": data["date"], by: data[by]}, size="strikes", sums={"approx": approx})
    daily["period"] = _period_start(daily["date"], freq)
    if by == "weapons":
        out = _explode_list(daily, "weapons", ["period"], ["strikes", "approx"])
    else:
        out = daily.groupby(["period", by], observed=True)[["strikes", "approx"]].sum().reset_index()
        out[by] = out[by].astype(str)
    out["approx"] = out["approx"].astype("int64")
    return out


def casualties_over_time(frame: pd.DataFrame, freq: Freq = "week", cumulative: bool = False) -> pd.DataFrame:
    """Killed and wounded per period and side: low, best and high estimate sums; ``approx``
    counts the strikes whose date is coarser than ``freq`` (see :func:`approximate`)."""
    cols = [f"{b}_{s}" for b in ("killed", "wounded") for s in ("low", "best", "high")]
    cols.append("approx")
    data = frame  # undated rows drop out of the grouping
    if not len(data) or not data["date"].notna().any():
        return pd.DataFrame(columns=["period", "attacker", *cols])
    sums = {c: data[c] for c in cols[:-1]}
    sums["approx"] = approximate(data, freq)
    daily = _grouped({"date": data["date"], "attacker": data["attacker"]}, sums=sums)
    daily["period"] = _period_start(daily["date"], freq)
    out = daily.groupby(["period", "attacker"], observed=True)[cols].sum().reset_index()
    out["attacker"] = out["attacker"].astype(str)
    if cumulative:
        # every side on every period, so the running totals line up
        periods = out["period"].unique()
        sides = out["attacker"].unique()
        full = pd.MultiIndex.from_product([sorted(periods), sides], names=["period", "attacker"])
        out = out.set_index(["period", "attacker"]).reindex(full, fill_value=0).reset_index()
        out = out.sort_values(["attacker", "period"])
        out[cols] = out.groupby("attacker")[cols].cumsum()
        out = out.sort_values(["period", "attacker"]).reset_index(drop=True)
    out["approx"] = out["approx"].astype("int64")
    return out


# --------------------------------------------------------------------------- sourcing


def source_type_shares(frame: pd.DataFrame) -> pd.DataFrame:
    """For each attacking side, the share of its claims (event x source type) by source type."""
    if not len(frame):
        return pd.DataFrame(columns=["attacker", "source_type", "claims", "share"])
    agg = _grouped({"attacker": frame["attacker"], "source_type": frame["source_types"]}, size="claims")
    agg["source_type"] = agg["source_type"].astype(str).replace("", "unattributed")
    out = _explode_list(agg, "source_type", ["attacker"], ["claims"])
    out["attacker"] = out["attacker"].astype(str)
    out["share"] = out["claims"] / out.groupby("attacker")["claims"].transform("sum")
    return out


def _top_by_side(frame: pd.DataFrame, list_column: str, name: str, size: str, n: int) -> pd.DataFrame:
    """Counts of the ``n`` most frequent items of a ';'-list column, by side (one row per
    item and side); an event naming two items counts for both."""
    if not len(frame):
        return pd.DataFrame(columns=[name, "attacker", size])
    agg = _grouped({name: frame[list_column], "attacker": frame["attacker"]}, size=size)
    agg = agg[agg[name].astype(str) != ""]
    if not len(agg):
        return pd.DataFrame(columns=[name, "attacker", size])
    out = _explode_list(agg, name, ["attacker"], [size])
    out["attacker"] = out["attacker"].astype(str)
    keep = out.groupby(name)[size].sum().nlargest(n).index
    return out[out[name].isin(keep)].reset_index(drop=True)


def top_sources(frame: pd.DataFrame, n: int = 15) -> pd.DataFrame:
    """The most cited sources: events naming each, by side."""
    return _top_by_side(frame, "sources", "source", "events", n)


def event_outlets_of(reports: pd.DataFrame) -> pd.DataFrame:
    """``event_id`` -> ``outlet`` pairs (one per pair) from a reports frame."""
    if reports is None or not len(reports) or "outlet" not in reports:
        return pd.DataFrame({"event_id": pd.Series(dtype=str), "outlet": pd.Series(dtype=str)})
    pairs = reports[["event_id", "outlet"]].dropna().astype(str)
    pairs = pairs[pairs["outlet"] != ""].drop_duplicates()
    return pairs.reset_index(drop=True)


def top_outlets(frame: pd.DataFrame, event_outlets: pd.DataFrame | None = None, n: int = 15) -> pd.DataFrame:
    """Outlets reporting the most of the selected events (or reports)."""
    if "outlet" in frame:
        series = frame["outlet"].astype(str)
    elif event_outlets is not None and len(event_outlets) and len(frame):
        ids = set(frame["event_id"].astype(str))
        series = event_outlets.loc[event_outlets["event_id"].isin(ids), "outlet"]
    else:
        return pd.DataFrame(columns=["outlet", "events"])
    series = series[series != ""]
    out = series.value_counts().head(n).rename_axis("outlet").rename("events").reset_index()
    return out


def confirmation(frame: pd.DataFrame) -> pd.DataFrame:
    """Events by number of sources named (none, one, several) and side."""
    labels = np.array(["no source named", "one source", "several sources"])
    if not len(frame):
        return pd.DataFrame(columns=["attacker", "sourcing", "events"])
    bucket = pd.Series(np.clip(frame["n_sources"].to_numpy(), 0, 2), index=frame.index, name="sourcing")
    out = _grouped({"attacker": frame["attacker"], "sourcing": bucket}, size="events")
    out["attacker"] = out["attacker"].astype(str)
    out["sourcing"] = labels[out["sourcing"].to_numpy()]
    return out


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
            "killed_low",
            "killed_best",
            "killed_high",
            "wounded_low",
            "wounded_best",
            "wounded_high",
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
                        "sources": LIST_SEP.join(claim.sources),
                        "source_types": LIST_SEP.join(claim.source_types),
                    }
                )
    elif reports is not None and len(reports):
        sub = reports[reports["event_id"].astype(str).isin(set(wanted))]
        for col in cols:
            if col not in sub:
                sub = sub.assign(**{col: ""})
        sub = sub[cols].copy()
        for col in ("sources", "source_types"):
            sub[col] = sub[col].map(_join_list)
        return sub.reset_index(drop=True)
    return pd.DataFrame(rows, columns=cols)


# --------------------------------------------------------------------------- regions


def by_region(frame: pd.DataFrame) -> pd.DataFrame:
    """Strikes, killed and wounded by region and side."""
    cols = ["region", "region_label", "attacker", "strikes", "killed", "wounded"]
    if not len(frame):
        return pd.DataFrame(columns=cols)
    out = _grouped(
        {c: frame[c] for c in ("region", "region_name", "attacker")},
        size="strikes",
        sums={"killed": frame["killed_best"], "wounded": frame["wounded_best"]},
    )
    for col in ("region", "region_name", "attacker"):
        out[col] = out[col].astype(str)
    out["region_label"] = np.where(
        out["region_name"] != "", out["region_name"], np.where(out["region"] != "", out["region"], NO_REGION)
    )
    out = out.groupby(["region", "region_label", "attacker"], as_index=False)[
        ["strikes", "killed", "wounded"]
    ].sum()
    return out[cols]


def map_points(frame: pd.DataFrame, limit: int = 1500) -> pd.DataFrame:
    """One bubble per place (region and location) and side, sized by casualties.

    The ``limit`` places with most strikes are kept so a figure stays small.
    """
    cols = ["lat", "lon", "attacker", "location", "strikes", "killed", "wounded", "casualties"]
    if not len(frame):
        return pd.DataFrame(columns=cols)
    out = _grouped(
        {c: frame[c] for c in ("region", "location", "attacker")},
        size="strikes",
        sums={"killed": frame["killed_best"], "wounded": frame["wounded_best"]},
        means={"lat": frame["lat"], "lon": frame["lon"]},
    )
    out = out[out["lat"].notna() & out["lon"].notna()]
    out["attacker"] = out["attacker"].astype(str)
    out["location"] = out["location"].astype(str)
    out["casualties"] = out["killed"] + out["wounded"]
    return out.nlargest(limit, "strikes")[cols].reset_index(drop=True)


# --------------------------------------------------------------------------- weapons


def by_weapon(frame: pd.DataFrame) -> pd.DataFrame:
    """Strikes by weapon category and side (an event with two categories counts in both)."""
    if not len(frame):
        return pd.DataFrame(columns=["attacker", "weapon", "strikes"])
    agg = _grouped({"attacker": frame["attacker"], "weapon": frame["weapons"]}, size="strikes")
    out = _explode_list(agg, "weapon", ["attacker"], ["strikes"])
    out["attacker"] = out["attacker"].astype(str)
    return out


def by_system(frame: pd.DataFrame, n: int = 20) -> pd.DataFrame:
    """Strikes by named weapon system and side, the ``n`` most used systems."""
    return _top_by_side(frame, "systems", "system", "strikes", n)[["attacker", "system", "strikes"]]


def interception(frame: pd.DataFrame) -> pd.DataFrame:
    """Interception rate by weapon category and side, over events where both counts are known."""
    cols = ["attacker", "weapon", "events", "launched", "intercepted", "rate"]
    known = frame["launched"].notna() & frame["intercepted"].notna() & (frame["launched"] > 0)
    data = frame[known] if len(frame) else frame
    if not len(data):
        return pd.DataFrame(columns=cols)
    agg = _grouped(
        {"attacker": data["attacker"], "weapon": data["weapons"]},
        size="events",
        sums={"launched": data["launched"], "intercepted": data["intercepted"]},
    )
    out = _explode_list(agg, "weapon", ["attacker"], ["events", "launched", "intercepted"])
    out["attacker"] = out["attacker"].astype(str)
    out["rate"] = (out["intercepted"] / out["launched"]).clip(upper=1.0)
    return out[cols]


# --------------------------------------------------------------------------- table


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
