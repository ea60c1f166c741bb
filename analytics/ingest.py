"""Ingest: files -> readers -> extractor -> store, articles committed as they are extracted.

The same core serves the command line (:func:`run_ingest`), the dashboard's uploads
(:func:`ingest_uploads`) and re-extraction (:func:`reextract`). A file that cannot be read, or
whose extraction fails, is reported with a one-line reason and nothing of it is stored; the
other files go on. Files read and extracted elsewhere (on a cluster, see
:mod:`analytics.distributed`) are stored through :func:`store_results`, with the same outcomes.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import itertools
import sqlite3
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence, Sized
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from analytics import distributed, readers
from analytics import extract as _extract
from analytics.cli_options import IngestOptions, StoreOptions
from analytics.distributed import FileOutcome
from analytics.errors import InputError
from analytics.extract.pipeline import anchor_date
from analytics.ingest_results import FileResult, IngestSummary, budget_reason
from analytics.models import Article, PublishedHow, StrikeReport
from analytics.progress import ProgressBar
from analytics.readers import limits
from analytics.results import add_entry
from analytics.store import AddResult, Store, StoreBusy, StoreError

#: ``progress(done, total, name)``: ``done`` of ``total`` files; inside a bulk file of known
#: length ``done`` has a fraction (its rows stored so far), so a bar moves through a long file.
Progress = Callable[[float, int, str], None]
Extractor = distributed.Extractor


def default_extractor(article: Article) -> list[StrikeReport]:
    """The project's extractor (looked up at call time, so tests can replace it)."""
    return _extract.extract_article(article)


def _describe(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _read_failure(name: str, exc: Exception) -> FileResult:
    if isinstance(exc, InputError):
        return FileResult(name, "failed", reason=exc.reason)
    return FileResult(name, "failed", reason=f"could not be read ({_describe(exc)})")


#: A bulk file reports its progress every this many articles (the file's own line follows).
_ROW_PROGRESS = 50


def _ingest_one(
    name: str,
    read: Callable[[], Iterable[Article]],
    store: Store,
    extractor: Extractor | None,
    on_article: Callable[[int, int | None], None] | None = None,
    budget: int | None = None,
) -> FileResult:
    """Read one file, extracting and storing its articles as they come (a zip gives each entry's
    articles as soon as it is read; other kinds are read whole first), committed in batches: a
    long bulk file killed midway keeps what was done (a rerun skips it as a duplicate).

    ``budget``: the most characters of article text extracted from this file; the file stops
    before the article that would pass it, keeping what was stored, and says so (see
    :data:`analytics.readers.limits.MAX_UPLOAD_CHARS`)."""
    with readers.repairs() as repaired, readers.passed_over() as skipped:
        try:
            source = read()
            total = len(source) if isinstance(source, Sized) else None
            articles = iter(source)
            first = next(articles, None)
        except Exception as exc:  # noqa: BLE001 - a reader bug is this file's failure, not the run's
            return _read_failure(name, exc)
        if first is None:
            return FileResult(name, "failed", reason="no article found in the file")
        extract = extractor or default_extractor
        late: list[FileResult] = []
        spent = 0  # characters extracted
        stopped: list[int] = []  # the articles taken before the budget stopped the file

        def extracted() -> Iterator[tuple[Article, list[StrikeReport] | Exception]]:
            nonlocal spent
            n = 0
            try:
                for article in itertools.chain([first], articles):
                    n += 1
                    if on_article and n % _ROW_PROGRESS == 0 and (total is None or n < total):
                        on_article(n, total)
                    if store.has_article(article.id):
                        yield article, []  # a duplicate: counted, not extracted again
                        continue
                    if budget is not None and spent + len(article.text) > budget:
                        stopped.append(n - 1)  # nothing more is read or extracted
                        return
                    spent += len(article.text)
                    try:
                        yield article, list(extract(article))
                    except Exception as exc:  # noqa: BLE001 - an extractor bug is this article's failure
                        yield article, exc
            except Exception as exc:  # noqa: BLE001 - the file stopped reading midway: keep what came
                late.append(_read_failure(name, exc))

        result = _store_file(name, extracted(), store)
    if stopped and result.status != "failed":
        assert budget is not None
        result.status, result.reason = "failed", budget_reason(result, budget, spent, stopped[0], total)
    if late and result.status != "failed":
        stored = f" after storing {result.articles} of its articles" if result.articles else ""
        result.status, result.reason = "failed", f"{late[0].reason}{stored}"
    notes = []
    if skipped and result.status != "failed":
        files = f"{len(skipped)} file{'s' if len(skipped) > 1 else ''}"
        notes.append(
            f"{files} inside could not be read and {'were' if len(skipped) > 1 else 'was'} passed over (first: {skipped[0]})"
        )
    if repaired and result.status != "failed":
        notes.append("text repaired: " + "; ".join(dict.fromkeys(repaired)))
    if notes:
        result.reason = "; ".join([result.reason, *notes] if result.reason else notes)
    return result


def store_outcome(name: str, outcome: FileOutcome, store: Store) -> FileResult:
    """Store one file that was read and extracted elsewhere (each article its own transaction).

    ``outcome`` is the file's articles each with its reports (or the exception its extraction
    raised), or the exception that stopped the read. The result is what :func:`ingest_paths`
    gives for the same file read here: articles already stored (or repeated) are duplicates,
    whatever their extraction did; an article whose extraction failed is left out and named in
    the reason (the file fails when no article could be stored)."""
    if isinstance(outcome, Exception):
        return _read_failure(name, outcome)
    if not outcome:
        return FileResult(name, "failed", reason="no article found in the file")
    return _store_file(name, outcome, store)


#: Articles of one file are committed in batches of at most this many, and at least every
#: :data:`_BATCH_SECONDS`: one transaction and one rebuild of the events they touch serve the
#: batch (a bulk file's rows share days and places), and a killed ingest loses under a second.
_BATCH_ARTICLES = 200
_BATCH_SECONDS = 0.5
#: ... unless committing takes longer (over :data:`_SLOW_COMMIT` seconds): a batch then collects
#: for at least twice as long as the last commit took (up to these bounds), so storing stays
#: under a third of the time. Writing
#: an event costs its size (its claims), and rows repeating a few hundred strikes touch as many
#: events as they have rows: batches of 200 rewrote each event once a row (0.8 -> 2.3 ms a row
#: as 100,000 dense rows went in); batches of 1,000 take 0.3 -> 1.2 ms.
_SLOW_COMMIT = 0.25
_BATCH_MAX_ARTICLES = 5_000
_BATCH_MAX_SECONDS = 5.0


def _store_file(
    name: str, items: Iterable[tuple[Article, list[StrikeReport] | Exception]], store: Store
) -> FileResult:
    result = FileResult(name, "duplicate")
    seen: set[str] = set()
    errors: list[str] = []
    unstored: list[str] = []  # articles extracted but not stored, each with why
    pending: list[tuple[Article, list[StrikeReport]]] = []
    started = time.monotonic()
    last_commit = [0.0]  # seconds the last commit took

    def failed(exc: BaseException) -> bool:
        stored = f" after storing {result.articles} articles" if result.articles else ""
        result.status, result.reason = "failed", f"could not be stored{stored} ({_describe(exc)})"
        return False

    def commit() -> bool:
        """Store the pending batch. A failure of the store itself (say, a full disk) fails the
        file, keeping what earlier batches stored, and says so. Any other failure is some
        article's (say, a stored value its reports merge with does not read back): the batch is
        then stored article by article, so that article's outcome is its error and the others
        are kept."""
        batch = list(pending)
        pending.clear()
        try:
            outcomes: list[AddResult | None] = _patiently(lambda: store.add_articles(batch))
        except Exception as exc:  # noqa: BLE001 - told apart here, article by article below
            if isinstance(exc, _STORE_FAILURES):
                return failed(exc)
            outcomes = []
            for article, reports in batch:
                try:
                    outcomes.append(store.add_article(article, reports))
                except _STORE_FAILURES as exc:
                    return failed(exc)
                except Exception as exc:  # noqa: BLE001 - this article's failure, not the file's
                    unstored.append(f"{_article_name(article)}: {_describe(exc)}")
                    outcomes.append(None)
        for (article, _), added in zip(batch, outcomes, strict=True):
            if added is None:
                add_entry(result.entries, article, "failed")
                continue
            add_entry(result.entries, article, added.status, added.reports if added.status == "new" else 0)
            if added.status != "new":
                result.duplicates += 1
                continue
            if not result.articles:
                result.published, result.published_how = article.published, article.published_how
            result.articles += 1
            result.reports += added.reports
            result.events += added.events
        return True

    for article, reports in items:
        if article.id in seen or store.has_article(article.id):
            add_entry(result.entries, article, "duplicate")
            result.duplicates += 1
            continue
        seen.add(article.id)
        if isinstance(reports, Exception):
            add_entry(result.entries, article, "failed")
            errors.append(_describe(reports))
            continue
        if article.published is None:  # keep the date the extractor anchored on, and say how
            article.published, article.published_how = _inferred_date(article)
        if not pending:
            started = time.monotonic()
        pending.append((article, reports))
        waited = time.monotonic() - started
        if (
            (len(pending) >= _BATCH_ARTICLES or waited >= _BATCH_SECONDS)
            and (last_commit[0] < _SLOW_COMMIT or waited >= 2 * last_commit[0])
            or len(pending) >= _BATCH_MAX_ARTICLES
            or waited >= _BATCH_MAX_SECONDS
        ):
            began = time.monotonic()
            if not commit():
                return result
            last_commit[0] = time.monotonic() - began
    if pending and not commit():
        return result
    notes = []
    if errors:
        notes.append(f"{len(errors)} of its articles could not be extracted (first: {errors[0]})")
    if unstored:
        notes.append(f"{len(unstored)} of its articles could not be stored (first: {unstored[0]})")
    if result.articles:
        result.status = "new"
        result.reason = "; ".join(notes)
    elif errors and not unstored:
        result.status, result.reason = "failed", f"extraction failed ({errors[0]})"
    elif unstored:
        result.status, result.reason = "failed", "; ".join(notes)
    return result


#: Failures of the store itself (full disk, lost lock, damaged file), not of one article's data.
_STORE_FAILURES = (StoreError, sqlite3.OperationalError, OSError, MemoryError)
#: Tries of a batch's write while another program keeps the store busy: SQLite's busy timeout
#: waits for one lock, but a second ingest writing batch after batch can take the lock back
#: each time this one's wait looks (two ingests of one folder at once); a pause and a new try
#: let this one in. Past the tries the file fails with the busy store's message.
_BUSY_TRIES = 4


def _patiently(write: Callable[[], Sequence[AddResult]]) -> list[AddResult | None]:
    for attempt in range(1, _BUSY_TRIES):
        try:
            return list(write())
        except StoreBusy:
            time.sleep(0.2 * attempt)
    return list(write())  # (the last try's busy error fails the file)


def _article_name(article: Article) -> str:
    return article.source_file or article.title or article.id[:12]


def _run(
    jobs: Sequence[tuple[str, Callable[[], Iterable[Article]]]],
    store: Store,
    progress: Progress | None,
    extractor: Extractor | None,
    summary: IngestSummary | None = None,
    budget: int | None = None,
) -> IngestSummary:
    summary = summary or IngestSummary()
    total = len(jobs) + len(summary.files)
    for raw_name, read in jobs:
        name = readers.clean_chars(raw_name)
        done = len(summary.files)

        def rows(n: int, of: int | None, name: str = name, done: int = done) -> None:
            if progress:  # a bulk file: its share of rows read so far, and the count in the text
                so_far = f"{n:,} of {of:,} articles" if of is not None else f"{n:,} articles so far"
                progress(done + (n / of if of else 0.0), total, f"{name} ({so_far})")

        _add(summary, _ingest_one(name, read, store, extractor, rows, budget), total, progress)
    summary.events_total = store.counts()["events"]
    return summary


def _add(summary: IngestSummary, result: FileResult, total: int, progress: Progress | None) -> None:
    # a file name with a line break or a terminal escape must not forge lines of the summary
    result.name = readers.clean_chars(result.name)
    summary.files.append(result)
    if progress:
        progress(len(summary.files), total, result.name)


def store_results(
    results: Iterable[tuple[str, FileOutcome]],
    store: Store,
    *,
    total: int | None = None,
    progress: Progress | None = None,
    summary: IngestSummary | None = None,
) -> IngestSummary:
    """Store files read and extracted elsewhere, given as ``(name, outcome)`` (see
    :func:`store_outcome`), in the order given; each is taken from ``results`` only when the one
    before it is stored, so a failing source (say, a lost cluster) stops the run by raising, not
    as a file's failure.

    ``summary`` holds files already counted (their outcomes come first); ``total`` is the number
    of files ``progress(done, total, name)`` counts to, those included."""
    summary = summary or IngestSummary()
    if total is None:
        results = list(results)
        total = len(summary.files) + len(results)
    for name, outcome in results:
        _add(summary, store_outcome(name, outcome, store), total, progress)
    summary.events_total = store.counts()["events"]
    return summary


def ingest_paths(
    paths: Iterable[str | Path],
    store: Store,
    *,
    published: dt.date | None = None,
    outlet: str | None = None,
    progress: Progress | None = None,
    extractor: Extractor | None = None,
    scheduler: str | None = None,
    workers: int | None = None,
) -> IngestSummary:
    """Ingest files and folders (read recursively). ``published``/``outlet`` are used for
    files that carry none; ``progress(done, total, name)`` is called after each file.

    With ``scheduler`` (a dask.distributed address) or ``workers`` (local processes), reading and
    extraction run on the workers (see :mod:`analytics.distributed`); the store is written here,
    in the same transactions, so the result is the same."""
    summary = IngestSummary()
    files: list[Path] = []
    seen: set[Path] = set()
    for raw in paths:
        try:
            for p in readers.iter_paths([raw]):
                if p.resolve() not in seen:
                    seen.add(p.resolve())
                    files.append(p)
        except InputError as exc:
            summary.files.append(FileResult(exc.file, "failed", reason=exc.reason))
    if scheduler or workers:
        remote = distributed.map_files(
            files,
            # looked up now, not at import: tests monkeypatch it (a worker unpickles it by name)
            extractor=extractor or _extract.extract_article,
            scheduler=scheduler,
            workers=workers,
            published=published,
            outlet=outlet,
        )
        with contextlib.closing(remote):
            return store_results(
                ((str(p), outcome) for p, outcome in remote),
                store,
                total=len(summary.files) + len(files),
                progress=progress,
                summary=summary,
            )
    jobs = [
        (str(p), functools.partial(readers.stream_path, p, published=published, outlet=outlet)) for p in files
    ]
    return _run(jobs, store, progress, extractor, summary)


def ingest_uploads(
    files: Sequence[tuple[str, bytes]],
    store: Store,
    *,
    published: dt.date | None = None,
    outlet: str | None = None,
    progress: Progress | None = None,
    extractor: Extractor | None = None,
    budget: int | None = None,
) -> IngestSummary:
    """Ingest uploaded files given as (file name, bytes). Each file may extract at most
    ``budget`` characters of article text (default :data:`~analytics.readers.limits.MAX_UPLOAD_CHARS`):
    one upload of a few KB (a zip of dense text) must not hold the dashboard for minutes; a
    file stopped there keeps what was stored and says what was left."""
    jobs = [
        (
            readers.safe_name(name),
            functools.partial(readers.stream_bytes, name, data, published=published, outlet=outlet),
        )
        for name, data in files
    ]
    return _run(
        jobs, store, progress, extractor, budget=limits.MAX_UPLOAD_CHARS if budget is None else budget
    )


@dataclass
class ReextractSummary:
    """What :func:`reextract` did. ``failed``: (article, reason) of each article whose extraction
    failed; ``skipped``: (article, reason) of each article changed while the run extracted it,
    left as that change made it."""

    articles: int
    reports: int
    events: int
    corrections: int
    failed: list[tuple[str, str]]
    skipped: list[tuple[str, str]] = field(default_factory=list)


#: Why :func:`reextract` leaves an article alone that changed while it ran.
CHANGED_MEANWHILE = (
    "changed while re-extraction ran (say, its publication date was set); "
    "kept as that change left it, its reports read against its new details"
)


def reextract(
    store: Store, *, extractor: Extractor | None = None, progress: Progress | None = None
) -> ReextractSummary:
    """Run the extractor over every stored article, replace all reports and rebuild the events
    with the corrections re-applied (one transaction). An article whose extraction fails keeps
    its old reports and is listed in ``failed``.

    Extraction runs outside the write transaction, so another writer may change an article
    meanwhile (the dashboard setting its publication date re-extracts it at once). The write
    compares each article with the copy read here and leaves a changed one as it is, listed in
    ``skipped``: its reports were already made against its new details, and those read here
    against the old ones would undo the change."""
    extractor = extractor or default_extractor
    articles = list(store.articles())
    # copies, taken before the extractor sees them: what the write compares with
    read_as = {a.id: dataclasses.replace(a) for a in articles}
    new: dict[str, list[StrikeReport]] = {}
    failed: list[tuple[str, str]] = []
    for n, article in enumerate(articles, 1):
        try:
            new[article.id] = list(extractor(article))
        except Exception as exc:  # noqa: BLE001
            failed.append((_article_name(article), _describe(exc)))
        if progress:
            progress(n, len(articles), article.source_file or article.title)
    done = store.replace_reports(new, read_as=read_as)
    counts = store.counts()
    skipped = [(_article_name(read_as[aid]), CHANGED_MEANWHILE) for aid in done.skipped]
    return ReextractSummary(
        len(new) - len(done.skipped), counts["reports"], done.events, counts["corrections"], failed, skipped
    )


def set_publication_date(
    store: Store, article_id: str, published: dt.date | None, *, extractor: Extractor | None = None
) -> AddResult:
    """Give a stored article the publication date the user says (None: let the extractor infer
    it from the text again), extract it again against that date and replace its reports; the
    user's corrections of its events follow its reports."""
    article = store.article(article_id)
    article.published = published
    article.published_how = "user" if published is not None else None
    if published is None:
        article.published, article.published_how = _inferred_date(article)
    reports = list((extractor or default_extractor)(article))
    return store.replace_article_reports(article, reports)


def _inferred_date(article: Article) -> tuple[dt.date | None, PublishedHow | None]:
    """The publication date the extractor would anchor on, and how it was found."""
    published, how = anchor_date(article)
    return published, cast("PublishedHow | None", how)


# --------------------------------------------------------------------------- command line


def _open_store(options: IngestOptions | StoreOptions) -> Store:
    return open_writable_store(options.db or None)


def open_writable_store(path: str | Path | None = None) -> Store:
    """The store a command is about to write: refused when it is read-only or (checked when
    small enough to be quick) damaged, before anything is written."""
    store = Store(path)
    problem = None
    if store.read_only:
        problem = f"the store {store.path} is read-only (the file or its folder cannot be written)"
    elif found := store.quick_check():
        problem = (
            f"the store {store.path} is damaged ({found[0]}); nothing was written. Run `python -m "
            f"analytics check --db {store.path}` for details, and restore it from a backup or ingest "
            "the articles again into a new store"
        )
    if problem:
        store.close()
        raise StoreError(problem)
    return store


#: Called with the open store after a command-line run changed it (the CLI warms the dashboard).
AfterRun = Callable[[Store], None]


def run_ingest(args: IngestOptions, *, after: AfterRun | None = None) -> int:
    """``python -m analytics ingest PATH... [--db FILE] [--published D] [--outlet NAME]
    [--scheduler ADDRESS | --workers N]``; ``after(store)`` runs when new articles were stored."""
    scheduler = distributed.resolve_scheduler(args.scheduler)
    workers = None if scheduler else args.workers
    if workers is not None and workers < 1:
        print("error: --workers must be 1 or more", file=sys.stderr)
        return 2
    try:
        store = _open_store(args)
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        with store:
            summary = ingest_paths(
                args.paths,
                store,
                published=args.published,
                outlet=args.outlet,
                progress=ProgressBar("ingest"),
                scheduler=scheduler,
                workers=workers,
            )
            if summary.articles_new and after:
                after(store)
    except distributed.ScaleOutError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for line in summary.lines():
        print(line)
    return 1 if summary.failed else 0


def run_reextract(args: StoreOptions, *, after: AfterRun | None = None) -> int:
    """``python -m analytics reextract [--db FILE]``; ``after(store)`` runs once the reports are
    replaced."""
    try:
        store = _open_store(args)
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    with store:
        result = reextract(store, progress=ProgressBar("reextract"))
        if after:
            after(store)
    print(f"articles re-extracted: {result.articles}")
    print(f"reports: {result.reports}")
    print(f"events: {result.events}")
    print(f"corrections: {result.corrections}")
    for name, reason in result.failed:
        print(f"  failed {name}: {reason} (old reports kept)")
    for name, reason in result.skipped:
        print(f"  skipped {name}: {reason}")
    return 1 if result.failed else 0
