"""Bounded work: small hostile inputs that used to cost minutes or gigabytes finish quickly with
a clear outcome (inputs made here). What is asserted is the outcome and the path taken; the times and memory
are printed by bench/bench_bounded.py, never asserted."""

from __future__ import annotations

import io
import json
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from analytics.errors import InputError
from analytics.ingest import _BATCH_ARTICLES
from analytics.readers import read_bytes, read_bytes_result, read_path_result
from analytics.readers.html import tame_attributes
from analytics.store import Store
from tests.conftest import ROOT
from tests.hostile_data import (
    STORY,
    attribute_heavy_page,
    form_amplified_pdf,
    lying_docx,
    lying_zip,
    make_zip,
    table_heavy_page,
)

TOWNS = ["Kharkiv", "Sumy", "Odesa", "Dnipro", "Kherson", "Poltava", "Mykolaiv", "Chernihiv"]


def _outcome(fn, *args):
    """What a reader gives: its articles, or the refusal it raised."""
    try:
        return fn(*args)
    except InputError as exc:
        return exc


def test_a_form_amplified_pdf_is_refused_at_once() -> None:
    data = form_amplified_pdf(900_000, 2000)
    assert len(data) < 10_000
    out = _outcome(read_bytes, "amplified.pdf", data)
    assert isinstance(out, InputError) and "counting the forms they draw" in out.reason


def test_a_form_drawn_once_is_read() -> None:
    data = form_amplified_pdf(2_000, 1)
    out = _outcome(read_bytes, "once.pdf", data)
    assert not isinstance(out, InputError) or "text layer" in out.reason  # no font: no text, but read


def test_a_zip_that_lies_about_its_sizes_is_refused_for_the_lie() -> None:
    data = lying_zip("story.txt", declared=900_000, real=300_000_000)
    assert len(data) < 2_000_000
    out = _outcome(read_bytes_result, "lying.zip", data)
    assert isinstance(out, InputError) and "holds more than" in out.reason and "story.txt" in out.reason


def test_a_zip_whose_sizes_are_true_is_read_whole() -> None:
    data = lying_zip("story.txt", declared=900_000, real=900_000)
    out = _outcome(read_bytes_result, "honest.zip", data)
    assert not isinstance(out, InputError) and [len(a.text) for a in out.articles] == [900_000]


def test_a_docx_that_lies_about_a_part_is_refused_for_the_lie() -> None:
    data = lying_docx(declared=900_000, real=300_000_000)
    out = _outcome(read_bytes, "lying.docx", data)
    assert isinstance(out, InputError) and "holds more than" in out.reason and "word/extra.xml" in out.reason


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


def test_a_tag_with_80000_attributes_is_tamed_before_parsing() -> None:
    page = attribute_heavy_page(80_000)
    # the parsers never see the long tag (their duplicate checks are quadratic in it)
    assert len(tame_attributes(page.decode())) < len(page) // 10
    out = _outcome(read_bytes, "attrs.html", page)
    assert not isinstance(out, InputError) and "Kharkiv" in out[0].text


def test_a_page_of_many_small_tables_skips_the_quadratic_extractor(monkeypatch: pytest.MonkeyPatch) -> None:
    import trafilatura

    calls: list[int] = []
    real = trafilatura.bare_extraction
    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *a, **k: calls.append(1) or real(*a, **k))
    out = _outcome(read_bytes, "tables.html", table_heavy_page(70_000))
    assert not isinstance(out, InputError) and "Kharkiv" in out[0].text
    assert calls == []  # the linear plain conversion read it
    out = _outcome(read_bytes, "small.html", table_heavy_page(20))
    assert not isinstance(out, InputError) and calls == [1]  # a normal page still gets the extractor


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


def _row_text(i: int) -> str:
    return (
        f"Russian drones struck {TOWNS[i % len(TOWNS)]} on {i % 28 + 1} March 2024, killing {i % 5} "
        f"people, the governor said. Row {i}."
    )


def _bulk_file(tmp_path: Path, kind: str, n: int) -> Path:
    """``n`` short articles as one CSV file, or as a zip of ``n`` text files."""
    if kind == "csv":
        path = tmp_path / "rows.csv"
        rows = ["title,date,text"] + [f'r{i},2024-03-0{i % 9 + 1},"{_row_text(i)}"' for i in range(n)]
        path.write_text("\n".join(rows), encoding="utf-8")
    else:
        path = tmp_path / "stories.zip"
        path.write_bytes(make_zip({f"story{i:04d}.txt": _row_text(i).encode() for i in range(n)}))
    return path


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore::UserWarning")
@pytest.mark.parametrize("kind", ["csv", "zip"])
def test_a_bulk_file_killed_midway_keeps_what_was_done(tmp_path: Path, kind: str) -> None:
    path = _bulk_file(tmp_path, kind, 600)
    db = tmp_path / "bulk.db"
    # The child kills itself (SIGKILL, no cleanup) when the progress line says article 350 is
    # next: articles 1-349 are extracted and at most one batch of them is still uncommitted.
    # Killing from inside makes the point of the kill the same on a fast machine and a slow one.
    code = (
        "import os, signal, sys\nfrom analytics import ingest\nfrom analytics.ingest import ingest_paths\n"
        # batches of a fixed size, however long a commit takes on a busy machine
        "ingest._BATCH_MAX_ARTICLES = ingest._BATCH_ARTICLES\n"
        "from analytics.store import Store\n"
        "def progress(done, total, name):\n"
        "    if '(350 ' in name:\n        os.kill(os.getpid(), signal.SIGKILL)\n"
        "with Store(sys.argv[2]) as s:\n    ingest_paths([sys.argv[1]], s, progress=progress)\n"
    )
    child = subprocess.run([sys.executable, "-c", code, str(path), str(db)], cwd=ROOT, timeout=300)
    assert child.returncode == -signal.SIGKILL
    with Store(db) as s:
        stored = s.counts()["articles"]
        assert 349 - _BATCH_ARTICLES < stored < 350 and s.check() == []
        from analytics.ingest import ingest_paths

        again = ingest_paths([path], s)
        assert again.articles_new == 600 - stored and again.duplicates == stored


def _fixed_batches(monkeypatch: pytest.MonkeyPatch, size: int) -> None:
    """Batches of exactly ``size`` articles: no batch closed early by the clock, none grown
    because a commit was slow (on a loaded machine both happen, and the batch count is what
    these tests are about)."""
    from analytics import ingest

    monkeypatch.setattr(ingest, "_BATCH_ARTICLES", size)
    for name in ("_BATCH_SECONDS", "_SLOW_COMMIT", "_BATCH_MAX_SECONDS"):
        monkeypatch.setattr(ingest, name, float("inf"))


def test_a_zip_lands_as_its_entries_are_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from analytics import ingest
    from analytics.readers import archive

    _fixed_batches(monkeypatch, 4)
    read: list[str] = []
    real_dispatch = archive.dispatch
    monkeypatch.setattr(
        archive, "dispatch", lambda name, *a, **k: read.append(name) or real_dispatch(name, *a, **k)
    )
    path = _bulk_file(tmp_path, "zip", 20)
    with Store(tmp_path / "s.db") as store:
        read_at_commit: list[int] = []
        real_add = store.add_articles

        def add(batch):  # type: ignore[no-untyped-def]
            read_at_commit.append(len(read))
            return real_add(batch)

        monkeypatch.setattr(store, "add_articles", add)
        (result,) = ingest.ingest_paths([path], store).files
        assert (result.status, result.articles) == ("new", 20)
    # the first batch of four is stored when its four entries (and no more) have been read
    assert read_at_commit[:2] == [4, 8] and len(read) == 20


def test_a_zip_streamed_gives_what_reading_it_whole_gives(tmp_path: Path) -> None:
    from analytics.readers import stream_path

    inner = make_zip({"inner/a.txt": _row_text(1).encode(), "inner/b.txt": b"\xff\xfe\x00"})
    path = tmp_path / "mixed.zip"
    path.write_bytes(
        make_zip(
            {
                "a.txt": _row_text(2).encode(),
                "b.zip": inner,
                "c.pdf": b"%PDF-1.4 not really",
                "d.txt": _row_text(3).encode(),
                "e.bin": b"skipped",
            }
        )
    )
    whole = read_path_result(path)
    streamed = list(stream_path(path))
    assert [(a.source_file, a.text) for a in streamed] == [(a.source_file, a.text) for a in whole.articles]
    assert len(streamed) == 3 and whole.problems  # the broken PDF is a problem, not a refusal


@pytest.mark.parametrize(
    "late",
    [
        pytest.param(
            ("z.zip", lambda: make_zip({"bomb.txt": b"0" * (30 * 1024 * 1024)})), id="a-bomb-inside"
        ),
        pytest.param(("z.txt", None), id="a-lying-entry"),
    ],
)
def test_an_archive_refused_late_stores_none_of_its_earlier_entries(tmp_path: Path, late) -> None:
    """What refuses the whole archive is found before any entry is given out, however late it
    comes in the archive's order."""
    from analytics.ingest import ingest_paths

    name, make = late
    good = {f"a{i}.txt": _row_text(i).encode() for i in range(5)}
    if make is None:
        data = lying_zip(name, declared=900_000, real=300_000_000, extra=good)
    else:
        data = make_zip({**good, name: make()})
    path = tmp_path / "late.zip"
    path.write_bytes(data)
    with Store(tmp_path / "s.db") as store:
        (result,) = ingest_paths([path], store).files
        assert result.status == "failed" and store.counts()["articles"] == 0


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


_LEGACY_ROW = "Обстріл Харкова".encode("cp1251")


@pytest.mark.parametrize(
    "name,data",
    [
        (
            "rows.csv",
            b"title,date,text\n"
            + f'a,2024-03-02,"{STORY}"\n'.encode()
            + b'b,2024-03-03,"'
            + _LEGACY_ROW
            + b' Russian missiles struck Odesa on 3 March 2024."\n',
        ),
        (
            "rows.jsonl",
            (json.dumps({"title": "a", "date": "2024-03-02", "text": STORY}) + "\n").encode()
            + b'{"title": "b", "date": "2024-03-03", "text": "'
            + _LEGACY_ROW
            + b' Russian missiles struck Odesa on 3 March 2024."}\n',
        ),
    ],
)
def test_a_bulk_row_not_in_utf8_is_repaired_and_reported(tmp_path: Path, name: str, data: bytes) -> None:
    from analytics.ingest import ingest_paths

    (tmp_path / name).write_bytes(data)
    with Store(tmp_path / "s.db") as store:
        (result,) = ingest_paths([tmp_path / name], store).files
        assert result.status == "new" and result.articles == 2
        assert "text repaired: 1 line not in UTF-8" in result.reason
        texts = sorted(a.text for a in store.articles())
    assert texts[0] == STORY and texts[1].startswith("Обстріл Харкова Russian missiles")


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


def _rows_csv(path: Path, n: int) -> Path:
    rows = ["title,date,text"] + [
        f'r{i},2024-03-{i % 6 + 1:02d},"Russian missiles hit {TOWNS[i % 3]} on {i % 6 + 1} March 2024, killing '
        f'{i % 4} people and injuring {i % 7}, the regional governor said. Row {i}."'
        for i in range(n)
    ]
    path.write_text("\n".join(rows), encoding="utf-8")
    return path


def _events(store: Store) -> list[tuple[object, ...]]:
    frame = store.events_frame().drop(columns=["changed_version"], errors="ignore")
    return sorted(map(tuple, frame.astype(str).to_numpy().tolist()))


def test_a_batch_stores_exactly_what_one_article_at_a_time_stores(tmp_path: Path) -> None:
    from analytics.extract import extract_article
    from analytics.readers import read_path

    articles = read_path(_rows_csv(tmp_path / "rows.csv", 40))
    batch = [(a, extract_article(a)) for a in articles]
    batch.insert(7, batch[3])  # the same article twice in one batch
    with Store(tmp_path / "one.db") as one, Store(tmp_path / "batch.db") as many:
        singles = [one.add_article(a, r) for a, r in batch]
        many.add_articles(batch[:5])
        grouped = many.add_articles(batch)  # the first five are stored already
        assert [g.status for g in grouped] == ["duplicate"] * 5 + [s.status for s in singles[5:]]
        assert [(g.reports, g.events) for g in grouped[5:]] == [(s.reports, s.events) for s in singles[5:]]
        assert _events(one) == _events(many) and len(_events(one)) > 5
        assert one.counts() == many.counts()


def test_a_bulk_file_is_committed_in_batches_and_a_failed_batch_keeps_the_ones_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from analytics import ingest

    _fixed_batches(monkeypatch, 4)
    path = _rows_csv(tmp_path / "rows.csv", 18)
    with Store(tmp_path / "s.db") as store:
        calls: list[int] = []
        real = store.add_articles

        def failing_third(batch):  # type: ignore[no-untyped-def]
            calls.append(len(batch))
            if len(calls) == 3:
                raise OSError("disk full")
            return real(batch)

        monkeypatch.setattr(store, "add_articles", failing_third)
        (result,) = ingest.ingest_paths([path], store).files
        assert calls == [4, 4, 4]
        assert result.status == "failed" and "could not be stored after storing 8 articles" in result.reason
        assert "disk full" in result.reason and store.counts()["articles"] == 8
        monkeypatch.setattr(store, "add_articles", real)
        (again,) = ingest.ingest_paths([path], store).files
        assert (again.status, again.articles, again.duplicates) == ("new", 10, 8)


def test_short_pages_hand_justext_a_stoplist_that_keeps_its_hash(monkeypatch: pytest.MonkeyPatch) -> None:
    """A short page goes through trafilatura's justext fallback, whose cache used to hash a
    150,000-word tuple on every page; the frozenset gives the same text."""
    from trafilatura import external

    from analytics.readers import html

    calls: list[object] = []
    real = external.classify_paragraphs
    monkeypatch.setattr(external, "classify_paragraphs", lambda p, s, *a: calls.append(s) or real(p, s, *a))
    page = (
        "<html><head><title>Depot hit</title></head><body><nav><a href='/'>Home</a></nav>"
        f"<article><p>{STORY}</p><p>Firefighters worked through the night.</p></article>"
        "<footer>&copy; 2024 The Paper</footer></body></html>"
    ).encode()
    fast = read_bytes("short.html", page)
    assert calls and isinstance(calls[-1], frozenset) and len(calls[-1]) > 10_000
    monkeypatch.setattr(external, "JT_STOPLIST", tuple(calls[-1]))
    monkeypatch.setattr(html, "hashable_stoplist", lambda: None)
    slow = read_bytes("short.html", page)
    assert isinstance(calls[-1], tuple)
    assert [(a.title, a.text) for a in fast] == [(a.title, a.text) for a in slow] and "Kharkiv" in fast[
        0
    ].text


@pytest.mark.timeout(60)
def test_a_long_text_with_many_lines_in_another_encoding_decodes_in_linear_time() -> None:
    """250,000 lines, every eleventh in Latin-1: each odd line decoded on its own, once (a set
    rebuilt per line made this quadratic: 97 s for 500 KB)."""
    from analytics.readers.text import decode_bytes

    lines = [b"caf\xe9 au lait" if i % 11 == 0 else b"plain line" for i in range(250_000)]
    text = decode_bytes("mixed.txt", b"\n".join(lines))
    assert text.count("café au lait") == len(range(0, 250_000, 11)) and text.count("plain line") > 200_000


def test_taming_a_long_tag_keeps_its_attributes_as_written() -> None:
    tag = '<p class="lead" hidden data-x="' + "y" * 5000 + '">Hi</p>'
    assert tame_attributes(tag) == tag


def test_paragraphs_with_long_data_attributes_keep_their_text() -> None:
    """Sites embed JSON of several KB in data attributes; such tags are tamed, not mangled."""
    blob = json.dumps({"track": "v" * 6000}).replace('"', "&quot;")
    body = "".join(f'<p data-track="{blob}">Paragraph {i}. {STORY}</p>' for i in range(3))
    page = f"<html><head><title>Depot hit</title></head><body><article>{body}</article></body></html>"
    (article,) = read_bytes("long-attributes.html", page.encode())
    assert all(f"Paragraph {i}." in article.text for i in range(3))


def test_many_entries_each_under_the_entry_check_are_a_bomb_together() -> None:
    entries = {f"part{i:02d}.txt": (STORY + "\n").encode() * 10_000 for i in range(20)}  # ~1 MB each
    data = make_zip(entries)
    assert len(data) < 1_000_000
    out = _outcome(read_bytes_result, "fat.zip", data)
    assert isinstance(out, InputError) and "zip bomb" in out.reason


def test_the_entry_limit_counts_the_entries_of_nested_archives() -> None:
    inner = [
        make_zip({f"n{i}.txt": b"x" for i in range(6_000)}, compression=zipfile.ZIP_STORED) for _ in range(2)
    ]
    data = make_zip({"one.zip": inner[0], "two.zip": inner[1]}, compression=zipfile.ZIP_STORED)
    out = _outcome(read_bytes_result, "nested.zip", data)
    assert isinstance(out, InputError) and "counting those of the archives inside it" in out.reason


@pytest.mark.parametrize("depth", [260, 1_000])
def test_a_page_nested_past_255_levels_keeps_its_text(depth: int) -> None:
    page = "<html><head><title>Deep</title></head><body>" + "<div>" * depth
    page += (
        f"<p>{STORY}</p><p>Firefighters worked through the night.</p>" + "</div>" * depth + "</body></html>"
    )
    (article,) = read_bytes("deep.html", page.encode())
    assert "Kharkiv" in article.text and "Firefighters" in article.text


def test_an_old_page_of_unclosed_font_tags_keeps_every_paragraph() -> None:
    """Each unclosed <font> nests the next paragraph one level deeper (400 paragraphs gave 127)."""
    body = "".join(f"<p><font face=arial>Paragraph {i}. {STORY}" for i in range(400))
    (article,) = read_bytes(
        "old.html", f"<html><head><title>Old</title></head><body>{body}</body></html>".encode()
    )
    assert all(f"Paragraph {i}." in article.text for i in (0, 200, 399))


def test_an_archive_that_declares_more_compressed_data_than_it_holds_is_refused() -> None:
    """The ratio checks divide by the declared compressed sizes: raised, they would hide a bomb."""
    data = bytearray(make_zip({f"part{i}.txt": (STORY + "\n").encode() * 90_000 for i in range(5)}))
    at = 0
    while (at := data.find(b"PK\x01\x02", at)) >= 0:  # each central directory entry
        size = int.from_bytes(data[at + 24 : at + 28], "little")
        data[at + 20 : at + 24] = (size // 50).to_bytes(4, "little")  # compressed size: 1/50 of it
        at += 4
    out = _outcome(read_bytes_result, "crafted.zip", bytes(data))
    assert isinstance(out, InputError) and "declares" in out.reason and "refused" in out.reason


def test_a_corrupt_lzma_entry_is_passed_over_not_the_archive() -> None:
    good = {"a.txt": STORY.encode(), "c.txt": STORY.replace("Kharkiv", "Sumy").encode()}
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("a.txt", good["a.txt"])
        zf.writestr("b.txt", b"Odesa " * 2000, compress_type=zipfile.ZIP_LZMA)
        zf.writestr("c.txt", good["c.txt"])
    data = bytearray(buf.getvalue())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        info = zf.getinfo("b.txt")
    body = info.header_offset + 30 + len(info.filename) + 20  # into b.txt's compressed bytes
    data[body : body + 40] = b"\x00" * 40
    result = read_bytes_result("lz.zip", bytes(data))
    assert sorted(a.source_file for a in result.articles) == ["lz.zip/a.txt", "lz.zip/c.txt"]
    assert any("b.txt" in p.file and "damaged" in p.reason for p in result.problems)


@pytest.mark.filterwarnings("ignore:Duplicate name")
def test_a_renamed_duplicate_never_takes_a_name_already_in_the_archive() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, town in (("a.txt", "Kharkiv"), ("a.txt", "Sumy"), ("a (2).txt", "Odesa")):
            zf.writestr(name, STORY.replace("Kharkiv", town))
    names = [a.source_file for a in read_bytes_result("t.zip", buf.getvalue()).articles]
    assert len(names) == 3 and len(set(names)) == 3


def test_a_page_of_2000_unclosed_tables_skips_the_extractor_whose_table_walk_grows_with_depth(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """26 KB of unclosed tables nest 2,000 deep: trafilatura took 27 s; the plain conversion reads it."""
    import trafilatura

    calls: list[int] = []
    real = trafilatura.bare_extraction
    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *a, **k: calls.append(1) or real(*a, **k))
    page = "<html><body>" + "<table>" * 2000 + f"<p>{STORY}</p></body></html>"
    (article,) = read_bytes("tables.html", page.encode())
    assert "Kharkiv" in article.text and calls == []


def test_a_bulk_file_moves_the_progress_by_its_rows(tmp_path: Path) -> None:
    """Inside a long bulk file the count of files done carries the share of its rows stored, so a
    bar moves (it stood at 0 of 1 files for the 41 minutes of a 100,000-row file), and a plain
    log prints a line as the rows pass each quarter."""
    import io as _io

    from analytics.ingest import ingest_paths
    from analytics.progress import ProgressBar

    path = _rows_csv(tmp_path / "rows.csv", 200)
    seen: list[tuple[float, int, str]] = []
    log = _io.StringIO()
    bar = ProgressBar("ingest", stream=log)
    with Store(tmp_path / "s.db") as store:

        def progress(done: float, total: int, name: str) -> None:
            seen.append((done, total, name))
            bar(done, total, name)

        ingest_paths([path], store, progress=progress)
    inside = [(done, total) for done, total, name in seen if "articles)" in name]
    assert inside == [(n / 200, 1) for n in (50, 100, 150)]
    assert seen[-1][:2] == (1, 1)
    lines = log.getvalue().splitlines()
    assert [line.split(": ")[1].split(" (")[0] for line in lines] == [
        "0/1 files, rows.csv",  # the first rows
        "0/1 files, rows.csv",  # half of them
        "0/1 files, rows.csv",  # three quarters
        "1/1 files",
    ]
    assert "100 of 200 articles" in lines[1]


def _entries_zip(n: int, chars: int) -> bytes:
    entries = {
        f"story{i}.txt": (
            f"Russian drones struck {TOWNS[i % len(TOWNS)]} on 2 March 2024. Story {i}. "
        ).ljust(chars, "x")
        for i in range(n)
    }
    return make_zip(entries)


def test_an_upload_stops_at_its_character_budget_and_keeps_what_it_stored(tmp_path: Path) -> None:
    """A small zip of many long entries (each within its own limits) stops once the upload has
    extracted its budget of characters, keeping what was stored and saying what was left; the
    same file added again goes on from there."""
    from analytics.ingest import ingest_uploads

    data = _entries_zip(6, 1_000)
    extracted: list[str] = []

    def extractor(article):  # type: ignore[no-untyped-def]
        extracted.append(article.source_file)
        return []

    with Store(tmp_path / "s.db") as store:
        (result,) = ingest_uploads([("dense.zip", data)], store, extractor=extractor, budget=2_500).files
        assert (result.status, result.articles) == ("failed", 2) and len(extracted) == 2
        assert result.reason.startswith("stopped: one upload may extract at most 2,500 characters of text;")
        assert (
            "2 of its articles stored (2,000 characters extracted), the rest of the file not read"
            in result.reason
        )
        assert store.counts()["articles"] == 2
        (again,) = ingest_uploads([("dense.zip", data)], store, extractor=extractor, budget=2_500).files
        assert (again.articles, again.duplicates) == (2, 2) and store.counts()["articles"] == 4
        assert "2 already stored" in again.reason


def test_the_upload_budget_is_the_limits_constant_and_names_the_rows_left(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from analytics.ingest import ingest_paths, ingest_uploads
    from analytics.readers import limits

    path = _rows_csv(tmp_path / "rows.csv", 30)
    size = len(path.read_text().splitlines()[1])
    monkeypatch.setattr(limits, "MAX_UPLOAD_CHARS", 10 * size)
    with Store(tmp_path / "s.db") as store:
        (result,) = ingest_uploads([("rows.csv", path.read_bytes())], store, extractor=lambda a: []).files
        assert result.status == "failed" and 5 <= result.articles <= 12
        assert f"{30 - result.articles} of its 30 articles left" in result.reason
        # the command line runs the owner's own files whole
        (whole,) = ingest_paths([path], store, extractor=lambda a: []).files
        assert whole.status == "new" and whole.articles + result.articles == 30


def test_an_upload_whose_first_article_passes_the_budget_stores_nothing(tmp_path: Path) -> None:
    from analytics.ingest import ingest_uploads

    with Store(tmp_path / "s.db") as store:
        (result,) = ingest_uploads([("big.zip", _entries_zip(2, 5_000))], store, budget=1_000).files
        assert result.status == "failed" and result.articles == 0
        assert "nothing stored, the rest of the file not read" in result.reason
        assert store.counts()["articles"] == 0


def test_batches_grow_when_committing_is_slow(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """When a commit takes long (events of many reports each are written again whole), the next
    batch collects for twice as long, so a dense bulk file spends at most a third of its time
    committing instead of rewriting each event once a row. The clock is a fake one: an article
    costs 1 ms to extract, a commit 1 s."""
    from analytics import ingest

    clock = [0.0]
    monkeypatch.setattr(ingest.time, "monotonic", lambda: clock[0])
    path = _rows_csv(tmp_path / "rows.csv", 3_000)
    batches: list[int] = []

    def extractor(article):  # type: ignore[no-untyped-def]
        clock[0] += 0.001
        return []

    with Store(tmp_path / "s.db") as store:
        real_add = store.add_articles

        def add(batch):  # type: ignore[no-untyped-def]
            batches.append(len(batch))
            clock[0] += 1.0
            return real_add(batch)

        monkeypatch.setattr(store, "add_articles", add)
        (result,) = ingest.ingest_paths([path], store, extractor=extractor).files
    assert (result.status, result.articles) == ("new", 3_000)
    assert batches[0] == ingest._BATCH_ARTICLES and batches[1] >= 1_900 and len(batches) <= 3
