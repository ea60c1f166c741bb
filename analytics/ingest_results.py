"""What an ingest did: each file's outcome (:class:`FileResult`) and the run's
(:class:`IngestSummary`), with the sentences the user reads (kept apart from
:mod:`analytics.ingest`, which does the work)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from analytics.results import EntryResult


@dataclass
class FileResult:
    """One file's outcome: "new" (some article was new), "duplicate" (all known) or "failed"."""

    name: str
    status: str
    articles: int = 0
    duplicates: int = 0
    reports: int = 0
    reason: str = ""
    events: int = 0
    #: The publication date of the file's first new article, and how it was obtained
    #: ("metadata", "dateline", "text", "user", "filename"; None: not found anywhere).
    published: dt.date | None = None
    published_how: str | None = None
    entries: list[EntryResult] = field(default_factory=list)  # its articles, for the user


@dataclass
class IngestSummary:
    """Every file's outcome, and the store's event count after the run (``events``)."""

    files: list[FileResult] = field(default_factory=list)
    events_total: int = 0

    @property
    def files_read(self) -> int:
        return sum(1 for f in self.files if f.status != "failed")

    @property
    def articles_new(self) -> int:
        return sum(f.articles for f in self.files)

    @property
    def duplicates(self) -> int:
        return sum(f.duplicates for f in self.files)

    @property
    def reports(self) -> int:
        return sum(f.reports for f in self.files)

    @property
    def events(self) -> int:
        return self.events_total

    @property
    def events_touched(self) -> int:
        return sum(f.events for f in self.files)

    @property
    def failed(self) -> int:
        return sum(1 for f in self.files if f.status == "failed")

    @property
    def failures(self) -> list[FileResult]:
        return [f for f in self.files if f.status == "failed"]

    def lines(self) -> list[str]:
        """The closing summary, one fact a line."""
        out = [
            f"files read: {self.files_read}",
            f"articles new: {self.articles_new}",
            f"duplicates: {self.duplicates}",
            f"reports: {self.reports}",
            f"events: {self.events} in the store ({self.events_touched} touched)",
        ]
        noted = [f for f in self.files if f.status != "failed" and f.reason]
        if noted:  # read, with something the user should know (entries passed over, repairs)
            out.append(f"notes: {len(noted)}")
            out += [f"  {f.name}: {f.reason}" for f in noted]
        if self.failed:
            out.append(f"failed: {self.failed}")
            out += [f"  {f.name}: {f.reason}" for f in self.failures]
        return out


def budget_reason(result: FileResult, budget: int, spent: int, taken: int, total: int | None) -> str:
    """The sentence of a file stopped by the upload budget: what was stored, what was left."""
    done = (
        f"{result.articles:,} of its articles stored ({spent:,} characters extracted)"
        if result.articles
        else "nothing stored"
    )
    if result.duplicates:
        done += f", {result.duplicates:,} already stored"
    left = f"{total - taken:,} of its {total:,} articles left" if total else "the rest of the file not read"
    return (
        f"stopped: one upload may extract at most {budget:,} characters of text; {done}, {left}. "
        "Add the file again to go on (what is stored is skipped), or split it"
    )
