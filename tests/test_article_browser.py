"""The article view and reviewed reports in a real browser (Chromium against `streamlit run`).

A store built in the test from own-words articles (one of them hostile: markup and a script
around a strike report); the page must show the article with its values marked, run none of
the article's markup, move the article's records when the user sets its publication date, and
show a correction in the individual-reports rows.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from analytics.ingest import ingest_uploads
from analytics.store import Store
from tests.conftest import serving
from tests.test_browser import open_tab, wait_idle

pytestmark = pytest.mark.browser

HOSTILE = (
    '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2"> Russian drones struck '
    "a grain warehouse in Kharkiv yesterday, killing two workers, the regional governor said. "
    '<b onmouseover="window.__pwned = 3">bold</b>'
)
OTHER = "Ukrainian drones hit an oil depot in Belgorod on 2 April 2024, the regional governor said."


@pytest.fixture
def server(tmp_path: Path):
    db = tmp_path / "articles.db"
    with Store(db) as store:
        ingest_uploads([("hostile.txt", HOSTILE.encode())], store, published=dt.date(2024, 5, 10))
        ingest_uploads([("belgorod.txt", OTHER.encode())], store, published=dt.date(2024, 4, 3))
    with serving(db) as srv:
        yield srv


def _kharkiv(db: Path) -> tuple[str, str]:
    with Store(db) as store:
        event = next(e for e in store.events(include_rejected=True) if e.location == "Kharkiv")
        return event.event_id, event.article_id


def _choose(page, label: str, option: str | None = None) -> None:
    """Pick ``option`` (None: the first) in the Streamlit select box labelled ``label``. The
    box is opened again if a rerun redrew it before its list showed."""
    wait_idle(page)
    box = page.get_by_test_id("stSelectbox").filter(has_text=label).first
    options = page.get_by_role("option")
    choice = (options.filter(has_text=option) if option else options).first
    for attempt in range(4):
        box.scroll_into_view_if_needed()
        box.click()
        try:
            choice.wait_for(timeout=10_000)
            break
        except Exception:  # the list did not open: the page was redrawn
            if attempt == 3:
                raise
            wait_idle(page)
    choice.dispatch_event("click")  # the list may open over other elements near the page's end
    wait_idle(page)


def _open(page, url: str) -> None:
    page.goto(url, wait_until="domcontentloaded")
    page.get_by_text("Strike events", exact=True).first.wait_for(timeout=60_000)
    wait_idle(page)


def test_article_view_marks_values_runs_no_markup_and_sets_the_date(server, browser_page):
    page = browser_page
    event_id, _ = _kharkiv(server.db_path)
    _open(page, server.url)
    open_tab(page, "Events table")
    _choose(page, "Or pick an event by id", event_id)
    page.get_by_test_id("stSelectbox").filter(has_text="Open an article").first.wait_for(timeout=30_000)
    _choose(page, "Open an article")
    page.get_by_text("Article:", exact=False).first.wait_for(timeout=30_000)

    mark = page.locator("mark", has_text="Kharkiv").first
    mark.wait_for(timeout=30_000)
    assert mark.is_visible()
    assert page.locator(".hl-label").count() >= 3  # place, toll, weapon, ...
    page.get_by_text("<script>window.__pwned = 1</script>", exact=False).first.wait_for(timeout=10_000)
    assert page.evaluate("() => window.__pwned") is None  # the article's markup ran nowhere
    mark.hover()
    page.locator("b", has_text="bold").count()  # no such element: the tag is text
    assert page.evaluate("() => window.__pwned") is None

    field = page.get_by_test_id("stMain").get_by_test_id("stDateInput").locator("input").first
    field.fill("2025-06-20")
    wait_idle(page)
    page.get_by_role("button", name="Set date and extract again").click()
    page.get_by_text("Extracted again against 2025-06-20").first.wait_for(timeout=60_000)
    with Store(server.db_path) as store:
        dates = {e.date for e in store.events(include_rejected=True) if e.location == "Kharkiv"}
        article = next(a for a in store.articles() if "Kharkiv" in a.text)
    assert dates == {dt.date(2025, 6, 19)}  # "yesterday" of the new date
    assert article.published_how == "user"


def test_reports_mode_shows_a_correction(server, browser_page):
    page = browser_page
    event_id, _ = _kharkiv(server.db_path)
    with Store(server.db_path) as store:
        store.correct_event(event_id, "location", "Chuhuiv")
    _open(page, server.url)
    page.get_by_test_id("stSidebar").get_by_text("Individual reports").click()
    open_tab(page, "Events table")
    grid = page.get_by_test_id("stMain").get_by_test_id("stDataFrame").first
    # the reports' table, not the events' one still shown before the rerun
    grid.locator("[role='gridcell']", has_text="Chuhuiv").first.wait_for(state="attached", timeout=30_000)
    wait_idle(page)
    cells = grid.locator("[role='gridcell']").evaluate_all("els => els.map(e => e.textContent.trim())")
    assert "Chuhuiv" in cells and "Kharkiv" not in cells  # the place as corrected ...
    assert "Corrected" in cells  # ... and the report's review status is its event's
