"""The typed records that travel between layers, and their row/JSON conversion.

Field names follow ``shared/eval/GUIDELINES.md`` (``date``, ``attacker``, ``country``,
``region``, ``location``, ``weapons``, ``systems``, ``launched``, ``intercepted``,
``killed``, ``wounded``, ``sources``, ``source_types``) so that a report's JSON can be
scored as is. This is the one module that converts records to and from pandas rows and
JSON: every other module calls these functions.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

import pandas as pd

#: How exactly a record's ``date`` is known, finest first. ``week``/``month``: only the week or
#: the month is known and ``date`` is a day inside it; ``unknown``: not even the month is, and
#: ``date`` is None or only a placeholder (never to be shown as a day; see
#: :func:`analytics.labels.date_label`).
DatePrecision = Literal["day", "week", "month", "unknown"]
PublishedHow = Literal["metadata", "dateline", "text", "user", "filename"]
ReviewStatus = Literal["auto", "verified", "corrected", "rejected"]

PUBLISHED_HOW: tuple[str, ...] = ("metadata", "dateline", "text", "user", "filename")
DATE_PRECISIONS: tuple[str, ...] = ("day", "week", "month", "unknown")
ATTACKERS: tuple[str, ...] = ("Russia", "Ukraine", "unknown")
WEAPON_CATEGORIES: tuple[str, ...] = ("missile", "drone", "air_strike", "artillery", "unknown")
SOURCE_TYPES: tuple[str, ...] = (
    "ukraine_official",
    "russia_official",
    "third_party_official",
    "media",
    "other",
    "unattributed",
)
TARGET_TYPES: tuple[str, ...] = (
    "residential",
    "energy",
    "military",
    "transport",
    "industrial",
    "government",
    "health",
    "education",
    "other",
    "unknown",
)
SUB_EVENT_TYPES: tuple[str, ...] = (
    "Air/drone strike",
    "Shelling/artillery/missile attack",
    "Disrupted weapons use",
)
REVIEW_STATUSES: tuple[str, ...] = ("auto", "verified", "corrected", "rejected")
#: The languages an article is read in (``analytics.extract.gloss.detect_language``): a report's
#: ``languages`` is its article's, an event's the union over its reports.
ARTICLE_LANGUAGES: tuple[str, ...] = ("en", "uk", "ru")

#: The GUIDELINES fields, in the order of the gold files.
GUIDELINE_FIELDS: tuple[str, ...] = (
    "date",
    "attacker",
    "country",
    "region",
    "location",
    "weapons",
    "systems",
    "launched",
    "intercepted",
    "killed",
    "wounded",
    "sources",
    "source_types",
)

#: An event's casualty figures over its reports: lowest, best estimate (latest report), highest.
TOLL_RANGE_FIELDS: tuple[str, ...] = tuple(
    f"{base}_{kind}" for base in ("killed", "wounded") for kind in ("low", "best", "high")
)
#: The record fields that hold lists of strings: the one definition every layer imports.
LIST_FIELDS: tuple[str, ...] = ("weapons", "systems", "sources", "source_types", "languages")
#: How a list field is written as one text value (store columns, column blocks, frames):
#: items joined by ``;``, see :func:`join_list`.
LIST_SEP = ";"
_ESCAPE = "\\"
#: The text of the list holding one empty item (``""`` is the empty list).
_ONE_EMPTY = _ESCAPE


def join_list(items: Iterable[Any]) -> str:
    """A list field as one text value, the only encoding of list fields (read by :func:`split_list`).

    Items are joined by :data:`LIST_SEP`; inside an item a backslash is written ``\\\\`` and a
    ``;`` is written ``\\;``. ``[]`` is ``""`` and ``[""]`` is a lone backslash (a value no other
    list gives). Every item comes back exactly as given: whitespace, blank items, quotes, brackets,
    line breaks and all.

    Why an escaped ``;`` list rather than JSON arrays: the store, its column blocks and the
    analysis frames all carry list fields as this text (low-cardinality categoricals that the
    filters split per category), so one lossless text encoding serves every layer unchanged and a
    list without ``;`` or ``\\`` in its items reads as before (``missile;drone``). The earlier
    reader guessed: a value starting with ``[`` was parsed as JSON, so a source such as ``[3]
    officials`` could be written but not read back. Nothing is guessed from the value now.
    """
    texts = [str(s) for s in items]
    if texts == [""]:
        return _ONE_EMPTY
    return LIST_SEP.join(t.replace(_ESCAPE, _ESCAPE * 2).replace(LIST_SEP, _ESCAPE + LIST_SEP) for t in texts)


def split_list(text: str) -> list[str]:
    """The items of a list field written by :func:`join_list`, exactly as they were given.

    Never fails: a backslash that escapes nothing (a value edited by hand) is kept as itself."""
    if not text:
        return []
    if text == _ONE_EMPTY:
        return [""]
    if _ESCAPE not in text:  # the common case: nothing escaped
        return text.split(LIST_SEP)
    items: list[str] = []
    current: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == _ESCAPE and i + 1 < n and text[i + 1] in (_ESCAPE, LIST_SEP):
            current.append(text[i + 1])
            i += 2
            continue
        if ch == LIST_SEP:
            items.append("".join(current))
            current = []
        else:
            current.append(ch)
        i += 1
    items.append("".join(current))
    return items


def split_old_list(text: str) -> list[str]:
    """The items of a list value as stores of schema version 4 and older wrote it: ``;``-joined,
    items stripped, no ``;`` inside an item (the writer made it ``,``), blank items dropped.
    Used only by the migration that re-encodes such values."""
    return [v.strip() for v in text.split(LIST_SEP) if v.strip()]


def normalise_text(text: str) -> str:
    """The canonical form an article's id is computed from.

    Unicode NFC, Windows/Mac line ends to ``\\n``, trailing spaces and surrounding blank
    lines dropped, runs of blank lines collapsed: the same article saved by two tools
    (or with and without a BOM) gets the same id.
    """
    text = unicodedata.normalize("NFC", text).replace("\ufeff", "")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.rstrip() for line in text.split("\n")]
    text = "\n".join(lines).strip()
    return re.sub(r"\n{3,}", "\n\n", text)


def article_id(text: str) -> str:
    """sha256 hex digest of the normalised text."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


@dataclass
class Article:
    """One article as a reader hands it to the extractor."""

    text: str
    title: str = ""
    outlet: str = ""
    url: str = ""
    author: str = ""
    published: dt.date | None = None
    published_how: PublishedHow | None = None
    source_file: str = ""
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            self.id = article_id(self.text)
        if self.published is not None and self.published_how is None:
            self.published_how = "user"


@dataclass
class Evidence:
    """Where a field's value came from: the sentence and the character span in the text."""

    sentence: str
    start: int
    end: int


@dataclass
class StrikeReport:
    """One strike (target area and day) as one article reports it."""

    date: dt.date | None = None
    attacker: str = "unknown"
    country: str | None = None
    region: str | None = None
    location: str = ""
    weapons: list[str] = field(default_factory=list)
    systems: list[str] = field(default_factory=list)
    launched: int | None = None
    intercepted: int | None = None
    killed: int | None = None
    wounded: int | None = None
    sources: list[str] = field(default_factory=list)
    source_types: list[str] = field(default_factory=list)
    article: str = ""
    published: dt.date | None = None
    date_precision: DatePrecision = "day"
    region_name: str = ""
    lat: float | None = None
    lon: float | None = None
    geo_precision: int = 3
    children_killed: int | None = None
    target_type: str = "unknown"
    evidence: dict[str, Evidence] = field(default_factory=dict)
    confidence: float = 0.5
    sub_event_type: str = "Shelling/artillery/missile attack"
    #: The language of the report's article (one of :data:`ARTICLE_LANGUAGES`), as a list so
    #: that an event holds the union over its reports; not a GUIDELINES field.
    languages: list[str] = field(default_factory=list)
    article_id: str = ""


@dataclass
class Claim:
    """One report's figures as kept with an event, with who said them."""

    report_id: int | None
    article_id: str
    outlet: str
    published: dt.date | None
    killed: int | None
    wounded: int | None
    sources: list[str] = field(default_factory=list)
    source_types: list[str] = field(default_factory=list)


@dataclass
class Event(StrikeReport):
    """The same strike merged across the articles that report it."""

    event_id: str = ""
    killed_low: int | None = None
    killed_best: int | None = None
    killed_high: int | None = None
    wounded_low: int | None = None
    wounded_best: int | None = None
    wounded_high: int | None = None
    number_of_reports: int = 0
    number_of_outlets: int = 0
    review_status: ReviewStatus = "auto"
    claims: list[Claim] = field(default_factory=list)


# --------------------------------------------------------------------------- conversion

_DATE_FIELDS = {"date", "published"}


def _date_to_str(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _parse_date(value: Any) -> dt.date | None:
    if value is None or value == "" or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.date()
    return dt.date.fromisoformat(str(value)[:10])


def _is_missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _optional_int(value: Any) -> int | None:
    return None if _is_missing(value) else int(value)


def _optional_float(value: Any) -> float | None:
    return None if _is_missing(value) else float(value)


def _as_list(value: Any) -> list[str]:
    """A list field from a record's JSON (a list) or a stored row or frame cell (the text of
    :func:`join_list`; never read any other way)."""
    if isinstance(value, str):
        return split_list(value)
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    if _is_missing(value):
        return []
    return [str(v) for v in value]


def report_to_guidelines(report: StrikeReport) -> dict[str, Any]:
    """The report as a GUIDELINES record (exactly the gold fields), for scoring."""
    return {
        "date": _date_to_str(report.date),
        "attacker": report.attacker,
        "country": report.country,
        "region": report.region,
        "location": report.location,
        "weapons": list(report.weapons),
        "systems": list(report.systems),
        "launched": report.launched,
        "intercepted": report.intercepted,
        "killed": report.killed,
        "wounded": report.wounded,
        "sources": list(report.sources),
        "source_types": list(report.source_types),
    }


def _evidence_to_json(evidence: dict[str, Evidence]) -> dict[str, dict[str, Any]]:
    # field by field, not dataclasses.asdict (deep copies): called for every event a write rebuilds
    return {k: {"sentence": v.sentence, "start": v.start, "end": v.end} for k, v in evidence.items()}


def _evidence_from_json(value: Any) -> dict[str, Evidence]:
    if _is_missing(value) if not isinstance(value, dict) else False:
        return {}
    if isinstance(value, str):
        value = json.loads(value) if value else {}
    return {k: Evidence(**v) for k, v in value.items()}


def record_to_json(record: StrikeReport) -> dict[str, Any]:
    """A JSON-ready dict: the GUIDELINES fields first, then the project's own fields."""
    out = report_to_guidelines(record)
    for name in _field_names(type(record)):
        if name in out:
            continue
        value = getattr(record, name)
        if name in _DATE_FIELDS:
            value = _date_to_str(value)
        elif name in LIST_FIELDS:
            value = list(value)
        elif name == "evidence":
            value = _evidence_to_json(value)
        elif name == "claims":
            value = [claim_to_json(c) for c in value]
        out[name] = value
    return out


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    """A record class's field names, looked up once (``dataclasses.fields`` is slow)."""
    if cls not in _FIELD_NAMES:
        _FIELD_NAMES[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return _FIELD_NAMES[cls]


def claim_to_json(claim: Claim) -> dict[str, Any]:
    # field by field, not dataclasses.asdict: an event of a widely reported strike holds
    # thousands of claims, written again whenever the event is rebuilt
    return {
        "report_id": claim.report_id,
        "article_id": claim.article_id,
        "outlet": claim.outlet,
        "published": _date_to_str(claim.published),
        "killed": claim.killed,
        "wounded": claim.wounded,
        "sources": list(claim.sources),
        "source_types": list(claim.source_types),
    }


def claim_from_json(data: dict[str, Any]) -> Claim:
    data = dict(data)
    data["published"] = _parse_date(data.get("published"))
    return Claim(**data)


def _from_mapping(cls: type, data: dict[str, Any]) -> Any:
    kwargs: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        if f.name not in data:
            continue
        value = data[f.name]
        if f.name in _DATE_FIELDS:
            value = _parse_date(value)
        elif f.name in LIST_FIELDS:
            value = _as_list(value)
        elif f.name == "evidence":
            value = _evidence_from_json(value)
        elif f.name == "claims":
            if isinstance(value, str):
                value = json.loads(value) if value else []
            value = [claim_from_json(c) for c in (value or [])]
        elif f.name in {"lat", "lon", "confidence"}:
            value = _optional_float(value)
            if f.name == "confidence" and value is None:
                value = 0.5
        elif f.type in ("int | None",):
            value = _optional_int(value)
        elif f.type == "int":
            value = 0 if _is_missing(value) else int(value)
        elif f.type in ("str | None",):
            value = None if _is_missing(value) else str(value)
        elif f.type == "str":
            value = "" if _is_missing(value) else str(value)
        kwargs[f.name] = value
    return cls(**kwargs)


def report_from_json(data: dict[str, Any]) -> StrikeReport:
    return _from_mapping(StrikeReport, data)


def event_from_json(data: dict[str, Any]) -> Event:
    return _from_mapping(Event, data)


def records_to_frame(records: Iterable[StrikeReport]) -> pd.DataFrame:
    """Records as a frame: one row each, lists kept as lists, dates as datetime64."""
    rows = [record_to_json(r) for r in records]
    frame = pd.DataFrame(rows)
    for col in ("date", "published"):
        if col in frame:
            frame[col] = pd.to_datetime(frame[col])
    return frame


def frame_to_records(frame: pd.DataFrame, cls: type = StrikeReport) -> list[Any]:
    """The inverse of :func:`records_to_frame` (``cls`` is StrikeReport or Event)."""
    return [_from_mapping(cls, row) for row in frame.to_dict(orient="records")]


def to_json_line(record: StrikeReport, *, guidelines_only: bool = False) -> str:
    """One JSON line: the whole record, or (``guidelines_only``) the GUIDELINES fields plus
    ``date_precision`` and ``article``."""
    data = report_to_guidelines(record) if guidelines_only else record_to_json(record)
    if guidelines_only:
        data["date_precision"] = record.date_precision
        data["article"] = record.article
    return json.dumps(data, ensure_ascii=False)


def article_to_json(article: Article) -> dict[str, Any]:
    # field by field: every field is a scalar, and asdict's deep copy costs ten times more
    out = {f.name: getattr(article, f.name) for f in dataclasses.fields(Article)}
    out["published"] = _date_to_str(article.published)
    return out


def article_from_json(data: dict[str, Any]) -> Article:
    data = {k: v for k, v in data.items() if k in {f.name for f in dataclasses.fields(Article)}}
    data["published"] = _parse_date(data.get("published"))
    return Article(**data)
