"""Limits and paths: the upload limit agrees everywhere, the store path and export target are
checked, and ``python -m analytics check`` reports a good and a damaged store."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from analytics import settings
from analytics.readers import limits, max_file_bytes
from analytics.store import Store
from tests import hostile_data as h
from tests.conftest import ROOT, run_main
from tests.factories import populated_store

MB = 1024 * 1024


def cli_process(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m analytics ARGS`` as a process of its own."""
    return subprocess.run(
        [sys.executable, "-m", "analytics", *args],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
    )


cli = run_main  # the rest, in this process


def test_upload_limit_agrees_with_the_readers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(settings.MAX_FILE_MB.env, raising=False)
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text("utf-8"))
    assert config["server"]["maxUploadSize"] * MB == max_file_bytes() == limits.MAX_FILE_BYTES == 50 * MB


def test_check_good_store_prints_counts(tmp_path: Path) -> None:
    db = tmp_path / "good.db"
    populated_store(db)
    result = cli("check", "--db", str(db))
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    for name in ("articles", "reports", "events", "corrections"):
        assert any(line.startswith(f"{name}: ") for line in lines), result.stdout
    assert "articles: 3" in lines and lines[-1] == "ok"


def test_check_damaged_store_lists_problems(tmp_path: Path) -> None:
    db = tmp_path / "bad.db"
    populated_store(db)
    conn = sqlite3.connect(db)  # foreign keys off: an article deleted under its reports
    conn.execute("DELETE FROM articles WHERE rowid = (SELECT MIN(rowid) FROM articles)")
    conn.commit()
    conn.close()
    result = cli("check", "--db", str(db))
    assert result.returncode == 1
    assert "articles: 2" in result.stdout
    assert "problem: " in result.stdout and "report without article" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_check_uses_the_store_from_the_environment(tmp_path: Path) -> None:
    db = tmp_path / "env.db"
    populated_store(db, 2)
    result = cli_process("check", env={"STRIKES_DB": str(db)})  # and `python -m analytics` runs
    assert result.returncode == 0 and "articles: 2" in result.stdout and str(db) in result.stdout


@pytest.mark.parametrize("command", ["check", "ingest", "export"])
@pytest.mark.parametrize("kind", ["folder", "not-sqlite"])
def test_bad_store_path_gives_a_clear_error(tmp_path: Path, command: str, kind: str) -> None:
    db = tmp_path / "store"
    if kind == "folder":
        db.mkdir()
    else:
        db.write_text("these are notes, not a database\n" * 100)
    before = db.read_bytes() if kind == "not-sqlite" else None
    article = tmp_path / "a.txt"
    article.write_text(h.article_text(1))
    args = {
        "check": ["check", "--db", str(db)],
        "ingest": ["ingest", str(article), "--db", str(db)],
        "export": ["export", "--format", "csv", "--db", str(db)],
    }[command]
    result = cli(*args)
    out = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in out
    assert ("folder" in out) if kind == "folder" else ("not a database" in out), out
    if before is not None:
        assert db.read_bytes() == before  # a file that is not a store is never written to


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm"])
def test_export_refuses_to_overwrite_the_store(tmp_path: Path, suffix: str) -> None:
    db = tmp_path / "s.db"
    populated_store(db)
    with Store(db):  # keep the -wal/-shm files in place while exporting
        target = Path(str(db) + suffix)
        if not target.exists():
            pytest.skip(f"no {suffix} file")
        before = db.read_bytes()
        result = cli("export", "--format", "csv", "--db", str(db), "--out", str(target))
    assert result.returncode == 2 and "refusing to overwrite the store" in result.stderr
    assert db.read_bytes() == before
    other = cli("export", "--format", "csv", "--db", str(db), "--out", "./s.db", cwd=tmp_path)
    assert other.returncode == 2  # the same file named relatively


def test_export_out_path_is_written_atomically_where_asked(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    populated_store(db)
    out = tmp_path / "exports" / "events.csv"
    result = cli("export", "--format", "csv", "--db", str(db), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_text("utf-8").startswith("event_id")
    assert sorted(p.name for p in out.parent.iterdir()) == ["events.csv"]  # no temporary file left
