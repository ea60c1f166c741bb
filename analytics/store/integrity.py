"""Checking a store file: SQLite's integrity check and the store's own invariants (every report
has its article and its event, every event its reports, every report was read against its
article's publication date)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

#: Stores up to this size get SQLite's quick check before a command writes to them (about a
#: second; a larger store would take minutes, so it relies on errors met while working).
QUICK_CHECK_BYTES = 64 * 1024 * 1024


def quick_problems(conn: sqlite3.Connection, path: Path, max_bytes: int) -> list[str]:
    """``PRAGMA quick_check`` of a store not larger than ``max_bytes``: its problems (empty: fine
    or not checked)."""
    try:
        size = path.stat().st_size
    except OSError:
        return []
    if size > max_bytes:
        return []
    try:
        found = [str(r[0]) for r in conn.execute("PRAGMA quick_check").fetchall()]
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    return [f for f in found if f != "ok"]


def _rows(conn: sqlite3.Connection, sql: str) -> list[tuple[Any, ...]]:
    return conn.execute(sql).fetchall()


def problems(conn: sqlite3.Connection) -> list[str]:
    """Integrity problems found (empty: fine): SQLite's own check, foreign keys, and reports,
    events and links that should come in pairs."""
    problems: list[str] = []
    try:
        rows = _rows(conn, "PRAGMA integrity_check")
        problems += [f"integrity: {r[0]}" for r in rows if r[0] != "ok"]
        for table, rowid, parent, _fk in _rows(conn, "PRAGMA foreign_key_check"):
            problems.append(f"foreign key: {table} row {rowid} points to a missing {parent} row")
        checks = {
            "report without article": "SELECT r.id FROM reports r LEFT JOIN articles a ON a.id = r.article_id "
            "WHERE a.id IS NULL",
            "event without reports": "SELECT e.event_id FROM events e WHERE NOT EXISTS "
            "(SELECT 1 FROM report_event l WHERE l.event_id = e.event_id)",
            "report without event": "SELECT r.id FROM reports r LEFT JOIN report_event l ON l.report_id = r.id "
            "WHERE l.report_id IS NULL",
        }
        for label, sql in checks.items():
            found = _rows(conn, sql)
            if found:
                sample = ", ".join(str(r[0]) for r in found[:3])
                problems.append(f"{len(found)} {label}{'s' if len(found) > 1 else ''} (e.g. {sample})")
        problems += _date_mismatches(conn)
    except sqlite3.DatabaseError as exc:
        problems.append(f"database error: {exc}")
    return problems


def _date_mismatches(conn: sqlite3.Connection) -> list[str]:
    """Articles with a report whose ``published`` is not the article's publication date.

    Every write gives an article's reports the date they were extracted against, which is the
    article's own; a report with another date was extracted against a date the article no
    longer has (a date set while a re-extraction ran, before it checked for that), so its
    dates may be off: ``python -m analytics reextract`` reads it again."""
    found = _rows(
        conn,
        "SELECT a.id, a.published, min(r.published) FROM articles a JOIN reports r ON r.article_id = a.id "
        "WHERE r.published IS NOT a.published GROUP BY a.id ORDER BY a.id",
    )
    if not found:
        return []
    sample = ", ".join(
        f"{aid[:12]} published {pub or 'unknown'}, its reports {rpub or 'unknown'}"
        for aid, pub, rpub in found[:3]
    )
    many = len(found) > 1
    return [
        f"{len(found)} article{'s' if many else ''} whose reports do not carry {'their' if many else 'its'} "
        f"publication date (e.g. {sample}); run `python -m analytics reextract` to read {'them' if many else 'it'} again"
    ]
