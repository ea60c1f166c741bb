"""The GUIDELINES scorer (shared/eval/GUIDELINES.md, "How a system is scored against gold").

Per article, predicted records that share (region, date) are summed first; a predicted
record matches a gold record when both name the same ``region`` (or both ``null`` with the
same ``country``) and their dates differ by at most one day, exact dates first. Counts are
pooled over all articles (micro averages).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

NUMERIC_FIELDS = ("launched", "intercepted", "killed", "wounded")


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
    """Sum predicted records sharing (region, date): a split strike is not double-counted."""
    merged: dict[tuple[Any, ...], dict[str, Any]] = {}
    for rec in records:
        key = (*_area(rec), rec.get("date"))
        if key not in merged:
            merged[key] = {
                **rec,
                **{k: list(rec.get(k) or []) for k in ("weapons", "systems", "source_types")},
            }
            continue
        into = merged[key]
        for f in NUMERIC_FIELDS:
            into[f] = _sum(into.get(f), rec.get(f))
        for f in ("weapons", "systems", "source_types"):
            into[f] = into[f] + [v for v in rec.get(f) or [] if v not in into[f]]
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


def evaluate_dir(gold_dir: Path) -> tuple[Scores, list[dict[str, Any]]]:
    """Extract every article of ``gold_dir`` anchored on its gold date and score it."""
    from analytics.extract import extract_article
    from analytics.extract.dates import infer_published
    from analytics.models import report_to_guidelines
    from analytics.readers import read_path

    total = Scores()
    per_article = []
    for article_path, gold_path in gold_files(gold_dir):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        published = dt.date.fromisoformat(gold["published"]) if gold.get("published") else None
        articles = read_path(article_path)
        article = articles[0]
        # How well the publication date is found when nobody gives it.
        if published is not None:
            found = article.published if article.published is not None else infer_published(article.text)[0]
            total.published.add(found == published)
        article.published = published
        article.published_how = "user"
        predicted = [report_to_guidelines(r) for r in extract_article(article)]
        one = Scores()
        one.add_article(predicted, gold["records"])
        total.add_article(predicted, gold["records"])
        per_article.append({"article": article_path.name, **one.as_dict(), "predicted": predicted})
    return total, per_article


def run_evaluate(args: argparse.Namespace) -> int:
    gold_dir = Path(args.gold_dir)
    if not gold_dir.is_dir():
        print(f"not a folder: {gold_dir}", file=sys.stderr)
        return 2
    total, per_article = evaluate_dir(gold_dir)
    if not per_article:
        print(f"no ARTICLE.gold.json files with their article in {gold_dir}", file=sys.stderr)
        return 2
    metrics = total.as_dict()
    if args.json:
        out: dict[str, Any] = {"articles": len(per_article), **metrics}
        if args.per_article:
            out["per_article"] = per_article
        print(json.dumps(out, indent=2, ensure_ascii=False))
        return 0
    if args.per_article:
        print(f"{'article':44} {'gold':>4} {'pred':>4} {'match':>5} {'F1':>5}")
        for row in per_article:
            print(
                f"{row['article'][:44]:44} {row['records_gold']:>4} {row['records_predicted']:>4} "
                f"{row['records_matched']:>5} {row['record_f1']:>5.2f}"
            )
        print()
    print(f"articles              {len(per_article)}")
    for key, value in metrics.items():
        print(f"{key:21} {value}")
    return 0
