"""Hostile files: each is refused (InputError with a clear reason) or neutralised, through the
readers and through ingest into a store: nothing of it stored, the other files stored, nothing
written outside the store's folder.

(``tests/test_readers.py`` covers the basic zip-slip and bomb cases per reader; these add the
ingest path, nested bombs, PDF loops and flate bombs, huge uploads and hostile names and markup.)
"""

from __future__ import annotations

import os
import sqlite3
import zipfile
from pathlib import Path

import pytest

from analytics.errors import InputError
from analytics.ingest import ingest_paths, ingest_uploads
from analytics.readers import read_bytes, read_path
from analytics.store import Store
from tests import hostile_data as h

GOOD = h.article_text(1).encode()


def listing(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")}


def bomb_zip() -> bytes:
    return h.make_zip({"bomb.txt": b"0" * (30 * 1024 * 1024)})


def nested_bomb_zip() -> bytes:
    return h.make_zip({"ok.txt": GOOD, "inner.zip": bomb_zip()})


def many_entries_zip() -> bytes:
    return h.make_zip({f"f{i}.txt": b"x" for i in range(10_001)}, compression=zipfile.ZIP_STORED)


def too_deep_zip() -> bytes:
    data = h.make_zip({"a.txt": GOOD})
    for _ in range(3):
        data = h.make_zip({"inner.zip": data})
    return data


def bomb_docx() -> bytes:
    return h.rezip(h.make_docx(["placeholder"]), {"word/document.xml": h.billion_laughs_xml()})


def bomb_docx_external_entity() -> bytes:
    xml = (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"
    )
    return h.rezip(h.make_docx(["placeholder"]), {"word/document.xml": xml})


def docx_zip_bomb() -> bytes:
    return h.rezip(h.make_docx(["placeholder"]), {"word/media/huge.bin": b"\0" * (30 * 1024 * 1024)})


#: name, builder, words the reason must contain (one of them)
REFUSED = [
    pytest.param("bomb.zip", bomb_zip, ("zip bomb",), id="zip-bomb"),
    pytest.param("nested.zip", nested_bomb_zip, ("zip bomb",), id="zip-bomb-inside-zip"),
    pytest.param("many.zip", many_entries_zip, ("entries",), id="zip-too-many-entries"),
    pytest.param("deep.zip", too_deep_zip, ("nested",), id="zip-too-deep"),
    pytest.param(
        "slip.zip", lambda: h.make_zip({"ok.txt": GOOD, "../../evil.txt": GOOD}), ("leaves",), id="dotdot"
    ),
    pytest.param(
        "abs.zip", lambda: h.make_zip({"ok.txt": GOOD, "/tmp/evil.txt": GOOD}), ("leaves",), id="absolute"
    ),
    pytest.param("drive.zip", lambda: h.make_zip({"C:\\evil.txt": GOOD}), ("leaves",), id="drive-letter"),
    pytest.param("laughs.docx", bomb_docx, ("entity",), id="docx-billion-laughs"),
    pytest.param("xxe.docx", bomb_docx_external_entity, ("entity",), id="docx-external-entity"),
    pytest.param("bomb.docx", docx_zip_bomb, ("zip bomb",), id="docx-zip-bomb"),
    pytest.param("locked.pdf", h.encrypted_pdf, ("password",), id="pdf-encrypted"),
    pytest.param("loop.pdf", h.looping_pages_pdf, ("damaged", "no pages"), id="pdf-page-tree-loop"),
    pytest.param("xref.pdf", h.looping_xref_pdf, ("damaged", "no pages"), id="pdf-xref-loop"),
    pytest.param("refs.pdf", h.looping_reference_pdf, ("damaged", "no pages"), id="pdf-reference-loop"),
    pytest.param("flate.pdf", h.flate_bomb_pdf, ("too complex",), id="pdf-flate-bomb"),
    pytest.param("huge.pdf", lambda: h.text_pdf(1, 3 * 1024 * 1024), ("too complex",), id="pdf-huge-page"),
]


@pytest.mark.timeout(60)
@pytest.mark.parametrize(("name", "build", "needles"), REFUSED)
def test_hostile_file_is_refused_with_a_clear_reason(name: str, build, needles: tuple[str, ...]) -> None:
    with pytest.raises(InputError) as info:
        read_bytes(name, build())
    reason = info.value.reason
    assert reason and "\n" not in reason and len(reason) < 300
    assert any(n in reason for n in needles), reason
    assert "Traceback" not in reason


@pytest.mark.timeout(60)
def test_self_drawing_pdf_is_read_once() -> None:
    """A form XObject that draws itself: pypdf does not recurse; the text is read once."""
    try:
        articles = read_bytes("xobject.pdf", h.looping_xobject_pdf())
    except InputError as err:
        assert err.reason
        return
    assert articles[0].text.count("Missiles struck") == 1


@pytest.mark.timeout(60)
def test_200mb_upload_is_refused(tmp_path: Path) -> None:
    data = b"a" * (200 * 1024 * 1024)
    with pytest.raises(InputError) as info:
        read_bytes("huge.txt", data)
    assert "too large" in info.value.reason and "50 MB" in info.value.reason
    big = tmp_path / "huge.txt"
    with open(big, "wb") as fh:  # sparse: the size is checked before anything is read
        fh.truncate(200 * 1024 * 1024)
    with pytest.raises(InputError, match="too large"):
        read_path(big)
    with Store(tmp_path / "s.db") as store:
        summary = ingest_uploads([("huge.txt", data), ("ok.txt", GOOD)], store)
        assert [f.status for f in summary.files] == ["failed", "new"]
        assert "too large" in summary.files[0].reason
        assert store.counts()["articles"] == 1


@pytest.mark.parametrize(
    "name",
    [
        "../../etc/cron.d/evil.txt",
        "/etc/passwd.txt",
        "..\\..\\evil.txt",
        "evil\n.txt",
        "a\x00b\x1b[31m.txt",
        "x\u202etxt.md",
    ],
)
def test_file_name_with_separators_or_controls_is_neutralised(name: str, tmp_path: Path) -> None:
    article = read_bytes(name, GOOD)[0]
    shown = article.source_file
    assert "/" not in shown and "\\" not in shown and ".." not in shown
    assert not any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F or c == "\u202e" for c in shown)
    with Store(tmp_path / "s.db") as store:
        summary = ingest_uploads([(name, GOOD)], store)
        assert summary.files[0].status == "new"
        assert not any(ord(c) < 32 for c in summary.files[0].name)
    assert listing(tmp_path) <= {"s.db", "s.db-wal", "s.db-shm"}


def test_zip_entry_name_with_controls_is_neutralised() -> None:
    article = read_bytes("a.zip", h.make_zip({"evil\x1b]0;x\x07.txt": GOOD}))[0]
    assert not any(ord(c) < 32 for c in article.source_file)


HOSTILE_HTML = b"""<!DOCTYPE html><html><head>
<title>Strike on Kharkiv &lt;script&gt;window.__pwned=1&lt;/script&gt;</title>
<meta property="og:title" content="Strike &lt;img src=x onerror=window.__pwned=1&gt;">
<link rel="canonical" href="javascript:window.__pwned=1">
<script>window.__pwned=1</script>
</head><body onload="window.__pwned=1"><article>
<h1 onclick="window.__pwned=1">Strike on Kharkiv</h1>
<p>Russian drones struck Kharkiv on Monday, killing three people, the governor said.
<img src=x onerror="window.__pwned=1"> <a href="javascript:window.__pwned=1">Read the statement</a>.</p>
<script>document.write('<b>injected</b>'); window.__pwned = 1;</script>
<p>Rescuers worked through the night. <iframe src="javascript:window.__pwned=1"></iframe></p>
<p>Officials said the attack damaged a school &lt;script&gt;alert(1)&lt;/script&gt; and homes.</p>
</article></body></html>"""


def test_html_with_script_handlers_and_javascript_links_is_neutralised() -> None:
    article = read_bytes("page.html", HOSTILE_HTML)[0]
    assert "Russian drones struck Kharkiv" in article.text
    # scripts, handlers and link targets are not carried into the stored text or fields
    for field in (article.text, article.title, article.url, article.author, article.outlet):
        assert "window.__pwned" not in field or "<script>" in field, field  # only as escaped literal text
        assert "onerror" not in field and "javascript:" not in field.lower()
        assert "document.write" not in field
    assert article.url == ""  # a javascript: canonical link is dropped


def test_javascript_url_from_front_matter_or_rows_is_dropped() -> None:
    md = b"---\ntitle: T\nurl: javascript:alert(1)\n---\n\n" + GOOD
    assert read_bytes("a.md", md)[0].url == ""
    jsonl = (
        b'{"text": "' + h.article_text(2).replace("\n", " ").encode() + b'", "url": " JaVaScRiPt:alert(1)"}\n'
    )
    assert read_bytes("a.jsonl", jsonl)[0].url == ""
    ok = (
        b'{"text": "'
        + h.article_text(3).replace("\n", " ").encode()
        + b'", "url": "https://example.org/a"}\n'
    )
    assert read_bytes("b.jsonl", ok)[0].url == "https://example.org/a"


@pytest.mark.timeout(120)
def test_ingest_folder_of_hostile_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Through ingest: every hostile file fails with its reason, the good ones are stored, nothing
    of the hostile ones is stored and nothing is written outside the store's folder."""
    folder = tmp_path / "in"
    folder.mkdir()
    work = tmp_path / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)
    hostile = {
        "bomb.zip": bomb_zip(),
        "nested.zip": nested_bomb_zip(),
        "slip.zip": h.make_zip({"ok.txt": h.article_text(50).encode(), "../../evil.txt": GOOD}),
        "abs.zip": h.make_zip({"/tmp/evil-strikes-test.txt": GOOD}),
        "laughs.docx": bomb_docx(),
        "locked.pdf": h.encrypted_pdf(),
        "loop.pdf": h.looping_pages_pdf(),
        "flate.pdf": h.flate_bomb_pdf(),
    }
    for name, data in hostile.items():
        (folder / name).write_bytes(data)
    for i in range(3):
        (folder / f"good{i}.txt").write_bytes(h.article_text(100 + i).encode())
    (folder / "page.html").write_bytes(HOSTILE_HTML)
    store_dir = tmp_path / "store"
    before_tmp = listing(tmp_path)
    before_parent = set(os.listdir(tmp_path.parent))
    with Store(store_dir / "s.db") as store:
        summary = ingest_paths([folder], store)
        failed = {Path(f.name).name: f.reason for f in summary.files if f.status == "failed"}
        assert set(failed) == set(hostile), summary.lines()
        assert all(r and "\n" not in r for r in failed.values())
        assert summary.articles_new == 4
        assert store.counts()["articles"] == 4
        assert store.check() == []
        texts = [a.text for a in store.articles()]
        assert not any("evil" in t or "story 50" in t for t in texts)  # nothing partial from slip.zip
    after = listing(tmp_path) - before_tmp
    assert {p for p in after if not p.startswith("store")} == set()
    assert set(os.listdir(tmp_path.parent)) == before_parent
    assert list(work.iterdir()) == []
    assert not Path("/tmp/evil-strikes-test.txt").exists()
    conn = sqlite3.connect(store_dir / "s.db")
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
