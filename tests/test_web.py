"""Articles from the web: every documented outcome of a fetch, feeds, and the commands, against
a loopback HTTP server started in the test process."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from analytics.cli import main
from analytics.store import Store
from analytics.web import FetchError, FetchPolicy, WebOptions, ingest_urls, watch_once
from analytics.web.fetch import fetch
from tests.web_server import PageServer, running_server, standard_routes

LOOPBACK = FetchPolicy(allow_private=True, total_timeout=5, connect_timeout=2, max_bytes=200_000)


@pytest.fixture(scope="module")
def server():
    with running_server() as srv:
        standard_routes(srv)
        yield srv


@pytest.fixture
def store(tmp_path: Path):
    with Store(tmp_path / "web.db") as s:
        yield s


def _reason(url: str, policy: FetchPolicy = LOOPBACK, **kw) -> str:
    with pytest.raises(FetchError) as err:
        fetch(url, policy, **kw)
    return err.value.reason


def test_an_article_page_is_fetched(server: PageServer) -> None:
    page = fetch(server.url("/odesa.html"), LOOPBACK)
    assert page.kind == "html" and page.content_type == "text/html" and b"Odesa" in page.data


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("/loop", "redirects in a loop"),
        ("/hop0", "too many redirects (more than 5)"),
        ("/big.html", "larger than the"),
        ("/picture.png", "not an article: the server sent image/png"),
        ("/missing.html", "HTTP 404 Not Found"),
        ("/to-file", "only http and https"),
    ],
)
def test_each_failure_has_its_reason(server: PageServer, path: str, words: str) -> None:
    assert words in _reason(server.url(path))


def test_a_slow_page_times_out(server: PageServer) -> None:
    reason = _reason(server.url("/slow.html"), dataclasses.replace(LOOPBACK, total_timeout=1.0))
    assert reason.startswith("timed out")


def test_a_redirect_is_followed_to_the_page(server: PageServer) -> None:
    page = fetch(server.url("/moved"), LOOPBACK)
    assert page.url.endswith("/odesa.html")


def test_loopback_and_private_addresses_are_refused_without_the_setting(server: PageServer) -> None:
    assert "private, loopback or reserved" in _reason(server.url("/odesa.html"), FetchPolicy())
    assert "--allow-private" in _reason(server.url("/odesa.html"), FetchPolicy())

    def private(host: str, port: int) -> list[str]:
        return ["93.184.216.34", "10.1.2.3"]  # one public and one private answer: refused

    reason = _reason("http://news.example.test/a.html", FetchPolicy(), resolve=private)
    assert "news.example.test resolves to 10.1.2.3" in reason
    for address in ("169.254.169.254", "[::1]", "0.0.0.0", "100.64.0.1", "[::ffff:127.0.0.1]"):
        assert "refused" in _reason(f"http://{address}/", FetchPolicy())


def test_ingest_stores_a_page_once_with_its_url(server: PageServer, store: Store) -> None:
    options = WebOptions(policy=LOOPBACK)
    urls = [server.url("/odesa.html"), server.url("/same-odesa.html"), server.url("/odesa.html")]
    hits = server.hits.get("/odesa.html", 0)  # the server serves the whole module
    summary = ingest_urls(urls, store, options=options)
    # the same text at another address is a duplicate; the same address again is fetched
    # once and still gets its own line, saying why
    assert [f.status for f in summary.files] == ["new", "duplicate", "duplicate"]
    assert summary.files[2].name == urls[2] and "same address" in summary.files[2].reason
    assert server.hits.get("/odesa.html") == hits + 1
    assert summary.files[0].reports >= 1
    (article,) = list(store.articles())
    assert article.url == server.url("/odesa.html")
    assert article.title == "Drones hit Odesa port" and article.outlet == "Test Wire"
    assert article.published is not None and article.published.isoformat() == "2024-03-03"
    event = store.events()[0]
    assert event.location == "Odesa" and event.killed == 2
    again = ingest_urls([server.url("/odesa.html")], store, options=options)
    assert [f.status for f in again.files] == ["duplicate"]


def test_ingest_reports_each_refusal_and_stores_nothing_of_it(server: PageServer, store: Store) -> None:
    urls = [server.url(p) for p in ("/picture.png", "/big.html", "/missing.html", "/kharkiv.html")]
    summary = ingest_urls(urls, store, options=WebOptions(policy=LOOPBACK))
    assert [f.status for f in summary.files] == ["failed", "failed", "failed", "new"]
    assert "image/png" in summary.files[0].reason and "404" in summary.files[2].reason
    assert store.counts()["articles"] == 1


def test_watch_once_twice_stores_each_item_once(server: PageServer, tmp_path: Path) -> None:
    feeds = [server.url("/feed.rss"), server.url("/feed.atom"), server.url("/broken-feed.rss")]
    options = WebOptions(policy=LOOPBACK)
    db = tmp_path / "feeds.db"
    with Store(db) as store:
        first = watch_once(store, feeds, options=options)
        assert [(r.new, r.seen, r.duplicates) for r in first[:2]] == [(2, 0, 0), (1, 0, 1)]
        assert "not an RSS or Atom feed" in first[2].error  # a failed feed: the run goes on
        assert store.counts()["articles"] == 3
    hits = dict(server.hits)
    with Store(db) as store:  # a restart: the store remembers the items
        second = watch_once(store, feeds, options=options)
        assert [(r.new, r.seen) for r in second[:2]] == [(0, 2), (0, 2)]
        assert store.counts()["articles"] == 3
    assert server.hits["/odesa.html"] == hits["/odesa.html"]  # not fetched again
    assert "2 new, 0 already seen" in first[0].line() and "0 new, 2 already seen" in second[0].line()


def test_cli_ingest_mixes_urls_and_paths(server: PageServer, tmp_path: Path, capsys) -> None:
    db = tmp_path / "cli.db"
    local = tmp_path / "local.txt"
    local.write_text("Russian missiles hit Zaporizhzhia on 6 April 2024, killing one man, the governor said.")
    code = main(["ingest", server.url("/dnipro.html"), str(local), "--db", str(db), "--allow-private"])
    out = capsys.readouterr()
    assert code == 0, out
    with Store(db) as store:
        assert store.counts()["articles"] == 2
    code = main(["ingest", server.url("/kharkiv.html"), "--db", str(db)])
    out = capsys.readouterr()
    assert code == 1 and "--allow-private" in out.out + out.err


def test_cli_watch_once(server: PageServer, tmp_path: Path, capsys) -> None:
    db = tmp_path / "watch.db"
    args = ["watch", server.url("/feed.rss"), "--once", "--db", str(db), "--allow-private"]
    assert main(args) == 0
    assert "2 new" in capsys.readouterr().out
    assert main(args) == 0
    assert "0 new, 2 already seen" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["watch", "--every", "soon", server.url("/feed.rss"), "--db", str(db)])
