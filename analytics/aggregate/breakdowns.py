"""Breakdowns by side: sourcing, outlets, regions and map places, weapons and systems.

Each aggregates first (see :mod:`analytics.aggregate.grouping`) and splits list fields only
on the aggregated rows; an event naming two weapons or sources counts for each.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analytics.aggregate.frame import NO_REGION
from analytics.aggregate.grouping import explode_list, grouped
from analytics.labels import NO_OUTLET

# --------------------------------------------------------------------------- sourcing


def source_type_shares(frame: pd.DataFrame) -> pd.DataFrame:
    """For each attacking side, the share of its claims (event x source type) by source type."""
    if not len(frame):
        return pd.DataFrame(columns=["attacker", "source_type", "claims", "share"])
    agg = grouped({"attacker": frame["attacker"], "source_type": frame["source_types"]}, size="claims")
    agg["source_type"] = agg["source_type"].astype(str).replace("", "unattributed")
    out = explode_list(agg, "source_type", ["attacker"], ["claims"])
    out["attacker"] = out["attacker"].astype(str)
    out["share"] = out["claims"] / out.groupby("attacker")["claims"].transform("sum")
    return out


def _top_by_side(frame: pd.DataFrame, list_column: str, name: str, size: str, n: int) -> pd.DataFrame:
    """Counts of the ``n`` most frequent items of a ';'-list column, by side (one row per
    item and side); an event naming two items counts for both."""
    if not len(frame):
        return pd.DataFrame(columns=[name, "attacker", size])
    agg = grouped({name: frame[list_column], "attacker": frame["attacker"]}, size=size)
    agg = agg[agg[name].astype(str) != ""]
    if not len(agg):
        return pd.DataFrame(columns=[name, "attacker", size])
    out = explode_list(agg, name, ["attacker"], [size])
    out["attacker"] = out["attacker"].astype(str)
    keep = out.groupby(name)[size].sum().nlargest(n).index
    return out[out[name].isin(keep)].reset_index(drop=True)


def top_sources(frame: pd.DataFrame, n: int = 15) -> pd.DataFrame:
    """The most cited sources: events naming each, by side."""
    return _top_by_side(frame, "sources", "source", "events", n)


def top_outlets(frame: pd.DataFrame, event_outlets: pd.DataFrame | None = None, n: int = 15) -> pd.DataFrame:
    """Outlets reporting the most of the selected events (or reports); articles that name no
    outlet are counted too, as :data:`analytics.labels.NO_OUTLET`: leaving them out would
    hide how much of the selection comes from sources nobody can name."""
    if "outlet" in frame:
        series = frame["outlet"].astype(object).fillna("").astype(str)
    elif event_outlets is not None and len(event_outlets) and len(frame):
        ids = set(frame["event_id"].astype(str))
        series = event_outlets.loc[event_outlets["event_id"].isin(ids), "outlet"]
    else:
        return pd.DataFrame(columns=["outlet", "events"])
    series = series.replace({"": NO_OUTLET})
    out = series.value_counts().head(n).rename_axis("outlet").rename("events").reset_index()
    return out


def confirmation(frame: pd.DataFrame) -> pd.DataFrame:
    """Events by number of sources named (none, one, several) and side."""
    labels = np.array(["no source named", "one source", "several sources"])
    if not len(frame):
        return pd.DataFrame(columns=["attacker", "sourcing", "events"])
    bucket = pd.Series(np.clip(frame["n_sources"].to_numpy(), 0, 2), index=frame.index, name="sourcing")
    out = grouped({"attacker": frame["attacker"], "sourcing": bucket}, size="events")
    out["attacker"] = out["attacker"].astype(str)
    out["sourcing"] = labels[out["sourcing"].to_numpy()]
    return out


# --------------------------------------------------------------------------- regions


def by_region(frame: pd.DataFrame) -> pd.DataFrame:
    """Strikes, killed and wounded by region and side. A toll is NaN where no strike of the
    group reported one: nobody said 0, so the table must not show it."""
    cols = ["region", "region_label", "attacker", "strikes", "killed", "wounded"]
    if not len(frame):
        return pd.DataFrame(columns=cols)
    known = {f"known_{c}": frame[f"{c}_best"].notna().astype("float64") for c in ("killed", "wounded")}
    out = grouped(
        {c: frame[c] for c in ("region", "region_name", "attacker")},
        size="strikes",
        sums={"killed": frame["killed_best"], "wounded": frame["wounded_best"], **known},
    )
    for col in ("region", "region_name", "attacker"):
        out[col] = out[col].astype(str)
    out["region_label"] = np.where(
        out["region_name"] != "", out["region_name"], np.where(out["region"] != "", out["region"], NO_REGION)
    )
    out = out.groupby(["region", "region_label", "attacker"], as_index=False)[
        ["strikes", "killed", "wounded", *known]
    ].sum()
    for col in ("killed", "wounded"):
        out[col] = out[col].where(out[f"known_{col}"] > 0)
    return out[cols]


def map_points(frame: pd.DataFrame, limit: int = 1500) -> pd.DataFrame:
    """One bubble per place (region and location) and side, sized by casualties.

    The ``limit`` places with most strikes are kept so a figure stays small.
    """
    cols = ["lat", "lon", "attacker", "location", "strikes", "killed", "wounded", "casualties"]
    if not len(frame):
        return pd.DataFrame(columns=cols)
    out = grouped(
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
    agg = grouped({"attacker": frame["attacker"], "weapon": frame["weapons"]}, size="strikes")
    out = explode_list(agg, "weapon", ["attacker"], ["strikes"])
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
    agg = grouped(
        {"attacker": data["attacker"], "weapon": data["weapons"]},
        size="events",
        sums={"launched": data["launched"], "intercepted": data["intercepted"]},
    )
    out = explode_list(agg, "weapon", ["attacker"], ["events", "launched", "intercepted"])
    out["attacker"] = out["attacker"].astype(str)
    out["rate"] = (out["intercepted"] / out["launched"]).clip(upper=1.0)
    return out[cols]
