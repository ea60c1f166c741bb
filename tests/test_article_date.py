"""Setting an article's publication date: it is extracted again against that date, its events
move, and the user's corrections follow its reports."""

from __future__ import annotations

import datetime as dt

import pytest

from analytics.ingest import ingest_uploads, set_publication_date
from analytics.store import Store

ARTICLE = (
    "Russian drones struck a grain warehouse in Kharkiv yesterday, killing two workers, "
    "the regional governor said on his Telegram channel."
)
DATED = "KHARKIV, Ukraine, May 10, 2024 - " + ARTICLE


def _only_event(store: Store):
    events = store.events(include_rejected=True)
    assert len(events) == 1, events
    return events[0]


def test_upload_result_says_when_and_how(store: Store) -> None:
    summary = ingest_uploads([("kharkiv.txt", DATED.encode())], store)
    (result,) = summary.files
    assert result.status == "new"
    assert result.published == dt.date(2024, 5, 10)
    assert result.published_how in ("dateline", "text")
    article = next(store.articles())
    assert (article.published, article.published_how) == (result.published, result.published_how)


def test_a_user_date_moves_the_events_and_keeps_corrections(store: Store) -> None:
    ingest_uploads([("kharkiv.txt", ARTICLE.encode())], store, published=dt.date(2024, 5, 10))
    event = _only_event(store)
    assert event.date == dt.date(2024, 5, 9)  # "yesterday"
    store.correct_event(event.event_id, "killed", "3", note="hospital update")
    article = next(store.articles())

    result = set_publication_date(store, article.id, dt.date(2024, 6, 20))
    assert result.status == "replaced" and result.reports == 1
    moved = _only_event(store)
    assert moved.date == dt.date(2024, 6, 19)
    assert moved.killed == 3 and moved.review_status == "corrected"
    stored = store.article(article.id)
    assert (stored.published, stored.published_how) == (dt.date(2024, 6, 20), "user")
    corrections = store.corrections_frame()
    assert corrections["applied"].tolist() == [True]
    assert corrections["event_id"].tolist() == [moved.event_id]
    assert store.check() == []


def test_a_rejection_follows_too_and_other_articles_stay(store: Store) -> None:
    other = "Ukrainian drones hit an oil depot in Belgorod on 2 April 2024, the regional governor said."
    ingest_uploads([("kharkiv.txt", ARTICLE.encode())], store, published=dt.date(2024, 5, 10))
    ingest_uploads([("belgorod.txt", other.encode())], store, published=dt.date(2024, 4, 3))
    kharkiv = next(e for e in store.events() if e.location == "Kharkiv")
    store.set_review_status(kharkiv.event_id, "rejected")
    belgorod_before = [e for e in store.events() if e.location != "Kharkiv"]
    article = next(a for a in store.articles() if "Kharkiv" in a.text)
    set_publication_date(store, article.id, dt.date(2024, 7, 2))
    assert [e.location for e in store.events()] == [e.location for e in belgorod_before]
    (rejected,) = [e for e in store.events(include_rejected=True) if e.location == "Kharkiv"]
    assert rejected.date == dt.date(2024, 7, 1) and rejected.review_status == "rejected"


def test_clearing_the_date_goes_back_to_the_text(store: Store) -> None:
    ingest_uploads([("kharkiv.txt", DATED.encode())], store)
    article = next(store.articles())
    set_publication_date(store, article.id, dt.date(2024, 8, 1))
    assert _only_event(store).date == dt.date(2024, 7, 31)
    set_publication_date(store, article.id, None)
    assert _only_event(store).date == dt.date(2024, 5, 9)
    assert store.article(article.id).published_how in ("dateline", "text")


def test_an_unknown_article_is_a_plain_error(store: Store) -> None:
    with pytest.raises(ValueError, match="no article"):
        set_publication_date(store, "nope", dt.date(2024, 1, 1))


def test_reviewed_reports_carry_their_events_corrections_and_rejections(store: Store) -> None:
    other = "Ukrainian drones hit an oil depot in Belgorod on 2 April 2024, the regional governor said."
    ingest_uploads([("kharkiv.txt", ARTICLE.encode())], store, published=dt.date(2024, 5, 10))
    ingest_uploads([("belgorod.txt", other.encode())], store, published=dt.date(2024, 4, 3))
    kharkiv = next(e for e in store.events() if e.location == "Kharkiv")
    belgorod = next(e for e in store.events() if e.location != "Kharkiv")
    store.correct_event(kharkiv.event_id, "killed_best", "4")
    store.correct_event(kharkiv.event_id, "weapons", ["missile"])
    store.set_review_status(belgorod.event_id, "rejected")

    raw = store.reports_frame()
    assert sorted(raw["killed"].dropna().tolist()) == [2]  # the reports as extracted
    reviewed = store.reports_frame(reviewed=True)
    assert reviewed["event_id"].tolist() == [kharkiv.event_id]  # the rejected one is left out
    assert reviewed["killed"].tolist() == [4] and reviewed["weapons"].tolist() == ["missile"]
    assert reviewed["review_status"].tolist() == ["corrected"]
    everything = store.reports_frame(reviewed=True, include_rejected=True)
    assert sorted(everything["review_status"].astype(str)) == ["corrected", "rejected"]
    assert str(everything["killed"].dtype) == "Int64"


def test_article_view_escapes_hostile_text_and_marks_values(store: Store) -> None:
    from analytics.views import article_view

    hostile = (
        '<script>alert("x")</script><img src=x onerror=alert(1)> Russian drones struck a grain '
        "warehouse in Kharkiv yesterday, killing two workers, the regional governor said. </div><b>"
    )
    ingest_uploads([("hostile.html.txt", hostile.encode())], store, published=dt.date(2024, 5, 10))
    article = next(store.articles())
    view = article_view(store, article.id)
    assert "<script" not in view.html and "<img" not in view.html and "<b>" not in view.html
    assert "&lt;script&gt;" in view.html
    assert '<mark style="background:' in view.html and ">Kharkiv</mark>" in view.html
    assert view.published_text.startswith("2024-05-10")
    assert view.reports == 1


TWO_STRIKES = (
    "ODESA, Ukraine, May 10, 2024 - Russian drones struck a depot in Kharkiv overnight, the governor "
    "said. Two people were wounded. Later a missile hit Odesa, killing a woman, the regional "
    "administration said."
)


@pytest.mark.parametrize("again", ["the same date", "the text's date"])
def test_extracting_again_against_the_date_it_has_keeps_every_report_linked(store: Store, again: str) -> None:
    """The same reports come out again under the same ids: each must be linked to its event as
    before (they were left without one, and their events without reports)."""
    ingest_uploads([("two.txt", TWO_STRIKES.encode())], store)
    article = next(store.articles())
    events = sorted(e.event_id for e in store.events())
    assert len(events) == 2 and article.published == dt.date(2024, 5, 10)

    result = set_publication_date(store, article.id, article.published if again == "the same date" else None)
    assert (result.status, result.reports, result.events) == ("replaced", 2, 2)
    assert store.check() == []
    assert sorted(e.event_id for e in store.events()) == events
    assert sorted(store.reports_frame()["event_id"]) == events
    assert store.article(article.id).published == dt.date(2024, 5, 10)
