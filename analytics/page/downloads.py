"""What the sidebar's downloads hold: the filtered rows with every stored column, and the report.

The dashboard builds these only when a button is clicked (Streamlit calls the ``data``
callables then), so each is a function of the frame, the mask and the store.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple, TypeVar

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from analytics import aggregate as agg
from analytics import export as data_export
from analytics import export_figures as xf
from analytics import views
from analytics.store import EVENT_FIELDS, Store

T = TypeVar("T")

#: The columns of the summary table the report shows (period_comparison has more).
REPORT_SUMMARY_COLUMNS = ["current", "previous", "change", "change_pct"]


class DataButton(NamedTuple):
    """One download button of the filtered rows: its label, writer, file extension and type."""

    label: str
    render: Callable[[pd.DataFrame], bytes]
    ext: str
    mime: str


DATA_BUTTONS: tuple[DataButton, ...] = (
    DataButton("CSV", data_export.frame_to_csv, "csv", "text/csv"),
    DataButton("Excel", data_export.frame_to_xlsx, "xlsx", "application/vnd.ms-excel"),
    DataButton("JSON", data_export.frame_to_json, "json", "application/json"),
)


class FigureButton(NamedTuple):
    """One download button under a chart: the file extension (its label in capitals), the
    writer, the file type, the icon and the tooltip."""

    ext: str
    render: Callable[[go.Figure], bytes]
    mime: str
    icon: str
    help: str | None = None


#: PNG and SVG need Chromium (kaleido); the interactive HTML page never does.
IMAGE_BUTTONS: tuple[FigureButton, ...] = (
    FigureButton("png", xf.figure_to_png, "image/png", ":material/image:"),
    FigureButton("svg", xf.figure_to_svg, "image/svg+xml", ":material/draw:"),
)
HTML_BUTTON = FigureButton(
    "html", xf.figure_to_html, "text/html", ":material/code:", "Interactive chart, works offline"
)


def figure_buttons(images_ok: bool) -> tuple[FigureButton, ...]:
    """The buttons under a chart: the images only when they can be rendered, then the HTML."""
    return (*IMAGE_BUTTONS, HTML_BUTTON) if images_ok else (HTML_BUTTON,)


def deferred(render: Callable[[T], bytes], make: Callable[[], T]) -> Callable[[], bytes]:
    """``render(make())``, run only when called: a download button's data, built on a click
    instead of on every rerun (each button gets its own, unlike a lambda in a loop)."""
    return lambda: render(make())


def rows_noun(kind: str) -> str:
    """What a row is called: merged events, or individual reports."""
    return "events" if kind == "events" else "reports"


def download_caption(mask: np.ndarray, kind: str) -> str:
    """The line above the buttons: how many filtered rows they hold."""
    return f"The {int(mask.sum()):,} filtered {rows_noun(kind)}."


def download_selection(store: Store, frame: pd.DataFrame, mask: np.ndarray, kind: str) -> pd.DataFrame:
    """The filtered rows with every stored column: an events frame gains the stored fields the
    in-memory frame leaves out (read for these rows only); categories become plain text, so the
    writers see strings, not category codes."""
    out = frame[mask].drop(columns=["n_sources"], errors="ignore")
    if kind == "events" and len(out):
        out = views.with_details(store, out, columns=EVENT_FIELDS)
    for col in out.columns:
        if isinstance(out[col].dtype, pd.CategoricalDtype):
            out[col] = out[col].astype(str)
    return out


def acled_csv(selection: pd.DataFrame) -> bytes:
    """The selection of events in ACLED's columns, as CSV."""
    return data_export.frame_to_csv(data_export.events_to_acled(selection))


def report_html(
    frame: pd.DataFrame,
    filters: agg.Filters,
    kind: str,
    summary: pd.DataFrame,
    event_outlets: pd.DataFrame | None = None,
) -> bytes:
    """Every tab for the current selection as one HTML page, with the filters that made it."""
    figures, tables = views.report_parts(frame, filters, event_outlets=event_outlets)
    return xf.report_html(
        "Strike events: every view",
        figures,
        summary=summary[REPORT_SUMMARY_COLUMNS],
        filters=views.describe_filters(filters, kind),
        tables=tables,
    )
