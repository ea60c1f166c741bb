"""What the page says must be true, in Chromium against `streamlit run`: charts without broken
stacks, invisible bars or crowded ticks; tables and figures that never turn "nobody reported
it" into 0 or "None"; one count of strikes; codes in words; upload and web results per file.

Stores are built here from own-words articles. Every wait is on a locator (or Playwright's
``expect``, which retries a locator), never on a fixed delay.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from analytics.models import Article, StrikeReport
from analytics.store import Store
from tests.conftest import ROOT, StreamlitServer, serving

pytestmark = pytest.mark.browser

D = dt.date
SLOW = 120_000  # a first script run on a busy 2-core machine


def expect():
    return pytest.importorskip("playwright.sync_api").expect


def _report(day: dt.date | None, side: str, **kw) -> StrikeReport:
    where = (
        dict(country="UA", region="UA-63", region_name="Kharkiv Oblast", location="Kharkiv")
        if side == "Russia"
        else dict(country="RU", region="RU-BEL", region_name="Belgorod Oblast", location="Belgorod")
    )
    base = dict(date=day, attacker=side, weapons=["drone"], **where)
    return StrikeReport(**{**base, **kw})  # type: ignore[arg-type]


def one_strike_store(db: Path) -> None:
    """One strike, in an article with no headline and no outlet, that gives no toll."""
    text = (
        "Russian drones struck a grain warehouse in Kharkiv on 2 January 2024, the regional "
        "governor said, without giving any figures."
    )
    with Store(db) as store:
        store.add_article(
            Article(text=text, title="", outlet="", published=D(2024, 1, 3)),
            [_report(D(2024, 1, 2), "Russia", source_types=["ukraine_official"], sources=["governor"])],
        )


#: Weeks of strikes in the many-weeks store, Mondays from 2024-01-01.
WEEKS = 30


def many_weeks_store(db: Path) -> None:
    """30 weeks of strikes from both sides, sourced differently, one with interception counts
    (40 launched, 35 intercepted), one air strike, and one Russian strike nobody dated."""
    with Store(db) as store:
        for week in range(WEEKS):
            day = D(2024, 1, 1) + dt.timedelta(weeks=week)
            side = "Russia" if week % 3 else "Ukraine"
            # Russia: Ukrainian officials and media; Ukraine: Russian officials and media, so
            # Ukraine has no "Ukrainian official" share, the gap that broke its stacked bar
            types = (
                ["ukraine_official"]
                if side == "Russia" and week % 2
                else ["media"]
                if week % 5 == 0
                else ["russia_official"]
                if side == "Ukraine"
                else ["media"]
            )
            extra = dict(launched=40, intercepted=35) if week == 4 else {}
            weapons = ["air_strike"] if week == 7 else ["drone"]
            report = _report(
                day, side, killed=week % 4, wounded=1, source_types=types, weapons=weapons, **extra
            )
            store.add_article(
                Article(text=f"Week {week}: a strike on {day} reported for testing.", outlet="Test Wire"),
                [report],
            )
        store.add_article(
            Article(text="An undated Russian strike on Kharkiv, reported for testing.", outlet="Test Wire"),
            [_report(None, "Russia", killed=1, date_precision="unknown", source_types=["media"])],
        )


def _serve(tmp_path: Path, build, name: str) -> Iterator[StreamlitServer]:
    db = tmp_path / f"{name}.db"
    build(db)
    with serving(db) as server:
        yield server


@pytest.fixture
def one_strike(tmp_path: Path) -> Iterator[StreamlitServer]:
    yield from _serve(tmp_path, one_strike_store, "one")


@pytest.fixture
def many_weeks(tmp_path: Path) -> Iterator[StreamlitServer]:
    yield from _serve(tmp_path, many_weeks_store, "many")


# --------------------------------------------------------------------------- helpers


def _open(page, url: str) -> None:
    page.goto(url, wait_until="domcontentloaded")
    page.get_by_test_id("stMetric").first.wait_for(timeout=SLOW)


def _tab(page, name: str, ready: str) -> None:
    """Open a tab and wait for ``ready`` (a CSS selector) inside it."""
    page.get_by_role("tab", name=name).click()
    page.get_by_role("tabpanel", name=name).locator(ready).first.wait_for(timeout=SLOW)


def _cells(grid) -> list[str]:
    grid.locator("[role='gridcell']").first.wait_for(state="attached", timeout=SLOW)
    return grid.locator("[role='gridcell']").evaluate_all("els => els.map(e => e.textContent.trim())")


def _plot(page, title: str):
    """The Plotly chart whose title starts with ``title``, once drawn."""
    plot = page.locator(".js-plotly-plot").filter(has=page.locator(".gtitle", has_text=title)).first
    plot.locator(".main-svg").first.wait_for(timeout=SLOW)
    return plot


def _boxes(locator) -> list[dict]:
    return locator.evaluate_all(
        "els => els.map(e => { const r = e.getBoundingClientRect();"
        " return {x: r.x, y: r.y, w: r.width, h: r.height, text: (e.textContent || '').trim()}; })"
    )


def _choose(page, label: str):
    """Open the select box labelled ``label`` and return its first option; opened again when
    a rerun redrew the box before its list showed."""
    box = page.get_by_test_id("stSelectbox").filter(has_text=label).first
    option = page.get_by_role("option").first
    for attempt in range(5):
        box.wait_for(timeout=SLOW)
        box.scroll_into_view_if_needed()
        box.click()
        try:
            option.wait_for(timeout=10_000)
            return option
        except Exception:  # the list did not open: the page was redrawn under the click
            if attempt == 4:
                raise
    return option


def _pick_from(page, label: str):
    """Open the sidebar's multiselect labelled ``label``; its options."""
    box = page.get_by_test_id("stSidebar").get_by_test_id("stMultiSelect").filter(has_text=label).first
    options = page.get_by_role("option")
    for attempt in range(5):
        box.scroll_into_view_if_needed()
        box.get_by_role("combobox").click()
        try:
            options.first.wait_for(timeout=10_000)
            return options
        except Exception:  # redrawn under the click: open it again
            if attempt == 4:
                raise
    return options


def _check_store(db: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "analytics", "check", "--db", str(db)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr


# --------------------------------------------------------------------------- one strike: 4, 5, 7, 10, 13


def test_one_strike_draws_a_bar_and_says_not_reported(one_strike, browser_page) -> None:
    page = browser_page
    page.set_viewport_size({"width": 1366, "height": 900})
    _open(page, one_strike.url)
    # 4: the single strike's bar is a bar, not a zero-width line
    bars = _boxes(_plot(page, "Strikes per week").locator(".barlayer .point path"))
    assert len(bars) == 1 and bars[0]["w"] >= 20 and bars[0]["h"] >= 20, bars
    # 10: no toll reported is not a 0 among the headline figures
    killed = page.get_by_test_id("stMetric").filter(has_text="Killed")
    expect()(killed.get_by_test_id("stMetricValue")).to_have_text("not reported")

    # 7: the article names no outlet: the outlet chart says so instead of showing nothing
    _tab(page, "Sourcing", ".js-plotly-plot .main-svg")
    outlets = _plot(page, "Outlets reporting the most strikes")
    ticks = outlets.locator(".ytick text").evaluate_all("els => els.map(e => e.textContent)")
    assert ticks == ["outlet unknown"], ticks

    # 5: the regions table says "not reported" where no toll was given, never 0
    _tab(page, "Regions", "[data-testid='stDataFrame']")
    cells = _cells(page.get_by_role("tabpanel", name="Regions").get_by_test_id("stDataFrame").first)
    row = cells[cells.index("Kharkiv Oblast") :]
    assert row[1:4] == ["1", "not reported", "not reported"], cells

    # 10: the events table shows no "None" for the missing outlet, link and tolls. The grid
    # draws only the columns in view: a window wide enough for all of them shows every cell.
    page.set_viewport_size({"width": 7000, "height": 900})
    _tab(page, "Events table", "[data-testid='stDataFrame']")
    grid = page.get_by_role("tabpanel", name="Events table").get_by_test_id("stDataFrame").first
    # the headline (empty) and outlet come after the source types, the link last
    grid.locator("[role='gridcell']", has_text="Ukrainian official").first.wait_for(
        state="attached", timeout=SLOW
    )
    seen = _cells(grid)
    assert "None" not in seen and "nan" not in seen, seen
    assert "not reported" in seen, seen
    page.set_viewport_size({"width": 1366, "height": 900})

    # 13: the untitled article is offered by its first words, not by a hash
    _choose(page, "Or pick an event by id").click()
    option = _choose(page, "Open an article")
    expect()(option).to_have_text(re.compile(r"^Russian drones struck a grain warehouse in Kharkiv"))


# --------------------------------------------------------------------------- many weeks: 3, 6, 8, 9, 11, 12


def _tick_problems(page, width: int) -> list[str]:
    problems = []
    for title in ("Strikes per week",):
        plot = _plot(page, title)
        ticks = _boxes(plot.locator(".xtick text"))
        shown = [t for t in ticks if t["w"] > 0]
        for a, b in zip(shown, shown[1:], strict=False):
            if a["x"] + a["w"] > b["x"] - 4:
                problems.append(f"{width}px {title}: {a['text']!r} runs into {b['text']!r}")
        latest = D(2024, 1, 1) + dt.timedelta(weeks=WEEKS - 1)
        if not shown or not shown[-1]["text"].startswith(f"{latest.day} {latest:%b %Y}"):
            problems.append(f"{width}px {title}: the latest week has no label: {[t['text'] for t in shown]}")
    return problems


def test_many_weeks_page_is_true_and_in_words(many_weeks, browser_page, tmp_path: Path) -> None:
    page = browser_page
    problems: list[str] = []
    for width, height in ((1366, 768), (1920, 1080)):
        page.set_viewport_size({"width": width, "height": height})
        _open(page, many_weeks.url)
        # 6: the weekly ticks do not overlap and the latest week is labelled
        problems += _tick_problems(page, width)
    assert not problems, "\n".join(problems)

    # 8: one count of strikes: the overview, the sidebar and the table agree, undated included
    strikes = page.get_by_test_id("stMetric").filter(has_text="Strikes").get_by_test_id("stMetricValue")
    expect()(strikes).to_have_text(str(WEEKS + 1))
    sidebar = page.get_by_test_id("stSidebar")
    expect()(sidebar.get_by_text(f"The {WEEKS + 1} filtered events.")).to_be_visible()
    main = page.get_by_test_id("stMain")
    expect()(main.get_by_text("1 strike whose date is unknown", exact=False)).to_be_visible()
    # 9: no earlier data is not a rise from 0
    deltas = page.get_by_test_id("stMetricDelta")
    expect()(deltas.first).to_have_text("no earlier data")
    assert "+" not in " ".join(deltas.all_inner_texts())

    # 3: every side's bar of source-type shares reaches 100%, none stops short
    _tab(page, "Sourcing", ".js-plotly-plot .main-svg")
    plot = _plot(page, "Who the claims come from")
    rects = _boxes(plot.locator(".barlayer .point path"))
    rows: dict[int, list[dict]] = {}
    for r in rects:
        if r["w"] > 0:
            rows.setdefault(round(r["y"] + r["h"] / 2), []).append(r)
    rights = {y: max(r["x"] + r["w"] for r in bars) for y, bars in rows.items()}
    widths = {y: sum(r["w"] for r in bars) for y, bars in rows.items()}
    assert len(rows) == 2, rows  # Russia and Ukraine
    assert max(rights.values()) - min(rights.values()) < 2, rights
    assert max(widths.values()) - min(widths.values()) < 2, widths

    # 12: the interception table speaks the chart's unit
    _tab(page, "Weapons", "[data-testid='stDataFrame']")
    cells = _cells(page.get_by_role("tabpanel", name="Weapons").get_by_test_id("stDataFrame").first)
    assert "87.5" in cells and "0.875" not in cells, cells

    # 11: the filters offer words, and keep working
    options = _pick_from(page, "Weapon category")
    expect()(options.filter(has_text="Air strike")).to_have_count(1)
    assert not [t for t in options.all_inner_texts() if "_" in t or t.islower()], options.all_inner_texts()
    page.keyboard.press("Escape")
    _pick_from(page, "Source type").filter(has_text="Ukrainian official").click()
    page.keyboard.press("Escape")
    expect()(sidebar.get_by_text(re.compile(r"^The \d+ filtered events\.$"))).not_to_have_text(
        f"The {WEEKS + 1} filtered events."
    )
    # ... and so does the report, its totals and tables
    with page.expect_download(timeout=SLOW) as info:
        sidebar.get_by_test_id("stDownloadButton").filter(has_text="Report of every view").click()
    report = Path(info.value.path()).read_text("utf-8")
    tables = "".join(part.split("</table>")[0] for part in report.split("<table")[1:])
    assert "<th>Figure</th>" in tables and "<td>Strikes</td>" in tables and "<th>index</th>" not in tables
    for code in ("ukraine_official", "russia_official", "air_strike", "<td>strikes</td>"):
        assert code not in tables, code
    selection = report.split("<h2>Selection</h2>", 1)[1].split("</ul>", 1)[0]
    assert "Ukrainian official" in selection and "ukraine_official" not in selection


# --------------------------------------------------------------------------- results: 13, 14

ENTRIES = {
    "odesa.txt": "Russian drones struck an apartment block in Odesa on 2 March 2024, killing four people, "
    "the regional governor said.",
    "kharkiv.txt": "Russian missiles hit a school in Kharkiv on 5 March 2024, wounding three people, "
    "the mayor said.",
}


def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, text in ENTRIES.items():
            zf.writestr(name, text)
    return buf.getvalue()


def test_upload_and_web_results_list_every_file_entry_and_address(tmp_path: Path, browser_page) -> None:
    from tests.web_server import running_server, standard_routes

    db = tmp_path / "results.db"
    Store(db).close()
    page = browser_page
    page.set_viewport_size({"width": 1366, "height": 900})
    with running_server() as pages, serving(db, env={"STRIKES_ALLOW_PRIVATE": "1"}) as app:
        standard_routes(pages)
        page.goto(app.url, wait_until="domcontentloaded")
        sidebar = page.get_by_test_id("stSidebar")
        sidebar.get_by_role("button", name="Read and extract").wait_for(timeout=SLOW)

        # 13: a zip is listed entry by entry, each with its reports and publication date, in
        # view inside the sidebar (the table cut these columns off)
        page.locator("input[type='file']").set_input_files(
            [{"name": "two.zip", "mimeType": "application/zip", "buffer": _zip()}]
        )
        sidebar.get_by_text("two.zip").first.wait_for(timeout=SLOW)
        sidebar.get_by_role("button", name="Read and extract").click()
        expect()(sidebar.get_by_test_id("stAlertContentSuccess")).to_have_text(
            "Read 1 of 1 files: 2 new strike reports."
        )
        items = sidebar.locator("li li")  # the zip's line holds a line per entry
        expect()(items.filter(has_text="two.zip/odesa.txt: new, 1 strike report, published")).to_have_count(1)
        expect()(items.filter(has_text="two.zip/kharkiv.txt: new, 1 strike report, published")).to_have_count(
            1
        )
        edge = sidebar.bounding_box()
        for item in _boxes(items):
            assert item["x"] + item["w"] <= edge["x"] + edge["width"], item

        # 14: a failed address reads as the address, and a repeated one is said to be one
        good, bad = pages.url("/kharkiv.html"), pages.url("/missing.html")
        sidebar.get_by_label("Article URLs, one a line").fill(f"{good}\n{bad}\n{good}\n")
        sidebar.get_by_role("button", name="Fetch and extract").click()
        failure = sidebar.get_by_test_id("stAlertContentError").filter(has_text="missing.html")
        failure.first.wait_for(timeout=SLOW)
        message = failure.first.locator("p").first.inner_text()  # the text, not the icon's name
        assert message.startswith(f"{bad}: "), message
        assert "\\" not in message
        lines = sidebar.locator("li").filter(has_text=good)
        expect()(lines).to_have_count(2)
        assert lines.nth(0).inner_text().startswith(f"{good}: new, ")
        assert lines.nth(1).inner_text().startswith(f"{good}: duplicate, the same address again")
        assert "\\" not in " ".join(sidebar.locator("li").all_inner_texts())
        assert pages.hits.get("/kharkiv.html") == 1
    _check_store(db)
