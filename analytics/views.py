"""The dashboard's views: filter once, aggregate, build every figure and table of a view.

``build_view`` is what the dashboard calls for the tab on screen; ``build_all`` builds
every view (the benchmark times it). Both take the prepared frame of
:func:`analytics.aggregate.prepare` and return plain objects (no Streamlit here).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analytics import aggregate as agg
from analytics import charts
from analytics.highlight import article_html, highlights
from analytics.labels import NOT_REPORTED, date_label, date_labels, label
from analytics.models import GUIDELINE_FIELDS, TOLL_RANGE_FIELDS, Event
from analytics.store import EVENT_FIELDS, Store
from analytics.store import snapshot as snap

VIEWS: dict[str, str] = {
    "overview": "Overview",
    "time": "Strike frequency",
    "casualties": "Casualties",
    "sourcing": "Sourcing",
    "regions": "Regions",
    "weapons": "Weapons",
    "events": "Events table",
}


@dataclasses.dataclass(frozen=True)
class ViewOptions:
    """Per-view switches (not filters): time bucket, grouping, cumulative, table size."""

    freq: agg.Freq = "week"
    by: str = "attacker"
    cumulative: bool = False
    table_rows: int = 1000


@dataclasses.dataclass
class View:
    name: str
    figures: dict[str, go.Figure] = dataclasses.field(default_factory=dict)
    tables: dict[str, pd.DataFrame] = dataclasses.field(default_factory=dict)
    summary: pd.DataFrame | None = None


#: The stored event columns the page keeps in memory: what filters, charts and the events
#: table's first columns read. The others (``evidence``, ``claims``, ``article_id``, ...) are
#: fetched per event (:func:`with_details`); ``killed``/``wounded`` equal ``killed_best``/
#: ``wounded_best`` and are copied from them by :func:`analytics.aggregate.prepare`.
FRAME_COLUMNS: tuple[str, ...] = (
    "event_id",
    "review_status",
    "date",
    "date_precision",
    "attacker",
    "country",
    "region",
    "region_name",
    "location",
    "weapons",
    "systems",
    "launched",
    "intercepted",
    *TOLL_RANGE_FIELDS,
    "sources",
    "source_types",
    "languages",
    "lat",
    "lon",
    "number_of_reports",
    "number_of_outlets",
)


#: Events table column order: the GUIDELINES fields with the date's precision beside the date
#: and the low/best/high figures beside killed and wounded, then the article; every other
#: column follows in frame order.
TABLE_COLUMNS: tuple[str, ...] = (
    "event_id",
    "review_status",
    GUIDELINE_FIELDS[0],  # date
    "date_precision",
    *GUIDELINE_FIELDS[1:4],  # attacker, country, region
    "region_name",
    *GUIDELINE_FIELDS[4:9],  # location ... intercepted
    "killed",
    "killed_low",
    "killed_best",
    "killed_high",
    "wounded",
    "wounded_low",
    "wounded_best",
    "wounded_high",
    *GUIDELINE_FIELDS[11:],  # sources, source_types
    "languages",
    "title",
    "outlet",
    "url",
)


def table_order(frame: pd.DataFrame) -> list[str]:
    """The events table's columns: :data:`TABLE_COLUMNS` first, helper columns dropped."""
    first = [c for c in TABLE_COLUMNS if c in frame]
    return first + [c for c in frame.columns if c not in first and c != "n_sources"]


def with_date_labels(table: pd.DataFrame, keep_precision: bool = True) -> pd.DataFrame:
    """A table of records for people: ``date`` shown by :func:`analytics.labels.date_label`
    (an approximate date marked as such, never as an exact day); ``date_precision`` kept
    as a column unless ``keep_precision`` is false."""
    if "date" not in table:
        return table
    precision = table["date_precision"] if "date_precision" in table else None
    out = table.assign(date=date_labels(table["date"], precision).to_numpy())
    if not keep_precision and "date_precision" in out:
        out = out.drop(columns=["date_precision"])
    return out


def load_frame(
    store: Store, kind: str = "events", include_rejected: bool = False, *, snapshot: bool = True
) -> pd.DataFrame:
    """The prepared analysis frame of a store: reports, or events with :data:`FRAME_COLUMNS`
    (from the columnar snapshot of :mod:`analytics.store.snapshot` while the store is unchanged)."""
    if kind == "reports":
        return agg.prepare(store.reports_frame(reviewed=True, include_rejected=include_rejected))
    return agg.prepare(snap.events_frame(store, FRAME_COLUMNS, include_rejected, use_snapshot=snapshot))


def with_details(store: Store, rows: pd.DataFrame, columns: Sequence[str] | None = None) -> pd.DataFrame:
    """``rows`` of an events frame with the stored columns it lacks (``columns``: those only;
    default every stored column but ``evidence`` and ``claims``), read for these rows only.

    Rows whose event is gone from the store keep empty values."""
    if "event_id" not in rows or not len(rows):
        return rows
    wanted = [c for c in EVENT_FIELDS if c not in agg.DETAIL_COLUMNS] if columns is None else columns
    missing = [c for c in wanted if c not in FRAME_COLUMNS and c != "event_id"]
    if not missing:
        return rows
    details = store.events_for_ids(rows["event_id"].astype(str).tolist(), missing)
    details = details.set_index("event_id").reindex(rows["event_id"].astype(str))
    out = rows.drop(columns=[c for c in missing if c in rows]).copy()
    for col in missing:
        out[col] = details[col].array
    return out


def build_view(
    name: str,
    frame: pd.DataFrame,
    filters: agg.Filters,
    options: ViewOptions = ViewOptions(),
    *,
    selection: pd.DataFrame | None = None,
    mask: np.ndarray | None = None,
    event_outlets: pd.DataFrame | None = None,
) -> View:
    """One view's figures and tables.

    ``mask`` and ``selection`` (the rows passing ``filters`` and their core columns) are
    computed when not given.
    """
    if mask is None:
        mask = agg.filter_mask(frame, filters, event_outlets)
    if selection is None and name != "events":
        selection = agg.apply_filters(frame, filters, columns=agg.CORE_COLUMNS, mask=mask)
    view = View(name)
    if name == "overview":
        view.summary = agg.period_comparison(frame, filters, event_outlets)
        view.tables["latest"] = with_date_labels(agg.latest_events(selection, 10), keep_precision=False)
        view.figures["overview_time"] = charts.strikes_over_time(
            agg.strikes_over_time(selection, options.freq, "attacker"), options.freq, "attacker"
        )
    elif name == "time":
        by = options.by if options.by in ("attacker", "weapons") else "attacker"
        view.figures["strikes_over_time"] = charts.strikes_over_time(
            agg.strikes_over_time(selection, options.freq, by), options.freq, by
        )
    elif name == "casualties":
        data = agg.casualties_over_time(selection, options.freq, options.cumulative)
        view.figures["casualties_over_time"] = charts.casualties_over_time(
            data, options.freq, options.cumulative
        )
    elif name == "sourcing":
        view.figures["source_types"] = charts.source_type_shares(agg.source_type_shares(selection))
        view.figures["confirmation"] = charts.confirmation(agg.confirmation(selection))
        view.figures["top_sources"] = charts.top_sources(agg.top_sources(selection))
        view.figures["top_outlets"] = charts.top_outlets(agg.top_outlets(selection, event_outlets))
        view.tables["disagreements"] = with_date_labels(agg.disagreements(selection), keep_precision=False)
    elif name == "regions":
        regions = agg.by_region(selection)
        view.figures["region_strikes"] = charts.region_strikes(regions)
        view.figures["region_casualties"] = charts.region_casualties(regions)
        view.figures["map"] = charts.strike_map(agg.map_points(selection))
        # min_count: a region where no side reported a toll keeps NaN ("not reported"), not 0
        view.tables["regions"] = (
            regions.groupby(["region", "region_label"], as_index=False)[["strikes", "killed", "wounded"]]
            .sum(min_count=1)
            .sort_values("strikes", ascending=False)
            if len(regions)
            else regions
        )
    elif name == "weapons":
        view.figures["weapons"] = charts.weapons(agg.by_weapon(selection))
        view.figures["systems"] = charts.systems(agg.by_system(selection))
        rate = agg.interception(selection)
        view.figures["interception"] = charts.interception(rate)
        view.tables["interception"] = interception_table(rate)
    elif name == "events":
        view.tables["events"] = with_date_labels(agg.table_rows(frame, options.table_rows, mask))
    else:
        raise ValueError(f"unknown view {name!r}")
    return view


def interception_table(rate: pd.DataFrame) -> pd.DataFrame:
    """The interception table in the chart's unit: the share intercepted in % (one decimal),
    where a fraction (0.4737) beside a chart in % would read as under 1%."""
    out = rate.drop(columns=["rate"], errors="ignore")
    if "rate" in rate:
        out["intercepted_pct"] = (pd.to_numeric(rate["rate"], errors="coerce") * 100).round(1)
    return out


def build_all(
    frame: pd.DataFrame,
    filters: agg.Filters,
    options: ViewOptions = ViewOptions(),
    *,
    event_outlets: pd.DataFrame | None = None,
) -> dict[str, View]:
    """Every view for one filter selection (filtering once)."""
    mask = agg.filter_mask(frame, filters, event_outlets)
    selection = agg.apply_filters(frame, filters, columns=agg.CORE_COLUMNS, mask=mask)
    return {
        name: build_view(
            name, frame, filters, options, selection=selection, mask=mask, event_outlets=event_outlets
        )
        for name in VIEWS
    }


#: The overview's headline figures, in order, with the words they are shown under.
OVERVIEW_FIGURES: dict[str, str] = {
    "strikes": "Strikes",
    "killed": "Killed",
    "wounded": "Wounded",
    "regions": "Regions hit",
}
#: What a figure's change says when nothing of the selection is dated before its period:
#: "+N" would claim a rise from 0 that nobody recorded.
NO_EARLIER_DATA = "no earlier data"


#: The colours and arrows of st.metric's delta this page uses (Streamlit's own Literal names).
DeltaColor = Literal["normal", "inverse", "off"]
DeltaArrow = Literal["auto", "up", "down", "off"]


@dataclass(frozen=True)
class Metric:
    """One headline figure as the overview shows it (``st.metric``'s arguments)."""

    label: str
    value: str
    delta: str
    delta_color: DeltaColor
    delta_arrow: DeltaArrow


def overview_metrics(summary: pd.DataFrame) -> list[Metric]:
    """The overview's figures from :func:`analytics.aggregate.period_comparison`: the current
    totals, and their change on the previous period, or :data:`NO_EARLIER_DATA`."""
    earlier = bool(summary.attrs.get("earlier_data", True))
    reported = summary.attrs.get("reported", {})
    out = []
    colour: DeltaColor
    arrow: DeltaArrow
    for key, name in OVERVIEW_FIGURES.items():
        row = summary.loc[key]
        if reported.get(key, 1) == 0:  # no strike of the selection gave this toll: not a 0
            out.append(Metric(name, NOT_REPORTED, "", "off", "off"))
            continue
        if earlier:
            pct = "" if pd.isna(row["change_pct"]) else f" ({row['change_pct']:+.0f}%)"
            delta = f"{int(row['change']):+,}{pct} vs previous period"
            # fewer killed is good news: the colour follows that, the strike count stays neutral
            colour, arrow = ("inverse" if key in ("killed", "wounded") else "off"), "auto"
        else:
            delta, colour, arrow = NO_EARLIER_DATA, "off", "off"
        out.append(Metric(name, f"{int(row['current']):,}", delta, colour, arrow))
    return out


def overview_caption(summary: pd.DataFrame) -> str:
    """The period the overview covers and what it is compared with, and what an undated
    strike counts toward (the totals, like the sidebar and the table, but no period)."""
    (start, end), (p_start, _) = summary.attrs["period"], summary.attrs["previous_period"]
    parts = []
    if p_start is not None:
        n = (end - start).days + 1
        days = f"{n} day{'s' if n != 1 else ''}"
        if summary.attrs.get("earlier_data", True):
            parts.append(
                f"{start:%Y-%m-%d} to {end:%Y-%m-%d} ({days}), compared with the {days} "
                f"before ({p_start:%Y-%m-%d} onwards)."
            )
        else:
            parts.append(
                f"{start:%Y-%m-%d} to {end:%Y-%m-%d} ({days}); nothing in the selection is "
                "dated earlier, so there is no previous period to compare with."
            )
    undated = int(summary.attrs.get("undated", 0))
    if undated:
        parts.append(
            f"The totals include {undated:,} strike{'s' if undated != 1 else ''} whose date is unknown: "
            "counted here, in the sidebar and in the events table, but in no period, so not in the "
            "charts over time nor in the comparison."
        )
    return " ".join(parts)


#: The tables a report shows, by view table key, with their headings (long ones cut).
REPORT_TABLES: dict[str, str] = {
    "latest": "Latest events",
    "disagreements": "Events whose reports disagree",
    "regions": "Regions",
    "interception": "Interception",
    "events": "Events",
}
REPORT_TABLE_ROWS = 50


def report_parts(
    frame: pd.DataFrame,
    filters: agg.Filters,
    options: ViewOptions = ViewOptions(),
    *,
    event_outlets: pd.DataFrame | None = None,
) -> tuple[dict[str, go.Figure], dict[str, pd.DataFrame]]:
    """Every view's figures and tables for one selection: what a report of all tabs holds."""
    every = build_all(frame, filters, options, event_outlets=event_outlets)
    figures = {key: fig for view in every.values() for key, fig in view.figures.items()}
    tables = {
        heading: table.head(REPORT_TABLE_ROWS)
        for view in every.values()
        for key, table in view.tables.items()
        if (heading := REPORT_TABLES.get(key)) is not None
    }
    return figures, tables


#: The sidebar's filters as they are named there, for the report's "Selection".
FILTER_NAMES: dict[str, str] = {
    "attackers": "Attacking side",
    "regions": "Region hit",
    "weapons": "Weapon category",
    "systems": "Weapon system",
    "source_types": "Source type",
    "languages": "Language",
    "outlets": "Outlet",
}


def describe_filters(filters: agg.Filters, kind: str = "events") -> dict[str, Any]:
    """The selection in words, named as in the sidebar, for the report and the page caption."""
    out: dict[str, Any] = {"Rows": "merged events" if kind == "events" else "individual reports"}
    out["Date range"] = f"{filters.start or 'first'} to {filters.end or 'last'}"
    coded = {
        "attackers": "attacker",
        "weapons": "weapon",
        "source_types": "source_type",
        "languages": "language",
    }
    for field, name in FILTER_NAMES.items():
        values = [label(coded[field], v) if field in coded else v for v in getattr(filters, field)]
        out[name] = ", ".join(values) if values else "all"
    out["Minimum number of sources named"] = filters.min_sources
    return out


#: Fields of an event shown with their evidence sentence, in schema order.
EVIDENCE_FIELDS: tuple[str, ...] = (
    *GUIDELINE_FIELDS[:11],  # date ... wounded
    "children_killed",
    *GUIDELINE_FIELDS[11:],  # sources, source_types
    "target_type",
)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    return str(value)


#: What stands for a sentence when a field was not read from one: a record whose text names no
#: day is dated by its publication (GUIDELINES), and says so.
_NO_EVIDENCE = {"date": "publication date (no time expression in the text)"}


def evidence_table(event: Event) -> pd.DataFrame:
    """Each field's value beside the sentence of the article it was read from."""
    rows = []
    for field in EVIDENCE_FIELDS:
        ev = event.evidence.get(field)
        value = getattr(event, field)
        rows.append(
            {
                "field": field,
                "value": date_label(value, event.date_precision) if field == "date" else _text(value),
                "evidence sentence": ev.sentence if ev else _NO_EVIDENCE.get(field, ""),
                "characters": f"{ev.start}-{ev.end}" if ev else "",
            }
        )
    return pd.DataFrame(rows)


def claims_of(events: Sequence[Event]) -> pd.DataFrame:
    """Every claim of the events side by side: who said what, when."""
    rows = [
        {
            "event_id": event.event_id,
            "date": date_label(event.date, event.date_precision),
            "location": event.location,
            "outlet": claim.outlet,
            "published": claim.published,
            "killed": claim.killed,
            "wounded": claim.wounded,
            "sources": _text(claim.sources),
            "source types": _text(claim.source_types),
        }
        for event in events
        for claim in event.claims
    ]
    return pd.DataFrame(rows)


def articles_of(reports: pd.DataFrame, event_id: str) -> pd.DataFrame:
    """The articles (id, title, outlet, link, their figures) reporting one event."""
    cols = ["article_id", "title", "outlet", "published", "url", "killed", "wounded"]
    if not len(reports) or "event_id" not in reports:
        return pd.DataFrame(columns=cols)
    mine = reports[reports["event_id"].astype(str) == str(event_id)]
    return mine[[c for c in cols if c in mine]].reset_index(drop=True)


@dataclass
class ArticleView:
    """One stored article as the article view shows it: its metadata, the publication date in
    words with how it was obtained, and its text with every extracted value highlighted."""

    article_id: str
    title: str
    outlet: str
    url: str
    published: dt.date | None
    published_how: str | None
    published_text: str
    reports: int
    html: str


def article_view(store: Store, article_id: str) -> ArticleView:
    """The article view of a stored article (ValueError when there is none)."""
    article = store.article(article_id)
    reports = store.reports_of(article_id)
    if article.published is None:
        when = 'unknown: set it below so relative dates ("yesterday") can be placed'
    else:
        how = label("published_how", article.published_how) if article.published_how else "unknown source"
        when = f"{article.published.isoformat()} (from: {how})"
    title = article.title or article.source_file or article_id[:12]
    return ArticleView(
        article_id=article_id,
        title=title,
        outlet=article.outlet,
        url=article.url,
        published=article.published,
        published_how=article.published_how,
        published_text=when,
        reports=len(reports),
        html=article_html(article.text, highlights(reports, len(article.text))),
    )


def article_choices(store: Store, articles: pd.DataFrame) -> dict[str, str]:
    """Article id -> the name the "Open an article" box lists: its headline, or for an article
    without one its first words (a hash names nothing a person can recognise)."""
    out: dict[str, str] = {}
    for article_id, title in zip(articles["article_id"], articles["title"], strict=True):
        text = str(title).strip() if isinstance(title, str) else ""
        if not text:
            try:
                text = first_words(store.article(str(article_id)).text)
            except ValueError:  # gone since the table was drawn
                text = ""
        out[str(article_id)] = text or f"article {str(article_id)[:12]}"
    return out


def first_words(text: str, n: int = 8) -> str:
    """The first ``n`` words of a text, with "..." when there are more."""
    words = (text or "").split()
    return " ".join(words[:n]) + (" ..." if len(words) > n else "")
