"""The event store against real SQLite files: schema, transactions, merging, corrections, checks."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import sqlite3
import tempfile
import threading
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import analytics.store as store_mod
import analytics.store.db as store_db
import analytics.store.frames as store_frames
import analytics.store.rebuild as store_rebuild
import analytics.store.schema as store_schema
from analytics.cli import run_check
from analytics.cli_options import StoreOptions
from analytics.models import Article, StrikeReport, record_to_json
from analytics.store import MIGRATIONS, Item, Store, StoreError, cluster_reports, default_db_path
from bench.bulk_load import bulk_insert_events
from tests.factories import DAY as D
from tests.factories import article as art
from tests.factories import report as rep


def dump(s: Store) -> list[dict]:
    """Every event, and which event each report is linked to."""
    links = s.reports_frame()[["article_id", "ordinal", "event_id"]]
    linked = sorted(map(tuple, links.astype(str).to_numpy().tolist()))
    return [*(record_to_json(e) for e in s.events(include_rejected=True)), {"links": linked}]


# --------------------------------------------------------------------------- schema


def test_new_store_is_migrated_and_reopen_is_idempotent(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "new.db"
    with Store(path) as s:
        assert s.schema_version() == len(MIGRATIONS)
        s.add_article(art("first article text"), [rep()])
        version = s.data_version()
    with Store(path) as s:
        assert s.schema_version() == len(MIGRATIONS)
        assert s.counts() == {"articles": 1, "reports": 1, "events": 1, "corrections": 0}
        assert s.data_version() == version
        mode = s._conn.execute("PRAGMA journal_mode").fetchone()[0]
        assert mode == "wal"
        assert s._conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_empty_file_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    path.write_bytes(b"")
    with Store(path) as s:
        assert s.counts()["articles"] == 0


def test_newer_schema_and_non_database_are_refused(tmp_path: Path) -> None:
    newer = tmp_path / "newer.db"
    conn = sqlite3.connect(newer)
    conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        Store(newer)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database at all" * 200)
    with pytest.raises(StoreError):
        Store(junk)


def test_default_path_from_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("STRIKES_DB", raising=False)
    assert default_db_path().name == "strikes.db" and default_db_path().parent.name == "data"
    monkeypatch.setenv("STRIKES_DB", str(tmp_path / "x.db"))
    assert default_db_path() == tmp_path / "x.db"


def test_schema_holds_every_report_field() -> None:
    fields = {f.name for f in dataclasses.fields(StrikeReport)} - {"article_id"}
    assert fields == set(store_mod.REPORT_FIELDS)


# --------------------------------------------------------------------------- ingest transaction


def test_duplicate_by_text_under_another_name(store: Store) -> None:
    a = art("Same words in two files.", name="one.txt")
    assert store.add_article(a, [rep()]).status == "new"
    version = store.data_version()
    b = art("Same words in two files.\r\n", name="two.md", outlet="Other")
    result = store.add_article(b, [rep(killed=9)])
    assert result.status == "duplicate"
    assert store.counts() == {"articles": 1, "reports": 1, "events": 1, "corrections": 0}
    assert store.data_version() == version
    assert store.has_article(a.id)


def test_failure_mid_article_stores_nothing(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    store.add_article(art("an earlier article"), [rep(location="Chuhuiv")])
    before = store.counts()
    version = store.data_version()

    def boom(*args):  # fails after the article and its reports were inserted
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(store_rebuild, "rebuild_dates", boom)
    a = art("the failing article")
    with pytest.raises(RuntimeError):
        store.add_article(a, [rep(), rep(region="UA-32", location="Bucha")])
    monkeypatch.undo()
    assert not store.has_article(a.id)
    assert store.counts() == before
    assert store.data_version() == version
    assert store.check() == []
    assert store.add_article(a, [rep()]).status == "new"  # and it can be stored afterwards


# --------------------------------------------------------------------------- merging


def test_two_articles_merge_into_one_event(store: Store) -> None:
    a1 = art("article one", outlet="Kyiv Independent", published=dt.date(2024, 1, 4))
    a2 = art("article two", outlet="Reuters", published=dt.date(2024, 1, 5))
    a3 = art("article three", outlet="Reuters", published=dt.date(2024, 1, 5))
    store.add_article(
        a1, [rep(killed=2, wounded=10, sources=["governor Syniehubov"], source_types=["ukraine_official"])]
    )
    r = store.add_article(
        a2,
        [rep(location="", geo_precision=3, killed=5, wounded=8, systems=["S-300"], sources=["police"])],
    )
    assert r.events == 1
    store.add_article(a3, [rep(killed=4, weapons=[], sources=["mayor"], source_types=["ukraine_official"])])
    (ev,) = store.events()
    assert (ev.killed_low, ev.killed_best, ev.killed_high, ev.killed) == (
        2,
        5,
        5,
        5,
    )  # tie on 5 Jan -> higher
    assert (ev.wounded_low, ev.wounded_best, ev.wounded_high) == (8, 8, 10)
    assert ev.location == "Kharkiv" and ev.date == D
    assert ev.weapons == ["missile"] and ev.systems == ["S-300"]
    assert ev.sources == ["governor Syniehubov", "mayor", "police"]
    assert ev.number_of_reports == 3 and ev.number_of_outlets == 2
    assert [(c.outlet, c.killed) for c in ev.claims] == [
        ("Kyiv Independent", 2),
        ("Reuters", 4),
        ("Reuters", 5),
    ]
    assert {c.article_id for c in ev.claims} == {a1.id, a2.id, a3.id}
    frame = store.reports_frame()
    assert set(frame["event_id"]) == {ev.event_id}
    assert set(frame["outlet"]) == {"Kyiv Independent", "Reuters"}


def test_what_does_not_merge(store: Store) -> None:
    store.add_article(art("a"), [rep()])
    store.add_article(art("b"), [rep(location="Chuhuiv")])  # another town
    store.add_article(art("c"), [rep(weapons=["drone"])])  # another weapon
    store.add_article(art("d"), [rep(date=D + dt.timedelta(days=1))])  # another day
    store.add_article(art("e"), [rep(attacker="Ukraine")])  # another attacker
    store.add_article(art("f"), [rep(region=None, region_name="", location="")])  # country-wide
    assert store.counts()["events"] == 6


def test_imprecise_date_joins_within_a_day(store: Store) -> None:
    store.add_article(art("a"), [rep()])
    store.add_article(art("b"), [rep(date=D + dt.timedelta(days=1), date_precision="week", killed=3)])
    store.add_article(art("c"), [rep(date=D + dt.timedelta(days=2), date_precision="month")])
    events = store.events()
    assert [e.number_of_reports for e in events] == [2, 1]
    assert events[0].date == D and events[0].date_precision == "day" and events[0].killed == 3


def test_unknown_precision_report_is_stored_and_read_back(tmp_path: Path) -> None:
    path = tmp_path / "unknown.db"
    with Store(path) as s:
        s.add_article(
            art("A substation near Kharkiv was hit at some point, the operator said."),
            [
                rep(date=None, date_precision="unknown", location="Kharkiv"),
                rep(date=D, date_precision="unknown", location="Chuhuiv", weapons=["drone"]),
            ],
        )
    with Store(path) as s:  # reopened: what was written, not what is cached
        reports = s.reports_frame().set_index("location")
        assert reports.loc["Kharkiv", "date_precision"] == "unknown"
        assert pd.isna(reports.loc["Kharkiv", "date"])
        assert reports.loc["Chuhuiv", "date_precision"] == "unknown"
        assert reports.loc["Chuhuiv", "date"] == pd.Timestamp(D)  # the placeholder date is kept
        events = {e.location: e for e in s.events()}
        assert events["Kharkiv"].date is None and events["Kharkiv"].date_precision == "unknown"
        assert events["Chuhuiv"].date == D and events["Chuhuiv"].date_precision == "unknown"
        frame = s.events_frame().set_index("location")
        assert frame.loc["Chuhuiv", "date_precision"] == "unknown"
        assert not s.check()


def test_unknown_precision_merges_and_the_finest_precision_wins(store: Store) -> None:
    store.add_article(art("a"), [rep(date=D + dt.timedelta(days=1), date_precision="unknown", killed=2)])
    (only,) = store.events()
    assert only.date_precision == "unknown"
    store.add_article(art("b"), [rep(date=D + dt.timedelta(days=1), date_precision="month")])
    (ev,) = store.events()
    assert ev.date_precision == "month" and ev.number_of_reports == 2
    store.add_article(art("c"), [rep()])  # day-precise, the day before: the others join it
    (ev,) = store.events()
    assert ev.date == D and ev.date_precision == "day" and ev.number_of_reports == 3


def test_date_precision_corrections_accept_unknown_only_among_known_values(store: Store) -> None:
    store.add_article(art("a"), [rep()])
    (ev,) = store.events()
    store.correct_event(ev.event_id, "date_precision", "unknown")
    (ev,) = store.events()
    assert ev.date_precision == "unknown" and ev.review_status == "corrected"
    with pytest.raises(
        ValueError, match="Date known to must be one of Exact day, Week only, Month only, Date unknown"
    ):
        store.correct_event(ev.event_id, "date_precision", "year")


def test_region_level_report_joins_a_town(store: Store) -> None:
    store.add_article(art("a"), [rep(location="Kharkiv Oblast", geo_precision=3)])
    store.add_article(art("b"), [rep(location="Chuhuiv")])
    (ev,) = store.events()
    assert ev.location == "Chuhuiv" and ev.number_of_reports == 2


REGIONS = ["UA-63", "UA-32", None]
LOCATIONS = ["", "Kharkiv", "Chuhuiv"]


@st.composite
def article_sets(draw: st.DrawFn) -> list[tuple[Article, list[StrikeReport]]]:
    n = draw(st.integers(2, 5))
    out = []
    for i in range(n):
        reports = []
        for _ in range(draw(st.integers(0, 3))):
            region = draw(st.sampled_from(REGIONS))
            reports.append(
                rep(
                    date=D + dt.timedelta(days=draw(st.integers(0, 4))),
                    date_precision=draw(st.sampled_from(["day", "day", "week", "month", "unknown"])),
                    attacker=draw(st.sampled_from(["Russia", "Ukraine"])),
                    region=region,
                    region_name="" if region is None else "Region",
                    location="" if region is None else draw(st.sampled_from(LOCATIONS)),
                    weapons=draw(
                        st.sampled_from([[], ["missile"], ["drone"], ["missile", "drone"], ["unknown"]])
                    ),
                    killed=draw(st.one_of(st.none(), st.integers(0, 9))),
                    wounded=draw(st.one_of(st.none(), st.integers(0, 9))),
                    sources=draw(st.sampled_from([[], ["governor"], ["police", "mayor"]])),
                )
            )
        published = D + dt.timedelta(days=draw(st.integers(0, 6)))
        outlet = draw(st.sampled_from(["", "A", "B"]))
        out.append((art(f"article number {i}", outlet=outlet, published=published), reports))
    return out


def _same_events_in_any_order(data: list[tuple[Article, list[StrikeReport]]], order: random.Random) -> None:
    shuffled = list(data)
    order.shuffle(shuffled)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, seq in enumerate((data, shuffled, list(reversed(data)))):
            with Store(Path(tmp) / f"{i}.db") as s:
                for a, reports in seq:
                    s.add_article(a, reports)
                assert s.check() == []
                results.append(dump(s))
                frame = s.events_frame(include_rejected=True)
                assert len(frame) == len(results[-1]) - 1
            with Store(Path(tmp) / f"{i}.db") as s:  # a full rebuild agrees with the incremental one
                s.rebuild_events()
                assert dump(s) == results[-1]
    assert results[0] == results[1] == results[2]


# The fast tier tries a few article sets (each is three stores written and rebuilt); the slow tier
# many more. test_clustering_ignores_input_order checks the merge itself on more sets, in memory.
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=article_sets(), order=st.randoms(use_true_random=False))
def test_any_ingest_order_gives_the_same_events(data, order) -> None:
    _same_events_in_any_order(data, order)


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=article_sets(), order=st.randoms(use_true_random=False))
def test_any_ingest_order_gives_the_same_events_over_many_sets(data, order) -> None:
    _same_events_in_any_order(data, order)


@settings(max_examples=50, deadline=None)
@given(data=article_sets(), order=st.randoms(use_true_random=False))
def test_clustering_ignores_input_order(data, order) -> None:
    items = [
        Item(i * 10 + j, j, dataclasses.replace(r, article_id=a.id), a.outlet, a.published)
        for i, (a, reports) in enumerate(data)
        for j, r in enumerate(reports)
    ]
    shuffled = list(items)
    order.shuffle(shuffled)

    def key(clusters):
        return [(c.anchor, [m.rid for m in c.members]) for c in clusters]

    assert key(cluster_reports(items)) == key(cluster_reports(shuffled))


# --------------------------------------------------------------------------- corrections


def test_corrections_and_review_status(store: Store) -> None:
    store.add_article(art("a"), [rep(killed=2)])
    store.add_article(art("b"), [rep(location="Chuhuiv")])
    by_place = {e.location: e for e in store.events()}
    first, second = by_place["Kharkiv"], by_place["Chuhuiv"]
    v = store.data_version()
    store.correct_event(first.event_id, "killed", 7, note="checked the governor's post")
    store.correct_event(first.event_id, "weapons", "missile;drone")
    assert store.data_version() > v
    ev = store.event(first.event_id)
    assert (ev.killed, ev.killed_best, ev.review_status, ev.weapons) == (
        7,
        7,
        "corrected",
        ["missile", "drone"],
    )
    store.set_review_status(second.event_id, "rejected")
    assert [e.event_id for e in store.events()] == [first.event_id]
    assert len(store.events_frame()) == 1 and len(store.events_frame(include_rejected=True)) == 2
    corr = store.corrections_frame()
    assert list(corr["field"]) == ["killed", "weapons", "review_status"]
    assert corr["applied"].all() and corr["note"].iloc[0] == "checked the governor's post"
    # a later article does not undo them
    store.add_article(art("c"), [rep(killed=1, wounded=3)])
    ev = store.event(first.event_id)
    assert (
        ev.killed == 7 and ev.wounded == 3 and ev.number_of_reports == 2 and ev.review_status == "corrected"
    )
    assert store.event(second.event_id).review_status == "rejected"
    for bad in (
        ("nope", 1),
        ("attacker", "Martians"),
        ("killed", -1),
        ("killed", "many"),
        ("weapons", ["laser"]),
    ):
        with pytest.raises(ValueError):
            store.correct_event(first.event_id, *bad)
    with pytest.raises(ValueError):
        store.correct_event("no-such-event", "killed", 1)
    with pytest.raises(ValueError):
        store.set_review_status(first.event_id, "maybe")
    corr_id = int(store.corrections_frame()["id"].iloc[0])
    store.delete_correction(corr_id)
    assert store.event(first.event_id).killed == 2  # back to the merged figure (a tie on 4 Jan: the higher)


def test_correction_follows_its_event_when_the_id_changes(store: Store) -> None:
    store.add_article(art("a"), [rep(location="", geo_precision=3, killed=1)])
    (old,) = store.events()
    store.correct_event(old.event_id, "wounded", 4)
    store.add_article(art("b"), [rep(location="Kharkiv")])  # more precise: the id changes
    (new,) = store.events()
    assert new.event_id != old.event_id
    assert new.wounded == 4 and new.review_status == "corrected"
    assert store.corrections_frame()["event_id"].tolist() == [new.event_id]


# --------------------------------------------------------------------------- frames


def test_events_frame_types_and_columns(store: Store) -> None:
    assert len(store.events_frame()) == 0
    store.add_article(art("a"), [rep(killed=2, systems=["S-300", "Iskander-M"], lat=49.99, lon=36.23)])
    store.add_article(art("b"), [rep(region="UA-32", location="Bucha", weapons=["drone"])])
    frame = store.events_frame()
    assert len(frame) == 2
    assert frame["date"].dtype == "datetime64[us]"
    assert isinstance(frame["attacker"].dtype, pd.CategoricalDtype)
    assert str(frame["killed_best"].dtype) == "Int64"
    assert set(frame["systems"]) == {"Iskander-M;S-300", ""}  # events sort the union
    row = frame[frame["region"] == "UA-63"].iloc[0]
    assert row["lat"] == 49.99
    slow = store.frame(f"SELECT {', '.join(frame.columns)} FROM events WHERE review_status != 'rejected'")
    pd.testing.assert_frame_equal(frame, slow)
    part = store.events_frame(columns=["event_id", "date", "killed_best"])
    assert list(part.columns) == ["event_id", "date", "killed_best"]
    with pytest.raises(ValueError):
        store.events_frame(columns=["nope"])
    arts = store.articles_frame()
    assert list(arts["reports"]) == [1, 1] and "text" not in arts


def test_bulk_insert_events_round_trip(store: Store) -> None:
    frame = pd.DataFrame(
        {
            "event_id": ["e1", "e2", "e3"],
            "date": pd.to_datetime(["2024-01-01", "2024-01-02", None]),
            "attacker": ["Russia", "Ukraine", "Russia"],
            "country": ["UA", "RU", "UA"],
            "region": ["UA-63", "RU-BEL", None],
            "weapons": ["missile", "drone;missile", ""],
            "killed_best": pd.array([1, None, 0], dtype="Int64"),
            "lat": [50.0, None, 48.5],
        }
    )
    assert bulk_insert_events(store, frame) == 3
    got = store.events_frame(columns=list(frame.columns)).sort_values("event_id").reset_index(drop=True)
    assert got["weapons"].astype(str).tolist() == ["missile", "drone;missile", ""]
    assert got["killed_best"].tolist()[0] == 1 and pd.isna(got["killed_best"][1])
    assert pd.isna(got["date"][2]) and pd.isna(got["region"][2])
    assert got["lat"].isna().tolist() == [False, True, False]
    assert any("without reports" in p for p in store.check())


def _bulk(n: int) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "event_id": [f"e{i}" for i in range(n)],
            "date": pd.to_datetime(["2024-01-01", "2024-01-02", None, "2024-02-01", "2024-03-05"] * (n // 5)),
            "attacker": ["Russia", "Ukraine", "Russia", "unknown", "Ukraine"] * (n // 5),
            "region": ["UA-63", "RU-BEL", None, "UA-30", None] * (n // 5),
            "systems": ["", "Shahed-136", "S-300", "", "Kh-101"] * (n // 5),
            "killed_best": pd.array([1, None, 0, 3, None] * (n // 5), dtype="Int64"),
            "lat": [50.123456789012344, None, 48.5, 0.1 + 0.2, None] * (n // 5),
            "evidence": ['{"killed": 1}', "", "x", "y", "z"] * (n // 5),
        }
    )


def test_column_wise_read_over_chunks(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunks whose categories, nulls and dictionaries differ give the row-wise frame exactly."""
    monkeypatch.setattr(store_frames, "CHUNK", 3)
    bulk_insert_events(store, _bulk(20))
    frame = store.events_frame()
    slow = store.frame(f"SELECT {', '.join(frame.columns)} FROM events WHERE review_status != 'rejected'")
    pd.testing.assert_frame_equal(frame, slow, check_exact=True)  # floats exact too
    assert frame["lat"].fillna(-1).tolist()[:5] == [50.123456789012344, -1, 48.5, 0.1 + 0.2, -1]
    assert frame["region"].isna().sum() == 8
    assert list(frame["region"].cat.categories) == ["RU-BEL", "UA-30", "UA-63"]


def test_events_for_ids(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    bulk_insert_events(store, _bulk(10))
    store.set_review_status("e4", "rejected")
    got = store.events_for_ids(["e3", "nope", "e0", "e4", "e3"], ["evidence", "killed_best", "lat"])
    assert list(got.columns) == ["event_id", "evidence", "killed_best", "lat"]
    assert got["event_id"].tolist() == ["e3", "e0", "e4"]  # order asked, unknown left out, rejected in
    assert got["evidence"].tolist() == ["y", '{"killed": 1}', "z"]
    assert str(got["killed_best"].dtype) == "Int64" and pd.isna(got["killed_best"][2])
    assert list(store.events_for_ids(["e1"]).columns) == list(store_mod.EVENT_FIELDS)
    assert len(store.events_for_ids([], ["evidence"])) == 0
    monkeypatch.setattr(store_db, "BY_ID_LIMIT", 1)  # the scan gives the same
    pd.testing.assert_frame_equal(
        store.events_for_ids(["e3", "nope", "e0", "e4"], ["evidence", "killed_best", "lat"]), got
    )
    with pytest.raises(ValueError):
        store.events_for_ids(["e1"], ["nope"])


def test_content_key_changes_with_every_write(store: Store) -> None:
    first = store.content_key()
    assert first["events"] == 0 and first["schema"] == len(MIGRATIONS)
    bulk_insert_events(store, _bulk(5))
    second = store.content_key()
    assert second["events"] == 5 and second["data_version"] > first["data_version"]
    store.correct_event("e0", "killed", 4)
    assert store.content_key()["data_version"] > second["data_version"]


def test_snapshot_is_reused_and_invalidated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from analytics import views
    from analytics.store import snapshot

    db = tmp_path / "s.db"
    store = Store(db)
    bulk_insert_events(store, _bulk(10))
    cols = ["event_id", "date", "attacker", "region", "killed_best", "lat"]
    first = snapshot.events_frame(store, cols)
    files = list(tmp_path.glob("s.db-frame-*.arrow"))
    assert len(files) == 1
    pd.testing.assert_frame_equal(first, store.events_frame(columns=cols))

    reads = []
    original = Store.events_frame
    monkeypatch.setattr(
        Store, "events_frame", lambda self, *a, **k: reads.append(1) or original(self, *a, **k)
    )
    pd.testing.assert_frame_equal(snapshot.events_frame(store, cols), first)  # from the snapshot
    assert reads == []

    store.correct_event("e0", "killed", 7)  # data_version changes: the snapshot is patched
    again = snapshot.events_frame(store, cols)
    assert reads == [] and again.loc[again["event_id"] == "e0", "killed_best"].tolist() == [7]
    pd.testing.assert_frame_equal(again, original(store, columns=cols))
    snapshot.wait_for_writes()
    assert len(list(tmp_path.glob("s.db-frame-*.arrow"))) == 1  # the old version's file is gone

    snapshot.events_frame(store, cols, include_rejected=True)  # another selection: its own file
    assert len(list(tmp_path.glob("s.db-frame-*.arrow"))) == 2
    for path in tmp_path.glob("s.db-frame-*.arrow"):
        path.write_bytes(b"damaged")
    reads.clear()
    pd.testing.assert_frame_equal(snapshot.events_frame(store, cols), again)  # damaged: read the store
    assert reads == [1]
    store.close()

    for suffix in ("", "-wal", "-shm"):  # a new store at the same path, same data_version
        Path(str(db) + suffix).unlink(missing_ok=True)
    fresh = Store(db)
    bulk_insert_events(fresh, _bulk(5))
    assert len(snapshot.events_frame(fresh, cols)) == 5
    frame = views.load_frame(fresh)
    assert set(views.FRAME_COLUMNS) <= set(frame.columns)
    assert frame["killed"].equals(frame["killed_best"])
    assert snapshot.remove_snapshots(db) >= 1 and not list(tmp_path.glob("s.db-frame-*.arrow"))
    fresh.close()


def test_with_details_reads_the_left_out_columns(store: Store) -> None:
    from analytics import aggregate as agg
    from analytics import views

    bulk_insert_events(store, _bulk(10))
    frame = views.load_frame(store, snapshot=False)
    assert "evidence" not in frame
    rows = agg.table_rows(frame, 3)
    full = views.with_details(store, rows, columns=store_mod.EVENT_FIELDS)
    assert full["event_id"].tolist() == rows["event_id"].tolist()
    stored = store.events_for_ids(rows["event_id"].tolist())
    assert full["evidence"].tolist() == stored["evidence"].tolist()
    shown = views.with_details(store, rows)
    assert "evidence" not in shown and "article_id" in shown and len(shown) == 3


# --------------------------------------------------------------------------- check


def test_check_good_and_corrupted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "c.db"
    with Store(path) as s:
        a = art("the article")
        s.add_article(a, [rep()])
        assert s.check() == []
    assert run_check(StoreOptions(db=str(path))) == 0
    assert "ok" in capsys.readouterr().out
    conn = sqlite3.connect(path)  # foreign keys off: leave orphans behind
    conn.execute("DELETE FROM articles")
    conn.commit()
    conn.close()
    with Store(path) as s:
        problems = s.check()
    assert any("foreign key" in p for p in problems) and any("report without article" in p for p in problems)
    assert run_check(StoreOptions(db=str(path))) == 1
    assert "problem" in capsys.readouterr().out


def test_check_physical_corruption(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "p.db"
    with Store(path) as s:
        for i in range(40):
            s.add_article(art(f"article {i} " + "words " * 300), [rep(location=f"Place {i}")])
        s._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(path.read_bytes())
    for off in range(4096 * 3, len(data) - 4096, 4096):  # scribble over every page but the first two
        data[off + 100 : off + 400] = b"\xff" * 300
    path.write_bytes(bytes(data))
    assert run_check(StoreOptions(db=str(path))) == 1
    assert "problem" in capsys.readouterr().out


# --------------------------------------------------------------------------- concurrency


def test_two_writers_at_once(tmp_path: Path) -> None:
    path = tmp_path / "w.db"
    Store(path).close()
    errors: list[BaseException] = []

    def writer(k: int) -> None:
        try:
            with Store(path) as s:
                for i in range(30):
                    s.add_article(art(f"writer {k} article {i}"), [rep(killed=i)])
                    s.add_article(art(f"shared article {i}"), [rep(killed=i)])
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(k,)) for k in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with Store(path) as s:
        assert s.counts()["articles"] == 90
        assert s.check() == []


# --------------------------------------------------------------------------- incremental snapshot

_FULL_READS: list[int] = []


class _CountingStore(Store):
    """Counts the snapshot's full reads (``rowid=True``) of the store."""

    def events_frame(self, include_rejected=False, columns=None, rowid=False):  # type: ignore[override]
        if rowid:
            _FULL_READS.append(1)
        return super().events_frame(include_rejected, columns, rowid)


@st.composite
def store_changes(draw: st.DrawFn) -> list[tuple]:
    """A sequence of writes: ingests, corrections, review changes, undos, re-extractions, bulk rows."""
    ops: list[tuple] = []
    for step in range(draw(st.integers(2, 9))):
        kind = draw(
            st.sampled_from(["ingest", "ingest", "correct", "correct", "review", "undo", "reextract", "bulk"])
        )
        if kind in ("ingest", "reextract"):
            data = draw(article_sets())
            ops.append((kind, step, data[0][1] + data[1][1]))
        elif kind == "correct":
            field, value = draw(
                st.sampled_from(
                    [
                        ("killed", 4),
                        ("killed", 0),
                        ("location", "Brand New Place"),
                        ("location", "Kharkiv"),
                        ("weapons", ["drone"]),
                        ("region", "UA-30"),
                        ("lat", 50.5),
                        ("date", "2024-01-09"),
                        ("sources", ["a new source"]),
                    ]
                )
            )
            ops.append((kind, draw(st.integers(0, 50)), field, value))
        elif kind == "review":
            ops.append(
                (kind, draw(st.integers(0, 50)), draw(st.sampled_from(["rejected", "verified", "auto"])))
            )
        elif kind == "undo":
            ops.append((kind, draw(st.integers(0, 50))))
        else:
            ops.append((kind, step, draw(st.integers(1, 6))))
        ops[-1] += (draw(st.booleans()), draw(st.booleans()))  # include_rejected, wait for the write
    return ops


def _apply(store: Store, op: tuple) -> None:
    kind = op[0]
    ids = [r[0] for r in store._query("SELECT event_id FROM events ORDER BY event_id")]
    if kind == "ingest":
        store.add_article(art(f"ingested article {op[1]}", outlet="B"), op[2])
    elif kind == "reextract":
        aids = sorted(a.id for a in store.articles())
        if aids:
            store.replace_reports({aids[op[1] % len(aids)]: op[2]})
    elif kind == "correct" and ids:
        store.correct_event(ids[op[1] % len(ids)], op[2], op[3])
    elif kind == "review" and ids:
        store.set_review_status(ids[op[1] % len(ids)], op[2])
    elif kind == "undo":
        corrections = store.corrections_frame()
        if len(corrections):
            store.delete_correction(int(corrections["id"].iloc[op[1] % len(corrections)]))
    elif kind == "bulk":
        frame = _bulk(5 * op[2])
        frame["event_id"] = [f"b{op[1]}-{i}" for i in range(len(frame))]
        bulk_insert_events(store, frame)


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(start=article_sets(), ops=store_changes())
def test_patched_snapshot_equals_a_full_read(start, ops) -> None:
    """After any sequence of writes, the snapshot patched with the changes is the frame a cold
    full read gives: same rows, order, dtypes and categories (rejected events in or out)."""
    from analytics import views
    from analytics.store import snapshot

    _FULL_READS.clear()
    with tempfile.TemporaryDirectory() as tmp, _CountingStore(Path(tmp) / "s.db") as store:
        for a, reports in start:
            store.add_article(a, reports)
        bulk_insert_events(store, _bulk(10))
        cols = list(views.FRAME_COLUMNS)
        for include_rejected in (False, True):
            snapshot.events_frame(store, cols, include_rejected)
        for op in ops:
            _apply(store, op)
            include_rejected, wait = op[-2], op[-1]
            got = snapshot.events_frame(store, cols, include_rejected)
            cold = Store.events_frame(store, include_rejected, cols)
            pd.testing.assert_frame_equal(got, cold, check_exact=True, obj=f"after {op[:2]}")
            if wait:
                snapshot.wait_for_writes()
        for include_rejected in (False, True):  # both selections current (a rebuild reads in full)
            snapshot.events_frame(store, cols, include_rejected)
        snapshot.wait_for_writes()
        reads = len(_FULL_READS)
        # an empty store has no snapshot (reading it is free): the rows added next are read in full
        patchable = store.counts()["events"] > 0
        first = store._query("SELECT event_id FROM events ORDER BY event_id LIMIT 1")
        if first:
            store.set_review_status(first[0][0], "rejected")
        bulk_insert_events(store, _bulk(5).assign(event_id=[f"last{i}" for i in range(5)]))
        for include_rejected in (False, True):
            patched = views.load_frame(store, include_rejected=include_rejected)
            cold = views.load_frame(store, include_rejected=include_rejected, snapshot=False)
            pd.testing.assert_frame_equal(patched, cold, check_exact=True)
        assert len(_FULL_READS) == reads or not patchable  # patched, not read in full
        snapshot.wait_for_writes()


def test_patch_falls_back_to_a_full_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from analytics.store import snapshot

    monkeypatch.setattr(snapshot, "MIN_CHANGED_LIMIT", 3)
    _FULL_READS.clear()
    store = _CountingStore(tmp_path / "s.db")
    bulk_insert_events(store, _bulk(40))
    cols = ["event_id", "date", "region", "killed_best"]
    snapshot.events_frame(store, cols)
    store.correct_event("e1", "killed", 9)
    snapshot.events_frame(store, cols)
    assert len(_FULL_READS) == 1  # patched
    snapshot.wait_for_writes()
    frame = _bulk(20)
    frame["event_id"] = [f"x{i}" for i in range(20)]
    bulk_insert_events(store, frame)  # more than the limit: read in full
    got = snapshot.events_frame(store, cols)
    assert len(_FULL_READS) == 2 and len(got) == 60
    for path in tmp_path.glob("s.db-frame-*.arrow"):  # a damaged base: read in full
        path.write_bytes(b"damaged")
    store.correct_event("e2", "killed", 9)
    pd.testing.assert_frame_equal(snapshot.events_frame(store, cols), Store.events_frame(store, columns=cols))
    assert len(_FULL_READS) == 3
    store.rebuild_events()  # every event rebuilt: the log starts again, read in full
    snapshot.events_frame(store, cols)
    assert len(_FULL_READS) == 4
    store.close()


def test_schema_1_store_is_migrated(tmp_path: Path) -> None:
    """A store written by schema version 1 opens, keeps its data and tracks changes from then on."""
    db = tmp_path / "old.db"
    conn = sqlite3.connect(db)
    store_schema._migration_1(conn)
    conn.execute("PRAGMA user_version = 1")
    conn.execute(
        "INSERT INTO events (event_id, review_status, date, attacker, weapons, systems, source_types, "
        "date_precision, region_name, location, geo_precision, target_type, sub_event_type, "
        "number_of_reports, number_of_outlets, confidence, sources, key_attacker, article, article_id, "
        "evidence, claims) VALUES ('old', 'auto', '2024-01-01', 'Russia', 'missile', '', '', 'day', '', "
        "'Kharkiv', 1, 'unknown', 'x', 1, 1, 0.5, '', 'Russia', '', '', '', '[]')"
    )
    conn.execute("UPDATE meta SET value = 7 WHERE key = 'data_version'")
    conn.commit()
    conn.close()
    from analytics.store import snapshot

    with Store(db) as store:
        assert store.schema_version() == len(MIGRATIONS)
        assert store.data_version() == 7 and store.content_key()["store_id"] is not None
        cols = ["event_id", "date", "location"]
        assert snapshot.events_frame(store, cols)["event_id"].tolist() == ["old"]
        store.correct_event("old", "location", "Chuhuiv")
        bulk_insert_events(store, _bulk(5))
        changes = store.event_changes(7, cols)
        assert changes is not None and sorted(changes.drop) == ["e0", "e1", "e2", "e3", "e4", "old"]
        assert store.event_changes(6, cols) is None  # older than the change log
        got = snapshot.events_frame(store, cols)
        pd.testing.assert_frame_equal(got, store.events_frame(columns=cols))
        assert got["location"].tolist()[0] == "Chuhuiv"
        snapshot.wait_for_writes()
    with Store(db) as store:
        assert store.schema_version() == len(MIGRATIONS) and store.counts()["events"] == 6


def test_feed_items_are_remembered_across_opens(tmp_path: Path) -> None:
    db = tmp_path / "feeds.db"
    with Store(db) as store:
        version = store.data_version()
        assert not store.feed_item_seen("http://feeds.test/rss", "item-1")
        store.remember_feed_item("http://feeds.test/rss", "item-1", "http://feeds.test/a", None)
        assert store.data_version() == version  # no article or event changed
    with Store(db) as store:
        assert store.feed_item_seen("http://feeds.test/rss", "item-1")
        assert not store.feed_item_seen("http://other.test/rss", "item-1")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("killed", "three", "Killed must be a whole number"),
        ("killed", "2.5", "Killed must be a whole number"),
        ("wounded_high", "many", "Wounded (highest report) must be a whole number"),
        ("date", "yesterday", "Date must be a date written as year-month-day"),
        ("lat", "north", "Latitude must be a number"),
        ("killed", "-1", "Killed cannot be negative"),
        ("attacker", "Narnia", "Attacking side must be one of Russia, Ukraine, Unknown side"),
        ("event_id", "x", "Event cannot be corrected"),
    ],
)
def test_bad_corrections_are_refused_in_plain_words(field: str, value: str, message: str) -> None:
    from analytics.store.corrections import correction_value

    with pytest.raises(ValueError) as err:
        correction_value(field, value)
    assert message in str(err.value)
    assert "invalid literal" not in str(err.value) and "fromisoformat" not in str(err.value)


@pytest.mark.parametrize(
    ("field", "value", "stored"),
    [("killed", "3", 3), ("killed", "3.0", 3), ("killed", "", None), ("date", "2024-03-05", "2024-03-05")],
)
def test_good_corrections_are_parsed(field: str, value: str, stored: object) -> None:
    from analytics.store.corrections import correction_value

    assert correction_value(field, value) == stored


def test_the_snapshot_of_a_linked_store_lives_beside_the_store_file(tmp_path: Path) -> None:
    from analytics import views
    from analytics.store import snapshot

    (tmp_path / "real").mkdir()
    (tmp_path / "links").mkdir()
    with Store(tmp_path / "real" / "x.db") as s:
        s.add_article(art("a strike on the depot"), [rep()])
    link = tmp_path / "links" / "x.db"
    link.symlink_to(tmp_path / "real" / "x.db")
    with Store(link) as s:
        snapshot.events_frame(s, list(views.FRAME_COLUMNS), False)
        snapshot.wait_for_writes()
    assert [p.name for p in (tmp_path / "links").iterdir()] == ["x.db"]
    assert any(p.suffix == ".arrow" for p in (tmp_path / "real").iterdir())
    assert snapshot.remove_snapshots(link) >= 1
