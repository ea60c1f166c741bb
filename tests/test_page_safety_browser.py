"""Nothing in an article becomes live on the page (Chromium against `streamlit run`).

An article whose title, text, outlet and quoted source hold Markdown links and images, HTML
anchors and images, ``<br>`` and ``<b>`` is uploaded; every tab, the event panel (its evidence
table) and the article view are opened. No request may reach the loopback server those links
and images point at, the browser may ask nothing of any host but the app's, and no link on the
page may be made of the article's words.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from analytics.store import Store
from analytics.views import VIEWS
from tests.conftest import serving
from tests.page_safety_data import LINK_WORDS, hostile_article, hostile_outlet
from tests.test_article_browser import _choose
from tests.test_browser import open_tab, wait_idle
from tests.web_server import running_server

pytestmark = pytest.mark.browser


def _links(page) -> list[tuple[str, str]]:
    """(href, text) of every anchor on the page, HTML and SVG (Plotly draws its links in SVG)."""
    return page.evaluate(
        """() => [...document.querySelectorAll('a')].map(a => [
            a.getAttribute('href') || a.getAttribute('xlink:href') || '', a.textContent || ''])"""
    )


@pytest.mark.timeout(300)
def test_article_markup_stays_text_on_every_tab(tmp_path: Path, browser_page) -> None:
    db = tmp_path / "hostile.db"
    with running_server() as watched, serving(db) as app:
        base = watched.base
        page = browser_page
        requested: list[str] = []
        page.on("request", lambda r: requested.append(r.url))
        page.goto(app.url, wait_until="domcontentloaded")
        page.get_by_text("Strike events", exact=True).first.wait_for(timeout=60_000)
        wait_idle(page)

        sidebar = page.get_by_test_id("stSidebar")
        page.locator("input[type='file']").set_input_files(
            [{"name": "kharkiv.txt", "mimeType": "text/plain", "buffer": hostile_article(base)}]
        )
        page.get_by_text("kharkiv.txt").first.wait_for(timeout=30_000)
        sidebar.get_by_label("Outlet (for files without one)").fill(hostile_outlet(base))
        page.get_by_role("button", name="Read and extract").click()
        page.get_by_text("Read 1 of 1 files").first.wait_for(timeout=120_000)
        wait_idle(page)
        with Store(db) as store:
            [event] = store.events()
            assert any("<br>" in s for s in event.sources)  # the hostile source reached the charts

        for tab in VIEWS.values():
            open_tab(page, tab)
            wait_idle(page)  # the tab's charts drawn after the run ends
        _choose(page, "Or pick an event by id", event.event_id)
        page.get_by_text("Sentence it was read from").first.wait_for(timeout=30_000)
        evidence = page.get_by_test_id("stTable").first.inner_text()
        _choose(page, "Open an article")
        page.get_by_text("Article:", exact=False).first.wait_for(timeout=30_000)
        wait_idle(page)
        # any image the page would load has been asked for once the network is quiet
        page.wait_for_load_state("networkidle")

        assert watched.hits == {}, watched.hits
        app_host = urlsplit(app.url).netloc
        foreign = [
            u
            for u in requested
            if urlsplit(u).scheme in ("http", "https", "ws", "wss") and urlsplit(u).netloc != app_host
        ]
        assert foreign == []
        bad = [
            (href, text)
            for href, text in _links(page)
            if base in href
            or "127.0.0.1" in href
            and app_host not in href
            or any(w in text for w in LINK_WORDS)
        ]
        assert bad == []
        assert page.locator(f"img[src^='{base}']").count() == 0
        assert page.get_by_test_id("stException").count() == 0
        assert "Syniehubov" in evidence and "![beacon](" in evidence  # shown, as characters
