"""Bulk files: a CSV of short article rows ingested into a new store, and a killed ingest.

    .venv/bin/python bench/bench_bulk.py [--rows 10000] [--same-strike | --dense [STRIKES]] [--zip]

Each row is a short article of its own (a strike on one of 40 towns on one of 120 days, its
toll, its source), as a newsroom's export would hold; ``--same-strike`` makes every row report
the same strike (the merge's worst case); ``--dense`` makes the rows repeat a few hundred strikes
(270 unless given: each of 40 towns struck on about 7 days, each strike reported hundreds of times
by rows of their own, as an agency feed exported whole would); ``--zip`` gives the same articles as a zip of one
HTML page each (read entry by entry, each entry's article stored as it is read). Prints rows per second on one core, and then the
articles kept by an ingest killed (SIGKILL) halfway through the file. The first line times a
fixed plain-Python loop, so figures from a shared machine that runs slower on some days can be
compared; the split line times extraction alone on the same rows; the peak line gives the
process's peak RSS after the ingest (the file and its parsed rows included).
Target (issue "Bounded work"): 10,000 rows in under 30 s, at least 500 rows/s; the same on the
dense rows (storing a report must not cost more as its event grows).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from analytics.extract import extract_article
from analytics.ingest import ingest_paths
from analytics.readers import read_path
from analytics.store import Store

TOWNS = [
    "Kharkiv",
    "Odesa",
    "Dnipro",
    "Zaporizhzhia",
    "Sumy",
    "Kherson",
    "Mykolaiv",
    "Poltava",
    "Chernihiv",
    "Lviv",
    "Kryvyi Rih",
    "Izium",
    "Kramatorsk",
    "Sloviansk",
    "Pokrovsk",
    "Nikopol",
    "Marhanets",
    "Vinnytsia",
    "Zhytomyr",
    "Rivne",
    "Lutsk",
    "Ternopil",
    "Uman",
    "Bila Tserkva",
    "Cherkasy",
    "Kropyvnytskyi",
    "Pavlohrad",
    "Kupiansk",
    "Balakliia",
    "Chuhuiv",
    "Okhtyrka",
    "Konotop",
    "Shostka",
    "Nizhyn",
    "Pryluky",
    "Lozova",
    "Krasnohrad",
    "Myrhorod",
    "Ochakiv",
    "Izmail",
]
WEAPONS = ["drones", "missiles", "guided bombs", "rockets", "artillery shells"]


def rows_csv(n: int, same: bool, dense: int = 0) -> str:
    """``n`` rows; ``dense``: the rows repeat that many strikes (row i reports strike i mod
    ``dense``: a town, a day and a weapon), each row its own article (its toll and number)."""
    buf = io.StringIO()
    out = csv.writer(buf)
    out.writerow(["title", "date", "text"])
    start = dt.date(2024, 1, 1)
    for i in range(n):
        k = i % dense if dense else i
        town = TOWNS[0 if same else k % len(TOWNS)]
        day = start + dt.timedelta(days=0 if same else (k // len(TOWNS)) % 120)
        weapon = WEAPONS[0 if same else k % len(WEAPONS)]
        text = (
            f"Russian {weapon} struck {town} on {day:%d %B %Y}, killing {i % 6} people and wounding "
            f"{i % 9}, the regional governor said. Report {i}."
        )
        out.writerow([f"Strike on {town} ({i})", day.isoformat(), text])
    return buf.getvalue()


def pages_zip(n: int, same: bool, dense: int = 0) -> bytes:
    """The rows of :func:`rows_csv` as a zip of one small HTML page each."""
    buf = io.BytesIO()
    rows = list(csv.reader(io.StringIO(rows_csv(n, same, dense))))[1:]
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for i, (title, day, text) in enumerate(rows):
            page = (
                f"<html><head><title>{title}</title><meta property='article:published_time' "
                f"content='{day}'></head><body><nav>Home | News</nav><article><h1>{title}</h1>"
                f"<p>{text}</p></article><footer>All rights reserved</footer></body></html>"
            )
            zf.writestr(f"story{i:06d}.html", page)
    return buf.getvalue()


def loop_ms() -> float:
    """The best of three runs of a fixed plain-Python loop, in ms: the machine's speed today."""
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        total = 0
        for i in range(3_000_000):
            total += i % 7
        best = min(best, time.perf_counter() - t0)
    return best * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--same-strike", action="store_true")
    parser.add_argument(
        "--dense",
        type=int,
        nargs="?",
        const=270,
        default=0,
        metavar="STRIKES",
        help="rows repeat this many strikes (default 270), each reported by hundreds of rows",
    )
    parser.add_argument("--zip", action="store_true", help="a zip of HTML pages instead of a CSV")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:  # the ingest that is killed
        with Store(args.child[1]) as store:
            ingest_paths([args.child[0]], store)
        return
    print(f"machine: a fixed plain-Python loop took {loop_ms():.0f} ms")
    with tempfile.TemporaryDirectory() as tmp:
        if args.zip:
            path = Path(tmp) / "pages.zip"
            path.write_bytes(pages_zip(args.rows, args.same_strike, args.dense))
        else:
            path = Path(tmp) / "rows.csv"
            path.write_text(rows_csv(args.rows, args.same_strike, args.dense), encoding="utf-8")
        with Store(Path(tmp) / "bulk.db") as store:
            t0 = time.perf_counter()
            summary = ingest_paths([path], store)
            took = time.perf_counter() - t0
            print(
                f"{args.rows:,} {'pages' if args.zip else 'rows'} in {took:.1f} s: {args.rows / took:,.0f} rows/s "
                f"({summary.articles_new:,} articles, {store.counts()['events']:,} events)"
            )
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"peak: {peak:,.0f} MB RSS after the ingest")
        articles = read_path(path)
        t0 = time.perf_counter()
        for article in articles:
            extract_article(article)
        alone = time.perf_counter() - t0
        print(
            f"split: extraction {alone / len(articles) * 1000:.2f} ms a row, the rest (reading, "
            f"storing, merging) {(took - alone) / len(articles) * 1000:.2f} ms"
        )
        db = Path(tmp) / "killed.db"
        child = subprocess.Popen([sys.executable, __file__, "--child", str(path), str(db)])
        time.sleep(max(2.0, took / 2))
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        with Store(db) as store:
            kept = store.counts()["articles"]
            problems = store.check()
            print(
                f"killed after {max(2.0, took / 2):.1f} s: {kept:,} articles kept, check: {problems or 'ok'}"
            )
            t0 = time.perf_counter()
            again = ingest_paths([path], store)
            print(
                f"rerun: {again.articles_new:,} new, {again.duplicates:,} skipped as stored, "
                f"{time.perf_counter() - t0:.1f} s"
            )


if __name__ == "__main__":
    main()
