"""Word .docx files through python-docx: paragraphs and tables in document order.

Safety: a .docx is a zip of XML parts, so the zip is checked against the archive limits
(entry count, total and per-entry expansion) before python-docx opens it, and any part that
declares a DOCTYPE or ENTITY is refused (Word never writes them). python-docx 1.2 itself parses
with ``lxml.etree.XMLParser(resolve_entities=False)`` (``docx/oxml/parser.py`` and
``docx/opc/oxml.py``), so entities would not be expanded anyway; the check makes that
independent of the library's settings.

Text: the body's XML is walked here in document order (python-docx's ``iter_inner_content`` and
``paragraph.text`` miss paragraphs and runs inside content controls, tracked insertions, smart tags
and custom XML, and its ``row.cells`` is quadratic, then recursive, on vertically merged cells).
Deleted text (``w:del``, ``w:delText``, ``w:moveFrom``) is left out; the walk uses an explicit
stack and reads content nested deeper than ``_MAX_DEPTH`` as plain text.

Metadata: the core properties' title and author (unless it is a tool's placeholder such as
"python-docx") and the created date (-> "metadata") are used when the text itself carries no
headline, byline or dateline; the created date of python-docx's own template is ignored.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterator
from typing import Any

from analytics.errors import InputError
from analytics.models import Article
from analytics.readers import limits
from analytics.readers.archive import guard_zip, read_member
from analytics.readers.core import ReadContext, register
from analytics.readers.meta import Header
from analytics.readers.text import article_from_text

_PLACEHOLDER_AUTHORS = {
    "python-docx",
    "user",
    "admin",
    "administrator",
    "author",
    "unknown",
    "microsoft office user",
    "windows user",
    "owner",
}
#: python-docx's default template was created at this moment; it says nothing about the article.
_TEMPLATE_CREATED = dt.datetime(2013, 12, 23, 23, 15)
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_DTD_MARKERS = tuple(
    marker.encode(enc)
    for marker in ("<!DOCTYPE", "<!ENTITY")
    for enc in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
)


def _safe_parts(name: str, zf: zipfile.ZipFile) -> dict[str, bytes]:
    """Every part of the document, read through the capped member reader (never trusting the
    sizes the zip declares), with any part declaring a DTD or an entity refused."""
    parts: dict[str, bytes] = {}
    left = limits.MAX_ARCHIVE_TOTAL_BYTES
    for info in zf.infolist():
        if info.is_dir():
            continue
        data = read_member(zf, info, name, min(limits.max_file_bytes(), left))
        left -= len(data)
        upper = data.upper()  # any case, in any of the encodings (bytes.upper touches ASCII only)
        if info.filename.lower().endswith((".xml", ".rels")) and any(m in upper for m in _DTD_MARKERS):
            raise InputError(
                name,
                "the document contains XML entity declarations, which Word never writes; refused as unsafe",
            )
        parts[info.filename] = data
    return parts


def _honest_zip(parts: dict[str, bytes]) -> bytes:
    """The parts as a new zip whose sizes are true, for python-docx (which reads a part in one
    call and would inflate a lying one up to 2 GiB)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as zf:
        for part, data in parts.items():
            zf.writestr(part, data)
    return out.getvalue()


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _TC, _R, _T = (_W + tag for tag in ("p", "tbl", "tr", "tc", "r", "t"))
_ALTERNATE = "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent"
#: Never text: properties, and what a tracked change removed (``w:del``, ``w:moveFrom``).
_NOT_TEXT = frozenset(
    _W + tag
    for tag in (
        "sectPr",
        "pPr",
        "rPr",
        "tblPr",
        "tblGrid",
        "trPr",
        "tblPrEx",
        "tcPr",
        "sdtPr",
        "sdtEndPr",
        "customXmlPr",
        "smartTagPr",
        "del",
        "moveFrom",
    )
)
#: The text of a run's own children (as python-docx's ``CT_R.text`` reads them).
_RUN_TEXT = {_W + "tab": "\t", _W + "ptab": "\t", _W + "cr": "\n", _W + "noBreakHyphen": "-"}
#: Nesting deeper than this is read as the plain text of its ``w:t`` (lxml stops near 256 anyway).
_MAX_DEPTH = 200


def _continues_above(tc: Any) -> bool:
    """A vertically merged cell below the first: its text is in the cell that starts the merge."""
    merge = tc.find(f"{_W}tcPr/{_W}vMerge")
    return merge is not None and merge.get(_W + "val", "continue") != "restart"


def _flat_text(root: Any) -> str:
    """The text of content nested too deep to walk: its ``w:t`` in order, a line break between
    paragraphs, nothing that a tracked change removed."""
    parts: list[str] = []
    removed: set[Any] = set()  # w:del / w:moveFrom elements met so far
    for el in root.iter(_P, _T, _W + "del", _W + "moveFrom"):
        if el.tag in (_W + "del", _W + "moveFrom"):
            removed.add(el)
        elif el.tag == _P:
            parts.append("\n")
        elif not any(a in removed for a in el.iterancestors(_W + "del", _W + "moveFrom")):
            parts.append(el.text or "")
    return "".join(parts).strip("\n")


def _walk(root: Any, wanted: tuple[str, ...], *, skip_merged: bool = False) -> Iterator[Any]:
    """The elements under ``root`` whose tag is ``wanted``, in document order (not looking inside
    them), descending through any others but those in ``_NOT_TEXT`` (and, with ``skip_merged``,
    cells continuing a vertical merge). An explicit stack, no recursion; of an
    ``mc:AlternateContent`` only the first choice is read; content nested deeper than
    ``_MAX_DEPTH`` comes as one string, the text of its ``w:t``."""
    stack: list[Iterator[Any]] = [iter(root)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        tag = child.tag
        if not isinstance(tag, str):  # comments, processing instructions
            continue
        if tag in wanted:
            yield child
        elif tag in _NOT_TEXT or (skip_merged and tag == _TC and _continues_above(child)):
            continue
        elif len(stack) >= _MAX_DEPTH:
            yield _flat_text(child)
        elif tag == _ALTERNATE:
            stack.append(iter([c for c in child if isinstance(c.tag, str)][:1]))
        else:
            stack.append(iter(child))


def _paragraph_text(p: Any) -> str:
    """The visible text of a paragraph: its runs' text, also in insertions, smart tags, hyperlinks,
    fields, custom XML and content controls; not deleted text (``w:delText``, in ``w:del``)."""
    parts: list[str] = []
    for run in _walk(p, (_R,)):
        if isinstance(run, str):
            parts.append(run)
            continue
        for el in run:
            if el.tag == _T:
                parts.append(el.text or "")
            elif el.tag == _W + "br":
                # a line break; page and column breaks are no text (as in python-docx)
                parts.append("\n" if el.get(_W + "type", "textWrapping") == "textWrapping" else "")
            else:
                parts.append(_RUN_TEXT.get(el.tag, ""))
    return "".join(parts)


def _table_lines(tbl: Any) -> list[str]:
    """A table's rows as "cell | cell" lines: a cell's text is that of all its paragraphs, nested
    tables' included; a cell continuing a vertical merge is left out, empty cells too."""
    lines = []
    for row in _walk(tbl, (_TR,)):
        cells: list[str] = []
        for cell in [row] if isinstance(row, str) else _walk(row, (_TC,)):
            if isinstance(cell, str):
                pieces = [cell]
            elif _continues_above(cell):
                continue
            else:
                pieces = [
                    p if isinstance(p, str) else _paragraph_text(p)
                    for p in _walk(cell, (_P,), skip_merged=True)
                ]
            text = " ".join(" ".join(pieces).split())
            if text:
                cells.append(text)
        if cells:
            lines.append(" | ".join(cells))
    return lines


def _style_id(p: Any) -> str | None:
    style = p.find(f"{_W}pPr/{_W}pStyle")
    return style.get(_W + "val") if style is not None else None


def _style_names(document: object) -> dict[str | None, str]:
    """Paragraph style names by style id, the default paragraph style under ``None``."""
    names: dict[str | None, str] = {}
    try:
        from docx.enum.style import WD_STYLE_TYPE

        styles = document.styles  # type: ignore[attr-defined]
        for style in styles:
            if style.type == WD_STYLE_TYPE.PARAGRAPH and style.style_id:
                names[style.style_id] = style.name or ""
        default = styles.default(WD_STYLE_TYPE.PARAGRAPH)
        names[None] = (default.name or "") if default is not None else ""
    except Exception:  # noqa: BLE001 - broken styles are just no styles
        pass
    return names


def read_docx(
    name: str, data: bytes, *, published: dt.date | None = None, outlet: str | None = None
) -> list[Article]:
    """A Word .docx file: one article."""
    if data.startswith(_OLE2_MAGIC):
        raise InputError(
            name,
            "this is an old-style Word .doc or a password-protected file; save it as an unprotected .docx",
        )
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, NotImplementedError):
        raise InputError(name, "this is not a Word .docx file (or it is damaged)") from None
    with zf:
        guard_zip(name, zf, depth=1)
        if "[Content_Types].xml" not in set(zf.namelist()):
            raise InputError(name, "this is not a Word .docx file (or it is damaged)")
        try:
            data = _honest_zip(_safe_parts(name, zf))
        except InputError:
            raise
        except Exception:  # noqa: BLE001 - unreadable entries: the docx is damaged
            raise InputError(name, "the Word document is damaged and cannot be read") from None

    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        style_names = _style_names(document)
        lines: list[str] = []
        heading = ""
        body = document.element.body
        if body is None:
            raise ValueError("no w:body")
        for block in _walk(body, (_P, _TBL)):
            if not isinstance(block, str) and block.tag == _TBL:
                lines.append("")
                lines.extend(_table_lines(block))
                lines.append("")
                continue
            raw = block if isinstance(block, str) else _paragraph_text(block)
            text = raw.replace("\r", "\n").replace("\x0b", "\n")
            if not heading and text.strip() and not isinstance(block, str):
                # paragraph.style resolves the default style by scanning them all: 1 ms a paragraph
                style_id = _style_id(block)
                style = style_names.get(style_id or "", "") if style_id else style_names.get(None, "")
                if style.lower() in ("title", "heading 1"):
                    heading = " ".join(text.split())
            lines.append(text)
            lines.append("")
        props = document.core_properties
        core_title = props.title or ""
        core_author = props.author or ""
        created = props.created
    except InputError:
        raise
    except Exception:  # noqa: BLE001 - python-docx raises many kinds of errors on a broken file
        raise InputError(name, "the Word document is damaged and cannot be read") from None
    text = "\n".join(lines)
    if not text.strip():
        raise InputError(name, "the Word document has no text")
    article = article_from_text(
        text, name, published=published, outlet=outlet, known=Header(title=core_title or heading)
    )
    if not article.author and core_author.strip().lower() not in _PLACEHOLDER_AUTHORS:
        article.author = " ".join(core_author.split())
    if article.published_how in (None, "user", "filename") and created is not None:
        naive = created.replace(tzinfo=None)
        if naive != _TEMPLATE_CREATED and 1990 <= naive.year <= 2100:
            article.published = naive.date()
            article.published_how = "metadata"
    return [article]


@register(".docx")
def _read(
    name: str, data: bytes, ctx: ReadContext, *, published: dt.date | None, outlet: str | None
) -> list[Article]:
    return read_docx(name, data, published=published, outlet=outlet)
