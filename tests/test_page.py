"""The page's logic outside the page (:mod:`analytics.page`): the session bookkeeping of the
review and article actions, the download selection and the panels' words, each called with
plain data (a dict for session state) as the dashboard calls them with Streamlit's."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd
import pytest

from analytics import aggregate as agg
from analytics import views
from analytics.ingest import ingest_uploads
from analytics.labels import column_label, label
from analytics.page import downloads, panels
from analytics.page import state as page_state
from analytics.store import Store

ARTICLE = (
    "Russian drones struck a grain warehouse in Kharkiv yesterday, killing two workers, "
    "the regional governor said on his Telegram channel."
)
PUBLISHED = dt.date(2024, 5, 10)


@pytest.fixture
def one_event(store: Store) -> str:
    """The id of the one event a one-article upload gives."""
    ingest_uploads([("kharkiv.txt", ARTICLE.encode())], store, published=PUBLISHED)
    (event,) = store.events()
    return event.event_id


# --------------------------------------------------------------------------- selection


def test_a_picked_row_is_an_event_id_from_the_rows_as_drawn() -> None:
    ids = ["e1", "e2"]
    assert page_state.picked_row({"selection": {"rows": [1]}}, ids) == "e2"
    assert page_state.picked_row({"selection": {"rows": [2]}}, ids) is None  # a table drawn before a rerun
    assert page_state.picked_row({"selection": {"rows": []}}, ids) is None
    assert page_state.picked_row(None, ids) is None


def test_the_events_table_gets_a_new_key_after_each_action() -> None:
    state: dict[str, Any] = {}
    first = page_state.events_table_key(state, "events")
    page_state.bump_epoch(state)
    assert page_state.events_table_key(state, "events") != first
    assert page_state.events_table_key(state, "reports") != page_state.events_table_key(state, "events")


def test_opening_and_closing_an_article_and_an_event() -> None:
    state: dict[str, Any] = {}
    page_state.open_article(state, None)  # an emptied box opens nothing
    assert page_state.ARTICLE not in state
    page_state.open_article(state, "a1")
    assert state[page_state.ARTICLE] == "a1"
    page_state.close_article(state)
    page_state.close_article(state)  # closing twice is fine
    assert page_state.ARTICLE not in state
    page_state.select_event(state, "e1")
    assert state[page_state.SELECTED] == "e1"
    page_state.select_event(state, None)
    assert state[page_state.SELECTED] is None


def test_a_message_shows_only_in_the_panel_it_belongs_to() -> None:
    state: dict[str, Any] = {}
    page_state.record_review(state, "e1", "Event e1 confirmed")
    assert page_state.message_for(state, page_state.REVIEW_MESSAGE, "e2") is None
    message = page_state.message_for(state, page_state.REVIEW_MESSAGE, "e1")
    assert message == page_state.Message("e1", "Event e1 confirmed", True)
    assert page_state.message_for(state, page_state.ARTICLE_MESSAGE, "e1") is None
    assert state[page_state.EPOCH] == 1  # the table forgets its highlighted row


# --------------------------------------------------------------------------- review actions


def test_a_correction_is_stored_and_its_message_kept(store: Store, one_event: str) -> None:
    state: dict[str, Any] = {}
    message = page_state.review_event(state, store, one_event, "save", "killed", " 3 ", "hospital")
    assert message.ok and message.owner == one_event
    assert message.text.startswith(f"Saved for event {one_event}: ") and message.text.endswith(" = 3")
    assert store.event(one_event).killed == 3
    assert page_state.message_for(state, page_state.REVIEW_MESSAGE, one_event) == message


def test_confirm_and_reject_set_the_review_status(store: Store, one_event: str) -> None:
    state: dict[str, Any] = {}
    assert page_state.review_event(state, store, one_event, "verify").text == f"Event {one_event} confirmed"
    assert store.event(one_event).review_status == "verified"
    assert page_state.review_event(state, store, one_event, "reject").text == f"Event {one_event} rejected"
    assert store.event(one_event).review_status == "rejected"
    assert state[page_state.EPOCH] == 2


def test_a_refused_correction_is_a_failure_message(store: Store, one_event: str) -> None:
    state: dict[str, Any] = {}
    message = page_state.review_event(state, store, one_event, "save", "killed", "many")
    assert not message.ok and message.text.startswith("Not saved: ")
    assert store.event(one_event).killed == 2


# --------------------------------------------------------------------------- the article date


def test_the_date_box_takes_the_stored_date_first_and_after_an_action() -> None:
    state: dict[str, Any] = {}
    box = page_state.date_box_key(state, "a1", dt.date(2024, 5, 10))
    assert state[box] == dt.date(2024, 5, 10)
    state[box] = dt.date(2024, 6, 1)  # typed, not yet submitted: kept across reruns
    page_state.date_box_key(state, "a1", dt.date(2024, 5, 10))
    assert state[box] == dt.date(2024, 6, 1)
    state[page_state.DATE_SHOWN] = "a1"  # an action ran: the store's date wins once
    page_state.date_box_key(state, "a1", dt.date(2024, 6, 2))
    assert state[box] == dt.date(2024, 6, 2) and page_state.DATE_SHOWN not in state


def test_setting_an_article_date_extracts_again_and_says_so(store: Store, one_event: str) -> None:
    state: dict[str, Any] = {}
    article_id = next(store.articles()).id
    message = page_state.set_article_date(state, store, article_id, dt.date(2024, 6, 20), from_text=False)
    assert message == page_state.Message(
        article_id, "Extracted again against 2024-06-20: 1 strike reports, in 1 events.", True
    )
    assert store.events()[0].date == dt.date(2024, 6, 19)
    assert state[page_state.DATE_SHOWN] == article_id and state[page_state.EPOCH] == 1


def test_no_date_chosen_changes_nothing(store: Store, one_event: str) -> None:
    state: dict[str, Any] = {}
    article_id = next(store.articles()).id
    message = page_state.set_article_date(state, store, article_id, None, from_text=False)
    assert message == page_state.Message(article_id, "Choose a date first.", False)
    assert store.article(article_id).published == PUBLISHED
    assert page_state.EPOCH not in state and page_state.DATE_SHOWN not in state


def test_the_date_in_the_text_is_named_so(store: Store, one_event: str) -> None:
    state: dict[str, Any] = {}
    article_id = next(store.articles()).id
    message = page_state.set_article_date(state, store, article_id, dt.date(2024, 6, 20), from_text=True)
    assert message.text.startswith("Extracted again against the date in the text: ")


# --------------------------------------------------------------------------- downloads


def test_the_download_selection_has_the_filtered_rows_and_every_stored_column(
    store: Store, one_event: str
) -> None:
    frame = views.load_frame(store, "events", False)
    mask = np.ones(len(frame), dtype=bool)
    out = downloads.download_selection(store, frame, mask, "events")
    assert out["event_id"].tolist() == [one_event]
    assert "n_sources" not in out
    assert set(out.columns) > set(frame.columns) - {"n_sources"}  # the stored fields joined in
    assert not any(isinstance(out[c].dtype, pd.CategoricalDtype) for c in out.columns)
    empty = downloads.download_selection(store, frame, ~mask, "events")
    assert len(empty) == 0
    assert downloads.download_caption(mask, "events") == "The 1 filtered events."
    assert downloads.download_caption(~mask, "reports") == "The 0 filtered reports."


def test_a_deferred_download_is_built_only_when_called() -> None:
    made: list[int] = []

    def make() -> pd.DataFrame:
        made.append(1)
        return pd.DataFrame({"a": [1]})

    data = downloads.deferred(downloads.DATA_BUTTONS[0].render, make)
    assert made == []
    assert data() == downloads.DATA_BUTTONS[0].render(make())
    assert len(made) == 2


# --------------------------------------------------------------------------- panels and inputs


def test_the_event_panel_words(store: Store, one_event: str) -> None:
    event = store.event(one_event)
    line = panels.event_line(event)
    assert line.startswith("2024-05-09 | ") and "Kharkiv" in line
    assert "not in the table's current selection" in panels.not_shown_note(event)
    store.set_review_status(one_event, "rejected")
    assert "Include rejected events" in panels.not_shown_note(store.event(one_event))
    assert [e.event_id for e in panels.stored_events(store, ["gone", one_event])] == [one_event]


def test_the_article_header_links_only_web_pages() -> None:
    def view(url: str, reports: int) -> views.ArticleView:
        return views.ArticleView("a1", "T", "Outlet *A*", url, None, None, "unknown", reports, "")

    header = panels.article_header(view("https://example.org/a (1)", 1), lambda t: f"<{t}>")
    # the outlet and the date through the page's escaping; a ")" in the address cannot end the link
    assert (
        header
        == "<Outlet *A*> | [open the page](https://example.org/a(1%29) | Published <unknown> | 1 strike report"
    )
    assert "open the page" not in panels.article_header(view("javascript:alert(1)", 2), str)
    assert panels.article_header(view("", 2), str).endswith("| 2 strike reports")


def test_inputs_become_values() -> None:
    start, end = dt.date(2024, 1, 1), dt.date(2024, 3, 1)
    assert panels.date_range((start, end), start, end) == (None, None)  # the whole range: no bound
    assert panels.date_range((dt.date(2024, 2, 1), end), start, end) == (dt.date(2024, 2, 1), None)
    assert panels.date_range((dt.date(2024, 2, 1),), start, end) == (None, None)  # one end picked so far
    assert panels.date_range((), None, None) == (None, None)
    assert panels.urls_of(" https://a.example/1 \n\n https://b.example/2\n") == [
        "https://a.example/1",
        "https://b.example/2",
    ]
    assert panels.pick_choices(["e2", "", "e1", "e2"]) == ["e2", "e1"]
    assert panels.view_options(None) == views.ViewOptions()
    assert panels.view_options("month", "weapons", True) == views.ViewOptions(
        freq="month", by="weapons", cumulative=True
    )
    assert panels.view_options("fortnight").freq == "week"


def test_the_captions_count_what_they_show() -> None:
    assert panels.events_caption(1000, 12345, "events").startswith("The latest 1,000 of 12,345 events ")
    assert " 3 of 3 reports " in panels.events_caption(3, 3, "reports")
    assert "(7 articles just read)" in panels.samples_banner(7)
    assert "just read" not in panels.samples_banner(None)


def test_the_filters_come_from_the_widgets_values() -> None:
    picked = {"attackers": ["Russia"], "outlets": ["Outlet A"], "regions": []}
    filters = panels.filters_of((dt.date(2024, 2, 1), None), picked, 2)
    assert filters == agg.Filters(
        start=dt.date(2024, 2, 1), attackers=("Russia",), outlets=("Outlet A",), min_sources=2
    )
    assert panels.filters_of((None, None), {}, 0) == agg.Filters()
    assert [f.field for f in panels.LIST_FILTERS] == [
        "attackers",
        "regions",
        "weapons",
        "systems",
        "source_types",
        "languages",
        "outlets",
    ]


def test_a_filter_keeps_codes_and_shows_words(store: Store, one_event: str) -> None:
    frame = views.load_frame(store, "events", False)
    options = agg.filter_options(frame)
    by_field = {f.field: f for f in panels.LIST_FILTERS}
    attackers, shown = panels.filter_choices(by_field["attackers"], options)
    assert attackers == options["attackers"] and "Russia" in attackers
    assert shown("Russia") == label("attacker", "Russia")
    regions, shown = panels.filter_choices(by_field["regions"], options)
    assert regions == list(options["regions"])
    assert [shown(r) for r in regions] == list(options["regions"].values())
    assert shown("XX-00") == "XX-00"  # a code the options do not name shows as itself
    systems, shown = panels.filter_choices(by_field["systems"], options)
    assert systems == options["systems"] and shown("Shahed-136") == "Shahed-136"


def test_a_table_links_only_web_pages_and_names_its_date_columns() -> None:
    frame = pd.DataFrame(
        {
            "url": ["https://example.org/a", "javascript:alert(1)"],
            "published": pd.to_datetime(["2024-01-01", "2024-01-02"]),
            "attacker": ["Russia", "Ukraine"],
        }
    )
    shown, dates, link = panels.table_frame(frame)
    assert link == column_label("url")
    assert shown[link].tolist() == ["https://example.org/a", ""]  # the script address is dropped
    assert dates == [column_label("published")]
    assert panels.table_frame(frame.drop(columns=["url"]))[2] is None


def test_each_value_beside_its_sentence(store: Store, one_event: str) -> None:
    rows = panels.evidence_rows(store.event(one_event))
    assert rows.index.name == "Field"
    assert list(rows.columns) == ["Value", "Sentence it was read from"]
    killed = rows.loc[column_label("killed")]
    assert killed["Value"] == "2" and "killing two workers" in killed["Sentence it was read from"]
    assert "(no sentence: not stated in the text)" in rows["Sentence it was read from"].tolist()


def test_a_chart_offers_images_only_when_they_can_be_rendered() -> None:
    assert [b.ext for b in downloads.figure_buttons(True)] == ["png", "svg", "html"]
    assert [b.ext for b in downloads.figure_buttons(False)] == ["html"]
    assert downloads.HTML_BUTTON.help  # the interactive page says what it is
