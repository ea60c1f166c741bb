"""Review in a real browser: the panel is bound to the event, not to a row of the table.

Chromium against `streamlit run` on a store built in code (tests/dashboard_data.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from analytics.labels import column_label
from analytics.store import Store
from tests.test_article_browser import _choose, _open
from tests.test_browser import open_tab, wait_idle

pytestmark = pytest.mark.browser


@pytest.fixture
def server(dashboard_server):
    return dashboard_server


def _events(db: Path) -> dict[str, tuple[str, str]]:
    with Store(db) as store:
        return {e.event_id: (e.location, e.review_status) for e in store.events(include_rejected=True)}


def _oldest(db: Path) -> str:
    with Store(db) as store:
        return min(store.events(), key=lambda e: (e.date, e.event_id)).event_id


def test_a_correction_that_moves_the_event_keeps_the_panel_on_it(server, browser_page):
    page = browser_page
    target = _oldest(server.db_path)
    _open(page, server.url)
    open_tab(page, "Events table")
    _choose(page, "Or pick an event by id", target)
    page.get_by_role("heading", name=f"Event {target}").wait_for(timeout=30_000)
    _choose(page, "Field", column_label("date"))
    page.get_by_label("Correct value (lists separated by ';', empty = unknown)").fill("2024-06-30")
    page.get_by_role("button", name="Save correction").click()
    wait_idle(page)
    # the event is now the newest: its row moved to the top, and the panel still shows it
    page.get_by_text(f"Saved for event {target}").first.wait_for(timeout=30_000)
    expect(page.get_by_role("heading", name=f"Event {target}")).to_be_visible()
    # the grid's own cells are hidden from the page's text: the panel's date is a visible one
    expect(page.locator("text=2024-06-30 >> visible=true").first).to_be_visible()
    with Store(server.db_path) as store:
        moved = store.event(target)
        assert moved.date.isoformat() == "2024-06-30" and moved.review_status == "corrected"
        others = [e for e in store.events() if e.event_id != target]
    assert all(e.review_status == "auto" for e in others)


def test_a_rejected_event_stays_in_the_panel_and_the_next_action_is_its_own(server, browser_page):
    page = browser_page
    before = _events(server.db_path)
    target = _oldest(server.db_path)
    _open(page, server.url)
    open_tab(page, "Events table")
    _choose(page, "Or pick an event by id", target)
    page.get_by_role("heading", name=f"Event {target}").wait_for(timeout=30_000)
    page.get_by_role("button", name="Reject").click()
    wait_idle(page)
    page.get_by_text(f"Event {target} rejected").first.wait_for(timeout=30_000)
    expect(page.get_by_text("hidden from the table").first).to_be_visible()
    expect(page.get_by_role("heading", name=f"Event {target}")).to_be_visible()
    page.get_by_role("button", name="Confirm").click()
    wait_idle(page)
    page.get_by_text(f"Event {target} confirmed").first.wait_for(timeout=30_000)
    after = _events(server.db_path)
    assert after[target][1] == "verified"
    assert {k: v for k, v in after.items() if k != target} == {k: v for k, v in before.items() if k != target}
