"""Dates: find time phrases in a sentence and resolve them against the publication date.

Resolution is an ordered list of named strategies; the first that gives a valid date wins,
with the publication date as the explicit anchor. Every date comes from these patterns: no
general date-parsing library is called (a search for dates in free text misfires on counts
like "21 of 56").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from analytics import lexicon
from analytics.extract.numbers import TOLL_NOUN, TOLL_ROSE

MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for m in names
}
WEEKDAYS = {
    d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])
}

#: A weekday's name, in a pattern of its own (no group): "Monday|Tuesday|...".
WEEKDAY_NAME = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MON = r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WD = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_PART = r"(?P<part>morning|afternoon|evening|night|overnight)"
# "on April 8 last year": the day and month of the year before publication
_LAST_YEAR = r"(?:,?\s+(?P<last>last\s+year|a\s+year\s+ago)\b)?"

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>20\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")),
    ("dotted", re.compile(r"\b(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?P<year>20\d\d)\b")),
    # "the night of 12-13 March", "night of March 12 to 13", "overnight on 13-14 October": the
    # night starts on the first day.
    (
        "night_span",
        re.compile(
            rf"\b(?:night\s+of|overnight(?:\s+on)?)\s+(?:(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s*(?:-|–|to|into)\s*[0-3]?\d(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON}"
            rf"|(?P<mon2>January|February|March|April|May|June|July|August|September|October|November|December|"
            rf"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?\s+(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?\s*(?:-|–|to|into)\s*[0-3]?\d\b)"
            rf"(?:,?\s+{_YEAR})?",
            re.IGNORECASE,
        ),
    ),
    # "between the morning of May 27 and the morning of May 28", "from 8:00 on 27 May to 8:00 on
    # 28 May": a day's summary, told by the day it started on (as a night of two days is).
    (
        "day_span",
        re.compile(
            rf"\b(?:between|from)\s+(?:[\w:.]+\s+){{0,4}}?(?:{_MON}\s+{_DAY}|(?P<day2>[0-3]?\d)\s+(?:of\s+)?"
            r"(?P<mon2>January|February|March|April|May|June|July|August|September|October|November|December))\b"
            r"[^.;]{0,40}?\s+(?:and|to|until|till)\s+(?:[\w:.]+\s+){0,4}?"
            r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+(?P<end>[0-3]?\d)"
            r"|(?P<end2>[0-3]?\d)\s+(?:of\s+)?(?:January|February|March|April|May|June|July|August|September|October|November|December))\b",
            re.IGNORECASE,
        ),
    ),
    ("day_month_year", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MON},?\s+{_YEAR}\b")),
    ("month_day_year", re.compile(rf"\b{_MON}\s+{_DAY},?\s+{_YEAR}\b")),
    # Not before a year no news could mean ("5 March 99999", "5 March 2300"): no day at all.
    (
        "day_month",
        re.compile(
            rf"\b{_DAY}\s+(?:of\s+)?{_MON}(?![\w])(?!,?\s*(?:\d{{5,}}|(?:2[1-9]|[3-9]\d)\d\d)\b){_LAST_YEAR}",
            re.IGNORECASE,
        ),
    ),
    (
        "month_day",
        re.compile(
            rf"\b{_MON}\s+{_DAY}\b(?!\s*(?:km|kilomet|mile|%|per|people|drones|missiles)){_LAST_YEAR}"
        ),
    ),
    # "overnight from Saturday into Sunday", "between Monday night and Tuesday morning", "on
    # Saturday evening and into the early hours of Sunday": a night named by both its days is the
    # first (GUIDELINES, settled calls).
    (
        "weekday_span",
        re.compile(
            rf"\b(?:(?:overnight|(?:the\s+)?night)\s+(?:(?:from|between)\s+)?|from\s+|between\s+|"
            # "on Saturday evening and into the early hours of Sunday"
            r"(?:late\s+)?on\s+(?=\w+day\s+(?:night|evening)\s+and\s)|"
            # "Friday night into Saturday morning": the night is named by both its days too
            r"(?=\w+day\s+(?:night|evening)\s+into\s))"
            rf"{_WD}(?:\s+(?:night|evening))?\s+(?:into|to|and)\s+(?:into\s+)?(?:the\s+early\s+hours\s+of\s+|early\s+)?"
            r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:\s+morning)?\b",
            re.IGNORECASE,
        ),
    ),
    (
        "overnight_into",
        re.compile(rf"\b(?:overnight|night)\s+(?:into|to|before)\s+{_WD}\b", re.IGNORECASE),
    ),
    (
        "weekday",
        re.compile(
            rf"\b(?P<mod>late|early|on|last|this|since|until|by)?\s*{_WD}(?P<poss>'s|’s)?"
            rf"(?:\s+{_PART})?\b",
            re.IGNORECASE,
        ),
    ),
    (
        "days_ago",
        re.compile(
            # not "twice in three days earlier this month": a span, then the period it lies in
            r"\b(?:the day before yesterday|(?<!\bin )(?P<n>two|three|four|five|six|\d) days (?:ago|earlier|before)|"
            # "a week ago": seven days before the words were written, a day as exact as "two days ago"
            r"(?P<week>a|one) week ago)\b"
            r"(?!\s+this\s+(?:week|month|year))",
            re.IGNORECASE,
        ),
    ),
    (
        "yesterday",
        # "Over the past day" is the day before publication (GUIDELINES, settled calls): a
        # daily summary counts the day that ended as it was written.
        re.compile(
            r"\b(?:yesterday|the day before|a day earlier|the previous day|"
            # (a headline leaves the article out: "over past day")
            r"(?:over|in|during|for) (?:the )?(?:past|last|previous) (?:day|24 hours))\b",
            re.IGNORECASE,
        ),
    ),
    # "later that night", "on the same day": the day the text is already speaking of, which
    # only the story knows (assembly carries it); no date of their own.
    (
        "anaphoric",
        re.compile(
            r"\b(?:later (?:that|in the|the same) (?:night|day|evening|morning|afternoon)|"
            r"(?:on |during |in |over )?the same (?:day|night|evening|morning)|"
            r"(?:on |during |in )?that (?:night|evening|morning|afternoon|day))\b",
            re.IGNORECASE,
        ),
    ),
    (
        "overnight",
        re.compile(
            r"\b(?:overnight|last night|during the night|at night|in the night|night-time|nighttime|"
            r"(?:during|over|in|throughout) the (?:past|previous|last) night|throughout the night|the previous night|"
            # a ministry's "this past night" (a translation's idiom)
            r"(?:this|the) past night)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "today",
        re.compile(
            r"\b(?:today|this (?:morning|afternoon|evening)|tonight|earlier today)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "last_week",
        re.compile(r"\b(?:last week|earlier this week|this week|earlier in the week)\b", re.IGNORECASE),
    ),
    (
        "month_only",
        # The month name keeps its capital; the word before it may open the sentence ("In May").
        re.compile(
            rf"\b(?P<when>(?i:in|since|during|early|late|mid|mid-|last))\s*{_MON}(?:\s+{_YEAR})?\b(?!\s+[0-3]?\d\b)"
        ),
    ),
    ("last_month", re.compile(r"\b(?:last month|earlier this month|this month)\b", re.IGNORECASE)),
    # "Last year, strikes destroyed half the grid": no day, so no record (GUIDELINES).
    (
        "year_only",
        re.compile(
            r"\b(?:last year|(?:earlier )?this year|a year ago|"
            # a season names no day either: "earlier this spring", "last winter"
            r"(?:earlier |early |late )?(?:this|last) (?:spring|summer|autumn|fall|winter)|"
            r"earlier in the (?:spring|summer|autumn|fall|winter|year))\b",
            re.IGNORECASE,
        ),
    ),
]
#: A superlative or ordinal that measures the attack against a period ("the largest attack this
#: year", "the third strike since the war began"): the period is no date and no running total.
#: Searched in the text right before the period's phrase.
MEASURED = re.compile(
    r"\b(?:largest|biggest|heaviest|deadliest|fiercest|strongest|worst|most|first|second|third|fourth|"
    # (not across a clause of its own: "the latest attack came after Russia launched a ground
    # offensive" measures nothing against the offensive)
    r"fifth|latest|record|only|highest|largest-ever|biggest-ever|unprecedented)\b"
    r"(?:(?!\b(?:after|before|when|while)\b)[^,;.]){0,60}$",
    re.IGNORECASE,
)

# "said on Saturday", "wrote on Facebook on 5 May", "said in a statement on Monday": the
# day of the words, with the channel they were said in between.
_CHANNEL = r"(?:\s+(?:on|in|via|to)\s+(?:a\s+|an\s+|the\s+|its\s+|his\s+|her\s+|their\s+)?(?:[\w-]+\s+){0,2}?[\w-]+)?"
_REPORTING_BEFORE = re.compile(
    r"\b"
    + lexicon.fragment("time_of_speech_words")
    + _CHANNEL
    + r"\s*(?:(?:earlier|later)\s+)?(?:late\s+|early\s+|on\s+)?$"
    # "said on Sunday, June 22": the date that spells out the words' weekday
    r"|\b"
    + lexicon.fragment("time_of_speech_words")
    + r"\s+(?:late\s+|early\s+)?on\s+"
    + WEEKDAY_NAME
    + r",\s+$"
    # "contacted the ministries for comment on Monday": when the outlet asked, not the attack
    r"|\bfor comment\s+(?:on\s+)?$"
    # "in a bulletin issued by the general staff late on Monday": when it was made public
    r"|\b(?:released|issued|published|posted)\s+by\s+(?:the\s+)?(?:[\w'’-]+\s+){1,4}?(?:late\s+|early\s+|on\s+)+$"
    # "according to an announcement by the defence ministry on Monday": the words' day too
    r"|\b(?:announcement|statement|report|update|briefing|bulletin|message)s?\s+(?:by|from)\s+(?:the\s+)?"
    r"(?:[\w'’-]+\s+){1,4}?(?:late\s+|early\s+|on\s+)*$",
    re.IGNORECASE,
)
# "the death toll from the strike on the city rose to 14 on Sunday": the day the toll was
# counted (searched in a longer stretch: the attack may stand between the toll and its rise)
_TOLL_COUNTED_BEFORE = re.compile(
    rf"\b{TOLL_NOUN}\b[^.;]{{0,150}}?\b{TOLL_ROSE}\s+(?:to\s+)?(?:at least\s+)?[\w-]+"
    r"(?:\s+(?:people|persons|civilians))?\s+(?:late\s+|early\s+|on\s+)*$",
    re.IGNORECASE,
)
# "the agency on Tuesday reported": a day standing right before a speech verb is when it was said.
# (An attack that "claimed the lives" of people claimed nothing: it killed them.)
_NOT_SPEECH = r"(?!\s+(?:the\s+)?li(?:ves|fe)\b)"
_REPORTING_AFTER = re.compile(
    r"^\s*(?:also\s+|later\s+|again\s+)?" + lexicon.fragment("time_of_speech_words") + r"\b" + _NOT_SPEECH,
    re.IGNORECASE,
)


# "Yesterday, Russia said ...", "On Monday, the ministry reported ...": a day opening the sentence
# before a short subject and its speech verb is when it was said.
# ("On January 10, the Russian Ministry of Defence began claiming ...": a longer office's name,
# and a speech begun)
_OPENS_SPEECH = re.compile(
    r"^\s*,\s*(?:[\w'’.-]+\s+){1,6}?(?:also\s+)?(?:(?:began|started)\s+(?:claiming|reporting|saying)\b|"
    + lexicon.fragment("time_of_speech_words")
    + r")\b"
    + _NOT_SPEECH,
    re.IGNORECASE,
)


#: Expressions that name a night.
_NIGHTS = frozenset({"overnight", "overnight_into", "night_span"})


# What may open a sentence before its day: "On the morning of January 10, the ministry said"
# ("Later on Monday, the ministry said 16 more were downed": the day of more attacks too).
_SENTENCE_OPENING = re.compile(
    r"\s*(?:(?:on|in|during)\s+)?(?:the\s+(?:morning|afternoon|evening|night)\s+of\s+)?",
    re.IGNORECASE,
)


# "will meet on Monday", "is expected to vote on Tuesday", "as expected on Friday": a weekday
# that a future or a plan governs, in its clause, is a day to come, not the day of an attack.
_FUTURE_BEFORE = re.compile(
    r"\b(?:will|shall|'ll|’ll|(?:is|are) (?:expected|due|set|scheduled|to)|as expected|plans? to|"
    r"planned|next)\b(?:\s+(?!(?:\w+ed|hit|struck|shot|was|were)\b)[^\s,;:.!?]+){0,20}(?:\s+(?:on|this))?\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class TimeExpr:
    start: int
    end: int
    text: str
    strategy: str
    groups: tuple[tuple[str, str | None], ...]
    reporting: bool = False  # "said on Saturday": when it was said, not when it happened
    future: bool = False  # "will meet on Monday": a day to come

    def group(self, name: str) -> str | None:
        return dict(self.groups).get(name)

    def req(self, name: str) -> str:
        """A group the strategy's pattern always fills; KeyError when it did not match."""
        value = self.group(name)
        if value is None:
            raise KeyError(name)
        return value


@dataclass(frozen=True)
class ResolvedDate:
    date: dt.date
    precision: str  # day | week | month
    strategy: str


# Every pattern above needs one of these; most sentences have none and skip the patterns.
# (searched in the lowered sentence: faster than a case-blind search)
_TIME_GATE = re.compile(
    r"\d|day|night|morning|afternoon|evening|week|month|year|spring|summer|autumn|fall|winter|"
    r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
)


# "Palm Sunday", "Easter Monday", "Good Friday": a feast's name, not a day of the recent week.
_HOLIDAY_BEFORE = re.compile(r"\b(?:Palm|Easter|Good|Holy|Maundy|Bloody|Black|Trinity|Forgiveness|Clean)\s*$")


# "Dec. 1-7", "5–11 April": a range of days (a week's digest) names no day of an attack.
_PERIOD_ENDS = {
    "month_day": re.compile(r"\s*[-–]\s*(\d{1,2})\b"),
    "day_month": re.compile(r"\b(\d{1,2})\s*[-–]\s*$"),
}


def _a_period(text: str, start: int, end: int, name: str) -> bool:
    """Whether the day at text[start:end] opens or closes a range of three days or more."""
    if name == "month_day":
        other = _PERIOD_ENDS[name].match(text, end)
        day = re.search(r"\d{1,2}\s*$", text[start:end])
    else:
        other = _PERIOD_ENDS[name].search(text[max(0, start - 6) : start])
        day = re.match(r"\d{1,2}", text[start:end])
    return other is not None and day is not None and abs(int(other.group(1)) - int(day.group(0))) >= 2


# "ahead of the May 9 parade", "in the run-up to the 24 August holiday": a day to come.
_AHEAD_BEFORE = re.compile(
    r"\b(?:ahead of|in the run-up to|on the eve of|in the lead-up to)\s+(?:the\s+|this\s+)?$", re.I
)


def find_time_expressions(text: str) -> list[TimeExpr]:
    """Non-overlapping time phrases in ``text``, earlier strategies first at a position."""
    found: list[TimeExpr] = []
    if not _TIME_GATE.search(text.lower()):
        return found
    taken: list[tuple[int, int]] = []
    for name, pattern in PATTERNS:
        for m in pattern.finditer(text):
            s, e = m.span()
            if name == "weekday" and not m.group("wd"):
                continue
            if any(s < te and ts < e for ts, te in taken):
                continue
            if name == "month_day" and m.group("mon").lower() == "may" and not m.group("mon")[0].isupper():
                continue
            if name == "day_month" and m.group("mon").lower() == "may" and m.group("mon")[0] != "M":
                continue
            if name in _PERIOD_ENDS and _a_period(text, s, e, name):
                continue
            if name == "weekday" and (m.group("mod") or "").lower() in {"until", "by"}:
                continue
            if name == "weekday" and _HOLIDAY_BEFORE.search(text[max(0, s - 20) : s]):
                continue
            if name == "year_only" and MEASURED.search(text[max(0, s - 80) : s]):
                continue
            reporting = (
                bool(_REPORTING_BEFORE.search(text[max(0, s - 60) : s]))
                or bool(_TOLL_COUNTED_BEFORE.search(text[max(0, s - 220) : s]))
                or bool(_REPORTING_AFTER.match(text[e : e + 30]))
                or (
                    bool(_SENTENCE_OPENING.fullmatch(text[:s]))
                    and bool(_OPENS_SPEECH.match(text[e : e + 60]))
                    # "Overnight, the ministry said it downed 54 drones": a night opening the
                    # sentence is when the attack came; statements are made by day.
                    and name not in _NIGHTS
                )
            )
            future = (name == "weekday" and bool(_FUTURE_BEFORE.search(text[max(0, s - 160) : s]))) or (
                name in {"month_day", "day_month"} and bool(_AHEAD_BEFORE.search(text, max(0, s - 30), s))
            )
            groups = tuple(sorted(m.groupdict().items()))
            found.append(TimeExpr(s, e, m.group(0), name, groups, reporting, future))
            taken.append((s, e))
    return sorted(found, key=lambda t: t.start)


def _month(name: str | None) -> int:
    return MONTHS[(name or "").lower().rstrip(".")]


def _with_year(month: int, day: int, published: dt.date) -> dt.date | None:
    """A day-and-month date in the year that puts it at or shortly before publication."""
    for year in (published.year, published.year - 1):
        try:
            d = dt.date(year, month, day)
        except ValueError:
            return None
        if d <= published + dt.timedelta(days=2):
            return d
    return None


def _weekday_before(wd: int, published: dt.date) -> dt.date:
    """The most recent such weekday on or before publication (same day allowed)."""
    return published - dt.timedelta(days=(published.weekday() - wd) % 7)


Strategy = Callable[[TimeExpr, dt.date], ResolvedDate | None]


def _explicit(expr: TimeExpr, published: dt.date) -> ResolvedDate | None:
    g, req = expr.group, expr.req
    d: dt.date | None
    try:
        if expr.strategy in {"iso", "dotted"}:
            d = dt.date(int(req("year")), int(req("month")), int(req("day")))
        elif expr.strategy in {"day_month_year", "month_day_year"}:
            d = dt.date(int(req("year")), _month(g("mon")), int(req("day")))
        elif expr.strategy in {"day_month", "month_day"} and g("last"):
            d = dt.date(published.year - 1, _month(g("mon")), int(req("day")))
        elif expr.strategy in {"day_month", "month_day"}:
            d = _with_year(_month(g("mon")), int(req("day")), published)
        elif expr.strategy == "day_span":
            d = _with_year(_month(g("mon") or req("mon2")), int(g("day") or req("day2")), published)
            if d is not None and int(g("end") or req("end2")) not in {d.day, (d + dt.timedelta(days=1)).day}:
                return None  # a period of days ("from 1 to 20 May") is no one day
        elif expr.strategy == "night_span":
            month, day = _month(g("mon") or g("mon2")), int(g("day") or req("day2"))
            d = dt.date(int(req("year")), month, day) if g("year") else _with_year(month, day, published)
        else:
            return None
    except (ValueError, KeyError, TypeError):
        return None
    return ResolvedDate(d, "day", expr.strategy) if d else None


def _weekday(expr: TimeExpr, published: dt.date) -> ResolvedDate | None:
    if expr.strategy not in {"weekday", "overnight_into", "weekday_span"}:
        return None
    wd = WEEKDAYS[expr.req("wd").lower()]
    d = _weekday_before(wd, published)
    if (expr.group("mod") or "").lower() == "last" and d == published:
        d -= dt.timedelta(days=7)
    # "overnight into Sunday" is Sunday: a night named by the day it leads into is that day
    # (GUIDELINES, settled calls), so the weekday stands as it is.
    return ResolvedDate(d, "day", expr.strategy)


_SMALL = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def _relative_day(expr: TimeExpr, published: dt.date) -> ResolvedDate | None:
    offsets = {"yesterday": 1, "overnight": 1, "today": 0}
    if expr.strategy == "days_ago":
        n = expr.group("n")
        back = 7 if expr.group("week") else 2 if n is None else (_SMALL.get(n.lower()) or int(n))
        return ResolvedDate(published - dt.timedelta(days=back), "day", expr.strategy)
    if expr.strategy not in offsets:
        return None
    return ResolvedDate(published - dt.timedelta(days=offsets[expr.strategy]), "day", expr.strategy)


def _week(expr: TimeExpr, published: dt.date) -> ResolvedDate | None:
    if expr.strategy != "last_week":
        return None
    back = 7 if expr.text.lower().startswith(("last", "a week")) else 2
    return ResolvedDate(published - dt.timedelta(days=back), "week", expr.strategy)


def _month_only(expr: TimeExpr, published: dt.date) -> ResolvedDate | None:
    if expr.strategy == "year_only":
        # A year says no more than its months do: the record it dates is dropped as dayless.
        year = published.year - (1 if expr.text.lower().startswith(("last", "a year")) else 0)
        return ResolvedDate(min(dt.date(year, 6, 15), published), "month", expr.strategy)
    if expr.strategy == "last_month":
        if expr.text.lower().startswith("last"):
            first = published.replace(day=1) - dt.timedelta(days=1)
            return ResolvedDate(first.replace(day=15), "month", expr.strategy)
        return ResolvedDate(published.replace(day=1), "month", expr.strategy)
    if expr.strategy != "month_only":
        return None
    month = _month(expr.group("mon"))
    year = int(expr.req("year")) if expr.group("year") else published.year
    # "last April", said in April, is the April of the year before
    latest = published.month - (1 if (expr.group("when") or "").lower() == "last" else 0)
    if not expr.group("year") and month > latest:
        year -= 1
    return ResolvedDate(dt.date(year, month, 15), "month", expr.strategy)


#: The named strategies, in the order they are tried.
STRATEGIES: list[tuple[str, Strategy]] = [
    ("explicit", _explicit),
    ("weekday", _weekday),
    ("relative_day", _relative_day),
    ("week", _week),
    ("month", _month_only),
]


def name_the_night(resolved: list[ResolvedDate], nights: set[dt.date]) -> list[ResolvedDate]:
    """A bare "overnight" of an article that names that night by the day it leads into
    ("overnight into Tuesday") is that day: GUIDELINES date a bare night by the day it started
    on only when the article gives no day. ``nights`` are the days the article's nights lead into."""
    one = dt.timedelta(days=1)
    return [
        ResolvedDate(r.date + one, r.precision, "overnight_named")
        if r.strategy == "overnight" and r.date + one in nights
        else r
        for r in resolved
    ]


def resolve(expr: TimeExpr, published: dt.date) -> ResolvedDate | None:
    """The date a time phrase names, anchored on the publication date (first strategy wins)."""
    if expr.future or expr.strategy == "anaphoric":
        return None
    for _name, strategy in STRATEGIES:
        result = strategy(expr, published)
        if result is not None:
            if result.date > published:
                # a day after publication is a plan, another event's ("as the city marks
                # Christmas on December 25"), or a misread: an attack reported has happened
                return None
            return result
    return None


_FULL_DATE = {"iso", "dotted", "day_month_year", "month_day_year"}


def has_full_date(text: str) -> bool:
    """Whether ``text`` writes a date out with its year ("3 March 2024", "2024-03-03")."""
    return any(e.strategy in _FULL_DATE for e in find_time_expressions(text))


def infer_published(text: str) -> tuple[dt.date | None, str | None]:
    """Infer the publication date of an undated article from its text.

    The latest explicit full date is a lower bound (a story is not published before the
    last day it names). Weekdays the text names ("on Thursday", "said on Saturday") lie in
    the week before publication, and news names recent days: of the seven days from the
    bound on, the one that makes the named weekdays most recent wins, a weekday of reported
    speech ("Moscow said on Thursday") counting three times as much, because what was said
    is nearly always said on the day of the story or the day before.
    Returns ``(date, "text")`` or ``(None, None)``.
    """
    exprs = find_time_expressions(text[:20000])
    full = []
    for e in exprs:
        if e.strategy in _FULL_DATE:
            r = _explicit(e, dt.date.max)
            if r is not None and dt.date(1990, 1, 1) <= r.date <= dt.date.today() + dt.timedelta(days=1):
                full.append(r.date)
    if not full:
        return None, None
    anchor = max(full)
    named = [
        (WEEKDAYS[e.req("wd").lower()], 3 if e.reporting else 1) for e in exprs if e.strategy == "weekday"
    ]
    if not named:
        return anchor, "text"

    def cost(pub: dt.date) -> int:
        return sum(weight * ((pub.weekday() - wd) % 7) for wd, weight in named)

    best = min((anchor + dt.timedelta(days=d) for d in range(7)), key=lambda pub: (cost(pub), pub))
    return best, "text"
