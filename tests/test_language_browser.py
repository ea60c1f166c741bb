"""Ukrainian and Russian articles in a real browser (Chromium against `streamlit run`): upload
one of each, see their events with their language, open each article and see its Cyrillic
words marked as the evidence, and narrow the table to one language with the sidebar's filter.

The articles are written for this test; their file names carry their publication dates."""

from __future__ import annotations

from pathlib import Path

import pytest

from analytics.store import Store
from tests.conftest import serving
from tests.test_article_browser import _choose, _open
from tests.test_browser import open_tab, wait_idle
from tests.test_ui_truths_browser import _pick_from

pytestmark = pytest.mark.browser

SLOW = 120_000

POLTAVA_UK = (
    "Вночі російський дрон влучив у склад у Полтаві. Загинули двоє працівників, ще трьох поранено, "
    "повідомив голова обласної військової адміністрації. Рятувальники загасили пожежу до ранку."
)
KURSK_RU = (
    "Ночью беспилотник попал в склад в Курске, погибли два человека. Ещё четыре человека ранены, "
    "сообщил губернатор области. Пожар потушили к утру."
)
FILES = [
    {"name": "2024-03-14-poltava.txt", "mimeType": "text/plain", "buffer": POLTAVA_UK.encode()},
    {"name": "2024-03-15-kursk.txt", "mimeType": "text/plain", "buffer": KURSK_RU.encode()},
]


def _cells(page) -> list[str]:
    """The events table's cells (the grid draws only the columns in view: the window is wide)."""
    grid = page.get_by_role("tabpanel", name="Events table").get_by_test_id("stDataFrame").first
    grid.locator("[role='gridcell']").first.wait_for(state="attached", timeout=SLOW)
    return grid.locator("[role='gridcell']").evaluate_all("els => els.map(e => e.textContent.trim())")


def _open_article_of(page, event_id: str, marked: str) -> None:
    """Open the event's article under the table and wait for ``marked`` among its marks."""
    _choose(page, "Or pick an event by id", event_id)
    page.get_by_test_id("stSelectbox").filter(has_text="Open an article").first.wait_for(timeout=SLOW)
    _choose(page, "Open an article")
    page.get_by_text("Article:", exact=False).first.wait_for(timeout=SLOW)
    mark = page.locator("mark", has_text=marked).first
    mark.wait_for(timeout=SLOW)
    assert mark.is_visible()


def test_ukrainian_and_russian_articles_are_shown_marked_and_filtered(tmp_path: Path, browser_page) -> None:
    db = tmp_path / "languages.db"
    page = browser_page
    page.set_viewport_size({"width": 5000, "height": 1000})
    with serving(db) as app:
        _open(page, app.url)
        page.locator("input[type='file']").set_input_files(FILES)
        page.get_by_text("2024-03-15-kursk.txt").first.wait_for(timeout=30_000)
        page.get_by_role("button", name="Read and extract").click()
        page.get_by_text("Read 2 of 2 files").first.wait_for(timeout=SLOW)
        wait_idle(page)
        assert page.get_by_test_id("stException").count() == 0
        with Store(db, read_only=True) as store:
            events = {e.location: e for e in store.events()}
        assert sorted(events) == ["Kursk", "Poltava"]
        assert events["Poltava"].languages == ["uk"] and events["Kursk"].languages == ["ru"]

        # both events are rows of the table, each with its language in words
        open_tab(page, "Events table")
        cells = _cells(page)
        for word in ("Poltava", "Kursk", "Ukrainian", "Russian"):
            assert word in cells, (word, cells)

        # each article is shown in its own words, the evidence marked in Cyrillic
        _open_article_of(page, events["Poltava"].event_id, "Полтаві")
        assert page.locator("mark", has_text="дрон").count() >= 1
        _open_article_of(page, events["Kursk"].event_id, "Курске")
        assert page.locator("mark", has_text="беспилотник").count() >= 1

        # the language filter narrows the table to the Ukrainian article's event
        _pick_from(page, "Language").filter(has_text="Ukrainian").first.click()
        page.keyboard.press("Escape")
        grid = page.get_by_role("tabpanel", name="Events table").get_by_test_id("stDataFrame").first
        grid.locator("[role='gridcell']", has_text="Kursk").first.wait_for(state="detached", timeout=SLOW)
        wait_idle(page)
        cells = _cells(page)
        assert "Poltava" in cells and "Ukrainian" in cells, cells
        assert "Kursk" not in cells and "Russian" not in cells, cells
        assert page.get_by_test_id("stException").count() == 0
