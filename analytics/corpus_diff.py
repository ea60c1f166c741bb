"""What an extractor change changes: one article's records before and after, compared.

Pure functions over GUIDELINES records (the dicts :func:`analytics.models.report_to_guidelines`
makes, each optionally carrying its ``evidence`` as ``{field: [sentence, ...]}``). No files, no
git, no subprocesses: those live in :mod:`analytics.corpus_diff_run`.

Records are compared as the scorer reads them (:mod:`analytics.evaluate`): an article's
records sharing region and date are summed first (:func:`merge_same_area_day`), then each
merged record is keyed by ``(country, region, date)``. A key only after the change is an
*added* record, a key only before it a *removed* one, a key on both sides whose fields differ
a *changed* one (list fields compared as sets: an order-only change is no change).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from analytics.evaluate import EVIDENCE_FIELD, EVIDENCE_KEY, Scores, merge_same_area_day, record_sentences

#: A GUIDELINES record as JSON gives it back (values: str, int, list of str or None).
Record = dict[str, object]
#: How a merged record is known on both sides: (country, region, date).
RecordKey = tuple[str | None, str | None, str | None]

#: Fields whose values are lists compared without their order.
LIST_FIELDS = ("weapons", "systems", "sources", "source_types")
#: Characters of an evidence sentence shown in a diff.
EXCERPT_CHARS = 200


@dataclass
class FieldChange:
    """One field of a record that the change moved: ``old -> new``."""

    field: str
    old: object
    new: object


@dataclass
class Changed:
    """A record on both sides (same key) whose fields differ."""

    key: RecordKey
    before: Record
    after: Record
    fields: list[FieldChange]


@dataclass
class ArticleDiff:
    """One article's records before and after (merged by area and day), and what moved."""

    folder: str
    article: str
    before: list[Record]
    after: list[Record]
    added: list[Record] = field(default_factory=list)
    removed: list[Record] = field(default_factory=list)
    changed: list[Changed] = field(default_factory=list)
    error_before: str | None = None  # the extraction failed on this side: why
    error_after: str | None = None

    @property
    def differs(self) -> bool:
        """True when anything moved (records, or an extraction that failed on one side only)."""
        return bool(self.added or self.removed or self.changed or self.error_before != self.error_after)


@dataclass
class FolderSummary:
    """A folder's totals: articles, merged records on each side, what moved, record F1."""

    folder: str
    articles: int = 0
    records_before: int = 0
    records_after: int = 0
    added: int = 0
    removed: int = 0
    changed: int = 0
    articles_differing: int = 0
    errors_before: int = 0
    errors_after: int = 0
    f1_before: float | None = None  # None: the folder has no gold
    f1_after: float | None = None


def record_key(record: Mapping[str, object]) -> RecordKey:
    """``(country, region, date)`` of a record, each a string or None."""
    country, region, date = (record.get(k) for k in ("country", "region", "date"))
    return (
        country if isinstance(country, str) else None,
        region if isinstance(region, str) else None,
        date if isinstance(date, str) else None,
    )


def _sort_key(key: RecordKey) -> tuple[str, str, str]:
    return (key[0] or "", key[1] or "", key[2] or "")


def _comparable(name: str, value: object) -> object:
    if name in LIST_FIELDS and isinstance(value, list):
        return sorted({str(v) for v in value})
    return value


def field_changes(before: Mapping[str, object], after: Mapping[str, object]) -> list[FieldChange]:
    """The fields (evidence left out) whose values differ, lists compared as sets."""
    names = [k for k in before if k != EVIDENCE_KEY]
    names += [k for k in after if k != EVIDENCE_KEY and k not in before]
    out = []
    for name in names:
        old, new = before.get(name), after.get(name)
        if _comparable(name, old) != _comparable(name, new):
            out.append(FieldChange(name, old, new))
    return out


def _keyed(records: Iterable[Record]) -> dict[RecordKey, Record]:
    """Merged records by key. Merging leaves one record per key; should two still share one
    (a record naming a region under two countries), the later is summed into the earlier."""
    out: dict[RecordKey, Record] = {}
    for rec in merge_same_area_day(records):
        key = record_key(rec)
        out[key] = merge_same_area_day([out[key], rec])[0] if key in out else rec
    return out


def diff_article(
    folder: str,
    article: str,
    before: Sequence[Record],
    after: Sequence[Record],
    *,
    error_before: str | None = None,
    error_after: str | None = None,
) -> ArticleDiff:
    """Compare an article's records before and after a change (see the module docstring)."""
    old, new = _keyed(before), _keyed(after)
    diff = ArticleDiff(
        folder,
        article,
        before=list(old.values()),
        after=list(new.values()),
        error_before=error_before,
        error_after=error_after,
    )
    for key in sorted(old.keys() | new.keys(), key=_sort_key):
        if key not in old:
            diff.added.append(new[key])
        elif key not in new:
            diff.removed.append(old[key])
        elif changes := field_changes(old[key], new[key]):
            diff.changed.append(Changed(key, old[key], new[key], changes))
    return diff


def _without_evidence(records: Iterable[Record]) -> list[Record]:
    return [{k: v for k, v in r.items() if k != EVIDENCE_KEY} for r in records]


def summarise(
    folder: str, diffs: Sequence[ArticleDiff], gold: Mapping[str, Sequence[Record]] | None = None
) -> FolderSummary:
    """A folder's totals. ``gold`` (article name -> gold records) gives the record F1 on each
    side, pooled over the articles that have gold, as ``analytics.evaluate`` scores them."""
    s = FolderSummary(folder, articles=len(diffs))
    scores_before, scores_after = Scores(), Scores()
    for d in diffs:
        s.records_before += len(d.before)
        s.records_after += len(d.after)
        s.added += len(d.added)
        s.removed += len(d.removed)
        s.changed += len(d.changed)
        s.articles_differing += int(d.differs)
        s.errors_before += int(d.error_before is not None)
        s.errors_after += int(d.error_after is not None)
        if gold is not None and d.article in gold:
            scores_before.add_article(_without_evidence(d.before), gold[d.article])
            scores_after.add_article(_without_evidence(d.after), gold[d.article])
    if gold:
        s.f1_before = round(scores_before.records.f1, 4)
        s.f1_after = round(scores_after.records.f1, 4)
    return s


# --------------------------------------------------------------------------- evidence and words


def excerpt(sentence: str, limit: int = EXCERPT_CHARS) -> str:
    """A sentence on one line, cut to ``limit`` characters with an ellipsis."""
    flat = " ".join(sentence.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _evidence(record: Mapping[str, object]) -> dict[str, list[str]]:
    raw = record.get(EVIDENCE_KEY)
    if not isinstance(raw, dict):
        return {}
    return {str(k): [str(s) for s in v] for k, v in raw.items() if isinstance(v, list)}


def evidence_sentence(record: Mapping[str, object], fields: Iterable[str] = ()) -> str | None:
    """The sentence a record (or, first, one of ``fields`` of it) came from, if it says."""
    evidence = _evidence(record)
    for name in fields:
        sentences = evidence.get(EVIDENCE_FIELD.get(name, name))
        if sentences:
            return sentences[0]
    sentences = record_sentences({EVIDENCE_KEY: evidence})
    return sentences[0] if sentences else None


def changed_sentence(change: Changed) -> str | None:
    """The sentence behind a changed record: the new side's, else the old side's."""
    names = [f.field for f in change.fields]
    return evidence_sentence(change.after, names) or evidence_sentence(change.before, names)


def describe_key(key: RecordKey) -> str:
    """``Kharkivska (UA) 2024-01-02``; ``(UA) no date`` for a record without region and date."""
    country, region, date = key
    area = f"{region} ({country or '?'})" if region else f"({country or 'no country'})"
    return f"{area} {date or 'no date'}"


def _value(value: object) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(map(str, value)) + "]"
    return "null" if value is None else str(value)


#: Fields a one-line description of a record shows after its key, when they say something.
SHOWN_FIELDS = ("attacker", "location", "weapons", "launched", "intercepted", "killed", "wounded")


def describe_record(record: Mapping[str, object]) -> str:
    """A record on one line: its key, then the fields that carry a value."""
    parts = [describe_key(record_key(record))]
    for name in SHOWN_FIELDS:
        value = record.get(name)
        if value not in (None, "", [], "unknown"):
            parts.append(f"{name}={_value(value)}")
    return " ".join(parts)


def describe_change(change: FieldChange) -> str:
    """``killed 2 -> 3``; a list field by what it gained and lost: ``weapons +[missile] -[drone]``."""
    if change.field in LIST_FIELDS and isinstance(change.old, list) and isinstance(change.new, list):
        old, new = [str(v) for v in change.old], [str(v) for v in change.new]
        gained, lost = [v for v in new if v not in old], [v for v in old if v not in new]
        parts = [f"+{_value(gained)}" if gained else "", f"-{_value(lost)}" if lost else ""]
        return f"{change.field} " + " ".join(p for p in parts if p)
    return f"{change.field} {_value(change.old)} -> {_value(change.new)}"


def describe_changes(changes: Iterable[FieldChange]) -> str:
    """``killed 2 -> 3; weapons +[missile]``: every change, one after the other."""
    return "; ".join(describe_change(c) for c in changes)
