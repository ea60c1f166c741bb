"""The day of a sentence's attack: which of its dates is the attack's, not the day the story
was filed or something was said, and how far a lag phrase ("two days after the missiles
fell") puts it before the day named. Each helper looks only at the sentence text and the
finders' matches, so each can be tested on a string."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable

from analytics.extract.dates import MEASURED, WEEKDAY_NAME, ResolvedDate, TimeExpr
from analytics.extract.numbers import parse_number

#: Strategies that name a day rather than count back from publication.
NAMED_DAY = ("weekday", "iso", "dotted", "day_month", "month_day", "night_span")
# "ODESA, Ukraine, May 5, 2024 (Wire) - ", "ODESA, May 5 (Reuters) - ": where and when it was
# filed, which says nothing about the day of the attack.
# (a weekday is no city: "Monday, 15 December – drones hit Odesa" is a timeline's entry, its day
# the attack's)
_DATELINE = re.compile(
    rf"^(?!{WEEKDAY_NAME}\b)"
    r"[A-Z][A-Za-z .'’/-]{1,40},(?:[^.]{0,40}?\b(?:19|20)\d\d\b[^-–—.]{0,40}?|[^.()]{0,40}?\([^()]{1,60}\))\s*[-–—:]\s*"
    # a wire's dateline with no city: "Nov 14 (Reuters) -"
    r"|^[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*(?:19|20)\d\d)?\s*\([^()]{1,60}\)\s*[-–—:]\s*"
    # a syndicating agency's "Kyiv [Ukraine], June 19 (Agency):", the country in brackets
    r"|^[A-Z][A-Za-z .'’-]{1,40}\s*\[[A-Z][A-Za-z ]{1,30}\],\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}[^:]{0,30}:\s*"
    # a city and the day with no year: "KYIV, Aug 21 — "
    rf"|^(?!{WEEKDAY_NAME}\b)"
    r"[A-Z][A-Za-z .'’/-]{1,40},\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8})\s+[-–—]\s+"
)
# "two days after the missiles fell": the day named is later than the attack by that much.
_LAG = re.compile(
    r"\b(?:some |about |around |nearly |more than |just )?(?P<n>a|one|two|three|four|five|six|\d{1,2}) "
    r"(?P<unit>days?|nights?|hours?|weeks?) (?:after|since)\b(?=[^.]*\b(?:struck|hit|attack|strike|assault|missiles?|drones?|bombs?|shell))",
    re.IGNORECASE,
)


#: A past attack verb: a clause holding one tells an attack.
_ATTACK_VERB = re.compile(
    r"\b(?:struck|hit|attacked|targeted|shelled|bombed|pounded|launched|fired)\b", re.IGNORECASE
)


def lag_days(m: re.Match[str]) -> int:
    """The days a lag phrase ("two days after", "a week after") puts between the two events;
    hours count as the day before only when they are many."""
    n = parse_number(m.group("n")) or 1
    unit = m.group("unit").lower()
    if unit.startswith(("day", "night")):
        return n
    if unit.startswith("week"):
        return 7 * n
    return 1 if n >= 12 else 0


def lagged_attack(text: str) -> re.Match[str] | None:
    """ "The raid came a week after a strike on the port killed 20": the attack told after the
    lag phrase happened that long before the one the text speaks of."""
    m = _LAG.search(text)
    return m if m is not None and lag_days(m) > 0 else None


# A day that is a limit rather than a date of the event ("by Friday", "until Monday").
# "as of noon on Friday, seven were dead": the day a running figure was counted, not of the attack.
_LIMIT_BEFORE = re.compile(
    r"\b(?:until|before|by|as of)(?:\s+(?:the\s+)?(?:noon|midday|midnight|morning|afternoon|evening|"
    r"\d{1,2}(?:[:.]\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.)?))?\s*(?:on|of)?\s*$",
    re.IGNORECASE,
)
# "since the night of 27 December": the night or day named is still the start of a span.
_ACCORDING_BEFORE = re.compile(
    r"\baccording to\s+(?:[\w'’.-]+\s+){1,6}?(?:late\s+|early\s+|on\s+)?$", re.IGNORECASE
)
_SINCE_BEFORE = re.compile(r"\bsince\s+(?:the\s+(?:night|morning|evening|day)\s+of\s+)?$")
WHEN_AFTER = re.compile(r",?\s+when\b")
# A report's time window, "from 18:00 on 11 March to 08:00 on 12 March": the night is dated by
# the day it started on (GUIDELINES: a night named by both its days is the first), so the
# window's end dates nothing, and its start gives way to a night the text names ("on the night
# of 12 March (from 18:00 on 11 March)": the night named by the day it leads into).
# A clock time, with minutes or "a.m."/"p.m.", and the zone a ministry's window is told in
# ("11:00 p.m. Moscow time", "07:00 (Kyiv time)").
_CLOCK = (
    r"(?:\d{1,2}[:.]\d\d\s*(?:am|pm|a\.m\.|p\.m\.)?|\d{1,2}\s*(?:am|pm|a\.m\.|p\.m\.))"
    r"(?:\s*\(?(?:Moscow|Kyiv|local|GMT|UTC|MSK)(?:\s+time)?\)?)?"
)
_WINDOW_END = re.compile(rf"\b(?:to|till|until|through|and)\s+{_CLOCK}\s*(?:on|of)?\s*$", re.IGNORECASE)
_WINDOW_START = re.compile(rf"\b(?:from|between)\s+{_CLOCK}\s*(?:on|of)?\s*$", re.IGNORECASE)
_WINDOW_REACH = 40  # how far before a day its window's clock time may start
# "at about 8:20 a.m.", "at 14:05": an act told at a time of the day (hour and minutes).
_AT_CLOCK = re.compile(
    rf"\b(?:at|around|about)\s+(?:about\s+|around\s+)?(?=(?P<h>\d{{1,2}})[:.][0-5]\d)(?P<clock>{_CLOCK})",
    re.IGNORECASE,
)
#: The hour a night's attack has ended by: a clock time from it on is the day's own.
_MORNING_HOUR = 7
#: The hour a night's attack may begin at: a window reaching past it is the night's.
_EVENING_HOUR = 19


def at_a_time_of_day(text: str) -> bool:
    """Whether the sentence tells something at a clock time of the day, not of the night."""
    for m in _AT_CLOCK.finditer(text):
        hour = int(m.group("h"))
        if re.search(r"p\.?m", m.group("clock"), re.IGNORECASE) and hour < 12:
            hour += 12
        if _MORNING_HOUR <= hour <= 23:
            return True
    return False


_WINDOW = re.compile(
    rf"\b(?:from|between)\s+(?P<a>{_CLOCK})\s+(?:to|till|until|and)\s+(?P<b>{_CLOCK})", re.IGNORECASE
)


def _hour(clock: str) -> int:
    hour = int(re.match(r"\d{1,2}", clock).group(0))  # type: ignore[union-attr]
    if re.search(r"p\.?m", clock, re.IGNORECASE) and hour < 12:
        hour += 12
    return hour


def daytime_window(text: str) -> bool:
    """ "between 7 a.m. and 2 p.m.": a window of clock times of the day, not of a night (one
    from 8 p.m. on is the night's start)."""
    return any(
        _MORNING_HOUR <= _hour(m.group("a")) < _hour(m.group("b")) <= _EVENING_HOUR
        for m in _WINDOW.finditer(text)
    )


#: Strategies of a recent day that can open a running count ("since Monday night").
_RECENT = frozenset({"weekday", "overnight", "yesterday", "day_month", "month_day"})


def recent_since(t: TimeExpr, counts_munitions: bool) -> bool:
    """ "downed 12 drones since Monday night": a launch count since a recent day is dated by
    that day; any other "since ..." opens a running total and dates nothing."""
    return counts_munitions and t.strategy in _RECENT


#: Relative days that count back from when something was said: the days back from it.
_SPEECH_RELATIVE = {"overnight": 1, "today": 0}


def event_date(
    text: str,
    times: list[tuple[TimeExpr, ResolvedDate]],
    counts_munitions: bool,
    anchors: Callable[[], list[int]],
) -> ResolvedDate | None:
    """The date a sentence gives for the attack (not for when something was said).

    ``anchors`` gives the offsets of the sentence's attack words, weapons and figures; it is
    called only when some date is a candidate (most sentences have none, and finding the
    trigger words again costs time). Of several dates the most precise wins, then a named day
    over "overnight", then a possessive ("Friday's strike"), then the nearest to an anchor.
    """
    # "Drones struck overnight, according to regional authorities on Saturday": beside a night,
    # the day after "according to" is when the words were said.
    if any(r.strategy == "overnight" for _, r in times):
        times = [
            (dataclasses.replace(t, reporting=True), r)
            if r.precision == "day" and _ACCORDING_BEFORE.search(text, max(0, t.start - 60), t.start)
            else (t, r)
            for t, r in times
        ]
    # "LVIV, Ukraine, Mar 2, 2024 - Drones struck on Friday": the dateline's date is when the
    # story was filed, not when the attack happened.
    dateline = _DATELINE.match(text)
    dateline_end = dateline.end() if dateline else 0
    candidates = [
        (t, r)
        for t, r in times
        if t.start >= dateline_end
        and not t.reporting
        # "the deadliest since April, when 35 were killed": the "when" clause happened then
        and (
            recent_since(t, counts_munitions)
            or WHEN_AFTER.match(text, t.end)
            or not t.text.lower().startswith("since")
        )
        and not _LIMIT_BEFORE.search(text[max(0, t.start - 24) : t.start])
        and not _WINDOW_END.search(text[max(0, t.start - _WINDOW_REACH) : t.start])
        and (
            recent_since(t, counts_munitions)
            or WHEN_AFTER.match(text, t.end)
            or not _SINCE_BEFORE.search(text[max(0, t.start - 28) : t.start])
        )
    ]
    if not candidates:
        return None
    near = anchors()

    def rank(item: tuple[TimeExpr, ResolvedDate]) -> tuple[int, int, int, int, int, int]:
        t, r = item
        possessive = 0 if t.group("poss") else 1
        precision = {"day": 0, "week": 1, "month": 2}[r.precision]
        # "On Monday the town buried those who died when a missile hit it on Saturday": a day in
        # a "when" clause that tells the attack is the attack's
        # A named day is more specific than "overnight" or "yesterday" beside it.
        relative = int(t.strategy in {"overnight", "yesterday", "today"})
        when = text.rfind(" when ", 0, t.start)
        told_when = 0 if when >= 0 and not relative and _ATTACK_VERB.search(text, when, t.start) else 1
        window_start = int(bool(_WINDOW_START.search(text[max(0, t.start - _WINDOW_REACH) : t.start])))
        distance = min((abs(a - t.start) for a in near), default=0)
        return (precision, told_when, window_start, relative, possessive, distance)

    best_expr, best = min(candidates, key=rank)
    # "drones struck overnight, officials said on Monday": "overnight" and "today" count from
    # the day the words were said, when the sentence names it.
    said = [r for t, r in times if t.reporting and r.precision == "day"]
    if said and best.strategy in _SPEECH_RELATIVE:
        back = _SPEECH_RELATIVE[best.strategy]
        best = ResolvedDate(said[0].date - dt.timedelta(days=back), "day", best.strategy + "+said")
    # "crews were still digging on Monday, a day after the drones came": the attack was the
    # day before the day named.
    lag = _LAG.search(text)
    # "a week after an attack last Tuesday killed 28": a day inside the phrase after the lag
    # is the earlier attack's own.
    # When the clause before the lag tells an attack of its own ("drones struck the refinery
    # overnight, two days after an attack on the port"), its day is that attack's.
    if (
        lag
        and best.precision == "day"
        and best_expr.start < lag.start()
        and not _ATTACK_VERB.search(text, 0, lag.start())
    ):
        days = lag_days(lag)
        best = ResolvedDate(best.date - dt.timedelta(days=days), best.precision, best.strategy + "+lag")
    return best


def said_days_before(
    times: list[tuple[TimeExpr, ResolvedDate]], current: ResolvedDate | None, published: dt.date
) -> ResolvedDate | None:
    """ "A week ago, Ukraine said it hit the Ryazan refinery": for an attack whose only day is
    when it was claimed, days before the day the text speaks of (``current``), that day. Before
    any day is spoken of, a claim of a day before publication ("Russia attacked Odesa, the air
    force said Wednesday", told on Thursday) dates the attack it tells too."""
    said = [r for t, r in times if t.reporting and r.precision == "day"]
    if not said:
        return None
    if current is None:
        if said[0].date >= published:
            return None
    elif (current.date - said[0].date).days <= 1:
        return None
    return ResolvedDate(said[0].date, "day", said[0].strategy + "+said_earlier")


def measured_day(t: TimeExpr, text: str) -> bool:
    """ "the deadliest since 28 August, when missiles killed 23": the day of an earlier attack a
    new one is measured against, told in its "when" clause."""
    return (
        WHEN_AFTER.match(text, t.end) is not None
        and MEASURED.search(text, max(0, t.start - 80), t.start) is not None
    )


def measured_date(date: ResolvedDate, times: list[tuple[TimeExpr, ResolvedDate]], text: str) -> bool:
    """Whether ``date`` was read from a day measured against (``measured_day``): the earlier
    attack's, which does not become the day the text speaks of."""
    return any(r == date and measured_day(t, text) for t, r in times)
