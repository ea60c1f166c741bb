"""Charts: titles, axis labels, one colour per side; figure export to PNG, SVG and HTML."""

from __future__ import annotations

import pandas as pd
import pytest

from analytics import aggregate as agg
from analytics import charts, views
from analytics import export_figures as xf
from tests.dashboard_data import events_frame


@pytest.fixture(scope="module")
def built() -> dict[str, views.View]:
    return views.build_all(agg.prepare(events_frame()), agg.Filters())


def all_figures(built):
    return {key: fig for view in built.values() for key, fig in view.figures.items()}


def test_every_chart_has_title_and_axis_titles(built):
    for key, fig in all_figures(built).items():
        assert fig.layout.title.text, key
        if key == "map":
            continue
        layout = fig.layout.to_plotly_json()
        for axis in ("xaxis", "yaxis"):
            titles = [v.get("title", {}).get("text") for k, v in layout.items() if k.startswith(axis)]
            assert any(titles), (key, axis)


def test_units_in_axis_titles(built):
    figs = all_figures(built)
    assert "(count)" in figs["strikes_over_time"].layout.yaxis.title.text
    assert "(%)" in figs["interception"].layout.yaxis.title.text
    assert "killed" in figs["casualties_over_time"].layout.yaxis.title.text


def test_one_colour_per_side_everywhere(built):
    seen: dict[str, set[str]] = {}
    for key, fig in all_figures(built).items():
        if key in ("source_types", "top_outlets"):
            continue
        for trace in fig.data:
            if trace.name in charts.SIDE_COLOURS:
                colour = trace.marker.color if trace.type != "scatter" else trace.line.color
                seen.setdefault(trace.name, set()).add(colour)
    assert seen["Russia"] == {charts.SIDE_COLOURS["Russia"]}
    assert seen["Ukraine"] == {charts.SIDE_COLOURS["Ukraine"]}
    assert len(set(charts.SIDE_COLOURS.values())) == 3


def test_casualty_chart_shows_report_range(built):
    fig = all_figures(built)["casualties_over_time"]
    russia_killed = next(t for t in fig.data if t.name == "Russia" and t.yaxis in ("y", None))
    assert list(russia_killed.y) == [4.0, 2.0]
    assert list(russia_killed.error_y.array) == [2.0, 0.0]  # high 6 vs best 4
    assert list(russia_killed.error_y.arrayminus) == [1.0, 0.0]  # low 3


def test_map_is_geo_without_tiles(built):
    fig = all_figures(built)["map"]
    assert {t.type for t in fig.data} == {"scattergeo"}
    assert sum(len(t.lat) for t in fig.data) == 3


def test_empty_selection_says_so():
    frame = agg.prepare(events_frame())
    built = views.build_all(frame, agg.Filters(attackers=("nobody",)))
    fig = built["time"].figures["strikes_over_time"]
    assert not fig.data
    assert any("No data" in a.text for a in fig.layout.annotations)


def test_figures_stay_small_for_many_events():
    frame = pd.concat([events_frame()] * 400, ignore_index=True)
    built = views.build_all(agg.prepare(frame), agg.Filters())
    points = sum(
        len(t.x if t.x is not None else t.lat) for t in built["time"].figures["strikes_over_time"].data
    )
    assert points <= 10


def test_html_export_is_self_contained(built):
    page = xf.figure_to_html(all_figures(built)["weapons"]).decode()
    assert "plotly.js" in page.lower() or "Plotly" in page
    assert "cdn.plot.ly" not in page.split("</script>")[-1]
    assert 'src="http' not in page


def test_html_export_inlines_base_map(built):
    page = xf.figure_to_html(all_figures(built)["map"]).decode()
    assert "PlotlyGeoAssets.topojson" in page and "world_50m" in page


def test_report_escapes_text(built):
    table = pd.DataFrame({"title": ["<script>alert(1)</script>"]})
    page = xf.report_html(
        "View <b>",
        {"weapons": all_figures(built)["weapons"]},
        filters={"outlet": "<i>x</i>"},
        tables={"t": table},
    ).decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "View &lt;b&gt;" in page


# Image export drives a Chromium of its own: with the browser tests it runs one test at a time (a
# Chromium starved by a parallel one timed out at 300 s on a loaded machine).
_no_chromium = pytest.mark.skipif(not xf.chromium_available(), reason=xf.chromium_status()[1])


def needs_chromium(test):  # type: ignore[no-untyped-def]
    """Skip without Chromium; run with the browser tests."""
    return pytest.mark.browser(_no_chromium(test))


@needs_chromium
def test_png_and_svg_export(built):
    figs = all_figures(built)
    png = xf.figure_to_png(figs["weapons"])
    assert png.startswith(b"\x89PNG")
    svg = xf.figure_to_svg(figs["strikes_over_time"])
    assert b"<svg" in svg[:500]


@needs_chromium
def test_map_png_export_offline(built):
    assert xf.figure_to_png(all_figures(built)["map"]).startswith(b"\x89PNG")


def test_count_axes_show_whole_numbers_only():
    import plotly.graph_objects as go

    from analytics.charts import _finish

    fig = go.Figure(go.Bar(x=[1, 2], y=["Kharkiv Oblast", "Odesa Oblast"], orientation="h"))
    _finish(fig, "Strikes by region", "Strikes (count)", "Region hit", False)
    assert fig.layout.xaxis.tickformat == ",d"
    assert fig.layout.xaxis.dtick == 1  # no "0.5 strikes" ticks


def _casualty_rows(periods, killed):
    rows = []
    for period, k in zip(periods, killed, strict=True):
        row = {"period": pd.Timestamp(period), "attacker": "Russia", "approx": 0}
        for base, value in (("killed", k), ("wounded", 1.0)):
            for suffix in ("low", "best", "high"):
                row[f"{base}_{suffix}"] = value
        rows.append(row)
    return pd.DataFrame(rows)


def test_week_without_strikes_is_a_gap_not_a_bridge():
    data = _casualty_rows(["2024-01-01", "2024-01-15"], [3.0, 5.0])
    fig = charts.casualties_over_time(data, "week")
    killed = next(t for t in fig.data if t.yaxis in ("y", None))
    assert [pd.Timestamp(x) for x in killed.x] == list(pd.date_range("2024-01-01", periods=3, freq="W-MON"))
    assert killed.y[0] == 3.0 and killed.y[2] == 5.0
    assert pd.isna(killed.y[1]) and killed.connectgaps is False


def test_unknown_toll_is_not_drawn_as_zero():
    data = _casualty_rows(["2024-01-01", "2024-01-08"], [float("nan"), 2.0])
    killed = next(t for t in charts.casualties_over_time(data, "week").data if t.yaxis in ("y", None))
    assert pd.isna(killed.y[0]) and killed.y[1] == 2.0
    assert "unknown" in killed.customdata[0][1]


def test_cumulative_totals_carry_over_an_empty_week():
    data = _casualty_rows(["2024-01-01", "2024-01-15"], [3.0, 8.0])
    killed = next(t for t in charts.casualties_over_time(data, "week", True).data if t.yaxis in ("y", None))
    assert list(killed.y) == [3.0, 3.0, 8.0]


def test_whiskers_named_in_the_title_only_when_reports_differ():
    same = charts.casualties_over_time(_casualty_rows(["2024-01-01"], [3.0]), "week")
    assert "whiskers" not in same.layout.title.text
    differ = _casualty_rows(["2024-01-01"], [3.0]).assign(killed_high=6.0)
    assert "whiskers" in charts.casualties_over_time(differ, "week").layout.title.text


def test_a_single_bar_is_labelled_with_its_period():
    data = pd.DataFrame(
        {"period": [pd.Timestamp("2024-03-04")], "attacker": ["Russia"], "strikes": [2], "approx": [0]}
    )
    fig = charts.strikes_over_time(data, "week")
    assert list(fig.layout.xaxis.ticktext) == ["week of 4 Mar 2024"]
    lo, hi = (pd.Timestamp(v) for v in fig.layout.xaxis.range)
    # centred in an axis of 5 weeks, so the bar is a fifth of the plot, not all of it
    assert lo < pd.Timestamp("2024-03-04") < hi and hi - lo == pd.Timedelta(days=35)
    assert pd.Timestamp("2024-03-04") - lo == hi - pd.Timestamp("2024-03-04")


def test_codes_are_shown_in_words(built):
    figs = all_figures(built)
    names = {t.name for fig in figs.values() for t in fig.data}
    assert "Unknown side" in names and "unknown" not in names
    assert "Ukrainian official" in {t.name for t in figs["source_types"].data}
    weapon_axis = {x for t in figs["weapons"].data for x in t.x}
    assert not any("_" in str(x) for x in weapon_axis)


def test_title_and_legend_have_their_own_lines(built):
    for key, fig in all_figures(built).items():
        layout = fig.layout
        assert layout.title.yref == "container" and layout.title.yanchor == "top", key
        assert layout.legend.y >= 1.0 and layout.legend.yanchor == "bottom", key
        assert layout.margin.t >= 90, key


def test_report_tables_are_for_people():
    table = pd.DataFrame(
        {
            "date": pd.to_datetime(["2024-01-03"]),
            "killed_best": [46.0],
            "source_type": ["ukraine_official"],
            "wounded_best": [float("nan")],
        }
    )
    page = xf.report_html("View", {}, tables={"t": table}).decode()
    page = page[page.index("<table") : page.index("</table>")]
    assert "2024-01-03 00:00:00" not in page and "<td>2024-01-03</td>" in page
    assert "<td>46</td>" in page and "46.0" not in page
    assert "Ukrainian official" in page and "Killed (best estimate)" in page
    assert "<td>nan</td>" not in page and "None" not in page


def test_the_report_covers_every_view():
    from analytics import aggregate as agg
    from analytics import views
    from tests.dashboard_data import events_frame

    frame = agg.prepare(events_frame())
    figures, tables = views.report_parts(frame, agg.Filters())
    every = views.build_all(frame, agg.Filters())
    assert set(figures) == {key for view in every.values() for key in view.figures}
    assert {"Latest events", "Events"} <= set(tables)
    page = xf.report_html("Strike events: every view", figures, tables=tables).decode()
    for fig in figures.values():
        title = fig.layout.title.text
        if title:
            assert title.split("<")[0][:30] in page
