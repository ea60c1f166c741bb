"""The language of each article (issue 25) through every layer: the extractor gives each report
its article's language, an event holds the union of its reports', the store keeps it (and a
store of schema 6 is migrated), the filters, the labels, the table and the exports carry it.

Every text here is written for these tests."""

from __future__ import annotations

import datetime as dt
import io
import json
import sqlite3
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.feather as feather
import pytest
from streamlit.testing.v1 import AppTest

import analytics.store.blocks as blocks
from analytics import aggregate as agg
from analytics import views
from analytics.export import frame_to_csv, frame_to_json, frame_to_jsonl, frame_to_xlsx
from analytics.extract.pipeline import STAGES, run_stage, run_stages
from analytics.first_run import write_marker
from analytics.ingest import ingest_uploads, reextract
from analytics.labels import human_frame, label
from analytics.models import (
    Article,
    Event,
    record_to_json,
    records_to_frame,
    report_from_json,
    report_to_guidelines,
)
from analytics.page import panels
from analytics.store import CORRECTABLE_FIELDS, MIGRATIONS, Item, Store, cluster_reports
from analytics.store.merge import Fold, merge_cluster
from tests.factories import PUBLISHED, run
from tests.factories import article as art
from tests.factories import report as rep
from tests.test_app import APP, metric

EN = "Russian drones struck a fuel depot in Poltava overnight, killing two workers, the governor said."
UK = "Вночі російський дрон влучив у склад у Полтаві. Загинули двоє працівників."
RU = "Ночью беспилотник попал в склад в Курске, погибли два человека."


# --------------------------------------------------------------------------- extraction


@pytest.mark.parametrize(
    ("text", "region", "languages"),
    [(EN, "UA-53", ["en"]), (UK, "UA-53", ["uk"]), (RU, "RU-KRS", ["ru"])],
    ids=["en", "uk", "ru"],
)
def test_each_report_carries_its_articles_language(text: str, region: str, languages: list[str]) -> None:
    reports = run(text)
    assert [r.region for r in reports] == [region]  # a record first
    assert [r.languages for r in reports] == [languages]


def test_stage_language_sets_what_stage_gloss_detected() -> None:
    x = run_stages(Article(text=UK, published=dt.date(2024, 3, 14)), until="unglossed")
    assert [r.languages for r in x.reports] == [[]]
    run_stage(next(s for s in STAGES if s.name == "language"), x)
    assert [r.languages for r in x.reports] == [["uk"]]
    assert STAGES[-1].name == "language"


def test_languages_is_a_record_field_but_not_a_gold_one() -> None:
    (report,) = run(RU)
    assert "languages" not in report_to_guidelines(report)
    data = record_to_json(report)
    assert data["languages"] == ["ru"]
    assert report_from_json(json.loads(json.dumps(data))).languages == ["ru"]
    assert "languages" not in CORRECTABLE_FIELDS  # read from the text, not corrected


# --------------------------------------------------------------------------- merge


@pytest.mark.parametrize(
    ("per_report", "merged"),
    [
        ([["en"]], ["en"]),
        ([["uk"], ["en"]], ["en", "uk"]),
        ([["ru"], ["uk"], ["ru"]], ["ru", "uk"]),
        ([["uk"], ["ru"], ["en"]], ["en", "ru", "uk"]),
        ([[], ["uk"]], ["uk"]),
        ([[]], []),
    ],
)
def test_an_event_holds_the_sorted_union_of_its_reports_languages(
    per_report: list[list[str]], merged: list[str]
) -> None:
    items = [
        Item(i, 0, rep(languages=langs, article_id=f"a{i}"), f"Outlet {i}", PUBLISHED)
        for i, langs in enumerate(per_report)
    ]
    (cluster,) = cluster_reports(items)
    assert merge_cluster(cluster).languages == merged
    # folded in two parts and joined, as an incremental write adds reports to an event
    head, tail = Fold(), Fold()
    for n, it in enumerate(items):
        (head if n == 0 else tail).add(it)
    head.absorb(tail)
    assert head.event(cluster.anchor).languages == merged


def test_the_store_keeps_each_reports_language_and_the_events_union(store: Store) -> None:
    english, ukrainian = art("an English account"), art("a Ukrainian account", outlet="Outlet B")
    store.add_article(english, [rep(languages=["en"])])
    store.add_article(ukrainian, [rep(languages=["uk"])])
    assert store.reports_of(english.id)[0].languages == ["en"]
    assert store.reports_of(ukrainian.id)[0].languages == ["uk"]
    (event,) = store.events()
    assert event.languages == ["en", "uk"]
    frame = store.events_frame(columns=["event_id", "languages"])
    assert frame["languages"].astype(str).tolist() == ["en;uk"]
    assert isinstance(frame["languages"].dtype, pd.CategoricalDtype)  # as systems: a category
    assert store.reports_frame()["languages"].astype(str).tolist() == ["en", "uk"]
    store.rebuild_events()
    assert [e.languages for e in store.events()] == [["en", "uk"]]
    assert store.check() == []


# --------------------------------------------------------------------------- migration


def _as_schema_6(current: Path, old: Path) -> None:
    """The store at ``current`` as schema version 6 wrote it, at ``old``: the tables of
    migrations 1 to 6, the rows without ``languages``, and column blocks without it."""
    conn = sqlite3.connect(old, isolation_level=None)
    for step in MIGRATIONS[:6]:
        step(conn)
    conn.execute("PRAGMA user_version = 6")
    conn.execute("ATTACH DATABASE ? AS cur", (str(current),))
    conn.execute("BEGIN")
    for table in ("meta", "articles", "reports", "events", "report_event"):
        cols = ", ".join(row[1] for row in conn.execute(f"PRAGMA main.table_info({table})"))
        conn.execute(f"INSERT OR REPLACE INTO main.{table} ({cols}) SELECT {cols} FROM cur.{table}")
    found = conn.execute("SELECT first, last, rows, data FROM cur.column_blocks").fetchall()
    assert found, "the current store wrote no column blocks to copy"
    for first, last, rows, data in found:
        table = feather.read_table(pa.BufferReader(data)).drop_columns(["languages"])
        sink = pa.BufferOutputStream()
        feather.write_feather(table, sink, compression="lz4")
        conn.execute(
            "INSERT INTO main.column_blocks (first, last, rows, data) VALUES (?, ?, ?, ?)",
            (first, last, rows, sink.getvalue().to_pybytes()),
        )
    conn.execute("COMMIT")
    conn.execute("DETACH DATABASE cur")
    assert "languages" not in {row[1] for row in conn.execute("PRAGMA table_info(events)")}
    conn.close()


def test_a_schema_6_store_is_migrated_and_its_rows_are_english(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(blocks, "BLOCK_ROWS", 1)  # every event row gets a block
    current, old = tmp_path / "current.db", tmp_path / "old.db"
    with Store(current) as store:
        store.add_article(art("an account of Kharkiv"), [rep()])
        store.add_article(art("an account of Odesa"), [rep(region="UA-51", location="Odesa")])
        store.events_frame(columns=["event_id", "location"])  # writes the blocks
    _as_schema_6(current, old)

    with Store(old) as store:
        assert store.schema_version() == len(MIGRATIONS) == 7
        # the old blocks lack the new column: dropped, so no read takes them
        assert store._query("SELECT count(*) FROM column_blocks")[0][0] == 0
        assert [r.languages for a in store.articles() for r in store.reports_of(a.id)] == [["en"], ["en"]]
        assert [e.languages for e in store.events()] == [["en"], ["en"]]
        frame = views.load_frame(store, "events", snapshot=False)
        assert frame["languages"].astype(str).tolist() == ["en", "en"]
        assert store._query("SELECT count(*) FROM column_blocks")[0][0] == 2  # written anew
        again = store.events_frame(columns=["event_id", "languages"])  # from the new blocks
        assert again["languages"].astype(str).tolist() == ["en", "en"]
        assert store.check() == []
        # what is added now gets its own language, and merges with the old rows
        store.add_article(
            art("a Ukrainian account of Odesa"), [rep(region="UA-51", location="Odesa", languages=["uk"])]
        )
        by_place = {e.location: e.languages for e in store.events()}
        assert by_place == {"Kharkiv": ["en"], "Odesa": ["en", "uk"]}
    with Store(old) as store:  # opened again: nothing more to migrate
        assert store.schema_version() == 7 and store.counts()["events"] == 2


def test_a_schema_6_store_learns_a_ukrainian_articles_language_by_reextract(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The migration cannot tell an article's language (the store does not run the extractor):
    an article of schema 6's last days in Ukrainian is "en" until it is extracted again."""
    monkeypatch.setattr(blocks, "BLOCK_ROWS", 1)
    current, old = tmp_path / "current.db", tmp_path / "old.db"
    with Store(current) as store:
        ingest_uploads([("poltava.txt", UK.encode())], store, published=dt.date(2024, 3, 14))
        store.events_frame(columns=["event_id", "location"])
    _as_schema_6(current, old)
    with Store(old) as store:
        assert [e.languages for e in store.events()] == [["en"]]
        reextract(store)
        assert [e.languages for e in store.events()] == [["uk"]]
        assert store.check() == []


# --------------------------------------------------------------------------- filters, labels, table


def _events() -> list[Event]:
    base = {"date": dt.date(2024, 3, 2), "attacker": "Russia", "country": "UA", "weapons": ["drone"]}
    return [
        Event(event_id="e1", region="UA-63", location="Kharkiv", languages=["en"], **base),  # type: ignore[arg-type]
        Event(event_id="e2", region="UA-53", location="Poltava", languages=["uk"], **base),  # type: ignore[arg-type]
        Event(event_id="e3", region="UA-51", location="Odesa", languages=["en", "ru"], **base),  # type: ignore[arg-type]
    ]


@pytest.mark.parametrize(
    ("picked", "kept"),
    [
        ((), ["e1", "e2", "e3"]),
        (("uk",), ["e2"]),
        (("ru",), ["e3"]),
        (("en",), ["e1", "e3"]),
        (("uk", "ru"), ["e2", "e3"]),
    ],
)
def test_the_language_filter_keeps_events_with_any_picked_language(
    picked: tuple[str, ...], kept: list[str]
) -> None:
    frame = agg.prepare(records_to_frame(_events()))
    selected = agg.apply_filters(frame, agg.Filters(languages=picked))
    assert selected["event_id"].astype(str).tolist() == kept


def test_the_language_filter_offers_the_languages_there_are_in_words() -> None:
    frame = agg.prepare(records_to_frame(_events()))
    options = agg.filter_options(frame)
    assert options["languages"] == ["en", "uk", "ru"]  # in the fixed order, not alphabetical
    assert agg.filter_options(agg.prepare(records_to_frame(_events()[1:2])))["languages"] == ["uk"]
    spec = next(f for f in panels.LIST_FILTERS if f.field == "languages")
    assert spec.label == "Language"
    codes, shown = panels.filter_choices(spec, options)
    assert [shown(c) for c in codes] == ["English", "Ukrainian", "Russian"]
    assert panels.filters_of((None, None), {"languages": ["ru"]}, 0) == agg.Filters(languages=("ru",))
    described = views.describe_filters(agg.Filters(languages=("uk", "ru")))
    assert described["Language"] == "Ukrainian, Russian"


@pytest.mark.parametrize(("code", "words"), [("en", "English"), ("uk", "Ukrainian"), ("ru", "Russian")])
def test_each_language_code_has_its_word(code: str, words: str) -> None:
    assert label("language", code) == words == label("languages", code)


def test_the_events_table_shows_the_languages_in_words() -> None:
    frame = agg.prepare(records_to_frame(_events()))
    table = views.build_view("events", frame, agg.Filters()).tables["events"]
    assert "languages" in views.table_order(table)
    shown = human_frame(table)
    assert sorted(shown["Language"]) == ["English", "English, Russian", "Ukrainian"]


# --------------------------------------------------------------------------- exports


def test_every_export_carries_the_languages(store: Store) -> None:
    store.add_article(art("an English account"), [rep(languages=["en"])])
    store.add_article(art("a Russian account", outlet="Outlet B"), [rep(languages=["ru"])])
    frame = store.events_frame()
    csv = pd.read_csv(io.BytesIO(frame_to_csv(frame)), keep_default_na=False)
    assert csv["languages"].tolist() == ["en;ru"]
    assert csv["languages_label"].tolist() == ["English, Russian"]
    assert list(csv.columns).index("languages_label") == list(csv.columns).index("languages") + 1
    (line,) = frame_to_jsonl(frame).decode().splitlines()
    assert json.loads(line)["languages"] == ["en", "ru"]
    assert [r["languages"] for r in json.loads(frame_to_json(frame))] == [["en", "ru"]]
    sheet = pd.read_excel(io.BytesIO(frame_to_xlsx(frame)))
    assert sheet["languages"].tolist() == ["en;ru"]
    assert sheet["languages_label"].tolist() == ["English, Russian"]
    reports = store.reports_frame()
    assert [r["languages"] for r in json.loads(frame_to_json(reports))] == [["en"], ["ru"]]


# --------------------------------------------------------------------------- the page (AppTest)


@pytest.fixture
def three_languages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A store of three strikes, one an article in each language (the two on Poltava two days
    apart, so they stay two events)."""
    db = tmp_path / "languages.db"
    with Store(db) as store:
        day = dt.date(2024, 3, 14)
        ingest_uploads([("poltava-en.txt", EN.encode())], store, published=day)
        ingest_uploads([("poltava-uk.txt", UK.encode())], store, published=day + dt.timedelta(days=2))
        ingest_uploads([("kursk-ru.txt", RU.encode())], store, published=day)
        assert sorted(tuple(e.languages) for e in store.events()) == [("en",), ("ru",), ("uk",)]
    write_marker(db, "own")
    monkeypatch.setenv("STRIKES_DB", str(db))
    return db


def test_the_page_filters_by_language_and_shows_it(three_languages: Path) -> None:
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert metric(at, "Strikes") == "3"
    box = at.multiselect(key="languages")
    assert box.label == "Language" and list(box.options) == ["English", "Ukrainian", "Russian"]
    box.select("uk").run()
    assert not at.exception, [e.value for e in at.exception]
    assert metric(at, "Strikes") == "1"
    at.session_state["view"] = "Events table"
    at.run()
    table = at.dataframe[0].value
    assert table["Language"].tolist() == ["Ukrainian"] and table["Place"].tolist() == ["Poltava"]
    at.multiselect(key="languages").unselect("uk").select("ru").select("en").run()
    assert sorted(at.dataframe[0].value["Language"]) == ["English", "Russian"]
