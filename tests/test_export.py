"""Data exports: CSV round trip, JSON Lines, Excel (with formula injection neutralised), ACLED."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from analytics.export import (
    ACLED_COLUMNS,
    events_to_acled,
    frame_to_csv,
    frame_to_json,
    frame_to_jsonl,
    frame_to_xlsx,
)
from analytics.models import Article, Event, StrikeReport, event_from_json
from analytics.store import Store
from tests.conftest import ROOT


def report(**kw: object) -> StrikeReport:
    base: dict[str, object] = dict(
        date=dt.date(2024, 1, 3),
        attacker="Russia",
        country="UA",
        region="UA-63",
        region_name="Kharkiv Oblast",
        location="Kharkiv",
        weapons=["missile"],
        systems=["S-300"],
        killed=3,
        wounded=11,
        sources=['=HYPERLINK("http://x")', "governor"],
        source_types=["ukraine_official"],
        lat=49.99,
        lon=36.23,
        geo_precision=1,
    )
    base.update(kw)
    return StrikeReport(**base)  # type: ignore[arg-type]


def with_display(columns) -> list[str]:
    """A store frame's columns as a spreadsheet export has them: ``date_display`` right after
    ``date``, each coded column's ``_label`` right after it."""
    from analytics.export import LABELLED_COLUMNS

    cols = list(columns)
    cols.insert(cols.index("date") + 1, "date_display")
    for col in LABELLED_COLUMNS:
        if col in cols:
            cols.insert(cols.index(col) + 1, f"{col}_label")
    return cols


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "e.db") as s:
        s.add_article(
            Article(text="first", outlet="Kyiv Independent", published=dt.date(2024, 1, 4)),
            [
                report(),
                report(
                    attacker="Ukraine",
                    country="RU",
                    region="RU-BEL",
                    region_name="Belgorod Oblast",
                    location="+Belgorod",
                    weapons=["drone"],
                    systems=[],
                    killed=None,
                    wounded=2,
                    sources=["@governor"],
                    source_types=["russia_official"],
                    date_precision="week",
                ),
            ],
        )
        s.add_article(
            Article(text="second", outlet="Reuters", published=dt.date(2024, 1, 5)), [report(killed=4)]
        )
        yield s


def test_csv_round_trip(store: Store) -> None:
    frame = store.events_frame()
    back = pd.read_csv(io.BytesIO(frame_to_csv(frame)), keep_default_na=False)
    assert list(back.columns) == with_display(frame.columns)
    assert len(back) == 2
    plain = ["event_id", "attacker", "region", "weapons", "systems"]
    assert back[plain].astype(str).values.tolist() == frame[plain].astype(str).values.tolist()
    assert back["date"].tolist() == frame["date"].dt.strftime("%Y-%m-%d").tolist()
    kh = back[back["region"] == "UA-63"].iloc[0]
    assert int(kh["killed_best"]) == 4 and kh["sources"].startswith("'=")  # neutralised
    assert back[back["region"] == "RU-BEL"].iloc[0]["location"] == "'+Belgorod"
    claims = json.loads(kh["claims"])
    assert [c["outlet"] for c in claims] == ["Kyiv Independent", "Reuters"]


def test_jsonl_and_json(store: Store) -> None:
    frame = store.events_frame()
    lines = frame_to_jsonl(frame).decode().splitlines()
    assert len(lines) == 2
    recs = [json.loads(line) for line in lines]
    kh = next(r for r in recs if r["region"] == "UA-63")
    assert kh["weapons"] == ["missile"] and kh["date"] == "2024-01-03" and isinstance(kh["claims"], list)
    assert kh["sources"][0].startswith("=")  # JSON keeps the data as is
    event = event_from_json(kh)
    assert isinstance(event, Event) and event.killed_best == 4 and len(event.claims) == 2
    assert json.loads(frame_to_json(frame)) == recs
    assert frame_to_jsonl(frame.iloc[0:0]) == b""


def test_xlsx_opens_and_has_no_formulas(store: Store, tmp_path: Path) -> None:
    frame = store.reports_frame()
    data = frame_to_xlsx(frame)
    path = tmp_path / "r.xlsx"
    path.write_bytes(data)
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    header = [c.value for c in ws[1]]
    assert header == with_display(frame.columns)
    assert ws.max_row == len(frame) + 1
    values = [c for row in ws.iter_rows(min_row=2) for c in row]
    assert not any(c.data_type == "f" for c in values)
    texts = [c.value for c in values if isinstance(c.value, str)]
    assert "'+Belgorod" in texts and "'@governor" in texts
    assert any(t.startswith("'=HYPERLINK") for t in texts)


def test_acled_columns(store: Store) -> None:
    acled = events_to_acled(store.events_frame())
    assert tuple(acled.columns) == ACLED_COLUMNS
    ua = acled[acled["iso"] == 804].iloc[0]
    assert ua["country"] == "Ukraine" and ua["actor1"] == "Military Forces of Russia (2000-)"
    assert ua["event_date"] == "2024-01-03" and ua["year"] == 2024 and ua["time_precision"] == 1
    assert ua["fatalities"] == 4 and ua["admin1"] == "Kharkiv Oblast" and ua["location"] == "Kharkiv"
    assert ua["event_type"] == "Explosions/Remote violence" and ua["disorder_type"] == "Political violence"
    assert ua["source"] == "Kyiv Independent; Reuters" and ua["event_id_cnty"].startswith("UKR")
    assert "Russian forces struck Kharkiv" in ua["notes"]
    ru = acled[acled["iso"] == 643].iloc[0]
    assert ru["actor1"] == "Military Forces of Ukraine (2019-)" and ru["fatalities"] == 0
    assert ru["time_precision"] == 2
    assert len(events_to_acled(store.events_frame().iloc[0:0])) == 0


def test_cli_export(store: Store, tmp_path: Path) -> None:
    db = store.path
    env = {**os.environ, "STRIKES_DB": "/nonexistent/never.db"}

    def cli(*args: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            [sys.executable, "-m", "analytics", "export", "--db", str(db), *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            timeout=120,
        )

    out = tmp_path / "out" / "events.csv"
    proc = cli("--format", "acled", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert list(pd.read_csv(out).columns) == list(ACLED_COLUMNS)
    assert not [p for p in out.parent.iterdir() if p.name.endswith(".tmp")]
    proc = cli("--format", "jsonl", "--reports")
    assert proc.returncode == 0 and len(proc.stdout.decode().splitlines()) == 3
    before = db.read_bytes()
    proc = cli("--format", "csv", "--out", str(db))
    assert proc.returncode == 2 and b"refusing" in proc.stderr
    assert db.read_bytes() == before
    assert cli("--format", "acled", "--reports").returncode == 2


@pytest.fixture
def approx_store(tmp_path: Path):
    """Three Kharkiv strikes: one dated to the day, one only to the month, one not at all."""
    with Store(tmp_path / "approx.db") as s:
        s.add_article(
            Article(
                text="A depot outside Kharkiv burned for a day.",
                outlet="Wire",
                published=dt.date(2024, 3, 20),
            ),
            [
                report(date=dt.date(2024, 3, 18), location="Kharkiv", sources=["mayor"]),
                report(
                    date=dt.date(2024, 2, 15),
                    date_precision="month",
                    location="Chuhuiv",
                    weapons=["drone"],
                    sources=["mayor"],
                ),
                report(
                    date=dt.date(2024, 3, 20),
                    date_precision="unknown",
                    location="Izium",
                    weapons=["artillery"],
                    sources=["mayor"],
                ),
            ],
        )
        yield s


def _by_location(records: list[dict]) -> dict[str, dict]:
    return {r["location"]: r for r in records}


@pytest.mark.parametrize("kind", ["events", "reports"])
def test_every_export_carries_precision_and_display_date(
    approx_store: Store, kind: str, tmp_path: Path
) -> None:
    frame = approx_store.events_frame() if kind == "events" else approx_store.reports_frame()
    expected = {
        "Kharkiv": ("2024-03-18", "day", "2024-03-18"),
        "Chuhuiv": ("2024-02-15", "month", "2024-02 (month, approx.)"),
        "Izium": ("2024-03-20", "unknown", "unknown"),
    }

    csv = pd.read_csv(io.BytesIO(frame_to_csv(frame)), keep_default_na=False, dtype=str)
    assert list(csv.columns)[list(csv.columns).index("date") + 1] == "date_display"
    got = {r["location"]: (r["date"], r["date_precision"], r["date_display"]) for _, r in csv.iterrows()}
    assert got == expected

    for data in (frame_to_jsonl(frame).decode().splitlines(), json.loads(frame_to_json(frame))):
        recs = _by_location([json.loads(r) if isinstance(r, str) else r for r in data])
        assert {k: (r["date"], r["date_precision"], r["date_display"]) for k, r in recs.items()} == expected

    path = tmp_path / f"{kind}.xlsx"
    path.write_bytes(frame_to_xlsx(frame))
    rows = list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))
    header = list(rows[0])
    cells = [dict(zip(header, row, strict=True)) for row in rows[1:]]
    got = {r["location"]: (r["date"], r["date_precision"], r["date_display"]) for r in cells}
    assert got == expected


def test_frame_without_precision_is_exported_as_day() -> None:
    frame = pd.DataFrame({"event_id": ["x"], "date": pd.to_datetime(["2024-03-18"])})
    (rec,) = json.loads(frame_to_json(frame))
    assert rec["date_precision"] == "day" and rec["date_display"] == "2024-03-18"
    assert "date_display" not in frame  # the caller's frame is left alone


def test_acled_time_precision_and_notes_for_approximate_dates(approx_store: Store) -> None:
    acled = events_to_acled(approx_store.events_frame()).set_index("location")
    assert acled.loc["Kharkiv", "time_precision"] == 1
    assert acled.loc["Chuhuiv", "time_precision"] == 3
    assert acled.loc["Izium", "time_precision"] == 3  # ACLED's coarsest code
    assert acled.loc["Kharkiv", "notes"].startswith("On 18 March 2024,")
    month_note = "On an approximate date, 2024-02 (month, approx.), Russian forces struck Chuhuiv"
    assert acled.loc["Chuhuiv", "notes"].startswith(month_note)
    assert acled.loc["Izium", "notes"].startswith("On an unknown date,")
    assert "date_display" not in acled  # the ACLED layout keeps ACLED's columns only


def test_counts_are_whole_numbers_in_every_export(store: Store) -> None:
    frame = store.events_frame()
    frame = frame.assign(launched=[2.0, None][: len(frame)] + [None] * (len(frame) - 2))
    counts = [c for c in frame.columns if c.startswith(("killed", "wounded")) or c == "launched"]
    text = frame_to_csv(frame).decode()
    back = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    for col in counts:
        assert not back[col].str.contains(r"\.").any(), (col, back[col].tolist())
    assert "" in back["killed_best"].tolist()  # unknown stays empty, not 0
    recs = json.loads(frame_to_json(frame))
    assert all(isinstance(r["killed_best"], int) for r in recs if r["killed_best"] is not None)
    sheet = openpyxl.load_workbook(io.BytesIO(frame_to_xlsx(frame))).active
    header = [c.value for c in sheet[1]]
    col = header.index("wounded_best") + 1
    assert {type(sheet.cell(row=r, column=col).value) for r in range(2, sheet.max_row + 1)} == {int}


def test_acled_notes_say_whole_counts(store: Store) -> None:
    frame = store.events_frame().assign(launched=2.0, intercepted=1.0)
    notes = events_to_acled(frame)["notes"].tolist()
    assert all("2 launched. 1 intercepted." in n for n in notes), notes
    assert not any(".0 " in n for n in notes), notes
    tags = events_to_acled(frame)["tags"].tolist()
    assert all("launched=2" in t and "launched=2.0" not in t for t in tags)


def test_xlsx_shows_control_characters_as_their_pictures() -> None:
    """A stray control byte in an article (ESC, a form feed) cannot go into a worksheet; the
    workbook is still written, the character shown as its picture."""
    frame = pd.DataFrame(
        {"location": ["air\x1bforce base", "plain"], "killed": [2, 0], "note": ["a\x0cb", None]}
    )
    sheet = openpyxl.load_workbook(io.BytesIO(frame_to_xlsx(frame))).active
    values = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert values == [["air\u241bforce base", 2, "a\u240cb"], ["plain", 0, None]]
