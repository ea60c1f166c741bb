"""A publication date set while ``reextract`` runs stays set, with reports read against it; and
``check`` names an article whose reports were read against another date."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from analytics.cli import run_check
from analytics.cli_options import StoreOptions
from analytics.ingest import reextract, run_reextract, set_publication_date
from analytics.models import Article, StrikeReport
from analytics.store import Store

OLD, NEW = dt.date(2024, 3, 4), dt.date(2024, 3, 20)


def dated(article: Article) -> list[StrikeReport]:
    """One report on the day before the article's date, carrying that date as the real
    extractor does: what it reads depends on the publication date."""
    assert article.published is not None
    return [
        StrikeReport(
            date=article.published - dt.timedelta(days=1),
            attacker="Russia",
            country="UA",
            region="UA-63",
            location=article.text.split()[0],
            published=article.published,
            geo_precision=1,
        )
    ]


def _store(path: Path) -> tuple[Store, list[Article]]:
    store = Store(path)
    articles = [Article(text=f"{town} was struck", published=OLD) for town in ("Kharkiv", "Chuhuiv")]
    for a in articles:
        store.add_article(a, dated(a))
    return store, articles


def test_a_date_set_while_reextract_runs_is_kept_with_its_reports(tmp_path: Path) -> None:
    """The user sets the first article's date after reextract read it and before it writes
    (another connection, as the dashboard would): the article keeps the new date and the reports
    read against it, the run says so, the other article is re-extracted, and check is clean."""
    store, (changed, other) = _store(tmp_path / "s.db")
    with store:

        def extractor(article: Article) -> list[StrikeReport]:
            if article.id == changed.id:  # between reextract's read and its write
                with Store(store.path) as dashboard:
                    set_publication_date(dashboard, changed.id, NEW, extractor=dated)
            return dated(article)

        result = reextract(store, extractor=extractor)
        assert store.article(changed.id).published == NEW
        (report,) = store.reports_of(changed.id)
        assert (report.published, report.date) == (NEW, NEW - dt.timedelta(days=1))
        assert [name for name, _ in result.skipped] == [changed.id[:12]]
        assert result.articles == 1 and result.failed == []
        assert [r.published for r in store.reports_of(other.id)] == [OLD]
        assert store.check() == []


def test_an_article_unchanged_since_it_was_read_is_re_extracted(tmp_path: Path) -> None:
    """Only a change counts: an article equal to what was read gets its new reports."""
    store, (first, _) = _store(tmp_path / "s.db")
    with store:
        result = reextract(store, extractor=lambda a: [dataclasses.replace(r, killed=3) for r in dated(a)])
        assert result.skipped == [] and result.articles == 2
        assert [r.killed for r in store.reports_of(first.id)] == [3]


def test_the_command_line_names_the_article_it_left_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    store, (changed, _) = _store(tmp_path / "s.db")
    store.close()

    def extractor(article: Article) -> list[StrikeReport]:
        if article.id == changed.id:
            with Store(tmp_path / "s.db") as dashboard:
                set_publication_date(dashboard, changed.id, NEW, extractor=dated)
        return dated(article)

    monkeypatch.setattr("analytics.ingest.default_extractor", extractor)
    assert run_reextract(StoreOptions(db=str(tmp_path / "s.db"))) == 0
    out = capsys.readouterr().out
    assert f"skipped {changed.id[:12]}: changed while re-extraction ran" in out


def test_check_names_an_article_whose_reports_disagree_with_its_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A store left by the race before it was fixed: the article has the user's date, its
    reports the old one."""
    store, (changed, other) = _store(tmp_path / "s.db")
    with store:
        assert store.check() == []
    conn = sqlite3.connect(tmp_path / "s.db")
    conn.execute(
        "UPDATE articles SET published = ?, published_how = 'user' WHERE id = ?",
        (NEW.isoformat(), changed.id),
    )
    conn.commit()
    conn.close()
    with Store(tmp_path / "s.db") as store:
        (problem,) = store.check()
    assert problem.startswith("1 article whose reports do not carry its publication date")
    assert f"{changed.id[:12]} published {NEW}, its reports {OLD}" in problem and other.id[:12] not in problem
    assert run_check(StoreOptions(db=str(tmp_path / "s.db"))) == 1
    assert "reextract" in capsys.readouterr().out
