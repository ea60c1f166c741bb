"""A store on a disk that refuses writes is still read and shown: the events snapshot beside it
is a cache, and failing to write, replace or delete one never breaks reading.

The fast tests make the store's folder refuse writes the way a read-only mount does (every
write, rename and delete in it raises EROFS); one test runs the dashboard on a real read-only
folder (a read-only bind mount in a private mount namespace for root, as in
``tests/test_store_damage.py``)."""

from __future__ import annotations

import errno
import json
import os
import stat
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analytics.store import Store, snapshot
from analytics.views import VIEWS
from tests.dashboard_data import fill_store
from tests.test_store_damage import _read_only_runner

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "dashboard.py")
COLUMNS = ["event_id", "date", "attacker", "region", "killed_best"]


def _inside(folder: Path, target: Any) -> bool:
    try:
        return Path(os.fsdecode(target)).resolve().is_relative_to(folder.resolve())
    except (TypeError, ValueError):
        return False


def _refuse_writes(monkeypatch: pytest.MonkeyPatch, folder: Path) -> list[str]:
    """Make writing, renaming and deleting files in ``folder`` raise EROFS, as on a read-only
    mount (root included); elsewhere they work. Returns the calls refused."""
    refused: list[str] = []

    def guard(name: str, original: Callable[..., Any], *positions: int) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            for at in positions:
                if at < len(args) and _inside(folder, args[at]):
                    refused.append(name)
                    raise OSError(errno.EROFS, os.strerror(errno.EROFS), os.fsdecode(args[at]))
            return original(*args, **kwargs)

        return call

    monkeypatch.setattr(snapshot.feather, "write_feather", guard("write", snapshot.feather.write_feather, 1))
    monkeypatch.setattr(os, "replace", guard("replace", os.replace, 0, 1))
    monkeypatch.setattr(Path, "unlink", guard("unlink", Path.unlink, 0))
    return refused


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "store" / "strikes.db"
    path.parent.mkdir()
    fill_store(path)
    return path


def _snapshots(db: Path) -> list[str]:
    return sorted(p.name for p in db.parent.glob(f"{db.name}-frame-*.arrow"))


def test_a_snapshot_that_cannot_be_written_is_left_out(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    refused = _refuse_writes(monkeypatch, db.parent)
    with Store(db, read_only=True) as store:
        frame = snapshot.events_frame(store, COLUMNS)
        pd.testing.assert_frame_equal(frame, store.events_frame(columns=COLUMNS))
    assert "write" in refused and _snapshots(db) == []


def test_a_damaged_snapshot_on_a_read_only_disk_is_read_past(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store(db) as store:
        snapshot.events_frame(store, COLUMNS)
    (name,) = _snapshots(db)
    (db.parent / name).write_bytes(b"not an arrow file")
    refused = _refuse_writes(monkeypatch, db.parent)
    with Store(db, read_only=True) as store:
        frame = snapshot.events_frame(store, COLUMNS)
        pd.testing.assert_frame_equal(frame, store.events_frame(columns=COLUMNS))
    assert "unlink" in refused and _snapshots(db) == [name]


def test_a_patched_snapshot_that_cannot_be_written_raises_nothing(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The patched frame is written in a background thread: an error there is no page's, but
    it must not be raised either (it would print a traceback on every render)."""
    with Store(db) as store:
        snapshot.events_frame(store, COLUMNS)
        event_id = store.events()[0].event_id
        store.correct_event(event_id, "killed", 9)
    before = _snapshots(db)
    raised: list[BaseException | None] = []
    monkeypatch.setattr(threading, "excepthook", lambda args: raised.append(args.exc_value))
    refused = _refuse_writes(monkeypatch, db.parent)
    with Store(db, read_only=True) as store:
        frame = snapshot.events_frame(store, COLUMNS)
        snapshot.wait_for_writes()
        pd.testing.assert_frame_equal(frame, store.events_frame(columns=COLUMNS))
    assert frame.loc[frame["event_id"] == event_id, "killed_best"].tolist() == [9]
    assert "write" in refused and raised == [] and _snapshots(db) == before


def _app_report(at: AppTest) -> dict[str, Any]:
    """What each view of the page showed: its exceptions and how many charts."""
    out: dict[str, Any] = {}
    at.run()
    for label in VIEWS.values():
        at.session_state["view"] = label
        at.run()
        out[label] = {
            "exceptions": [e.value for e in at.exception],
            "charts": len(at.get("plotly_chart")),
        }
    out["read-only"] = any("read-only" in i.value for i in at.sidebar.info)
    return out


def _assert_browsable(report: dict[str, Any]) -> None:
    assert report.pop("read-only") is True
    for label, seen in report.items():
        assert seen["exceptions"] == [], (label, seen["exceptions"])
    assert report["Overview"]["charts"] >= 1 and report["Regions"]["charts"] >= 1, report


@pytest.mark.slow
def test_the_dashboard_on_a_store_whose_disk_refuses_writes(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import analytics.store.connect as connect

    monkeypatch.setenv("STRIKES_DB", str(db))
    monkeypatch.setattr(connect, "writable", lambda path: False)  # root could write: say it cannot
    refused = _refuse_writes(monkeypatch, db.parent)
    _assert_browsable(_app_report(AppTest.from_file(APP, default_timeout=120)))
    assert "write" in refused and _snapshots(db) == []


# The page under AppTest in a process of its own, whose store folder is read-only.
_CHILD = """
import json, sys
from streamlit.testing.v1 import AppTest
from tests.test_snapshot_read_only import _app_report
print("REPORT " + json.dumps(_app_report(AppTest.from_file(sys.argv[1], default_timeout=120))))
"""


@pytest.mark.slow  # a whole page run in a mount namespace; the fast tier keeps the read-only disk case below
def test_the_dashboard_on_a_read_only_folder(db: Path, tmp_path: Path) -> None:
    folder = db.parent
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    prefix = _read_only_runner(folder)
    if prefix is None:
        pytest.skip("this machine can make no read-only folder (no mount namespace for root)")
    try:
        done = subprocess.run(
            [*prefix, sys.executable, "-c", _CHILD, APP],
            capture_output=True,
            text=True,
            timeout=280,
            cwd=ROOT,
            env={**os.environ, "STRIKES_DB": str(db)},
        )
    finally:
        folder.chmod(stat.S_IRWXU)
        for p in folder.iterdir():
            p.chmod(stat.S_IRUSR | stat.S_IWUSR)
    lines = [line for line in done.stdout.splitlines() if line.startswith("REPORT ")]
    assert done.returncode == 0 and lines, done.stdout + done.stderr
    _assert_browsable(json.loads(lines[-1].removeprefix("REPORT ")))
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
