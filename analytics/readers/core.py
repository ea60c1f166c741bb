"""Dispatch by file kind, and the per-read context (problems met, rows skipped, archive budget)."""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from analytics.errors import InputError
from analytics.models import Article
from analytics.readers import limits

log = logging.getLogger("analytics.readers")

SUPPORTED_EXTENSIONS: frozenset[str] = frozenset(
    {".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx", ".csv", ".jsonl", ".json", ".zip"}
)


@dataclass
class ReadResult:
    """Everything one read produced: the articles, plus what was passed over on the way.

    ``problems`` are zip entries that could not be read (the rest of the archive still was);
    ``skipped_rows`` counts CSV/JSON rows without text; ``skipped_files`` counts zip entries
    of an unsupported kind or hidden.
    """

    articles: list[Article] = field(default_factory=list)
    problems: list[InputError] = field(default_factory=list)
    skipped_rows: int = 0
    skipped_files: int = 0


@dataclass
class ReadContext:
    """State shared by one read, including nested archives."""

    result: ReadResult = field(default_factory=ReadResult)
    zip_depth: int = 0
    archive_bytes_read: int = 0


def extension(name: str) -> str:
    return PurePosixPath(name.replace("\\", "/")).suffix.lower()


def check_size(name: str, size: int) -> None:
    limit = limits.max_file_bytes()
    if size > limit:
        raise InputError(
            name,
            f"the file is too large ({limits.describe_bytes(size)}; the limit is {limits.describe_bytes(limit)})",
        )


def check_supported(name: str) -> str:
    """The file's extension, or InputError if no reader handles it."""
    ext = extension(name)
    if ext not in SUPPORTED_EXTENSIONS:
        kinds = ", ".join(sorted(SUPPORTED_EXTENSIONS))
        raise InputError(name, f"unsupported file type '{ext or '(none)'}'; use one of {kinds}")
    return ext


def dispatch(
    name: str,
    data: bytes,
    ctx: ReadContext,
    *,
    published: dt.date | None = None,
    outlet: str | None = None,
) -> list[Article]:
    """Read ``data`` (named ``name``, used for messages and ``source_file``) by its extension."""
    ext = check_supported(name)
    check_size(name, len(data))
    if not data:
        raise InputError(name, "the file is empty")
    try:
        return _read_kind(ext, name, data, ctx, published=published, outlet=outlet)
    except InputError:
        raise
    except MemoryError:
        raise InputError(name, "the file is too large to read") from None
    except RecursionError:
        raise InputError(name, "the file is nested too deeply to read") from None
    except Exception as exc:  # noqa: BLE001 - a reader bug on odd input is still the user's bad file
        log.debug("reader failed on %s", name, exc_info=True)
        raise InputError(name, f"the file could not be read ({type(exc).__name__})") from None


def _read_kind(
    ext: str,
    name: str,
    data: bytes,
    ctx: ReadContext,
    *,
    published: dt.date | None,
    outlet: str | None,
) -> list[Article]:
    if ext in (".txt", ".md", ".markdown"):
        from analytics.readers.text import read_text

        return read_text(name, data, markdown=ext != ".txt", published=published, outlet=outlet)
    if ext in (".html", ".htm"):
        from analytics.readers.html import read_html

        return read_html(name, data, published=published, outlet=outlet)
    if ext == ".pdf":
        from analytics.readers.pdf import read_pdf

        return read_pdf(name, data, published=published, outlet=outlet)
    if ext == ".docx":
        from analytics.readers.docx import read_docx

        return read_docx(name, data, published=published, outlet=outlet)
    if ext in (".csv", ".json", ".jsonl"):
        from analytics.readers.bulk import read_bulk

        return read_bulk(name, data, ctx, published=published, outlet=outlet)
    from analytics.readers.archive import read_zip

    return read_zip(name, data, ctx, published=published, outlet=outlet)


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


def safe_name(name: str) -> str:
    """An uploaded file's name as shown and stored: the last path part (folders and ``..``
    dropped), control characters and bidi overrides replaced by ``_``."""
    base = PurePosixPath(str(name).replace("\\", "/")).name
    base = _UNSAFE_NAME_CHARS.sub("_", base).strip()
    return base if base not in ("", ".", "..") else "upload"


def read_path_result(
    path: str | Path, *, published: dt.date | None = None, outlet: str | None = None
) -> ReadResult:
    """Like :func:`read_path`, with the problems and skipped rows/files reported too."""
    p = Path(path)
    name = p.name or str(path)
    if not p.exists():
        raise InputError(name, "file not found")
    if p.is_dir():
        raise InputError(name, "this is a folder, not a file")
    check_supported(name)
    try:
        size = p.stat().st_size
        check_size(name, size)
        data = p.read_bytes()
    except InputError:
        raise
    except OSError as exc:
        raise InputError(
            name, f"the file could not be opened ({exc.strerror or type(exc).__name__})"
        ) from None
    return read_bytes_result(name, data, published=published, outlet=outlet)


def read_bytes(
    name: str, data: bytes, *, published: dt.date | None = None, outlet: str | None = None
) -> list[Article]:
    """The articles in an uploaded file's bytes; ``name`` (its file name) picks the reader.

    ``published``/``outlet`` are the user's fallbacks, used only when the file carries none.
    Raises :class:`~analytics.errors.InputError` and nothing else on bad input.
    """
    result = read_bytes_result(name, data, published=published, outlet=outlet)
    _log_result(name, result)
    return result.articles


def read_path(
    path: str | Path, *, published: dt.date | None = None, outlet: str | None = None
) -> list[Article]:
    """The articles in a file on disk (see :func:`read_bytes`)."""
    result = read_path_result(path, published=published, outlet=outlet)
    _log_result(Path(path).name, result)
    return result.articles


def _log_result(name: str, result: ReadResult) -> None:
    for problem in result.problems:
        log.warning("skipped %s", problem)
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
                    if _hidden(f) or extension(f) not in SUPPORTED_EXTENSIONS:
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
