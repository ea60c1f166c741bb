"""Articles from the web against hostile servers (on 127.0.0.1): redirects to no address at all,
trickling responses, decompression bombs, DNS rebinding and IPv6 forms that carry an IPv4
address; and that one address's failure never stops the others."""

from __future__ import annotations

import dataclasses
import gzip
import socket
import time
import zlib
from pathlib import Path
from typing import Any

import pytest

from analytics import web as web_module
from analytics.cli import main
from analytics.store import Store
from analytics.web import FetchError, FetchPolicy, WebOptions, ingest_urls, watch_once
from analytics.web.fetch import DECODE_CHUNK, fetch, is_public_address
from tests.web_server import ODESA, PageServer, Route, rss, running_server, standard_routes

LOOPBACK = FetchPolicy(allow_private=True, total_timeout=5, connect_timeout=2, max_bytes=200_000)
BAD_LOCATIONS = ["javascript:alert(1)", "data:text/html,<p>hi</p>", "http://[::1", "https://"]


@pytest.fixture(scope="module")
def server():
    with running_server() as srv:
        standard_routes(srv)
        for n, location in enumerate(BAD_LOCATIONS):
            srv.add(f"/bad-redirect{n}", Route(status=302, headers={"Location": location}))
        srv.add("/unavailable.html", Route(b"try later", "text/plain", status=503))
        yield srv


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "web.db"


def _reason(url: str, policy: FetchPolicy = LOOPBACK, **kw: Any) -> str:
    with pytest.raises(FetchError) as err:
        fetch(url, policy, **kw)
    return err.value.reason


# --------------------------------------------------------------------------- one address, one result


@pytest.mark.parametrize("n", range(len(BAD_LOCATIONS)))
def test_a_redirect_to_no_web_address_is_that_address_failure(
    server: PageServer, n: int, tmp_path: Path
) -> None:
    bad, good = server.url(f"/bad-redirect{n}"), server.url("/kharkiv.html")
    with Store(tmp_path / "s.db") as store:
        summary = ingest_urls([bad, good], store, options=WebOptions(policy=LOOPBACK))
    assert [f.status for f in summary.files] == ["failed", "new"]  # the later address still fetched
    reason = summary.files[0].reason
    assert reason.startswith("refused:") and "\n" not in reason


def test_cli_ingest_goes_past_a_bad_redirect_to_its_summary(
    server: PageServer, tmp_path: Path, capsys
) -> None:
    db = tmp_path / "cli.db"
    code = main(
        [
            "ingest",
            server.url("/bad-redirect0"),
            server.url("/dnipro.html"),
            "--db",
            str(db),
            "--allow-private",
        ]
    )
    out = capsys.readouterr().out
    assert code == 1 and "refused" in out and "Traceback" not in out
    with Store(db) as store:
        assert store.counts()["articles"] == 1


def test_whatever_one_address_raises_is_its_own_result(
    server: PageServer, store_path: Path, monkeypatch
) -> None:
    real = web_module.fetch

    def buggy(url: str, *a: Any, **k: Any) -> Any:
        if url.endswith("/odesa.html"):
            raise RuntimeError("a bug in the fetcher")
        return real(url, *a, **k)

    monkeypatch.setattr(web_module, "fetch", buggy)
    with Store(store_path) as store:
        urls = [server.url("/odesa.html"), server.url("/kharkiv.html")]
        summary = ingest_urls(urls, store, options=WebOptions(policy=LOOPBACK))
    assert [f.status for f in summary.files] == ["failed", "new"]
    assert "RuntimeError: a bug in the fetcher" in summary.files[0].reason


def test_a_feed_item_refused_for_good_is_remembered_one_that_may_pass_is_not(
    server: PageServer, store_path: Path
) -> None:
    feed = server.add(
        "/hostile.rss",
        Route(
            rss(server.base, ["/bad-redirect0", "/unavailable.html", "/odesa.html"]), "application/rss+xml"
        ),
    )
    options = WebOptions(policy=LOOPBACK)
    with Store(store_path) as store:
        (first,) = watch_once(store, [feed], options=options)
    assert (first.new, len(first.failed), first.error) == (1, 2, "")
    hits = dict(server.hits)
    with Store(store_path) as store:  # a restart: it neither dies on the bad item nor fetches it
        (second,) = watch_once(store, [feed], options=options)
        # HTTP 503 may pass: not at once, but after a wait
        (third,) = watch_once(store, [feed], options=options, now=time.time() + web_module.RETRY_SECONDS + 1)
    assert (second.new, second.seen, second.waiting, len(second.failed)) == (0, 2, 1, 0)
    assert server.hits["/bad-redirect0"] == hits["/bad-redirect0"]
    assert (third.seen, len(third.failed)) == (2, 1) and "HTTP 503" in third.failed[0]
    assert server.hits["/unavailable.html"] == hits["/unavailable.html"] + 1  # tried again once


# --------------------------------------------------------------------------- one deadline for everything


def _chunked(payload: bytes) -> bytes:
    return b"".join(b"1\r\n" + payload[i : i + 1] + b"\r\n" for i in range(len(payload))) + b"0\r\n\r\n"


@pytest.mark.parametrize(
    "route",
    [
        Route(b"x" * 200, "text/plain", trickle=0.3, trickle_headers=True),  # the headers trickle
        Route(b"x" * 200, "text/plain", trickle=0.3),  # the body trickles
        Route(_chunked(b"x" * 40), "text/plain", trickle=0.3, headers={"Transfer-Encoding": "chunked"}),
    ],
    ids=["headers", "body", "one-byte-chunks"],
)
@pytest.mark.slow
def test_a_trickling_server_is_cut_at_the_total_limit(server: PageServer, route: Route) -> None:
    path = f"/trickle-{id(route)}"
    url = server.add(path, route)
    reason = _reason(url, dataclasses.replace(LOOPBACK, total_timeout=1.5))
    assert reason == "timed out: the page took longer than 1.5 s"
    # the server meant to trickle for a minute or more (a byte every 0.3 s); it was cut long before
    assert server.sent[path] < 50 < len(route.body)


# --------------------------------------------------------------------------- decompression bombs


class _DecodeSpy:
    """Every zlib decompressor created (by the fetcher or by httpx): the bytes each step produced."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.steps: list[int] = []
        real = zlib.decompressobj
        spy = self

        class Wrapped:
            def __init__(self, *args: Any) -> None:
                self._obj = real(*args)

            def decompress(self, data: bytes, max_length: int = 0) -> bytes:
                out = self._obj.decompress(data, max_length)
                spy.steps.append(len(out))
                return out

            def flush(self, *args: Any) -> bytes:
                out = self._obj.flush(*args)
                spy.steps.append(len(out))
                return out

            def __getattr__(self, name: str) -> Any:
                return getattr(self._obj, name)

        monkeypatch.setattr(zlib, "decompressobj", Wrapped)


def _gzip_of_zeros(megabytes: int) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = b"\0" * (1 << 20)
    return b"".join([packer.compress(block) for _ in range(megabytes)] + [packer.flush()])


def test_a_doubly_gzipped_bomb_is_refused_without_inflating_it(server: PageServer, monkeypatch) -> None:
    bomb = gzip.compress(_gzip_of_zeros(64))  # a few hundred bytes that would become 64 MB
    url = server.add("/bomb2.html", Route(bomb, headers={"Content-Encoding": "gzip, gzip"}))
    spy = _DecodeSpy(monkeypatch)
    assert "compressed more than once (gzip, gzip)" in _reason(url)
    assert sum(spy.steps) <= LOOPBACK.max_bytes + DECODE_CHUNK


def test_a_gzip_bomb_stops_at_the_cap_one_bounded_piece_at_a_time(server: PageServer, monkeypatch) -> None:
    bomb = _gzip_of_zeros(64)  # 64 KB on the wire, 64 MB decoded, against a 200 KB cap
    url = server.add("/bomb1.html", Route(bomb, headers={"Content-Encoding": "gzip"}))
    spy = _DecodeSpy(monkeypatch)
    assert "larger than the" in _reason(url)
    assert spy.steps and max(spy.steps) <= DECODE_CHUNK
    assert sum(spy.steps) <= LOOPBACK.max_bytes + DECODE_CHUNK  # never more than the cap and a piece


def _raw_deflate(data: bytes) -> bytes:
    packer = zlib.compressobj(wbits=-zlib.MAX_WBITS)  # bare deflate, as some servers send it
    return packer.compress(data) + packer.flush()


@pytest.mark.parametrize(
    ("coding", "pack"),
    [("gzip", gzip.compress), ("deflate", zlib.compress), ("deflate", _raw_deflate)],
    ids=["gzip", "zlib-deflate", "raw-deflate"],
)
def test_a_compressed_page_reads_as_itself(server: PageServer, coding: str, pack: Any) -> None:
    body = pack(ODESA)
    url = server.add(f"/packed-{pack.__name__}.html", Route(body, headers={"Content-Encoding": coding}))
    assert fetch(url, LOOPBACK).data == ODESA


def test_an_unknown_coding_is_refused(server: PageServer) -> None:
    url = server.add("/br.html", Route(b"\x0b\x02\x80hello\x03", headers={"Content-Encoding": "br"}))
    assert "compressed as br, which is not read" in _reason(url)


# --------------------------------------------------------------------------- addresses


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("93.184.216.34", True),
        ("2606:2800:220:1:248:1893:25c8:1946", True),
        ("64:ff9b::5db8:d822", True),  # NAT64 of a public address
        ("64:ff9b::7f00:1", False),  # NAT64 of 127.0.0.1
        ("64:ff9b::a9fe:a9fe", False),  # NAT64 of 169.254.169.254
        ("64:ff9b::a00:1", False),  # NAT64 of 10.0.0.1
        ("64:ff9b:1::a00:1", False),  # local-use NAT64
        ("2002:5db8:d822::1", True),  # 6to4 of a public address
        ("2002:7f00:1::1", False),  # 6to4 of 127.0.0.1
        ("2002:c0a8:101::", False),  # 6to4 of 192.168.1.1
        ("::ffff:127.0.0.1", False),
        ("::ffff:10.1.2.3", False),
        ("::ffff:0:7f00:1", False),  # IPv4-translated
        ("::127.0.0.1", False),  # IPv4-compatible (deprecated)
        ("::1", False),
        ("fe80::1%eth0", False),
    ],
)
def test_the_address_check_unwraps_ipv4_inside_ipv6(address: str, public: bool) -> None:
    assert is_public_address(address) is public


def test_an_ipv6_literal_carrying_loopback_is_refused() -> None:
    for host in ("[64:ff9b::7f00:1]", "[2002:7f00:1::1]"):
        assert "private, loopback or reserved" in _reason(f"http://{host}/", FetchPolicy())


def test_the_connection_goes_to_the_checked_address_with_the_name_kept(server: PageServer) -> None:
    url = server.url("/odesa.html").replace("127.0.0.1", "news.example.test")
    page = fetch(url, LOOPBACK, resolve=lambda host, port: ["127.0.0.1"])
    assert page.data == ODESA and server.hosts[-1].startswith("news.example.test:")


def test_a_rebinding_name_never_reaches_the_second_address(server: PageServer, monkeypatch) -> None:
    """The first lookup says public, every later one says 127.0.0.1: the fetch connects only
    where the first answer (the checked one) pointed."""
    real_lookup, real_connect = socket.getaddrinfo, socket.create_connection
    lookups: list[str] = []

    def rebinding(host: str, *a: Any, **k: Any) -> Any:
        if host != "rebind.test":
            return real_lookup(host, *a, **k)
        lookups.append(host)
        return real_lookup("93.184.216.34" if len(lookups) == 1 else "127.0.0.1", *a, **k)

    connected: list[str] = []

    def connect(address: tuple[str, int], *a: Any, **k: Any) -> socket.socket:
        connected.append(address[0])
        if address[0] != "127.0.0.1" and address[0] != "rebind.test":
            raise OSError("no network in the tests")  # the public address is not really reached
        return real_connect(address, *a, **k)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    monkeypatch.setattr(socket, "create_connection", connect)
    url = server.add("/internal.html", Route(b"internal admin page", "text/plain"))
    reason = _reason(url.replace("127.0.0.1", "rebind.test"), FetchPolicy(total_timeout=5))
    assert connected == ["93.184.216.34"]
    assert server.hits.get("/internal.html", 0) == 0  # the GET never reached the internal address
    assert reason.startswith("could not connect to rebind.test")


# --------------------------------------------------------------------------- a feed of 100,000 items


def _dated_rss(base: str, paths: list[str]) -> bytes:
    """An RSS feed whose item n was published n minutes after a start, listed oldest first."""
    items = "".join(
        f"<item><title>Item {n}</title><link>{base}{p}</link><guid>{base}{p}#{n}</guid>"
        f"<pubDate>Mon, 06 May 2024 {n // 60 % 24:02d}:{n % 60:02d}:00 GMT</pubDate></item>"
        for n, p in enumerate(paths)
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title><link>{base}/</link>'
        f"{items}</channel></rss>"
    ).encode()


def test_a_huge_feed_is_parsed_up_to_its_limit_and_the_cut_still_parses_strictly() -> None:
    import feedparser

    from analytics.web.feeds import MAX_FEED_ITEMS, bounded, feed_items

    data = _dated_rss("http://news.test", [f"/a{n}.html" for n in range(MAX_FEED_ITEMS + 500)])
    cut = bounded(data, MAX_FEED_ITEMS, 1 << 30)
    assert len(cut) < len(data) and cut.endswith(b"</item></channel></rss>")
    parsed = feedparser.parse(cut)
    assert not parsed.bozo and len(parsed.entries) == MAX_FEED_ITEMS
    items = feed_items(data, "http://news.test/feed.rss")
    assert [it.url for it in items[:2]] == ["http://news.test/a0.html", "http://news.test/a1.html"]
    assert len(items) == MAX_FEED_ITEMS
    # by bytes too: the last whole item within the limit; an Atom feed is closed as one
    atom_feed = (
        b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>'
        + b"".join(b"<entry><id>e%d</id><link href='http://x.test/%d'/></entry>" % (n, n) for n in range(50))
        + b"</feed>"
    )
    cut = bounded(atom_feed, 1_000, 500)
    assert len(cut) <= 500 + len(b"</feed>") and cut.endswith(b"</entry></feed>")
    assert not feedparser.parse(cut).bozo
    with pytest.raises(FetchError, match="first item does not end within"):
        bounded(atom_feed, 1_000, 60)


@pytest.mark.slow
def test_a_feed_of_many_new_items_is_fetched_a_bounded_share_a_run_newest_first(
    server: PageServer, store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = [f"/many/{n}.html" for n in range(40)]
    for path in paths:
        server.add(path, Route(b"not found", "text/plain", status=404))
    feed = server.add("/many.rss", Route(_dated_rss(server.base, paths), "application/rss+xml"))
    monkeypatch.setattr(web_module, "MAX_ITEMS_PER_RUN", 15)
    calls: list[tuple[float, int, str]] = []
    options = WebOptions(policy=LOOPBACK)
    with Store(store_path) as store:
        (first,) = watch_once(store, [feed], options=options, progress=lambda *a: calls.append(a))
        fetched_first = [p for p in paths if server.hits.get(p)]
        (second,) = watch_once(store, [feed], options=options)
        (third,) = watch_once(store, [feed], options=options)
    assert (len(first.failed), first.left) == (15, 25)
    assert fetched_first == paths[25:]  # the newest 15 (listed last, dated latest)
    assert (second.seen, len(second.failed), second.left) == (15, 15, 10)
    assert (third.seen, len(third.failed), third.left) == (30, 10, 0)
    assert all(server.hits[p] == 1 for p in paths)  # each fetched once
    assert [c[:2] for c in calls] == [(n, 15) for n in range(16)]
    assert "25 left for the next runs" in first.line()


@pytest.mark.slow
def test_an_item_that_keeps_failing_waits_longer_each_time_then_is_given_up(
    server: PageServer, store_path: Path
) -> None:
    server.add("/down.html", Route(b"try later", "text/plain", status=503))
    feed = server.add("/down.rss", Route(rss(server.base, ["/down.html"]), "application/rss+xml"))
    options = WebOptions(policy=LOOPBACK)
    start = time.time()
    tried_at: list[float] = []
    with Store(store_path) as store:
        clock = start
        for _ in range(200):  # every 15 minutes for two days
            before = server.hits.get("/down.html", 0)
            (result,) = watch_once(store, [feed], options=options, now=clock)
            if server.hits.get("/down.html", 0) > before:
                tried_at.append(clock - start)
            clock += web_module.RETRY_SECONDS
        assert store.feed_item_seen(feed, f"{server.base}/down.html#id")  # given up: never again
    waits = [b - a for a, b in zip(tried_at, tried_at[1:], strict=False)]
    base = web_module.RETRY_SECONDS
    assert len(tried_at) == web_module.MAX_FAILURES
    assert waits == [base * 2**k for k in range(web_module.MAX_FAILURES - 1)]
    assert (result.seen, result.waiting, result.failed) == (1, 0, [])
