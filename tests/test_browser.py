"""The page in a real browser: upload, see the new events, download a PNG and the CSV.

Runs `streamlit run dashboard.py` (conftest's ``streamlit_server``, empty store in tmp) and
drives Debian's Chromium with Playwright (``browser_page``). Needs the extractor (the new
events) and analytics/export.py (the CSV).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import wait_idle

pytestmark = pytest.mark.browser

ODESA = (
    b"ODESA, Ukraine, March 2, 2024 - Russian drones struck an apartment building in Odesa on Saturday, "
    b"killing four people and wounding eight, regional governor Oleh Kiper said."
)
ZAPORIZHZHIA = (
    b"# Missile strike on Zaporizhzhia\n\nZAPORIZHZHIA, Ukraine, April 6, 2024 - Russian missiles hit "
    b"Zaporizhzhia on Saturday, killing three people and wounding 11, regional governor Ivan Fedorov said."
)
CORRUPT = b"PK\x03\x04 this is not a real docx archive"


def open_tab(page, label: str) -> None:
    page.get_by_role("tab", name=label).click()
    wait_idle(page)


def test_upload_chart_table_and_downloads(streamlit_server, browser_page, tmp_path: Path):
    page = browser_page
    page.goto(streamlit_server.url, wait_until="domcontentloaded")
    page.get_by_text("Strike events", exact=True).first.wait_for(timeout=60_000)
    wait_idle(page)

    page.locator("input[type='file']").set_input_files(
        [
            {"name": "odesa.txt", "mimeType": "text/plain", "buffer": ODESA},
            {"name": "zaporizhzhia.md", "mimeType": "text/markdown", "buffer": ZAPORIZHZHIA},
            {"name": "broken.docx", "mimeType": "application/octet-stream", "buffer": CORRUPT},
        ]
    )
    # the uploader lists the three files before the form is sent
    page.get_by_text("broken.docx").first.wait_for(timeout=30_000)
    page.get_by_role("button", name="Read and extract").click()
    alert = page.get_by_test_id("stAlertContentError").filter(has_text="broken.docx")
    alert.first.wait_for(timeout=120_000)
    wait_idle(page)
    assert "broken.docx:" in alert.first.inner_text()
    assert len(alert.first.inner_text().split("broken.docx:", 1)[1].strip()) > 3  # the reason
    assert page.get_by_test_id("stException").count() == 0

    # the new strikes are in the regions chart ...
    open_tab(page, "Regions")
    chart = page.get_by_test_id("stPlotlyChart").first
    chart.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=60_000)
    ticks = chart.locator(".ytick text").evaluate_all("els => els.map(e => e.textContent)")
    assert "Odesa Oblast" in ticks and "Zaporizhzhia Oblast" in ticks

    # the map draws its base map from the app's own static files (no network)
    geo = page.locator(".js-plotly-plot .geo").first
    geo.wait_for(timeout=60_000)
    page.wait_for_function(
        "() => document.querySelectorAll('.js-plotly-plot .geo .countries path, "
        ".js-plotly-plot .geo .land path').length > 0",
        timeout=60_000,
    )

    # ... a PNG of it downloads ...
    with page.expect_download(timeout=60_000) as info:
        page.get_by_test_id("stDownloadButton").filter(has_text="PNG").first.click()
    png = Path(info.value.path()).read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")

    # ... and they are rows of the events table
    open_tab(page, "Events table")
    grid = page.get_by_test_id("stMain").get_by_test_id("stDataFrame").first
    grid.wait_for(timeout=30_000)
    # the grid draws on a canvas; its cells are also in an accessible table
    grid.locator("[role='gridcell']").first.wait_for(state="attached", timeout=30_000)
    text = " ".join(grid.locator("[role='gridcell']").evaluate_all("els => els.map(e => e.textContent)"))
    assert "Odesa" in text and "Zaporizhzhia" in text

    # the CSV download holds the new rows
    with page.expect_download(timeout=60_000) as info:
        page.get_by_test_id("stDownloadButton").filter(has_text="CSV").first.click()
    csv = Path(info.value.path()).read_text("utf-8")
    assert "Odesa" in csv and "Zaporizhzhia" in csv
