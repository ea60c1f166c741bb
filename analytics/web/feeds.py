"""News feeds (RSS and Atom, read by feedparser): the items of a fetched feed.

Parsing is given the feed's bytes, never an address, so feedparser fetches nothing itself;
every page an item points at is fetched by :mod:`analytics.web.fetch` under the same rules.
"""

from __future__ import annotations

from dataclasses import dataclass

import feedparser

from analytics.web.fetch import FetchError, is_url


@dataclass(frozen=True)
class FeedItem:
    """One item of a feed: its id (the entry id, else its link), the page it links to, its title."""

    item_id: str
    url: str
    title: str


def feed_items(data: bytes, feed_url: str) -> list[FeedItem]:
    """The items of a feed, in feed order, each once; relative links resolved against the
    feed's address. Items without an http(s) link are left out (nothing to fetch).
    A document that is no RSS or Atom feed raises :class:`FetchError`."""
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
        items.append(FeedItem(item_id, link, str(entry.get("title") or "").strip()))
    return items
