"""Articles from the web: fetch pages by URL and follow news feeds, into the store.

:func:`ingest_urls` fetches each address (:mod:`analytics.web.fetch`), reads the page with the
readers a file would go to (title, byline, publication date from the page's metadata, main text
without boilerplate), extracts and stores it through the same ingest API as an upload, so a
page is "new", "duplicate" (the same text from another address, or the same address again) or
"failed" with the reason; an address given twice is fetched once, the repeat its own "duplicate"
line. :func:`watch_once` reads feeds and ingests the items not seen before; the store remembers
the items (``feed_items``), so a restart fetches none of them again. Every failure of one
address, whatever raised it, is that address's result: no address stops the others.
"""

from __future__ import annotations

import datetime as dt
import functools
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from analytics import readers
from analytics.distributed import ArticleOutcome, FileOutcome
from analytics.errors import InputError
from analytics.ingest import Extractor, FileResult, IngestSummary, Progress, default_extractor, store_results
from analytics.store import Store
from analytics.web.feeds import FeedItem, feed_items, newest_first
from analytics.web.fetch import Fetched, FetchError, FetchPolicy, Resolver, fetch, is_url, system_resolver

#: The reason beside an address given more than once in one request.
REPEATED = "the same address again in this list: fetched once"


@dataclass
class WebOptions:
    """How pages are fetched and read: the policy, the user's fallbacks for pages that carry
    no publication date or outlet, and (for tests) the name resolver."""

    policy: FetchPolicy = field(default_factory=FetchPolicy.from_env)
    published: dt.date | None = None
    outlet: str | None = None
    resolve: Resolver = system_resolver


def _file_name(page: Fetched) -> str:
    """A file name for the readers: the address's last part, with the extension of its type."""
    parts = urlsplit(page.url)
    stem = PurePosixPath(parts.path).stem or parts.hostname or "page"
    return f"{stem[:80]}.{page.kind}"


def _unexpected(exc: Exception) -> str:
    return f"failed unexpectedly ({type(exc).__name__}: {str(exc)[:200]})".replace("\n", " ")


def _outcome(
    url: str, store: Store, options: WebOptions, extractor: Extractor, retry: set[str] | None = None
) -> FileOutcome:
    """One address fetched, read and extracted (what :func:`analytics.ingest.store_outcome`
    stores), or the reason it was not; an address whose failure may pass (a timeout, a server
    error) goes into ``retry``. Nothing raised here stops the other addresses."""
    try:
        page = fetch(url, options.policy, resolve=options.resolve)
    except FetchError as exc:
        if exc.retry and retry is not None:
            retry.add(url)
        return InputError(url, exc.reason)
    except Exception as exc:  # noqa: BLE001 - a fetcher bug is this address's failure, not the run's
        return InputError(url, _unexpected(exc))
    try:
        articles = readers.read_bytes(
            _file_name(page), page.data, published=options.published, outlet=options.outlet
        )
    except InputError as exc:
        return InputError(url, exc.reason)
    except Exception as exc:  # noqa: BLE001 - the same for a reader bug
        return InputError(url, _unexpected(exc))
    outcome: list[ArticleOutcome] = []
    for article in articles:
        article.url = article.url or page.url
        article.source_file = page.url
        if store.has_article(article.id):
            outcome.append((article, []))  # a duplicate: stored once, not extracted again
            continue
        try:
            outcome.append((article, list(extractor(article))))
        except Exception as exc:  # noqa: BLE001 - an extractor bug is this page's failure
            outcome.append((article, exc))
    return outcome


def ingest_urls(
    urls: Iterable[str],
    store: Store,
    *,
    options: WebOptions | None = None,
    progress: Progress | None = None,
    extractor: Extractor | None = None,
    summary: IngestSummary | None = None,
) -> IngestSummary:
    """Fetch, read, extract and store each address (each one its own result, in order; an
    address given twice is fetched once, its repeat a "duplicate" result). ``summary``: results
    already counted come first."""
    return _ingest(urls, store, options, progress, extractor, summary)


def _ingest(
    urls: Iterable[str],
    store: Store,
    options: WebOptions | None,
    progress: Progress | None,
    extractor: Extractor | None,
    summary: IngestSummary | None = None,
    retry: set[str] | None = None,
) -> IngestSummary:
    """:func:`ingest_urls`, collecting into ``retry`` the addresses whose failure may pass."""
    options = options or WebOptions()
    extract = extractor or default_extractor
    given = [u.strip() for u in urls if u.strip()]
    wanted = list(dict.fromkeys(given))

    def results() -> Iterator[tuple[str, FileOutcome]]:
        for url in wanted:
            yield url, _outcome(url, store, options, extract, retry)

    done = len(summary.files) if summary else 0
    out = store_results(results(), store, total=done + len(wanted), progress=progress, summary=summary)
    if len(given) > len(wanted):
        # An address given again is fetched once, and each repeat gets its own line saying so,
        # in the order given: dropping it would leave the user counting lines that do not add up.
        first = dict(zip(wanted, out.files[done:], strict=True))
        ordered: list[FileResult] = []
        for url in given:
            ordered.append(first.pop(url) if url in first else FileResult(url, "duplicate", reason=REPEATED))
        out.files[done:] = ordered
    return out


#: Most items of one feed fetched in one run, the newest first; the rest wait for the next runs
#: (a feed of 100,000 new items fetched for about two hours a run, printing nothing).
MAX_ITEMS_PER_RUN = 50
#: An item whose fetch failed in a way that may pass waits this long before its next try, twice
#: as long after each further failure (15 min, 30 min, 1 h, 2 h, 4 h) ...
RETRY_SECONDS = 15 * 60
#: ... and after this many failures it is given up for good (remembered, never fetched again).
MAX_FAILURES = 6


def retry_at(failures: int, now: float) -> float | None:
    """When an item that failed ``failures`` times may be tried again (None: never)."""
    if failures >= MAX_FAILURES:
        return None
    return now + RETRY_SECONDS * 2 ** (failures - 1)


@dataclass
class FeedResult:
    """What one run did with one feed: items stored, already seen (``seen``), waiting for a
    later try after failing (``waiting``), left for the next run (``left``), failed."""

    feed: str
    new: int = 0
    seen: int = 0
    duplicates: int = 0
    failed: list[str] = field(default_factory=list)
    error: str = ""
    waiting: int = 0
    left: int = 0

    def line(self) -> str:
        if self.error:
            return f"{self.feed}: failed: {self.error}"
        text = f"{self.feed}: {self.new} new, {self.seen} already seen"
        if self.duplicates:
            text += f", {self.duplicates} duplicates"
        if self.failed:
            text += f", {len(self.failed)} failed"
        if self.waiting:
            text += f", {self.waiting} to try again later"
        if self.left:
            text += (
                f", {self.left:,} left for the next runs (at most {MAX_ITEMS_PER_RUN} a run, newest first)"
            )
        return text


def _feed(url: str, options: WebOptions) -> list[FeedItem]:
    page = fetch(url, options.policy, accept="feed", resolve=options.resolve)
    return feed_items(page.data, page.url)


def watch_once(
    store: Store,
    feeds: Sequence[str],
    *,
    options: WebOptions | None = None,
    extractor: Extractor | None = None,
    progress: Progress | None = None,
    now: float | None = None,
) -> list[FeedResult]:
    """Read each feed and ingest its items not seen before, at most :data:`MAX_ITEMS_PER_RUN` a
    feed, the newest first (the rest wait for the next runs); a failed feed or item is reported
    and the run goes on. An item that failed in a way that may pass (a timeout, no connection,
    HTTP 5xx or 429) waits before it is tried again, longer after each failure, and is given up
    after :data:`MAX_FAILURES`; one stored, a duplicate, or one that failed for good (refused, not
    an article, HTTP 4xx) is remembered and never fetched again. ``progress(done, total, url)``
    follows each feed's fetches; ``now`` (seconds since the epoch) is for tests."""
    options = options or WebOptions()
    out: list[FeedResult] = []
    for feed in feeds:
        result = FeedResult(feed)
        out.append(result)
        try:
            items = _feed(feed, options)
        except FetchError as exc:
            result.error = exc.reason
            continue
        except Exception as exc:  # noqa: BLE001 - one feed's surprise is that feed's failure
            result.error = _unexpected(exc)
            continue
        clock = time.time() if now is None else now
        known = store.feed_items_known(feed)
        due = []
        for item in items:
            if item.item_id not in known:
                due.append(item)
            elif (wait := known[item.item_id]) is None:
                result.seen += 1
            elif wait > clock:
                result.waiting += 1
            else:
                due.append(item)
        take = newest_first(due)[:MAX_ITEMS_PER_RUN]
        result.left = len(due) - len(take)
        for n, item in enumerate(take):
            if progress:
                progress(n, len(take), item.url)
            retry: set[str] = set()
            (file,) = _ingest([item.url], store, options, None, extractor, retry=retry).files
            if file.status == "failed":
                result.failed.append(f"{item.url}: {file.reason}")
                if item.url in retry:  # may pass: tried again later, less and less often
                    store.feed_item_failed(
                        feed, item.item_id, item.url, functools.partial(retry_at, now=clock)
                    )
                else:
                    # refused for good (or a surprise): remembered, so no later run, after a
                    # restart too, fetches it again or stumbles on it again
                    store.remember_feed_item(feed, item.item_id, item.url, None)
                continue
            result.new += file.status == "new"
            result.duplicates += file.status == "duplicate"
            store.remember_feed_item(feed, item.item_id, item.url, None)
        if progress and take:
            progress(len(take), len(take), feed)
    return out


__all__ = [
    "FeedResult",
    "FetchError",
    "FetchPolicy",
    "WebOptions",
    "ingest_urls",
    "is_url",
    "watch_once",
]
