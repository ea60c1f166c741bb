"""`python -m analytics extract FILE... [--published] [--format jsonl|csv|table]`: the strike
reports of article files printed, nothing stored; on a cluster with ``--scheduler``/``--workers``
(through :mod:`analytics.distributed`, which sits below this module and does not import it)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sys
from collections.abc import Iterator
from typing import Any

from analytics import distributed
from analytics import extract as _extract
from analytics.cli_options import ExtractOptions
from analytics.errors import InputError
from analytics.models import StrikeReport, report_to_guidelines
from analytics.readers import read_path


def iter_reports(
    files: list[str],
    published: dt.date | None = None,
    *,
    scheduler: str | None = None,
    workers: int | None = None,
) -> Iterator[tuple[str, list[StrikeReport] | InputError]]:
    """(file, its reports) for each file, or (file, the error that stopped it). With ``scheduler``
    or ``workers`` the files are read and extracted on a cluster (see :mod:`analytics.distributed`),
    yielded in input order as they finish."""
    if scheduler or workers:
        yield from _iter_remote(files, published, scheduler, workers)
        return
    for path in files:
        try:
            articles = read_path(path, published=published)
        except InputError as exc:
            yield path, exc
            continue
        reports: list[StrikeReport] = []
        for article in articles:
            reports += _extract.extract_article(article)  # looked up per call: tests patch it
        yield path, reports


def _iter_remote(
    files: list[str], published: dt.date | None, scheduler: str | None, workers: int | None
) -> Iterator[tuple[str, list[StrikeReport] | InputError]]:
    remote = distributed.map_files(
        files, extractor=_extract.extract_article, scheduler=scheduler, workers=workers, published=published
    )
    for path, outcome in remote:
        if isinstance(outcome, InputError):
            yield path, outcome
            continue
        if isinstance(outcome, Exception):
            raise outcome  # a reader bug propagates, as in a local run
        reports: list[StrikeReport] = []
        for _article, found in outcome:
            if isinstance(found, Exception):
                raise found  # so does an extractor bug
            reports += found
        yield path, reports


def _row(report: StrikeReport) -> dict[str, Any]:
    row = report_to_guidelines(report)
    row["date_precision"] = report.date_precision
    row["article"] = report.article
    return row


def run_extract(options: ExtractOptions) -> int:
    """Print the reports of ``options.files`` in ``options.format``; 1 if a file could not be read."""
    scheduler = distributed.resolve_scheduler(options.scheduler)
    workers = None if scheduler else options.workers
    if workers is not None and workers < 1:
        print("error: --workers must be 1 or more", file=sys.stderr)
        return 2
    try:
        results = iter_reports(options.files, options.published, scheduler=scheduler, workers=workers)
        return _print_reports(options.format, results, streaming=bool(scheduler or workers))
    except distributed.ScaleOutError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


def _print_reports(
    fmt: str, results: Iterator[tuple[str, list[StrikeReport] | InputError]], streaming: bool
) -> int:
    failed = 0
    out = sys.stdout
    writer = None
    for path, result in results:
        if isinstance(result, InputError):
            print(f"{result.file}: {result.reason}", file=sys.stderr)
            failed += 1
            continue
        for report in result:
            row = _row(report)
            if fmt == "jsonl":
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
            elif fmt == "csv":
                flat = {k: ";".join(map(str, v)) if isinstance(v, list) else v for k, v in row.items()}
                if writer is None:
                    writer = csv.DictWriter(out, fieldnames=list(flat))
                    writer.writeheader()
                writer.writerow(flat)
            else:
                out.write(_table_line(row) + "\n")
        if fmt == "table" and not result:
            out.write(f"{path}: no strike reports\n")
        if streaming:
            out.flush()  # each file's lines as soon as its batch is done
    return 1 if failed else 0


def _table_line(row: dict[str, Any]) -> str:
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
