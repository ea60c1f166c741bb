"""Column blocks: the columnar copy of the events inside the store (analytics.store.blocks)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import analytics.store.blocks as blocks
from analytics.store import Store
from bench.bulk_load import bulk_insert_events

COLS = ["event_id", "review_status", "date", "attacker", "region", "systems", "killed_best", "lat"]


def _rows(n: int, start: int = 0) -> pd.DataFrame:
    pattern = 5
    reps = n // pattern
    return pd.DataFrame(
        {
            "event_id": [f"e{start + i}" for i in range(n)],
            "date": pd.to_datetime(["2024-01-01", "2024-01-02", None, "2024-02-01", "2024-03-05"] * reps),
            "attacker": ["Russia", "Ukraine", "Russia", "unknown", "Ukraine"] * reps,
            "region": ["UA-63", "RU-BEL", None, "UA-30", None] * reps,
            "systems": ["", "Shahed-136", "S-300", "", "Kh-101"] * reps,
            "killed_best": pd.array([1, None, 0, 3, None] * reps, dtype="Int64"),
            "lat": [50.123456789012344, None, 48.5, 0.1 + 0.2, None] * reps,
        }
    )


def _row_wise(store: Store, cols: list[str], include_rejected: bool = False) -> pd.DataFrame:
    where = "" if include_rejected else " WHERE review_status != 'rejected'"
    return store.frame(f"SELECT {', '.join(cols)} FROM events{where} ORDER BY rowid")


def _blocks(store: Store) -> list[tuple[int, int, int]]:
    return [tuple(r) for r in store._query("SELECT first, last, rows FROM column_blocks ORDER BY first")]


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(blocks, "BLOCK_ROWS", 10)
    with Store(tmp_path / "b.db") as s:
        yield s


def test_a_read_builds_blocks_and_the_next_read_uses_them(store: Store) -> None:
    bulk_insert_events(store, _rows(35))
    assert _blocks(store) == []
    first = store.events_frame(columns=COLS)
    assert [b[2] for b in _blocks(store)] == [10, 10, 10]  # the last 5 rows are the open tail
    pd.testing.assert_frame_equal(first, _row_wise(store, COLS), check_exact=True)
    again = store.events_frame(columns=COLS)
    pd.testing.assert_frame_equal(again, first, check_exact=True)
    assert list(again["region"].cat.categories) == ["RU-BEL", "UA-30", "UA-63"]


def test_a_write_drops_only_the_block_it_touches(store: Store) -> None:
    bulk_insert_events(store, _rows(30))
    store.events_frame(columns=COLS)
    before = _blocks(store)
    store._write(
        lambda conn: (conn.execute("UPDATE events SET killed_best = 9 WHERE event_id = 'e12'"), True)
    )
    assert _blocks(store) == [before[0], before[2]]
    got = store.events_frame(columns=COLS)
    assert got.loc[got["event_id"] == "e12", "killed_best"].tolist() == [9]
    pd.testing.assert_frame_equal(got, _row_wise(store, COLS), check_exact=True)
    assert _blocks(store) == before  # rebuilt by the read


def test_rejected_events_are_left_out_with_their_categories(store: Store) -> None:
    bulk_insert_events(store, _rows(20))
    store.events_frame(columns=COLS)
    # reject every Ukrainian strike straight in SQL: the blocks they were in are dropped ...
    store._write(
        lambda conn: (
            conn.execute("UPDATE events SET review_status = 'rejected' WHERE attacker = 'Ukraine'"),
            True,
        )
    )
    store.events_frame(columns=COLS)  # ... and rebuilt, holding rejected rows
    got = store.events_frame(columns=COLS)
    assert "Ukraine" not in got["attacker"].cat.categories
    pd.testing.assert_frame_equal(got, _row_wise(store, COLS), check_exact=True)
    everything = store.events_frame(columns=COLS, include_rejected=True)
    pd.testing.assert_frame_equal(everything, _row_wise(store, COLS, include_rejected=True), check_exact=True)


def test_rowid_column_and_deleted_rows(store: Store) -> None:
    bulk_insert_events(store, _rows(30))
    store.events_frame(columns=COLS)
    store._write(lambda conn: (conn.execute("DELETE FROM events WHERE event_id IN ('e3', 'e25')"), True))
    bulk_insert_events(store, _rows(5, start=100))
    got = store.events_frame(columns=COLS, rowid=True)
    expected = store.frame(
        f"SELECT {', '.join(COLS)}, rowid AS _rowid FROM events WHERE review_status != 'rejected' ORDER BY rowid"
    )
    pd.testing.assert_frame_equal(got, expected, check_exact=True)
    assert "e3" not in set(got["event_id"]) and "e100" in set(got["event_id"])


def test_columns_outside_the_blocks_are_read_from_sqlite(store: Store) -> None:
    frame = _rows(20).assign(evidence=['{"killed": 1}'] * 20)
    bulk_insert_events(store, frame)
    got = store.events_frame(columns=["event_id", "evidence"])
    assert got["evidence"].tolist() == ['{"killed": 1}'] * 20
    assert _blocks(store) == []  # that read did not go through the blocks


def test_a_busy_writer_does_not_hold_up_a_read(store: Store) -> None:
    """Blocks are a cache: while another connection holds the write lock, a read still returns
    at once and leaves the blocks for a later read."""
    import sqlite3

    bulk_insert_events(store, _rows(20))
    other = sqlite3.connect(str(store.path), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        assert len(store.events_frame(columns=COLS)) == 20
        assert _blocks(store) == []
    finally:
        other.execute("ROLLBACK")
        other.close()
    store.events_frame(columns=COLS)
    assert len(_blocks(store)) == 2


def test_the_real_store_upgrades_and_keeps_reading(store: Store) -> None:
    """Events written by the app (articles, merge, corrections) read the same through blocks."""
    bulk_insert_events(store, _rows(25))
    store.events_frame(columns=COLS)
    store.correct_event("e1", "killed_best", "4")
    store.set_review_status("e2", "rejected")
    got = store.events_frame(columns=COLS)
    pd.testing.assert_frame_equal(got, _row_wise(store, COLS), check_exact=True)
    assert got.loc[got["event_id"] == "e1", "killed_best"].tolist() == [4]
    assert "e2" not in set(got["event_id"])
