"""Aggregations on a small fixed frame: filters, totals, period comparison, per-view counts."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from analytics import aggregate as agg
from analytics import views
from tests.dashboard_data import events_frame


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    return agg.prepare(events_frame())


def test_prepare_normalises_columns(frame):
    assert len(frame) == 5
    assert str(frame["date"].dtype) == "datetime64[ns]"
    assert isinstance(frame["attacker"].dtype, pd.CategoricalDtype)
    assert "evidence" not in frame and "claims" not in frame  # loaded per event
    assert frame.set_index("event_id")["n_sources"].to_dict() == {"e1": 1, "e2": 2, "e3": 1, "e4": 0, "e5": 1}


def test_prepare_accepts_list_columns_and_reports():
    from analytics.models import StrikeReport, records_to_frame

    reports = records_to_frame(
        [StrikeReport(date=dt.date(2024, 1, 1), weapons=["drone", "missile"], killed=2, sources=["a", "b"])]
    )
    out = agg.prepare(reports)
    assert out.loc[0, "weapons"] == "drone;missile"
    assert out.loc[0, "killed_best"] == 2 and out.loc[0, "killed_low"] == 2
    assert out.loc[0, "n_sources"] == 2


def test_prepare_empty_frame():
    out = agg.prepare(pd.DataFrame())
    assert len(out) == 0
    built = views.build_all(out, agg.Filters())
    assert set(built) == set(views.VIEWS)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (agg.Filters(), {"e1", "e2", "e3", "e4", "e5"}),
        (agg.Filters(attackers=("Ukraine",)), {"e3"}),
        (agg.Filters(regions=("UA-63",)), {"e1", "e4"}),
        (agg.Filters(regions=(agg.NO_REGION,)), {"e5"}),
        (agg.Filters(weapons=("missile",)), {"e1", "e2"}),
        (agg.Filters(systems=("Shahed-136",)), {"e2"}),
        (agg.Filters(source_types=("russia_official", "media")), {"e3", "e5"}),
        (agg.Filters(min_sources=2), {"e2"}),
        (agg.Filters(start=dt.date(2024, 1, 3), end=dt.date(2024, 1, 9)), {"e2", "e3", "e4"}),
    ],
)
def test_filters(frame, filters, expected):
    assert set(agg.apply_filters(frame, filters)["event_id"]) == expected


def test_outlet_filter_goes_through_reports(frame):
    outlets = pd.DataFrame({"event_id": ["e1", "e3"], "outlet": ["Reuters", "TASS"]})
    got = agg.apply_filters(frame, agg.Filters(outlets=("TASS",)), outlets)
    assert list(got["event_id"]) == ["e3"]
    assert agg.filter_options(frame, outlets)["outlets"] == ["Reuters", "TASS"]


def test_filter_options(frame):
    options = agg.filter_options(frame)
    assert options["start"] == dt.date(2024, 1, 2) and options["end"] == dt.date(2024, 1, 12)
    assert options["attackers"] == ["Russia", "Ukraine", "unknown"]
    assert options["weapons"][:4] == ["missile", "drone", "artillery", "unknown"]
    assert options["regions"]["UA-63"] == "Kharkiv Oblast (UA-63)"
    assert agg.NO_REGION in options["regions"]
    assert options["max_sources"] == 2


def test_totals(frame):
    assert agg.totals(frame) == {"strikes": 5, "killed": 6, "wounded": 19, "regions": 3}
    mask = (frame["attacker"] == "Russia").to_numpy()
    assert agg.totals(frame, mask) == {"strikes": 3, "killed": 6, "wounded": 17, "regions": 2}


def test_period_comparison_against_previous_period(frame):
    # 2024-01-07..12 (6 days) against 2024-01-01..06
    out = agg.period_comparison(frame, agg.Filters(start=dt.date(2024, 1, 7), end=dt.date(2024, 1, 12)))
    assert out.loc["strikes", "current"] == 2 and out.loc["strikes", "previous"] == 3
    assert out.loc["strikes", "change"] == -1
    assert out.loc["strikes", "change_pct"] == pytest.approx(-100 / 3)
    assert out.loc["killed", "current"] == 2 and out.loc["killed", "previous"] == 4
    assert out.attrs["previous_period"] == (pd.Timestamp("2024-01-01"), pd.Timestamp("2024-01-06"))


def test_strikes_over_time_by_week_and_weapon(frame):
    weekly = agg.strikes_over_time(frame, "week", "attacker")
    cols = ["period", "attacker", "strikes"]
    got = {(str(p.date()), a): s for p, a, s in weekly[cols].itertuples(index=False)}
    assert got == {
        ("2024-01-01", "Russia"): 2,
        ("2024-01-01", "Ukraine"): 1,
        ("2024-01-08", "Russia"): 1,
        ("2024-01-08", "unknown"): 1,
    }
    by_weapon = agg.strikes_over_time(frame, "month", "weapons")
    assert by_weapon.set_index("weapons")["strikes"].to_dict() == {
        "artillery": 1,
        "drone": 2,
        "missile": 2,
        "unknown": 1,
    }
    daily = agg.strikes_over_time(frame, "day")
    assert daily["strikes"].sum() == 5


def test_casualties_low_best_high_and_cumulative(frame):
    out = agg.casualties_over_time(frame, "week")
    russia = out[(out["attacker"] == "Russia")].set_index("period")
    assert russia.loc["2024-01-01", ["killed_low", "killed_best", "killed_high"]].tolist() == [3, 4, 6]
    cum = agg.casualties_over_time(frame, "week", cumulative=True)
    russia = cum[cum["attacker"] == "Russia"].set_index("period")
    assert russia.loc["2024-01-08", "killed_best"] == 6
    ukraine = cum[cum["attacker"] == "Ukraine"].set_index("period")
    assert ukraine.loc["2024-01-08", "wounded_best"] == 2  # carried over an empty week


def test_sourcing(frame):
    shares = agg.source_type_shares(frame)
    russia = shares[shares["attacker"] == "Russia"].set_index("source_type")
    assert russia["claims"].to_dict() == {"ukraine_official": 2, "unattributed": 1}
    assert russia["share"].sum() == pytest.approx(1.0)
    top = agg.top_sources(frame)
    assert set(top["source"]) == {
        "regional governor Oleh Syniehubov",
        "Ukrainian Air Force",
        "Kyiv mayor Vitali Klitschko",
        "Governor Vyacheslav Gladkov",
        "Reuters",
    }
    conf = agg.confirmation(frame).set_index(["attacker", "sourcing"])["events"].to_dict()
    assert conf[("Russia", "several sources")] == 1 and conf[("Russia", "no source named")] == 1
    dis = agg.disagreements(frame)
    assert list(dis["event_id"]) == ["e1"]


def test_claims_table_from_claims_json():
    raw = events_frame().set_index("event_id")["claims"]
    table = agg.claims_table(["e1"], claims=raw)
    assert list(table["outlet"]) == ["Kyiv Independent", "Reuters"]
    assert list(table["killed"]) == [3, 2]


def test_regions_and_map(frame):
    regions = agg.by_region(frame)
    kharkiv = regions[regions["region"] == "UA-63"]
    assert kharkiv["strikes"].sum() == 2 and kharkiv["killed"].sum() == 5
    assert agg.NO_REGION in set(regions["region_label"])
    points = agg.map_points(frame)
    assert len(points) == 3  # Kharkiv, Kyiv, Belgorod; the event without coordinates is left out
    kh = points[points["location"] == "Kharkiv"].iloc[0]
    assert kh["strikes"] == 2 and kh["casualties"] == 17


def test_weapons_and_interception(frame):
    weapons = agg.by_weapon(frame).set_index(["attacker", "weapon"])["strikes"].to_dict()
    assert weapons[("Russia", "missile")] == 2 and weapons[("Russia", "drone")] == 1
    systems = agg.by_system(frame)
    assert set(systems["system"]) == {"S-300", "Shahed-136", "Kh-101"}
    rate = agg.interception(frame).set_index(["attacker", "weapon"])
    assert rate.loc[("Russia", "missile"), "launched"] == 44
    assert rate.loc[("Russia", "missile"), "intercepted"] == 36
    assert rate.loc[("Ukraine", "drone"), "rate"] == 1.0


def test_table_rows_latest_first(frame):
    rows = agg.table_rows(frame, 3)
    assert list(rows["event_id"]) == ["e5", "e4", "e3"]
    mask = (frame["attacker"] == "Russia").to_numpy()
    rows = agg.table_rows(frame, 2, mask)
    assert list(rows["event_id"]) == ["e4", "e2"]
    assert len(agg.table_rows(frame, 10, np.zeros(5, dtype=bool))) == 0


def test_build_all_views(frame):
    built = views.build_all(frame, agg.Filters(attackers=("Russia",)), views.ViewOptions(freq="day"))
    assert set(built) == set(views.VIEWS)
    assert built["overview"].summary.loc["strikes", "current"] == 3
    assert len(built["events"].tables["events"]) == 3
    figures = [f for v in built.values() for f in v.figures.values()]
    assert len(figures) >= 12
    assert all(f.layout.title.text for f in figures)


def test_evidence_and_claims_tables():
    from tests.dashboard_data import events

    e1 = events()[0]
    evidence = views.evidence_table(e1).set_index("field")
    assert evidence.loc["killed", "value"] == "3"
    assert evidence.loc["killed", "evidence sentence"].endswith("killing three people.")
    assert evidence.loc["weapons", "value"] == "missile"
    assert evidence.loc["wounded", "evidence sentence"] == ""
    claims = views.claims_of([e1])
    assert list(claims["outlet"]) == ["Kyiv Independent", "Reuters"]
    assert list(claims["killed"]) == [3, 2]


def test_articles_of_event():
    reports = pd.DataFrame(
        {
            "event_id": ["a", "b"],
            "title": ["T1", "T2"],
            "outlet": ["O", "P"],
            "url": ["u", "v"],
            "killed": [1, 2],
        }
    )
    assert list(views.articles_of(reports, "b")["title"]) == ["T2"]
    assert len(views.articles_of(pd.DataFrame(), "b")) == 0


@pytest.fixture
def approx_frame() -> pd.DataFrame:
    """Four strikes on the nominal day 2024-03-15: one known to the day, one to the week, one to
    the month, one not at all (a placeholder)."""
    frame = events_frame().head(4).copy()
    frame["event_id"] = ["d", "w", "m", "u"]
    frame["date"] = pd.Timestamp("2024-03-15")
    frame["date_precision"] = ["day", "week", "month", "unknown"]
    frame["attacker"] = "Russia"
    return agg.prepare(frame)


@pytest.mark.parametrize(("freq", "approx"), [("day", 3), ("week", 2), ("month", 1)])
def test_time_series_count_what_is_coarser_than_a_period(approx_frame, freq, approx):
    strikes = agg.strikes_over_time(approx_frame, freq)
    assert strikes["strikes"].sum() == 4 and strikes["approx"].sum() == approx
    by_weapon = agg.strikes_over_time(approx_frame, freq, "weapons")
    assert (by_weapon["approx"] <= by_weapon["strikes"]).all() and by_weapon["approx"].max() >= 1
    casualties = agg.casualties_over_time(approx_frame, freq)
    assert casualties["approx"].sum() == approx
    assert agg.casualties_over_time(approx_frame, freq, cumulative=True)["approx"].max() == approx


def test_time_series_without_precision_are_day_precise(frame):
    assert agg.strikes_over_time(frame, "day")["approx"].sum() == 0


def test_tables_show_approximate_dates_as_such(approx_frame):
    built = views.build_all(approx_frame, agg.Filters())
    events = built["events"].tables["events"].set_index("event_id")
    assert events["date"].to_dict() == {
        "d": "2024-03-15",
        "w": "week of 2024-03-11 (approx.)",
        "m": "2024-03 (month, approx.)",
        "u": "unknown",
    }
    assert events.loc["m", "date_precision"] == "month"
    order = views.table_order(built["events"].tables["events"])
    assert order.index("date_precision") == order.index("date") + 1
    latest = built["overview"].tables["latest"]
    assert sorted(latest["date"]) == sorted(events["date"])
    assert "date_precision" not in latest


def test_evidence_and_claims_show_the_approximate_date():
    from tests.dashboard_data import events

    e1 = events()[0]
    e1.date_precision = "month"
    assert views.evidence_table(e1).set_index("field").loc["date", "value"] == "2024-01 (month, approx.)"
    assert set(views.claims_of([e1])["date"]) == {"2024-01 (month, approx.)"}


def test_time_chart_hover_says_how_many_dates_are_approximate(approx_frame):
    from analytics import charts

    fig = charts.strikes_over_time(agg.strikes_over_time(approx_frame, "day"), "day")
    (bar,) = fig.data
    assert "%{customdata[1]}" in bar.hovertemplate
    assert [row[1] for row in bar.customdata] == ["<br>incl. 3 not dated to the day (approx.)"]
    fig = charts.casualties_over_time(agg.casualties_over_time(approx_frame, "month"), "month")
    assert all(t.customdata[0][3] == "<br>incl. 1 not dated to the month (approx.)" for t in fig.data)
    day_only = approx_frame[approx_frame["date_precision"] == "day"]
    fig = charts.strikes_over_time(agg.strikes_over_time(day_only, "day"), "day")
    assert [row[1] for row in fig.data[0].customdata] == [""]


def test_a_week_of_unknown_tolls_is_unknown_not_zero():
    frame = agg.prepare(events_frame())
    frame["killed_best"] = np.nan
    frame["killed_low"] = np.nan
    frame["killed_high"] = np.nan
    out = agg.casualties_over_time(frame, "week")
    assert out["killed_best"].isna().all()
    assert out["wounded_best"].notna().any()  # wounded still known where reported
    # running totals: nothing known yet is unknown, not 0
    assert agg.casualties_over_time(frame, "week", cumulative=True)["killed_best"].isna().all()
