"""News feeds (RSS and Atom, read by feedparser): the items of a fetched feed.

Parsing is given the feed's bytes, never an address, so feedparser fetches nothing itself;
every page an item points at is fetched by :mod:`analytics.web.fetch` under the same rules.

Parsing is bounded: feedparser takes about 0.7 ms an item (a feed of 100,000 items, 11 MB, took
68-85 s), so only the first :data:`MAX_FEED_ITEMS` items, within the first
:data:`MAX_FEED_PARSE_BYTES`, are parsed: the document is cut after the last whole item that
fits and its open elements closed, so the strict parser still reads it.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

import feedparser

from analytics.readers.limits import describe_bytes
from analytics.web.fetch import FetchError, is_url

#: Most items parsed from one feed (a news feed carries tens; the newest come first in nearly all).
MAX_FEED_ITEMS = 1_000
#: Most bytes of one feed parsed (its items' texts are sanitised, which costs with their length).
MAX_FEED_PARSE_BYTES = 4 * 1024 * 1024

_ITEM_END = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?(?:item|entry)\s*>")
_ITEM_START = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:item|entry)[\s>/]")
_TAG = re.compile(rb"<(/?)([A-Za-z_][\w.:-]*)[^>]*?(/?)>")


@dataclass(frozen=True)
class FeedItem:
    """One item of a feed: its id (the entry id, else its link), the page it links to, its title,
    and when it was published or updated (seconds since the epoch; None: the feed does not say)."""

    item_id: str
    url: str
    title: str
    published: float | None = None


def bounded(data: bytes, max_items: int = MAX_FEED_ITEMS, max_bytes: int = MAX_FEED_PARSE_BYTES) -> bytes:
    """The feed cut after its ``max_items``-th item, or its last whole item within ``max_bytes``,
    with the elements still open there closed; the feed itself when it is within both."""
    if len(data) <= max_bytes and len(_ITEM_END.findall(data, 0, len(data))) <= max_items:
        return data
    cut = None
    for n, end in enumerate(_ITEM_END.finditer(data), start=1):
        if end.end() > max_bytes:
            break
        cut = end.end()
        if n == max_items:
            break
    start = _ITEM_START.search(data)
    if cut is None or start is None:
        if len(data) <= max_bytes:
            return data  # no items to cut between: feedparser decides what it is
        raise FetchError("", f"its first item does not end within {describe_bytes(max_bytes)}")
    stack: list[bytes] = []  # the elements open where the items begin (rss/channel, feed, rdf:RDF)
    for tag in _TAG.finditer(data, 0, start.start()):
        closing, name, empty = tag.groups()
        if closing:
            if name in stack:
                del stack[len(stack) - 1 - stack[::-1].index(name) :]
        elif not empty:
            stack.append(name)
    return data[:cut] + b"".join(b"</" + name + b">" for name in reversed(stack))


def _when(entry: feedparser.FeedParserDict) -> float | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    try:
        return float(calendar.timegm(parsed)) if parsed else None
    except (TypeError, ValueError, OverflowError):
        return None


def feed_items(data: bytes, feed_url: str) -> list[FeedItem]:
    """The items of a feed (its first :data:`MAX_FEED_ITEMS`, see :func:`bounded`), in feed
    order, each once; relative links resolved against the feed's address. Items without an
    http(s) link are left out (nothing to fetch). A document that is no RSS or Atom feed raises
    :class:`FetchError`."""
    try:
        data = bounded(data, MAX_FEED_ITEMS, MAX_FEED_PARSE_BYTES)  # the limits in force now
    except FetchError as exc:
        raise FetchError(feed_url, exc.reason) from None
    parsed = feedparser.parse(data, response_headers={"content-location": feed_url})
    if not parsed.version and not parsed.entries:
        raise FetchError(feed_url, "not an RSS or Atom feed")
    items: list[FeedItem] = []
    seen: set[str] = set()
    for entry in parsed.entries:
        link = str(entry.get("link") or "").strip()
        if not is_url(link):
            continue
        item_id = str(entry.get("id") or link).strip()
        if item_id in seen:
            continue
        seen.add(item_id)
        items.append(FeedItem(item_id, link, str(entry.get("title") or "").strip(), _when(entry)))
    return items


def newest_first(items: list[FeedItem]) -> list[FeedItem]:
    """Items dated newest first, then the undated ones in feed order."""
    dated = sorted((it for it in items if it.published is not None), key=lambda it: -(it.published or 0.0))
    return dated + [it for it in items if it.published is None]
