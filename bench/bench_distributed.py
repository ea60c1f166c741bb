"""Scale-out speed: the corpus, replicated, ingested on 1 and on 2 local Dask workers.

    .venv/bin/python bench/bench_distributed.py [--articles 10000] [--workers 1 2] [--local]
    .venv/bin/python bench/bench_distributed.py --scheduler tcp://HOST:8786

The corpus (``../shared/corpus``, read-only) is copied into a temporary folder as many times as
it takes to reach ``--articles`` files; every copy gets one extra line ("Archive copy N.") so no
two copies are duplicates of each other. Each run ingests the folder into a new temporary store
(reading and extraction on the workers, store writes in this process, as ``python -m analytics
ingest --workers N`` does) and prints the files, new articles, seconds and articles/s. The local
cluster is started before the clock starts (its start-up time is printed apart). ``--local``
adds the plain in-process ingest for comparison; ``--scheduler`` runs against an existing cluster
instead of local ones (its workers need the project and requirements; see the README).
"""

from __future__ import annotations

import argparse
import math
import sys
import tempfile
import time
from pathlib import Path

from analytics.ingest import IngestSummary, ingest_paths
from analytics.readers import iter_paths
from analytics.store import Store

ROOT = Path(__file__).resolve().parent.parent

CORPUS = ROOT.parent / "shared" / "corpus"


def replicate(corpus: Path, target: Path, articles: int) -> int:
    """Copy the corpus files into ``target/copy_NNN/`` until ``articles`` files are written."""
    sources = [(p.relative_to(corpus), p.read_bytes()) for p in iter_paths([corpus])]
    copies = math.ceil(articles / len(sources))
    written = 0
    for n in range(copies):
        folder = target / f"copy_{n:03d}"
        for rel, data in sources:
            if written >= articles:
                return written
            out = folder / rel
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(data.rstrip() + f"\n\nArchive copy {n}.\n".encode())
            written += 1
    return written


def report(label: str, summary: IngestSummary, secs: float) -> None:
    n = summary.articles_new + summary.duplicates
    print(
        f"{label:<22} {summary.files_read:>6} files {summary.articles_new:>6} new {summary.reports:>6} reports "
        f"{summary.failed} failed {secs:8.1f} s {n / secs:8.1f} articles/s",
        flush=True,
    )


def run(folder: Path, db: Path, label: str, **kw) -> None:
    with Store(db) as store:
        t0 = time.perf_counter()
        summary = ingest_paths([folder], store, **kw)
        report(label, summary, time.perf_counter() - t0)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("corpus", nargs="?", default=str(CORPUS))
    parser.add_argument("--articles", type=int, default=10_000, help="files to ingest (default 10,000)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="local worker counts")
    parser.add_argument("--scheduler", help="an existing dask.distributed scheduler instead of local workers")
    parser.add_argument("--local", action="store_true", help="also time the in-process ingest")
    args = parser.parse_args()
    corpus = Path(args.corpus)
    if not corpus.is_dir():
        sys.exit(f"no corpus at {corpus}")

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        t0 = time.perf_counter()
        files = replicate(corpus, folder, args.articles)
        print(f"corpus: {files} files in {time.perf_counter() - t0:.1f} s (from {corpus})", flush=True)
        if args.local:
            run(folder, Path(tmp) / "local.db", "in-process")
        if args.scheduler:
            from distributed import Client

            with Client(args.scheduler) as client:
                threads = sum(client.nthreads().values())
            run(folder, Path(tmp) / "remote.db", f"scheduler ({threads} thr)", scheduler=args.scheduler)
            return
        from distributed import LocalCluster

        for n in args.workers:
            t0 = time.perf_counter()
            with LocalCluster(
                n_workers=n, processes=True, threads_per_worker=1, host="127.0.0.1", dashboard_address=None
            ) as cluster:
                cluster.wait_for_workers(n)
                print(f"local cluster of {n}: started in {time.perf_counter() - t0:.1f} s", flush=True)
                run(folder, Path(tmp) / f"w{n}.db", f"{n} worker(s)", scheduler=cluster.scheduler_address)


if __name__ == "__main__":
    main()
