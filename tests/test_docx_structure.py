"""The .docx reader walks the document's XML itself: text inside content controls, tracked
insertions, smart tags, custom XML and nested tables is read in document order, deleted text is
not, and a long vertically merged table reads in linear time."""

from __future__ import annotations

import io

from analytics.models import Article
from analytics.readers import read_bytes
from tests.hostile_data import docx_with_body_xml

W = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"

FIRST = (
    "Russian drones struck a fuel depot in Kharkiv on 3 March 2024, killing two people, the governor said."
)
SECOND = "Firefighters worked until dawn to put out the blaze, officials added."


def one(articles: list[Article]) -> Article:
    assert len(articles) == 1
    return articles[0]


def para(text: str, style: str = "") -> bytes:
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{ppr}<w:r><w:t xml:space='preserve'>{text}</w:t></w:r></w:p>".encode()


def read_body(body: bytes) -> Article:
    return one(read_bytes("x.docx", docx_with_body_xml(body)))


# --------------------------------------------------------------------------- the shape is kept


def test_plain_document_gives_the_same_text_as_before() -> None:
    """Pinned against the reader as it was before it walked the XML itself."""
    import docx

    document = docx.Document()
    document.add_heading("Drones hit a depot in Kharkiv", level=0)
    document.add_paragraph(FIRST)
    document.add_paragraph(SECOND)
    table = document.add_table(rows=2, cols=2)
    for (row, col), value in {(0, 0): "Town", (0, 1): "Killed", (1, 0): "Kharkiv", (1, 1): "2"}.items():
        table.cell(row, col).text = value
    buf = io.BytesIO()
    document.save(buf)
    art = one(read_bytes("x.docx", buf.getvalue()))
    assert art.text == (
        "Drones hit a depot in Kharkiv\n\n" + FIRST + "\n\n" + SECOND + "\n\nTown | Killed\nKharkiv | 2"
    )
    assert art.title == "Drones hit a depot in Kharkiv"


def test_a_paragraph_break_tab_and_line_break_read_as_before() -> None:
    body = (
        b"<w:p><w:r><w:t>Killed:</w:t><w:tab/><w:t>2</w:t><w:br/><w:t>Wounded:</w:t><w:tab/>"
        b'<w:t>5</w:t><w:br w:type="page"/></w:r></w:p>' + para(FIRST)
    )
    assert read_body(body).text == "Killed:\t2\nWounded:\t5\n\n" + FIRST


# --------------------------------------------------------------------------- wrappers


def test_body_in_a_content_control_is_read() -> None:
    body = (
        para("Drones hit a depot in Kharkiv", "Title")
        + b'<w:sdt><w:sdtPr><w:alias w:val="Story"/><w:placeholder><w:docPart w:val="X"/></w:placeholder>'
        b"</w:sdtPr><w:sdtContent>" + para(FIRST) + para(SECOND) + b"</w:sdtContent></w:sdt>"
    )
    art = read_body(body)
    assert art.title == "Drones hit a depot in Kharkiv"
    assert art.text == "Drones hit a depot in Kharkiv\n\n" + FIRST + "\n\n" + SECOND


def test_a_title_inside_a_content_control_is_the_headline() -> None:
    body = b"<w:sdt><w:sdtContent>" + para("Depot burns in Kharkiv", "Title") + para(FIRST)
    art = read_body(body + b"</w:sdtContent></w:sdt>")
    assert art.title == "Depot burns in Kharkiv"
    assert FIRST in art.text


def test_an_inline_content_control_is_read() -> None:
    body = (
        b"<w:p><w:r><w:t xml:space='preserve'>Drones struck </w:t></w:r><w:sdt><w:sdtPr>"
        b'<w:alias w:val="Town"/></w:sdtPr><w:sdtContent><w:r><w:t>Kharkiv</w:t></w:r></w:sdtContent></w:sdt>'
        b"<w:r><w:t xml:space='preserve'> at night, killing two people.</w:t></w:r></w:p>"
    )
    assert read_body(body).text == "Drones struck Kharkiv at night, killing two people."


def test_a_tracked_insertion_is_read_and_a_deletion_is_not() -> None:
    body = (
        b"<w:p><w:r><w:t xml:space='preserve'>Russian drones struck a depot in </w:t></w:r>"
        b'<w:del w:id="1" w:author="Editor"><w:r><w:delText>Odesa</w:delText></w:r></w:del>'
        b'<w:ins w:id="2" w:author="Editor"><w:r><w:t>Kharkiv</w:t></w:r></w:ins>'
        b"<w:r><w:t xml:space='preserve'>, killing two people, the governor said.</w:t></w:r></w:p>"
        # whole paragraphs wrapped at block level, as some producers write them
        b'<w:ins w:id="3" w:author="Editor">' + para(SECOND) + b"</w:ins>"
        b'<w:del w:id="4" w:author="Editor">' + para("A sentence the editor removed.") + b"</w:del>"
        b'<w:p><w:r><w:delText>Removed words.</w:delText></w:r><w:moveFrom w:id="5" w:author="Editor">'
        b"<w:r><w:t>Moved away.</w:t></w:r></w:moveFrom>"
        b'<w:moveTo w:id="6" w:author="Editor"><w:r><w:t>Moved here.</w:t></w:r></w:moveTo></w:p>'
    )
    text = read_body(body).text
    assert text == (
        "Russian drones struck a depot in Kharkiv, killing two people, the governor said.\n\n"
        + SECOND
        + "\n\nMoved here."
    )
    for gone in ("Odesa", "removed", "Removed", "Moved away"):
        assert gone not in text


def test_smart_tag_custom_xml_hyperlink_and_field_runs_are_read() -> None:
    body = (
        b"<w:p><w:r><w:t xml:space='preserve'>Drones struck </w:t></w:r>"
        b'<w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="place">'
        b'<w:smartTagPr><w:attr w:name="x" w:val="y"/></w:smartTagPr><w:r><w:t>Kharkiv</w:t></w:r></w:smartTag>'
        b"<w:r><w:t xml:space='preserve'> on </w:t></w:r>"
        b'<w:customXml w:element="date"><w:r><w:t>3 March 2024</w:t></w:r></w:customXml>'
        b"<w:r><w:t xml:space='preserve'>, </w:t></w:r>"
        b'<w:hyperlink w:anchor="x"><w:smartTag w:element="n"><w:r><w:t>the governor</w:t></w:r></w:smartTag>'
        b"</w:hyperlink>"
        b'<w:fldSimple w:instr="AUTHOR"><w:r><w:t xml:space="preserve"> said</w:t></w:r></w:fldSimple>'
        b'<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>DATE</w:instrText></w:r>'
        b'<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>.</w:t></w:r>'
        b'<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
        b'<w:customXml w:element="story">' + para(SECOND) + b"</w:customXml>"
    )
    assert read_body(body).text == "Drones struck Kharkiv on 3 March 2024, the governor said.\n\n" + SECOND


def test_alternate_content_is_read_once() -> None:
    body = (
        b'<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
        b"<mc:Choice Requires='w14'>" + para(FIRST) + b"</mc:Choice>"
        b"<mc:Fallback>" + para(FIRST) + b"</mc:Fallback></mc:AlternateContent>"
    )
    assert read_body(body).text == FIRST


# --------------------------------------------------------------------------- tables


def cell(content: bytes, props: bytes = b"") -> bytes:
    return b"<w:tc>" + (b"<w:tcPr>" + props + b"</w:tcPr>" if props else b"") + content + b"</w:tc>"


def table(rows: list[list[bytes]]) -> bytes:
    return (
        b"<w:tbl><w:tblPr/><w:tblGrid/>"
        + b"".join(b"<w:tr>" + b"".join(r) + b"</w:tr>" for r in rows)
        + b"</w:tbl>"
    )


def test_a_nested_table_text_is_read() -> None:
    inner = table([[cell(para("Killed")), cell(para("2"))], [cell(para("Wounded")), cell(para("5"))]])
    outer = table([[cell(para("Kharkiv")), cell(para("Casualties") + inner + b"<w:p/>")]])
    art = read_body(para(FIRST) + outer + para(SECOND))
    assert art.text == FIRST + "\n\nKharkiv | Casualties Killed 2 Wounded 5\n\n" + SECOND


def test_rows_and_cells_in_content_controls_are_read() -> None:
    rows = (
        b"<w:tbl><w:tblGrid/><w:tr>" + cell(para("Town")) + b"<w:sdt><w:sdtContent>" + cell(para("Killed"))
        + b"</w:sdtContent></w:sdt></w:tr><w:sdt><w:sdtContent><w:tr>" + cell(para("Kharkiv"))
        + cell(b"<w:sdt><w:sdtContent>" + para("2") + b"</w:sdtContent></w:sdt>")
        + b"</w:tr></w:sdtContent></w:sdt></w:tbl>"
    )  # fmt: skip
    assert read_body(para(FIRST) + rows).text == FIRST + "\n\nTown | Killed\nKharkiv | 2"


def test_merged_cells_are_read_once() -> None:
    import docx

    document = docx.Document()
    document.add_paragraph(FIRST)
    grid = document.add_table(rows=3, cols=3)
    grid.cell(0, 0).merge(grid.cell(2, 0)).text = "Kharkiv"
    grid.cell(0, 1).merge(grid.cell(0, 2)).text = "Depot"
    grid.cell(1, 1).text = "Killed"
    grid.cell(1, 2).text = "2"
    grid.cell(2, 1).text = "Wounded"
    grid.cell(2, 2).text = "5"
    buf = io.BytesIO()
    document.save(buf)
    art = one(read_bytes("x.docx", buf.getvalue()))
    assert art.text == FIRST + "\n\nKharkiv | Depot\nKilled | 2\nWounded | 5"


def test_a_3000_row_vertically_merged_table_reads() -> None:
    rows = [[cell(para("Kharkiv Oblast"), b'<w:vMerge w:val="restart"/>'), cell(para("strike 0"))]]
    rows += [[cell(b"<w:p/>", b"<w:vMerge/>"), cell(para(f"strike {i}"))] for i in range(1, 3000)]
    art = read_body(para(FIRST) + table(rows))
    assert art.text.count("Kharkiv Oblast") == 1
    lines = art.text.split("\n\n", 1)[1].split("\n")
    assert lines[0] == "Kharkiv Oblast | strike 0"
    assert lines[1:] == [f"strike {i}" for i in range(1, 3000)]


def test_a_cell_spanning_columns_is_one_cell() -> None:
    rows = [
        [cell(para("Kharkiv depot"), b'<w:gridSpan w:val="2"/>')],
        [cell(para("Killed")), cell(para("2"))],
    ]
    assert read_body(para(FIRST) + table(rows)).text == FIRST + "\n\nKharkiv depot\nKilled | 2"


# --------------------------------------------------------------------------- bounded


def test_deeply_nested_wrappers_are_read_without_recursion() -> None:
    depth = 230  # past the walker's cap of 200, below lxml's own limit of 256
    body = b"<w:customXml>" * depth + para(FIRST) + b"</w:customXml>" * depth + para(SECOND)
    assert read_body(body).text == FIRST + "\n\n" + SECOND


def test_deeply_nested_tables_are_read() -> None:
    nested = para(FIRST)
    for _ in range(60):  # 180 levels of w:tbl/w:tr/w:tc
        nested = table([[cell(nested)]])
    assert read_body(nested).text == FIRST


def test_text_nested_too_deep_to_walk_keeps_paragraphs_apart_and_deletions_out() -> None:
    from lxml import etree

    from analytics.readers.docx import _flat_text

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    xml = (
        f'<w:sdtContent xmlns:w="{w}"><w:p><w:r><w:t>First sentence.</w:t></w:r></w:p>'
        "<w:p><w:r><w:t>Second sentence.</w:t></w:r><w:del><w:r><w:t>DELETED</w:t></w:r></w:del></w:p>"
        "<w:p><w:r><w:t>Third.</w:t></w:r></w:p></w:sdtContent>"
    )
    assert _flat_text(etree.fromstring(xml)) == "First sentence.\nSecond sentence.\nThird."
