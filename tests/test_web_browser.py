"""From the web in a real browser: paste a loopback address (private addresses allowed by the
setting) into the sidebar and see the new event in the events table."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import serving
from tests.test_browser import open_tab, wait_idle
from tests.web_server import running_server, standard_routes

pytestmark = pytest.mark.browser


def test_paste_a_url_and_see_its_event(tmp_path: Path, browser_page) -> None:
    db = tmp_path / "web.db"  # an empty store, no sample articles (serving makes that choice)
    with running_server() as pages:
        standard_routes(pages)
        with serving(db, env={"STRIKES_ALLOW_PRIVATE": "1"}) as app:
            page = browser_page
            page.goto(app.url, wait_until="domcontentloaded")
            page.get_by_text("Strike events", exact=True).first.wait_for(timeout=60_000)
            wait_idle(page)
            box = page.get_by_test_id("stSidebar").get_by_label("Article URLs, one a line")
            box.fill(pages.url("/kharkiv.html"))
            page.get_by_role("button", name="Fetch and extract").click()
            page.get_by_text("Read 1 of 1 addresses").first.wait_for(timeout=90_000)
            wait_idle(page)
            open_tab(page, "Events table")
            grid = page.get_by_test_id("stMain").get_by_test_id("stDataFrame").first
            grid.locator("[role='gridcell']").first.wait_for(state="attached", timeout=30_000)
            cells = grid.locator("[role='gridcell']").evaluate_all(
                "els => els.map(e => e.textContent.trim())"
            )
            assert "Kharkiv" in cells
            assert pages.hits.get("/kharkiv.html") == 1
