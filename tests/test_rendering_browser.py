"""Rendering: an uploaded article whose title, text and file name carry script and markup is
shown as text in a real browser, and none of its script runs (``window.__pwned`` stays unset)."""

from __future__ import annotations

import pytest

from tests.conftest import wait_idle
from tests.test_hostile import HOSTILE_HTML

pytestmark = pytest.mark.browser

PAYLOAD_NAME = '<img src=x onerror="window.__pwned=1">strike.html'
BROKEN_NAME = "<svg onload=window.__pwned=1>**bold** [x](javascript:window.__pwned=1).docx"


def pwned(page) -> object:
    return page.evaluate("() => window.__pwned")


@pytest.mark.timeout(240)
def test_script_and_markup_in_an_upload_show_as_text(streamlit_server, browser_page) -> None:
    page = browser_page
    page.add_init_script("window.__pwned = undefined;")
    page.goto(streamlit_server.url, wait_until="domcontentloaded")
    page.get_by_text("Strike events", exact=True).first.wait_for(timeout=60_000)
    wait_idle(page)
    page.locator("input[type='file']").set_input_files(
        [
            {"name": PAYLOAD_NAME, "mimeType": "text/html", "buffer": HOSTILE_HTML},
            {"name": BROKEN_NAME, "mimeType": "application/octet-stream", "buffer": b"PK\x03\x04 not a docx"},
        ]
    )
    page.get_by_text("strike.html").first.wait_for(timeout=30_000)
    page.get_by_role("button", name="Read and extract").click()
    alert = page.get_by_test_id("stAlertContentError").first
    alert.wait_for(timeout=120_000)
    wait_idle(page)
    # the hostile file name is shown literally: markup, Markdown and the link as characters
    shown = alert.inner_text()
    assert "<svg onload=window.__pwned=1>**bold** [x](javascript:window.__pwned=1).docx" in shown, shown
    assert alert.locator("svg[onload], a[href^='javascript'], strong").count() == 0
    assert page.get_by_test_id("stException").count() == 0

    # the article's text is in the events table, as text
    page.get_by_role("tab", name="Events table").click()
    wait_idle(page)
    grid = page.get_by_test_id("stMain").get_by_test_id("stDataFrame").first
    grid.wait_for(timeout=60_000)
    grid.locator("[role='gridcell']").first.wait_for(state="attached", timeout=60_000)
    cells = " ".join(grid.locator("[role='gridcell']").evaluate_all("els => els.map(e => e.textContent)"))
    assert "Kharkiv" in cells

    # nothing of the payload became markup on the page, and no script of it ran
    injected = page.evaluate(
        """() => [
            document.querySelectorAll('img[src="x"], iframe[src^="javascript"], a[href^="javascript"]').length,
            [...document.querySelectorAll('script')].filter(s => s.textContent.includes('__pwned')).length,
            [...document.querySelectorAll('*')].filter(e => [...e.attributes].some(
                a => a.name.startsWith('on') && a.value.includes('__pwned'))).length,
        ]"""
    )
    assert injected == [0, 0, 0]
    wait_idle(page)  # an injected handler would have run as its element was drawn
    assert pwned(page) is None
