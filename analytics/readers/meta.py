"""What an article says about itself: dates, datelines, bylines, file-name timestamps.

Shared by every reader. Nothing here guesses from the body of the story: a date is taken
only from a dateline, a "published" line, a short date line under the headline, or a
corpus-style file name. The extractor infers a date from the prose later if none is found.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from analytics.models import Article

#: A month's name in any form or language dateparser reads ("Aug.", "September", "серпня",
#: "июня"); :func:`_month` tells which month, or that the word is none.
_MONTH = r"(?:[^\W\d_]{3,10})"
_WEEKDAY = r"(?:(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(?:day|nesday|urday|sday)?\.?,?\s+)"
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"

#: One date, in any of the forms news pages use (the weekday is optional and ignored).
DATE_RE = re.compile(
    rf"""(?ix)
    (?P<iso>\b(?P<iy>(?:19|20)\d\d)-(?P<im>[01]?\d)-(?P<id>[0-3]?\d)(?![\d])) |
    (?P<slash>\b(?P<sy>(?:19|20)\d\d)/(?P<sm>[01]?\d)/(?P<sd>[0-3]?\d)\b) |
    (?P<dmy>\b{_WEEKDAY}?(?P<dd>{_DAY})\.?\s+(?P<dm>{_MONTH})\.?,?\s+(?P<dy>(?:19|20)\d\d)\b) |
    (?P<mdy>\b{_WEEKDAY}?(?P<mm>{_MONTH})\.?\s+(?P<md>{_DAY}),?\s+(?P<my>(?:19|20)\d\d)\b) |
    (?P<dots>\b(?P<pd>[0-3]?\d)\.(?P<pm>[01]?\d)\.(?P<py>(?:19|20)\d\d)\b)
    """
)

_DATELINE_RE = re.compile(
    rf"""(?x)
    ^(?P<place>[A-Z][A-Za-z'’.\- ]{{1,40}}?(?:,\s*[A-Z][A-Za-z'’.\- ]{{1,30}}?)?),\s*
    (?P<date>{_WEEKDAY}?(?:{_DAY}\.?\s+{_MONTH}\.?,?\s+(?:19|20)\d\d|{_MONTH}\.?\s+{_DAY},?\s+(?:19|20)\d\d
      |(?:19|20)\d\d-\d\d-\d\d|[0-3]?\d\.[01]?\d\.(?:19|20)\d\d))
    \s*(?:\((?P<outlet>[^()]{{2,60}})\))?
    \s*(?:[-–—:.]|$)
    """
)
_PUBLISHED_RE = re.compile(
    r"(?i)\b(?:published|posted|updated|last\s+updated|first\s+published|date)\b\s*(?:on|:)?"
)
_OUTLET_PUBLISHED_RE = re.compile(r"(?i)^(?P<outlet>[^,|·•—–]{2,60}?)\s*[,|·•—–]\s*(?:published|posted)\b")
_BYLINE_RE = re.compile(r"(?i)^(?:by|words by|written by|reporting by|author:)\s+(?P<name>\S.*)$")
_BYLINE_CUT_RE = re.compile(r"\s*(?:[·|•—–/]|\s-\s|,\s*(?=\d)|\bin\s+[A-Z]|\bon\s+|\d).*$")
_NAME_JOINERS = {"and", "de", "van", "von", "al", "bin", "der", "da", "la", "le", "du", "&"}
_FILENAME_DATE_RES = (
    re.compile(r"(?P<y>(?:19|20)\d\d)(?P<m>[01]\d)(?P<d>[0-3]\d)T\d{4,6}Z?"),
    re.compile(r"^(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?=$|[_\-T. ])"),
)

#: How many non-empty lines at the top of a text are searched for a dateline or byline.
HEADER_LINES = 8


def _mk_date(y: int, m: int, d: int) -> dt.date | None:
    if not 1990 <= y <= 2100:
        return None
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def _month(name: str) -> int:
    """The month a word names, in English, Ukrainian or Russian, by dateparser; 0 for a word
    that names none."""
    import dateparser  # loaded on the first written date

    word = name.rstrip(".")
    parsed = dateparser.parse(f"15 {word} 2001", languages=list(MONTH_LANGUAGES), settings=_DATEPARSER)
    if parsed is None or (parsed.year, parsed.day) != (2001, 15):
        return 0
    return parsed.month


#: The languages whose month names a written date may use.
MONTH_LANGUAGES = ("en", "uk", "ru")
_DATEPARSER = {
    "DATE_ORDER": "DMY",
    "REQUIRE_PARTS": ["day", "month", "year"],
    "RETURN_AS_TIMEZONE_AWARE": False,
}


def _day(raw: str) -> int:
    return int(re.sub(r"\D", "", raw))


def find_date(text: str) -> tuple[dt.date | None, re.Match[str] | None]:
    """The first valid date written in ``text`` and the match it came from."""
    for m in DATE_RE.finditer(text):
        if m.group("iso"):
            d = _mk_date(int(m.group("iy")), int(m.group("im")), int(m.group("id")))
        elif m.group("slash"):
            d = _mk_date(int(m.group("sy")), int(m.group("sm")), int(m.group("sd")))
        elif m.group("dmy"):
            d = _mk_date(int(m.group("dy")), _month(m.group("dm")), _day(m.group("dd")))
        elif m.group("mdy"):
            d = _mk_date(int(m.group("my")), _month(m.group("mm")), _day(m.group("md")))
        else:
            d = _mk_date(int(m.group("py")), int(m.group("pm")), int(m.group("pd")))
        if d is not None:
            return d, m
    return None, None


def parse_date(value: object) -> dt.date | None:
    """A date from a metadata value (ISO string, ``datetime``, free-form date), or None."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        # the same years as a written date (:func:`_mk_date`): a metadata value of 2999 or 9999 is
        # a placeholder or a typo, never a day to place "yesterday" against
        return _mk_date(value.year, value.month, value.day)
    text = str(value).strip()
    if not text:
        return None
    return find_date(text)[0]


def filename_date(name: str) -> dt.date | None:
    """The date in a corpus-style file name (``20220125T090000Z_GB_en_7d015e6984.txt``) or an ISO prefix."""
    base = re.split(r"[/\\]", name)[-1]
    for rx in _FILENAME_DATE_RES:
        m = rx.search(base)
        if m:
            d = _mk_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
            if d is not None:
                return d
    return None


@dataclass
class Header:
    """What the top of a text says about the article."""

    title: str = ""
    author: str = ""
    outlet: str = ""
    published: dt.date | None = None


def _clean_author(raw: str) -> str:
    name = _BYLINE_CUT_RE.sub("", raw.strip()).strip(" ,.;:*_")
    words = name.split()
    if not words or len(words) > 8 or not words[0][:1].isupper():
        return ""
    if any(not w[:1].isupper() and w.lower() not in _NAME_JOINERS and w.lower() != "agencies" for w in words):
        return ""
    return name


def byline(line: str) -> str:
    """The author named by a ``By NAME`` line (short lines only), else ``""``."""
    line = line.strip().strip("*_ ")
    if len(line) > 120:
        return ""
    m = _BYLINE_RE.match(line)
    return _clean_author(m.group("name")) if m else ""


def dateline(line: str) -> tuple[dt.date | None, str]:
    """``KRAMATORSK, Ukraine, April 9, 2022 (Some Wire) - ...``: the date and the outlet in brackets."""
    m = _DATELINE_RE.match(line.strip().lstrip("*_ "))
    if not m:
        return None, ""
    date, _ = find_date(m.group("date"))
    return date, (m.group("outlet") or "").strip()


def date_line(line: str) -> tuple[dt.date | None, str]:
    """A short line that carries the publication date (``Published: 12 March 2024``,
    ``Europe desk | Monday 14 April 2025``, ``*Outlet, published 2022-06-28*``): the date and any outlet."""
    line = line.strip().strip("*_ ")
    if not line or len(line) > 100:
        return None, ""
    date, m = find_date(line)
    if date is None or m is None:
        return None, ""
    rest = (line[: m.start()] + " " + line[m.end() :]).strip()
    has_label = bool(_PUBLISHED_RE.search(line))
    if not has_label and len(rest.split()) > 8:
        return None, ""
    if not has_label and rest.endswith(".") and len(rest.split()) > 1:
        return None, ""  # a short sentence that happens to hold a date
    outlet = ""
    om = _OUTLET_PUBLISHED_RE.match(line)
    if om:
        outlet = om.group("outlet").strip()
    return date, outlet


def read_header(lines: list[str], *, has_title: bool) -> Header:
    """Title, byline, dateline and date lines from the first non-empty lines of a text."""
    head = Header()
    top = [ln for ln in lines[: HEADER_LINES * 4] if ln.strip()][:HEADER_LINES]
    for i, line in enumerate(top):
        if has_title and i == 0:
            continue
        if not head.author:
            head.author = byline(line)
            if head.author:
                # "By Iryna Holub · 9 July 2024" carries the date as well
                d, _ = date_line(line)
                if d and head.published is None:
                    head.published = d
                continue
        if head.published is None:
            d, outlet = dateline(line)
            if d is None:
                d, outlet = date_line(line)
            if d is not None:
                head.published = d
                head.outlet = head.outlet or outlet
    return head


def is_title_line(line: str) -> bool:
    """A first line short enough to be a headline rather than the opening paragraph."""
    line = line.strip()
    return 0 < len(line) <= 200 and not (len(line) > 120 and line.endswith("."))


def build_article(
    text: str,
    source_file: str,
    *,
    title: str = "",
    author: str = "",
    outlet: str = "",
    url: str = "",
    published: dt.date | None = None,
    published_how: str | None = None,
    user_published: dt.date | None = None,
    user_outlet: str | None = None,
) -> Article:
    """An Article with the user's fallbacks applied only where the file carries nothing.

    A date from the file keeps its ``published_how``; failing that the corpus-style file
    name gives one ("filename"); failing that the user's date ("user"); else None.
    """
    if published is None:
        fd = filename_date(source_file)
        if fd is not None:
            published, published_how = fd, "filename"
    if published is None and user_published is not None:
        published, published_how = parse_date(user_published), "user"
    if published is None:
        published_how = None
    return Article(
        text=text,
        title=_one_line(title),
        outlet=_one_line(outlet) or _one_line(user_outlet or ""),
        url=safe_url(url),
        author=_one_line(author),
        published=published,
        published_how=published_how,  # type: ignore[arg-type]
        source_file=source_file,
    )


def safe_url(url: str | None) -> str:
    """An http(s) address, or ``""``: a ``javascript:``/``data:`` URL from a file is never stored."""
    text = "".join(str(url or "").split())
    return text if re.match(r"(?i)https?://[^/\s]", text) else ""


#: Bidi embedding, override and isolate controls (U+202A-U+202E, U+2066-U+2069): in a title or
#: an outlet they only reorder what is shown after them (a name reading backwards), so they are
#: not kept.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def _one_line(value: str) -> str:
    return " ".join(_BIDI_CONTROLS.sub("", str(value or "")).split())
