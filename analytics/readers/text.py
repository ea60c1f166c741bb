"""Plain text and Markdown, and the byte-to-text decoding every text-based reader shares.

Decoding order: a byte-order mark (UTF-8, UTF-16, UTF-32); UTF-16 without a BOM recognised by
its pattern of NUL bytes; strict UTF-8; a charset the file declares (HTML); then
charset-normalizer, limited to the encodings English and Ukrainian/Russian news is saved in
(cp1252/latin-1, cp1251, KOI8, ...). Decoded text with many control or unassigned characters
is refused as binary.
"""

from __future__ import annotations

import codecs
import datetime as dt
import html
import re
import unicodedata

import charset_normalizer

from analytics.errors import InputError
from analytics.models import Article
from analytics.readers import limits
from analytics.readers.core import ReadContext, note_repair, register
from analytics.readers.meta import Header, build_article, is_title_line, parse_date, read_header

#: The legacy encodings charset-normalizer may choose between (UTF-8/16 are handled before it).
#: Central European code pages (cp1250, ISO 8859-2) are left out on purpose: they decode the
#: same bytes as cp1252 and the detector prefers them for English text with a few accents.
LEGACY_ENCODINGS = [
    "cp1252",
    "latin_1",
    "iso8859_15",
    "cp1251",
    "koi8_r",
    "koi8_u",
    "iso8859_5",
    "mac_cyrillic",
    "cp866",
]

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_WHITESPACE_CONTROLS = {"\t", "\n", "\r", "\f", "\v"}
NOT_TEXT = "this does not look like a text file (binary data or an unknown encoding)"


def _plausible_share(text: str) -> float:
    """Share of characters an English or Ukrainian/Russian news text is made of."""
    sample = text[:20_000]
    if not sample:
        return 0.0
    ok = sum(
        1
        for ch in sample
        if ch < "\u0100" or "\u0400" <= ch <= "\u04ff" or "\u2000" <= ch <= "\u20cf" or ch == "\u2116"
    )
    return ok / len(sample)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM (NUL bytes in the data): the byte order whose text is plausible."""
    if len(data) % 2:
        return None
    best: tuple[float, str] | None = None
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        score = _plausible_share(text)
        if best is None or score > best[0]:
            best = (score, text)
    if best is not None and best[0] >= 0.85:
        return best[1]
    return None


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 text with a few lines in a legacy encoding (a quote pasted from an old page): each
    line that is not UTF-8 decoded on its own (charset detection over those lines only), so one
    stray fragment does not turn the whole text into mojibake. None when most of it is not UTF-8."""
    lines = data.split(b"\n")
    bad = []
    for i, line in enumerate(lines):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            bad.append(i)
    if not bad or len(bad) > max(2, len(lines) // 10):
        return None
    odd = b"\n".join(lines[i] for i in bad)
    try:
        best = charset_normalizer.from_bytes(odd, cp_isolation=LEGACY_ENCODINGS).best()
    except Exception:  # noqa: BLE001 - a detector crash: leave it to the whole-text detection
        best = None
    encoding = best.encoding if best is not None else "cp1252"
    odd_lines = set(bad)
    out = []
    for i, line in enumerate(lines):
        out.append(line.decode(encoding, errors="replace") if i in odd_lines else line.decode("utf-8"))
    note_repair(f"{len(bad)} line{'s' if len(bad) > 1 else ''} not in UTF-8, read as {encoding}")
    return "\n".join(out)


def junk_share(text: str) -> float:
    """Share of characters no article contains: controls, unassigned, private use, U+FFFD."""
    if not text:
        return 0.0
    sample = text[:200_000]
    junk = 0
    for ch in sample:
        if ch in _WHITESPACE_CONTROLS:
            continue
        if ch == "\ufffd" or unicodedata.category(ch) in ("Cc", "Cn", "Co", "Cs"):
            junk += 1
    return junk / len(sample)


def _declared_charset(data: bytes) -> str | None:
    m = re.search(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", data[:4096], re.I)
    if not m:
        return None
    name = m.group(1).decode("ascii", "ignore")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_bytes(name: str, data: bytes, *, html_charset: bool = False) -> str:
    """The file's text, line ends normalised to ``\\n``; InputError if it is not text."""
    if not data.strip():
        raise InputError(name, "the file is empty")
    text: str | None = None
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(enc)
            except UnicodeDecodeError:
                raise InputError(
                    name, f"the file starts like {enc.upper()} text but cannot be decoded"
                ) from None
            break
    if text is None and b"\x00" in data:
        text = _utf16_without_bom(data)
        nuls = data.count(b"\x00")
        if text is None and nuls <= max(1, len(data) // 1000):
            # a stray NUL or two in a text file (a bad copy, a truncated field): drop them
            data = data.replace(b"\x00", b"")
            note_repair(f"{nuls} NUL byte{'s' if nuls > 1 else ''} removed")
        elif text is None:
            raise InputError(name, NOT_TEXT)
    if text is None and b"\x00" not in data:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _mostly_utf8(data)
        if text is None and html_charset:
            declared = _declared_charset(data)
            if declared and declared not in ("utf-8", "utf-16", "utf-16-le", "utf-16-be"):
                try:
                    text = data.decode(declared)
                except (UnicodeDecodeError, LookupError):
                    text = None
        if text is None:
            try:
                best = charset_normalizer.from_bytes(data, cp_isolation=LEGACY_ENCODINGS).best()
            except Exception:  # noqa: BLE001 - a detector crash means "not text" to the user
                best = None
            if best is not None:
                text = str(best)
                # no BOM, not UTF-8, no charset named: the encoding is the detector's pick among
                # LEGACY_ENCODINGS, and a file of several encodings gets one that fits none well
                note_repair(f"not UTF-8 and no encoding named: read as {best.encoding}, a guess")
    if text is None:
        raise InputError(name, NOT_TEXT)
    if "\x00" in text or junk_share(text) > limits.MAX_JUNK_SHARE:
        raise InputError(name, NOT_TEXT)
    text = text.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    if not text.strip():
        raise InputError(name, "the file has no text")
    return text


def tidy(text: str) -> str:
    """Trailing spaces dropped, runs of blank lines collapsed, surrounding blank lines removed."""
    lines = [ln.rstrip() for ln in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")


# ----------------------------------------------------------------------------- markdown

_FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\n(?P<body>.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_HEADING_RE = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+\s*)?$")
_HR_RE = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")
_SETEXT_RE = re.compile(r"^\s{0,3}(?:=+|-+)\s*$")
_TABLE_SEP_RE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_REF_DEF_RE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+.*$")
_QUOTE_RE = re.compile(r"^(?:[ \t]{0,3}>[ \t]?)+")
_FENCE_RE = re.compile(r"^\s{0,3}(```|~~~)")
_INLINE = [
    (re.compile(r"!\[([^\[\]]*)\]\([^()]*\)"), ""),  # images: alt text is not prose
    (re.compile(r"\[([^\[\]]+)\]\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)"), r"\1"),  # [text](url)
    (re.compile(r"\[([^\[\]]+)\]\[[^\[\]]*\]"), r"\1"),  # [text][ref]
    (re.compile(r"<(https?://[^>\s]+)>"), r"\1"),  # autolinks
    (re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>"), ""),  # inline HTML tags
    (re.compile(r"`([^`]+)`"), r"\1"),
    # emphasis: the inner text cannot run past the next marker, which keeps matching linear
    (re.compile(r"\*\*(?=\S)((?:[^*]|\*(?!\*))+?)(?<=\S)\*\*"), r"\1"),
    (re.compile(r"(?<![\w_])__(?=\S)((?:[^_]|_(?!_))+?)(?<=\S)__(?![\w_])"), r"\1"),
    (re.compile(r"(?<![\w*])\*(?=[^\s*])([^*]+?)(?<=[^\s*])\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w_])_(?=[^\s_])([^_]+?)(?<=[^\s_])_(?![\w_])"), r"\1"),
    (re.compile(r"~~(?=\S)((?:[^~]|~(?!~))+?)(?<=\S)~~"), r"\1"),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])"), r"\1"),
]


#: Front matter is known by the fields it declares: a block between two rules that names none of
#: these is part of the text.
_FRONT_MATTER_KEYS = frozenset(
    "title headline author authors byline by outlet source site site_name publisher publication date "
    "published published_at pubdate publish_date updated url link canonical canonical_url source_url "
    "tags categories category layout description summary slug lang language draft id".split()
)


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """YAML-style front matter (``---`` ... ``---``) as simple ``key: value`` pairs, and the rest."""
    m = _FRONT_MATTER_RE.match(text)
    if not m:
        return {}, text
    fields: dict[str, str] = {}
    for line in m.group("body").split("\n"):
        km = re.match(r"^([A-Za-z_][\w\-]*)\s*:\s*(.*?)\s*$", line)
        if km:
            value = km.group(2).strip()
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value = value[1:-1]
            fields[km.group(1).lower()] = value
        elif line.strip() and not re.match(r"^(?:\s|-\s|#)", line):
            return {}, text  # prose between two rules ("UPDATE: ..." in a lead): not front matter
    if not fields.keys() & _FRONT_MATTER_KEYS:
        return {}, text
    return fields, text[m.end() :]


_INLINE_MARKS_RE = re.compile(r"[*_\[<`~\\&]")


def strip_inline(line: str) -> str:
    if not _INLINE_MARKS_RE.search(line):
        return line
    for rx, repl in _INLINE:
        line = rx.sub(repl, line)
    return html.unescape(line)


def markdown_to_text(md: str) -> tuple[str, str]:
    """Markdown as prose: formatting marks, link targets, images and rules removed.

    Returns the text and the first heading (``""`` if none).
    """
    out: list[str] = []
    heading = ""
    in_fence = False
    for raw in md.split("\n"):
        if _FENCE_RE.match(raw):
            in_fence = not in_fence
            continue
        if in_fence:
            out.append(raw)
            continue
        line = raw
        if _HR_RE.match(line) or _TABLE_SEP_RE.match(line) or _REF_DEF_RE.match(line):
            out.append("")
            continue
        if _SETEXT_RE.match(line) and out and out[-1].strip():
            if not heading:
                heading = out[-1].strip()
            continue
        quote = _QUOTE_RE.match(line)
        if quote:
            line = line[quote.end() :]
        hm = _HEADING_RE.match(line)
        if hm:
            line = hm.group(1)
            if not heading:
                heading = strip_inline(line).strip()
        line = re.sub(r"^(\s*)[*+]\s+", r"\1- ", line)
        if line.strip().startswith("|") and line.strip().endswith("|") and len(line.strip()) > 1:
            line = " | ".join(c.strip() for c in line.strip()[1:-1].split("|"))
        out.append(strip_inline(line))
    return tidy("\n".join(out)), heading


# ----------------------------------------------------------------------------- readers


def _front_matter_meta(fields: dict[str, str]) -> tuple[Header, str]:
    def first(*keys: str) -> str:
        for k in keys:
            if fields.get(k):
                return fields[k]
        return ""

    head = Header(
        title=first("title", "headline"),
        author=first("author", "authors", "byline", "by"),
        outlet=first("outlet", "source", "site", "site_name", "publisher", "publication"),
        published=parse_date(first("date", "published", "published_at", "pubdate", "publish_date")),
    )
    return head, first("url", "link", "canonical", "canonical_url", "source_url")


def article_from_text(
    text: str,
    source_file: str,
    *,
    markdown: bool = False,
    published: dt.date | None = None,
    outlet: str | None = None,
    known: Header | None = None,
    url: str = "",
    known_how: str = "metadata",
) -> Article:
    """One Article from decoded text: title, byline, dateline and date lines read from the top.

    ``known`` holds metadata the container already had (front matter, HTML meta, a CSV row);
    it wins over what the text's header says.
    """
    known = known or Header()
    first_heading = ""
    if markdown:
        fields, text = split_front_matter(text)
        if fields:
            fm, fm_url = _front_matter_meta(fields)
            known = Header(
                title=known.title or fm.title,
                author=known.author or fm.author,
                outlet=known.outlet or fm.outlet,
                published=known.published or fm.published,
            )
            url = url or fm_url
        text, first_heading = markdown_to_text(text)
    else:
        text = tidy(text)
    if not text.strip():
        raise InputError(source_file, "the file has no text")
    lines = text.split("\n")
    first_line = next((ln.strip() for ln in lines if ln.strip()), "")
    has_title = is_title_line(first_line)
    head = read_header(lines, has_title=has_title)
    title = known.title or first_heading or (first_line if has_title else "")
    how = None
    pub = known.published
    if pub is not None:
        how = known_how
    elif head.published is not None:
        pub, how = head.published, "dateline"
    return build_article(
        text,
        source_file,
        title=title,
        author=known.author or head.author,
        outlet=known.outlet or head.outlet,
        url=url,
        published=pub,
        published_how=how,
        user_published=published,
        user_outlet=outlet,
    )


def read_text(
    name: str,
    data: bytes,
    *,
    markdown: bool = False,
    published: dt.date | None = None,
    outlet: str | None = None,
) -> list[Article]:
    """A .txt or .md file: one article."""
    text = decode_bytes(name, data)
    return [article_from_text(text, name, markdown=markdown, published=published, outlet=outlet)]


@register(".txt")
def _read_plain(
    name: str, data: bytes, ctx: ReadContext, *, published: dt.date | None, outlet: str | None
) -> list[Article]:
    return read_text(name, data, published=published, outlet=outlet)


@register(".md", ".markdown")
def _read_markdown(
    name: str, data: bytes, ctx: ReadContext, *, published: dt.date | None, outlet: str | None
) -> list[Article]:
    return read_text(name, data, markdown=True, published=published, outlet=outlet)
