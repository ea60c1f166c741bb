"""What the page says must be true: charts without gaps or invisible bars, tables that never
turn "nobody reported it" into 0 or "None", one count of strikes everywhere, codes in words.

Unit tests on the chart, view and label builders (the browser tests of the same items are in
tests/test_ui_truths_browser.py).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analytics import aggregate as agg
from analytics import charts, results, views
from analytics import export as data_export
from analytics import export_figures as xf
from analytics.labels import NO_OUTLET, NOT_REPORTED, human_frame
from analytics.models import Article, StrikeReport
from analytics.store import Store
from tests.dashboard_data import events_frame

D = dt.date


@pytest.fixture
def frame() -> pd.DataFrame:
    return agg.prepare(events_frame())


def undated_frame() -> pd.DataFrame:
    """The five fixed events and a sixth one, Russian, whose date nobody knows."""
    rows = events_frame()
    extra = rows.iloc[[0]].assign(event_id="e6", date=pd.NaT, date_precision="unknown")
    return agg.prepare(pd.concat([rows, extra], ignore_index=True))


# --------------------------------------------------------------------------- 3: shares stack to 100%


def test_source_type_shares_have_no_gaps_and_each_side_reaches_100(frame):
    fig = charts.source_type_shares(agg.source_type_shares(frame))
    per_side: dict[str, float] = {}
    for trace in fig.data:
        x = pd.Series(list(trace.x), dtype="float64")
        assert not x.isna().any(), f"{trace.name}: a NaN share breaks the stack"
        for side, share in zip(trace.y, x, strict=True):
            per_side[side] = per_side.get(side, 0.0) + share
    assert set(per_side) == {"Russia", "Ukraine", "Unknown side"}
    for side, total in per_side.items():
        assert total == pytest.approx(100.0), side


# --------------------------------------------------------------------------- 4: one strike, a visible bar


def test_a_single_period_bar_has_a_width_of_most_of_its_period():
    data = pd.DataFrame(
        {"period": [pd.Timestamp("2024-03-04")], "attacker": ["Russia"], "strikes": [1], "approx": [0]}
    )
    for freq, days in (("day", 1), ("week", 7), ("month", 28)):
        (bar,) = charts.strikes_over_time(data, freq).data
        assert bar.width is not None, freq
        assert 0.5 * days * 86_400_000 <= float(bar.width) <= days * 86_400_000, freq


# --------------------------------------------------------------------------- 6: time ticks fit


@pytest.mark.parametrize("weeks", [5, 16, 17, 30, 104])
def test_weekly_ticks_are_few_short_and_end_on_the_latest_week(weeks):
    periods = pd.date_range("2024-01-01", periods=weeks, freq="W-MON")
    data = pd.DataFrame({"period": periods, "attacker": "Russia", "strikes": 1, "approx": 0})
    axis = charts.strikes_over_time(data, "week").layout.xaxis
    ticks = [pd.Timestamp(v) for v in axis.tickvals]
    assert axis.tickmode == "array" and len(ticks) == len(axis.ticktext)
    assert 1 <= len(ticks) <= charts.MAX_TIME_TICKS
    assert ticks[-1] == periods[-1]  # the latest week keeps its label
    assert len(set(np.diff([t.value for t in ticks]))) <= 1  # evenly spaced
    # 8 labels of at most 11 characters fit a chart 950 px wide at 13 px (about 80 px each)
    assert max(len(t) for t in axis.ticktext) <= (20 if len(ticks) <= 4 else 11)


# --------------------------------------------------------------------------- 5: regions table


def test_regions_table_keeps_an_unreported_toll_unknown(frame):
    table = views.build_view("regions", frame, agg.Filters()).tables["regions"]
    none = table[table["region_label"] == agg.NO_REGION].iloc[0]  # e5: no toll reported
    assert pd.isna(none["killed"]) and pd.isna(none["wounded"])
    kharkiv = table[table["region"] == "UA-63"].iloc[0]
    assert kharkiv["killed"] == 5 and kharkiv["wounded"] == 12  # e4's unknown wounded adds nothing
    shown = human_frame(table)
    assert shown.loc[table["region_label"] == agg.NO_REGION, "Killed"].iloc[0] == NOT_REPORTED


def test_region_casualties_keep_a_region_with_only_one_toll_known():
    # by_region now leaves an unreported toll NaN: the chart must still add the known one
    data = pd.DataFrame(
        {
            "region": ["RU-BEL", "UA-63"],
            "region_label": ["Belgorod Oblast", "Kharkiv Oblast"],
            "attacker": ["Ukraine", "Russia"],
            "strikes": [1, 1],
            "killed": [np.nan, 3.0],
            "wounded": [2.0, np.nan],
        }
    )
    fig = charts.region_casualties(data)
    shown = {y: x for trace in fig.data for y, x in zip(trace.y, trace.x, strict=True)}
    assert shown == {"Belgorod Oblast": 2.0, "Kharkiv Oblast": 3.0}


# --------------------------------------------------------------------------- 7: outlet unknown


def test_top_outlets_count_articles_without_an_outlet():
    reports = pd.DataFrame({"event_id": ["e1", "e2", "e3", "e3"], "outlet": ["Reuters", None, "", "TASS"]})
    frame = agg.prepare(events_frame())
    got = agg.top_outlets(frame, agg.event_outlets_of(reports)).set_index("outlet")["events"]
    assert got.to_dict() == {NO_OUTLET: 2, "Reuters": 1, "TASS": 1}
    # reports carry their own outlet
    by_report = agg.top_outlets(reports.assign(attacker="Russia")).set_index("outlet")["events"]
    assert by_report[NO_OUTLET] == 2
    # no filter option offers the unknown outlet, and filtering still works
    assert agg.filter_options(frame, agg.event_outlets_of(reports))["outlets"] == ["Reuters", "TASS"]
    picked = agg.apply_filters(frame, agg.Filters(outlets=("TASS",)), agg.event_outlets_of(reports))
    assert list(picked["event_id"]) == ["e3"]


# --------------------------------------------------------------------------- 8, 9: one count, honest deltas


def test_an_undated_strike_counts_in_the_totals_as_in_the_sidebar_and_table():
    frame = undated_frame()
    summary = agg.period_comparison(frame, agg.Filters())
    selected = agg.filter_mask(frame, agg.Filters())
    assert summary.loc["strikes", "current"] == int(selected.sum()) == 6
    assert len(agg.table_rows(frame, 1000, selected)) == 6
    assert summary.attrs["undated"] == 1
    caption = views.overview_caption(summary)
    assert "1 strike whose date is unknown" in caption and "in no period" in caption
    # a date range leaves the undated strike out everywhere alike
    ranged = agg.Filters(start=D(2024, 1, 1), end=D(2024, 1, 31))
    in_range = agg.period_comparison(frame, ranged)
    assert in_range.loc["strikes", "current"] == int(agg.filter_mask(frame, ranged).sum()) == 5
    assert in_range.attrs["undated"] == 0 and "unknown" not in views.overview_caption(in_range)


def test_a_delta_without_earlier_data_says_so(frame):
    everything = views.overview_metrics(agg.period_comparison(frame, agg.Filters()))
    assert [m.delta for m in everything] == [views.NO_EARLIER_DATA] * 4
    assert all(m.delta_arrow == "off" for m in everything)
    # 2024-01-07..12 against 01-01..06, which has strikes: a real change
    later = agg.period_comparison(frame, agg.Filters(start=D(2024, 1, 7), end=D(2024, 1, 12)))
    metrics = {m.label: m for m in views.overview_metrics(later)}
    assert metrics["Strikes"].delta.startswith("-1 ") and metrics["Strikes"].value == "2"
    assert "compared with the 6 days before" in views.overview_caption(later)


def test_a_toll_nobody_reported_is_not_a_zero_on_the_overview(frame):
    only_e5 = agg.Filters(attackers=("unknown",))  # e5: no toll reported
    metrics = {m.label: m for m in views.overview_metrics(agg.period_comparison(frame, only_e5))}
    assert metrics["Killed"].value == NOT_REPORTED and metrics["Wounded"].value == NOT_REPORTED
    assert metrics["Strikes"].value == "1"
    e3 = agg.Filters(attackers=("Ukraine",))  # 0 killed reported: a real 0
    metrics = {m.label: m for m in views.overview_metrics(agg.period_comparison(frame, e3))}
    assert metrics["Killed"].value == "0" and metrics["Wounded"].value == "2"


# --------------------------------------------------------------------------- 10: no None


def test_tables_for_people_show_no_none_nan_or_zero_for_unknown():
    table = pd.DataFrame(
        {
            "title": ["A", None],
            "outlet": [None, "Reuters"],
            "url": [None, "https://example.org/a"],
            "published": [D(2024, 1, 3), None],
            "killed": [np.nan, 3.0],
            "wounded_best": [np.nan, np.nan],
            "launched": pd.array([None, 4], dtype="Int64"),
        }
    )
    shown = human_frame(table)
    cells = shown.astype(str).to_numpy().ravel().tolist()
    assert not {"None", "nan", "NaN", "<NA>", "NaT", "0", "0.0"} & set(cells), cells
    assert shown["Killed"].tolist() == [NOT_REPORTED, "3"]
    assert shown["Launched"].tolist() == [NOT_REPORTED, "4"]
    assert shown["Outlet"].tolist() == ["", "Reuters"] and shown["Link"].iloc[0] == ""
    assert shown["Published"].tolist() == ["2024-01-03", ""]


def test_articles_of_an_event_have_no_none(tmp_path: Path):
    with Store(tmp_path / "s.db") as store:
        report = StrikeReport(date=D(2024, 1, 2), attacker="Russia", country="UA", location="Kharkiv")
        store.add_article(Article(text="Russian drones hit Kharkiv.", published=D(2024, 1, 3)), [report])
        reports = store.reports_frame()
        (event_id,) = set(reports["event_id"])
        shown = human_frame(views.articles_of(reports, event_id))
    cells = set(shown.astype(str).to_numpy().ravel().tolist())
    assert "None" not in cells and "nan" not in cells and NOT_REPORTED in cells


# --------------------------------------------------------------------------- 11: codes in words


def test_report_totals_and_tables_are_in_words(frame):
    summary = agg.period_comparison(frame, agg.Filters())
    figures, tables = views.report_parts(frame, agg.Filters())
    page = xf.report_html(
        "Strike events",
        figures,
        summary=summary[["current", "previous", "change", "change_pct"]],
        filters=views.describe_filters(
            agg.Filters(attackers=("unknown",), source_types=("ukraine_official",))
        ),
        tables=tables,
    ).decode()
    text = page[page.index("<h2>Selection") :]
    text = text[: text.index("<div")] + "".join(
        part[: part.index("</table>")] for part in page.split("<table")[1:]
    )
    codes = (
        "ukraine_official",
        "russia_official",
        "air_strike",
        "drone;",
        "<th>index</th>",
        "<td>strikes</td>",
    )
    for code in codes:
        assert code not in text, code
    assert "Shahed-136; Kh-101" in text  # names apart, as words are
    assert "<th>Figure</th>" in text and "<td>Strikes</td>" in text and "<th>This period</th>" in text
    assert "Unknown side" in text and "Ukrainian official" in text
    assert "<b>Attacking side</b>: Unknown side" in text and "<b>Source type</b>: Ukrainian official" in text


def test_a_bad_correction_is_explained_in_words():
    from analytics.store.corrections import correction_value

    with pytest.raises(ValueError) as err:
        correction_value("weapons", "catapult")
    assert "Weapons must be among Missile, Drone, Air strike" in str(err.value)
    assert "air_strike" not in str(err.value)
    # what the page shows can be typed back
    assert correction_value("weapons", "Air strike; drone") == ["air_strike", "drone"]
    assert correction_value("attacker", "Unknown side") == "unknown"


def test_spreadsheet_exports_keep_codes_and_add_words():
    csv = pd.read_csv(io.BytesIO(data_export.frame_to_csv(events_frame())), keep_default_na=False)
    cols = list(csv.columns)
    assert cols.index("source_types_label") == cols.index("source_types") + 1
    e1 = csv[csv["event_id"] == "e1"].iloc[0]
    assert e1["source_types"] == "ukraine_official" and e1["source_types_label"] == "Ukrainian official"
    e2 = csv[csv["event_id"] == "e2"].iloc[0]
    assert e2["weapons"] == "drone;missile" and e2["weapons_label"] == "Drone, Missile"
    assert csv[csv["event_id"] == "e5"].iloc[0]["attacker_label"] == "Unknown side"


# --------------------------------------------------------------------------- 12: interception in %


def test_interception_table_is_in_percent(frame):
    table = views.build_view("weapons", frame, agg.Filters()).tables["interception"]
    assert "rate" not in table
    russia_missile = table[(table["attacker"] == "Russia") & (table["weapon"] == "missile")].iloc[0]
    assert russia_missile["intercepted_pct"] == pytest.approx(100 * 36 / 44, abs=0.05)
    assert table["intercepted_pct"].between(0, 100).all()
    assert "Intercepted (%)" in human_frame(table).columns


# --------------------------------------------------------------------------- 13: upload results


def _zip(entries: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, text in entries.items():
            zf.writestr(name, text)
    return buf.getvalue()


def test_a_zip_is_listed_entry_by_entry(tmp_path: Path):
    from analytics.ingest import ingest_uploads

    data = _zip(
        {
            "odesa.txt": "Russian drones struck Odesa on 2 March 2024, killing four people, the governor said.",
            "kharkiv.txt": "Russian missiles hit Kharkiv on 5 March 2024, wounding three, the governor said.",
        }
    )
    with Store(tmp_path / "s.db") as store:
        summary = ingest_uploads([("two.zip", data)], store, published=D(2024, 3, 6))
    rows = results.ingest_rows(summary)
    report = results.ingest_report(rows)
    assert report is not None and report.level == "success"
    assert report.lines[0][:2] == (0, "two.zip")
    entries = sorted(line for line in report.lines if line[0] == 1)
    assert [name for _, name, _ in entries] == ["two.zip/kharkiv.txt", "two.zip/odesa.txt"]
    for _, _, what in entries:
        assert what.startswith("new, 1 strike report, published 2024-03-06"), what


def test_an_untitled_article_is_offered_by_its_first_words(tmp_path: Path):
    with Store(tmp_path / "s.db") as store:
        text = "Russian drones struck a depot in Kharkiv overnight, the regional governor said on Monday."
        report = StrikeReport(date=D(2024, 1, 2), attacker="Russia", country="UA", location="Kharkiv")
        store.add_article(Article(text=text, title=""), [report])
        reports = store.reports_frame()
        choices = views.article_choices(store, views.articles_of(reports, reports["event_id"].iloc[0]))
    assert list(choices.values()) == ["Russian drones struck a depot in Kharkiv overnight, ..."]
