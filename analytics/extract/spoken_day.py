"""The day the text is speaking of, as the record walk reads it in order.

A record that names no day of its own takes the day the text last spoke of, read from a time
expression of an earlier sentence. A live page's entries each tell their own story: an entry
starts from the page's story, the first day its lead or first entry spoke of, not from the day
of the entry above it; so does a round-up's section under a region's name.
"""

from __future__ import annotations

import datetime as dt
import re

from analytics.extract.dates import ResolvedDate
from analytics.extract.event_dates import lagged_attack
from analytics.extract.records import Where
from analytics.extract.triggers import SentenceFacts

# What tells a night: "overnight", "the night of", a window from an evening to a morning
_NIGHT = re.compile(
    r"\bnight\b|overnight|\d\s*p\.?m\b[^;]{0,60}?\d\s*a\.?m\b|\b(?:2[0-3]|1[89])[:.]00\b", re.IGNORECASE
)


#: Strategies that date a night by the day it leads into.
_LED_INTO = frozenset({"overnight_into", "overnight_named"})


class SpokenDay:
    """The day being spoken of (``date``), the expression it was read from (``where``)."""

    def __init__(self) -> None:
        self.date: ResolvedDate | None = None
        self.where: Where | None = None
        self._story: tuple[ResolvedDate, Where | None] | None = None  # a live page's story day
        self._entries = 0  # live entries begun

    def speak_of(self, date: ResolvedDate, where: Where | None) -> None:
        """The text now speaks of ``date`` (read from ``where``): records opened from here on
        that name no day of their own take it."""
        self.date, self.where = date, where
        if self._story is None and self._entries <= 1:
            self._story = (date, where)

    def morning_after(self) -> ResolvedDate | None:
        """The day after the night being spoken of: "In a second statement, 41 more were downed
        between 7 a.m. and 2 p.m." after the night's tally is that morning's (GUIDELINES: one
        record per area and day; the night is the day it began). None when no night is spoken of."""
        if self.date is None or self.where is None:
            return None
        sentence, start, end = self.where
        if not _NIGHT.search(sentence.text[max(0, start - 12) : end + 12]):
            return None
        if self.date.strategy in _LED_INTO:
            return self.date  # ("overnight into Tuesday": the night is dated by its morning already)
        return ResolvedDate(self.date.date + dt.timedelta(days=1), "day", "morning_after")

    def new_entry(self) -> None:
        """A live page's entry ("09:15 GMT") or a round-up's region section ("Kharkiv region")
        begins: it speaks of the page's story, unless it names a day of its own."""
        self._entries += 1
        self.date, self.where = self._story or (None, None)

    def where_of(self, facts: SentenceFacts, date: ResolvedDate) -> Where | None:
        """The time expression of the sentence that gave ``date``; for a day carried over
        ("that raid"), the expression it was first read from."""
        lag = lagged_attack(facts.sentence.text) if date.strategy == "lag" else None
        if lag is not None:  # "a day after shelling killed two": the lag phrase dates it
            return (facts.sentence, lag.start(), lag.end())
        t = next((t for t, r in facts.times if r == date), None)
        if t is None:  # a day derived from an expression ("overnight" counted from "said on Friday")
            t = next((t for t, r in facts.times if r.strategy == date.strategy.split("+")[0]), None)
        if t is None and facts.times and date is not self.date:
            t = facts.times[0][0]
        if t is not None:
            return (facts.sentence, t.start, t.end)
        return self.where if date is self.date else None
