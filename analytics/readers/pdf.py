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

from pypdf.errors import LimitReachedError

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


#: One token of a content stream, a string counting as one token; and a string alone.
_TOKEN_RE = re.compile(
    rb"\((?:[^()\\]|\\.)*\)|<[0-9A-Fa-f\s]*>|<<|>>|[\[\]{}]|/[^\s/\[\]()<>{}%]*|[^\s/\[\]()<>{}%]+"
)
_STRING_RE = re.compile(rb"\((?:[^()\\]|\\.)*\)|<[0-9A-Fa-f\s]*>")


def _stream_data(stream: object) -> bytes:
    return bytes(stream.get_object().get_data())  # type: ignore[attr-defined]


def _operations(data: bytes) -> int:
    """What pypdf's text extraction costs for a content stream, in drawing operations (see
    :data:`~analytics.readers.limits.MAX_PDF_WORK`): every number, name or operator 1, every
    string 3 plus a share of its length (pypdf's work per character falls on long strings)."""
    strings = _STRING_RE.findall(data)
    shown = sum(3 + min(len(s), 32) // 2 + len(s) // 8 for s in strings)
    return max(0, len(_TOKEN_RE.findall(data)) - len(strings)) + shown


def _character_map_operations(cmap: bytes) -> int:
    """What pypdf costs to parse a ToUnicode map: a little for every line it splits the map
    into, more for every code it maps (measured: 99,000 codes, one a line, take about 1 s)."""
    lines = cmap.count(b"\n") + cmap.count(b"\r") + cmap.count(b"]") + cmap.count(b"<<")
    return 10 + lines // 2 + 3 * cmap.count(b"<") // 2


class _Costs:
    """What was counted already in one file: forms as (bytes, operations), fonts as operations."""

    def __init__(self) -> None:
        self.forms: dict[int, tuple[int, int]] = {}
        self.fonts: dict[int, int] = {}


def _fonts_work(resources: object, costs: _Costs) -> int:
    """The character maps of every font in ``resources``: pypdf loads each font listed (used or
    not) and parses its ToUnicode map again on every page and every form drawn."""
    try:
        fonts = resources.get_object().get("/Font") if resources is not None else None  # type: ignore[attr-defined]
        fonts = fonts.get_object() if fonts is not None else None
        refs = list(fonts.values()) if fonts else []
    except Exception:  # noqa: BLE001 - broken resources load no fonts
        return 0
    total = 0
    for ref in refs:
        key = getattr(ref, "idnum", None) or id(ref)
        if key not in costs.fonts:
            cost = 0
            try:
                cmap = ref.get_object().get("/ToUnicode")
                cmap = cmap.get_object() if cmap is not None else None
                if cmap is not None and hasattr(cmap, "get_data"):
                    cost = _character_map_operations(_stream_data(cmap))
            except Exception:  # noqa: BLE001 - a broken map is for extract_text to skip
                cost = 0
            costs.fonts[key] = cost
        total += costs.fonts[key]
    return total


def _work(
    data: bytes, resources: object, costs: _Costs, depth: int, cap_bytes: int, cap_ops: int
) -> tuple[int, int]:
    """What a content stream costs to read, as (decoded bytes, drawing operations): its own
    instructions and the fonts its resources load plus, for every ``Do`` of a form XObject,
    that form's cost each time it is drawn (forms inside forms too). Each stops counting once
    past its cap; a form that draws itself counts as past both."""
    over = (cap_bytes + 1, cap_ops + 1)
    total = len(data)
    if total > cap_bytes or depth > _MAX_FORM_DEPTH:
        return over
    ops = _operations(data) + _fonts_work(resources, costs)
    if ops > cap_ops:
        return total, cap_ops + 1
    try:
        xobjects = resources.get_object().get("/XObject") if resources is not None else None  # type: ignore[attr-defined]
        xobjects = xobjects.get_object() if xobjects is not None else None
    except Exception:  # noqa: BLE001 - broken resources draw nothing
        xobjects = None
    if not xobjects:
        return total, ops
    for name, times in Counter(_DO_RE.findall(data)).items():
        ref = xobjects.get("/" + name.decode("latin-1"))
        form = ref.get_object() if ref is not None else None
        if form is None or form.get("/Subtype") != "/Form":
            continue  # images cost nothing to the text layer
        key = getattr(ref, "idnum", None) or id(form)
        if key not in costs.forms:
            costs.forms[key] = over  # while it is being counted: a form that draws itself is too much
            costs.forms[key] = _work(
                _stream_data(form), form.get("/Resources") or resources, costs, depth + 1, cap_bytes, cap_ops
            )
        form_bytes, form_ops = costs.forms[key]
        total += times * form_bytes
        ops += times * form_ops
        if total > cap_bytes or ops > cap_ops:
            return min(total, cap_bytes + 1), min(ops, cap_ops + 1)
    return total, ops


def _page_work(
    page: object,
    costs: _Costs | None = None,
    cap_bytes: int = limits.MAX_PDF_PAGE_CONTENT_BYTES,
    cap_ops: int = limits.MAX_PDF_PAGE_WORK,
) -> tuple[int, int]:
    """What reading a page costs, as (decoded bytes of drawing instructions, drawing
    operations): its content streams and every form they draw, counted each time it is drawn
    (a page that draws a big form thousands of times is as costly as that many copies), and
    the character maps of the fonts they load; each capped just past its cap. (0, 0) if they
    cannot be read: extraction will say."""
    try:
        contents = page.get("/Contents")  # type: ignore[attr-defined]
        obj = contents.get_object() if contents is not None else None
        if obj is None:
            return 0, 0
        streams = list(obj) if isinstance(obj, list) else [obj]
        data = b"\n".join(_stream_data(stream) for stream in streams)
        return _work(data, page.get("/Resources"), costs or _Costs(), 0, cap_bytes, cap_ops)  # type: ignore[attr-defined]
    except LimitReachedError:
        # a stream pypdf itself will not inflate (a flate bomb): past the work limit, or every
        # page sharing it would inflate it again in extract_text (gigabytes, minutes)
        return cap_bytes + 1, cap_ops + 1
    except Exception:  # noqa: BLE001 - a broken stream is for extract_text to report
        return 0, 0


def _too_complex(i: int, size: int, content_total: int, ops: int, work_total: int) -> str | None:
    """The refusal for page ``i`` (0-based) given its cost and the running totals, if any."""
    if size > limits.MAX_PDF_PAGE_CONTENT_BYTES or content_total > limits.MAX_PDF_CONTENT_BYTES:
        page = size > limits.MAX_PDF_PAGE_CONTENT_BYTES
        where = f"page {i + 1} holds" if page else "its pages hold"
        limit = limits.MAX_PDF_PAGE_CONTENT_BYTES if page else limits.MAX_PDF_CONTENT_BYTES
        return (
            f"the PDF is too complex to read: {where} more than {limits.describe_bytes(limit)} of "
            "drawing instructions, counting the forms they draw (the work limit)"
        )
    if ops > limits.MAX_PDF_PAGE_WORK or work_total > limits.MAX_PDF_WORK:
        page = ops > limits.MAX_PDF_PAGE_WORK
        where = f"page {i + 1} holds" if page else f"its first {i + 1} pages hold"
        work_limit = limits.MAX_PDF_PAGE_WORK if page else limits.MAX_PDF_WORK
        return (
            f"the PDF is too complex to read: {where} more than {work_limit:,} drawing operations, "
            "counting the forms they draw and the fonts' character maps (the work limit)"
        )
    return None


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
    work_total = 0
    costs = _Costs()
    for i in range(n_pages):
        size, ops = _page_work(
            reader.pages[i],
            costs,
            min(limits.MAX_PDF_PAGE_CONTENT_BYTES, limits.MAX_PDF_CONTENT_BYTES - content_total),
            min(limits.MAX_PDF_PAGE_WORK, limits.MAX_PDF_WORK - work_total),
        )
        content_total += size
        work_total += ops
        refusal = _too_complex(i, size, content_total, ops, work_total)
        if refusal:
            raise InputError(name, refusal)
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
