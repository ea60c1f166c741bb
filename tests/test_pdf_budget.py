"""The PDF work budget counts what pypdf's text extraction really costs: drawing operations
(not bytes, not text operators alone) and the fonts' character maps, which pypdf parses again
on every page. Small PDFs that would keep pypdf busy for minutes are refused with a reason
naming the limit; honest PDFs are read. Outcomes are asserted, never times."""

from __future__ import annotations

import zlib

import pytest

from analytics.errors import InputError
from analytics.readers import limits, read_bytes
from analytics.readers.pdf import _character_map_operations, _operations
from tests.hostile_data import FONT, article_text, pdf_stream, raw_pdf

SHORT_LINE = b"(Drones hit Kyiv.) Tj 0 -14 Td\n"


def _outcome(data: bytes, name: str = "probe.pdf"):
    try:
        return read_bytes(name, data)
    except InputError as exc:
        return exc


def many_short_lines_pdf(pages: int, page_bytes: int) -> bytes:
    """Pages each drawing one compressed stream of ``page_bytes`` of short Tj lines (a few KB)."""
    content = b"BT /F1 11 Tf 72 720 Td\n" + SHORT_LINE * (page_bytes // len(SHORT_LINE)) + b"ET\n"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    kids = b" ".join(b"%d 0 R" % (5 + k) for k in range(pages))
    objects.append(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages))
    objects.append(FONT)
    objects.append(pdf_stream(zlib.compress(content, 9), b"/Filter /FlateDecode "))
    for _ in range(pages):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>"
        )
    return raw_pdf(objects)


def to_unicode_map(entries: int, width: int = 3) -> bytes:
    """A ToUnicode CMap of ``entries`` bfchar entries of ``width``-byte codes, one a line, in
    blocks of 100; code c maps to the character c (printable codes to themselves)."""
    hexes = 2 * width
    out = [b"begincmap", b"1 begincodespacerange <%s> <%s> endcodespacerange" % (b"0" * hexes, b"F" * hexes)]
    for start in range(0, entries, 100):
        n = min(100, entries - start)
        out.append(b"%d beginbfchar" % n)
        out.extend(
            b"<%0*X> <%04X>" % (hexes, c, c if 0x20 <= c < 0x7F else 0x41 + c % 26)
            for c in range(start, start + n)
        )
        out.append(b"endbfchar")
    out.append(b"endcmap")
    return b"\n".join(out)


def shared_fonts_pdf(pages: int, entries: int, *, fonts: int = 1, width: int = 3) -> bytes:
    """Pages sharing ``fonts`` fonts whose ToUnicode maps have ``entries`` entries each; every
    page shows a line of text in each font (1-byte codes are read, wider ones are not)."""

    def shown(text: str) -> bytes:
        raw = text.encode("latin-1").replace(b"\\", b"").replace(b"(", b"").replace(b")", b"")
        return b"(%s)" % raw if width == 1 else b"<%s>" % b"".join(b"%0*X" % (2 * width, ch) for ch in raw)

    first_page = 3 + 2 * fonts
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    kids = b" ".join(b"%d 0 R" % (first_page + 2 * k) for k in range(pages))
    objects.append(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages))
    font_refs = b" ".join(b"/F%d %d 0 R" % (f, 3 + 2 * f) for f in range(fonts))
    for f in range(fonts):
        objects.append(
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode %d 0 R >>" % (4 + 2 * f)
        )
        objects.append(pdf_stream(zlib.compress(to_unicode_map(entries, width), 9), b"/Filter /FlateDecode "))
    for k in range(pages):
        lines = [ln for ln in article_text(k).splitlines() if ln]
        content = b"BT 72 720 Td " + b"".join(
            b"/F%d 11 Tf %s Tj 0 -14 Td " % (f, shown(ln)) for f in range(fonts) for ln in lines
        )
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << %s >> >> /Contents %d 0 R >>" % (font_refs, first_page + 2 * k + 1)
        )
        objects.append(pdf_stream(zlib.compress(content + b"ET\n"), b"/Filter /FlateDecode "))
    return raw_pdf(objects)


def news_report_pdf(pages: int) -> bytes:
    """An honest report: ``pages`` pages of a few paragraphs each, in a real font."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    for p in range(pages):
        pdf.add_page()
        for k in range(4):
            pdf.multi_cell(
                0,
                5,
                f"Russian drones struck an energy site in Kharkiv region overnight, page {p + 1} "
                f"paragraph {k + 1}. The regional governor said two people were wounded and "
                "rescuers worked until morning to put out the fire at the substation. "
                "Air defence units shot down most of the drones over the city, officials said.",
                new_x="LMARGIN",
                new_y="NEXT",
            )
            pdf.ln(3)
    return bytes(pdf.output())


def at_budget_pdf() -> bytes:
    """Pages of short text lines each just under the page budget, as many as the file budget
    allows: the most work a PDF that is read may cost (bench/bench_bounded.py times it)."""
    lines = (limits.MAX_PDF_PAGE_WORK - 1_000) // _operations(SHORT_LINE)
    return many_short_lines_pdf(limits.MAX_PDF_WORK // limits.MAX_PDF_PAGE_WORK, lines * len(SHORT_LINE))


def test_many_short_text_lines_under_the_byte_limit_are_refused_for_the_work() -> None:
    data = many_short_lines_pdf(24, 1_040_000)
    assert len(data) < 70_000
    out = _outcome(data)
    assert isinstance(out, InputError)
    assert "drawing operations" in out.reason and "(the work limit)" in out.reason


def _scaled_budgets(monkeypatch: pytest.MonkeyPatch, factor: int) -> None:
    """The work budgets divided by ``factor``: the same sums over pages a tenth the size (the
    fast tier); the full-size cases below are marked slow."""
    monkeypatch.setattr(limits, "MAX_PDF_PAGE_WORK", limits.MAX_PDF_PAGE_WORK // factor)
    monkeypatch.setattr(limits, "MAX_PDF_WORK", limits.MAX_PDF_WORK // factor)


@pytest.mark.parametrize("factor", [pytest.param(1, marks=pytest.mark.slow, id="full-size"), 10])
def test_the_file_budget_adds_up_pages_under_the_page_budget(
    monkeypatch: pytest.MonkeyPatch, factor: int
) -> None:
    _scaled_budgets(monkeypatch, factor)
    lines = (limits.MAX_PDF_PAGE_WORK // 2) // _operations(SHORT_LINE)  # half the page budget each
    pages = 2 * limits.MAX_PDF_WORK // limits.MAX_PDF_PAGE_WORK + 1
    out = _outcome(many_short_lines_pdf(pages, lines * len(SHORT_LINE)))
    assert isinstance(out, InputError)
    assert "pages hold more than" in out.reason and f"{limits.MAX_PDF_WORK:,}" in out.reason


@pytest.mark.parametrize(
    "factor,pages,entries",
    [pytest.param(1, 2000, 99_000, marks=pytest.mark.slow, id="full-size"), (10, 200, 9_900)],
)
def test_a_huge_character_map_shared_by_many_pages_is_refused_for_the_fonts(
    monkeypatch: pytest.MonkeyPatch, factor: int, pages: int, entries: int
) -> None:
    _scaled_budgets(monkeypatch, factor)
    data = shared_fonts_pdf(pages, entries)
    assert len(data) < 2_000_000
    out = _outcome(data)
    assert isinstance(out, InputError)
    assert "the fonts' character maps (the work limit)" in out.reason


def test_small_character_maps_over_many_pages_are_read() -> None:
    out = _outcome(shared_fonts_pdf(300, 256, fonts=3, width=1))  # 768 mapped codes a page
    assert not isinstance(out, InputError), out
    text = out[0].text
    assert article_text(0).split("\n\n")[1].strip()[:40] in text and "Report number 299." in text


def test_a_fifty_page_report_is_read_whole() -> None:
    out = _outcome(news_report_pdf(50), "report.pdf")
    assert not isinstance(out, InputError), out
    text = out[0].text
    assert "page 1 paragraph 1" in text and "page 50 paragraph 4" in text


def test_operations_count_strings_and_tokens_not_bytes() -> None:
    # blank space and one long string cost little; many short strings cost more than their bytes
    assert _operations(b" " * 10_000) == 0
    assert _operations(b"(" + b"x" * 1000 + b") Tj") < 200
    assert _operations(b"[" + b"(a)" * 1000 + b"] TJ") > 3000
    assert _operations(b"1 0 0 1 72 720 Tm") == 7


def test_character_map_cost_grows_with_its_entries() -> None:
    small, big = (
        _character_map_operations(to_unicode_map(300)),
        _character_map_operations(to_unicode_map(99_000)),
    )
    assert small < 2_000 < limits.MAX_PDF_PAGE_WORK < big * 2 and big > 200_000


def test_a_stream_pypdf_will_not_inflate_is_past_the_work_limit_at_once() -> None:
    """One content stream inflating past pypdf's own 75 MB limit, shared by 50 pages: each page
    inflated it again (0.45 s and hundreds of MB a page) when it counted as free."""
    comp = zlib.compressobj(9)
    head = b"BT /F1 12 Tf 72 700 Td (Missile strike hit Kharkiv) Tj ET\n"
    stream = comp.compress(head) + b"".join(comp.compress(b" " * 1_000_000) for _ in range(80)) + comp.flush()
    pages = 50
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    kids = b" ".join(b"%d 0 R" % (5 + k) for k in range(pages))
    objects.append(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages))
    objects.append(FONT)
    objects.append(pdf_stream(stream, b"/Filter /FlateDecode "))
    for _ in range(pages):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>"
        )
    out = _outcome(raw_pdf(objects))
    assert isinstance(out, InputError) and "(the work limit)" in out.reason and "page 1 " in out.reason
