"""The store stays sound under any sequence of what a user does to it: ingest articles, set their
publication date (the same one, another one, or back to the text's), extract everything again,
correct, reject, confirm and undo. After every step ``check`` finds nothing and every report is
in exactly one event, whose claims name exactly its linked reports; rebuilding every event
from scratch changes none of them.

A hypothesis state machine drives it: a small run in the fast slice, a longer one marked slow.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import tempfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from analytics.ingest import default_extractor, ingest_uploads, reextract, set_publication_date
from analytics.models import Article, StrikeReport, record_to_json
from analytics.store import Store

# Short articles written for this test. Several describe the same strike (Kharkiv, drones, the
# night before publication) so their reports merge into one event; some place the strike by a
# relative day, so a new publication date moves it; one carries a dateline, so "the date in the
# text" differs from any date the user sets; one has an absolute date no publication date moves.
ARTICLES: tuple[str, ...] = (
    "Russian drones struck a depot in Kharkiv overnight, the governor said. Two people were wounded.",
    "Russian drones hit a warehouse in Kharkiv overnight, regional officials said. Three people were hurt.",
    "A Russian missile hit an apartment block in Kharkiv on Tuesday night, killing three people, the mayor said.",
    "KHERSON, Ukraine, May 10, 2024 - Russian shelling killed one man in Kherson yesterday and wounded "
    "four others, local officials said.",
    "Ukrainian drones attacked an oil refinery in Belgorod on 2 April 2024, the regional governor said.",
    "Russian drones struck a depot in Kharkiv overnight, the governor said. Two people were wounded. "
    "Later a missile hit Odesa, killing a woman, the regional administration said.",
)
DATES = (dt.date(2024, 5, 8), dt.date(2024, 5, 9), dt.date(2024, 5, 10), dt.date(2024, 5, 12))
CORRECTIONS = (("killed", "5"), ("wounded", "0"), ("location", "Chuhuiv"), ("date", "2024-05-01"))


def changed_extractor(article: Article) -> list[StrikeReport]:
    """An extractor that reads differently from the default one (as after an update): it drops
    an article's last report when it has several, and sees one more person killed."""
    reports = default_extractor(article)
    if len(reports) > 1:
        reports = reports[:-1]
    return [dataclasses.replace(r, killed=(r.killed or 0) + 1) for r in reports]


class StoreMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="store-stateful-"))
        self.store = Store(self.folder / "strikes.db")

    def teardown(self) -> None:
        self.store.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    # ---- what a user does

    def _article(self, pick: int) -> Article:
        articles = list(self.store.articles())
        return articles[pick % len(articles)]

    def _has_articles(self) -> bool:
        return self.store.counts()["articles"] > 0

    def _has_events(self) -> bool:
        return self.store.counts()["events"] > 0

    def _linked_events(self, article_id: str) -> int:
        frame = self.store.reports_frame()
        return int(frame.loc[frame["article_id"] == article_id, "event_id"].nunique())

    @rule(n=st.integers(0, len(ARTICLES) - 1), published=st.sampled_from((None, *DATES)))
    def ingest(self, n: int, published: dt.date | None) -> None:
        ingest_uploads([(f"article-{n}.txt", ARTICLES[n].encode())], self.store, published=published)

    @precondition(_has_articles)
    @rule(
        pick=st.integers(0, 50),
        day=st.sampled_from(("same", "text", *DATES)),
        changed=st.booleans(),
    )
    def set_date(self, pick: int, day: str | dt.date, changed: bool) -> None:
        article = self._article(pick)
        published = article.published if day == "same" else None if day == "text" else day
        assert not isinstance(published, str)
        result = set_publication_date(
            self.store, article.id, published, extractor=changed_extractor if changed else None
        )
        assert result.status == "replaced"
        # the count the page shows is the number of events its reports are in now
        assert result.events == self._linked_events(article.id)
        assert (result.events > 0) == (result.reports > 0)
        if day == "same":
            assert self.store.article(article.id).published == article.published

    @rule(changed=st.booleans())
    def extract_again(self, changed: bool) -> None:
        summary = reextract(self.store, extractor=changed_extractor if changed else None)
        assert not summary.failed

    @precondition(_has_events)
    @rule(pick=st.integers(0, 50), correction=st.sampled_from(CORRECTIONS))
    def correct(self, pick: int, correction: tuple[str, str]) -> None:
        events = self.store.events(include_rejected=True)
        event = events[pick % len(events)]
        self.store.correct_event(event.event_id, *correction, note="stateful test")

    @precondition(_has_events)
    @rule(pick=st.integers(0, 50), status=st.sampled_from(("rejected", "verified", "auto")))
    def review(self, pick: int, status: str) -> None:
        events = self.store.events(include_rejected=True)
        self.store.set_review_status(events[pick % len(events)].event_id, status)

    @precondition(lambda self: self.store.counts()["corrections"] > 0)
    @rule(pick=st.integers(0, 50))
    def undo(self, pick: int) -> None:
        ids = self.store.corrections_frame()["id"].tolist()
        self.store.delete_correction(int(ids[pick % len(ids)]))

    @rule()
    def rebuild_everything(self) -> None:
        """Events rebuilt from scratch are the events the steps so far kept up to date, one
        window at a time (corrections and review decisions included)."""
        before = self._events()
        self.store.rebuild_events()
        assert self._events() == before

    def _events(self) -> list[dict[str, object]]:
        return sorted(
            (record_to_json(e) for e in self.store.events(include_rejected=True)),
            key=lambda row: str(row["event_id"]),
        )

    # ---- what must always hold

    @invariant()
    def check_is_clean(self) -> None:
        assert self.store.check() == []

    @invariant()
    def every_report_is_in_exactly_one_event(self) -> None:
        reports = self.store.reports_frame()
        assert reports["report_id"].is_unique
        assert reports["event_id"].notna().all(), reports[reports["event_id"].isna()]
        events = self.store.events(include_rejected=True)
        assert {e.event_id for e in events} == set(reports["event_id"])
        linked = reports.groupby("event_id")["report_id"].apply(lambda ids: sorted(int(i) for i in ids))
        claimed = Counter()
        for event in events:
            ids = sorted(int(c.report_id) for c in event.claims if c.report_id is not None)
            assert ids == linked[event.event_id], event.event_id
            assert event.number_of_reports == len(ids)
            claimed.update(ids)
        assert all(n == 1 for n in claimed.values())
        assert sorted(claimed) == sorted(int(i) for i in reports["report_id"])


FAST = settings(
    max_examples=12,
    stateful_step_count=10,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
LONG = settings(
    max_examples=150,
    stateful_step_count=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

TestStoreStaysSound = StoreMachine.TestCase
TestStoreStaysSound.settings = FAST


class TestStoreStaysSoundLong(StoreMachine.TestCase):
    settings = LONG
    pytestmark = pytest.mark.slow
