"""Inputs for the reliability tests, built in code: articles, raw PDFs, zips and docx files."""

from __future__ import annotations

import io
import random
import zipfile

TOWNS = ["Kharkiv", "Odesa", "Dnipro", "Zaporizhzhia", "Sumy", "Kherson", "Mykolaiv", "Poltava"]
WEAPONS = ["drones", "missiles", "glide bombs", "Shahed drones", "ballistic missiles"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def article_text(i: int) -> str:
    """A short generated news story, different for every ``i``."""
    rnd = random.Random(i)
    town, weapon, day = rnd.choice(TOWNS), rnd.choice(WEAPONS), rnd.choice(DAYS)
    killed, wounded = rnd.randint(1, 9), rnd.randint(2, 30)
    return (
        f"Russian {weapon} hit {town} on {day}, story {i}\n\n"
        f"KYIV, March {1 + i % 27}, 2024 - Russian {weapon} struck {town} on {day}, killing {killed} "
        f"people and wounding {wounded}, the regional governor said. Report number {i}.\n\n"
        f"Rescuers worked through the night at the site of the attack on {town}, officials said.\n"
    )


def make_zip(entries: dict[str, bytes], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as zf:
        for name, data in entries.items():
            info = zipfile.ZipInfo("placeholder")
            info.filename = name  # raw name: ZipInfo would normalise ".." and "/"
            info.compress_type = compression
            zf.writestr(info, data)
    return buf.getvalue()


# --------------------------------------------------------------------------- PDF by hand


def raw_pdf(objects: list[bytes], *, root: int = 1, trailer_extra: bytes = b"") -> bytes:
    """A PDF of the given numbered objects (1, 2, ...) with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        root,
        trailer_extra,
        xref,
    )
    return bytes(out)


def pdf_stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
LINE = b"BT /F1 11 Tf 72 720 Td (Russian drones struck Kharkiv overnight, killing three people.) Tj ET\n"


def text_pdf(pages: int, page_bytes: int) -> bytes:
    """A PDF of ``pages`` pages, each drawing about ``page_bytes`` of text instructions."""
    content = LINE * max(1, page_bytes // len(LINE))
    n = pages
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    kids = b" ".join(b"%d 0 R" % (4 + 2 * k) for k in range(n))
    objects.append(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n))
    objects.append(FONT)
    for k in range(n):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
            b"/Contents %d 0 R >>" % (5 + 2 * k)
        )
        objects.append(pdf_stream(content))
    return raw_pdf(objects)


def looping_pages_pdf() -> bytes:
    """The page tree lists itself among its kids."""
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
        ]
    )


def looping_xobject_pdf() -> bytes:
    """A form XObject that draws itself."""
    content = b"BT /F1 12 Tf 72 720 Td (Missiles struck the city of Kharkiv on Monday.) Tj ET /X1 Do"
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> "
            b"/XObject << /X1 6 0 R >> >> /Contents 4 0 R >>",
            pdf_stream(content),
            FONT,
            pdf_stream(
                b"/X1 Do",
                b"/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /X1 6 0 R >> >> ",
            ),
        ]
    )


def looping_xref_pdf() -> bytes:
    """The cross-reference table's /Prev points at itself."""
    base = raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"])
    xref = int(base.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
    return base.replace(b"/Root 1 0 R ", b"/Root 1 0 R /Prev %d " % xref)


def looping_reference_pdf() -> bytes:
    """Objects 2 and 3 are references to each other."""
    return raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"3 0 R", b"2 0 R"])


def flate_bomb_pdf() -> bytes:
    """One page whose compressed content stream expands 1,000 times (to about 20 MB)."""
    import zlib

    packed = zlib.compress(b" " * (20 * 1024 * 1024), 9)
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
            pdf_stream(packed, b"/Filter /FlateDecode "),
        ]
    )


def encrypted_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf(1, 2000))))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


# --------------------------------------------------------------------------- DOCX


def make_docx(paragraphs: list[str]) -> bytes:
    import docx

    document = docx.Document()
    for para in paragraphs:
        document.add_paragraph(para)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def rezip(data: bytes, replace: dict[str, bytes], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A copy of a zip (docx) with some entries' bytes replaced (or added)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as out:
        for info in src.infolist():
            out.writestr(info.filename, replace.get(info.filename, src.read(info)))
        for name in set(replace) - set(src.namelist()):
            out.writestr(name, replace[name])
    return buf.getvalue()


def docx_with_body_xml(body: bytes, *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A docx whose document.xml body holds ``body`` (raw WordprocessingML paragraphs)."""
    xml = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        + body
        + b"</w:body></w:document>"
    )
    return rezip(make_docx(["placeholder"]), {"word/document.xml": xml}, compression=compression)


def billion_laughs_xml() -> bytes:
    levels = [b'<!ENTITY lol0 "lol">']
    for i in range(1, 10):
        levels.append(b'<!ENTITY lol%d "%s">' % (i, b"&lol%d;" % (i - 1) * 10))
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE w:document [\n' + b"\n".join(levels) + b"\n]>\n"
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
    )
