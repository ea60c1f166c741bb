"""The command line of articles from the web: ``ingest`` with URLs among the paths, and
``watch`` for news feeds."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable

from analytics.cli_options import IngestOptions, WatchOptions
from analytics.ingest import AfterRun, IngestSummary, ProgressBar, ingest_paths, open_writable_store
from analytics.store import Store, StoreError
from analytics.web import FetchPolicy, WebOptions, ingest_urls, watch_once
from analytics.web.fetch import is_url

#: ``--every``'s unit letters and the seconds in one of each.
_SECONDS_PER_UNIT = {"s": 1, "m": 60, "h": 3600}


def every_seconds(value: str) -> int:
    """``--every``: "90s", "15m", "2h" (or plain seconds), at least 10 s."""
    text = value.strip().lower()
    unit = _SECONDS_PER_UNIT.get(text[-1:], None)
    number = text[:-1] if unit else text
    try:
        seconds = int(float(number) * (unit or 1))
    except ValueError:
        seconds = 0
    if seconds < 10:
        raise argparse.ArgumentTypeError(
            f"--every needs a period such as 15m, 1h or 90s (10 s or more): {value!r}"
        )
    return seconds


def _options(args: IngestOptions | WatchOptions) -> WebOptions:
    published, outlet = (args.published, args.outlet) if isinstance(args, IngestOptions) else (None, None)
    return WebOptions(
        policy=FetchPolicy.from_env(True if args.allow_private else None),
        published=published,
        outlet=outlet,
    )


def run_ingest(args: IngestOptions, *, after: AfterRun | None = None) -> int:
    """``python -m analytics ingest PATH_OR_URL... [--allow-private]``: files and folders as
    :func:`analytics.ingest.run_ingest` reads them, then each web address; exit 1 if any failed."""
    urls = [p for p in args.paths if is_url(p)]
    paths = [p for p in args.paths if not is_url(p)]
    try:
        store = open_writable_store(args.db or None)
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    with store:
        summary = IngestSummary()
        if paths:
            summary = ingest_paths(
                paths,
                store,
                published=args.published,
                outlet=args.outlet,
                progress=ProgressBar("ingest"),
            )
        summary = ingest_urls(
            urls, store, options=_options(args), progress=ProgressBar("fetch"), summary=summary
        )
        if summary.articles_new and after:
            after(store)
    for line in summary.lines():
        print(line)
    return 1 if summary.failed else 0


def run_watch(
    args: WatchOptions,
    *,
    after: AfterRun | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> int:
    """``python -m analytics watch FEED_URL... [--every 15m] [--once] [--allow-private]``: store
    the items not seen before, a summary line per feed and run; go on past failures. With
    ``--once``, exit 1 when every feed failed."""
    try:
        store: Store = open_writable_store(args.db or None)
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    options = _options(args)
    with store:
        while True:
            started = time.strftime("%Y-%m-%d %H:%M:%S")
            # each feed's fetches on stderr, as they go: a run may fetch for minutes
            results = watch_once(store, args.feeds, options=options, progress=ProgressBar("fetch"))
            for result in results:
                print(f"{started} {result.line()}", flush=True)
                for failure in result.failed:
                    print(f"  failed: {failure}", flush=True)
            if any(r.new for r in results) and after:
                after(store)
            if args.once:
                return 1 if results and all(r.error for r in results) else 0
            sleep(args.every)
