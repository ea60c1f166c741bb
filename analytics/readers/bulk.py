"""Many articles in one file: CSV (delimiter sniffed), JSON (a list of objects, one object, or
``{"articles": [...]}``) and JSON Lines (one object per line).

Each row needs a ``text`` (or ``body``/``content``) value; ``title``, ``published`` (or
``date``), ``url``, ``outlet`` (or ``source``/``site``) and ``author`` are optional. A row's own
date is "metadata"; without one, a dateline in its text counts ("dateline"), then the user's
fallback. Rows with empty text are skipped and counted (``ReadResult.skipped_rows``); a file
whose every row is empty raises InputError. ``source_file`` is ``name#N`` with N the 1-based
row (CSV data row, JSONL line, JSON list index).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any

from analytics.errors import InputError
from analytics.models import Article
from analytics.readers import limits
from analytics.readers.core import ReadContext, extension, register
from analytics.readers.meta import Header, parse_date
from analytics.readers.text import article_from_text, decode_bytes

TEXT_KEYS = ("text", "body", "content", "article_text", "full_text")
_FIELD_KEYS = {
    "title": ("title", "headline"),
    "published": ("published", "date", "published_at", "publication_date", "pubdate"),
    "url": ("url", "link", "source_url"),
    "outlet": ("outlet", "source", "site", "site_name", "publisher"),
    "author": ("author", "authors", "byline"),
}


def _norm_keys(row: dict[Any, Any]) -> dict[str, Any]:
    return {str(k).strip().lower().lstrip("\ufeff"): v for k, v in row.items() if k is not None}


def _pick(row: dict[str, Any], keys: tuple[str, ...]) -> Any:
    for k in keys:
        v = row.get(k)
        if v is not None and str(v).strip() != "":
            return v
    return None


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "\n\n".join(value)
    return ""


def _row_article(
    row: dict[str, Any],
    source: str,
    *,
    published: dt.date | None,
    outlet: str | None,
) -> Article | None:
    text = _as_text(_pick(row, TEXT_KEYS)).replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return None
    known = Header(
        title=_as_text(_pick(row, _FIELD_KEYS["title"])),
        author=_as_text(_pick(row, _FIELD_KEYS["author"])),
        outlet=_as_text(_pick(row, _FIELD_KEYS["outlet"])),
        published=parse_date(_pick(row, _FIELD_KEYS["published"])),
    )
    url = _as_text(_pick(row, _FIELD_KEYS["url"]))
    return article_from_text(text, source, published=published, outlet=outlet, known=known, url=url)


def _csv_rows(name: str, text: str) -> tuple[list[str], list[dict[str, Any]]]:
    dialect: Any = csv.excel
    header_line = text.lstrip("\ufeff").split("\n", 1)[0]
    in_header = [d for d in ",;\t|" if d in header_line]
    if len(in_header) == 1:
        # the header names the columns with one delimiter: trust it over the sniffer
        dialect = type("HeaderDialect", (csv.excel,), {"delimiter": in_header[0]})
    elif in_header:
        try:
            dialect = csv.Sniffer().sniff(text[:64_000], delimiters="".join(in_header))
        except csv.Error:
            dialect = csv.excel
    limit = max(csv.field_size_limit(), limits.max_file_bytes())
    csv.field_size_limit(limit)
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect)
        names: list[str] = []
        for raw in reader.fieldnames or []:
            base = str(raw).strip().lower().lstrip("\ufeff")
            # a column named twice: the first keeps the name (a later empty one must not win)
            names.append(
                base if base not in names else f"{base} ({sum(n.startswith(base) for n in names) + 1})"
            )
        if reader.fieldnames:
            reader.fieldnames = names
        header = names
        rows = []
        for row in reader:
            rows.append(_norm_keys(row))
            if len(rows) > limits.MAX_BULK_ROWS:
                raise InputError(name, f"the file has more than {limits.MAX_BULK_ROWS} rows; split it")
    except csv.Error as exc:
        raise InputError(name, f"the CSV file is malformed ({exc})") from None
    return header, rows


def _big_int(digits: str) -> int | str:
    """An integer, or its digits when Python refuses to convert that many (a row's odd field
    must not fail the whole file)."""
    try:
        return int(digits)
    except ValueError:
        return digits


def _loads(text: str) -> Any:
    return json.loads(text, parse_int=_big_int)


def _json_rows(name: str, text: str, ext: str) -> list[tuple[int, Any]]:
    stripped = text.strip()
    if ext == ".json" or stripped.startswith("["):
        try:
            data = _loads(stripped)
        except (json.JSONDecodeError, RecursionError):
            data = None
            if ext == ".json" and "\n" not in stripped:
                raise InputError(name, "the JSON file is malformed") from None
        if data is not None:
            if isinstance(data, dict):
                lists = [v for v in data.values() if isinstance(v, list) and v and isinstance(v[0], dict)]
                if not any(k in _norm_keys(data) for k in TEXT_KEYS) and len(lists) == 1:
                    data = lists[0]
                else:
                    data = [data]
            if not isinstance(data, list):
                raise InputError(name, "the JSON file holds neither an object nor a list of objects")
            return list(enumerate(data, start=1))
    rows = []
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            rows.append((lineno, _loads(line)))
        except (json.JSONDecodeError, RecursionError):
            raise InputError(name, f"line {lineno} is not valid JSON") from None
        if len(rows) > limits.MAX_BULK_ROWS:
            raise InputError(name, f"the file has more than {limits.MAX_BULK_ROWS} rows; split it")
    return rows


@register(".csv", ".json", ".jsonl")
def read_bulk(
    name: str,
    data: bytes,
    ctx: ReadContext,
    *,
    published: dt.date | None = None,
    outlet: str | None = None,
) -> list[Article]:
    """A CSV, JSON or JSONL file: one article per row with text."""
    ext = extension(name)
    text = decode_bytes(name, data)
    articles: list[Article] = []
    empty = 0
    if ext == ".csv":
        header, rows = _csv_rows(name, text)
        if not any(k in header for k in TEXT_KEYS):
            shown = ", ".join(" ".join(h.split())[:40] for h in header[:8] if h.strip()) or "none"
            raise InputError(name, f"the CSV has no 'text' column in its first line (columns found: {shown})")
        numbered: list[tuple[int, Any]] = list(enumerate(rows, start=1))
    else:
        numbered = _json_rows(name, text, ext)
        if len(numbered) > limits.MAX_BULK_ROWS:
            raise InputError(name, f"the file has more than {limits.MAX_BULK_ROWS} rows; split it")
        objects = [obj for _, obj in numbered if isinstance(obj, dict)]
        if not objects:
            raise InputError(
                name, "the file holds no JSON objects (one article per object, with a 'text' key)"
            )
        if not any(any(k in _norm_keys(o) for k in TEXT_KEYS) for o in objects):
            raise InputError(name, "no object has a 'text' key")
    for number, row in numbered:
        if not isinstance(row, dict):
            empty += 1
            continue
        article = _row_article(_norm_keys(row), f"{name}#{number}", published=published, outlet=outlet)
        if article is None:
            empty += 1
        else:
            articles.append(article)
    ctx.result.skipped_rows += empty
    if not articles and not numbered:
        raise InputError(name, "the file has a header but no rows")
    if not articles:
        raise InputError(name, f"every row is empty ({empty} rows without text)")
    return articles
