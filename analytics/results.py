"""What became of an upload or a fetch, as the dashboard's sidebar shows it: a headline, a
failure message per file, and a line per file, per entry of a zip and per address pasted
(a list rather than a table, so nothing is cut off at the sidebar's width). Also the record
of each article of a many-article file that ingest keeps for it (:class:`EntryResult`).
No Streamlit here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from analytics.labels import label

if TYPE_CHECKING:
    from analytics.ingest import IngestSummary
    from analytics.models import Article


@dataclass
class EntryResult:
    """One article of a file that holds several (a zip's entries, a bulk file's rows), as
    :class:`analytics.ingest.FileResult` lists them: so a zip is not one line."""

    name: str
    status: str
    reports: int = 0
    published: dt.date | None = None
    published_how: str | None = None


#: A file lists at most this many of its articles (a bulk file may hold a million).
MAX_ENTRIES = 200


def add_entry(entries: list[EntryResult], article: Article, status: str, reports: int = 0) -> None:
    """Note what became of one article of a file (up to :data:`MAX_ENTRIES`); the publication
    date only for a new one (a duplicate's is the stored article's business)."""
    if len(entries) >= MAX_ENTRIES:
        return
    new = status == "new"
    name = article.source_file or article.title or article.id[:12]
    entries.append(
        EntryResult(
            name, status, reports, article.published if new else None, article.published_how if new else None
        )
    )


def published_text(published: Any, how: str | None) -> str:
    """A publication date with how it was obtained ("2024-05-10, dateline"), or "unknown"."""
    if published is None:
        return "unknown"
    return f"{published.isoformat()}, {label('published_how', how).lower()}" if how else published.isoformat()


def ingest_rows(summary: IngestSummary) -> list[dict[str, Any]]:
    """One row per uploaded file or address, what became of it, with its articles one by one
    (``entries``) when it held several (a zip, a bulk file)."""
    rows = []
    for f in summary.files:
        entries = [
            {
                "file": e.name,
                "result": e.status,
                "reports": e.reports,
                "published": published_text(e.published, e.published_how) if e.status == "new" else "",
            }
            for e in f.entries
        ]
        rows.append(
            {
                "file": f.name,
                "result": f.status,
                "new articles": f.articles,
                "duplicates": f.duplicates,
                "reports": f.reports,
                "reason": f.reason,
                "published": published_text(f.published, f.published_how) if f.status == "new" else "",
                "entries": entries if len(entries) > 1 else [],
            }
        )
    return rows


def _outcome_text(row: dict[str, Any]) -> str:
    """What became of one file or entry, in words: "new, 2 strike reports, published 2024-03-02,
    dateline"; a duplicate or failure with its reason."""
    parts = [str(row["result"])]
    if row["result"] == "new":
        n = int(row.get("reports") or 0)
        parts.append(f"{n} strike report{'s' if n != 1 else ''}")
        parts.append(f"published {row.get('published') or 'unknown'}")
    elif row.get("reason") and row["result"] != "failed":  # a failure's reason has its own alert
        parts.append(str(row["reason"]))
    return ", ".join(parts)


@dataclass
class IngestReport:
    """The result of an upload or a fetch as the sidebar shows it: a headline (``level``:
    success, warning or error), one failure message per file, and a line per file and per
    article of a file that held several (``(depth, file, outcome)``): a list, not a table, so
    nothing is cut off at the sidebar's width."""

    level: str
    headline: str
    failures: list[tuple[str, str]]
    lines: list[tuple[int, str, str]]
    note: str


def ingest_report(rows: list[dict[str, Any]], noun: str = "files") -> IngestReport | None:
    """:class:`IngestReport` of :func:`ingest_rows` (None for no rows)."""
    if not rows:
        return None
    failed = [r for r in rows if r["result"] == "failed"]
    new = sum(int(r.get("reports") or 0) for r in rows)
    read = len(rows) - len(failed)
    if not failed:
        level, headline = "success", f"Read {read} of {len(rows)} {noun}: {new} new strike reports."
    elif read:
        level, headline = "warning", f"Read {read} of {len(rows)} {noun}: {new} new strike reports."
    else:
        level, headline = "error", f"None of the {noun} could be read ({len(rows)} tried)."
    lines: list[tuple[int, str, str]] = []
    for row in rows:
        lines.append((0, str(row["file"]), _outcome_text(row)))
        lines.extend((1, str(e["file"]), _outcome_text(e)) for e in row.get("entries") or [])
    unknown = any(r.get("published") == "unknown" for r in rows)
    note = (
        "A file without a publication date: open its article (from an event) to set one." if unknown else ""
    )
    return IngestReport(level, headline, [(str(r["file"]), str(r["reason"])) for r in failed], lines, note)
