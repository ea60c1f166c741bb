"""How records are shown to people: the one place that turns codes into words.

Two parts. :func:`label` and :func:`column_label` map the stored codes (``ukraine_official``,
``air_strike``, ``killed_best``) to the words every chart, table, report and human-readable
export shows ("Ukrainian official", "Air strike", "Killed (best estimate)"); the data itself
keeps the codes. :func:`date_label` is the one date formatter behind the tables, the charts'
hover text and the exports' ``date_display`` column.

A record's ``date`` is always a day (or None); ``date_precision`` says how much of it is known
(:data:`analytics.models.DATE_PRECISIONS`). Only a day-precise date is shown as a day; for
2024-03-15 (a Friday):

- ``day``: the ISO day, ``2024-03-15``;
- ``week``: the Monday of its week, approximate: ``week of 2024-03-11 (approx.)``;
- ``month``: the ISO month, approximate: ``2024-03 (month, approx.)``;
- ``unknown``: ``unknown`` (the date, if any, is only a placeholder).

No date at all is ``unknown`` too. A missing precision means ``day`` (the store's default); a
value that is not one of the known precisions is shown as ``unknown`` rather than as a day.

Text that comes from an article (titles, outlets, sources, sentences, places) is shown inert
on every surface: :func:`display_text` drops the controls that would reorder or hide it,
:func:`markdown_text` makes it literal in Streamlit's Markdown (no link, image or autolink),
:func:`chart_text` makes it literal in Plotly's text markup (no ``<a>``, ``<br>``, ``<b>``).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import numpy as np
import pandas as pd

from analytics.models import DATE_PRECISIONS, LIST_FIELDS, split_list

#: Human words for the codes of each coded field; a code not listed is shown as it is
#: (place names, outlets, weapon systems are already words).
VALUE_LABELS: dict[str, dict[str, str]] = {
    "attacker": {"Russia": "Russia", "Ukraine": "Ukraine", "unknown": "Unknown side"},
    "weapon": {
        "missile": "Missile",
        "drone": "Drone",
        "air_strike": "Air strike",
        "artillery": "Artillery",
        "unknown": "Unknown weapon",
    },
    "source_type": {
        "ukraine_official": "Ukrainian official",
        "russia_official": "Russian official",
        "third_party_official": "Third-country official",
        "media": "Media",
        "other": "Other source",
        "unattributed": "Unattributed",
    },
    "target_type": {
        "residential": "Residential",
        "energy": "Energy",
        "military": "Military",
        "transport": "Transport",
        "industrial": "Industrial",
        "government": "Government",
        "health": "Health care",
        "education": "Education",
        "other": "Other target",
        "unknown": "Unknown target",
    },
    "review_status": {
        "auto": "Not reviewed",
        "verified": "Confirmed",
        "corrected": "Corrected",
        "rejected": "Rejected",
    },
    "date_precision": {
        "day": "Exact day",
        "week": "Week only",
        "month": "Month only",
        "unknown": "Date unknown",
    },
    "language": {"en": "English", "uk": "Ukrainian", "ru": "Russian"},
    "published_how": {
        "metadata": "Page metadata",
        "dateline": "Dateline",
        "text": "Article text",
        "user": "Set by user",
        "filename": "File name",
    },
}
# Plural columns hold the same codes as the singular field.
for _plural, _singular in (("weapons", "weapon"), ("source_types", "source_type"), ("languages", "language")):
    VALUE_LABELS[_plural] = VALUE_LABELS[_singular]

#: Column headers people read; a column not listed is shown capitalised with spaces.
COLUMN_LABELS: dict[str, str] = {
    "event_id": "Event",
    "report_id": "Report",
    "article_id": "Article",
    "date": "Date",
    "date_display": "Date",
    "date_precision": "Date known to",
    "published": "Published",
    "published_how": "Publication date from",
    "attacker": "Attacking side",
    "weapon": "Weapon",
    "weapons": "Weapons",
    "systems": "Weapon systems",
    "country": "Country hit",
    "region": "Region code",
    "region_name": "Region hit",
    "region_label": "Region hit",
    "location": "Place",
    "target_type": "Target",
    "killed_best": "Killed (best estimate)",
    "killed_low": "Killed (lowest report)",
    "killed_high": "Killed (highest report)",
    "wounded_best": "Wounded (best estimate)",
    "wounded_low": "Wounded (lowest report)",
    "wounded_high": "Wounded (highest report)",
    "killed": "Killed",
    "wounded": "Wounded",
    "launched": "Launched",
    "intercepted": "Intercepted",
    "sources": "Sources",
    "source_types": "Source types",
    "source_type": "Source type",
    "languages": "Language",
    "language": "Language",
    "n_sources": "Sources named",
    "n_reports": "Reports",
    "n_outlets": "Outlets",
    "review_status": "Review",
    "outlet": "Outlet",
    "url": "Link",
    "title": "Headline",
    "source_file": "File",
    "sentence": "Sentence",
    "confidence": "Confidence",
    "lat": "Latitude",
    "lon": "Longitude",
    "strikes": "Strikes",
    "events": "Events",
    "claims": "Claims",
    "intercepted_pct": "Intercepted (%)",
    "current": "This period",
    "previous": "Previous period",
    "change": "Change",
    "change_pct": "Change (%)",
    "figure": "Figure",
    "regions": "Regions hit",
}


def label(field: str, code: Any) -> str:
    """The words for ``code`` of ``field`` ("air_strike" of weapon: "Air strike"); unknown
    (None, NaN, empty) is "Unknown"; a code the field does not list is shown as it is."""
    if code is None or (isinstance(code, float) and code != code) or code is pd.NA or code == "":
        return "Unknown"
    text = str(code)
    return VALUE_LABELS.get(field, {}).get(text, text)


def labels(field: str, codes: Any) -> list[str]:
    """:func:`label` of each code."""
    return [label(field, c) for c in codes]


def code_of(field: str, text: Any) -> Any:
    """The code a person means by ``text`` for ``field``: its code, or its words in any case
    ("Air strike", "air strike" and "air_strike" are all ``air_strike``); other text as it is."""
    if not isinstance(text, str):
        return text
    wanted = text.strip().casefold()
    for code, words in VALUE_LABELS.get(field, {}).items():
        if wanted in (code.casefold(), words.casefold()):
            return code
    return text


def choices_text(field: str, codes: Any) -> str:
    """The allowed values of ``field`` in words, for a message ("Missile, Drone, Air strike")."""
    return ", ".join(label(field, c) for c in codes)


def column_label(name: str) -> str:
    """The header people read for column ``name`` ("killed_best": "Killed (best estimate)")."""
    if name in COLUMN_LABELS:
        return COLUMN_LABELS[name]
    words = name.replace("_", " ").strip()
    return words[:1].upper() + words[1:]


#: Columns holding figures somebody reported (or did not): a missing one is shown as
#: :data:`NOT_REPORTED`, never as a blank or "None" a reader may take for 0.
REPORTED_FIGURES: frozenset[str] = frozenset(
    [f"{b}{s}" for b in ("killed", "wounded") for s in ("", "_low", "_best", "_high")]
    + ["launched", "intercepted", "children_killed"]
)


def _missing(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, (float, np.floating)) and value != value


def _shown(value: Any, blank: str) -> Any:
    """A cell of a column with gaps, as text: whole numbers without ".0", days as ISO days."""
    if _missing(value):
        return blank
    if isinstance(value, (float, np.floating)) and float(value).is_integer():
        return str(int(value))
    if isinstance(value, pd.Timestamp):
        return f"{value:%Y-%m-%d}" if value == value.normalize() else f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return value if isinstance(value, str) else str(value)


def human_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` for people: coded values in words (list cells joined with ", "),
    list fields' stored text as their items (coded ones in words joined with ", ", others
    joined with "; ", so a comma inside a source stays readable) and headers from
    :func:`column_label`.

    Complete columns of numbers and dates are left as they are. A column with gaps becomes
    text, each gap spelt out: :data:`NOT_REPORTED` in the columns of reported figures
    (:data:`REPORTED_FIGURES`), a blank elsewhere (no outlet, no link), never "None", "nan"
    or a 0 a reader could take for a figure."""
    out = frame.copy()
    for col in out.columns:
        name = str(col)
        words = VALUE_LABELS.get(name)
        if name in LIST_FIELDS:
            out[col] = _list_cells(name, out[col], words is not None)
            continue
        if words is not None:
            out[col] = [
                ", ".join(label(name, v) for v in item)
                if isinstance(item, (list, tuple))
                else label(name, item)
                for item in out[col].astype(object)
            ]
            continue
        values = out[col]
        if isinstance(values.dtype, pd.CategoricalDtype):
            values = values.astype(object)
        if not values.isna().any():
            continue
        blank = NOT_REPORTED if name in REPORTED_FIGURES else ""
        out[col] = [_shown(v, blank) for v in values.astype(object)]
    names: dict[str, str] = {}
    used: set[str] = set()
    for c in out.columns:
        name = column_label(str(c))
        if name in used:  # two columns, one label ("region" and "region_label"): keep both apart
            name = f"{name} ({c})"
        used.add(name)
        names[str(c)] = name
    return out.rename(columns=names)


#: What an article that names no outlet is counted as.
NO_OUTLET = "outlet unknown"
#: What a table shows where nobody reported a figure (a toll, launched, intercepted): a blank
#: or "None" could be read as 0 or as a glitch.
NOT_REPORTED = "not reported"


def _list_cells(field: str, values: pd.Series, coded: bool) -> list[str]:
    """Each cell of a list column (a list, or the stored text of
    :func:`analytics.models.join_list`) as its items for people; each distinct cell worked
    out once (a column repeats few values)."""
    done: dict[Any, str] = {}

    def shown(cell: Any) -> str:
        if isinstance(cell, (list, tuple, np.ndarray)):
            items = [str(v) for v in cell]
        elif cell is None or cell is pd.NA or (isinstance(cell, float) and cell != cell):
            items = []
        else:
            items = split_list(str(cell))
        if coded:
            return ", ".join(label(field, v) for v in items) if items else label(field, None)
        return "; ".join(items)

    out = []
    for cell in values.astype(object):
        key = cell if isinstance(cell, str) else None
        if key is None:
            out.append(shown(cell))
            continue
        if key not in done:
            done[key] = shown(key)
        out.append(done[key])
    return out


#: The marker every approximate (week or month) date carries.
APPROX = "approx."
#: What a date that is not known at all (or only a placeholder) is shown as.
UNKNOWN = "unknown"
#: Rank of each precision, finest first (``unknown`` is the coarsest).
PRECISION_RANK: dict[str, int] = {p: i for i, p in enumerate(DATE_PRECISIONS)}
_NO_DAY = -(2**40)  # stands for a missing date: far from any real day, and no overflow below


def _day(value: Any) -> dt.date | None:
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.date()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, np.datetime64):
        return None if np.isnat(value) else pd.Timestamp(value).date()
    if isinstance(value, float) and value != value:
        return None
    text = str(value).strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def _precision(value: Any) -> str:
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA:
        return "day"
    text = str(value).strip()
    if not text:
        return "day"
    return text if text in PRECISION_RANK else UNKNOWN


def date_label(date: Any, precision: Any = "day") -> str:
    """A record's date as people should read it (see the module doc): never an exact day
    unless ``precision`` is ``day``."""
    day = _day(date)
    p = _precision(precision)
    if day is None or p == UNKNOWN:
        return UNKNOWN
    if p == "week":
        monday = day - dt.timedelta(days=day.weekday())
        return f"week of {monday:%Y-%m-%d} ({APPROX})"
    if p == "month":
        return f"{day:%Y-%m} (month, {APPROX})"
    return day.isoformat()


def date_labels(dates: Any, precisions: Any = None) -> pd.Series:
    """:func:`date_label` of every row (``precisions`` None: all ``day``), computed once per
    distinct (day, precision) pair, so a million rows cost a few distinct calls."""
    dates = pd.Series(dates) if not isinstance(dates, pd.Series) else dates
    index = dates.index
    if not len(dates):
        return pd.Series([], index=index, dtype=object)
    days = pd.to_datetime(dates, errors="coerce")
    if getattr(days.dt, "tz", None) is not None:
        days = days.dt.tz_localize(None)
    values = days.to_numpy(dtype="datetime64[ns]")
    ints = values.astype("datetime64[D]").view("int64").copy()
    ints[np.isnat(values)] = _NO_DAY
    if precisions is None:
        prec = np.full(len(dates), "day", dtype=object)
    else:
        prec = pd.Series(precisions).astype(object).to_numpy()
    pcodes, puniq = pd.factorize(prec, use_na_sentinel=True)
    k = len(puniq) + 1  # code 0: missing precision
    codes, uniq = pd.factorize(ints * k + (pcodes + 1))
    names = [None, *puniq]
    labels = np.array(
        [
            date_label(None if u // k == _NO_DAY else np.datetime64(int(u // k), "D"), names[int(u % k)])
            for u in uniq
        ],
        dtype=object,
    )
    return pd.Series(labels[codes], index=index, dtype=object)


def coarser_than(precision: Any, unit: str = "day") -> bool:
    """True when a date of ``precision`` is not known to the ``unit`` (``day``, ``week`` or
    ``month``): a month-precise date is coarser than a day or a week, ``unknown`` than all."""
    return PRECISION_RANK[_precision(precision)] > PRECISION_RANK[unit]


# --------------------------------------------------------------------------- inert text

#: Bidi embedding, override and isolate controls (U+202A-U+202E, U+2066-U+2069): invisible,
#: they reorder whatever follows them on the page (a title can read backwards, or swap the
#: place and the toll around it); no headline or name needs them.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
#: Other controls that have no business on a page (tab and newline kept).
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
#: Every character Markdown (CommonMark + GFM) gives a meaning to.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$&:@=\"'])")
#: What GFM turns into a link by itself: an address after "http://", "https://", "mailto:",
#: "xmpp:" or "www.", and an e-mail address. Streamlit's Markdown autolinks these even when
#: every character is backslash-escaped (the escapes are resolved first), so each is shown as an
#: inline code span instead: literal, never linked, and copied exactly as it reads.
_AUTOLINK = re.compile(r"(?i)\b(?:https?://|mailto:|xmpp:|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
#: Longest chart label (an axis tick, a legend entry): a 300-character "source" would squeeze
#: the plot to nothing. The full name stays in the hover text.
CHART_LABEL_CHARS = 40
#: Longest text in a chart's hover box.
CHART_HOVER_CHARS = 300


def display_text(value: Any) -> str:
    """``value`` as text with the bidi and other control characters removed: what it says,
    without anything that would reorder or hide the text around it when shown."""
    text = "" if value is None else str(value)
    return _CONTROLS.sub("", _BIDI_CONTROLS.sub("", text))


def markdown_text(value: Any) -> str:
    """Text from an article or a user, for a Streamlit surface that renders Markdown (alerts,
    captions, ``st.markdown``, ``st.table`` cells): shown literally, never as a link, an image
    (a remote image would be fetched as the page opens), emphasis or HTML. Markdown's characters
    are backslash-escaped; addresses go in code spans (:data:`_AUTOLINK`)."""
    text = display_text(value).replace("\n", " ")
    out: list[str] = []
    last = 0
    for m in _AUTOLINK.finditer(text):
        out.append(_MARKDOWN_SPECIAL.sub(r"\\\1", text[last : m.start()]))
        out.append(_code_span(m.group()))
        last = m.end()
    out.append(_MARKDOWN_SPECIAL.sub(r"\\\1", text[last:]))
    return "".join(out)


def _code_span(text: str) -> str:
    """``text`` as a CommonMark code span: fenced by more backticks than it holds in a row, and
    padded with a space where it starts or ends with one (the padding is not shown)."""
    fence = "`" * (max((len(r) for r in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def chart_text(value: Any, limit: int | None = CHART_HOVER_CHARS) -> str:
    """Text from an article for a Plotly figure (an axis label, a legend, hover text): one
    line of at most ``limit`` characters ("..." when cut), with ``&``, ``<`` and ``>`` as
    entities, so Plotly shows "<br>" or "<a href=...>" as those characters instead of reading
    them as its own markup (a line break, a link opening another site)."""
    text = " ".join(display_text(value).split())
    if limit is not None and len(text) > limit:
        text = text[: max(1, limit - 3)].rstrip() + "..."
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def chart_labels(values: Any, limit: int = CHART_LABEL_CHARS) -> list[str]:
    """:func:`chart_text` of each value, cut to ``limit``, kept apart: two long names that cut
    to the same words get " (2)", " (3)"... so they stay two bars, not one."""
    out: list[str] = []
    short_of: dict[str, str] = {}
    used: set[str] = set()
    for value in values:
        full = display_text(value)
        if full not in short_of:
            short = chart_text(full, limit)
            n = 1
            while short in used:
                n += 1
                short = f"{chart_text(full, limit)} ({n})"
            used.add(short)
            short_of[full] = short
        out.append(short_of[full])
    return out


__all__ = [
    "APPROX",
    "CHART_HOVER_CHARS",
    "CHART_LABEL_CHARS",
    "COLUMN_LABELS",
    "NOT_REPORTED",
    "NO_OUTLET",
    "PRECISION_RANK",
    "REPORTED_FIGURES",
    "UNKNOWN",
    "VALUE_LABELS",
    "chart_labels",
    "chart_text",
    "choices_text",
    "coarser_than",
    "code_of",
    "column_label",
    "date_label",
    "date_labels",
    "display_text",
    "human_frame",
    "label",
    "labels",
    "markdown_text",
]
