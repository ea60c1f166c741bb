"""Ingest orchestration and the ingest/reextract/check/export command lines."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest

import analytics.extract as extract_pkg
from analytics.cli_options import StoreOptions
from analytics.distributed import FileOutcome
from analytics.errors import InputError
from analytics.ingest import (
    ProgressBar,
    ingest_paths,
    ingest_uploads,
    reextract,
    run_reextract,
    store_outcome,
    store_results,
)
from analytics.models import Article, StrikeReport
from analytics.readers import iter_paths, read_path
from analytics.store import Store
from tests.conftest import run_main

STORY = (
    "Russian missiles struck {town} on Tuesday, the regional governor said.\n\n"
    "Emergency services worked through the night at the site of the attack on {town}. "
    "Officials said the strike damaged several buildings and a school.\n"
)


def write_folder(folder: Path) -> None:
    (folder / "nested").mkdir(parents=True)
    (folder / "good-one.txt").write_text(STORY.format(town="Kharkiv"), encoding="utf-8")
    (folder / "nested" / "good-two.txt").write_text(STORY.format(town="Odesa"), encoding="utf-8")
    (folder / "copy-of-one.txt").write_text(STORY.format(town="Kharkiv"), encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "junk.txt").write_bytes(bytes(range(256)) * 20)


def run_cli(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    """The command on the store ``db`` (given as STRIKES_DB), in this process (see run_main)."""
    return run_main(*args, env={"STRIKES_DB": str(db)})


def fake_extractor(article: Article) -> list[StrikeReport]:
    town = "Kharkiv" if "Kharkiv" in article.text else "Odesa"
    region = "UA-63" if town == "Kharkiv" else "UA-51"
    return [
        StrikeReport(
            date=dt.date(2024, 1, 2),
            attacker="Russia",
            country="UA",
            region=region,
            location=town,
            weapons=["missile"],
            killed=1,
        )
    ]


def test_cli_ingest_folder_with_bad_files(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    write_folder(folder)
    db = tmp_path / "cli.db"
    proc = run_cli("ingest", str(folder), "--published", "2024-01-03", "--outlet", "Test Wire", db=db)
    assert proc.returncode == 1, proc.stderr
    out = proc.stdout
    assert "files read: 3" in out
    assert "articles new: 2" in out
    assert "duplicates: 1" in out
    assert "failed: 2" in out
    failed = [line for line in out.splitlines() if line.startswith("  ")]
    assert any("empty.txt" in line and "empty" in line.split(":", 1)[1] for line in failed)
    assert any("junk.txt" in line for line in failed)
    assert "ingest:" in proc.stderr  # plain progress lines when stderr is not a terminal
    assert "Traceback" not in proc.stderr
    with Store(db) as s:
        arts = s.articles_frame()
        assert len(arts) == 2
        assert set(arts["outlet"]) == {"Test Wire"}
        assert s.check() == []
    # again: all known, nothing failed among the good ones, still exit 1 for the bad two
    again = run_cli("ingest", str(folder / "good-one.txt"), str(folder / "nested"), db=db)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "articles new: 0" in again.stdout and "duplicates: 2" in again.stdout
    check = run_cli("check", db=db)
    assert check.returncode == 0 and "articles: 2" in check.stdout


def test_cli_missing_path(tmp_path: Path) -> None:
    # (--workers/--scheduler runs: tests/test_distributed.py)
    good = tmp_path / "a.txt"
    good.write_text(STORY.format(town="Sumy"), encoding="utf-8")
    proc = run_cli("ingest", str(good), str(tmp_path / "missing"), db=tmp_path / "x.db")
    assert proc.returncode == 1
    assert "articles new: 1" in proc.stdout and "missing" in proc.stdout


def test_extractor_failure_is_the_files_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "articles"
    write_folder(folder)

    def flaky(article: Article) -> list[StrikeReport]:
        if "Odesa" in article.text:
            raise KeyError("gazetteer broke")
        return fake_extractor(article)

    monkeypatch.setattr(extract_pkg, "extract_article", flaky)
    seen: list[tuple[int, int, str]] = []
    with Store(tmp_path / "s.db") as s:
        summary = ingest_paths([folder], s, published=dt.date(2024, 1, 3), progress=lambda *a: seen.append(a))
        assert summary.articles_new == 1 and summary.reports == 1 and summary.events == 1
        reasons = {Path(f.name).name: f.reason for f in summary.failures}
        assert "KeyError" in reasons["good-two.txt"] and "extraction failed" in reasons["good-two.txt"]
        assert s.counts()["articles"] == 1
    assert seen[-1][0] == seen[-1][1] == 5


def test_store_results_matches_a_local_ingest(tmp_path: Path) -> None:
    """Files read and extracted elsewhere (as a cluster's workers do), stored through the public
    API, give the local ingest's outcome file for file."""
    folder = tmp_path / "articles"
    write_folder(folder)

    def flaky(article: Article) -> list[StrikeReport]:
        if "Odesa" in article.text:
            raise KeyError("gazetteer broke")
        return fake_extractor(article)

    with Store(tmp_path / "local.db") as s:
        local = ingest_paths([folder], s, published=dt.date(2024, 1, 3), extractor=flaky)
        local_events = [(e.location, e.killed) for e in s.events()]

    def outcome(path: Path) -> FileOutcome:
        try:
            articles = read_path(path, published=dt.date(2024, 1, 3))
        except InputError as exc:
            return exc
        done: list[tuple[Article, list[StrikeReport] | Exception]] = []
        for article in articles:
            try:
                done.append((article, flaky(article)))
            except Exception as exc:  # noqa: BLE001 - carried as data, as a worker does
                done.append((article, exc))
        return done

    seen: list[tuple[int, int, str]] = []
    with Store(tmp_path / "remote.db") as s:
        got = store_results(
            ((str(p), outcome(p)) for p in iter_paths([folder])), s, progress=lambda *a: seen.append(a)
        )
        assert got.files == local.files and got.lines() == local.lines()
        assert [(e.location, e.killed) for e in s.events()] == local_events
        assert store_outcome("again.txt", outcome(folder / "good-one.txt"), s).status == "duplicate"
        assert store_outcome("none.txt", [], s).reason == "no article found in the file"
    assert [n for n, _, _ in seen] == [1, 2, 3, 4, 5] and {t for _, t, _ in seen} == {5}


def test_uploads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extract_pkg, "extract_article", fake_extractor)
    files = [
        ("kharkiv.txt", STORY.format(town="Kharkiv").encode()),
        ("again.md", STORY.format(town="Kharkiv").encode()),
        ("bad.exe", b"MZ\x00\x01"),
    ]
    with Store(tmp_path / "u.db") as s:
        summary = ingest_uploads(files, s, published=dt.date(2024, 1, 3))
    assert [f.status for f in summary.files] == ["new", "duplicate", "failed"]
    assert summary.files_read == 2 and summary.failed == 1 and summary.reports == 1
    assert "unsupported" in summary.files[2].reason
    assert any(line.startswith("failed: 1") for line in summary.lines())


def test_corrections_survive_reextract(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extract_pkg, "extract_article", fake_extractor)
    db = tmp_path / "r.db"
    folder = tmp_path / "articles"
    write_folder(folder)
    with Store(db) as s:
        ingest_paths([folder], s, published=dt.date(2024, 1, 3))
        by_place = {e.location: e for e in s.events()}
        s.correct_event(by_place["Kharkiv"].event_id, "killed", 12, note="hospital figure")
        s.set_review_status(by_place["Odesa"].event_id, "rejected")

    def better(article: Article) -> list[StrikeReport]:  # a new extractor version: more detail
        (r,) = fake_extractor(article)
        r.wounded = 5
        r.systems = ["Iskander-M"]
        return [r]

    monkeypatch.setattr(extract_pkg, "extract_article", better)
    assert run_reextract(StoreOptions(db=str(db))) == 0
    with Store(db) as s:
        events = {e.location: e for e in s.events(include_rejected=True)}
        assert events["Kharkiv"].killed == 12 and events["Kharkiv"].wounded == 5
        assert events["Kharkiv"].systems == ["Iskander-M"] and events["Kharkiv"].review_status == "corrected"
        assert events["Odesa"].review_status == "rejected"
        assert [e.location for e in s.events()] == ["Kharkiv"]
        assert s.check() == []

    def broken(article: Article) -> list[StrikeReport]:
        raise RuntimeError("model missing")

    with Store(db) as s:
        result = reextract(s, extractor=broken)
        assert len(result.failed) == 2 and s.counts()["reports"] == 2  # old reports kept


def test_progress_bar_tty_and_plain() -> None:
    class Tty:
        def __init__(self, tty: bool) -> None:
            self.buf: list[str] = []
            self.tty = tty

        def isatty(self) -> bool:
            return self.tty

        def write(self, s: str) -> None:
            self.buf.append(s)

        def flush(self) -> None:
            pass

    plain = Tty(False)
    bar = ProgressBar("ingest", stream=plain)  # type: ignore[arg-type]
    for i in range(1, 101):
        bar(i, 100, f"f{i}.txt")
    assert 4 <= len(plain.buf) <= 6 and all(s.endswith("\n") for s in plain.buf)
    tty = Tty(True)
    bar = ProgressBar("ingest", stream=tty)  # type: ignore[arg-type]
    bar(1, 2, "a.txt")
    bar(2, 2, "b.txt")
    assert tty.buf[0].startswith("\r") and tty.buf[-1] == "\n"


def test_cli_ingest_leaves_a_dashboard_snapshot(tmp_path):
    """The page's first render after a command-line ingest reads a snapshot, not the store."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "KHARKIV, Ukraine, March 14, 2024 - Russian missiles struck Kharkiv on Wednesday, killing two "
        "people, regional governor Oleh Syniehubov said.",
        encoding="utf-8",
    )
    db = tmp_path / "s.db"
    from analytics.cli import main

    assert main(["ingest", str(folder), "--db", str(db)]) == 0
    assert list(tmp_path.glob("s.db-frame-*.arrow"))


def _main(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    from analytics.cli import main

    try:
        code = main(args)
    except SystemExit as exc:  # argparse refusing an argument
        code = int(exc.code or 0)
    out = capsys.readouterr()
    return code, out.out + out.err


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--db", ":memory:"], "--db takes the path of a store file"),
        (["--db", "file:x.db?mode=memory"], "--db takes the path of a store file"),
        (["--published", "1600-01-04"], "outside the years 1900-2100"),
    ],
)
def test_arguments_that_would_keep_nothing_or_break_dates_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], said: str
) -> None:
    story = tmp_path / "a.txt"
    story.write_text(STORY.format(town="Sumy"), encoding="utf-8")
    if "--db" not in args:
        args = [*args, "--db", str(tmp_path / "s.db")]
    code, out = _main(["ingest", str(story), *args], capsys)
    assert code == 2 and said in out and "Traceback" not in out


def test_a_file_name_cannot_forge_summary_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "names"
    folder.mkdir()
    (folder / "bad\nfiles read: 99.txt").write_text("")
    code, out = _main(["ingest", str(folder), "--db", str(tmp_path / "s.db")], capsys)
    assert code == 1
    assert not any(line.startswith("files read: 99") for line in out.splitlines())


def test_entries_of_a_zip_passed_over_are_named_in_its_result(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import zipfile

    path = tmp_path / "mix.zip"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("good.txt", STORY.format(town="Kharkiv"))
        zf.writestr("broken.pdf", "%PDF-1.4 not a real document")
    with Store(tmp_path / "s.db") as store:
        (result,) = ingest_paths([path], store).files
    assert result.status == "new" and "1 file inside could not be read" in result.reason
    assert "mix.zip/broken.pdf" in result.reason
    code, out = _main(["ingest", str(path), "--db", str(tmp_path / "t.db")], capsys)
    assert code == 0 and "notes: 1" in out and "broken.pdf" in out


@pytest.mark.parametrize(
    ("name", "data", "outcome"),
    [
        ("header.csv", b"title,text\n", "the file has a header but no rows"),
        ("twice.csv", b"text,text\nRussian drones struck a depot in Kharkiv on 3 March 2024.,\n", "read"),
        (
            "big.json",
            b'[{"text": "Russian drones struck a depot in Kharkiv on 3 March 2024.", "n": '
            + b"7" * 5000
            + b"}]",
            "read",
        ),
    ],
)
def test_bulk_files_at_their_edges(name: str, data: bytes, outcome: str) -> None:
    from analytics.readers import read_bytes

    try:
        articles = read_bytes(name, data)
    except InputError as exc:
        assert exc.reason == outcome
    else:
        assert outcome == "read" and "Kharkiv" in articles[0].text
