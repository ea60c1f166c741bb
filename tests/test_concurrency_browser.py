"""Two dashboard sessions in two real browsers upload overlapping files at the same time.

Every article ends up stored exactly once, and no "database is locked" (or any exception)
reaches either user.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.conftest import CHROMIUM_ARGS, chromium_path, wait_idle

pytestmark = pytest.mark.browser


def _article(city: str, day: str, killed: int) -> bytes:
    return (
        f"{city.upper()}, Ukraine, May 4, 2024 - Russian missiles struck {city} on {day}, killing "
        f"{killed} people and wounding {killed * 2}, the regional governor said."
    ).encode()


FILES = {
    "a.txt": _article("Kharkiv", "Friday", 3),
    "b.txt": _article("Sumy", "Thursday", 2),
    "c.txt": _article("Odesa", "Wednesday", 4),
}


def _upload(page, names: list[str]) -> None:
    page.locator("input[type='file']").set_input_files(
        [{"name": n, "mimeType": "text/plain", "buffer": FILES[n]} for n in names]
    )
    page.get_by_text(names[-1]).first.wait_for(timeout=30_000)


def test_two_sessions_upload_overlapping_files_at_once(streamlit_server, tmp_path: Path):
    path = chromium_path()
    if path is None:
        pytest.skip("no Chromium: apt-get install chromium, or set BROWSER_PATH")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        try:
            pages = [browser.new_context().new_page() for _ in range(2)]
            for page in pages:
                page.goto(streamlit_server.url, wait_until="domcontentloaded")
                page.get_by_text("Strike events", exact=True).first.wait_for(timeout=60_000)
                wait_idle(page)
            _upload(pages[0], ["a.txt", "b.txt"])
            _upload(pages[1], ["b.txt", "c.txt"])
            # Both forms are sent before either run finishes.
            buttons = [p.get_by_role("button", name="Read and extract") for p in pages]
            for button in buttons:
                button.click(no_wait_after=True)
            for page in pages:
                # Each session reports its own files ("Read 2 of 2 files: ...").
                page.get_by_text("Read 2 of 2 files").first.wait_for(timeout=120_000)
                wait_idle(page)
                body = page.locator("body").inner_text().lower()
                assert "locked" not in body
                assert page.get_by_test_id("stException").count() == 0
        finally:
            browser.close()

    db = Path(streamlit_server.db_path)
    with sqlite3.connect(db) as con:
        rows = con.execute("SELECT source_file FROM articles").fetchall()
    names = sorted(r[0] for r in rows)
    # First run may have added the sample articles; the three uploads are each stored once.
    for name in FILES:
        assert names.count(name) == 1, names
