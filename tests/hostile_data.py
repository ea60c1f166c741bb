"""Inputs for the reliability tests, built in code: articles, raw PDFs, zips and docx files."""

from __future__ import annotations

import io
import random
import struct
import zipfile
import zlib

TOWNS = ["Kharkiv", "Odesa", "Dnipro", "Zaporizhzhia", "Sumy", "Kherson", "Mykolaiv", "Poltava"]
WEAPONS = ["drones", "missiles", "glide bombs", "Shahed drones", "ballistic missiles"]
STORY = "Russian drones struck a depot in Kharkiv on 3 March 2024, killing two people, the governor said."
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


def form_amplified_pdf(form_bytes: int, draws: int) -> bytes:
    """A page that draws one big text form thousands of times."""
    from pypdf import PdfWriter
    from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject, NumberObject

    writer = PdfWriter()
    page = writer.add_blank_page(612, 792)
    form = DecodedStreamObject()
    line = b"BT /F1 12 Tf 72 700 Td (Drones struck the port) Tj ET\n"
    form.set_data(line * (form_bytes // len(line)))
    form.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): ArrayObject(
                [NumberObject(0), NumberObject(0), NumberObject(612), NumberObject(792)]
            ),
        }
    )
    ref = writer._add_object(form.flate_encode())
    content = DecodedStreamObject()
    content.set_data(b"q /Fm1 Do Q\n" * draws)
    page[NameObject("/Contents")] = writer._add_object(content.flate_encode())
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/XObject"): DictionaryObject({NameObject("/Fm1"): ref})}
    )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def lying_zip(name: str, declared: int, real: int, extra: dict[str, bytes] | None = None) -> bytes:
    """A zip whose entry declares ``declared`` bytes (and the CRC of the first ``declared``
    bytes) while its deflate stream inflates to ``real`` bytes."""
    payload = (STORY.encode() + b"\n") * (real // (len(STORY) + 1) + 1)
    payload = payload[:real]
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    stream = comp.compress(payload) + comp.flush()
    crc = zlib.crc32(payload[:declared])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for other, data in (extra or {}).items():
            zf.writestr(other, data)
    good = out.getvalue()
    # append our crafted entry by hand: local header, data, then a new central directory
    with zipfile.ZipFile(io.BytesIO(good)) as zf:
        infos = zf.infolist()
    end_of_locals = good.find(b"PK\x01\x02") if infos else len(good) - 22
    body = bytearray(good[:end_of_locals])
    offset = len(body)
    fname = name.encode()
    body += struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(stream), declared, len(fname), 0)
    body += fname + stream
    central = bytearray(good[end_of_locals : good.rfind(b"PK\x05\x06")])
    central += struct.pack(
        "<4s6H3L5H2L",
        b"PK\x01\x02",
        20,
        20,
        0,
        8,
        0,
        0,
        crc,
        len(stream),
        declared,
        len(fname),
        0,
        0,
        0,
        0,
        0,
        offset,
    )
    central += fname
    count = len(infos) + 1
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, count, count, len(central), len(body), 0)
    return bytes(body + central + end)


def attribute_heavy_page(attributes: int) -> bytes:
    """One tag with ``attributes`` distinct attributes around a short story."""
    attrs = " ".join(f'a{i}="v"' for i in range(attributes))
    return f"<html><body><div {attrs}><p>{STORY}</p></div></body></html>".encode()


def table_heavy_page(tables: int) -> bytes:
    """A short story followed by ``tables`` tiny tables of one-word paragraphs."""
    cells = "".join(
        f"<table><tr><td><p>cell {i}</p></td><td><p>x</p></td></tr></table>" for i in range(tables)
    )
    return f"<html><body><p>{STORY}</p>{cells}</body></html>".encode()


def lying_docx(declared: int, real: int) -> bytes:
    """A valid empty docx with one more part that declares ``declared`` bytes and inflates to
    ``real``."""
    from docx import Document

    buf = io.BytesIO()
    Document().save(buf)
    with zipfile.ZipFile(buf) as zf:
        parts = {i.filename: zf.read(i) for i in zf.infolist()}
    return lying_zip("word/extra.xml", declared=declared, real=real, extra=parts)
