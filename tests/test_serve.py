"""`make run` serves the page: the app starts under `streamlit run` and renders in Chromium."""

import pytest


def test_streamlit_run_answers_health(streamlit_server):
    assert streamlit_server.wait_healthy() == "ok"


@pytest.mark.browser
def test_page_opens_in_chromium_without_error(streamlit_server, browser_page):
    page = browser_page
    page.goto(streamlit_server.url, wait_until="domcontentloaded")
    page.get_by_test_id("stApp").wait_for(timeout=30_000)
    # Wait until the script run finished (the title is rendered by the script).
    page.get_by_text("Strike events", exact=True).first.wait_for(timeout=30_000)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000
    )
    assert page.get_by_test_id("stException").count() == 0
    assert page.locator(".stException").count() == 0
