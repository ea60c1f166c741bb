"""Extraction throughput on one core: articles/s, words/s and peak memory.

Usage: python bench/bench_extract.py [FOLDER] [--language uk|ru|en]
FOLDER defaults to ../shared/corpus, or with --language uk/ru to ../shared/eval/lang-dev/<lang>
(target: 40 articles/s for Ukrainian and Russian, 60 for English). --language times only the
articles in that language (analytics.extract.gloss.detect_language), and in a folder of gold
files only the texts that have one.
Reading the files and loading the lexicons/gazetteer happen before the clock starts; the
figure is the extractor alone, every file of the folder, errors counted (target: none). The
first pass (morphology caches cold) is printed too: the best pass has them warm.
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

from analytics.extract import extract_article
from analytics.extract.gloss import detect_language
from analytics.gazetteer import load_gazetteer
from analytics.readers import iter_paths, read_path

ROOT = Path(__file__).resolve().parent.parent

REPEATS = 3


def main() -> int:
    args = sys.argv[1:]
    language = None
    if "--language" in args:
        at = args.index("--language")
        language = args[at + 1]
        del args[at : at + 2]
    shared = ROOT.parent / "shared"
    default = shared / "eval" / "lang-dev" / language if language in {"uk", "ru"} else shared / "corpus"
    folder = Path(args[0]) if args else default
    articles = []
    for path in iter_paths([folder]):
        if (
            language is not None
            and any(folder.glob("*.gold.json"))
            and not path.with_suffix(".gold.json").exists()
        ):
            continue  # NOTES.md, INDEX.tsv beside the development texts
        try:
            articles += read_path(path)
        except Exception as exc:  # noqa: BLE001 - a benchmark reports, never stops
            print(f"unreadable: {path.name}: {exc}")
    if language is not None:
        articles = [a for a in articles if detect_language(a.text) == language]
    load_gazetteer()
    extract_article(articles[0])  # warm the compiled patterns
    words = sum(len(a.text.split()) for a in articles)
    # Three passes: on a shared machine the best pass is the closest to what one free core does.
    times = []
    for _ in range(REPEATS):
        errors = reports = 0
        start = time.perf_counter()
        for article in articles:
            try:
                reports += len(extract_article(article))
            except Exception as exc:  # noqa: BLE001
                errors += 1
                print(f"error: {article.source_file}: {exc!r}")
        times.append(time.perf_counter() - start)
    seconds = min(times)
    median = sorted(times)[len(times) // 2]
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles      {len(articles)}" + (f" ({language})" if language else ""))
    print(f"words         {words}")
    print(f"reports       {reports}")
    print(f"errors        {errors}")
    print(f"seconds       {seconds:.2f} (best of {REPEATS}; median {median:.2f})")
    print(
        f"articles/s    {len(articles) / seconds:.1f} (median {len(articles) / median:.1f}; first pass {len(articles) / times[0]:.1f})"
    )
    print(f"words/s       {words / seconds:,.0f}")
    print(f"peak memory   {peak_mb:.0f} MB")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
