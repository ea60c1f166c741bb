"""Layout at three screen sizes: chart titles, legends and axis titles do not overlap, and no
button or widget label is cut (Chromium against `streamlit run`, every tab; screenshots kept
in the test's temporary folder)."""

from __future__ import annotations

from pathlib import Path

import pytest

from analytics.views import VIEWS
from tests.conftest import wait_for_plots
from tests.test_article_browser import _open
from tests.test_browser import open_tab

pytestmark = pytest.mark.browser

SIZES = [(1366, 768), (1400, 900), (1920, 1080)]

#: For each drawn chart: the boxes of its title, legend and axis titles.
CHART_BOXES = """
() => [...document.querySelectorAll('.js-plotly-plot')].map(plot => {
  const box = sel => [...plot.querySelectorAll(sel)].map(el => {
    const r = el.getBoundingClientRect();
    return {sel, text: (el.textContent || '').slice(0, 40), x: r.x, y: r.y, w: r.width, h: r.height};
  }).filter(b => b.w > 0 && b.h > 0);
  return [...box('.gtitle'), ...box('.legend'), ...box('.annotation-text'),
          ...box('[class^="g-x"][class$="title"]'), ...box('[class^="g-y"][class$="title"]')];
})
"""
#: Buttons and widget labels whose text is wider than the room it has.
CLIPPED = """
() => [...document.querySelectorAll(
    '[data-testid="stMain"] button, [data-testid="stWidgetLabel"], [data-testid="stSidebar"] button')]
  .filter(el => el.offsetParent !== null)
  .filter(el => el.scrollWidth > el.clientWidth + 1 || [...el.querySelectorAll('p')].some(p => p.scrollWidth > p.clientWidth + 1))
  .map(el => (el.textContent || '').trim().slice(0, 40))
"""


def _overlap(a: dict, b: dict) -> bool:
    return (
        a["x"] < b["x"] + b["w"] - 1
        and b["x"] < a["x"] + a["w"] - 1
        and a["y"] < b["y"] + b["h"] - 1
        and b["y"] < a["y"] + a["h"] - 1
    )


@pytest.fixture
def server(dashboard_server):
    return dashboard_server


def test_nothing_overlaps_or_is_cut_at_three_sizes(server, browser_page, tmp_path: Path):
    page = browser_page
    problems: list[str] = []
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        _open(page, server.url)
        for label in VIEWS.values():
            open_tab(page, label)
            if label not in ("Events table",):
                page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=30_000)
            wait_for_plots(page)  # plotly lays out after the script run
            for chart in page.evaluate(CHART_BOXES):
                for i, a in enumerate(chart):
                    for b in chart[i + 1 :]:
                        if "g-x" in a["sel"] + b["sel"] and "g-y" in a["sel"] + b["sel"]:
                            continue  # an x and a y axis title meet only at the corner
                        if _overlap(a, b):
                            problems.append(f"{width}x{height} {label}: {a['text']!r} over {b['text']!r}")
            for text in page.evaluate(CLIPPED):
                problems.append(f"{width}x{height} {label}: cut: {text!r}")
            page.screenshot(path=str(tmp_path / f"{width}x{height}-{label}.png"), full_page=True)
    assert not problems, "\n".join(sorted(set(problems)))
