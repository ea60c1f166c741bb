"""The GUIDELINES scorer (shared/eval/GUIDELINES.md, "How a system is scored against gold").

Per article, predicted records that share (region, date) are summed first; a predicted
record matches a gold record when both name the same ``region`` (or both ``null`` with the
same ``country``) and their dates differ by at most one day, exact dates first. Counts are
pooled over all articles (micro averages).

Besides the scores, this module splits a gold folder into a tuning and a held-out half
(``--split``) and explains each article's errors: gold records nobody found, predicted
records nobody asked for (with the sentences that produced them) and the fields that differ
on matched pairs. Printing lives in ``analytics.evaluate_report``.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from analytics.models import StrikeReport

NUMERIC_FIELDS = ("launched", "intercepted", "killed", "wounded")
# Predicted records may carry ``{field: [sentence, ...]}`` under this key; the scorer ignores
# it, merge_same_area_day keeps every contributing report's sentences.
EVIDENCE_KEY = "evidence"
# Fields shown as "predicted -> gold" on matched pairs: the ones the GUIDELINES score.
DIFF_FIELDS = ("date", "attacker", "killed", "wounded", "weapons", "source_types")
# The extractor keeps the evidence of ``source_types`` under the field it is derived from.
EVIDENCE_FIELD = {"source_types": "sources"}

Record = dict[str, Any]
FieldValue = str | int | list[str] | None
Half = Literal["tuning", "held_out", "all"]


def _area(rec: dict[str, Any]) -> tuple[str | None, str | None]:
    region = rec.get("region")
    return (region, None) if region else (None, rec.get("country"))


def _day(rec: dict[str, Any]) -> dt.date | None:
    value = rec.get("date")
    return dt.date.fromisoformat(value[:10]) if value else None


def _sum(a: int | None, b: int | None) -> int | None:
    if a is None:
        return b
    if b is None:
        return a
    return a + b


def merge_same_area_day(records: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Sum predicted records sharing (region, date): a split strike is not double-counted.

    An ``evidence`` entry (field -> sentences) is carried through as the union of the
    contributing records' sentences, so a merged record can still say where it came from.
    """
    merged: dict[tuple[Any, ...], dict[str, Any]] = {}
    for rec in records:
        key = (*_area(rec), rec.get("date"))
        if key not in merged:
            merged[key] = {
                **rec,
                **{k: list(rec.get(k) or []) for k in ("weapons", "systems", "source_types")},
            }
            if EVIDENCE_KEY in rec:
                # A fresh copy: merging must not grow the caller's own lists.
                merged[key][EVIDENCE_KEY] = {f: list(v) for f, v in rec[EVIDENCE_KEY].items()}
            continue
        into = merged[key]
        for f in NUMERIC_FIELDS:
            into[f] = _sum(into.get(f), rec.get(f))
        for f in ("weapons", "systems", "source_types"):
            into[f] = into[f] + [v for v in rec.get(f) or [] if v not in into[f]]
        if rec.get(EVIDENCE_KEY):
            evidence = into.setdefault(EVIDENCE_KEY, {})
            for f, sentences in rec[EVIDENCE_KEY].items():
                kept = evidence.setdefault(f, [])
                kept.extend(s for s in sentences if s not in kept)
    return list(merged.values())


def match_records(
    predicted: Sequence[dict[str, Any]], gold: Sequence[dict[str, Any]]
) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Greedy one-to-one matching: same area, |date difference| <= 1, exact dates first."""
    candidates = []
    for i, p in enumerate(predicted):
        for j, g in enumerate(gold):
            if _area(p) != _area(g):
                continue
            pd_, gd = _day(p), _day(g)
            if pd_ is None or gd is None:
                gap = 0 if pd_ == gd else 99
            else:
                gap = abs((pd_ - gd).days)
            if gap <= 1:
                candidates.append((gap, i, j))
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _gap, i, j in sorted(candidates):
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        pairs.append((predicted[i], gold[j]))
    return pairs


@dataclass
class SetCounts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, pred: Iterable[str], gold: Iterable[str]) -> None:
        p, g = set(pred), set(gold)
        self.tp += len(p & g)
        self.fp += len(p - g)
        self.fn += len(g - p)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Rate:
    hit: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.hit += int(ok)
        self.total += 1

    @property
    def value(self) -> float:
        return self.hit / self.total if self.total else 1.0


@dataclass
class Scores:
    records: SetCounts = field(default_factory=SetCounts)
    exact_date: Rate = field(default_factory=Rate)
    attacker: Rate = field(default_factory=Rate)
    killed: Rate = field(default_factory=Rate)
    wounded: Rate = field(default_factory=Rate)
    weapons: SetCounts = field(default_factory=SetCounts)
    systems: SetCounts = field(default_factory=SetCounts)
    source_types: SetCounts = field(default_factory=SetCounts)
    published: Rate = field(default_factory=Rate)

    def add_article(self, predicted: Sequence[dict[str, Any]], gold: Sequence[dict[str, Any]]) -> None:
        predicted = merge_same_area_day(predicted)
        pairs = match_records(predicted, gold)
        self.records.tp += len(pairs)
        self.records.fp += len(predicted) - len(pairs)
        self.records.fn += len(gold) - len(pairs)
        for p, g in pairs:
            self.exact_date.add(p.get("date") == g.get("date"))
            self.attacker.add(p.get("attacker") == g.get("attacker"))
            for f in ("killed", "wounded"):
                if g.get(f) is not None:
                    getattr(self, f).add(p.get(f) == g.get(f))
            self.weapons.add(p.get("weapons") or [], g.get("weapons") or [])
            self.systems.add(p.get("systems") or [], g.get("systems") or [])
            self.source_types.add(p.get("source_types") or [], g.get("source_types") or [])

    def as_dict(self) -> dict[str, float | int]:
        return {
            "records_gold": self.records.tp + self.records.fn,
            "records_predicted": self.records.tp + self.records.fp,
            "records_matched": self.records.tp,
            "record_precision": round(self.records.precision, 4),
            "record_recall": round(self.records.recall, 4),
            "record_f1": round(self.records.f1, 4),
            "exact_date": round(self.exact_date.value, 4),
            "attacker": round(self.attacker.value, 4),
            "killed_exact": round(self.killed.value, 4),
            "wounded_exact": round(self.wounded.value, 4),
            "weapons_f1": round(self.weapons.f1, 4),
            "systems_recall": round(self.systems.recall, 4),
            "source_types_f1": round(self.source_types.f1, 4),
            "published_inferred": round(self.published.value, 4),
            "published_checked": self.published.total,
        }


def score(predicted: Sequence[dict[str, Any]], gold: Sequence[dict[str, Any]]) -> dict[str, float | int]:
    """Score one article's predicted GUIDELINES records against its gold records."""
    s = Scores()
    s.add_article(predicted, gold)
    return s.as_dict()


def gold_files(gold_dir: Path) -> list[tuple[Path, Path]]:
    """(article file, gold file) pairs of a folder: every ARTICLE.gold.json with its article beside it."""
    pairs = []
    for gold_path in sorted(gold_dir.glob("*.gold.json")):
        name = json.loads(gold_path.read_text(encoding="utf-8")).get("article")
        article_path = gold_dir / name if name else None
        if article_path is None or not article_path.exists():
            stem = gold_path.name[: -len(".gold.json")]
            found = [p for p in gold_dir.glob(stem + ".*") if not p.name.endswith(".gold.json")]
            article_path = found[0] if found else None
        if article_path is not None:
            pairs.append((article_path, gold_path))
    return pairs


# --------------------------------------------------------------------------- hold-out split


def held_out_names(gold_dir: Path, names: Iterable[str], every: int) -> tuple[set[str], str]:
    """The article file names of the held-out half, and what the split was made on.

    With an ``INDEX.tsv`` (tab separated, header row, first column ``file``) the files at
    1-based rows ``every``, ``2*every``... of it are held out; files it does not list are
    tuning. Without one, every ``every``-th of the sorted ``names`` is held out.
    """
    if every < 2:
        raise ValueError(f"--split needs N >= 2 (N=1 would hold out everything): {every}")
    index = gold_dir / "INDEX.tsv"
    if not index.is_file():
        return {n for i, n in enumerate(sorted(names), 1) if i % every == 0}, "sorted names"
    with index.open(encoding="utf-8", newline="") as fh:
        rows = [row for row in csv.reader(fh, delimiter="\t") if row and row[0].strip()]
    if not rows or rows[0][0].strip() != "file":
        raise ValueError(f"{index}: the first column of the header must be 'file'")
    listed = [row[0].strip() for row in rows[1:]]
    return {n for i, n in enumerate(listed, 1) if i % every == 0}, "INDEX.tsv"


# --------------------------------------------------------------------------- articles


@dataclass
class FieldDiff:
    """One scored field of a matched pair that the prediction got wrong."""

    field: str
    predicted: FieldValue
    gold: FieldValue
    evidence: list[str]


@dataclass
class PairDiff:
    """A matched (merged predicted, gold) pair and the fields where they differ."""

    predicted: Record
    gold: Record
    fields: list[FieldDiff]


@dataclass
class ArticleDetail:
    """Why an article scores as it does."""

    missed: list[Record]  # gold records that no predicted record matched
    extra: list[Record]  # merged predicted records that matched no gold record
    differences: list[PairDiff]  # matched pairs with at least one wrong field


def record_sentences(record: Record) -> list[str]:
    """Every distinct evidence sentence of a (merged) predicted record, first seen first."""
    out: list[str] = []
    for sentences in (record.get(EVIDENCE_KEY) or {}).values():
        out.extend(s for s in sentences if s not in out)
    return out


def _as_set(value: list[str] | None) -> list[str]:
    return sorted(set(value or []))


def field_differences(predicted: Record, gold: Record) -> list[FieldDiff]:
    """The DIFF_FIELDS a matched pair disagrees on, compared as the scorer compares them."""
    diffs = []
    evidence = predicted.get(EVIDENCE_KEY) or {}
    for f in DIFF_FIELDS:
        p, g = predicted.get(f), gold.get(f)
        if f in ("weapons", "source_types"):
            p, g = _as_set(p), _as_set(g)
        elif f in ("killed", "wounded") and g is None:
            continue  # not scored where gold says nothing
        if p != g:
            diffs.append(FieldDiff(f, p, g, list(evidence.get(EVIDENCE_FIELD.get(f, f), []))))
    return diffs


def article_detail(predicted: Sequence[Record], gold: Sequence[Record]) -> ArticleDetail:
    """Missed gold records, extra predicted records and wrong fields, by the scoring rule."""
    merged = merge_same_area_day(predicted)
    pairs = match_records(merged, gold)
    used_p = {id(p) for p, _ in pairs}
    used_g = {id(g) for _, g in pairs}
    return ArticleDetail(
        missed=[g for g in gold if id(g) not in used_g],
        extra=[p for p in merged if id(p) not in used_p],
        differences=[PairDiff(p, g, d) for p, g in pairs if (d := field_differences(p, g))],
    )


def report_evidence(report: StrikeReport) -> dict[str, list[str]]:
    """A report's evidence as ``{field: [sentence]}``, the form merge_same_area_day carries."""
    return {name: [ev.sentence] for name, ev in report.evidence.items()}


@dataclass
class ArticleResult:
    """One article's extraction next to its gold file."""

    article: str
    predicted: list[Record]  # GUIDELINES records, as extracted (not merged)
    gold: list[Record]
    evidence: list[dict[str, list[str]]] = field(default_factory=list)  # one per predicted
    published_ok: bool | None = None  # publication date inferred right; None: gold has none
    held_out: bool = False

    def scores(self) -> Scores:
        s = Scores()
        s.add_article(self.predicted, self.gold)
        return s

    def with_evidence(self) -> list[Record]:
        """The predicted records with their evidence sentences under EVIDENCE_KEY."""
        evidence = self.evidence or [{} for _ in self.predicted]
        return [{**p, EVIDENCE_KEY: ev} for p, ev in zip(self.predicted, evidence, strict=True)]

    def detail(self) -> ArticleDetail:
        return article_detail(self.with_evidence(), self.gold)


def total_scores(results: Iterable[ArticleResult]) -> Scores:
    """Micro-averaged scores over articles, with the publication-date rate."""
    total = Scores()
    for r in results:
        total.add_article(r.predicted, r.gold)
        if r.published_ok is not None:
            total.published.add(r.published_ok)
    return total


@dataclass
class FolderResult:
    """A gold folder's articles, split into tuning and held-out when asked."""

    path: Path
    articles: list[ArticleResult]
    split: int | None = None
    split_by: str | None = None  # "INDEX.tsv" or "sorted names"

    def half(self, which: Half) -> list[ArticleResult]:
        if which == "all":
            return list(self.articles)
        return [a for a in self.articles if a.held_out == (which == "held_out")]

    def scores(self, which: Half = "all") -> Scores:
        return total_scores(self.half(which))


def evaluate_folder(gold_dir: Path, split: int | None = None) -> FolderResult:
    """Extract every article of ``gold_dir`` anchored on its gold date, keeping the evidence.

    ``split=N`` marks the held-out half (see held_out_names); the extraction is the same.
    """
    from analytics.extract import extract_article
    from analytics.extract.pipeline import anchor_date
    from analytics.models import report_to_guidelines
    from analytics.readers import read_path

    pairs = gold_files(gold_dir)
    held: set[str] = set()
    split_by = None
    if split is not None:
        held, split_by = held_out_names(gold_dir, [a.name for a, _ in pairs], split)
    results = []
    for article_path, gold_path in pairs:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        published = dt.date.fromisoformat(gold["published"]) if gold.get("published") else None
        article = read_path(article_path)[0]
        # How well the publication date is found when nobody gives it.
        published_ok = None
        if published is not None:
            found = anchor_date(article)[0]
            published_ok = found == published
        article.published = published
        article.published_how = "user"
        reports = extract_article(article)
        results.append(
            ArticleResult(
                article=article_path.name,
                predicted=[report_to_guidelines(r) for r in reports],
                gold=gold["records"],
                evidence=[report_evidence(r) for r in reports],
                published_ok=published_ok,
                held_out=article_path.name in held,
            )
        )
    return FolderResult(gold_dir, results, split, split_by)


def evaluate_dir(gold_dir: Path) -> tuple[Scores, list[dict[str, Any]]]:
    """Extract every article of ``gold_dir`` anchored on its gold date and score it."""
    folder = evaluate_folder(gold_dir)
    per_article = [
        {"article": a.article, **a.scores().as_dict(), "predicted": a.predicted} for a in folder.articles
    ]
    return folder.scores(), per_article
