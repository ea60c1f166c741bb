"""Ingest and load speed of the event store.

    .venv/bin/python bench/bench_ingest.py [CORPUS_DIR] [--events N]

Prints: the corpus ingest into a new store (files, seconds, articles/s) for a first and a second
(all-duplicate) run, then, with ``--events N`` (default 1,000,000; 0 skips it), the time to fill a
store with N synthetic events and to load them with ``Store.events_frame`` (all columns, and the
few a chart needs). The extractor is whatever ``analytics.extract.extract_article`` is today.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
from bulk_load import bulk_insert_events

from analytics.ingest import ingest_paths
from analytics.store import Store

ROOT = Path(__file__).resolve().parent.parent

CHART_COLUMNS = ["event_id", "date", "attacker", "region", "weapons", "killed_best", "wounded_best"]


def bench_corpus(corpus: Path, db: Path) -> None:
    with Store(db) as store:
        for label in ("first", "second"):
            t0 = time.perf_counter()
            summary = ingest_paths([corpus], store)
            secs = time.perf_counter() - t0
            n = summary.articles_new + summary.duplicates
            print(
                f"ingest {label}: {summary.files_read} files, {summary.articles_new} new, "
                f"{summary.duplicates} duplicates, {summary.reports} reports, {summary.failed} failed, "
                f"{secs:.2f} s, {n / secs:.0f} articles/s"
            )
        print(f"store: {store.counts()}")


def synthetic_events(n: int, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    regions = [f"UA-{i:02d}" for i in range(5, 75, 3)] + ["RU-BEL", "RU-KRS", "RU-BRY", "RU-MOS"]
    region = rng.choice(regions, n)
    attacker = np.where(np.char.startswith(region.astype(str), "UA"), "Russia", "Ukraine")
    days = rng.integers(0, 1000, n)
    weapons = rng.choice(["missile", "drone", "missile;drone", "artillery", "air_strike", "unknown"], n)
    killed = rng.integers(0, 20, n).astype("float")
    killed[rng.random(n) < 0.4] = np.nan
    return pd.DataFrame(
        {
            "event_id": [f"{i:016x}" for i in range(n)],
            "date": pd.Timestamp("2022-02-24") + pd.to_timedelta(days, unit="D"),
            "attacker": attacker,
            "country": np.where(np.char.startswith(region.astype(str), "UA"), "UA", "RU"),
            "region": region,
            "location": rng.choice([f"Place {i}" for i in range(2000)], n),
            "weapons": weapons,
            "systems": rng.choice(["", "Shahed-136", "Kh-101", "S-300", "Iskander-M"], n),
            "sources": rng.choice(["governor", "Air Force", "Defence Ministry;mayor", "police"], n),
            "source_types": rng.choice(["ukraine_official", "russia_official", "media"], n),
            "killed": pd.array(killed, dtype="Int64"),
            "killed_low": pd.array(killed, dtype="Int64"),
            "killed_best": pd.array(killed, dtype="Int64"),
            "killed_high": pd.array(killed, dtype="Int64"),
            "published": pd.Timestamp("2022-02-25") + pd.to_timedelta(days, unit="D"),
            "lat": rng.uniform(44, 52, n),
            "lon": rng.uniform(22, 40, n),
        }
    )


def bench_events(n: int, db: Path) -> None:
    frame = synthetic_events(n)
    with Store(db) as store:
        t0 = time.perf_counter()
        bulk_insert_events(store, frame)
        print(f"bulk_insert_events: {n:,} events in {time.perf_counter() - t0:.1f} s")
    with Store(db) as store:
        for label, cols in (("all columns", None), (f"{len(CHART_COLUMNS)} columns", CHART_COLUMNS)):
            t0 = time.perf_counter()
            got = store.events_frame(columns=cols)
            secs = time.perf_counter() - t0
            mem = got.memory_usage(deep=True).sum() / 2**20
            print(f"events_frame ({label}): {len(got):,} rows in {secs:.2f} s, {mem:.0f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared" / "corpus"))
    parser.add_argument("--events", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(args.corpus)
        if corpus.exists():
            bench_corpus(corpus, Path(tmp) / "corpus.db")
        else:
            print(f"no corpus at {corpus}: ingest skipped")
        if args.events:
            bench_events(args.events, Path(tmp) / "events.db")


if __name__ == "__main__":
    main()
