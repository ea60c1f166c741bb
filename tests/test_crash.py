"""Crash safety: an ingest killed with SIGKILL mid-way leaves a sound store, and ingesting the
folder again gives exactly what an uninterrupted ingest gives."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from analytics.extract import extract_article
from analytics.ingest import ingest_paths
from analytics.store import Store
from tests import hostile_data as h
from tests.conftest import ROOT

N_ARTICLES = 300


def make_folder(folder: Path, n: int = N_ARTICLES) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"story-{i:04d}.txt").write_text(h.article_text(i), encoding="utf-8")


def stored_articles(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return int(conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return 0  # not created yet


def report_rows(store: Store) -> set[tuple]:
    """Every report as comparable values (ids are derived from article and position)."""
    frame = store.reports_frame().drop(columns=["event_id"])
    return {tuple(str(v) for v in row) for row in frame.itertuples(index=False)}


def event_rows(store: Store) -> set[tuple]:
    frame = store.events_frame()
    return {tuple(str(v) for v in row) for row in frame.itertuples(index=False)}


@pytest.mark.slow
@pytest.mark.timeout(240)
def test_sigkill_mid_ingest_then_reingest(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    make_folder(folder)
    db = tmp_path / "killed.db"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "analytics", "ingest", str(folder), "--db", str(db)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while stored_articles(db) < 20:
            assert proc.poll() is None, "the ingest finished before it could be killed"
            assert time.monotonic() < deadline, "the ingest stored nothing in 120 s"
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL

    # the store as the killed process left it
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    orphans = conn.execute(
        "SELECT COUNT(*) FROM reports r LEFT JOIN articles a ON a.id = r.article_id WHERE a.id IS NULL"
    ).fetchone()[0]
    assert orphans == 0
    conn.close()
    with Store(db) as store:
        assert store.check() == []
        n_killed = store.counts()["articles"]
        assert 20 <= n_killed < N_ARTICLES
        frame = store.reports_frame()
        per_article = frame.groupby("article_id").size().to_dict() if len(frame) else {}
        for article in store.articles():  # no article whose extraction was stored only in part
            assert per_article.get(article.id, 0) == len(extract_article(article)), article.source_file

        # ingest again: everything stored exactly once
        summary = ingest_paths([folder], store)
        assert summary.failed == 0
        assert summary.articles_new == N_ARTICLES - n_killed
        assert summary.duplicates == n_killed
        assert store.counts()["articles"] == N_ARTICLES
        assert store.check() == []
        resumed_reports, resumed_events = report_rows(store), event_rows(store)
        ids = [a.id for a in store.articles()]
        assert len(ids) == len(set(ids)) == N_ARTICLES

    with Store(tmp_path / "clean.db") as clean:
        ingest_paths([folder], clean)
        assert clean.counts()["articles"] == N_ARTICLES
        assert report_rows(clean) == resumed_reports
        assert event_rows(clean) == resumed_events
