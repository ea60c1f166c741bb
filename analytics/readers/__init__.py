"""Readers: any article file -> :class:`~analytics.models.Article` records.

Plain text and Markdown, HTML (trafilatura), PDF (pypdf), DOCX (python-docx), CSV/JSON/JSONL
with one article per row, and zip archives of any of these. Every failure raises
:class:`~analytics.errors.InputError` with a one-line reason, and nothing else.

Each reader module registers the extensions it reads with :mod:`analytics.readers.core` when it
is imported; this package imports them all (and the dispatcher imports none of them), so
:data:`SUPPORTED_EXTENSIONS` is what the registered readers read.
"""

from __future__ import annotations

# imported for their registrations; the dispatcher looks readers up by extension
from analytics.readers import archive, bulk, docx, html, pdf, text  # noqa: F401
from analytics.readers.core import (
    ReadResult,
    clean_chars,
    iter_paths,
    load_path,
    log_result,
    passed_over,
    read_bytes,
    read_bytes_result,
    read_path,
    read_path_result,
    repairs,
    safe_name,
    stream_bytes,
    stream_path,
    supported_extensions,
)
from analytics.readers.limits import MAX_FILE_BYTES, max_file_bytes

#: Every extension a registered reader reads (``".txt"``, ``".pdf"``...).
SUPPORTED_EXTENSIONS: frozenset[str] = supported_extensions()

__all__ = [
    "MAX_FILE_BYTES",
    "SUPPORTED_EXTENSIONS",
    "ReadResult",
    "clean_chars",
    "iter_paths",
    "load_path",
    "log_result",
    "passed_over",
    "max_file_bytes",
    "read_bytes",
    "read_bytes_result",
    "read_path",
    "read_path_result",
    "repairs",
    "safe_name",
    "stream_bytes",
    "stream_path",
]
