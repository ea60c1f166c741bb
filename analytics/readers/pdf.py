"""PDF files through pypdf: the text layer, hard-wrapped lines joined back into paragraphs.

Lines repeated at the top or bottom of most pages (running headers, footers) and bare page
numbers are dropped. The PDF's own Title/Author metadata is used; its creation date is not
(it is usually the day someone printed the page, not the day the story ran), but a dateline
in the text is. Encrypted PDFs that need a password, PDFs without a text layer, corrupt files
and files with more than :data:`~analytics.readers.limits.MAX_PDF_PAGES` pages raise InputError.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import math
import re
from collections import Counter

from analytics.errors import InputError
from analytics.models import Article
from analytics.readers import limits
from analytics.readers.core import ReadContext, register
from analytics.readers.meta import Header
from analytics.readers.text import article_from_text, junk_share

# pypdf logs every oddity of a damaged file at ERROR; the reader reports problems itself
logging.getLogger("pypdf").setLevel(logging.CRITICAL)

NO_TEXT_LAYER = "no text layer: scanned PDF? run OCR first"
_PAGE_NUMBER_RE = re.compile(r"(?i)^(?:page\s*)?[-–—(\[]?\s*\d{1,4}\s*[-–—)\]]?(?:\s*(?:of|/)\s*\d{1,4})?$")
_BULLET_RE = re.compile(r"^(?:[-•*▪●◦–]\s+|\d{1,3}[.)]\s+)")
_EDGE_LINES = 2


def _edge_key(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.lower().split()))


def _drop_headers_footers(pages: list[list[str]]) -> list[list[str]]:
    """Remove page numbers everywhere and lines repeated at the edges of most pages."""
    n = len(pages)
    repeated: set[str] = set()
    if n >= 2:
        counts: Counter[str] = Counter()
        for lines in pages:
            edges = lines[:_EDGE_LINES] + lines[-_EDGE_LINES:]
            counts.update({_edge_key(ln) for ln in edges})
        need = n if n <= 3 else max(3, math.ceil(n * 0.5))
        repeated = {k for k, c in counts.items() if c >= need and k}
    out = []
    for lines in pages:
        kept = []
        for i, ln in enumerate(lines):
            at_edge = i < _EDGE_LINES or i >= len(lines) - _EDGE_LINES
            if _PAGE_NUMBER_RE.match(ln) or (at_edge and _edge_key(ln) in repeated):
                continue
            kept.append(ln)
        out.append(kept)
    return out


def join_lines(lines: list[str]) -> str:
    """Hard-wrapped lines back into paragraphs (blank line between paragraphs).

    A line continues into the next unless it is short (well under the typical line width),
    the next line is blank or a list item, or the line ends a sentence while short-ish.
    """
    widths = sorted(len(ln) for ln in lines if ln)
    if not widths:
        return ""
    full = widths[int(len(widths) * 0.9)] if len(widths) >= 5 else widths[-1]
    paragraphs: list[str] = []
    current = ""
    for i, line in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if not line:
            if current:
                paragraphs.append(current)
            current = ""
            continue
        if current:
            if current.endswith("-") and len(current) > 1 and current[-2].isalpha() and line[:1].islower():
                current += line
            else:
                current += " " + line
        else:
            current = line
        ends = (
            not nxt
            or bool(_BULLET_RE.match(nxt))
            or len(line) < 0.7 * full
            or (
                line.endswith((".", "!", "?", ":", '"', "”"))
                and len(line) < 0.85 * full
                and nxt[:1].isupper()
            )
        )
        if ends:
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return "\n\n".join(paragraphs)


def _meta_str(meta: object, key: str) -> str:
    try:
        value = meta.get(key) if meta is not None else None  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - broken metadata is just missing metadata
        return ""
    return " ".join(str(value).split()) if value else ""


#: A content-stream operator drawing an XObject: ``/Name Do``.
_DO_RE = re.compile(rb"/([^\s/\[\]()<>{}%]+)\s*Do\b")
#: Forms drawn inside forms deeper than this are refused (no page of news needs that).
_MAX_FORM_DEPTH = 12


def _stream_data(stream: object) -> bytes:
    return bytes(stream.get_object().get_data())  # type: ignore[attr-defined]


def _work(data: bytes, resources: object, memo: dict[int, int], depth: int, cap: int) -> int:
    """The drawing instructions a content stream costs to read: its own bytes plus, for every
    ``Do`` of a form XObject, that form's cost each time it is drawn (forms inside forms too).
    Stops counting once past ``cap``; a form that draws itself counts as past it."""
    total = len(data)
    if total > cap or depth > _MAX_FORM_DEPTH:
        return cap + 1
    try:
        xobjects = resources.get_object().get("/XObject") if resources is not None else None  # type: ignore[attr-defined]
        xobjects = xobjects.get_object() if xobjects is not None else None
    except Exception:  # noqa: BLE001 - broken resources draw nothing
        xobjects = None
    if not xobjects:
        return total
    for name, times in Counter(_DO_RE.findall(data)).items():
        ref = xobjects.get("/" + name.decode("latin-1"))
        form = ref.get_object() if ref is not None else None
        if form is None or form.get("/Subtype") != "/Form":
            continue  # images cost nothing to the text layer
        key = getattr(ref, "idnum", None) or id(form)
        if key not in memo:
            memo[key] = cap + 1  # while it is being counted: a form that draws itself is too much
            memo[key] = _work(_stream_data(form), form.get("/Resources") or resources, memo, depth + 1, cap)
        total += times * memo[key]
        if total > cap:
            return cap + 1
    return total


def _content_bytes(page: object, cap: int = limits.MAX_PDF_CONTENT_BYTES) -> int:
    """The drawing instructions reading a page costs: its content streams and every form they
    draw, counted each time it is drawn (a page that draws a big form thousands of times is as
    costly as that many copies), capped just past ``cap``. 0 if they cannot be read: extraction
    will say."""
    try:
        contents = page.get("/Contents")  # type: ignore[attr-defined]
        obj = contents.get_object() if contents is not None else None
        if obj is None:
            return 0
        streams = list(obj) if isinstance(obj, list) else [obj]
        data = b"\n".join(_stream_data(stream) for stream in streams)
        return _work(data, page.get("/Resources"), {}, 0, cap)  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - a broken stream is for extract_text to report
        return 0


def read_pdf(
    name: str, data: bytes, *, published: dt.date | None = None, outlet: str | None = None
) -> list[Article]:
    """A PDF file: one article."""
    import pypdf
    from pypdf.errors import DependencyError, FileNotDecryptedError

    if not data.lstrip()[:1024].count(b"%PDF"):
        raise InputError(name, "this is not a PDF file (or it is damaged)")
    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                ok = bool(reader.decrypt(""))  # PasswordType.NOT_DECRYPTED is 0
            except (DependencyError, NotImplementedError):
                ok = False
            if not ok:
                raise InputError(
                    name, "the PDF is password-protected; save an unprotected copy and upload that"
                )
        n_pages = len(reader.pages)
    except InputError:
        raise
    except FileNotDecryptedError:
        raise InputError(
            name, "the PDF is password-protected; save an unprotected copy and upload that"
        ) from None
    except Exception:  # noqa: BLE001 - any failure to open (PdfReadError and the rest) is a damaged PDF
        raise InputError(name, "the PDF is damaged and cannot be read") from None
    if n_pages == 0:
        raise InputError(name, "the PDF has no pages")
    if n_pages > limits.MAX_PDF_PAGES:
        raise InputError(name, f"the PDF has {n_pages} pages; the limit is {limits.MAX_PDF_PAGES}")
    pages: list[list[str]] = []
    failed = 0
    content_total = 0
    for i in range(n_pages):
        size = _content_bytes(reader.pages[i], limits.MAX_PDF_CONTENT_BYTES - content_total)
        content_total += size
        if size > limits.MAX_PDF_PAGE_CONTENT_BYTES or content_total > limits.MAX_PDF_CONTENT_BYTES:
            where = f"page {i + 1} holds" if size > limits.MAX_PDF_PAGE_CONTENT_BYTES else "its pages hold"
            limit = (
                limits.MAX_PDF_PAGE_CONTENT_BYTES
                if size > limits.MAX_PDF_PAGE_CONTENT_BYTES
                else limits.MAX_PDF_CONTENT_BYTES
            )
            raise InputError(
                name,
                f"the PDF is too complex to read: {where} more than {limits.describe_bytes(limit)} of "
                "drawing instructions, counting the forms they draw (the work limit)",
            )
        try:
            raw = reader.pages[i].extract_text() or ""
        except Exception:  # noqa: BLE001 - one unreadable page should not lose the others
            failed += 1
            raw = ""
        raw = raw.replace("\u00ad", "").replace("\x00", "")
        lines = [" ".join(ln.split()) for ln in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
        # keep blank lines as paragraph breaks, but not at the edges of the page
        while lines and not lines[0]:
            lines.pop(0)
        while lines and not lines[-1]:
            lines.pop()
        pages.append(lines)
    if failed == n_pages:
        raise InputError(name, "the PDF is damaged and its text cannot be read")
    pages = _drop_headers_footers(pages)
    all_lines: list[str] = []
    for lines in pages:
        all_lines.extend(lines)
    text = join_lines(all_lines)
    if len(text.strip()) < 1 or not re.search(r"\w{2,}", text):
        raise InputError(name, NO_TEXT_LAYER)
    if junk_share(text) > limits.MAX_JUNK_SHARE * 5:
        raise InputError(name, "the PDF's text layer is unreadable (broken font encoding?); try OCR")
    try:
        meta = reader.metadata
    except Exception:  # noqa: BLE001
        meta = None
    title = re.sub(r"^Microsoft (?:Word|PowerPoint) - ", "", _meta_str(meta, "/Title"))
    if re.search(r"(?i)\.(?:docx?|pdf|txt|html?|odt|rtf|indd)$", title) or title.lower() in (
        "untitled",
        "title",
    ):
        title = ""  # a file name or placeholder, not a headline
    known = Header(title=title, author=_meta_str(meta, "/Author"))
    return [article_from_text(text, name, published=published, outlet=outlet, known=known)]


@register(".pdf")
def _read(
    name: str, data: bytes, ctx: ReadContext, *, published: dt.date | None, outlet: str | None
) -> list[Article]:
    return read_pdf(name, data, published=published, outlet=outlet)
