"""The Streamlit page under AppTest, on a store filled in code (STRIKES_DB in a tmp dir)."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analytics import first_run
from analytics.labels import column_label
from analytics.labels import label as word
from analytics.store import Store
from analytics.views import VIEWS
from tests.dashboard_data import fill_store

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "dashboard.py")

GOOD_ARTICLE = (
    b"ODESA, Ukraine, March 2, 2024 - Russian drones struck an apartment building in Odesa on Saturday, "
    b"killing four people and wounding eight, regional governor Oleh Kiper said."
)


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "strikes.db"
    fill_store(path)
    monkeypatch.setenv("STRIKES_DB", str(path))
    return path


def run_app() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def sidebar_results(at: AppTest) -> dict[str, str]:
    """The upload or fetch result list of the sidebar: file -> what became of it (the Markdown
    of its lines, escapes and the code spans that keep addresses from becoming links undone)."""
    out = {}
    for md in at.sidebar.markdown:
        for line in md.value.splitlines():
            if line.lstrip().startswith("- "):
                shown = re.sub(r"\\(.)|`", lambda m: m.group(1) or "", line.lstrip()[2:])
                name, _, what = shown.partition(": ")
                out[name] = what
    return out


def figures(at: AppTest) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def open_tab(at: AppTest, label: str) -> AppTest:
    at.session_state["view"] = label
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_overview_totals_and_chart(db):
    at = run_app()
    assert metric(at, "Strikes") == "3"
    assert metric(at, "Killed") == "4"
    assert metric(at, "Wounded") == "14"
    figs = figures(at)
    assert figs and figs[0]["layout"]["title"]["text"].startswith("Strikes per week")


def test_every_tab_renders(db):
    at = run_app()
    expected_charts = {
        "Overview": 1,
        "Strike frequency": 1,
        "Casualties": 1,
        "Sourcing": 4,
        "Regions": 3,
        "Weapons": 3,
        "Events table": 0,
    }
    for label in VIEWS.values():
        open_tab(at, label)
        figs = figures(at)
        assert len(figs) == expected_charts[label], label
        for fig in figs:
            assert fig["layout"]["title"]["text"], label
    # the events table shows every stored event
    assert len(at.dataframe[0].value) == 3


def test_map_uses_local_base_map(db):
    at = open_tab(run_app(), "Regions")
    maps = [c for c in at.get("plotly_chart") if "scattergeo" in c.proto.spec]
    assert maps
    assert "app/static/topojson/" in maps[0].proto.config


def test_filter_change_changes_totals(db):
    at = run_app()
    at.multiselect(key="attackers").select("Ukraine").run()
    assert metric(at, "Strikes") == "1"
    assert metric(at, "Wounded") == "2"
    at.multiselect(key="attackers").unselect("Ukraine").select("Russia").run()
    assert metric(at, "Strikes") == "2"


def test_reports_mode(db):
    at = run_app()
    at.segmented_control(key="kind").set_value("reports").run()
    assert not at.exception
    assert metric(at, "Strikes") == "3"
    at.multiselect(key="outlets").select("Other Wire").run()
    assert metric(at, "Strikes") == "1"


def test_correction_and_review_are_stored(db):
    at = open_tab(run_app(), "Events table")
    with Store(db) as store:
        frame = store.events_frame()
    kharkiv = frame.loc[frame["location"] == "Kharkiv", "event_id"].iloc[0]
    at.selectbox(key="pick_event_events").set_value(kharkiv).run()
    assert not at.exception, [e.value for e in at.exception]
    evidence = at.table[0].value
    row = evidence.loc["Killed"]
    assert row["Value"] == "3"
    assert "killing three people" in row["Sentence it was read from"]

    form_field = next(s for s in at.selectbox if s.label == "Field")
    form_field.set_value("killed")
    next(t for t in at.text_input if t.label.startswith("Correct value")).input("4")
    next(t for t in at.text_input if t.label.startswith("Note")).input("later report")
    next(b for b in at.button if b.label == "Save correction").click().run()
    assert not at.exception, [e.value for e in at.exception]
    with Store(db) as store:
        event = store.event(kharkiv)
    assert event.killed == 4 and event.review_status == "corrected"
    assert any("Saved" in s.value for s in at.success)

    # The panel stays on the event it showed: no need to pick it again.
    assert any(kharkiv in h.value for h in at.subheader)
    next(b for b in at.button if b.label == "Confirm").click().run()
    with Store(db) as store:
        assert store.event(kharkiv).review_status == "verified"


def test_review_acts_on_the_event_shown_after_it_is_hidden(db):
    at = open_tab(run_app(), "Events table")
    with Store(db) as store:
        frame = store.events_frame()
    kharkiv = frame.loc[frame["location"] == "Kharkiv", "event_id"].iloc[0]
    others = set(frame["event_id"]) - {kharkiv}
    at.selectbox(key="pick_event_events").set_value(kharkiv).run()
    next(b for b in at.button if b.label == "Reject").click().run()
    assert not at.exception, [e.value for e in at.exception]
    # Rejected: the table no longer lists it, the panel still shows it and says so.
    assert any(kharkiv in h.value for h in at.subheader)
    assert any("hidden from the table" in i.value for i in at.info)
    assert any(f"Event {kharkiv} rejected" in s.value for s in at.success)
    next(b for b in at.button if b.label == "Confirm").click().run()
    with Store(db) as store:
        assert store.event(kharkiv).review_status == "verified"
        assert {store.event(e).review_status for e in others} == {"auto"}


def test_a_bad_correction_gets_a_plain_message(db):
    at = open_tab(run_app(), "Events table")
    with Store(db) as store:
        kharkiv = store.events_frame().loc[lambda f: f["location"] == "Kharkiv", "event_id"].iloc[0]
    at.selectbox(key="pick_event_events").set_value(kharkiv).run()
    next(s for s in at.selectbox if s.label == "Field").set_value("killed")
    next(t for t in at.text_input if t.label.startswith("Correct value")).input("three")
    next(b for b in at.button if b.label == "Save correction").click().run()
    assert not at.exception
    errors = [e.value for e in at.error]
    assert any("Not saved" in e for e in errors), errors
    assert any("Killed must be a whole number" in e for e in errors), errors
    assert not any("invalid literal" in e for e in errors), errors


def test_text_from_articles_is_not_html(db):
    at = open_tab(run_app(), "Events table")
    for md in at.markdown:
        assert "<script>" not in md.value


def test_upload_reads_files_and_reports_each(db):
    """Needs the lead's extractor for the new event (the per-file results work without it)."""
    at = run_app()
    before = int(metric(at, "Strikes"))
    at.file_uploader[0].set_value(
        [
            ("odesa.txt", GOOD_ARTICLE, "text/plain"),
            ("broken.pdf", b"%PDF-1.4 this is not really a pdf", "application/pdf"),
            ("[x](javascript:alert(1)) <b>.txt", b"", "text/plain"),
        ]
    )
    next(b for b in at.button if b.label == "Read and extract").click().run()
    assert not at.exception, [e.value for e in at.exception]
    results = sidebar_results(at)
    assert results["odesa.txt"].startswith("new, 1 strike report, published ")
    assert results["broken.pdf"] == "failed"
    published = results["odesa.txt"].split("published ", 1)[1]
    assert published[:4].isdigit() or published == "unknown"
    # a failed upload is not a success: a warning, and the reason of each failure
    assert not at.sidebar.success and at.sidebar.warning
    assert any(e.value.startswith("broken\\.pdf: ") and len(e.value) > 20 for e in at.error)
    # a file name is shown as text: Markdown link and HTML characters escaped
    shown = next(e.value for e in at.error if "javascript" in e.value)
    assert shown.startswith("\\[x\\]\\(javascript\\:alert\\(1\\)\\) \\<b\\>")
    # the new event shows at once, without a restart
    assert int(metric(at, "Strikes")) == before + 1
    # a rerun does not ingest twice
    at.run()
    assert int(metric(at, "Strikes")) == before + 1


def test_first_run_loads_samples_then_start_empty(tmp_path, monkeypatch):
    path = tmp_path / "fresh.db"
    monkeypatch.setenv("STRIKES_DB", str(path))
    at = run_app()
    assert first_run.read_marker(path)["choice"] == "samples"
    with Store(path) as store:
        assert store.counts()["articles"] == len(list(first_run.SAMPLES_DIR.iterdir()))
    assert any("sample articles" in i.value for i in at.info)
    at.button(key="start_empty").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert first_run.read_marker(path)["choice"] == "empty"
    with Store(path) as store:
        assert store.counts()["articles"] == 0
    at.run()  # and the samples do not come back
    with Store(path) as store:
        assert store.counts()["articles"] == 0


def test_sample_banner_goes_once_the_user_adds_articles(tmp_path, monkeypatch):
    monkeypatch.setenv("STRIKES_DB", str(tmp_path / "fresh.db"))
    at = run_app()
    assert any("sample articles" in i.value for i in at.info)
    at.file_uploader[0].set_value([("own.txt", GOOD_ARTICLE, "text/plain")])
    next(b for b in at.button if b.label == "Read and extract").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert not any("sample articles" in i.value for i in at.info)
    assert at.sidebar.success  # the upload's result is still shown after the redraw


@pytest.fixture
def db_with_month(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The usual store plus a strike on Sumy known only to the month (January 2024)."""
    import datetime as dt

    from analytics.models import Article, StrikeReport

    path = tmp_path / "strikes.db"
    fill_store(path)
    with Store(path) as store:
        store.add_article(
            Article(
                text="SUMY (Test) - A glide bomb hit a warehouse in Sumy in January, the city council said.",
                title="Sumy warehouse hit in January",
                outlet="Test Wire",
                url="https://example.org/sumy",
                published=dt.date(2024, 2, 2),
            ),
            [
                StrikeReport(
                    date=dt.date(2024, 1, 15),
                    date_precision="month",
                    attacker="Russia",
                    country="UA",
                    region="UA-59",
                    region_name="Sumy Oblast",
                    location="Sumy",
                    weapons=["air_strike"],
                    sources=["city council"],
                    source_types=["ukraine_official"],
                )
            ],
        )
    monkeypatch.setenv("STRIKES_DB", str(path))
    return path


def test_events_table_marks_an_approximate_date(db_with_month):
    at = open_tab(run_app(), "Events table")
    shown = at.dataframe[0].value.set_index("Place")
    assert shown.loc["Sumy", "Date"] == "2024-01 (month, approx.)"
    assert shown.loc["Sumy", "Date known to"] == "Month only"
    assert shown.loc["Kharkiv", "Date"] == "2024-01-02"  # a day-precise date stays a day
    assert "2024-01-15" not in shown.astype(str).to_numpy().ravel().tolist()
    with Store(db_with_month) as store:
        frame = store.events_frame()
    sumy = frame.loc[frame["location"] == "Sumy", "event_id"].iloc[0]
    at.selectbox(key="pick_event_events").set_value(sumy).run()
    assert not at.exception, [e.value for e in at.exception]
    assert any(t.value.startswith("2024-01 (month, approx.) | Russia | Sumy") for t in at.text)
    evidence = at.table[0].value
    # st.table renders its cells as Markdown, so the dashboard escapes them: compare what shows
    shown_value = re.sub(r"\\(.)", r"\1", evidence.loc["Date", "Value"])
    assert shown_value == "2024-01 (month, approx.)"


def test_article_view_marks_values_and_sets_the_date(db):
    at = open_tab(run_app(), "Events table")
    with Store(db) as store:
        frame = store.events_frame()
        kharkiv = frame.loc[frame["location"] == "Kharkiv", "event_id"].iloc[0]
        article_id = store.event(kharkiv).article_id
        before = store.event(kharkiv).date
    at.selectbox(key="pick_event_events").set_value(kharkiv).run()
    at.selectbox(key=f"open_article_{kharkiv}").set_value(article_id).run()
    assert not at.exception, [e.value for e in at.exception]
    assert any(h.value.startswith("Article:") for h in at.subheader)
    html = [e.proto.body for e in at.get("html")]
    assert any("<mark" in h and "hl-label" in h for h in html), html
    assert any("Published" in m.value for m in at.markdown)

    at.date_input(key=f"published_day_{article_id}").set_value(before.replace(year=before.year + 1))
    next(b for b in at.button if b.label == "Set date and extract again").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("Extracted again against" in s.value for s in at.success)
    with Store(db) as store:
        article = store.article(article_id)
        assert article.published_how == "user"
        dates = {e.date for e in store.events() if e.article_id == article_id}
    assert before not in dates


def test_article_date_box_follows_the_stored_date(db):
    """After either action the box shows the article's date as stored now (not the date typed
    before), and extracting again against the date it already has keeps every report linked."""
    at = open_tab(run_app(), "Events table")
    with Store(db) as store:
        kyiv = next(e for e in store.events() if e.location == "Kyiv")
        article_id = kyiv.article_id
    at.selectbox(key="pick_event_events").set_value(kyiv.event_id).run()
    at.selectbox(key=f"open_article_{kyiv.event_id}").set_value(article_id).run()
    box = f"published_day_{article_id}"

    def click(label: str) -> str:
        next(b for b in at.button if b.label == label).click().run()
        assert not at.exception, [e.value for e in at.exception]
        with Store(db) as store:
            assert store.check() == []
            assert at.date_input(key=box).value == store.article(article_id).published
        said = next(s.value for s in at.success if "Extracted again against" in s.value)
        return said.replace("\\", "")  # the message is markdown-escaped

    at.date_input(key=box).set_value(dt.date(2024, 3, 1))
    assert click("Set date and extract again").endswith("1 strike reports, in 1 events.")
    assert click("Set date and extract again").endswith("1 strike reports, in 1 events.")  # unchanged
    assert click("Use the date in the text").endswith("in 1 events.")
    with Store(db) as store:
        text_date = store.article(article_id).published
    assert text_date != dt.date(2024, 3, 1)
    assert click("Use the date in the text").endswith("in 1 events.")  # the text's date again
    with Store(db) as store:
        assert store.article(article_id).published == text_date


def test_reports_mode_shows_corrections_and_rejections(db):
    with Store(db) as store:
        frame = store.events_frame()
        kharkiv = frame.loc[frame["location"] == "Kharkiv", "event_id"].iloc[0]
        other = next(e for e in frame["event_id"] if e != kharkiv)
        store.correct_event(kharkiv, "location", "Chuhuiv")
        store.set_review_status(other, "rejected")
        reports = store.reports_frame()
        hidden = int((reports["event_id"] == other).sum())
    at = run_app()
    at.segmented_control(key="kind").set_value("reports").run()
    assert not at.exception
    assert int(metric(at, "Strikes")) == len(reports) - hidden
    at = open_tab(at, "Events table")
    table = next(d.value for d in at.dataframe if "Place" in d.value.columns)
    assert "Chuhuiv" in set(table["Place"]) and "Kharkiv" not in set(table["Place"])
    status = table[column_label("review_status")]
    assert set(status) <= {word("review_status", "corrected"), word("review_status", "auto")}
    assert word("review_status", "corrected") in set(status)


def test_a_read_only_store_is_browsed_without_uploads(db, monkeypatch):
    import analytics.store.connect as connect

    monkeypatch.setattr(connect, "writable", lambda path: False)
    at = run_app()
    assert not at.exception, [e.value for e in at.exception]
    assert any("read-only" in i.value for i in at.sidebar.info)
    assert not at.file_uploader
    assert int(metric(at, "Strikes")) > 0


def test_from_the_web_fetches_and_stores(db, monkeypatch):
    from tests.web_server import running_server, standard_routes

    monkeypatch.setenv("STRIKES_ALLOW_PRIVATE", "1")
    with running_server() as server:
        standard_routes(server)
        at = run_app()
        before = int(metric(at, "Strikes"))
        box = next(t for t in at.text_area if t.label.startswith("Article URLs"))
        box.input(f"{server.url('/dnipro.html')}\n{server.url('/picture.png')}\n")
        next(b for b in at.button if b.label == "Fetch and extract").click().run()
        assert not at.exception, [e.value for e in at.exception]
    results = sidebar_results(at)
    assert results[server.url("/dnipro.html")].startswith("new, ")
    assert results[server.url("/picture.png")] == "failed"
    assert any("image/png" in e.value for e in at.error)
    assert int(metric(at, "Strikes")) == before + 1
    with Store(db) as store:
        assert server.url("/dnipro.html") in {a.url for a in store.articles()}


def test_from_the_web_refuses_loopback_without_the_setting(db, monkeypatch):
    from tests.web_server import running_server, standard_routes

    monkeypatch.delenv("STRIKES_ALLOW_PRIVATE", raising=False)
    with running_server() as server:
        standard_routes(server)
        at = run_app()
        next(t for t in at.text_area if t.label.startswith("Article URLs")).input(server.url("/dnipro.html"))
        next(b for b in at.button if b.label == "Fetch and extract").click().run()
    assert any("private, loopback or reserved" in e.value for e in at.error), [e.value for e in at.error]
