"""Fuzzing: readers and extractor on arbitrary input raise only InputError (readers) or nothing
(extractor), and 10 MB inputs finish within the bound each test's name states.

``tests/test_readers.py`` already throws arbitrary bytes at every extension; these tests add
arbitrary *text* in each format's shape, fuzzed entries inside real containers, and the
extractor. The bounds are generous (a slow CI machine), enforced with pytest-timeout.
"""

from __future__ import annotations

import datetime as dt
import json
import zipfile

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from analytics.errors import InputError
from analytics.extract import extract_article
from analytics.models import Article, StrikeReport
from analytics.readers import SUPPORTED_EXTENSIONS, read_bytes
from tests import hostile_data as h

MB10 = 10 * 1024 * 1024
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

WORDS = st.sampled_from(
    [
        "Russian",
        "Ukrainian",
        "missile",
        "missiles",
        "drones",
        "Shahed",
        "struck",
        "hit",
        "killed",
        "wounded",
        "Kharkiv",
        "Odesa",
        "Oblast",
        "region",
        "on",
        "Monday",
        "March",
        "2024",
        "12",
        "1,000",
        "three",
        "people",
        "governor",
        "said",
        "Air",
        "Force",
        "of",
        "and",
        "the",
        "a",
        ":",
        ",",
        ".",
        ";",
        "-",
        "—",
        "\n",
        "\n\n",
        "(",
        ")",
        '"',
        "By",
        "Mr.",
        "000",
        "S-300",
        "Kh-101",
        "overnight",
        "at",
        "least",
    ]  # fmt: skip
)
NEWSLIKE = st.lists(WORDS, max_size=300).map(" ".join)
ANY_TEXT = st.one_of(st.text(max_size=3000), NEWSLIKE)


def only_input_error(name: str, data: bytes) -> list[Article]:
    try:
        articles = read_bytes(name, data)
    except InputError as err:
        assert err.reason and "\n" not in err.reason
        return []
    assert all(isinstance(a, Article) and a.text.strip() for a in articles)
    return articles


# --------------------------------------------------------------------------- readers: text in shape


def shaped(ext: str, text: str) -> bytes:
    """``text`` placed where each format keeps its article text."""
    if ext in (".txt", ".md", ".markdown"):
        return text.encode("utf-8", "surrogatepass")
    if ext in (".html", ".htm"):
        return f"<html><head><title>{text[:80]}</title></head><body><p>{text}</p></body></html>".encode(
            "utf-8", "surrogatepass"
        )
    if ext == ".csv":
        return ("text,title\n" + json.dumps(text) + ",t\n").encode("utf-8", "surrogatepass")
    if ext == ".jsonl":
        return (json.dumps({"text": text}) + "\n").encode()
    if ext == ".json":
        return json.dumps([{"text": text, "title": text[:20]}]).encode()
    if ext == ".zip":
        return h.make_zip(
            {"a.txt": text.encode("utf-8", "surrogatepass"), "b/c.md": text.encode("utf-8", "surrogatepass")}
        )
    if ext == ".docx":
        from xml.sax.saxutils import escape

        clean = "".join(
            c for c in text if c in "\t\n\r" or (" " <= c < "\ud800") or ("\ue000" <= c <= "\ufffd")
        )
        return h.docx_with_body_xml(f"<w:p><w:r><w:t>{escape(clean)}</w:t></w:r></w:p>".encode())
    if ext == ".pdf":
        safe = (
            text.encode("latin-1", "replace")
            .replace(b"\\", b"\\\\")
            .replace(b"(", b"\\(")
            .replace(b")", b"\\)")
        )
        content = b"BT /F1 11 Tf 72 720 Td (" + safe.replace(b"\n", b" ").replace(b"\r", b" ") + b") Tj ET"
        return h.raw_pdf(
            [
                b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> "
                b"/Contents 4 0 R >>",
                h.pdf_stream(content),
                h.FONT,
            ]
        )
    raise AssertionError(ext)


@pytest.mark.parametrize("ext", sorted(SUPPORTED_EXTENSIONS))
@FUZZ
@given(text=ANY_TEXT)
def test_reader_on_arbitrary_text_raises_only_input_error(ext: str, text: str) -> None:
    only_input_error(f"fuzz{ext}", shaped(ext, text))


@FUZZ
@given(entries=st.dictionaries(st.text(min_size=1, max_size=40), st.binary(max_size=500), max_size=6))
def test_zip_with_arbitrary_entry_names_and_bytes(entries: dict[str, bytes]) -> None:
    try:
        data = h.make_zip(entries)
    except (ValueError, UnicodeEncodeError):
        return  # names zipfile itself cannot write
    only_input_error("fuzz.zip", data)


@FUZZ
@given(xml=st.binary(max_size=2000))
def test_docx_with_arbitrary_document_xml(xml: bytes) -> None:
    only_input_error("fuzz.docx", h.rezip(h.make_docx(["x"]), {"word/document.xml": xml}))


@FUZZ
@given(data=st.binary(max_size=2000), cut=st.integers(min_value=0, max_value=3000))
def test_pdf_spliced_with_arbitrary_bytes(data: bytes, cut: int) -> None:
    pdf = h.text_pdf(2, 500)
    cut = min(cut, len(pdf))
    only_input_error("fuzz.pdf", pdf[:cut] + data + pdf[cut:])


# --------------------------------------------------------------------------- extractor


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=ANY_TEXT, published=st.one_of(st.none(), st.dates(dt.date(1990, 1, 1), dt.date(2100, 1, 1))))
# (lines that are all headline-shaped: no sentence of a body after the opening)
@example(text="0\n0\n; 0", published=None)
def test_extract_arbitrary_text_never_raises(text: str, published: dt.date | None) -> None:
    if not text.strip():
        return
    reports = extract_article(Article(text=text, published=published, source_file="fuzz.txt"))
    assert all(isinstance(r, StrikeReport) for r in reports)


def _repeat(unit: str, size: int = MB10) -> str:
    return unit * (size // len(unit))


#: Inputs aimed at regex worst cases; each is 10 MB.
WORST_CASES = {
    "digits": lambda: "7" * MB10,
    "a-a-a": lambda: _repeat("a "),
    "capitalised-run": lambda: _repeat("Kyiv Oblast Abc Def "),
    "no-punctuation-one-line": lambda: _repeat("missile strike killed people in the city of Kharkiv "),
    "colons-and-commas": lambda: _repeat("a:, 1,0,0: Kharkiv, "),
    "numbers-and-casualties": lambda: _repeat("killed 12 wounded 34 and 56 of 78 drones, "),
    "news-sentences": lambda: _repeat(
        "Russian drones struck Kharkiv Oblast on 12 March, killing 5, the governor said. "
    ),
}


@pytest.mark.slow
@pytest.mark.timeout(60)
@pytest.mark.parametrize("case", sorted(WORST_CASES))
def test_extract_10mb_text_under_60s(case: str) -> None:
    text = WORST_CASES[case]()
    assert len(text) >= MB10 - 100
    extract_article(Article(text=text, published=dt.date(2024, 3, 12), source_file="big.txt"))


def _big_file(ext: str) -> bytes:
    line = "Russian drones struck Kharkiv overnight, killing three people, the governor said."
    if ext in (".txt", ".md"):
        return _repeat(line + "\n").encode()
    if ext == ".html":
        return _repeat(f"<div><p>{line}</p></div>\n").encode()
    if ext == ".csv":
        row = json.dumps(_repeat(line + " ", 2000)) + ",title\n"
        return ("text,title\n" + _repeat(row)).encode()
    if ext == ".jsonl":
        return _repeat(json.dumps({"text": _repeat(line + " ", 2000)}) + "\n").encode()
    if ext == ".json":
        return json.dumps([{"text": _repeat(line + " ", 2000)}] * (MB10 // 2000)).encode()
    if ext == ".docx":
        para = f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>".encode()
        return h.docx_with_body_xml(para * (MB10 // len(para)), compression=zipfile.ZIP_STORED)
    if ext == ".pdf":
        return h.text_pdf(500, MB10 // 500)
    if ext == ".zip":
        return h.make_zip(
            {f"part{i}.txt": _repeat(line + "\n", MB10 // 8).encode() for i in range(8)},
            compression=zipfile.ZIP_STORED,
        )
    raise AssertionError(ext)


@pytest.mark.slow
@pytest.mark.timeout(60)
@pytest.mark.parametrize("ext", [".txt", ".md", ".html", ".csv", ".jsonl", ".json", ".docx", ".pdf", ".zip"])
def test_read_10mb_file_under_60s(ext: str) -> None:
    data = _big_file(ext)
    assert len(data) >= MB10 * 0.95
    only_input_error(f"big{ext}", data)


@pytest.mark.slow
@pytest.mark.timeout(60)
@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("unclosed.md", b"[" * MB10),
        ("stars.md", b"**a _b [c](d) `e` *f ~~g " * (MB10 // 25)),
        ("unclosed-tags.html", b"<div " * (MB10 // 5)),
        ("angles.html", b"<" * MB10),
        ("nested.json", b"[" * MB10),
        ("quotes.csv", b'text\n"' + b'""' * (MB10 // 2)),
    ],
)
def test_read_10mb_pathological_under_60s(name: str, data: bytes) -> None:
    only_input_error(name, data)
