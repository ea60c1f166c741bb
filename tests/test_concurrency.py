"""Concurrency: several writers on one store at once (WAL, SQLite's busy timeout and
``BEGIN IMMEDIATE`` in ``Store._write``): every article stored once, no "database is locked" reaching the user.

The dashboard's sessions share one :class:`Store` per process (``st.cache_resource``) and
upload through :func:`analytics.ingest.ingest_uploads`; two sessions are modelled as two
threads calling it on that shared store, while a command-line ingest writes the same file.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from analytics import ingest
from analytics.ingest import IngestSummary, ingest_paths, ingest_uploads
from analytics.models import Article
from analytics.store import Store, StoreError, connect
from tests import hostile_data as h
from tests.conftest import ROOT


def write_set(folder: Path, numbers: range) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in numbers:
        (folder / f"story-{i:04d}.txt").write_text(h.article_text(i), encoding="utf-8")


def start_ingest(folder: Path, db: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "analytics", "ingest", str(folder), "--db", str(db)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def assert_each_once(store: Store, expected: int) -> None:
    ids = [a.id for a in store.articles()]
    assert len(ids) == len(set(ids)) == expected
    texts = sorted(a.text for a in store.articles())
    assert len(texts) == len(set(texts))
    assert store.check() == []


@pytest.mark.slow
@pytest.mark.timeout(240)
def test_two_ingest_processes_on_overlapping_files(tmp_path: Path) -> None:
    db = tmp_path / "shared.db"
    write_set(tmp_path / "a", range(0, 120))
    write_set(tmp_path / "b", range(60, 180))  # 60 articles in both
    procs = [start_ingest(tmp_path / "a", db), start_ingest(tmp_path / "b", db)]
    outputs = [p.communicate(timeout=200)[0] for p in procs]
    for proc, out in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, out
        assert "locked" not in out.lower() and "traceback" not in out.lower(), out
    new = sum(
        int(line.split(":")[1])
        for out in outputs
        for line in out.splitlines()
        if line.startswith("articles new:")
    )
    assert new == 180
    with Store(db) as store:
        assert_each_once(store, 180)


@pytest.mark.slow
@pytest.mark.timeout(240)
def test_two_dashboard_sessions_and_a_cli_ingest_at_once(tmp_path: Path) -> None:
    db = tmp_path / "dash.db"
    uploads = {i: (f"upload-{i}.txt", h.article_text(i).encode()) for i in range(200, 300)}
    write_set(tmp_path / "cli", range(250, 330))  # overlaps the uploads' second half
    sessions = [[uploads[i] for i in range(200, 270)], [uploads[i] for i in range(230, 300)]]
    results: list[IngestSummary] = []
    errors: list[BaseException] = []
    with Store(db) as store:  # one store per dashboard process, shared by its sessions
        proc = start_ingest(tmp_path / "cli", db)

        def session(files: list[tuple[str, bytes]]) -> None:
            try:
                results.append(ingest_uploads(files, store))
            except BaseException as exc:  # noqa: BLE001
                errors.append(exc)

        threads = [threading.Thread(target=session, args=(files,)) for files in sessions]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=200)
        out = proc.communicate(timeout=200)[0]
        assert errors == []
        assert proc.returncode == 0, out
        assert "locked" not in out.lower(), out
        for summary in results:
            assert summary.failed == 0, summary.lines()
            assert not any("locked" in f.reason for f in summary.files)
        assert_each_once(store, 130)  # 200..329


def _holding_the_write_lock(db: Path) -> sqlite3.Connection:
    other = sqlite3.connect(db, isolation_level=None, check_same_thread=False)  # released by a timer
    other.execute("BEGIN IMMEDIATE")
    return other


def test_a_write_waits_for_another_writer_to_finish(tmp_path: Path) -> None:
    db = tmp_path / "wait.db"
    with Store(db) as store:
        other = _holding_the_write_lock(db)
        release = threading.Timer(0.5, lambda: other.execute("COMMIT"))
        release.start()
        # SQLite's busy timeout waits for the lock: no "database is locked", no retry loop
        result = store.add_article(Article(text=h.article_text(1), source_file="a.txt"), [])
        release.join()
        other.close()
        assert result.status == "new"


def test_a_store_locked_past_the_busy_timeout_is_one_plain_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(connect, "BUSY_TIMEOUT_S", 0.2)
    db = tmp_path / "busy.db"
    with Store(db) as store:
        other = _holding_the_write_lock(db)
        with pytest.raises(StoreError, match=r"is busy: another program kept it locked for 0.2 s"):
            store.add_article(Article(text=h.article_text(1), source_file="a.txt"), [])
        other.execute("ROLLBACK")
        other.close()
        assert store.add_article(Article(text=h.article_text(1), source_file="a.txt"), []).status == "new"


def test_an_ingest_tries_a_batch_again_when_another_writer_kept_the_store_busy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Another program holds the write lock past one busy timeout (a second ingest writing batch
    # after batch): the batch is tried again after a pause, not lost with an error.
    monkeypatch.setattr(connect, "BUSY_TIMEOUT_S", 0.2)
    monkeypatch.setattr(ingest, "_BUSY_TRIES", 30)  # (patience to spare on a loaded machine)
    db = tmp_path / "patient.db"
    write_set(tmp_path / "in", range(0, 3))
    with Store(db) as store:
        other = _holding_the_write_lock(db)
        release = threading.Timer(1.2, lambda: other.execute("COMMIT"))
        release.start()
        summary = ingest_paths([tmp_path / "in"], store)
        release.join()
        other.close()
        assert summary.articles_new == 3, [f.reason for f in summary.files]
        assert_each_once(store, 3)
