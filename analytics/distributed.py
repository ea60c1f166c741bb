"""Scale-out: reading and extraction on the workers of a ``dask.distributed`` cluster.

The client (the process that runs ``python -m analytics ingest|extract``) lists the files, reads
each file's bytes and sends them to the workers in batches; a worker reads the articles out of the
bytes (:func:`analytics.readers.read_bytes_result`) and extracts their strike reports, and hands
``(article, reports)`` back. The workers never see the store: the client writes every article in
its own transaction, in input order, exactly as a local ingest does, so the result is the same.

Design choices:

* **Bytes, not paths.** Workers of a remote cluster do not share the client's disk, so the client
  always ships file contents (also to local workers: one code path, and reading is cheap next to
  extraction). The checks a local read makes before reading (missing file, folder, unsupported
  kind, size limit) run on the client with the same messages.
* **Batches.** Up to ``batch_size`` files (default: enough batches for about four per worker
  thread, at most 32 files) and at most ``batch_bytes`` (4 MB) of file contents per task.
* **Bounded memory.** At most ``in_flight`` batches (default: twice the worker threads, at least
  4) are submitted and not yet handed on; the next batch is read from disk only when one is done.
* **Input order.** Batches finish in any order (``as_completed``); finished ones wait in a buffer
  until every batch before them is handed on, so results stream in input order.
* **Worker deaths.** A batch's inputs travel with its task, so when a worker dies the scheduler
  simply runs the batch again elsewhere (up to ``distributed.scheduler.allowed-failures`` times);
  ``retries`` more attempts cover an exception raised by the task itself. Only when these run out
  does the run stop, with :class:`ScaleOutError`.

The scheduler and the workers must be able to import this project (the scheduler unpickles the
tasks); a cluster without it fails the first batch with a :class:`ScaleOutError` saying so.

A failure that belongs to one file (unreadable, a reader or extractor bug on one article) is
carried back as that file's outcome, as in a local run; it never fails the batch.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import os
import uuid
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from analytics.errors import InputError
from analytics.models import Article, StrikeReport

#: Environment variable naming the default scheduler address (``--scheduler`` wins).
SCHEDULER_ENV = "STRIKES_SCHEDULER"
#: Most files in one batch (task).
MAX_BATCH_FILES = 32
#: Most bytes of file contents in one batch (a single larger file still makes a batch of its own).
BATCH_BYTES = 4 * 1024 * 1024
#: Extra attempts for a batch whose task raised (a worker death is rescheduled on top of these).
RETRIES = 3
#: How long to try reaching the scheduler.
CONNECT_TIMEOUT = "30s"
#: How long to wait for a scheduler's first worker, in seconds.
WORKER_WAIT_SECONDS = 60

Extractor = Callable[[Article], list[StrikeReport]]


class ScaleOutError(RuntimeError):
    """The cluster could not be reached, or a batch failed even after its retries."""


class RemoteError(Exception):
    """An exception raised on a worker, rebuilt on the client under the same class name (so the
    one-line reasons read exactly as in a local run)."""


_REMOTE_TYPES: dict[str, type[RemoteError]] = {}


def _remote_error(type_name: str, message: str) -> RemoteError:
    cls = _REMOTE_TYPES.get(type_name)
    if cls is None:
        cls = _REMOTE_TYPES[type_name] = type(type_name, (RemoteError,), {"__module__": __name__})
    return cls(message)


def _flat_error(exc: BaseException) -> tuple[str, str, str]:
    """An exception as plain, always picklable data."""
    if isinstance(exc, InputError):
        return ("input", exc.file, exc.reason)
    return ("error", type(exc).__name__, str(exc))


def _unflat_error(flat: tuple[str, str, str]) -> Exception:
    kind, a, b = flat
    return InputError(a, b) if kind == "input" else _remote_error(a, b)


def resolve_scheduler(value: str | None) -> str | None:
    """The scheduler address to use: ``value`` (``--scheduler``), else ``$STRIKES_SCHEDULER``."""
    return value or os.environ.get(SCHEDULER_ENV) or None


# --------------------------------------------------------------------------- worker side


def work_batch(
    files: Sequence[tuple[str, bytes]],
    published: dt.date | None = None,
    outlet: str | None = None,
    extractor: Extractor | None = None,
) -> list[tuple[Any, ...]]:
    """Runs on a worker: read and extract each (name, bytes). Per file, either
    ``("ok", [(article, reports | flat error)], [flat problems], skipped_rows)`` or
    ``("failed", flat error)``; failures are data, never raised."""
    from analytics import readers

    if extractor is None:
        from analytics.extract import extract_article as extractor
    out: list[tuple[Any, ...]] = []
    for name, data in files:
        try:
            result = readers.read_bytes_result(name, data, published=published, outlet=outlet)
        except Exception as exc:  # noqa: BLE001 - the file's failure, reported as in a local run
            out.append(("failed", _flat_error(exc)))
            continue
        articles: list[tuple[Article, Any]] = []
        for article in result.articles:
            try:
                articles.append((article, list(extractor(article))))
            except Exception as exc:  # noqa: BLE001
                articles.append((article, _flat_error(exc)))
        problems = [_flat_error(p) for p in result.problems]
        out.append(("ok", articles, problems, result.skipped_rows))
    return out


# --------------------------------------------------------------------------- client side


def load_file(path: str | Path) -> tuple[str, bytes]:
    """(file name, bytes) of a file to send to a worker; raises InputError with the same reasons
    as :func:`analytics.readers.read_path` for what it checks before reading."""
    from analytics.readers import core

    p = Path(path)
    name = p.name or str(path)
    if not p.exists():
        raise InputError(name, "file not found")
    if p.is_dir():
        raise InputError(name, "this is a folder, not a file")
    core.check_supported(name)
    try:
        core.check_size(name, p.stat().st_size)
        data = p.read_bytes()
    except InputError:
        raise
    except OSError as exc:
        raise InputError(
            name, f"the file could not be opened ({exc.strerror or type(exc).__name__})"
        ) from None
    return name, data


def _outcome(raw: tuple[Any, ...], name: str) -> Any:
    """A worker's per-file answer as the client hands it on (and its read problems logged, as
    :func:`analytics.readers.read_path` logs them)."""
    if raw[0] == "failed":
        return _unflat_error(raw[1])
    _, articles, problems, skipped_rows = raw
    from analytics import readers
    from analytics.readers import core

    with contextlib.suppress(Exception):  # logging only
        core._log_result(
            name,
            readers.ReadResult(problems=[_unflat_error(p) for p in problems], skipped_rows=skipped_rows),
        )
    return [(a, r if isinstance(r, list) else _unflat_error(r)) for a, r in articles]


@contextlib.contextmanager
def connect(scheduler: str | None = None, workers: int | None = None, client: Any = None) -> Iterator[Any]:
    """A ``distributed.Client``: the given one, one connected to ``scheduler``, or one on a new
    local cluster of ``workers`` processes (closed on exit)."""
    if client is not None:
        yield client
        return
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            cl = Client(scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError, ValueError) as exc:
            raise ScaleOutError(f"cannot reach the scheduler at {scheduler}: {exc}") from exc
        with cl:
            try:
                cl.wait_for_workers(1, timeout=WORKER_WAIT_SECONDS)
            except TimeoutError as exc:
                raise ScaleOutError(
                    f"no worker joined the scheduler at {scheduler} in {WORKER_WAIT_SECONDS} s"
                ) from exc
            yield cl
        return
    if not workers or workers < 1:
        raise ValueError("give a scheduler address or a number of workers (1 or more)")
    with warnings.catch_warnings():
        # with no dashboard the scheduler still serves a few HTTP routes on loopback; if another
        # cluster holds the default port it takes a free one, which is no news for the user
        warnings.filterwarnings("ignore", message="Port .* is already in use")
        cluster = LocalCluster(
            n_workers=workers,
            processes=True,
            threads_per_worker=1,
            host="127.0.0.1",
            dashboard_address=None,
        )
    with cluster, Client(cluster) as cl:
        yield cl


def _batches(
    paths: Sequence[Any], size: int, max_bytes: int
) -> Iterator[list[tuple[Any, tuple[str, bytes] | InputError]]]:
    """Consecutive batches of (path, (name, bytes) or the client-side InputError), read lazily."""
    batch: list[tuple[Any, tuple[str, bytes] | InputError]] = []
    used = 0
    for path in paths:
        try:
            item: tuple[str, bytes] | InputError = load_file(path)
            used += len(item[1])
        except InputError as exc:
            item = exc
        batch.append((path, item))
        if len(batch) >= size or used >= max_bytes:
            yield batch
            batch, used = [], 0
    if batch:
        yield batch


def _describe(exc: BaseException, limit: int = 240) -> str:
    text = " ".join(str(exc).split())
    text = text if len(text) <= limit else text[: limit - 3] + "..."
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def map_files(
    paths: Iterable[str | Path],
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    client: Any = None,
    published: dt.date | None = None,
    outlet: str | None = None,
    extractor: Extractor | None = None,
    batch_size: int | None = None,
    batch_bytes: int = BATCH_BYTES,
    in_flight: int | None = None,
    retries: int = RETRIES,
) -> Iterator[tuple[Any, Any]]:
    """Read and extract ``paths`` on a cluster; yield ``(path, outcome)`` in input order as the
    batches finish. ``outcome`` is a list of ``(article, reports)`` (``reports`` is the exception
    the extraction raised, if it did) or, for a file that could not be read, an
    :class:`~analytics.errors.InputError` (or a :class:`RemoteError` for a reader bug).

    The cluster is ``client`` if given, else the scheduler at ``scheduler``, else a new local
    cluster of ``workers`` processes. ``extractor`` (default :func:`analytics.extract.extract_article`)
    runs on the workers and must be picklable. Raises :class:`ScaleOutError` when the cluster
    cannot be used or a batch fails after its retries.
    """
    paths = list(paths)
    if not paths:
        return
    with connect(scheduler, workers, client) as cl:
        yield from _map(cl, paths, published, outlet, extractor, batch_size, batch_bytes, in_flight, retries)


def _map(
    cl: Any,
    paths: list[Any],
    published: dt.date | None,
    outlet: str | None,
    extractor: Extractor | None,
    batch_size: int | None,
    batch_bytes: int,
    in_flight: int | None,
    retries: int,
) -> Iterator[tuple[Any, Any]]:
    from distributed import as_completed

    threads = max(1, sum(cl.nthreads().values()))
    size = batch_size or max(1, min(MAX_BATCH_FILES, math.ceil(len(paths) / (4 * threads))))
    window = in_flight or max(4, 2 * threads)
    run = uuid.uuid4().hex[:8]
    batches = _batches(paths, size, batch_bytes)
    waiting = as_completed()
    index_of: dict[str, int] = {}
    submitted: dict[int, list[tuple[Any, tuple[str, bytes] | InputError]]] = {}
    done: dict[int, list[tuple[Any, Any]]] = {}
    futures: list[Any] = []
    next_submit = next_yield = 0

    def assemble(batch: list[tuple[Any, Any]], answers: list[tuple[Any, ...]]) -> list[tuple[Any, Any]]:
        it = iter(answers)
        return [
            (path, item if isinstance(item, InputError) else _outcome(next(it), item[0]))
            for path, item in batch
        ]

    def fill() -> None:
        nonlocal next_submit
        while next_submit - next_yield < window:
            batch = next(batches, None)
            if batch is None:
                return
            remote = [item for _, item in batch if not isinstance(item, InputError)]
            if remote:
                fut = cl.submit(
                    work_batch,
                    remote,
                    published,
                    outlet,
                    extractor,
                    retries=retries,
                    pure=False,
                    key=f"strikes-batch-{run}-{next_submit}",
                )
                index_of[fut.key] = next_submit
                submitted[next_submit] = batch
                futures.append(fut)
                waiting.add(fut)
            else:
                done[next_submit] = assemble(batch, [])
            next_submit += 1

    try:
        fill()
        while next_yield < next_submit:
            if next_yield not in done:
                fut = next(waiting)
                i = index_of.pop(fut.key)
                try:
                    answers = fut.result()
                except Exception as exc:
                    hint = (
                        "; do the scheduler and the workers have this project and its requirements?"
                        if isinstance(exc, ImportError) or "deserializ" in str(exc)
                        else ""
                    )
                    raise ScaleOutError(
                        f"a batch of {len(submitted[i])} files failed on the workers after its retries "
                        f"({_describe(exc)}){hint}"
                    ) from exc
                done[i] = assemble(submitted.pop(i), answers)
                futures.remove(fut)
                fut.release()
                continue
            yield from done.pop(next_yield)
            next_yield += 1
            fill()
    finally:
        for fut in futures:
            with contextlib.suppress(Exception):
                fut.cancel()


class _PrefetchedJobs:
    """The ``(name, read)`` jobs of :func:`analytics.ingest._run` for files read and extracted on
    a cluster. Iterating fetches each file's outcome *before* its job runs, so a cluster failure
    stops the run instead of counting as that file's failure."""

    def __init__(self, files: Sequence[Path], results: Iterator[tuple[Any, Any]]) -> None:
        self.files = files
        self.results = results
        self.current: dict[int, Any] = {}

    def __len__(self) -> int:
        return len(self.files)

    def __iter__(self) -> Iterator[tuple[str, Callable[[], list[Article]]]]:
        for path, outcome in self.results:
            yield str(path), lambda outcome=outcome: self._read(outcome)

    def _read(self, outcome: Any) -> list[Article]:
        self.current.clear()
        if isinstance(outcome, Exception):
            raise outcome
        self.current.update({id(a): r for a, r in outcome})
        return [a for a, _ in outcome]

    def extract(self, article: Article) -> list[StrikeReport]:
        reports = self.current[id(article)]
        if isinstance(reports, Exception):
            raise reports
        return reports


@contextlib.contextmanager
def remote_jobs(
    files: Sequence[Path],
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    published: dt.date | None = None,
    outlet: str | None = None,
    extractor: Extractor | None = None,
) -> Iterator[tuple[Any, Extractor]]:
    """``(jobs, extractor)`` for :func:`analytics.ingest._run`: the jobs hand on what the workers
    read, the extractor what they extracted, so the client's store calls are a local run's."""
    results = map_files(
        files, scheduler=scheduler, workers=workers, published=published, outlet=outlet, extractor=extractor
    )
    jobs = _PrefetchedJobs(files, results)
    try:
        yield jobs, jobs.extract
    finally:
        results.close()
