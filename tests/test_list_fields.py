"""List fields (weapons, systems, sources, source types): one lossless text encoding, read the same
way by every layer; old stores converted on opening; a value that does not read back costs one
article, not the rest of its file."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import sqlite3
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analytics import aggregate as agg
from analytics import ingest
from analytics.export import events_to_acled, frame_to_csv, frame_to_jsonl
from analytics.labels import human_frame
from analytics.models import LIST_FIELDS, Article, StrikeReport, join_list, split_list
from analytics.store import MIGRATIONS, Store

#: Text that once confused the list encoding, mixed into arbitrary text.
_AWKWARD = st.sampled_from(["[", "]", ";", "\\", '"', "'", "\n", "", " ", "[3]", "\\;", ";;", "[]", "\\\\"])
TEXT = st.one_of(st.text(max_size=30), st.lists(_AWKWARD, max_size=6).map("".join))
ITEMS = st.lists(TEXT, max_size=5)


@given(ITEMS)
def test_a_list_comes_back_exactly_from_its_text(items: list[str]) -> None:
    text = join_list(items)
    assert split_list(text) == items
    assert join_list(split_list(text)) == text  # one text per list


def test_lists_without_separators_read_as_before() -> None:
    assert join_list(["missile", "drone"]) == "missile;drone"
    assert split_list("missile;drone") == ["missile", "drone"]
    assert split_list("") == [] and join_list([]) == ""
    assert split_list(join_list([""])) == [""]
    assert split_list(join_list(["[3] local officials"])) == ["[3] local officials"]
    assert split_list(join_list(['["a", "b"]'])) == ['["a", "b"]']  # JSON-looking text is text
    assert split_list("a\\b") == ["a\\b"]  # a backslash escaping nothing stays


_PLAIN_REPORT = {
    "date": dt.date(2024, 3, 3),
    "attacker": "Russia",
    "country": "UA",
    "region": "UA-63",
    "location": "Kharkiv",
    "geo_precision": 1,
}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    lists=st.fixed_dictionaries({name: ITEMS for name in LIST_FIELDS}),
    texts=st.fixed_dictionaries(
        {name: TEXT for name in ("location", "region_name", "article", "target_type", "sub_event_type")}
    ),
)
@pytest.mark.slow
def test_every_text_field_round_trips_through_the_store(lists: dict, texts: dict) -> None:
    """Whatever the text, a stored report reads back as it was written: as a record, in the
    reports frame, and in its event's row as read row-wise and column-wise."""
    report = StrikeReport(**{**_PLAIN_REPORT, **lists, **texts})
    article = Article(text="one article", published=dt.date(2024, 3, 4), source_file="a.txt")
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "s.db") as store:
        store.add_article(article, [report])
        (back,) = store.reports_of(article.id)
        # an empty ``article`` is filled in with the file name
        report = dataclasses.replace(report, article=report.article or "a.txt")
        expected = dataclasses.replace(report, article_id=article.id, published=article.published)
        assert back == expected
        frame = store.reports_frame()
        for name in (*LIST_FIELDS, "location", "region_name", "article"):
            cell = frame[name].astype(object).iloc[0]
            got = split_list(cell) if name in LIST_FIELDS else cell
            assert got == getattr(report, name), name
        (event,) = store.events(include_rejected=True)
        columns = store.events_frame(include_rejected=True, columns=list(LIST_FIELDS))
        for name in LIST_FIELDS:
            assert split_list(columns[name].astype(object).iloc[0]) == getattr(event, name), name


def _jsonl(path: Path, texts: list[str]) -> Path:
    path.write_text("".join(json.dumps({"text": t, "published": "2024-03-05"}) + "\n" for t in texts))
    return path


def test_a_source_starting_with_a_bracket_is_stored_and_read(tmp_path: Path) -> None:
    """The extractor's own reading of such sentences: the file is stored whole (it stopped at the
    first bracketed source), and the sources read back, in records and in exports."""
    rows = _jsonl(
        tmp_path / "rows.jsonl",
        [
            "Russian missiles hit Odesa on 2 March 2024, killing two people, the governor said.",
            "Russian drones struck a depot in Kharkiv on 3 March 2024, killing two people, "
            "according to [3] local officials.",
            "[Ukraine's] air force said Russian missiles hit Dnipro on 4 March 2024, wounding five.",
            "Russian missiles hit Sumy on 4 March 2024, killing one person, the governor said.",
        ],
    )
    with Store(tmp_path / "s.db") as store:
        (result,) = ingest.ingest_paths([rows], store).files
        assert (result.status, result.articles, result.reason) == ("new", 4, "")
        sources = {s for e in store.events() for s in e.sources}
        assert {"[3] local officials", "[Ukraine's] air force"} <= sources
        frame = store.events_frame()
        exported = [json.loads(line) for line in frame_to_jsonl(frame).decode().splitlines()]
        assert {"[3] local officials", "[Ukraine's] air force"} <= {s for r in exported for s in r["sources"]}
        assert store.check() == []


def test_lists_are_shown_and_exported_as_their_items() -> None:
    """The dashboard's tables and the spreadsheet exports show a list's items, not its escapes."""
    text = join_list(["a; b", "C:\\x"])
    frame = pd.DataFrame(
        {
            "event_id": ["e1"],
            "weapons": [join_list(["missile", "drone"])],
            "sources": [text],
            "date": pd.to_datetime(["2024-03-03"]),
        }
    )
    shown = human_frame(frame)
    assert shown["Weapons"].tolist() == ["Missile, Drone"]
    assert shown["Sources"].tolist() == ["a; b; C:\\x"]
    back = pd.read_csv(io.BytesIO(frame_to_csv(frame)), keep_default_na=False)
    assert back["sources"].tolist() == ["a; b;C:\\x"] and back["weapons"].tolist() == ["missile;drone"]
    (record,) = [json.loads(line) for line in frame_to_jsonl(frame).decode().splitlines()]
    assert record["sources"] == ["a; b", "C:\\x"]
    assert "Sources: a; b; C:\\x." in events_to_acled(frame)["notes"].iloc[0]
    prepared = agg.prepare(frame)
    assert prepared["n_sources"].tolist() == [2]


# --------------------------------------------------------------------------- stores of schema 4


def _old_join(items: list[str]) -> str:
    """The list text schema 4 wrote: items stripped, ``;`` inside one made ``,``, blanks dropped."""
    return ";".join(s.replace(";", ",").strip() for s in items if s.strip())


def test_a_store_written_in_the_old_encoding_reads_right_after_migration(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    sources = ["C:\\share\\", "[3] local officials", "governor"]  # a backslash ends an item
    with Store(db) as store:
        store.add_article(
            Article(text="old article", published=dt.date(2024, 3, 4)),
            [StrikeReport(**_PLAIN_REPORT, weapons=["missile"], sources=sources)],  # type: ignore[arg-type]
        )
        assert store.schema_version() == len(MIGRATIONS)
    conn = sqlite3.connect(db)
    for table in ("reports", "events"):  # as schema 4 wrote them, one with blanks a bulk load left
        conn.execute(
            f"UPDATE {table} SET sources = ?, systems = ?", (_old_join(sources), "Shahed-136; Iskander")
        )
    conn.execute("PRAGMA user_version = 4")
    conn.commit()
    conn.close()
    with Store(db) as store:
        assert store.schema_version() == len(MIGRATIONS)
        (report,) = store.reports_of(next(iter(store.articles())).id)
        assert report.sources == sources and report.systems == ["Shahed-136", "Iskander"]
        (event,) = store.events()
        assert event.sources == sources and event.systems == ["Shahed-136", "Iskander"]
        frame = store.events_frame(columns=["sources", "systems"])
        assert split_list(frame["sources"].astype(object).iloc[0]) == sources
        assert store.check() == []


# --------------------------------------------------------------------------- one bad value, one article


def _stub(article: Article) -> list[StrikeReport]:
    """One report a row, on the day and in the town its text names (``<town> <day>``)."""
    town, day = article.text.split()[:2]
    return [
        StrikeReport(
            **{**_PLAIN_REPORT, "location": town, "region": f"UA-{town}", "date": dt.date(2024, 3, int(day))}
        )  # type: ignore[arg-type]
    ]


def test_a_stored_value_that_does_not_read_back_costs_one_article_not_the_file(tmp_path: Path) -> None:
    """A stored report whose evidence no longer parses (a hand edit, an old bug) breaks the
    rebuild of its events: the article whose reports merge with it is not stored and is named;
    the rows before and after it are stored."""
    with Store(tmp_path / "s.db") as store:
        store.add_article(
            Article(text="Kharkiv 3 first", published=dt.date(2024, 3, 5)), _stub(Article(text="Kharkiv 3"))
        )
        store._write(lambda conn: (conn.execute("UPDATE reports SET evidence = '{not json'"), True))
        rows = _jsonl(
            tmp_path / "rows.jsonl", ["Odesa 1 a", "Odesa 2 b", "Kharkiv 3 c", "Sumy 4 d", "Sumy 5 e"]
        )
        (result,) = ingest.ingest_paths([rows], store, extractor=_stub).files
        assert (result.status, result.articles) == ("new", 4)
        assert "1 of its articles could not be stored" in result.reason and "JSONDecodeError" in result.reason
        stored = sorted(a.text for a in store.articles())
        assert stored == ["Kharkiv 3 first", "Odesa 1 a", "Odesa 2 b", "Sumy 4 d", "Sumy 5 e"]


def test_a_full_disk_still_fails_the_file_at_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Only an article's own failure is told apart: the store failing stops the file as before,
    without trying its articles one by one."""
    with Store(tmp_path / "s.db") as store:
        calls: list[int] = []

        def full(batch):  # type: ignore[no-untyped-def]
            calls.append(len(batch))
            raise sqlite3.OperationalError("database or disk is full")

        monkeypatch.setattr(store, "add_articles", full)
        rows = _jsonl(tmp_path / "rows.jsonl", ["Odesa 1 a", "Odesa 2 b"])
        (result,) = ingest.ingest_paths([rows], store, extractor=_stub).files
        assert calls == [2] and result.status == "failed" and "disk is full" in result.reason
