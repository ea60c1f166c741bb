"""HTML pages through trafilatura: the article body as text, page furniture left out.

Title, author, site name (-> outlet), canonical URL and the page's date metadata
(-> ``published``, "metadata") come from trafilatura's metadata pass, which reads meta tags,
JSON-LD and ``<time>`` markup but not free text (``extensive_search`` off). A visible
dateline or byline in the extracted text fills what the metadata lacks. If trafilatura finds
no article, a plain conversion of the page (scripts, styles, navigation and asides dropped)
is used instead; so is it for pages longer than
:data:`~analytics.readers.limits.MAX_HTML_EXTRACT_CHARS` (trafilatura's time grows with the page).
"""

from __future__ import annotations

import datetime as dt
import functools
import html as htmllib
import logging
import re
from typing import Any

from analytics.errors import InputError
from analytics.models import Article
from analytics.readers import limits
from analytics.readers.core import ReadContext, register
from analytics.readers.meta import Header, parse_date
from analytics.readers.text import article_from_text, decode_bytes, tidy

_SKIP_TAGS = {
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "head",
    "nav",
    "aside",
    "footer",
    "form",
    "button",
}
_VOID_TAGS = {
    "br",
    "hr",
    "img",
    "input",
    "meta",
    "link",
    "area",
    "base",
    "col",
    "embed",
    "source",
    "track",
    "wbr",
}
_BLOCK_TAGS = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "li",
    "ul",
    "ol",
    "table",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "figure",
    "figcaption",
    "dd",
    "dt",
    "dl",
    "br",
    "hr",
    "title",
}
_TAG_RE = re.compile(r"<[^>]+>")

for _name in ("trafilatura", "htmldate", "justext", "courlan"):
    logging.getLogger(_name).setLevel(logging.ERROR)


class _TooLarge(Exception):
    """A page too large for trafilatura: read with :func:`plain_text`."""


#: A tag this long (characters between ``<`` and ``>``) has its attributes checked.
_LONG_TAG = 4096
_LONG_TAG_RE = re.compile(r"<[A-Za-z][^<>]{" + str(_LONG_TAG) + r",}>")
_TAG_NAME_RE = re.compile(r"<[A-Za-z][^\s/>]*")
_ATTR_RE = re.compile(r"""\s*([^\s"'>/=]+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?|\s*/""")


def tame_attributes(markup: str) -> str:
    """Each tag keeps its first :data:`~analytics.readers.limits.MAX_HTML_ATTRIBUTES` distinct
    attributes: a tag with tens of thousands of them makes the parsers' duplicate checks
    quadratic (a minute for one tag), and no page needs them. Linear in the markup's length."""

    def fix(match: re.Match[str]) -> str:
        tag = match.group(0)
        head = _TAG_NAME_RE.match(tag)
        start = head.end() if head else 1
        kept: list[str] = []
        seen: set[str] = set()
        for attr in _ATTR_RE.finditer(tag, start, len(tag) - 1):
            name = (attr.group(1) or "").lower()
            if not name or name in seen:
                continue
            seen.add(name)
            kept.append(attr.group(0))
            if len(kept) >= limits.MAX_HTML_ATTRIBUTES:
                break
        return tag[:start] + "".join(kept) + ">"

    return _LONG_TAG_RE.sub(fix, markup) if len(markup) > _LONG_TAG else markup


def plain_text(markup: str) -> str:
    """A last-resort page-to-text conversion with lxml: visible text, one block per paragraph.

    (The standard library's HTMLParser is quadratic on unclosed tags, so it is not used.)
    """
    from lxml import etree
    from lxml import html as lxml_html

    try:
        try:
            root = lxml_html.document_fromstring(markup, parser=deep_parser())
        except ValueError:  # a str with an XML encoding declaration: lxml wants the bytes
            root = lxml_html.document_fromstring(
                markup.encode("utf-8", "surrogatepass"), parser=deep_parser()
            )
    except (etree.ParserError, ValueError, etree.XMLSyntaxError):
        return ""
    doomed = [el for el in root.iter() if not isinstance(el.tag, str) or el.tag.lower() in _SKIP_TAGS]
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        tag = el.tag.lower()
        if tag == "li":
            el.text = "\n- " + (el.text or "")
        elif tag in ("br", "tr"):
            el.tail = "\n" + (el.tail or "")
        elif tag in _BLOCK_TAGS:
            el.text = "\n\n" + (el.text or "")
            el.tail = "\n\n" + (el.tail or "")
    raw = "".join(root.itertext())
    lines = [" ".join(ln.split()) for ln in raw.split("\n")]
    return tidy("\n".join(lines))


def _one_line(node: Any) -> str:
    return " ".join("".join(node.itertext()).split())


def _body_text(body: Any) -> str:
    """trafilatura's cleaned tree as text: paragraphs separated by blank lines, list items as ``- ``."""
    blocks: list[str] = []
    for child in body:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "list":
            items = [_one_line(item) for item in child.iter("item")]
            block = "\n".join(f"- {it}" for it in items if it)
        elif tag == "table":
            rows = []
            for row in child.iter("row"):
                cells = [_one_line(cell) for cell in row.iter("cell")]
                if any(cells):
                    rows.append(" | ".join(cells))
            block = "\n".join(rows)
        else:
            block = _one_line(child)
        if block:
            blocks.append(block)
    return "\n\n".join(blocks)


def _site_from_title(markup: str, title: str) -> str:
    """``<title>Headline | Site Name</title>``: the site name after the separator."""
    head = markup[:200_000]
    m = re.search(r"<title[^>]*>", head, re.I)
    if not m:
        return ""
    end = head.lower().find("</title", m.end())
    raw = head[m.end() : end if end >= 0 else m.end() + 300][:300]
    full = " ".join(htmllib.unescape(_TAG_RE.sub("", raw)).split())
    for sep in (" | ", " — ", " – ", " - ", " :: "):
        if sep in full:
            head, _, tail = full.rpartition(sep)
            if tail and len(tail) <= 60 and (not title or head.strip() == title.strip() or title in head):
                return tail.strip()
    return ""


_META_ATTR_RE = re.compile(r"""([A-Za-z_:][-\w:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")


def _meta_tags(markup: str) -> list[dict[str, str]]:
    """The attributes of each ``<meta>`` tag in the page's first 200,000 characters (a linear scan)."""
    head = markup[:200_000]
    lower = head.lower()
    tags: list[dict[str, str]] = []
    pos = lower.find("<meta")
    while pos >= 0 and len(tags) < 500:
        end = lower.find(">", pos)
        if end < 0:
            break
        attrs: dict[str, str] = {}
        for m in _META_ATTR_RE.finditer(head[pos + 5 : min(end, pos + 2000)]):
            attrs[m.group(1).lower()] = (
                m.group(2) if m.group(2) is not None else (m.group(3) or m.group(4) or "")
            )
        tags.append(attrs)
        pos = lower.find("<meta", end)
    return tags


def _meta_content(markup: str, *keys: str) -> str:
    tags = _meta_tags(markup)
    for key in keys:
        for attrs in tags:
            if key in (attrs.get("property", "").lower(), attrs.get("name", "").lower()):
                value = " ".join(htmllib.unescape(attrs.get("content", "")).split())
                if value:
                    return value
    return ""


def _clean(value: Any) -> str:
    if not value:
        return ""
    return " ".join(htmllib.unescape(_TAG_RE.sub(" ", str(value))).split())


@functools.cache
def deep_parser() -> Any:
    """lxml's HTML parser with libxml2's depth limit lifted (``huge_tree``): past 255 levels of
    nesting it silently drops the rest of the page, and an old page of unclosed ``<font>`` tags
    nests one level a paragraph (400 paragraphs gave 127). Otherwise trafilatura's own options."""
    from lxml.html import HTMLParser

    return HTMLParser(
        collect_ids=False,
        default_doctype=False,
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
        huge_tree=True,
    )


def nesting_depth(markup: str) -> int:
    """How deep the page's elements nest, as :func:`deep_parser` builds them (0 if it cannot)."""
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.document_fromstring(markup, parser=deep_parser())
    except (etree.ParserError, ValueError, etree.XMLSyntaxError):
        return 0
    depth = best = 0
    for event, _ in etree.iterwalk(root, events=("start", "end")):
        depth += 1 if event == "start" else -1
        best = max(best, depth)
    return best


def deep_trafilatura() -> None:
    """Have trafilatura parse with :func:`deep_parser` (it reads its parser from a module global)."""
    from trafilatura import utils

    if utils.HTML_PARSER is not deep_parser():
        setattr(utils, "HTML_PARSER", deep_parser())  # noqa: B010 - a library global


def hashable_stoplist() -> None:
    """Give trafilatura's justext fallback its stoplist as a frozenset.

    trafilatura passes justext the stop words of every language as one tuple of about 150,000
    words, and justext's ``lru_cache`` on the stoplist hashes that tuple again on every page (a
    tuple does not keep its hash): 3 ms a page, most of the time a short page takes to read. A
    frozenset of the same lower-cased words (what justext turns it into) keeps its hash, so the
    cache answers at once; which paragraphs count as text does not change."""
    from trafilatura import external

    words = external.JT_STOPLIST or external.jt_stoplist_init()
    if not isinstance(words, frozenset):
        setattr(external, "JT_STOPLIST", frozenset(w.lower() for w in words))  # noqa: B010 - typed as a tuple


def read_html(
    name: str, data: bytes, *, published: dt.date | None = None, outlet: str | None = None
) -> list[Article]:
    """An HTML page: one article."""
    markup = tame_attributes(decode_bytes(name, data, html_charset=True))
    import trafilatura

    hashable_stoplist()
    deep_trafilatura()

    doc = None
    try:
        if (
            len(markup) > limits.MAX_HTML_EXTRACT_CHARS
            or markup.count("<") > limits.MAX_HTML_EXTRACT_TAGS
            or nesting_depth(markup) > limits.MAX_HTML_EXTRACT_DEPTH
        ):
            # bounded time: the boilerplate removal's neighbour searches grow faster than the
            # page (and its table handling with the nesting); the plain conversion is linear
            raise _TooLarge
        doc = trafilatura.bare_extraction(
            markup,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception:  # noqa: BLE001 - trafilatura on broken markup: fall back to the plain conversion
        doc = None
    text = ""
    title = author = site = url = ""
    date = None
    if doc is not None:
        body = getattr(doc, "body", None)
        if body is not None and len(body):
            text = _body_text(body)
        if not text.strip():
            text = getattr(doc, "text", "") or ""
        title = _clean(getattr(doc, "title", ""))
        author = _clean(getattr(doc, "author", ""))
        url = _clean(getattr(doc, "url", ""))
        site = _clean(getattr(doc, "sitename", ""))
        if site and site == _clean(getattr(doc, "hostname", "")):
            site = ""  # trafilatura's fallback is the host name; a real name is better if there is one
        date = parse_date(getattr(doc, "date", None))
    if not text.strip():
        text = plain_text(markup)
    if not text.strip():
        raise InputError(name, "no article text found in this web page")
    if not title:
        title = _meta_content(markup, "og:title", "twitter:title")
    if not site:
        site = _meta_content(markup, "og:site_name", "application-name") or _site_from_title(markup, title)
    if date is None:
        date = parse_date(_meta_content(markup, "article:published_time", "og:published_time") or None)
    known = Header(
        title=title, author=author.replace(";", ",") if author else "", outlet=site, published=date
    )
    return [
        article_from_text(
            text, name, published=published, outlet=outlet, known=known, url=url, known_how="metadata"
        )
    ]


@register(".html", ".htm")
def _read(
    name: str, data: bytes, ctx: ReadContext, *, published: dt.date | None, outlet: str | None
) -> list[Article]:
    return read_html(name, data, published=published, outlet=outlet)
