"""Readers: any article file -> :class:`~analytics.models.Article` records.

Plain text and Markdown, HTML (trafilatura), PDF (pypdf), DOCX (python-docx), CSV/JSON/JSONL
with one article per row, and zip archives of any of these. Every failure raises
:class:`~analytics.errors.InputError` with a one-line reason, and nothing else.
"""

from __future__ import annotations

from analytics.readers.core import (
    SUPPORTED_EXTENSIONS,
    ReadResult,
    iter_paths,
    read_bytes,
    read_bytes_result,
    read_path,
    read_path_result,
)
from analytics.readers.limits import MAX_FILE_BYTES, max_file_bytes

__all__ = [
    "MAX_FILE_BYTES",
    "SUPPORTED_EXTENSIONS",
    "ReadResult",
    "iter_paths",
    "max_file_bytes",
    "read_bytes",
    "read_bytes_result",
    "read_path",
    "read_path_result",
]
