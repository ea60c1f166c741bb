"""Small fixed data sets for the dashboard, chart and aggregation tests (built in code)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd

from analytics.models import Article, Claim, Event, Evidence, StrikeReport, records_to_frame

D = dt.date


def _ev(sentence: str) -> Evidence:
    return Evidence(sentence, 0, len(sentence))


def events() -> list[Event]:
    """Five events over two weeks of January 2024, both sides, with one disagreement."""
    return [
        Event(
            event_id="e1",
            date=D(2024, 1, 2),
            attacker="Russia",
            country="UA",
            region="UA-63",
            region_name="Kharkiv Oblast",
            location="Kharkiv",
            weapons=["missile"],
            systems=["S-300"],
            launched=4,
            intercepted=1,
            killed=3,
            wounded=12,
            sources=["regional governor Oleh Syniehubov"],
            source_types=["ukraine_official"],
            lat=49.99,
            lon=36.23,
            killed_low=2,
            killed_best=3,
            killed_high=5,
            wounded_low=12,
            wounded_best=12,
            wounded_high=12,
            number_of_reports=2,
            number_of_outlets=2,
            evidence={"killed": _ev("Russian missiles struck Kharkiv, killing three people.")},
            claims=[
                Claim(1, "a1", "Kyiv Independent", D(2024, 1, 3), 3, 12, ["governor"], ["ukraine_official"]),
                Claim(2, "a2", "Reuters", D(2024, 1, 2), 2, 12, ["officials"], ["ukraine_official"]),
            ],
        ),
        Event(
            event_id="e2",
            date=D(2024, 1, 3),
            attacker="Russia",
            country="UA",
            region="UA-30",
            region_name="Kyiv",
            location="Kyiv",
            weapons=["drone", "missile"],
            systems=["Shahed-136", "Kh-101"],
            launched=40,
            intercepted=35,
            killed=1,
            wounded=5,
            sources=["Ukrainian Air Force", "Kyiv mayor Vitali Klitschko"],
            source_types=["ukraine_official"],
            lat=50.45,
            lon=30.52,
            killed_low=1,
            killed_best=1,
            killed_high=1,
            wounded_low=5,
            wounded_best=5,
            wounded_high=5,
            number_of_reports=1,
            number_of_outlets=1,
        ),
        Event(
            event_id="e3",
            date=D(2024, 1, 5),
            attacker="Ukraine",
            country="RU",
            region="RU-BEL",
            region_name="Belgorod Oblast",
            location="Belgorod",
            weapons=["drone"],
            systems=[],
            launched=10,
            intercepted=10,
            killed=0,
            wounded=2,
            sources=["Governor Vyacheslav Gladkov"],
            source_types=["russia_official"],
            lat=50.6,
            lon=36.6,
            killed_low=0,
            killed_best=0,
            killed_high=0,
            wounded_low=2,
            wounded_best=2,
            wounded_high=2,
            number_of_reports=1,
            number_of_outlets=1,
        ),
        Event(
            event_id="e4",
            date=D(2024, 1, 9),
            attacker="Russia",
            country="UA",
            region="UA-63",
            region_name="Kharkiv Oblast",
            location="Kharkiv",
            weapons=["artillery"],
            systems=[],
            killed=2,
            wounded=None,
            sources=[],
            source_types=["unattributed"],
            lat=49.99,
            lon=36.23,
            killed_low=2,
            killed_best=2,
            killed_high=2,
            number_of_reports=1,
            number_of_outlets=1,
        ),
        Event(
            event_id="e5",
            date=D(2024, 1, 12),
            attacker="unknown",
            country="UA",
            region=None,
            region_name="",
            location="",
            weapons=["unknown"],
            killed=None,
            wounded=None,
            sources=["Reuters"],
            source_types=["media"],
            number_of_reports=1,
            number_of_outlets=1,
        ),
    ]


def events_frame() -> pd.DataFrame:
    """The events in the store's frame convention (lists ';'-joined, JSON text columns)."""
    frame = records_to_frame(events())
    for col in ("weapons", "systems", "sources", "source_types"):
        frame[col] = frame[col].map(";".join)
    frame["evidence"] = frame["evidence"].map(json.dumps)
    frame["claims"] = frame["claims"].map(json.dumps)
    return frame


ARTICLES: list[tuple[Article, list[StrikeReport]]] = [
    (
        Article(
            text="KHARKIV, Jan 3 (Test) - Russian missiles struck Kharkiv on Tuesday, killing three people "
            "and wounding 12, regional governor Oleh Syniehubov said.",
            title="Russian missiles hit Kharkiv <script>alert(1)</script>",
            outlet="Test Wire",
            url="https://example.org/kharkiv",
            published=D(2024, 1, 3),
        ),
        [
            StrikeReport(
                date=D(2024, 1, 2),
                attacker="Russia",
                country="UA",
                region="UA-63",
                region_name="Kharkiv Oblast",
                location="Kharkiv",
                weapons=["missile"],
                killed=3,
                wounded=12,
                sources=["regional governor Oleh Syniehubov"],
                source_types=["ukraine_official"],
                lat=49.99,
                lon=36.23,
                evidence={
                    "killed": _ev(
                        "Russian missiles struck Kharkiv on Tuesday, killing three people and wounding 12, "
                        "regional governor Oleh Syniehubov said."
                    )
                },
            )
        ],
    ),
    (
        Article(
            text="BELGOROD, Jan 6 (Test) - Ukrainian drones attacked Belgorod on Friday, wounding two people, "
            "Governor Vyacheslav Gladkov said.",
            title="Drones attack Belgorod",
            outlet="Other Wire",
            url="javascript:alert(1)",
            published=D(2024, 1, 6),
        ),
        [
            StrikeReport(
                date=D(2024, 1, 5),
                attacker="Ukraine",
                country="RU",
                region="RU-BEL",
                region_name="Belgorod Oblast",
                location="Belgorod",
                weapons=["drone"],
                wounded=2,
                sources=["Governor Vyacheslav Gladkov"],
                source_types=["russia_official"],
                lat=50.6,
                lon=36.6,
            )
        ],
    ),
    (
        Article(
            text="KYIV, Jan 12 (Test) - Russia launched 40 drones at Kyiv overnight; 35 were shot down. "
            "One person was killed, the Ukrainian Air Force said.",
            title="Drone attack on Kyiv",
            outlet="Test Wire",
            url="https://example.org/kyiv",
            published=D(2024, 1, 12),
        ),
        [
            StrikeReport(
                date=D(2024, 1, 11),
                attacker="Russia",
                country="UA",
                region="UA-30",
                region_name="Kyiv",
                location="Kyiv",
                weapons=["drone"],
                systems=["Shahed-136"],
                launched=40,
                intercepted=35,
                killed=1,
                sources=["Ukrainian Air Force"],
                source_types=["ukraine_official"],
                lat=50.45,
                lon=30.52,
            )
        ],
    ),
]


def fill_store(path: Path) -> None:
    """A store with three articles and their reports (and the first-run choice made)."""
    from analytics.first_run import write_marker
    from analytics.store import Store

    with Store(path) as store:
        for article, reports in ARTICLES:
            store.add_article(article, reports)
    write_marker(path, "own")
