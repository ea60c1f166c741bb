"""Scale-out: reading and extraction on the workers of a ``dask.distributed`` cluster.

The client (the process that runs ``python -m analytics ingest|extract``) lists the files, reads
each file's bytes and sends them to the workers in batches; a worker reads the articles out of the
bytes (:func:`analytics.readers.read_bytes_result`) and extracts their strike reports, and hands
``(article, reports)`` back. :func:`map_files` yields them in input order. The workers never see
the store: :func:`analytics.ingest.ingest_paths` hands what they found to
:func:`analytics.ingest.store_results`, which writes every article in its own transaction, in
input order, exactly as a local ingest does, so the result is the same.

This module sits below its users (``analytics.ingest``, ``analytics.extract.cli``) and imports
neither them nor the extractor: the caller passes the extractor to run on the workers.

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
from collections.abc import Callable, Generator, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

from analytics import readers, settings
from analytics.errors import InputError
from analytics.models import Article, StrikeReport

if TYPE_CHECKING:
    from distributed import Client, Future

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
#: One article and its reports, or the exception its extraction raised.
ArticleOutcome = tuple[Article, list[StrikeReport] | Exception]
#: One file's articles with their reports, or the exception that stopped its read (an
#: :class:`~analytics.errors.InputError`, or a :class:`RemoteError` for a reader bug).
FileOutcome = list[ArticleOutcome] | Exception

PathT = TypeVar("PathT", bound="str | os.PathLike[str]")


class ScaleOutError(RuntimeError):
    """The cluster could not be reached, or a batch failed even after its retries."""


class RemoteError(Exception):
    """An exception raised on a worker, rebuilt on the client under the same class name (so the
    one-line reasons read exactly as in a local run)."""


_REMOTE_TYPES: dict[str, type[RemoteError]] = {}

#: An exception as plain, always picklable data: ("input", file, reason) or ("error", type, text).
FlatError = tuple[str, str, str]


def _remote_error(type_name: str, message: str) -> RemoteError:
    cls = _REMOTE_TYPES.get(type_name)
    if cls is None:
        cls = _REMOTE_TYPES[type_name] = type(type_name, (RemoteError,), {"__module__": __name__})
    return cls(message)


def _flat_error(exc: BaseException) -> FlatError:
    if isinstance(exc, InputError):
        return ("input", exc.file, exc.reason)
    return ("error", type(exc).__name__, str(exc))


def _unflat_error(flat: FlatError) -> Exception:
    kind, a, b = flat
    return InputError(a, b) if kind == "input" else _remote_error(a, b)


def resolve_scheduler(value: str | None) -> str | None:
    """The scheduler address to use: ``value`` (``--scheduler``), else ``$STRIKES_SCHEDULER``."""
    return value or settings.SCHEDULER.read()


# --------------------------------------------------------------------------- worker side


@dataclass
class FileAnswer:
    """A worker's answer for one file, as plain picklable data: the read failed (``failed``), or
    each article with its reports or its extraction's error, the read's problems and the
    number of rows it skipped."""

    failed: FlatError | None = None
    articles: list[tuple[Article, list[StrikeReport] | FlatError]] = field(default_factory=list)
    problems: list[FlatError] = field(default_factory=list)
    skipped_rows: int = 0


def work_batch(
    files: Sequence[tuple[str, bytes]],
    published: dt.date | None,
    outlet: str | None,
    extractor: Extractor,
) -> list[FileAnswer]:
    """Runs on a worker: read and extract each (name, bytes). Failures are data, never raised."""
    out: list[FileAnswer] = []
    for name, data in files:
        try:
            result = readers.read_bytes_result(name, data, published=published, outlet=outlet)
        except Exception as exc:  # noqa: BLE001 - the file's failure, reported as in a local run
            out.append(FileAnswer(failed=_flat_error(exc)))
            continue
        answer = FileAnswer(
            problems=[_flat_error(p) for p in result.problems], skipped_rows=result.skipped_rows
        )
        for article in result.articles:
            try:
                answer.articles.append((article, list(extractor(article))))
            except Exception as exc:  # noqa: BLE001
                answer.articles.append((article, _flat_error(exc)))
        out.append(answer)
    return out


# --------------------------------------------------------------------------- client side


def _outcome(answer: FileAnswer, name: str) -> FileOutcome:
    """A worker's answer as the client hands it on (and its read problems logged, as
    :func:`analytics.readers.read_path` logs them)."""
    if answer.failed is not None:
        return _unflat_error(answer.failed)
    with contextlib.suppress(Exception):  # logging only
        readers.log_result(
            name,
            readers.ReadResult(
                problems=[InputError(file, reason) for _, file, reason in answer.problems],
                skipped_rows=answer.skipped_rows,
            ),
        )
    return [(a, r if isinstance(r, list) else _unflat_error(r)) for a, r in answer.articles]


@contextlib.contextmanager
def connect(
    scheduler: str | None = None, workers: int | None = None, client: Client | None = None
) -> Iterator[Client]:
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


#: One input of a batch: (path, (name, bytes) to send) or (path, the client-side InputError).
_Item = tuple[PathT, "tuple[str, bytes] | InputError"]


def _batches(paths: Sequence[PathT], size: int, max_bytes: int) -> Iterator[list[_Item[PathT]]]:
    """Consecutive batches of (path, (name, bytes) or the client-side InputError), read lazily."""
    batch: list[_Item[PathT]] = []
    used = 0
    for path in paths:
        item: tuple[str, bytes] | InputError
        try:
            item = readers.load_path(path)
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
    paths: Iterable[PathT],
    *,
    extractor: Extractor,
    scheduler: str | None = None,
    workers: int | None = None,
    client: Client | None = None,
    published: dt.date | None = None,
    outlet: str | None = None,
    batch_size: int | None = None,
    batch_bytes: int = BATCH_BYTES,
    in_flight: int | None = None,
    retries: int = RETRIES,
) -> Generator[tuple[PathT, FileOutcome], None, None]:
    """Read and extract ``paths`` on a cluster; yield ``(path, outcome)`` in input order as the
    batches finish (see :data:`FileOutcome`).

    The cluster is ``client`` if given, else the scheduler at ``scheduler``, else a new local
    cluster of ``workers`` processes. ``extractor`` (e.g. :func:`analytics.extract.extract_article`)
    runs on the workers and must be picklable. Raises :class:`ScaleOutError` when the cluster
    cannot be used or a batch fails after its retries.
    """
    todo = list(paths)
    if not todo:
        return
    with connect(scheduler, workers, client) as cl:
        yield from _map(cl, todo, published, outlet, extractor, batch_size, batch_bytes, in_flight, retries)


def _map(
    cl: Client,
    paths: list[PathT],
    published: dt.date | None,
    outlet: str | None,
    extractor: Extractor,
    batch_size: int | None,
    batch_bytes: int,
    in_flight: int | None,
    retries: int,
) -> Iterator[tuple[PathT, FileOutcome]]:
    from distributed import as_completed

    threads = max(1, sum(cl.nthreads().values()))
    size = batch_size or max(1, min(MAX_BATCH_FILES, math.ceil(len(paths) / (4 * threads))))
    window = in_flight or max(4, 2 * threads)
    run = uuid.uuid4().hex[:8]
    batches = _batches(paths, size, batch_bytes)
    waiting = as_completed()
    index_of: dict[Hashable, int] = {}
    submitted: dict[int, list[_Item[PathT]]] = {}
    done: dict[int, list[tuple[PathT, FileOutcome]]] = {}
    futures: list[Future] = []
    next_submit = next_yield = 0

    def assemble(batch: list[_Item[PathT]], answers: list[FileAnswer]) -> list[tuple[PathT, FileOutcome]]:
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
