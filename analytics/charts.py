"""Aggregated frame -> Plotly figure, one function per chart.

Every chart colours the attacking side with :data:`SIDE_COLOURS` (Okabe-Ito, safe for the
common colour-vision deficiencies), and weapon categories and source types with their own
fixed maps, so a colour means the same thing in every view and every download. Figures get
a title, axis titles with units, and hold aggregated rows only; codes are shown in the words of
:mod:`analytics.labels` (colours stay keyed by code).

Layout: the title sits at the top of the figure and the legend on its own line between the
title and the plot, so neither covers the other at any width; time axes tick at the periods
themselves when there are few, so one bar is labelled with its day, not with sub-second ticks.
"""

from __future__ import annotations

import copy
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from analytics.labels import APPROX, chart_labels, chart_text, display_text, label
from analytics.models import ATTACKERS, SOURCE_TYPES, WEAPON_CATEGORIES

#: One colour per attacking side, used everywhere (Okabe-Ito vermillion, blue, grey).
SIDE_COLOURS: dict[str, str] = {"Russia": "#D55E00", "Ukraine": "#0072B2", "unknown": "#7F7F7F"}
WEAPON_COLOURS: dict[str, str] = {
    "missile": "#E69F00",
    "drone": "#56B4E9",
    "air_strike": "#CC79A7",
    "artillery": "#009E73",
    "unknown": "#7F7F7F",
}
SOURCE_TYPE_COLOURS: dict[str, str] = {
    "ukraine_official": "#0072B2",
    "russia_official": "#D55E00",
    "third_party_official": "#009E73",
    "media": "#E69F00",
    "other": "#CC79A7",
    "unattributed": "#7F7F7F",
}
FREQ_LABELS = {"day": "Day", "week": "Week from Monday", "month": "Month"}
#: pandas frequency of each period, for the full run of periods a line is drawn over.
_PERIOD_FREQ = {"day": "D", "week": "W-MON", "month": "MS"}
#: At most this many ticks on a time axis: at 1366 px a full-width chart has room for about
#: ten "4 Mar 2024" labels, so eight leave a gap between them at every common screen width.
MAX_TIME_TICKS = 8
#: Up to this many ticks, each says what it is ("week of 4 Mar 2024"); more get the short day,
#: the axis title naming the period, so the long words do not run into each other.
_WORDY_TICKS = 4
#: Days of each period, for the width of a bar (a month counts its shortest length).
_PERIOD_DAYS = {"day": 1, "week": 7, "month": 28}
#: A bar covers this share of its period, so neighbouring periods stay apart.
_BAR_SHARE = 0.8
#: A time axis spans at least this many periods.
_MIN_PERIODS = 5
_LAYOUT = dict(
    template="plotly_white",
    height=440,
    margin=dict(l=60, r=20, t=100, b=50),
    title=dict(x=0.0, xanchor="left", xref="paper", y=0.98, yanchor="top", yref="container"),
    legend=dict(
        orientation="h",
        yanchor="bottom",
        y=1.02,
        xanchor="left",
        x=0.0,
        traceorder="normal",
        title_side="left",
    ),
    font=dict(family="Arial, sans-serif", size=13),
)


def _word(field: str, code: object) -> str:
    """The words for a code, as Plotly text: a code no table lists is shown as it is, and may
    have come from an article or a correction, so it is escaped like any article text."""
    return chart_text(label(field, code))


def side_colour(side: str) -> str:
    return SIDE_COLOURS.get(side, SIDE_COLOURS["unknown"])


def _ordered(values: pd.Series | list[str], order: tuple[str, ...]) -> list[str]:
    present = list(dict.fromkeys(str(v) for v in values))
    return [v for v in order if v in present] + sorted(v for v in present if v not in order)


_base_layout: dict[str, Any] = {}


def _figure() -> go.Figure:
    """An empty figure already in the house layout (:data:`_LAYOUT`).

    Setting the template validates and copies all of it again, about 20 ms a figure; the
    layout is validated once here and later figures start from that, unvalidated copy."""
    if not _base_layout:
        _base_layout.update(go.Figure(layout=_LAYOUT).layout.to_plotly_json())
    fig = go.Figure(layout=copy.deepcopy(_base_layout), _validate=False)
    fig._validate = True  # traces and later layout updates are validated as usual
    fig._layout_obj._validate = True
    fig._house_layout = True
    return fig


def _small_counts(fig: go.Figure, on_x: bool) -> bool:
    """True when the largest bar is under 10, where Plotly would pick half steps."""
    peak = 0.0
    for trace in fig.data:
        values = getattr(trace, "x" if on_x else "y", None)
        if values is None or getattr(trace, "type", "") not in {"bar", "scatter"}:
            continue
        top = pd.to_numeric(pd.Series(list(values)), errors="coerce").max()
        if pd.notna(top):
            peak = max(peak, float(top) * (len(fig.data) if fig.layout.barmode == "stack" else 1))
    return 0 < peak < 10


def approx_notes(counts: Any, freq: str) -> list[str]:
    """Hover text lines for a time series' periods: how many of a period's strikes are placed on
    their nominal date although their date is not known to the ``freq`` (``approx`` counts of
    :func:`analytics.aggregate.approximate`); empty where there are none."""
    if counts is None:
        return []
    return [
        f"<br>incl. {int(n)} not dated to the {freq} ({APPROX})" if n == n and int(n) > 0 else ""
        for n in counts
    ]


def period_text(period: object, freq: str) -> str:
    """A period start in words: "3 Mar 2024", "week of 4 Mar 2024", "Mar 2024"."""
    ts = pd.Timestamp(period)
    day = f"{ts.day} {ts:%b %Y}"
    return {"week": f"week of {day}", "month": f"{ts:%b %Y}"}.get(freq, day)


def time_ticks(periods: object, freq: str) -> tuple[list[pd.Timestamp], list[str]]:
    """The ticks of a time axis and their labels: at most :data:`MAX_TIME_TICKS`, every k-th
    period counted back from the latest, so the newest period always has its label and the
    labels never crowd each other (a long axis would otherwise overlap or drop the last ones)."""
    values = sorted(pd.Series(pd.to_datetime(pd.Series(periods), errors="coerce")).dropna().unique())
    if not values:
        return [], []
    step = -(-len(values) // MAX_TIME_TICKS)  # ceiling division
    ticks = [pd.Timestamp(v) for v in values[::-1][::step][::-1]]
    if len(ticks) <= _WORDY_TICKS:
        return ticks, [period_text(v, freq) for v in ticks]
    fmt = "%b %Y" if freq == "month" else "%-d %b %Y"
    return ticks, [f"{v:{fmt}}" for v in ticks]


def _time_axis(fig: go.Figure, periods: object, freq: str, **where: int) -> None:
    """Ticks a reader can use (:func:`time_ticks`), the axis padded half a period each side so
    the first and last bars are whole."""
    values = sorted(pd.Series(pd.to_datetime(pd.Series(periods), errors="coerce")).dropna().unique())
    if not values:
        return
    ticks, text = time_ticks(values, freq)
    step = pd.tseries.frequencies.to_offset(_PERIOD_FREQ.get(freq, "D"))
    lo, hi = pd.Timestamp(values[0]), pd.Timestamp(values[-1])
    period = (lo + step) - lo
    # half a period each side, and at least _MIN_PERIODS shown: one bar filling the whole plot
    # reads as a background, not as one period's count
    pad = max(period / 2, (period * _MIN_PERIODS - (hi - lo)) / 2)
    fig.update_xaxes(tickmode="array", tickvals=ticks, ticktext=text, range=[lo - pad, hi + pad], **where)
    fig.update_xaxes(hoverformat="%b %Y" if freq == "month" else "%-d %b %Y", **where)


def bar_width_ms(freq: str) -> float:
    """The width of a period's bar on a date axis, in milliseconds (Plotly's unit there). Given
    explicitly: with a single period Plotly has no spacing to size the bar by, and draws it
    zero pixels wide."""
    return _BAR_SHARE * _PERIOD_DAYS.get(freq, 1) * 86_400_000


def _full_run(sub: pd.DataFrame, periods: pd.DatetimeIndex) -> pd.DataFrame:
    """``sub`` (one row per period) on every period of ``periods``: a period with no strikes
    is a row of NaN, so a line stops there instead of bridging it."""
    return sub.set_index("period").reindex(periods).rename_axis("period").reset_index()


def _finish(fig: go.Figure, title: str, x_title: str, y_title: str, empty: bool) -> go.Figure:
    if getattr(fig, "_house_layout", False):
        fig.update_layout(title=dict(text=title))
    else:
        fig.update_layout(**_LAYOUT)
        fig.update_layout(title=dict(text=title))
    fig.update_xaxes(title_text=x_title)
    fig.update_yaxes(title_text=y_title)
    # Counts are whole numbers: no "0.5 strikes" ticks on a count axis.
    for title, update in ((x_title, fig.update_xaxes), (y_title, fig.update_yaxes)):
        if "(count)" in title or title.startswith(("Killed", "Wounded", "People")):
            update(tickformat=",d", rangemode="tozero")
            if _small_counts(fig, title is x_title):
                update(dtick=1)
    if empty:
        fig.add_annotation(
            text="No data for this selection",
            showarrow=False,
            xref="paper",
            yref="paper",
            x=0.5,
            y=0.5,
            font=dict(size=16, color="#555555"),
        )
    return fig


def strikes_over_time(data: pd.DataFrame, freq: str = "week", by: str = "attacker") -> go.Figure:
    """Stacked bars of strikes per period, by side or by weapon category."""
    fig = _figure()
    colours, order, legend = (
        (SIDE_COLOURS, ATTACKERS, "Attacking side")
        if by == "attacker"
        else (WEAPON_COLOURS, WEAPON_CATEGORIES, "Weapon")
    )
    field = "attacker" if by == "attacker" else "weapon"
    for key in _ordered(data[by], order) if len(data) else []:
        sub = data[data[by] == key]
        notes = approx_notes(sub["approx"] if "approx" in sub else [0] * len(sub), freq)
        name = _word(field, key)
        fig.add_bar(
            x=sub["period"],
            y=sub["strikes"],
            name=name,
            marker_color=colours.get(key, "#7F7F7F"),
            width=bar_width_ms(freq),
            customdata=[[period_text(p, freq), n] for p, n in zip(sub["period"], notes, strict=True)],
            hovertemplate=f"{name}<br>%{{customdata[0]}}: %{{y}} strikes%{{customdata[1]}}<extra></extra>",
        )
    fig.update_layout(barmode="stack", legend_title_text=legend)
    if len(data):
        _time_axis(fig, data["period"], freq)
    return _finish(
        fig,
        f"Strikes per {freq} by {legend.lower()}",
        f"{FREQ_LABELS.get(freq, freq)} (date of the strike)",
        "Strikes (count)",
        not len(data),
    )


def casualties_over_time(data: pd.DataFrame, freq: str = "week", cumulative: bool = False) -> go.Figure:
    """Killed and wounded per period and side (best estimate), whiskers from the lowest to the
    highest report where they differ. A period with no strikes, or whose tolls are all unknown
    (NaN in ``data``), is a gap in the line, never a 0; the running totals of ``cumulative``
    carry over such periods instead."""
    fig = make_subplots(
        rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.1, subplot_titles=("Killed", "Wounded")
    )
    fig.update_layout(**_LAYOUT)
    fig._house_layout = True
    periods = pd.DatetimeIndex([])
    if len(data):
        known = pd.to_datetime(data["period"]).dropna()
        periods = pd.date_range(known.min(), known.max(), freq=_PERIOD_FREQ.get(freq, "D"))
        periods = periods.union(pd.DatetimeIndex(known.unique()))
    ranged = False
    for row, base in ((1, "killed"), (2, "wounded")):
        for side in _ordered(data["attacker"], ATTACKERS) if len(data) else []:
            sub = data[data["attacker"] == side].assign(period=lambda d: pd.to_datetime(d["period"]))
            sub = _full_run(sub.sort_values("period"), periods)
            if cumulative:
                sub = sub.ffill()
            best, low, high = sub[f"{base}_best"], sub[f"{base}_low"], sub[f"{base}_high"]
            notes = approx_notes(sub["approx"] if "approx" in sub else [0] * len(sub), freq)
            up, down = (high - best).clip(lower=0), (best - low).clip(lower=0)
            ranged = ranged or bool((up.fillna(0) > 0).any() or (down.fillna(0) > 0).any())
            name = _word("attacker", side)
            fig.add_scatter(
                x=sub["period"],
                y=best,
                mode="lines+markers",
                connectgaps=False,
                name=name,
                legendgroup=side,
                showlegend=row == 1,
                line=dict(color=side_colour(side)),
                error_y=dict(type="data", symmetric=False, array=up, arrayminus=down, thickness=1.2),
                customdata=[
                    [period_text(p, freq), _whole(lo), _whole(hi), n]
                    for p, lo, hi, n in zip(sub["period"], low, high, notes, strict=True)
                ],
                hovertemplate=(
                    f"{name}, {base}<br>%{{customdata[0]}}: %{{y:,d}} (reports give %{{customdata[1]}}"
                    " to %{customdata[2]})%{customdata[3]}<extra></extra>"
                ),
                row=row,
                col=1,
            )
    kind = "Cumulative people" if cumulative else "People"
    fig.update_layout(height=580, legend_title_text="Attacking side")
    title = f"{'Cumulative k' if cumulative else 'K'}illed and wounded per {freq} (best estimate"
    title += "; whiskers: lowest to highest report)" if ranged else ")"
    fig = _finish(fig, title, "", "", not len(data))
    if len(data):
        _time_axis(fig, periods, freq, row=1)
        _time_axis(fig, periods, freq, row=2)
    fig.update_xaxes(title_text=f"{FREQ_LABELS.get(freq, freq)} (date of the strike)", row=2)
    fig.update_yaxes(title_text=f"{kind} killed", row=1)
    fig.update_yaxes(title_text=f"{kind} wounded", row=2)
    return fig


def _whole(value: object) -> str:
    """A toll for hover text: a whole number, or "unknown"."""
    if value is None or value is pd.NA:
        return "unknown"
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return "unknown"
    return "unknown" if number != number else f"{int(number):,}"


def source_type_shares(data: pd.DataFrame) -> go.Figure:
    """For each side, a 100% bar of its claims split by source type."""
    fig = _figure()
    sides = _ordered(data["attacker"], ATTACKERS) if len(data) else []
    for st_ in _ordered(data["source_type"], SOURCE_TYPES) if len(data) else []:
        # A side without claims of this type has a share of 0, not NaN: a NaN bar would break
        # the stack, so the next segment starts again at 0 and hides this side's 100%.
        sub = data[data["source_type"] == st_].set_index("attacker").reindex(sides)
        sub = sub.assign(share=sub["share"].fillna(0.0), claims=sub["claims"].fillna(0).astype(int))
        fig.add_bar(
            y=[_word("attacker", side) for side in sides],
            x=sub["share"] * 100,
            orientation="h",
            name=_word("source_type", st_),
            marker_color=SOURCE_TYPE_COLOURS.get(st_, "#7F7F7F"),
            customdata=sub["claims"],
            hovertemplate=f"{_word('source_type', st_)}<br>%{{y}}: %{{x:.1f}}%% (%{{customdata}} claims)<extra></extra>".replace(
                "%%", "%"
            ),
        )
    fig.update_layout(barmode="stack", legend_title_text="Source type")
    return _finish(
        fig,
        "Who the claims come from, by attacking side",
        "Share of claims (%)",
        "Attacking side",
        not len(data),
    )


def _stacked_horizontal(
    data: pd.DataFrame, category: str, value: str, title: str, x_title: str, y_title: str
) -> go.Figure:
    fig = _figure()
    if len(data):
        # names from articles (sources, outlets, places): escaped and cut for the axis, whole
        # (escaped) in the hover text
        names = data[category].astype(object).map(display_text)
        short = dict(zip(names, chart_labels(names), strict=True))
        data = data.assign(**{category: names})
        order = [short[n] for n in data.groupby(category)[value].sum().sort_values().index]
        for side in _ordered(data["attacker"], ATTACKERS):
            sub = data[data["attacker"] == side]
            fig.add_bar(
                y=[short[n] for n in sub[category]],
                x=sub[value],
                orientation="h",
                name=_word("attacker", side),
                marker_color=side_colour(side),
                customdata=[chart_text(n) for n in sub[category]],
                hovertemplate=f"{_word('attacker', side)}<br>%{{customdata}}: %{{x}}<extra></extra>",
            )
        fig.update_yaxes(categoryorder="array", categoryarray=order)
        fig.update_layout(height=max(320, 60 + 24 * len(order)))
    fig.update_layout(barmode="stack", legend_title_text="Attacking side")
    return _finish(fig, title, x_title, y_title, not len(data))


def top_sources(data: pd.DataFrame) -> go.Figure:
    return _stacked_horizontal(
        data, "source", "events", "Most cited sources", "Events citing the source (count)", "Source"
    )


def top_outlets(data: pd.DataFrame) -> go.Figure:
    fig = _figure()
    if len(data):
        sub = data.sort_values("events")
        fig.add_bar(
            y=chart_labels(sub["outlet"]),
            x=sub["events"],
            orientation="h",
            name="outlets",
            marker_color="#56B4E9",
            customdata=[chart_text(o) for o in sub["outlet"]],
            hovertemplate="%{customdata}: %{x} events<extra></extra>",
        )
        fig.update_layout(height=max(320, 60 + 24 * len(sub)), showlegend=False)
    return _finish(
        fig, "Outlets reporting the most strikes", "Strikes reported (count)", "Outlet", not len(data)
    )


def confirmation(data: pd.DataFrame) -> go.Figure:
    """Events with no, one or several sources named, per side."""
    fig = _figure()
    order = ["no source named", "one source", "several sources"]
    for side in _ordered(data["attacker"], ATTACKERS) if len(data) else []:
        sub = data[data["attacker"] == side].set_index("sourcing").reindex(order).fillna(0)
        fig.add_bar(
            x=order,
            y=sub["events"],
            name=_word("attacker", side),
            marker_color=side_colour(side),
            hovertemplate=f"{_word('attacker', side)}<br>%{{x}}: %{{y}} strikes<extra></extra>",
        )
    fig.update_layout(barmode="group", legend_title_text="Attacking side")
    return _finish(
        fig, "Strikes confirmed by one source or several", "Sources named", "Strikes (count)", not len(data)
    )


def region_strikes(data: pd.DataFrame) -> go.Figure:
    return _stacked_horizontal(
        data, "region_label", "strikes", "Strikes by region", "Strikes (count)", "Region hit"
    )


def region_casualties(data: pd.DataFrame) -> go.Figure:
    """Killed and wounded by region (best estimates), coloured by side."""
    if len(data):
        # an unreported toll adds nothing (the other one may be known)
        data = data.assign(casualties=data["killed"].fillna(0) + data["wounded"].fillna(0))
        data = data[data["casualties"] > 0]
    return _stacked_horizontal(
        data,
        "region_label",
        "casualties",
        "Casualties by region (killed + wounded, best estimate)",
        "People killed or wounded",
        "Region hit",
    )


def strike_map(data: pd.DataFrame) -> go.Figure:
    """Bubbles per place on a plain geo map (no tile server), area ~ casualties."""
    fig = _figure()
    if len(data):
        peak = max(float(data["casualties"].max()), 1.0)
        for side in _ordered(data["attacker"], ATTACKERS):
            sub = data[data["attacker"] == side]
            size = 6 + 34 * (sub["casualties"].clip(lower=0) / peak) ** 0.5
            fig.add_scattergeo(
                lat=sub["lat"],
                lon=sub["lon"],
                name=_word("attacker", side),
                mode="markers",
                marker=dict(
                    size=size, color=side_colour(side), opacity=0.7, line=dict(width=0.5, color="white")
                ),
                customdata=sub[["location", "strikes", "killed", "wounded"]]
                .assign(location=[chart_text(p) for p in sub["location"]])
                .to_numpy(),
                hovertemplate=(
                    f"%{{customdata[0]}} ({_word('attacker', side)})<br>%{{customdata[1]}} strikes, %{{customdata[2]}} killed, "
                    "%{customdata[3]} wounded<extra></extra>"
                ),
            )
    fig.update_geos(
        projection_type="mercator",
        lonaxis_range=[20, 50],
        lataxis_range=[43, 58],
        showcountries=True,
        showland=True,
        landcolor="#F2F2F2",
        countrycolor="#999999",
        showcoastlines=True,
        coastlinecolor="#999999",
        resolution=50,
    )
    fig.update_layout(legend_title_text="Attacking side", height=560)
    fig = _finish(
        fig,
        "Where strikes hit (bubble area ~ killed + wounded)",
        "Longitude (deg)",
        "Latitude (deg)",
        not len(data),
    )
    return fig


def weapons(data: pd.DataFrame) -> go.Figure:
    """Strikes by weapon category, stacked by side."""
    fig = _figure()
    cats = _ordered(data["weapon"], WEAPON_CATEGORIES) if len(data) else []
    for side in _ordered(data["attacker"], ATTACKERS) if len(data) else []:
        sub = data[data["attacker"] == side].set_index("weapon").reindex(cats).fillna(0)
        fig.add_bar(
            x=[_word("weapon", c) for c in cats],
            y=sub["strikes"],
            name=_word("attacker", side),
            marker_color=side_colour(side),
            hovertemplate=f"{_word('attacker', side)}<br>%{{x}}: %{{y}} strikes<extra></extra>",
        )
    fig.update_layout(barmode="stack", legend_title_text="Attacking side")
    return _finish(fig, "Strikes by weapon category", "Weapon category", "Strikes (count)", not len(data))


def systems(data: pd.DataFrame) -> go.Figure:
    return _stacked_horizontal(
        data, "system", "strikes", "Strikes by named weapon system", "Strikes (count)", "Weapon system"
    )


def interception(data: pd.DataFrame) -> go.Figure:
    """Share of launched munitions reported intercepted, by weapon category and side."""
    fig = _figure()
    cats = _ordered(data["weapon"], WEAPON_CATEGORIES) if len(data) else []
    for side in _ordered(data["attacker"], ATTACKERS) if len(data) else []:
        sub = data[data["attacker"] == side].set_index("weapon").reindex(cats)
        fig.add_bar(
            x=[_word("weapon", c) for c in cats],
            y=sub["rate"] * 100,
            name=_word("attacker", side),
            marker_color=side_colour(side),
            customdata=sub[["intercepted", "launched", "events"]].fillna(0).to_numpy(),
            text=[
                f"{int(i)} of {int(n)}" if n == n else ""
                for i, n in zip(sub["intercepted"], sub["launched"], strict=True)
            ],
            textposition="outside",
            hovertemplate=(
                f"{_word('attacker', side)}<br>%{{x}}: %{{y:.0f}}%% intercepted (%{{customdata[0]}} of %{{customdata[1]}}, "
                "%{customdata[2]} strikes)<extra></extra>"
            ).replace("%%", "%"),
        )
    fig.update_layout(barmode="group", legend_title_text="Attacking side")
    fig.update_yaxes(range=[0, 110])
    return _finish(
        fig,
        "Interception rate (strikes where launched and intercepted are both reported)",
        "Weapon category",
        "Intercepted / launched (%)",
        not len(data),
    )
