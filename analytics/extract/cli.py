"""`python -m analytics extract FILE... [--published] [--format jsonl|csv|table]`."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections.abc import Iterator

from analytics.errors import InputError
from analytics.models import StrikeReport, report_to_guidelines


def iter_reports(files: list[str], published=None) -> Iterator[tuple[str, list[StrikeReport] | InputError]]:
    """(file, its reports) for each file, or (file, the error that stopped it)."""
    from analytics.extract import extract_article
    from analytics.readers import read_path

    for path in files:
        try:
            articles = read_path(path, published=published)
        except InputError as exc:
            yield path, exc
            continue
        reports: list[StrikeReport] = []
        for article in articles:
            reports += extract_article(article)
        yield path, reports


def _row(report: StrikeReport) -> dict:
    row = report_to_guidelines(report)
    row["article"] = report.article
    return row


def run_extract(args: argparse.Namespace) -> int:
    failed = 0
    out = sys.stdout
    writer = None
    for path, result in iter_reports(args.files, args.published):
        if isinstance(result, InputError):
            print(f"{result.file}: {result.reason}", file=sys.stderr)
            failed += 1
            continue
        for report in result:
            row = _row(report)
            if args.format == "jsonl":
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
            elif args.format == "csv":
                flat = {k: ";".join(map(str, v)) if isinstance(v, list) else v for k, v in row.items()}
                if writer is None:
                    writer = csv.DictWriter(out, fieldnames=list(flat))
                    writer.writeheader()
                writer.writerow(flat)
            else:
                out.write(_table_line(row) + "\n")
        if args.format == "table" and not result:
            out.write(f"{path}: no strike reports\n")
    return 1 if failed else 0


def _table_line(row: dict) -> str:
    buf = io.StringIO()
    fields = [
        row["article"],
        row["date"] or "-",
        row["attacker"],
        row["region"] or row["country"] or "-",
        row["location"][:30],
        "/".join(row["weapons"]),
        ",".join(row["systems"]) or "-",
        f"launched={row['launched']}",
        f"intercepted={row['intercepted']}",
        f"killed={row['killed']}",
        f"wounded={row['wounded']}",
        ",".join(row["source_types"]),
    ]
    buf.write("  ".join(str(f) for f in fields))
    return buf.getvalue()
