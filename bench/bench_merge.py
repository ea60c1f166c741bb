"""The same strike reported many times: time to store N articles that all report it.

    .venv/bin/python bench/bench_merge.py [--reports 1000]

Each article is stored as an upload is (``Store.add_article``, one write transaction), with one
report of the same strike (same day, region, attacker; the place and weapon named or not, the
figures rising as tolls do), so every report joins one event. Prints the total, the time of
the last 10 articles (the write lock held per article) and the event's report count.
Target (issue "Bounded work"): 1,000 reports of one strike in under 60 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
import time
from pathlib import Path

from analytics.models import Article, StrikeReport, article_id
from analytics.store import Store


def report(i: int) -> StrikeReport:
    return StrikeReport(
        date=dt.date(2024, 3, 2),
        attacker="Russia",
        country="UA",
        region="UA-51",
        location="Odesa" if i % 3 else "",
        weapons=["drone"] if i % 4 else [],
        killed=min(i // 50, 12),
        wounded=i // 20,
        sources=["regional governor"],
        source_types=["ukraine_official"],
        region_name="Odesa Oblast",
    )


def article(i: int) -> Article:
    text = f"Report number {i} of the drone strike on Odesa on 2 March 2024."
    return Article(
        id=article_id(text),
        title=f"Report {i}",
        outlet=f"Outlet {i % 40}",
        published=dt.date(2024, 3, 2) + dt.timedelta(days=i % 5),
        text=text,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "merge.db") as store:
        t0 = time.perf_counter()
        last = []
        for i in range(args.reports):
            t = time.perf_counter()
            store.add_article(article(i), [report(i)])
            last = [*last[-9:], time.perf_counter() - t]
        total = time.perf_counter() - t0
        events = store.events()
        print(f"{args.reports:,} reports of one strike stored in {total:.1f} s")
        print(f"last 10 articles: {1000 * sum(last) / len(last):.0f} ms each (the write lock held)")
        print(f"events: {len(events)}, reports on the largest: {max(e.number_of_reports for e in events)}")


if __name__ == "__main__":
    main()
