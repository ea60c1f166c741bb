"""Dashboard speed and memory on a large synthetic store; prints figures, asserts nothing.

    .venv/bin/python bench/bench_dashboard.py [--events 1000000] [--db FILE] [--no-store]

Fills a temporary store (or ``--db FILE`` if it does not exist yet) with ``--events``
synthetic events through ``bulk_load.bulk_insert_events`` in a child process, so this
process's peak memory is the page's own. Then it times what the page does server-side:

- load: ``views.load_frame`` (``Store.events_frame`` + ``aggregate.prepare``), which the page
  caches per store version, so only the first render after a change pays it; timed three
  ways: the first read of a store no one has read before (no snapshot file, no column blocks:
  every row out of SQLite), a cold load (no snapshot file: the store's column blocks), and the
  usual load (the snapshot file);
- first render: ``views.build_all`` (filter, every aggregation, every figure of every tab)
  and ``views.build_view`` of the first tab (the page builds only the open tab);
- a filter change: each view and ``build_all`` again with four other selections;
- peak resident memory of the process;
- the first render right after a store change: three small articles ingested (each one
  write, as an upload does), then load (the snapshot patched with the changed events) +
  prepare + ``build_all``; then the same after one correction and one rejection.
  ``--verify`` also checks each patched frame equals a cold full read of the store.

Targets (1,000,000 events): first render < 2 s, cold load < 2 s, filter change < 300 ms, peak
RSS < 1.5 GB.
``--no-store`` skips the store and times the frame functions on an in-memory frame.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
from bulk_load import bulk_insert_events

from analytics import aggregate as agg
from analytics import views

ROOT = Path(__file__).resolve().parent.parent

REGIONS = [
    ("UA", "UA-63", "Kharkiv Oblast", "Kharkiv", 49.99, 36.23, "Russia"),
    ("UA", "UA-30", "Kyiv", "Kyiv", 50.45, 30.52, "Russia"),
    ("UA", "UA-12", "Dnipropetrovsk Oblast", "Dnipro", 48.46, 35.05, "Russia"),
    ("UA", "UA-51", "Odesa Oblast", "Odesa", 46.48, 30.72, "Russia"),
    ("UA", "UA-14", "Donetsk Oblast", "Kramatorsk", 48.72, 37.56, "Russia"),
    ("UA", "UA-59", "Sumy Oblast", "Sumy", 50.91, 34.80, "Russia"),
    ("UA", "UA-23", "Zaporizhzhia Oblast", "Zaporizhzhia", 47.84, 35.14, "Russia"),
    ("UA", "UA-46", "Lviv Oblast", "Lviv", 49.84, 24.03, "Russia"),
    ("RU", "RU-BEL", "Belgorod Oblast", "Belgorod", 50.60, 36.59, "Ukraine"),
    ("RU", "RU-KRS", "Kursk Oblast", "Kursk", 51.73, 36.19, "Ukraine"),
    ("RU", "RU-MOW", "Moscow", "Moscow", 55.76, 37.62, "Ukraine"),
    ("RU", "RU-BRY", "Bryansk Oblast", "Bryansk", 53.24, 34.36, "Ukraine"),
    ("UA", "UA-43", "Crimea", "Sevastopol", 44.62, 33.53, "Ukraine"),
    ("UA", None, "", "", None, None, "Russia"),
]
WEAPONS = ["missile", "drone", "drone", "artillery", "air_strike", "missile;drone", "unknown"]
SYSTEMS = ["", "", "", "Shahed-136", "Iskander-M", "Kh-101", "S-300", "Kalibr", "KAB", "ATACMS", "Grad"]
SOURCES = [
    ("regional governor Oleh Syniehubov", "ukraine_official"),
    ("Ukrainian Air Force", "ukraine_official"),
    ("Russian Defence Ministry", "russia_official"),
    ("Governor Vyacheslav Gladkov", "russia_official"),
    ("Reuters", "media"),
    ("witnesses", "other"),
    ("", "unattributed"),
]


def synthetic_events(n: int, seed: int = 7) -> pd.DataFrame:
    """``n`` events in the store's frame convention, spread over 2022-02-24 .. 2025-12-31."""
    rng = np.random.default_rng(seed)
    start = np.datetime64("2022-02-24")
    days = (np.datetime64("2025-12-31") - start).astype(int)
    date = start + rng.integers(0, days, n).astype("timedelta64[D]")
    reg = rng.integers(0, len(REGIONS), n)
    table = pd.DataFrame(
        REGIONS, columns=["country", "region", "region_name", "location", "lat", "lon", "side"]
    )
    pick = table.iloc[reg].reset_index(drop=True)
    attacker = np.where(rng.random(n) < 0.9, pick["side"], "unknown")
    killed = np.where(rng.random(n) < 0.6, rng.poisson(1.5, n), np.nan)
    spread = rng.integers(0, 3, n)
    wounded = np.where(rng.random(n) < 0.6, rng.poisson(4, n), np.nan)
    launched = np.where(rng.random(n) < 0.3, rng.integers(1, 60, n), np.nan)
    intercepted = np.where(np.isnan(launched), np.nan, np.floor(np.nan_to_num(launched) * rng.random(n)))
    src_a = rng.integers(0, len(SOURCES), n)
    src_b = rng.integers(0, len(SOURCES), n)
    two = rng.random(n) < 0.35
    src_names = np.array([s for s, _ in SOURCES], dtype=object)
    src_types = np.array([t for _, t in SOURCES], dtype=object)
    sources = np.where(two & (src_a != src_b), src_names[src_a] + ";" + src_names[src_b], src_names[src_a])
    sources = np.array([s.strip(";") for s in sources], dtype=object)
    source_types = np.where(
        two & (src_types[src_a] != src_types[src_b]),
        src_types[src_a] + ";" + src_types[src_b],
        src_types[src_a],
    )
    jitter = rng.normal(0, 0.05, n)
    frame = pd.DataFrame(
        {
            "event_id": [f"ev{i:08d}" for i in range(n)],
            "date": pd.to_datetime(date),
            "attacker": attacker,
            "country": pick["country"],
            "region": pick["region"],
            "region_name": pick["region_name"],
            "location": pick["location"],
            "weapons": np.array(WEAPONS, dtype=object)[rng.integers(0, len(WEAPONS), n)],
            "systems": np.array(SYSTEMS, dtype=object)[rng.integers(0, len(SYSTEMS), n)],
            "launched": launched,
            "intercepted": intercepted,
            "killed": killed,
            "wounded": wounded,
            "sources": sources,
            "source_types": source_types,
            "article": "synthetic.txt",
            "published": pd.to_datetime(date) + pd.Timedelta(days=1),
            "date_precision": "day",
            "lat": pick["lat"].to_numpy(dtype=float) + jitter,
            "lon": pick["lon"].to_numpy(dtype=float) + jitter,
            "geo_precision": 2,
            "children_killed": np.nan,
            "target_type": "unknown",
            "evidence": json.dumps(
                {"killed": {"sentence": "Three people were killed.", "start": 0, "end": 25}}
            ),
            "confidence": 0.8,
            "sub_event_type": "Shelling/artillery/missile attack",
            "article_id": "0" * 64,
            "killed_low": killed,
            "killed_best": killed,
            "killed_high": killed + spread,
            "wounded_low": wounded,
            "wounded_best": wounded,
            "wounded_high": wounded,
            "number_of_reports": 1 + spread,
            "number_of_outlets": 1 + (spread > 0),
            "review_status": "auto",
            "claims": "[]",
        }
    )
    return frame


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(label: str, fn, *args, **kwargs):
    out, _ = timed_s(label, fn, *args, **kwargs)
    return out


def timed_s(label: str, fn, *args, **kwargs):
    """``fn(*args, **kwargs)`` and its wall time in seconds, printed in ms."""
    t0 = time.perf_counter()
    out = fn(*args, **kwargs)
    seconds = time.perf_counter() - t0
    print(f"{label:<60} {1000 * seconds:9.0f} ms")
    return out, seconds


def drop_column_blocks(db: Path) -> None:
    """Forget the store's column blocks (a store no one has read yet), as another process would."""
    import sqlite3

    conn = sqlite3.connect(str(db), isolation_level=None)
    try:
        conn.execute("DELETE FROM column_blocks")
    finally:
        conn.close()


def build_store(path: Path, n: int) -> None:
    """Fill a store with ``n`` synthetic events (run in a child process: its memory is not ours)."""
    from analytics.store import Store

    frame = timed("build synthetic frame (not part of the page)", synthetic_events, n)
    with Store(path) as store:
        timed("store: bulk_insert_events (not part of the page)", bulk_insert_events, store, frame)


def ingest_articles(store, n: int = 3) -> str:
    """Ingest ``n`` small articles of one report each into the store (a unique text per run)."""
    from analytics.models import Article, StrikeReport

    stamp = time.time_ns()
    done = []
    for i in range(n):
        day = dt.date(2022, 3, 1) + dt.timedelta(days=int(stamp // 1000 % 1300) + 40 * i)
        text = f"Bench article {stamp}-{i}: a missile struck Kharkiv on {day}, killing {i + 2} people."
        article = Article(text=text, outlet=f"Bench outlet {i}", published=day + dt.timedelta(days=1))
        report = StrikeReport(
            date=day,
            attacker="Russia",
            country="UA",
            region="UA-63",
            region_name="Kharkiv Oblast",
            location="Kharkiv",
            weapons=["missile"],
            killed=i + 2,
            geo_precision=1,
        )
        t0 = time.perf_counter()
        result = store.add_article(article, [report])
        done.append(f"{result.status} in {1000 * (time.perf_counter() - t0):.0f} ms")
    return ", ".join(done)


def correct_and_reject(store) -> str:
    """One correction and one rejection, as the events table's editor makes them."""
    offset = time.time_ns() // 1000 % 900_000
    ids = [
        r[0] for r in store._query("SELECT event_id FROM events ORDER BY rowid LIMIT 2 OFFSET ?", (offset,))
    ]
    killed = store.event(ids[0]).killed_best
    store.correct_event(ids[0], "killed", (killed or 0) + 1, note="bench")
    store.set_review_status(ids[1], "rejected")
    return f"{ids[0]} killed={(killed or 0) + 1}, {ids[1]} rejected"


def render_after_change(store, since: int, filters, verify: bool) -> tuple[float, float, float]:
    """Time the page's first render after a store change: load (patched snapshot) + prepare +
    build_all; ``verify``: compare with a cold full read (not timed)."""
    from analytics.store import snapshot

    changes = store.event_changes(since, ["event_id"], include_rejected=True)
    if changes is not None:
        print(f"  events changed or deleted since the snapshot: {len(changes.drop):,}")
    raw, load = timed_s(
        "  load after the change (snapshot patched)", snapshot.events_frame, store, views.FRAME_COLUMNS
    )
    frame, prep = timed_s("  prepare", agg.prepare, raw)
    _, build = timed_s("  build_all", views.build_all, frame, filters)
    print(f"  first render after the change: {load + prep + build:.2f} s")
    if verify:
        cold = store.events_frame(columns=views.FRAME_COLUMNS)
        pd.testing.assert_frame_equal(raw, cold, check_exact=True)
        print("  verified: the patched frame equals a full read of the store")
        del cold
    del raw, frame
    return load, prep, build


def first_open() -> float:
    """Seconds for the page's first run on an empty store, in a fresh child process (the sample
    articles read, every import paid), as ``streamlit run`` does for a new user."""
    code = (
        "import time; t = time.perf_counter()\n"
        "from streamlit.testing.v1 import AppTest\n"
        "at = AppTest.from_file(sys.argv[1], default_timeout=120).run()\n"
        "assert not at.exception, [e.value for e in at.exception]\n"
        "print(time.perf_counter() - t)\n"
    )
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "STRIKES_DB": str(Path(tmp) / "fresh.db")}
        out = subprocess.run(
            [sys.executable, "-c", "import sys\n" + code, str(ROOT / "dashboard.py")],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
    return float(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument(
        "--no-store", action="store_true", help="skip the store, time the frame functions only"
    )
    parser.add_argument(
        "--db", help="use (or, with --build, fill) this store file instead of a temporary one"
    )
    parser.add_argument(
        "--verify", action="store_true", help="check the patched frames against full reads of the store"
    )
    parser.add_argument("--build", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.build:
        build_store(Path(args.db), args.events)
        return 0

    opened = first_open()
    print(f"{'first open of an empty store (samples read, a new process)':<60} {1000 * opened:9.0f} ms")
    print(f"events: {args.events:,}")
    tmp = tempfile.TemporaryDirectory()
    store = None
    cold_s = first_s = None
    if args.no_store:
        raw = timed("build synthetic frame (not part of the page)", synthetic_events, args.events)
        load_s = 0.0
    else:
        from analytics.store import Store, snapshot

        db = Path(args.db) if args.db else Path(tmp.name) / "bench.db"
        if not db.exists():
            cmd = [sys.executable, __file__, "--build", "--db", str(db), "--events", str(args.events)]
            subprocess.run(cmd, check=True)
        store = timed("open the store (migrates an older schema, once)", Store, db)
        print(f"store: {store.counts()['events']:,} events in {db}")
        snapshot.remove_snapshots(db)
        drop_column_blocks(db)
        first_read, first_s = timed_s(
            "load, first read ever: SQLite -> frame (writes blocks, snapshot)",
            snapshot.events_frame,
            store,
            views.FRAME_COLUMNS,
        )
        del first_read
        snapshot.wait_for_writes()
        snapshot.remove_snapshots(db)
        cold, cold_s = timed_s(
            "load, cold: no snapshot, column blocks -> frame",
            snapshot.events_frame,
            store,
            views.FRAME_COLUMNS,
        )
        del cold
        raw, load_s = timed_s(
            "load: snapshot -> frame (store unchanged since)",
            snapshot.events_frame,
            store,
            views.FRAME_COLUMNS,
        )
    frame, prepare_s = timed_s("prepare: aggregate.prepare", agg.prepare, raw)
    del raw
    print(
        f"frame in memory: {frame.memory_usage(deep=True).sum() / 1e6:.0f} MB, {len(frame.columns)} columns"
    )
    print(f"peak RSS after load {peak_rss_mb():>49.0f} MB")
    options = timed("filter options", agg.filter_options, frame)

    filters = agg.Filters()
    _, build_s = timed_s("first render: views.build_all (all filters off)", views.build_all, frame, filters)
    first = timed("build_all again (warm)", views.build_all, frame, filters)
    n_figs = sum(len(v.figures) for v in first.values())
    size = sum(len(f.to_json()) for v in first.values() for f in v.figures.values())
    print(f"figures built: {n_figs}, JSON size of all figures {size / 1e6:.2f} MB")
    timed("page first render, one tab: build_view overview", views.build_view, "overview", frame, filters)

    end = options["end"]
    changes = {
        "attacker=Russia": agg.Filters(attackers=("Russia",)),
        "last 365 days": agg.Filters(start=end - dt.timedelta(days=364), end=end),
        "weapon=drone, region=Kharkiv": agg.Filters(weapons=("drone",), regions=("UA-63",)),
        "source type=russia_official, min 2 sources": agg.Filters(
            source_types=("russia_official",), min_sources=2
        ),
    }
    worst: dict[str, float] = {}
    for label, f in changes.items():
        for name in views.VIEWS:
            _, s = timed_s(f"filter change [{label}] {name}", views.build_view, name, frame, f)
            worst[name] = max(worst.get(name, 0.0), s)
        timed(f"filter change [{label}] build_all", views.build_all, frame, f)
    rss = peak_rss_mb()
    after: dict[str, tuple[float, float, float]] = {}
    if store is not None:
        del first
        for label, change in (
            ("3 articles ingested", ingest_articles),
            ("1 correction + 1 rejection", correct_and_reject),
        ):
            snapshot.wait_for_writes()  # the last render's snapshot is written (pages are seconds apart)
            since = store.data_version()
            print(f"store change: {label}: {change(store)}")
            after[label] = render_after_change(store, since, filters, args.verify)
    print()
    print(f"load s              {load_s:7.2f}   (snapshot read)")
    if cold_s is not None:
        print(f"cold load s         {cold_s:7.2f}   (no snapshot: the store's column blocks)")
        print(f"first read ever s   {first_s:7.2f}   (no snapshot, no blocks: a store never read before)")
    print(f"prepare s           {prepare_s:7.2f}")
    print(f"build_all s         {build_s:7.2f}")
    print(
        "filter change ms    "
        + ", ".join(f"{n} {1000 * s:.0f}" for n, s in worst.items())
        + "   (worst of 4)"
    )
    print(f"peak RSS MB         {rss:7.0f}")
    print(f"first open s        {opened:7.2f}   (an empty store: the page reads the samples)")
    print(f"first render = load + prepare + build_all = {load_s + prepare_s + build_s:.2f} s")
    if cold_s is not None:
        print(f"first render with no usable snapshot (cold load) = {cold_s + prepare_s + build_s:.2f} s")
    for label, (load, prep, build) in after.items():
        print(
            f"first render right after a store change ({label}) = {load + prep + build:.2f} s "
            f"(load {load:.2f} + prepare {prep:.2f} + build_all {build:.2f})"
        )
    if store is not None:
        store.close()
    tmp.cleanup()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
