"""The reader registry and dispatch by file kind, and the per-read context (problems met, rows
skipped, archive budget).

Each reader module (``text``, ``html``, ``pdf``, ``docx``, ``bulk``, ``archive``) calls
:func:`register` for the extensions it reads when it is imported; ``analytics/readers/__init__.py``
imports them all. This module never imports a reader: readers that read nested files (zip
entries) call :func:`dispatch`, which looks the reader up here.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import logging
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Protocol, TypeVar

from analytics.errors import InputError
from analytics.models import Article
from analytics.readers import limits

log = logging.getLogger("analytics.readers")


@dataclass
class ReadResult:
    """Everything one read produced: the articles, plus what was passed over on the way.

    ``problems`` are zip entries that could not be read (the rest of the archive still was);
    ``skipped_rows`` counts CSV/JSON rows without text.
    """

    articles: list[Article] = field(default_factory=list)
    problems: list[InputError] = field(default_factory=list)
    skipped_rows: int = 0


@dataclass
class ReadContext:
    """State shared by one read, including nested archives."""

    result: ReadResult = field(default_factory=ReadResult)
    zip_depth: int = 0
    archive_bytes_read: int = 0
    #: entries of every archive this read opened, nested ones included
    archive_entries: int = 0


_Out = TypeVar("_Out", covariant=True)


class _Reads(Protocol[_Out]):
    """A registered reader of one file's bytes (``name`` is the file name, used for messages and
    ``source_file``; ``ctx`` the read's shared state; ``published``/``outlet`` the user's
    fallbacks), giving ``_Out``."""

    def __call__(
        self,
        name: str,
        data: bytes,
        ctx: ReadContext,
        *,
        published: dt.date | None,
        outlet: str | None,
    ) -> _Out: ...


#: A reader: the file's articles, all of them at once.
Reader = _Reads[list[Article]]
#: A streaming reader: the same articles one by one as it reads (raising, from the iteration,
#: what the reader would raise).
Streamer = _Reads[Iterator[Article]]


_READERS: dict[str, Reader] = {}
_STREAMS: dict[str, Streamer] = {}
StreamerT = TypeVar("StreamerT", bound=Streamer)


ReaderT = TypeVar("ReaderT", bound=Reader)


_REPAIRS: contextvars.ContextVar[list[str] | None] = contextvars.ContextVar("repairs", default=None)


def note_repair(what: str) -> None:
    """A reader had to repair the text (say so in the ingest result, see :func:`repairs`)."""
    found = _REPAIRS.get()
    if found is not None:
        found.append(what)
    log.info("text repaired: %s", what)


@contextlib.contextmanager
def _collecting(var: contextvars.ContextVar[list[str] | None]) -> Iterator[list[str]]:
    found: list[str] = []
    token = var.set(found)
    try:
        yield found
    finally:
        var.reset(token)


def repairs() -> contextlib.AbstractContextManager[list[str]]:
    """Collect what the readers repaired while this block reads."""
    return _collecting(_REPAIRS)


_PASSED_OVER: contextvars.ContextVar[list[str] | None] = contextvars.ContextVar("passed_over", default=None)


def passed_over() -> contextlib.AbstractContextManager[list[str]]:
    """Collect the files inside archives that reads in this block passed over, with why
    ("a.zip/b.pdf: the PDF is damaged"), so a result can say more than a log line."""
    return _collecting(_PASSED_OVER)


def register(*extensions: str) -> Callable[[ReaderT], ReaderT]:
    """Decorator: the function is the reader of files ending in each of ``extensions``
    (``".txt"``...). An extension claimed by two readers is a programming error."""
    exts = [ext.lower() for ext in extensions]
    for ext in exts:
        if not ext.startswith(".") or len(ext) < 2:
            raise ValueError(f"not a file extension: {ext!r}")

    def add(reader: ReaderT) -> ReaderT:
        for ext in exts:
            if _key(_READERS.get(ext, reader)) != _key(reader):  # the same one again: a reload
                raise ValueError(f"{ext} already has a reader")
            _READERS[ext] = reader
        return reader

    return add


def register_stream(*extensions: str) -> Callable[[StreamerT], StreamerT]:
    """Decorator: the function gives the articles of files ending in each of ``extensions`` as
    it reads them (for :func:`stream_bytes`); the kind keeps its ordinary reader too."""
    exts = [ext.lower() for ext in extensions]

    def add(streamer: StreamerT) -> StreamerT:
        for ext in exts:
            _STREAMS[ext] = streamer
        return streamer

    return add


def _key(reader: Reader) -> tuple[str, str]:
    return (getattr(reader, "__module__", ""), getattr(reader, "__qualname__", repr(reader)))


def supported_extensions() -> frozenset[str]:
    """Every extension some registered reader reads."""
    return frozenset(_READERS)


def is_supported(name: str) -> bool:
    """True when a registered reader reads files named like ``name``."""
    return extension(name) in _READERS


def extension(name: str) -> str:
    """``name``'s extension, lower case (``"a/B.TXT"`` -> ``".txt"``; none: ``""``)."""
    return PurePosixPath(name.replace("\\", "/")).suffix.lower()


def check_size(name: str, size: int) -> None:
    """InputError when a file of ``size`` bytes is over the size limit."""
    limit = limits.max_file_bytes()
    if size > limit:
        raise InputError(
            name,
            f"the file is too large ({limits.describe_bytes(size)}; the limit is {limits.describe_bytes(limit)})",
        )


def check_supported(name: str) -> str:
    """The file's extension, or InputError if no reader handles it."""
    ext = extension(name)
    if ext not in _READERS:
        kinds = ", ".join(sorted(_READERS))
        raise InputError(name, f"unsupported file type '{ext or '(none)'}'; use one of {kinds}")
    return ext


@contextlib.contextmanager
def _reading(name: str) -> Iterator[None]:
    """Any failure of a reader on ``name`` as an InputError with a plain reason."""
    try:
        yield
    except InputError:
        raise
    except MemoryError:
        raise InputError(name, "the file is too large to read") from None
    except RecursionError:
        raise InputError(name, "the file is nested too deeply to read") from None
    except Exception as exc:  # a reader bug on odd input is still the user's bad file (logged)
        log.debug("reader failed on %s", name, exc_info=True)
        raise InputError(name, f"the file could not be read ({type(exc).__name__})") from None


def _checked(name: str, data: bytes) -> str:
    """The file's extension, after the checks every read makes first."""
    ext = check_supported(name)
    check_size(name, len(data))
    if not data:
        raise InputError(name, "the file is empty")
    return ext


def dispatch(
    name: str,
    data: bytes,
    ctx: ReadContext,
    *,
    published: dt.date | None = None,
    outlet: str | None = None,
) -> list[Article]:
    """Read ``data`` (named ``name``, used for messages and ``source_file``) by its extension,
    with the reader registered for it."""
    reader = _READERS[_checked(name, data)]
    with _reading(name):
        return reader(name, data, ctx, published=published, outlet=outlet)


def stream_bytes(
    name: str, data: bytes, *, published: dt.date | None = None, outlet: str | None = None
) -> Iterable[Article]:
    """The articles of :func:`read_bytes`, given out as they are read: a kind with a streaming
    reader (a zip archive, entry by entry) gives an iterator whose articles come as soon as each
    is read; any other kind is read whole first, into a list. The same articles and refusals
    (from a stream, raised by the iteration), its problems logged at the end."""
    base = safe_name(name)
    stream = _STREAMS.get(check_supported(base))
    if stream is None:
        return read_bytes(name, data, published=published, outlet=outlet)
    _checked(base, data)
    return _streamed(stream, base, data, published, outlet)


def _streamed(
    stream: Streamer, name: str, data: bytes, published: dt.date | None, outlet: str | None
) -> Iterator[Article]:
    ctx = ReadContext()
    with _reading(name):
        yield from stream(name, data, ctx, published=published, outlet=outlet)
    log_result(name, ctx.result)


def stream_path(
    path: str | Path, *, published: dt.date | None = None, outlet: str | None = None
) -> Iterable[Article]:
    """The articles in a file on disk as they are read (see :func:`stream_bytes`)."""
    name, data = load_path(path)
    return stream_bytes(name, data, published=published, outlet=outlet)


def read_bytes_result(
    name: str, data: bytes, *, published: dt.date | None = None, outlet: str | None = None
) -> ReadResult:
    """Like :func:`read_bytes`, with the problems and skipped rows/files reported too."""
    ctx = ReadContext()
    base = safe_name(name)
    ctx.result.articles = dispatch(base, data, ctx, published=published, outlet=outlet)
    return ctx.result


#: Control characters and bidirectional overrides: a file name shown with them can lie.
_UNSAFE_NAME_CHARS = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def clean_chars(text: str) -> str:
    """``text`` with control characters and bidi overrides replaced by ``_``."""
    return _UNSAFE_NAME_CHARS.sub("_", text)


def safe_name(name: str) -> str:
    """An uploaded file's name as shown and stored: the last path part (folders and ``..``
    dropped), control characters and bidi overrides replaced by ``_``."""
    base = PurePosixPath(str(name).replace("\\", "/")).name
    base = clean_chars(base).strip()
    return base if base not in ("", ".", "..") else "upload"


def read_path_result(
    path: str | Path, *, published: dt.date | None = None, outlet: str | None = None
) -> ReadResult:
    """Like :func:`read_path`, with the problems and skipped rows/files reported too."""
    name, data = load_path(path)
    return read_bytes_result(name, data, published=published, outlet=outlet)


def load_path(path: str | os.PathLike[str]) -> tuple[str, bytes]:
    """(file name, bytes) of a file to read, after the checks a read makes first (missing,
    a folder, an unsupported kind, over the size limit: InputError with the reason)."""
    p = Path(path)
    name = p.name or str(path)
    if not p.exists():
        raise InputError(name, "file not found")
    if p.is_dir():
        raise InputError(name, "this is a folder, not a file")
    check_supported(name)
    try:
        check_size(name, p.stat().st_size)
        data = p.read_bytes()
    except InputError:
        raise
    except OSError as exc:
        raise InputError(
            name, f"the file could not be opened ({exc.strerror or type(exc).__name__})"
        ) from None
    return name, data


def read_bytes(
    name: str, data: bytes, *, published: dt.date | None = None, outlet: str | None = None
) -> list[Article]:
    """The articles in an uploaded file's bytes; ``name`` (its file name) picks the reader.

    ``published``/``outlet`` are the user's fallbacks, used only when the file carries none.
    Raises :class:`~analytics.errors.InputError` and nothing else on bad input.
    """
    result = read_bytes_result(name, data, published=published, outlet=outlet)
    log_result(name, result)
    return result.articles


def read_path(
    path: str | Path, *, published: dt.date | None = None, outlet: str | None = None
) -> list[Article]:
    """The articles in a file on disk (see :func:`read_bytes`)."""
    result = read_path_result(path, published=published, outlet=outlet)
    log_result(Path(path).name, result)
    return result.articles


def log_result(name: str, result: ReadResult) -> None:
    """Log what a read of ``name`` passed over (unreadable zip entries, rows without text), as
    :func:`read_bytes` and :func:`read_path` do; for callers of the ``*_result`` functions."""
    found = _PASSED_OVER.get()
    for problem in result.problems:
        log.warning("skipped %s", problem)
        if found is not None:
            found.append(str(problem))
    if result.skipped_rows:
        log.info("%s: skipped %d rows without text", name, result.skipped_rows)


def _hidden(part: str) -> bool:
    return part.startswith(".") or part == "__MACOSX"


def iter_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files to read: folders expanded recursively (sorted; hidden files and folders and
    unsupported kinds skipped), files named directly kept as given, duplicates dropped.

    A path that does not exist raises InputError.
    """
    out: list[Path] = []
    seen: set[Path] = set()

    def add(p: Path) -> None:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            out.append(p)

    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found: list[Path] = []
            for root, dirs, files in os.walk(p, followlinks=False):
                dirs[:] = [d for d in dirs if not _hidden(d)]
                for f in files:
                    if _hidden(f) or not is_supported(f):
                        continue
                    fp = Path(root) / f
                    if fp.is_file():
                        found.append(fp)
            for fp in sorted(found, key=lambda q: q.relative_to(p).as_posix()):
                add(fp)
        elif p.exists():
            add(p)
        else:
            raise InputError(p.name or str(raw), "file or folder not found")
    return out
