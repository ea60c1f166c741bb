"""Readers: every file kind, encoding and bad input, on files the tests make themselves."""

from __future__ import annotations

import datetime as dt
import io
import json
import random
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analytics.errors import InputError
from analytics.models import Article, article_id
from analytics.readers import (
    MAX_FILE_BYTES,
    SUPPORTED_EXTENSIONS,
    iter_paths,
    limits,
    max_file_bytes,
    read_bytes,
    read_bytes_result,
    read_path,
)
from analytics.readers.pdf import NO_TEXT_LAYER
from analytics.settings import SettingError

BODY = (
    "A Russian missile hit an apartment block in the city centre early on Friday, killing three people "
    "and wounding twelve, the regional governor said."
)
BODY2 = "Rescuers worked through the night to clear the rubble, and the mayor declared a day of mourning."


def one(articles: list[Article]) -> Article:
    assert len(articles) == 1, articles
    return articles[0]


def raises_input_error(fn, *args, **kwargs) -> InputError:
    with pytest.raises(InputError) as info:
        fn(*args, **kwargs)
    err = info.value
    assert err.reason and "\n" not in err.reason
    return err


# --------------------------------------------------------------------------- API surface


def test_supported_extensions_and_limits() -> None:
    assert SUPPORTED_EXTENSIONS == frozenset(
        {".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx", ".csv", ".jsonl", ".json", ".zip"}
    )
    assert MAX_FILE_BYTES == 50 * 1024 * 1024
    assert max_file_bytes() == MAX_FILE_BYTES


def test_the_registry_is_where_readers_are_found(monkeypatch: pytest.MonkeyPatch) -> None:
    """The dispatcher reads by the registry: what a reader module registers is readable, and
    SUPPORTED_EXTENSIONS is what was registered."""
    from analytics.readers import core

    assert core.supported_extensions() == SUPPORTED_EXTENSIONS
    with pytest.raises(ValueError, match="already has a reader"):
        core.register(".txt")(lambda name, data, ctx, *, published, outlet: [])
    with pytest.raises(ValueError, match="not a file extension"):
        core.register("txt")
    monkeypatch.setattr(core, "_READERS", dict(core._READERS))  # registrations undone after the test

    @core.register(".Story")
    def read_story(name, data, ctx, *, published, outlet):  # a new kind: no dispatcher change
        return read_bytes_result(name + ".txt", data, published=published, outlet=outlet).articles

    (article,) = read_bytes("night.story", BODY.encode())
    assert article.text.startswith("A Russian missile")
    assert core.is_supported("a/B.STORY") and ".story" in core.supported_extensions()
    err = raises_input_error(read_bytes, "x.rtf", b"{\\rtf1}")
    assert err.reason.startswith("unsupported file type '.rtf'; use one of ") and ".story" in err.reason


# --------------------------------------------------------------------------- plain text and markdown

TEXT_CASES = [
    pytest.param(
        "wire.txt",
        f"Missile hits station\n\nKRAMATORSK, Ukraine, April 9, 2022 (Test Wire) - {BODY}\n\n{BODY2}\n",
        {
            "title": "Missile hits station",
            "published": dt.date(2022, 4, 9),
            "how": "dateline",
            "outlet": "Test Wire",
        },
        id="wire-dateline",
    ),
    pytest.param(
        "caps.txt",
        f"TOLL RISES TO 24\n\nMOSCOW, Dec 31, 2023 (Other Wire) - {BODY}\n",
        {"published": dt.date(2023, 12, 31), "how": "dateline", "outlet": "Other Wire"},
        id="abbreviated-month",
    ),
    pytest.param(
        "period.txt",
        f"DRONES DOWNED\n\nMOSCOW, 11 March 2025. {BODY}\n",
        {"published": dt.date(2025, 3, 11), "how": "dateline", "outlet": ""},
        id="dateline-day-month",
    ),
    pytest.param(
        "byline.txt",
        f"Strike on the city\nBy Jane Doe\nSat 16 Jul 2022 13.40 BST\n\n{BODY}\n",
        {"author": "Jane Doe", "published": dt.date(2022, 7, 16), "how": "dateline"},
        id="byline-dateline",
    ),
    pytest.param(
        "published.txt",
        f"Headline here\n\nPublished: 12 March 2024\n\n{BODY}\n",
        {"published": dt.date(2024, 3, 12), "how": "dateline"},
        id="published-line",
    ),
    pytest.param(
        "desk.txt",
        f"Sumy mourns its dead\n\nEurope desk | Monday 14 April 2025\n\n{BODY}\n",
        {"published": dt.date(2025, 4, 14), "how": "dateline"},
        id="desk-date-line",
    ),
    pytest.param(
        "dots.txt",
        f"AIR FORCE SUMMARY\n22.03.2024\n\n{BODY}\n",
        {"published": dt.date(2024, 3, 22), "how": "dateline"},
        id="dotted-date",
    ),
    pytest.param(
        "nodate.txt",
        f"Headline without date\n\n{BODY}\n\nOn 5 April 2025 something else happened.\n",
        {"published": None, "how": None, "title": "Headline without date"},
        id="no-date-in-header",
    ),
    pytest.param(
        "20220125T090000Z_GB_en_7d015e6984.txt",
        f"{BODY} {BODY2} {BODY} {BODY2}\n\n{BODY2}\n",
        {"published": dt.date(2022, 1, 25), "how": "filename", "title": ""},
        id="corpus-filename",
    ),
    pytest.param(
        "post.md",
        f"# Strike on *the* city\n\n*Example Post, published 2022-06-28*\n\n{BODY} See [the report](https://x.example/r).\n",
        {
            "title": "Strike on the city",
            "published": dt.date(2022, 6, 28),
            "how": "dateline",
            "outlet": "Example Post",
            "contains": "See the report.",
            "absent": ["](", "https://x.example", "# ", "*"],
        },
        id="markdown-outlet-published",
    ),
    pytest.param(
        "front.markdown",
        f'---\ntitle: "Front matter title"\nauthor: "Regional desk"\ndate: 2023-08-20\n---\n\n'
        f"## Sub heading\n\n**CHERNIHIV, 20 August 2023** — {BODY}\n\n- first item\n* second item\n\n"
        f"| City | Killed |\n|---|---|\n| Chernihiv | 7 |\n",
        {
            "title": "Front matter title",
            "author": "Regional desk",
            "published": dt.date(2023, 8, 20),
            "how": "metadata",
            "contains": "CHERNIHIV, 20 August 2023 — A Russian",
            "absent": ["---", "title:", "**", "|---"],
        },
        id="markdown-front-matter",
    ),
    pytest.param(
        "updated.md",
        f"## Toll reaches 28\n\n_Updated Friday, 1 April 2022, 11:30_\n\n{BODY}\n",
        {
            "title": "Toll reaches 28",
            "published": dt.date(2022, 4, 1),
            "how": "dateline",
            "absent": ["_Updated"],
        },
        id="markdown-updated",
    ),
]


@pytest.mark.parametrize(("name", "content", "expected"), TEXT_CASES)
def test_text_and_markdown(tmp_path: Path, name: str, content: str, expected: dict) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    art = one(read_path(path))
    assert art.source_file == name
    assert art.published == expected.get("published")
    assert art.published_how == expected.get("how")
    for key in ("title", "outlet", "author"):
        if key in expected:
            assert getattr(art, key) == expected[key]
    assert BODY in art.text or BODY.split(",")[0] in art.text
    if "contains" in expected:
        assert expected["contains"] in art.text
    for bad in expected.get("absent", []):
        assert bad not in art.text
    assert art.id == article_id(art.text)


def test_plain_text_is_kept_complete() -> None:
    paragraphs = [f"Paragraph {i}: {BODY}" for i in range(30)]
    content = "Headline\n\n" + "\n\n".join(paragraphs) + "\n"
    art = one(read_bytes("long.txt", content.encode()))
    for p in paragraphs:
        assert p in art.text


def test_user_fallbacks_apply_only_when_file_has_none() -> None:
    user_day = dt.date(2024, 1, 2)
    plain = one(read_bytes("a.txt", f"Headline\n\n{BODY}\n".encode(), published=user_day, outlet="My Outlet"))
    assert (plain.published, plain.published_how, plain.outlet) == (user_day, "user", "My Outlet")
    wire = f"Headline\n\nKYIV, Ukraine, April 9, 2022 (Test Wire) - {BODY}\n".encode()
    dated = one(read_bytes("b.txt", wire, published=user_day, outlet="My Outlet"))
    assert (dated.published, dated.published_how, dated.outlet) == (
        dt.date(2022, 4, 9),
        "dateline",
        "Test Wire",
    )


# --------------------------------------------------------------------------- encodings

ENGLISH = f"Strike on Kyiv\n\n{BODY}\n\nThe “old town” café – hit twice – was closed.\n"
LATIN = (
    f"Strike on Kyiv\n\n{BODY}\n\nThe café owner’s façade was damaged, naïve hopes were dashed.\n".replace(
        "’", "'"
    )
)
CYRILLIC = (
    "Обстріл Харкова\n\nРосійська ракета влучила в житловий будинок у центрі міста, загинули троє людей, "
    "повідомив голова обласної адміністрації. Рятувальники працювали всю ніч.\n"
)

ENCODING_CASES = [
    pytest.param(ENGLISH, ENGLISH.encode("utf-8"), id="utf-8"),
    pytest.param(ENGLISH, b"\xef\xbb\xbf" + ENGLISH.encode("utf-8"), id="utf-8-bom"),
    pytest.param(ENGLISH, ENGLISH.encode("utf-16"), id="utf-16-bom"),
    pytest.param(ENGLISH, ENGLISH.encode("utf-16-le"), id="utf-16-le-no-bom"),
    pytest.param(ENGLISH, ENGLISH.encode("utf-16-be"), id="utf-16-be-no-bom"),
    pytest.param(CYRILLIC, CYRILLIC.encode("utf-16-be"), id="utf-16-be-cyrillic"),
    pytest.param(CYRILLIC, CYRILLIC.encode("cp1251"), id="cp1251"),
    pytest.param(LATIN, LATIN.encode("latin-1"), id="latin-1"),
    pytest.param(ENGLISH, ENGLISH.encode("cp1252"), id="cp1252"),
    pytest.param(ENGLISH, ENGLISH.replace("\n", "\r\n").encode("utf-8"), id="crlf"),
    pytest.param(ENGLISH, ENGLISH.replace("\n", "\r").encode("utf-8"), id="cr"),
]


@pytest.mark.parametrize(("expected", "data"), ENCODING_CASES)
def test_encodings(tmp_path: Path, expected: str, data: bytes) -> None:
    path = tmp_path / "enc.txt"
    path.write_bytes(data)
    art = one(read_path(path))
    assert art.text == expected.strip()
    assert art.id == article_id(expected)
    assert art.title == expected.split("\n")[0]


# --------------------------------------------------------------------------- HTML

PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Missile strike kills three in Kharkiv | The Test Herald</title>
<meta name="author" content="Olena Test">
<meta property="og:site_name" content="The Test Herald">
<meta property="og:title" content="Missile strike kills three in Kharkiv">
<meta property="article:published_time" content="2023-05-06T10:00:00+03:00">
<link rel="canonical" href="https://herald.example/2023/05/06/kharkiv-strike">
<style>.x {{ color: red }} STYLE_SECRET</style>
<script>var SCRIPT_SECRET = "never text";</script>
</head><body>
<div class="cookie-banner" id="cookie-notice"><p>We use cookies. Accept all cookies to continue.</p></div>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news section</a></li></ul></nav></header>
<main><article>
<h1>Missile strike kills three in Kharkiv</h1>
<p class="byline">By Olena Test</p>
<p>{p1}</p>
<p>{p2}</p>
<p>Officials said the strike on the Kharkiv district damaged a school &amp; a clinic, and that debris fell across three streets.</p>
<div class="share-buttons"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
</article></main>
<aside class="related"><h3>Related stories</h3><ul>
<li><a href="/a">Night drone attack on Odesa port damages grain silos</a></li>
<li><a href="/b">Parliament debates the new mobilisation law</a></li>
</ul></aside>
<footer><p>Copyright The Test Herald. All rights reserved.</p></footer>
<script>document.write("SCRIPT_SECRET2")</script>
</body></html>
"""


def test_html_metadata_and_furniture(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE.format(p1=BODY, p2=BODY2), encoding="utf-8")
    art = one(read_path(path, published=dt.date(2020, 1, 1), outlet="User Outlet"))
    assert art.title == "Missile strike kills three in Kharkiv"
    assert art.outlet == "The Test Herald"
    assert art.author == "Olena Test"
    assert art.url == "https://herald.example/2023/05/06/kharkiv-strike"
    assert (art.published, art.published_how) == (dt.date(2023, 5, 6), "metadata")
    assert BODY in art.text and BODY2 in art.text
    assert "school & a clinic" in art.text
    for furniture in (
        "SCRIPT_SECRET",
        "STYLE_SECRET",
        "cookies",
        "Share on Facebook",
        "Odesa port",
        "mobilisation law",
        "All rights reserved",
        "World news section",
        "<p>",
        "&amp;",
    ):
        assert furniture not in art.text, furniture
    assert "<" not in art.title


def test_html_visible_dateline_when_no_metadata() -> None:
    page = (
        "<html><head><title>Drone attack on Odesa</title></head><body><article>"
        "<h1>Drone attack on Odesa</h1>"
        f"<p>ODESA, Ukraine, March 16, 2024 (Test Wire) - {BODY}</p><p>{BODY2}</p><p>{BODY2} {BODY}</p>"
        "</article></body></html>"
    )
    art = one(read_bytes("odesa.htm", page.encode()))
    assert (art.published, art.published_how) == (dt.date(2024, 3, 16), "dateline")
    assert art.outlet == "Test Wire"
    assert "ODESA, Ukraine" in art.text


def test_html_fallback_and_legacy_charset() -> None:
    tiny = "<html><head><script>alert('x')</script></head><body><p>Short note.</p></body></html>"
    art = one(read_bytes("tiny.html", tiny.encode()))
    assert "Short note." in art.text and "alert" not in art.text
    cyr = (
        '<html><head><meta charset="windows-1251"><title>Обстріл</title></head><body><article>'
        f"<p>{CYRILLIC.split(chr(10))[2]}</p><p>{CYRILLIC.split(chr(10))[2]}</p></article></body></html>"
    )
    art = one(read_bytes("cyr.html", cyr.encode("cp1251")))
    assert "Російська ракета" in art.text


def test_html_with_only_script_is_refused() -> None:
    err = raises_input_error(read_bytes, "empty.html", b"<html><head><script>var a=1;</script></head></html>")
    assert "no article text" in err.reason


# --------------------------------------------------------------------------- PDF


def make_pdf(pages: list[list[str]], *, header: str = "", title: str = "", author: str = "") -> bytes:
    from fpdf import FPDF

    class Doc(FPDF):
        def header(self) -> None:
            if header:
                self.set_font("Helvetica", size=9)
                self.cell(0, 6, header, new_x="LMARGIN", new_y="NEXT")
                self.ln(4)

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("Helvetica", size=9)
            self.cell(0, 6, f"Page {self.page_no()}")

    pdf = Doc()
    if title:
        pdf.set_title(title)
    if author:
        pdf.set_author(author)
    for paragraphs in pages:
        pdf.add_page()
        pdf.set_font("Helvetica", size=11)
        for para in paragraphs:
            pdf.multi_cell(0, 5, para, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
    return bytes(pdf.output())


def test_pdf_paragraphs_headers_and_dateline(tmp_path: Path) -> None:
    p1 = " ".join([BODY] * 4)
    p2 = " ".join([BODY2] * 3)
    p3 = " ".join([BODY2, BODY] * 2)
    data = make_pdf(
        [
            ["Missile strike kills three", f"KHARKIV, Ukraine, March 3, 2023 (Test Wire) - {p1}", p2],
            [p3, "The end of the story."],
        ],
        header="The Test Herald - Print edition",
        title="Missile strike kills three",
        author="Olena Test",
    )
    path = tmp_path / "story.pdf"
    path.write_bytes(data)
    art = one(read_path(path))
    assert art.title == "Missile strike kills three"
    assert art.author == "Olena Test"
    assert (art.published, art.published_how, art.outlet) == (dt.date(2023, 3, 3), "dateline", "Test Wire")
    assert "Print edition" not in art.text
    assert "Page 1" not in art.text and "Page 2" not in art.text
    paragraphs = art.text.split("\n\n")
    assert f"KHARKIV, Ukraine, March 3, 2023 (Test Wire) - {p1}" in paragraphs
    assert p2 in paragraphs and p3 in paragraphs


def test_pdf_encrypted() -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf([[BODY]]))))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    err = raises_input_error(read_bytes, "locked.pdf", buf.getvalue())
    assert "password" in err.reason


def test_pdf_encrypted_without_user_password_is_read() -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf([[BODY]]))))
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    assert BODY in one(read_bytes("restricted.pdf", buf.getvalue())).text


def test_pdf_without_text_layer() -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")
    err = raises_input_error(read_bytes, "scan.pdf", bytes(pdf.output()))
    assert err.reason == NO_TEXT_LAYER


def test_pdf_page_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_PDF_PAGES", 2)
    err = raises_input_error(read_bytes, "big.pdf", make_pdf([[BODY], [BODY], [BODY]]))
    assert "pages" in err.reason


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"%PDF-1.7\n" + b"garbage " * 200, id="garbage-after-header"),
        pytest.param(None, id="truncated"),
        pytest.param(b"This is not a PDF at all, just words.", id="not-pdf"),
    ],
)
def test_pdf_corrupt(data: bytes | None) -> None:
    if data is None:
        full = make_pdf([[BODY]])
        data = full[: len(full) // 3]
    raises_input_error(read_bytes, "broken.pdf", data)


# --------------------------------------------------------------------------- DOCX


def make_docx(*, title: str = "", author: str = "", created: dt.datetime | None = None) -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("Strike on Dnipro", level=1)
    document.add_paragraph("By Test Reporter")
    document.add_paragraph(BODY)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "City"
    table.cell(0, 1).text = "Killed"
    table.cell(1, 0).text = "Dnipro"
    table.cell(1, 1).text = "3"
    document.add_paragraph(BODY2)
    props = document.core_properties
    if title:
        props.title = title
    if author:
        props.author = author
    if created:
        props.created = created
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def test_docx_paragraphs_tables_and_properties(tmp_path: Path) -> None:
    path = tmp_path / "story.docx"
    path.write_bytes(
        make_docx(title="Core title", author="Core Author", created=dt.datetime(2024, 5, 1, 9, 0))
    )
    art = one(read_path(path))
    assert art.title == "Core title"
    assert art.author == "Test Reporter"  # the byline in the text wins over the file's author
    assert (art.published, art.published_how) == (dt.date(2024, 5, 1), "metadata")
    assert BODY in art.text and BODY2 in art.text
    assert "City | Killed" in art.text and "Dnipro | 3" in art.text
    assert art.text.index(BODY) < art.text.index("Dnipro | 3") < art.text.index(BODY2)


def test_docx_template_defaults_are_ignored() -> None:
    art = one(read_bytes("plain.docx", make_docx(), published=dt.date(2024, 2, 2)))
    assert art.title == "Strike on Dnipro"
    assert art.author == "Test Reporter"
    assert (art.published, art.published_how) == (dt.date(2024, 2, 2), "user")


def _rezip(data: bytes, replace: dict[str, bytes]) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, replace.get(info.filename, src.read(info)))
    return out.getvalue()


BOMB_XML = (
    b'<?xml version="1.0"?>\n<!DOCTYPE w:document [\n'
    b'<!ENTITY a "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA">\n'
    + b"".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">\n'.encode() for i in range(8))
    + b"]>\n"
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    b"<w:body><w:p><w:r><w:t>&i;</w:t></w:r></w:p></w:body></w:document>"
)


def test_docx_entity_bomb_is_refused() -> None:
    data = _rezip(make_docx(), {"word/document.xml": BOMB_XML})
    err = raises_input_error(read_bytes, "bomb.docx", data)
    assert "entity" in err.reason


def test_python_docx_parser_does_not_expand_entities() -> None:
    from docx.oxml.parser import parse_xml

    root = parse_xml(b'<!DOCTYPE r [<!ENTITY e "EXPANDED">]><r>&e;</r>')
    assert "EXPANDED" not in "".join(root.itertext())


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"PK\x03\x04 not really a zip", id="fake-zip"),
        pytest.param(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500, id="old-doc"),
        pytest.param("zip-without-word", id="zip-without-word"),
        pytest.param("broken-document-xml", id="broken-xml"),
    ],
)
def test_docx_corrupt(data: bytes | str) -> None:
    if data == "zip-without-word":
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as zf:
            zf.writestr("hello.txt", "hello")
        data = buf.getvalue()
    elif data == "broken-document-xml":
        data = _rezip(make_docx(), {"word/document.xml": b"<w:document><unclosed"})
    raises_input_error(read_bytes, "broken.docx", data)


# --------------------------------------------------------------------------- CSV / JSON / JSONL

CSV_CASES = [
    pytest.param(",", "utf-8", id="comma"),
    pytest.param(";", "utf-8", id="semicolon"),
    pytest.param("\t", "utf-16", id="tab-utf16"),
    pytest.param(",", "cp1252", id="comma-cp1252"),
]


@pytest.mark.parametrize(("delimiter", "encoding"), CSV_CASES)
def test_csv_rows(delimiter: str, encoding: str) -> None:
    rows = [
        ["title", "text", "published", "url", "outlet", "author"],
        ["First", BODY + " The café was hit.", "2024-03-01", "https://a.example/1", "Paper A", "Ann"],
        ["Empty", "", "", "", "", ""],
        ["Third", BODY2, "", "", "", ""],
    ]
    buf = io.StringIO()
    import csv

    csv.writer(buf, delimiter=delimiter).writerows(rows)
    result = read_bytes_result("bulk.csv", buf.getvalue().encode(encoding), outlet="Fallback")
    assert [a.source_file for a in result.articles] == ["bulk.csv#1", "bulk.csv#3"]
    assert result.skipped_rows == 1
    first, third = result.articles
    assert (first.title, first.url, first.outlet, first.author) == (
        "First",
        "https://a.example/1",
        "Paper A",
        "Ann",
    )
    assert (first.published, first.published_how) == (dt.date(2024, 3, 1), "metadata")
    assert "café" in first.text
    assert (third.outlet, third.published) == ("Fallback", None)


def test_csv_delimiter_from_header() -> None:
    data = f'title;text\nOne;"{BODY}, and more, with commas"\nTwo;{BODY2}\n'.encode()
    arts = read_bytes("semi.csv", data)
    assert [a.title for a in arts] == ["One", "Two"]
    assert arts[0].text == f"{BODY}, and more, with commas"


def test_csv_long_field() -> None:
    long_text = " ".join([BODY] * 2000)
    data = ("text,title\n" + f'"{long_text}",Long\n').encode()
    assert one(read_bytes("long.csv", data)).text == long_text


def test_jsonl_and_json_shapes() -> None:
    lines = [
        json.dumps({"text": BODY, "title": "One", "published": "2022-10-10"}),
        "",
        json.dumps({"text": "   "}),
        json.dumps({"text": BODY2, "outlet": "Wire"}),
    ]
    result = read_bytes_result("feed.jsonl", "\n".join(lines).encode())
    assert [a.source_file for a in result.articles] == ["feed.jsonl#1", "feed.jsonl#4"]
    assert result.skipped_rows == 1
    assert result.articles[0].published == dt.date(2022, 10, 10)
    assert result.articles[1].outlet == "Wire"

    as_list = json.dumps([{"text": BODY}, {"text": BODY2, "date": "9 April 2022"}]).encode()
    arts = read_bytes("feed.json", as_list)
    assert [a.source_file for a in arts] == ["feed.json#1", "feed.json#2"]
    assert arts[1].published == dt.date(2022, 4, 9)
    assert one(read_bytes("single.json", json.dumps({"text": BODY}).encode())).text == BODY
    wrapped = json.dumps({"articles": [{"text": BODY}, {"text": BODY2}]}).encode()
    assert len(read_bytes("wrapped.json", wrapped)) == 2
    jsonl_named_json = (json.dumps({"text": BODY}) + "\n" + json.dumps({"text": BODY2})).encode()
    assert len(read_bytes("lines.json", jsonl_named_json)) == 2


BULK_ERRORS = [
    pytest.param("no-text.csv", b"title,date\nHello,2022-01-01\n", "text", id="csv-no-text-column"),
    pytest.param("all-empty.csv", b"title,text\nA,\nB,  \n", "empty", id="csv-all-rows-empty"),
    pytest.param("no-text.jsonl", b'{"title": "x"}\n{"title": "y"}\n', "text", id="jsonl-no-text-key"),
    pytest.param("bad.jsonl", b'{"text": "ok"}\n{"text": broken\n', "line 2", id="jsonl-bad-line"),
    pytest.param("bad.json", b'{"text": "unterminated', "JSON", id="json-malformed"),
    pytest.param("scalar.json", b"42", "", id="json-scalar"),
    pytest.param("empty-list.json", b"[]", "", id="json-empty-list"),
]


@pytest.mark.parametrize(("name", "data", "needle"), BULK_ERRORS)
def test_bulk_errors(name: str, data: bytes, needle: str) -> None:
    err = raises_input_error(read_bytes, name, data)
    assert needle in err.reason


# --------------------------------------------------------------------------- zip archives


def make_zip(entries: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_zip_with_nested_folders_and_kinds(tmp_path: Path) -> None:
    inner = make_zip({"deep/inner.txt": f"Inner headline\n\n{BODY2}\n".encode()})
    data = make_zip(
        {
            "inner/20230101T120000Z_UA_en_abc.txt": f"{BODY} {BODY2} {BODY}\n".encode(),
            "inner/more/page.html": PAGE.format(p1=BODY, p2=BODY2).encode(),
            "notes.md": f"# Notes\n\n{BODY2}\n".encode(),
            "rows.csv": f"text\n{BODY}\n{BODY2}\n".encode(),
            "story.pdf": make_pdf([[BODY]]),
            "nested.zip": inner,
            ".hidden.txt": b"hidden",
            "__MACOSX/inner/._page.html": b"junk",
            "image.png": b"\x89PNG....",
        }
    )
    path = tmp_path / "archive.zip"
    path.write_bytes(data)
    articles = read_path(path, outlet="Fallback")
    names = [a.source_file for a in articles]
    assert names == [
        "archive.zip/inner/20230101T120000Z_UA_en_abc.txt",
        "archive.zip/inner/more/page.html",
        "archive.zip/nested.zip/deep/inner.txt",
        "archive.zip/notes.md",
        "archive.zip/rows.csv#1",
        "archive.zip/rows.csv#2",
        "archive.zip/story.pdf",
    ]
    first = articles[0]
    assert (first.published, first.published_how) == (dt.date(2023, 1, 1), "filename")
    assert articles[1].outlet == "The Test Herald"
    assert articles[3].outlet == "Fallback"


def test_zip_entry_problems_are_reported_not_fatal() -> None:
    data = make_zip({"good.txt": BODY.encode(), "bad.pdf": b"%PDF-1.4 broken", "empty.txt": b""})
    result = read_bytes_result("mixed.zip", data)
    assert [a.source_file for a in result.articles] == ["mixed.zip/good.txt"]
    assert sorted(p.file for p in result.problems) == ["mixed.zip/bad.pdf", "mixed.zip/empty.txt"]


def _slip_zip(entry: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("ok.txt", BODY)
        info = zipfile.ZipInfo("placeholder")
        info.filename = entry  # ZipInfo would normalise some of these; write the raw name
        zf.writestr(info, BODY)
    return buf.getvalue()


def _nested(depth: int) -> bytes:
    data = make_zip({"a.txt": BODY.encode()})
    for _ in range(depth - 1):
        data = make_zip({"inner.zip": data})
    return data


ZIP_ERRORS = [
    pytest.param(lambda: _slip_zip("../evil.txt"), "leaves", id="zip-slip-dotdot"),
    pytest.param(lambda: _slip_zip("inner/../../evil.txt"), "leaves", id="zip-slip-nested-dotdot"),
    pytest.param(lambda: _slip_zip("/etc/evil.txt"), "leaves", id="zip-slip-absolute"),
    pytest.param(lambda: _slip_zip("C:/evil.txt"), "leaves", id="zip-slip-drive"),
    pytest.param(lambda: _slip_zip("..\\evil.txt"), "leaves", id="zip-slip-backslash"),
    pytest.param(lambda: make_zip({"bomb.txt": b"0" * (20 * 1024 * 1024)}), "zip bomb", id="zip-bomb"),
    pytest.param(lambda: _nested(3), "nested", id="zip-too-deep"),
    pytest.param(lambda: b"PK\x03\x04" + b"\x00" * 100, "damaged", id="zip-corrupt"),
    pytest.param(lambda: make_zip({"image.png": b"\x89PNG"}), "no supported", id="zip-nothing-supported"),
    pytest.param(lambda: make_zip({"bad.txt": b"\x00\x01\x02\x03" * 50}), "could be read", id="zip-all-bad"),
]


@pytest.mark.parametrize(("build", "needle"), ZIP_ERRORS)
def test_zip_errors(build, needle: str) -> None:
    err = raises_input_error(read_bytes, "upload.zip", build())
    assert needle in err.reason


def test_zip_nested_once_is_allowed() -> None:
    assert one(read_bytes("two.zip", _nested(2))).source_file == "two.zip/inner.zip/a.txt"


def test_zip_entry_and_total_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    entries = {f"f{i}.txt": BODY.encode() for i in range(6)}
    monkeypatch.setattr(limits, "MAX_ARCHIVE_ENTRIES", 5)
    assert "entries" in raises_input_error(read_bytes, "many.zip", make_zip(entries)).reason
    monkeypatch.setattr(limits, "MAX_ARCHIVE_ENTRIES", 10_000)
    monkeypatch.setattr(limits, "MAX_ARCHIVE_TOTAL_BYTES", 3 * len(BODY))
    assert "expands" in raises_input_error(read_bytes, "big.zip", make_zip(entries)).reason


# --------------------------------------------------------------------------- bad input in general


def test_size_limit_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STRIKES_MAX_FILE_MB", "0.001")  # about 1 KB
    assert max_file_bytes() == int(0.001 * 1024 * 1024)
    data = (BODY + "\n").encode() * 20
    path = tmp_path / "big.txt"
    path.write_bytes(data)
    assert "too large" in raises_input_error(read_path, path).reason
    assert "too large" in raises_input_error(read_bytes, "big.txt", data).reason
    zipped = make_zip({"big.txt": data})
    assert "too large" in raises_input_error(read_bytes, "big.zip", zipped).reason
    monkeypatch.setenv("STRIKES_MAX_FILE_MB", "nonsense")  # said, never silently replaced by 50 MB
    with pytest.raises(SettingError, match="STRIKES_MAX_FILE_MB='nonsense' cannot be used"):
        max_file_bytes()
    monkeypatch.delenv("STRIKES_MAX_FILE_MB")
    assert max_file_bytes() == MAX_FILE_BYTES


BAD_INPUTS = [
    pytest.param("empty.txt", b"", "empty", id="empty"),
    pytest.param("blank.md", b"  \n\n \t\n", "empty", id="whitespace-only"),
    pytest.param("random.txt", random.Random(0).randbytes(4000), "text file", id="random-binary-txt"),
    pytest.param("random.html", random.Random(1).randbytes(4000), "text file", id="random-binary-html"),
    pytest.param("random.csv", random.Random(2).randbytes(4000), "text file", id="random-binary-csv"),
    pytest.param("nul.txt", b"abc\x00def\x00" * 100, "text file", id="nul-bytes"),
    pytest.param("program.exe", b"MZ\x90\x00", "unsupported", id="unsupported-extension"),
    pytest.param("noext", b"hello", "unsupported", id="no-extension"),
    pytest.param("random.pdf", random.Random(3).randbytes(4000), "PDF", id="random-pdf"),
    pytest.param("random.docx", random.Random(4).randbytes(4000), "docx", id="random-docx"),
    pytest.param("random.zip", random.Random(5).randbytes(4000), "zip", id="random-zip"),
]


@pytest.mark.parametrize(("name", "data", "needle"), BAD_INPUTS)
def test_bad_input(tmp_path: Path, name: str, data: bytes, needle: str) -> None:
    err = raises_input_error(read_bytes, name, data)
    assert needle in err.reason
    assert err.file == name
    path = tmp_path / name
    path.write_bytes(data)
    assert raises_input_error(read_path, path).reason == err.reason


def test_missing_file_and_folder(tmp_path: Path) -> None:
    assert "not found" in raises_input_error(read_path, tmp_path / "nope.txt").reason
    assert "folder" in raises_input_error(read_path, tmp_path).reason


def test_iter_paths(tmp_path: Path) -> None:
    for rel in [
        "b.txt",
        "a/z.md",
        "a/c.pdf",
        "a/.hidden.txt",
        ".git/x.txt",
        "a/img.png",
        "d/e/f.zip",
        "A.HTML",
    ]:
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(b"x")
    found = [p.relative_to(tmp_path).as_posix() for p in iter_paths([tmp_path])]
    assert found == ["A.HTML", "a/c.pdf", "a/z.md", "b.txt", "d/e/f.zip"]
    assert iter_paths([tmp_path / "b.txt", tmp_path / "a"]) == [
        tmp_path / "b.txt",
        tmp_path / "a" / "c.pdf",
        tmp_path / "a" / "z.md",
    ]
    # a file named directly is kept even if unsupported, so that reading it explains why it is refused
    assert iter_paths([tmp_path / "a" / "img.png"]) == [tmp_path / "a" / "img.png"]
    assert "unsupported" in raises_input_error(read_path, tmp_path / "a" / "img.png").reason
    with pytest.raises(InputError):
        iter_paths([tmp_path / "missing"])


# --------------------------------------------------------------------------- property: only InputError

PREFIXES = {
    ".pdf": b"%PDF-1.4\n",
    ".docx": b"PK\x03\x04",
    ".zip": b"PK\x03\x04",
    ".html": b"<html><body>",
    ".json": b'[{"text": ',
    ".jsonl": b'{"text": ',
    ".csv": b"text,title\n",
}


@pytest.mark.parametrize("ext", sorted(SUPPORTED_EXTENSIONS))
@settings(max_examples=50, deadline=None)
@given(data=st.binary(max_size=3000), prefixed=st.booleans())
def test_arbitrary_bytes_raise_only_input_error(ext: str, data: bytes, prefixed: bool) -> None:
    if prefixed:
        data = PREFIXES.get(ext, b"") + data
    try:
        articles = read_bytes(f"fuzz{ext}", data)
    except InputError as err:
        assert err.reason
        return
    assert all(isinstance(a, Article) and a.text.strip() for a in articles)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (
            "---\nUPDATE: Russian missiles hit the port of Odesa on 2 April 2024.\n---\n\nMore to follow.\n",
            True,
        ),
        ("---\nNote: prose set between two rules\nand a second line of it\n---\n\nBody.\n", True),
        ("---\ntitle: Strike on Odesa\ndate: 2024-04-02\ntags:\n  - war\n---\n\nBody.\n", False),
    ],
)
def test_front_matter_is_known_by_the_fields_it_declares(text: str, kept: bool) -> None:
    (article,) = read_bytes("story.md", text.encode())
    first = text.split("\n")[1]
    assert (first.split(": ", 1)[1] in article.text) is kept
