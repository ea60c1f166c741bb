"""The extraction side of ``python -m analytics diff``: run as a script, not imported.

``python -P corpus_diff_worker.py JOBS.json`` with ``PYTHONPATH`` set to a source tree (a git
ref's, materialised in a temporary folder, or the working tree) extracts every job with *that
tree's* ``analytics`` package and ``data/`` files and prints one JSON line per job::

    {"key": ..., "records": [GUIDELINES record + "evidence": {field: [sentence]}], "error": null}

A job is ``{"key", "path", "published"}``: ``published`` (YYYY-MM-DD) is set on the article as
a user-given date, as ``analytics.evaluate.evaluate_folder`` does; ``null`` leaves the date to
the reader and the extractor. The file imports nothing of the project at module level and only
uses what every revision offers (``read_path``, ``extract_article``, ``report_to_guidelines``,
``StrikeReport.evidence``), so the same script reads any ref.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path


def _extract(job: dict[str, str | None]) -> dict[str, object]:
    from analytics.extract import extract_article
    from analytics.models import report_to_guidelines
    from analytics.readers import read_path

    records: list[dict[str, object]] = []
    day = job.get("published")
    published = dt.date.fromisoformat(day) if day else None
    for article in read_path(str(job["path"])):
        if published is not None:
            article.published = published
            article.published_how = "user"
        for report in extract_article(article):
            evidence = getattr(report, "evidence", None) or {}
            record: dict[str, object] = dict(report_to_guidelines(report))
            record["evidence"] = {name: [ev.sentence] for name, ev in evidence.items()}
            records.append(record)
    return {"key": job["key"], "records": records, "error": None}


def main(argv: list[str]) -> int:
    """Extract the jobs of the JSON file ``argv[0]``; a job that fails says why, the rest go on."""
    jobs = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    out = sys.stdout
    for job in jobs:
        try:
            line = _extract(job)
        except Exception as exc:  # noqa: BLE001 - one article's failure is part of the diff
            line = {"key": job["key"], "records": [], "error": f"{type(exc).__name__}: {exc}"}
        out.write(json.dumps(line, ensure_ascii=False, default=str) + "\n")
    out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
