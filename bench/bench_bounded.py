"""Hostile inputs: time and peak memory of each, every case in a fresh process of its own.

    .venv/bin/python bench/bench_bounded.py [--only CASE ...]

The inputs are built in code (``tests/hostile_data.py``, ``tests/test_pdf_budget.py``): a PDF
whose page draws a 900 KB form 2,000 times, one of 24 pages of 1 MB of short text lines, one of
2,000 pages sharing a font with a 99,000-code character map, a zip and a docx whose entry declares 900 KB and inflates to 300 MB, a tag with
80,000 attributes, a page of 70,000 small tables, a store with three pages overwritten, a 22 KB
zip of 12 entries of 500 KB of dense strike text uploaded (stopped at the upload budget), 1,000
reports of one strike (``bench/bench_merge.py``), a 10,000-row CSV and a zip of 4,000 short
HTML pages (``bench/bench_bulk.py``).
Each line gives the outcome, the wall time and the child's peak RSS (its input included).
Targets (issue "Bounded work"): each reader case under 15 s and 600 MB with a clear outcome;
1,000 reports of one strike under 60 s; 10,000 rows under 30 s; the damaged store refused.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analytics.errors import InputError  # noqa: E402 - after the path is set
from tests import hostile_data as h  # noqa: E402
from tests import test_pdf_budget as pdf_cases  # noqa: E402


def _read(path: Path) -> str:
    from analytics.readers import read_bytes_result

    data = path.read_bytes()
    try:
        result = read_bytes_result(path.name, data)
    except InputError as exc:
        return f"{len(data) / 1e6:.1f} MB input, refused: {exc.reason}"
    chars = sum(len(a.text) for a in result.articles)
    problems = "; ".join(p.reason for p in result.problems)
    return f"{len(data) / 1e6:.1f} MB input, read {len(result.articles)} article(s), {chars:,} chars" + (
        f" ({problems})" if problems else ""
    )


def _damaged_store() -> str:
    from analytics.cli import main
    from analytics.ingest import ingest_uploads
    from analytics.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "store.db"
        with Store(db) as store:
            stories = [(f"s{i}.txt", h.article_text(i).encode()) for i in range(40)]
            ingest_uploads(stories, store, published=dt.date(2024, 3, 28))
        conn = sqlite3.connect(db)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
        pages = db.stat().st_size // 4096
        with db.open("r+b") as fh:
            for n in range(pages // 2, pages // 2 + 3):
                fh.seek(n * 4096)
                fh.write(b"\xde\xad\xbe\xef" * 1024)
        (Path(tmp) / "new.txt").write_text(h.STORY, encoding="utf-8")
        code = main(["ingest", str(Path(tmp) / "new.txt"), "--db", str(db)])
        return f"ingest into a damaged store: exit {code} (the message is printed above)"


def _dense_upload() -> str:
    """A 22 KB zip of 12 entries of 500 KB of dense strike text (each within its own limits),
    uploaded as the dashboard does: it stops at the upload's budget of characters."""
    from analytics.ingest import ingest_uploads
    from analytics.store import Store

    sentence = "Russian drones struck Kharkiv on 2 March 2024, killing two people, the governor said. "
    text = (sentence * (500_000 // len(sentence) + 1))[:500_000]
    data = h.make_zip({f"dense{i}.txt": (text + f" Entry {i}.").encode() for i in range(12)})
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "s.db") as store:
        (result,) = ingest_uploads([("dense.zip", data)], store).files
    return (
        f"{len(data) / 1024:.0f} KB zip: {result.status}, {result.articles} articles stored: {result.reason}"
    )


#: Reader cases: the file name and how its bytes are made. A process of its own makes each and
#: writes a file, so the reading child's peak memory is the reader's alone (a child's peak
#: starts at its parent's at the fork: the parent stays small).
INPUTS: dict[str, tuple[str, Callable[[], bytes]]] = {
    "pdf-forms": ("amplified.pdf", lambda: h.form_amplified_pdf(900_000, 2000)),
    "pdf-short-lines": ("lines.pdf", lambda: pdf_cases.many_short_lines_pdf(24, 1_040_000)),
    "pdf-font-maps": ("fonts.pdf", lambda: pdf_cases.shared_fonts_pdf(2000, 99_000)),
    # the most work a PDF may cost: pages just under the page budget, up to the file budget
    "pdf-at-budget": ("budget.pdf", lambda: pdf_cases.at_budget_pdf()),
    "zip-lying": ("lying.zip", lambda: h.lying_zip("story.txt", 900_000, 300_000_000)),
    "docx-lying": ("lying.docx", lambda: h.lying_docx(900_000, 300_000_000)),
    "html-attributes": ("attrs.html", lambda: h.attribute_heavy_page(80_000)),
    "html-tables": ("tables.html", lambda: h.table_heavy_page(70_000)),
}
#: Cases that are benchmarks of their own, run as they are.
SCRIPTS = {
    "same-strike": [str(ROOT / "bench" / "bench_merge.py"), "--reports", "1000"],
    "bulk-csv": [str(ROOT / "bench" / "bench_bulk.py"), "--rows", "10000"],
    "bulk-zip": [str(ROOT / "bench" / "bench_bulk.py"), "--rows", "4000", "--zip"],
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", choices=[*INPUTS, "damaged-store", "dense-upload", *SCRIPTS])
    parser.add_argument("--read", help=argparse.SUPPRESS)
    parser.add_argument("--make", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--damaged-store", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--dense-upload", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.make:
        Path(args.make[1]).write_bytes(INPUTS[args.make[0]][1]())
        return
    if args.read:
        print(_read(Path(args.read)))
        return
    if args.damaged_store:
        print(_damaged_store())
        return
    if args.dense_upload:
        print(_dense_upload())
        return
    tmp = Path(tempfile.mkdtemp())
    for case in args.only or [*INPUTS, "damaged-store", "dense-upload", *SCRIPTS]:
        if case in INPUTS:
            name = INPUTS[case][0]
            subprocess.run([sys.executable, __file__, "--make", case, str(tmp / name)], check=True)
            command = [__file__, "--read", str(tmp / name)]
        else:
            command = SCRIPTS.get(case) or [__file__, f"--{case}"]
        with tempfile.TemporaryFile("w+") as log:
            t0 = time.perf_counter()
            child = subprocess.Popen(
                [sys.executable, *command], stdout=log, stderr=subprocess.STDOUT, cwd=ROOT
            )
            _, status, usage = os.wait4(child.pid, 0)  # this child's own peak, not the largest so far
            took = time.perf_counter() - t0
            log.seek(0)
            out = log.read().strip().replace("\n", "\n    ")
        code = os.waitstatus_to_exitcode(status)
        print(f"{case}: {took:.1f} s, peak RSS {usage.ru_maxrss / 1024:.0f} MB, exit {code}")
        print(f"    {out}")
    shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
