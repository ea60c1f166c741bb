"""Bounded work: small hostile inputs that used to cost minutes or gigabytes finish quickly with
a clear outcome (inputs made here; the figures are printed by bench/bench_bulk.py and
bench/bench_merge.py, not asserted)."""

from __future__ import annotations

import io
import os
import signal
import struct
import subprocess
import sys
import time
import zipfile
import zlib
from pathlib import Path

import pytest

from analytics.errors import InputError
from analytics.readers import read_bytes, read_bytes_result
from analytics.store import Store
from tests.conftest import ROOT

TOWNS = ["Kharkiv", "Sumy", "Odesa", "Dnipro", "Kherson", "Poltava", "Mykolaiv", "Chernihiv"]
STORY = "Russian drones struck a depot in Kharkiv on 3 March 2024, killing two people, the governor said."


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


def _timed(fn, *args):
    t0 = time.perf_counter()
    try:
        out = fn(*args)
    except InputError as exc:
        out = exc
    return out, time.perf_counter() - t0


def test_a_form_amplified_pdf_is_refused_at_once() -> None:
    data = form_amplified_pdf(900_000, 2000)
    assert len(data) < 10_000
    out, took = _timed(read_bytes, "amplified.pdf", data)
    assert isinstance(out, InputError) and "counting the forms they draw" in out.reason
    assert took < 5


def test_a_form_drawn_once_is_read() -> None:
    data = form_amplified_pdf(2_000, 1)
    out, _ = _timed(read_bytes, "once.pdf", data)
    assert not isinstance(out, InputError) or "text layer" in out.reason  # no font: no text, but read


def test_a_zip_that_lies_about_its_sizes_costs_only_what_it_declares() -> None:
    data = lying_zip("story.txt", declared=900_000, real=300_000_000)
    assert len(data) < 2_000_000
    out, took = _timed(read_bytes_result, "lying.zip", data)
    assert took < 15
    if not isinstance(out, InputError):  # read up to what it declared, or the entry refused
        assert all(len(a.text) <= 900_000 for a in out.articles)


def test_a_docx_that_lies_about_a_part_is_refused_or_read_within_bounds() -> None:
    from docx import Document

    buf = io.BytesIO()
    Document().save(buf)
    with zipfile.ZipFile(buf) as zf:
        parts = {i.filename: zf.read(i) for i in zf.infolist()}
    data = lying_zip("word/extra.xml", declared=900_000, real=300_000_000, extra=parts)
    out, took = _timed(read_bytes, "lying.docx", data)
    assert took < 15
    assert isinstance(out, InputError) or isinstance(out, list)


@pytest.mark.parametrize("encoding", ["utf-32-le", "utf-32-be", "utf-16-le"])
def test_a_docx_dtd_is_refused_in_any_encoding(encoding: str) -> None:
    from docx import Document

    buf = io.BytesIO()
    Document().save(buf)
    out = io.BytesIO()
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                data = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x/>'.encode(encoding)
            dst.writestr(info, data)
    with pytest.raises(InputError, match="entity declarations"):
        read_bytes("dtd.docx", out.getvalue())


def test_a_tag_with_80000_attributes_is_read_in_linear_time() -> None:
    attrs = " ".join(f'a{i}="v"' for i in range(80_000))
    page = f"<html><body><div {attrs}><p>{STORY}</p></div></body></html>".encode()
    out, took = _timed(read_bytes, "attrs.html", page)
    assert not isinstance(out, InputError) and "Kharkiv" in out[0].text
    assert took < 15


def test_a_page_of_many_small_tables_is_bounded() -> None:
    cells = "".join(
        f"<table><tr><td><p>cell {i}</p></td><td><p>x</p></td></tr></table>" for i in range(70_000)
    )
    page = f"<html><body><p>{STORY}</p>{cells}</body></html>".encode()
    out, took = _timed(read_bytes, "tables.html", page)
    assert not isinstance(out, InputError) and "Kharkiv" in out[0].text
    assert took < 15


@pytest.mark.filterwarnings("ignore:Duplicate name")
def test_zip_symlinks_are_refused_and_duplicate_names_kept_apart() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        link = zipfile.ZipInfo("link.txt")
        link.external_attr = 0o120777 << 16
        zf.writestr(link, "/etc/passwd")
        zf.writestr("a/story.txt", STORY)
        zf.writestr("a/story.txt", STORY.replace("Kharkiv", "Sumy"))
    result = read_bytes_result("mixed.zip", out.getvalue())
    assert any("symbolic link" in p.reason for p in result.problems)
    names = sorted(a.source_file for a in result.articles)
    assert names == ["mixed.zip/a/story (2).txt", "mixed.zip/a/story.txt"]


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore::UserWarning")
def test_a_bulk_file_killed_midway_keeps_what_was_done(tmp_path: Path) -> None:
    rows = ["title,date,text"] + [
        f'r{i},2024-03-0{i % 9 + 1},"Russian drones struck {TOWNS[i % len(TOWNS)]} on {i % 28 + 1} March 2024, killing {i % 5} '
        f'people, the governor said. Row {i}."'
        for i in range(600)
    ]
    csv_path = tmp_path / "rows.csv"
    csv_path.write_text("\n".join(rows), encoding="utf-8")
    db = tmp_path / "bulk.db"
    code = (
        "import sys\nfrom analytics.ingest import ingest_paths\nfrom analytics.store import Store\n"
        "with Store(sys.argv[2]) as s:\n    ingest_paths([sys.argv[1]], s)\n"
    )
    child = subprocess.Popen([sys.executable, "-c", code, str(csv_path), str(db)], cwd=ROOT)
    deadline = time.monotonic() + 120
    kept = 0
    while time.monotonic() < deadline and child.poll() is None:
        time.sleep(0.5)
        if db.exists():
            try:
                with Store(db, read_only=True) as s:
                    kept = s.counts()["articles"]
            except Exception:  # noqa: BLE001 - the child may be creating the file
                kept = 0
            if kept >= 50:
                break
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    with Store(db) as s:
        stored = s.counts()["articles"]
        assert 50 <= stored < 600 and s.check() == []
        from analytics.ingest import ingest_paths

        again = ingest_paths([csv_path], s)
        assert again.articles_new == 600 - stored and again.duplicates == stored


def test_a_stray_legacy_fragment_keeps_the_rest_utf8_and_is_reported(tmp_path: Path) -> None:
    from analytics.ingest import ingest_paths

    good = "Удар по Харкову: " + STORY
    fragment = "Цитата зі старої сторінки".encode("cp1251")
    data = (good + "\n").encode() * 3 + fragment + b"\n" + (good + "\n").encode()
    (tmp_path / "mixed.txt").write_bytes(data)
    with Store(tmp_path / "s.db") as store:
        summary = ingest_paths([tmp_path / "mixed.txt"], store)
        (result,) = summary.files
        assert result.status == "new" and "text repaired" in result.reason and "UTF-8" in result.reason
        text = next(store.articles()).text
    assert text.count("Удар по Харкову") == 4  # the UTF-8 lines are intact, no mojibake
    assert "Цитата" in text


def test_one_nul_byte_is_removed_not_a_refusal(tmp_path: Path) -> None:
    from analytics.ingest import ingest_paths

    (tmp_path / "nul.txt").write_bytes(STORY.encode().replace(b"depot", b"de\x00pot"))
    with Store(tmp_path / "s.db") as store:
        (result,) = ingest_paths([tmp_path / "nul.txt"], store).files
        assert result.status == "new" and "1 NUL byte removed" in result.reason
        assert "depot" in next(store.articles()).text


def test_a_bulk_file_reports_progress_as_its_articles_are_stored(tmp_path: Path) -> None:
    from analytics.ingest import ingest_paths

    rows = ["title,date,text"] + [
        f'r{i},2024-03-0{i % 9 + 1},"Russian drones struck {TOWNS[i % len(TOWNS)]} on 2 March 2024. Row {i}."'
        for i in range(120)
    ]
    (tmp_path / "rows.csv").write_text("\n".join(rows), encoding="utf-8")
    seen: list[tuple[int, int, str]] = []
    with Store(tmp_path / "s.db") as store:
        ingest_paths([tmp_path / "rows.csv"], store, progress=lambda *a: seen.append(a))
    texts = [t for _, _, t in seen]
    assert [t.split("(")[-1] for t in texts if "articles)" in t] == [
        "50 of 120 articles)",
        "100 of 120 articles)",
    ]
    assert seen[-1][:2] == (1, 1)
