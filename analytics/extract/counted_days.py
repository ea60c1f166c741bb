"""Days counted back from another day: "a day earlier", "the previous day", "two days before",
from the day the text speaks of or a day the same sentence names."""

from __future__ import annotations

import datetime as dt
import re

from analytics import lexicon
from analytics.extract.dates import ResolvedDate, TimeExpr

# "A day earlier", "the previous day": a day counted back from the day the text speaks of.
_EARLIER = re.compile(
    r"(?:(?P<n>a|one|two|three|[1-3])\s+days?\s+(?:earlier|before)|the\s+(?:day|night)\s+before|"
    r"the\s+previous\s+(?:day|night))",
    re.IGNORECASE,
)
_SITE_WHERE = re.compile(r"\b(?:where|at which|in which)\b", re.IGNORECASE)
_DAYS_BACK = {"two": 2, "three": 3, "2": 2, "3": 3}  # any other count is one day


def counted_back(
    times: list[tuple[TimeExpr, ResolvedDate]],
    date: ResolvedDate | None,
    current: ResolvedDate | None,
    text: str = "",
) -> ResolvedDate | None:
    """The day "a day earlier" names when the text speaks of another day than the day before
    publication ("drones hit Kharkiv on Wednesday. A day earlier, a missile hit Balakliia"):
    counted from that day (``current``), not from publication; else None."""
    if date is None:
        return None
    t = next((t for t, r in times if r == date), None)
    if t is not None and text and not _EARLIER.fullmatch(t.text.strip()):
        # "laid flowers on April 14 where missiles struck a day earlier": the named day is
        # another act's, the attack's clause after it counts back from it
        later = next((u for u, _r in times if u.start > t.end and _EARLIER.fullmatch(u.text.strip())), None)
        where = _SITE_WHERE.search(text, t.end, later.start) if later is not None else None
        if (
            later is not None
            and where
            and lexicon.alternation("strike_triggers").search(text, where.end(), later.start)
        ):
            t = later
    m = _EARLIER.fullmatch(t.text.strip()) if t is not None else None
    if t is None or m is None:
        return None
    # "laid flowers on April 14 where missiles struck a day earlier": a day the sentence itself
    # names before it is what "earlier" counts from
    told = [
        r
        for u, r in times
        if u.end <= t.start and r.precision == "day" and not _EARLIER.fullmatch(u.text.strip())
    ]
    current = told[-1] if told else current
    if current is None or current.precision != "day":
        return None
    days = _DAYS_BACK.get((m.group("n") or "").lower(), 1)
    return ResolvedDate(current.date - dt.timedelta(days=days), "day", date.strategy + "+earlier")
