"""The make targets a person starts with: `make clean-store` really gives a fresh start, and
`make help` lists it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from analytics.first_run import marker_path, write_marker
from analytics.store import Store
from analytics.store.snapshot import snapshot_path
from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="no make")


def make(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["make", "-s", "-C", str(ROOT), *args], capture_output=True, text=True, timeout=60)


def test_clean_store_removes_the_store_its_first_run_choice_and_snapshots(tmp_path: Path) -> None:
    db = tmp_path / "strikes.db"
    with Store(db) as store:
        key = store.content_key()
    write_marker(db, "samples", 3)
    snap = snapshot_path(db, key)
    snap.write_bytes(b"arrow")
    half = snap.with_name(snap.name + ".123-456.tmp")
    half.write_bytes(b"half")
    Path(f"{db}-wal").write_bytes(b"")
    other = tmp_path / "other.db"
    other.write_bytes(b"keep")
    proc = make("clean-store", f"STORE={db}")
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.db"]
    assert not marker_path(db).exists()


def test_help_lists_clean_store() -> None:
    proc = make("help")
    assert proc.returncode == 0 and "make clean-store" in proc.stdout
