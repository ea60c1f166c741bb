"""Nothing from an article is markup on a page: chart text (Plotly reads ``<br>``, ``<a href>``,
``<b>`` in any text as its own markup), Markdown surfaces and the HTML report."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from analytics import aggregate as agg
from analytics import charts, views
from analytics import export_figures as xf
from analytics.ingest import ingest_uploads
from analytics.labels import CHART_LABEL_CHARS, chart_labels, chart_text, markdown_text
from analytics.store import Store
from tests.page_safety_data import hostile_article, hostile_outlet

BASE = "http://127.0.0.1:9"
HOSTILE = f'<a href="{BASE}/x">Oleh</a><br><b>Syniehubov</b> [link]({BASE}/y) ![i]({BASE}/i.png)'
LONG = "Regional Military Administration of the Kharkiv Oblast press service and its spokesman"
RLO = "\u202e"


def _strings(value: Any) -> Iterator[str]:
    """Every string inside a trace property (lists, arrays, nested customdata)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, (list, tuple)) or hasattr(value, "tolist"):
        for item in value.tolist() if hasattr(value, "tolist") else value:
            yield from _strings(item)


def _trace_texts(fig) -> list[str]:
    """The strings of a figure's traces that Plotly renders as text (ticks, legend, hover
    values); ``hovertemplate`` is left out: it is the chart's own markup."""
    out: list[str] = []
    for trace in fig.data:
        for prop in ("x", "y", "name", "text", "customdata", "hovertext"):
            out.extend(_strings(getattr(trace, prop, None)))
    return out


def _assert_inert(texts: list[str]) -> None:
    raw = [t for t in texts if "<" in t or ">" in t or RLO in t]
    assert raw == []


def test_chart_text_escapes_plotly_markup() -> None:
    assert chart_text("<br>A & B</a>") == "&lt;br&gt;A &amp; B&lt;/a&gt;"
    assert chart_text(f"x{RLO}y\nz") == "xy z"
    assert chart_text("a" * 50, 10) == "aaaaaaa..."
    two = chart_labels([LONG, LONG + " again", LONG])  # cut to the same words: kept apart
    assert two[0] == two[2] != two[1] and all(len(t) <= CHART_LABEL_CHARS + 4 for t in two)


@pytest.mark.parametrize(
    "build",
    [
        lambda: charts.top_sources(
            pd.DataFrame({"attacker": ["Russia", "Russia"], "source": [HOSTILE, LONG], "events": [3, 1]})
        ),
        lambda: charts.top_outlets(pd.DataFrame({"outlet": [HOSTILE, LONG + RLO], "events": [2, 1]})),
        lambda: charts.region_strikes(
            pd.DataFrame({"attacker": ["Ukraine"], "region_label": [HOSTILE], "strikes": [1]})
        ),
        lambda: charts.systems(pd.DataFrame({"attacker": ["Russia"], "system": [HOSTILE], "strikes": [4]})),
        lambda: charts.strike_map(
            pd.DataFrame(
                {
                    "attacker": ["Russia"],
                    "lat": [50.0],
                    "lon": [36.2],
                    "location": [HOSTILE],
                    "strikes": [1],
                    "killed": [2],
                    "wounded": [0],
                    "casualties": [2],
                }
            )
        ),
    ],
    ids=["top_sources", "top_outlets", "region_strikes", "systems", "strike_map"],
)
def test_chart_built_from_hostile_names_holds_escaped_text(build) -> None:
    fig = build()
    texts = _trace_texts(fig)
    _assert_inert(texts)
    # the name is there, escaped, whole in the hover text ...
    assert any("&lt;a href=" in t and "&lt;br&gt;" in t for t in texts), texts
    # ... and no axis label is long enough to squeeze the plot (counted as shown)
    for trace in fig.data:
        for label in _strings(trace.y if getattr(trace, "orientation", None) == "h" else []):
            assert len(html.unescape(label)) <= CHART_LABEL_CHARS + 4, label


def test_markdown_text_leaves_no_link_image_or_markup() -> None:
    shown = markdown_text(f"{HOSTILE} see www.example.com or a@b.org {RLO}x")
    # addresses GFM would autolink are code spans (literal, never linked) ...
    spans = re.findall(r"`([^`]*)`", shown)
    assert f"{BASE}/y)" in spans and "www.example.com" in spans and "a@b.org" in spans, shown
    # ... and outside them every Markdown character is escaped: nothing opens a link, an image
    # or a tag, and no bidi control is left
    prose = re.sub(r"`[^`]*`", "", shown)
    assert re.search(r"(?<!\\)[\[\]()<>!*_]", prose) is None, prose
    assert RLO not in shown and "\n" not in markdown_text("a\nb")
    assert markdown_text("x `http://q/` y").count("``") == 2  # a backtick inside: a longer fence


def test_store_of_a_hostile_article_gives_inert_charts_and_report(tmp_path: Path) -> None:
    """The whole path: an article whose text, title and outlet carry markup, ingested; every
    view's figures and the HTML report built from the store."""
    with Store(tmp_path / "s.db") as store:
        summary = ingest_uploads([("k.txt", hostile_article(BASE))], store, outlet=hostile_outlet(BASE) + RLO)
        assert summary.articles_new == 1
        frame = views.load_frame(store, "events")
        outlets = agg.event_outlets_of(store.reports_frame())
    assert any("<br>" in s for s in frame["sources"].astype(str))  # the hostile source is in the data
    built = views.build_all(frame, agg.Filters(), event_outlets=outlets)
    figures = {k: f for v in built.values() for k, f in v.figures.items()}
    for fig in figures.values():
        _assert_inert(_trace_texts(fig))
    outlet_hover = [t for tr in figures["top_outlets"].data for t in _strings(tr.customdata)]
    assert outlet_hover and all("&lt;a href=" in t for t in outlet_hover)
    figs, tables = views.report_parts(frame, agg.Filters(), event_outlets=outlets)
    page = xf.report_html("Report", figs, tables=tables).decode()
    assert f'href="{BASE}' not in page and f'src="{BASE}' not in page and RLO not in page
    assert "<b>Syniehubov" not in page and "<br>Syniehubov" not in page
