"""Printing of ``python -m analytics evaluate``: text blocks, side-by-side table, JSON.

Output of one folder with no options ends with the ``key value`` metric lines, as it always
has: a hook reads the last 15 lines.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from analytics.cli_options import EvaluateOptions
from analytics.evaluate import (
    EVIDENCE_KEY,
    ArticleDetail,
    ArticleResult,
    FolderResult,
    Half,
    Record,
    evaluate_folder,
    record_sentences,
)

# The metrics of the side-by-side table of several gold sets.
MAIN_METRICS = (
    "record_precision",
    "record_recall",
    "record_f1",
    "exact_date",
    "attacker",
    "killed_exact",
    "wounded_exact",
    "weapons_f1",
    "systems_recall",
    "source_types_f1",
)
HALVES: tuple[Half, ...] = ("tuning", "held_out", "all")
HALF_LABEL = {"tuning": "tuning", "held_out": "held-out", "all": "all"}
SENTENCE_CHARS = 200


def set_names(paths: Sequence[Path]) -> list[str]:
    """A short name per gold folder: its own name, or the path as given when names clash."""
    names = [p.name or str(p) for p in paths]
    return [n if names.count(n) == 1 else str(p) for n, p in zip(names, paths, strict=True)]


def shorten(sentence: str, limit: int = SENTENCE_CHARS) -> str:
    """One line of at most ``limit`` characters."""
    text = " ".join(sentence.split())
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."


def _n(value: int | None) -> str:
    return "-" if value is None else str(value)


def format_record(rec: Record) -> str:
    """``date region location killed=.. wounded=.. launched=.. intercepted=..`` on one line."""
    area = rec.get("region") or f"{rec.get('country') or '?'} (no region)"
    numbers = " ".join(f"{f}={_n(rec.get(f))}" for f in ("killed", "wounded", "launched", "intercepted"))
    return f"{rec.get('date') or '-'} {area} {rec.get('location') or '-'}  {numbers}"


def _cell(value: float | int) -> str:
    return f"{value:.4f}" if isinstance(value, float) else str(value)


def _row_line(a: ArticleResult) -> str:
    m = a.scores().as_dict()
    return (
        f"{a.article[:44]:44} {m['records_gold']:>4} {m['records_predicted']:>4} "
        f"{m['records_matched']:>5} {m['record_f1']:>5.2f}"
    )


def detail_lines(detail: ArticleDetail) -> list[str]:
    """An article's missed, extra and wrong-field lines, indented under its score row."""
    lines = [f"    missed  {format_record(g)}" for g in detail.missed]
    for p in detail.extra:
        lines.append(f"    extra   {format_record(p)}")
        lines += [f'            > "{shorten(s)}"' for s in record_sentences(p)]
    for pair in detail.differences:
        lines.append(f"    differs {format_record(pair.gold)}")
        for d in pair.fields:
            lines.append(f"            {d.field}: {d.predicted} -> {d.gold}")
            lines += [f'              > "{shorten(s)}"' for s in d.evidence]
    return lines


def article_lines(folder: FolderResult, show_held_out: bool) -> list[str]:
    """The ``--per-article`` section: score rows, with detail where it may be read."""
    header = f"{'article':44} {'gold':>4} {'pred':>4} {'match':>5} {'F1':>5}"
    if folder.split is None:
        lines = [header]
        for a in folder.articles:
            lines += [_row_line(a), *detail_lines(a.detail())]
        return [*lines, ""]
    lines = ["tuning articles", header]
    for a in folder.half("tuning"):
        lines += [_row_line(a), *detail_lines(a.detail())]
    if show_held_out:
        lines += ["", "held-out articles", header]
    else:
        # The held-out half is read only to measure: its errors are not shown while tuning.
        lines += ["", "held-out articles (scores only; --show-held-out shows their detail)", header]
    for a in folder.half("held_out"):
        lines.append(_row_line(a))
        if show_held_out:
            lines += detail_lines(a.detail())
    return [*lines, ""]


def split_line(folder: FolderResult) -> str:
    held = len(folder.half("held_out"))
    n = folder.split or 0
    where = "rows of INDEX.tsv" if folder.split_by == "INDEX.tsv" else "of the sorted article names"
    return (
        f"split {n} by {folder.split_by}: {len(folder.articles) - held} tuning, {held} held-out "
        f"(held out: {n}, {2 * n}, {3 * n}... {where})"
    )


def table(columns: Sequence[tuple[str, str, dict[str, float | int]]], metrics: Sequence[str]) -> list[str]:
    """Metric rows by columns of (title, subtitle, metrics); the subtitle row only if any."""
    widths = [max(9, len(t) + 1, len(s) + 1) for t, s, _ in columns]
    lines = ["metric".ljust(21) + "".join(t.rjust(w) for (t, _, _), w in zip(columns, widths, strict=True))]
    if any(s for _, s, _ in columns):
        lines.append(" " * 21 + "".join(s.rjust(w) for (_, s, _), w in zip(columns, widths, strict=True)))
    for key in metrics:
        cells = "".join(_cell(m[key]).rjust(w) for (_, _, m), w in zip(columns, widths, strict=True))
        lines.append(f"{key:21}{cells}")
    return lines


def _metrics(folder: FolderResult, which: Half) -> dict[str, float | int]:
    return {"articles": len(folder.half(which)), **folder.scores(which).as_dict()}


def folder_lines(folder: FolderResult, name: str, per_article: bool, show_held_out: bool) -> list[str]:
    """One gold folder: its name, the optional article section and its metrics."""
    lines = [f"== {name}  ({folder.path})"]
    if folder.split is not None:
        lines.append(split_line(folder))
    if per_article:
        lines += article_lines(folder, show_held_out)
    if folder.split is None:
        metrics = _metrics(folder, "all")
        return lines + [f"{k:21} {v}" for k, v in metrics.items()]
    columns = [(HALF_LABEL[h], "", _metrics(folder, h)) for h in HALVES]
    return lines + table(columns, list(columns[0][2]))


def side_by_side_lines(folders: Sequence[FolderResult], names: Sequence[str]) -> list[str]:
    """The main metrics of several gold sets, one column per set (per half when split)."""
    columns = []
    for folder, name in zip(folders, names, strict=True):
        halves: Sequence[Half] = HALVES if folder.split is not None else ("all",)
        for h in halves:
            columns.append((name, HALF_LABEL[h] if folder.split is not None else "", _metrics(folder, h)))
    return ["== side by side", *table(columns, ("articles", *MAIN_METRICS))]


def _record_json(rec: Record) -> Record:
    return {k: v for k, v in rec.items() if k != EVIDENCE_KEY}


def article_json(a: ArticleResult, with_detail: bool, split: bool = False) -> dict[str, Any]:
    """One article's JSON row: scores, plus predictions and errors when they may be read."""
    row: dict[str, Any] = {"article": a.article}
    if split:
        row["half"] = "held_out" if a.held_out else "tuning"
    row.update(a.scores().as_dict())
    if not with_detail:
        return row
    detail = a.detail()
    row["predicted"] = a.predicted
    row["missed"] = detail.missed
    row["extra"] = [{**_record_json(p), "evidence": record_sentences(p)} for p in detail.extra]
    row["differences"] = [
        {
            "predicted": _record_json(d.predicted),
            "gold": d.gold,
            "fields": [
                {"field": f.field, "predicted": f.predicted, "gold": f.gold, "evidence": f.evidence}
                for f in d.fields
            ],
        }
        for d in detail.differences
    ]
    return row


def folder_json(folder: FolderResult, name: str, per_article: bool, show_held_out: bool) -> dict[str, Any]:
    """A folder's metrics over all articles; with a split also ``tuning`` and ``held_out``."""
    out: dict[str, Any] = {"set": name, "path": str(folder.path), **_metrics(folder, "all")}
    if folder.split is not None:
        out["split"] = {"every": folder.split, "by": folder.split_by}
        for h in ("tuning", "held_out"):
            out[h] = {**_metrics(folder, h), "files": [a.article for a in folder.half(h)]}
    if per_article:
        split = folder.split is not None
        out["per_article"] = [
            article_json(a, not a.held_out or show_held_out, split) for a in folder.articles
        ]
    return out


def run_evaluate(args: EvaluateOptions) -> int:
    """The ``evaluate`` subcommand: score each gold folder and print the report."""
    paths = [Path(d) for d in args.gold_dirs]
    split, per_article, show_held_out = args.split, args.per_article, args.show_held_out
    folders = []
    for path in paths:
        if not path.is_dir():
            print(f"not a folder: {path}", file=sys.stderr)
            return 2
        try:
            folder = evaluate_folder(path, split=split)
        except ValueError as exc:
            print(exc, file=sys.stderr)
            return 2
        if not folder.articles:
            print(f"no ARTICLE.gold.json files with their article in {path}", file=sys.stderr)
            return 2
        folders.append(folder)
    names = set_names(paths)
    if args.json:
        sets = [folder_json(f, n, per_article, show_held_out) for f, n in zip(folders, names, strict=True)]
        print(json.dumps(sets[0] if len(sets) == 1 else {"sets": sets}, indent=2, ensure_ascii=False))
        return 0
    for i, (folder, name) in enumerate(zip(folders, names, strict=True)):
        if i:
            print()
        print("\n".join(folder_lines(folder, name, per_article, show_held_out)))
    if len(folders) > 1:
        print()
        print("\n".join(side_by_side_lines(folders, names)))
    return 0
