"""What the user selected (:class:`Filters`) and the rows that pass it.

Masks are computed once per category of a categorical column, never per row; an events frame
is filtered by outlet through the ``event_id`` -> ``outlet`` pairs of its reports
(:func:`event_outlets_of`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TypedDict

import numpy as np
import pandas as pd

from analytics.aggregate.frame import NO_REGION, split_list
from analytics.models import ARTICLE_LANGUAGES, ATTACKERS, SOURCE_TYPES, WEAPON_CATEGORIES


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
    languages: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()
    min_sources: int = 0

    def without_dates(self) -> Filters:
        return dataclasses.replace(self, start=None, end=None)


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
    for col in ("weapons", "systems", "source_types", "languages"):
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


class FilterOptions(TypedDict):
    """What :func:`filter_options` offers each filter widget (a dict, so caches keep it as one)."""

    start: dt.date | None
    end: dt.date | None
    attackers: list[str]
    regions: dict[str, str]
    weapons: list[str]
    systems: list[str]
    source_types: list[str]
    languages: list[str]
    outlets: list[str]
    max_sources: int


def filter_options(frame: pd.DataFrame, event_outlets: pd.DataFrame | None = None) -> FilterOptions:
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
        "languages": list_values("languages", ARTICLE_LANGUAGES),
        "outlets": outlets,
        "max_sources": int(frame["n_sources"].max()) if len(frame) and "n_sources" in frame else 0,
    }


def event_outlets_of(reports: pd.DataFrame) -> pd.DataFrame:
    """``event_id`` -> ``outlet`` pairs (one per pair) from a reports frame; a report whose
    article names no outlet gives the outlet ``""``, so the outlet chart can count it (no
    filter option matches ``""``)."""
    if reports is None or not len(reports) or "outlet" not in reports:
        return pd.DataFrame({"event_id": pd.Series(dtype=str), "outlet": pd.Series(dtype=str)})
    pairs = reports[["event_id", "outlet"]].dropna(subset=["event_id"])
    pairs = pairs.assign(outlet=pairs["outlet"].astype(object).fillna("")).astype(str).drop_duplicates()
    return pairs.reset_index(drop=True)
