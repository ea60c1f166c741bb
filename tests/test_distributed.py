"""Scale-out: ingest and extract on a real dask.distributed LocalCluster give a local run's result."""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from analytics import distributed as dist
from analytics.errors import InputError
from analytics.extract import extract_article
from analytics.ingest import IngestSummary, ingest_paths
from analytics.models import Article, StrikeReport
from analytics.store import Store

pytestmark = [
    pytest.mark.slow,
    pytest.mark.timeout(180),
    pytest.mark.filterwarnings("ignore:Port .* is already in use"),  # another cluster holds 8787
]

PUBLISHED = dt.date(2024, 3, 14)  # a Thursday
STORIES = [
    ("Kharkiv", "Tuesday", "three", "regional governor Oleh Syniehubov"),
    ("Odesa", "Monday", "two", "regional governor Oleh Kiper"),
    ("Dnipro", "Wednesday", "four", "regional governor Serhiy Lysak"),
    ("Zaporizhzhia", "Tuesday", "one", "regional governor Ivan Fedorov"),
    ("Sumy", "Monday", "five", "the regional military administration"),
    ("Kherson", "Wednesday", "two", "regional governor Oleksandr Prokudin"),
    ("Mykolaiv", "Tuesday", "six", "regional governor Vitaliy Kim"),
    ("Poltava", "Monday", "three", "regional governor Filip Pronin"),
    ("Chernihiv", "Wednesday", "seven", "regional governor Viacheslav Chaus"),
    ("Kryvyi Rih", "Tuesday", "two", "city official Oleksandr Vilkul"),
]


def story(town: str, day: str, killed: str, source: str) -> str:
    return (
        f"Russian missiles struck {town} on {day}, killing {killed} people, {source} said.\n\n"
        f"Emergency crews worked through the night in {town}, where the strike damaged homes "
        "and a power line. Air defence units were active across the region.\n"
    )


def write_articles(folder: Path) -> list[str]:
    """A folder of short articles, a nested one, a duplicate, a CSV of two, and two bad files."""
    (folder / "nested").mkdir(parents=True)
    names = []
    for n, (town, day, killed, source) in enumerate(STORIES):
        target = folder / ("nested" if n % 3 == 0 else "") / f"{n:02d}-{town.lower().replace(' ', '-')}.txt"
        target.write_text(story(town, day, killed, source), encoding="utf-8")
        names.append(target.name)
    (folder / "05b-copy.txt").write_text(story(*STORIES[5]), encoding="utf-8")
    rows = [
        {"title": "Drones over Lviv", "text": story("Lviv", "Monday", "one", "mayor Andriy Sadovyi")},
        {"title": "Night raid on Kyiv", "text": story("Kyiv", "Tuesday", "two", "mayor Vitali Klitschko")},
    ]
    (folder / "wire.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "junk.txt").write_bytes(bytes(range(256)) * 20)
    return names


def snapshot(store: Store) -> dict[str, pd.DataFrame]:
    """The store's contents, free of ingest times and storage order."""
    arts = store.articles_frame().drop(columns=["ingested_at"]).sort_values("id").reset_index(drop=True)
    texts = pd.DataFrame([(a.id, a.text) for a in store.articles()], columns=["id", "text"])
    reports = store.reports_frame().sort_values("report_id").reset_index(drop=True)
    events = store.events_frame().sort_values("event_id").reset_index(drop=True)
    return {"articles": arts, "texts": texts, "reports": reports, "events": events}


def assert_same_store(a: Store, b: Store) -> None:
    left, right = snapshot(a), snapshot(b)
    for name in left:
        pd.testing.assert_frame_equal(left[name], right[name], check_dtype=False, obj=name)
    assert len(left["articles"]) >= 12 and len(left["reports"]) >= 10 and len(left["events"]) >= 10


def local_ingest(folder: Path, db: Path, **kw) -> tuple[IngestSummary, list[tuple[int, int, str]]]:
    seen: list[tuple[int, int, str]] = []
    with Store(db) as store:
        summary = ingest_paths(
            [folder], store, published=PUBLISHED, outlet="Test Wire", progress=lambda *a: seen.append(a), **kw
        )
    return summary, seen


@pytest.fixture(scope="module")
def cluster() -> Iterator[object]:
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, host="127.0.0.1", dashboard_address=None
    ) as c:
        yield c


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, IngestSummary, list]:
    """The test folder and a local ingest of it (the reference)."""
    base = tmp_path_factory.mktemp("dist")
    folder = base / "articles"
    write_articles(folder)
    summary, seen = local_ingest(folder, base / "local.db")
    assert summary.failed == 2 and summary.duplicates == 1
    return folder, base / "local.db", summary, seen


def test_scheduler_ingest_matches_local(cluster, corpus, tmp_path: Path) -> None:
    folder, local_db, local_summary, local_seen = corpus
    summary, seen = local_ingest(folder, tmp_path / "remote.db", scheduler=cluster.scheduler_address)
    assert summary.files == local_summary.files
    assert summary.lines() == local_summary.lines()
    assert seen == local_seen  # same progress calls, in input order
    with Store(local_db) as a, Store(tmp_path / "remote.db") as b:
        assert_same_store(a, b)
        assert b.check() == []


def die_once(marker: str, article: Article) -> list[StrikeReport]:
    """Extractor that kills its worker process the first time it meets the Sumy article."""
    if "Sumy" in article.text:
        try:
            os.close(os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
        except FileExistsError:
            pass
        else:
            os._exit(1)  # the worker dies mid-run, holding this batch
    return extract_article(article)


def test_worker_death_costs_a_retry_not_the_run(cluster, corpus, tmp_path: Path) -> None:
    folder, local_db, local_summary, _ = corpus
    marker = tmp_path / "died"
    summary, _ = local_ingest(
        folder,
        tmp_path / "remote.db",
        scheduler=cluster.scheduler_address,
        extractor=functools.partial(die_once, str(marker)),
    )
    assert marker.exists()  # a worker did die
    assert summary.lines() == local_summary.lines()
    with Store(local_db) as a, Store(tmp_path / "remote.db") as b:
        assert_same_store(a, b)
    cluster.wait_for_workers(2)  # the nanny brings it back for the other tests


def _explode() -> None:
    raise RuntimeError("cannot be loaded here")


class Unloadable:
    """An extractor that pickles on the client but fails to load on every worker."""

    def __reduce__(self):
        return (_explode, ())

    def __call__(self, article: Article) -> list[StrikeReport]:
        return []


def test_batch_failing_after_retries_stops_the_run(cluster, corpus, tmp_path: Path) -> None:
    folder = corpus[0]
    with Store(tmp_path / "s.db") as store:
        with pytest.raises(dist.ScaleOutError, match="failed on the workers after its retries") as info:
            ingest_paths([folder], store, scheduler=cluster.scheduler_address, extractor=Unloadable())  # type: ignore[arg-type]
        assert "deserialization" in str(info.value)  # dask's own reason is passed on


def test_local_worker_pool_matches_local(corpus, tmp_path: Path) -> None:
    folder, local_db, local_summary, _ = corpus
    summary, _ = local_ingest(folder, tmp_path / "pool.db", workers=2)
    assert summary.files == local_summary.files
    with Store(local_db) as a, Store(tmp_path / "pool.db") as b:
        assert_same_store(a, b)


def slow_first(article: Article) -> list[StrikeReport]:
    if "Kharkiv" in article.text:
        time.sleep(1.5)  # the first batch finishes last
    return extract_article(article)


def test_map_files_yields_in_input_order(cluster, tmp_path: Path) -> None:
    from distributed import Client

    folder = tmp_path / "a"
    write_articles(folder)
    paths = sorted(folder.rglob("*.txt")) + [tmp_path / "missing.txt", folder / "wire.jsonl"]
    with Client(cluster.scheduler_address) as client:
        got = list(
            dist.map_files(paths, client=client, published=PUBLISHED, extractor=slow_first, batch_size=1)
        )
    assert [p for p, _ in got] == paths
    outcomes = dict(got)
    assert isinstance(outcomes[tmp_path / "missing.txt"], InputError)
    assert outcomes[tmp_path / "missing.txt"].reason == "file not found"
    assert outcomes[folder / "empty.txt"].reason == "the file is empty"
    assert len(outcomes[folder / "wire.jsonl"]) == 2
    kharkiv = next(v for p, v in got if "kharkiv" in p.name)
    (article, reports), *_ = kharkiv
    assert reports == extract_article(article)


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """``python -m analytics ARGS`` in this process: (exit code, stdout, stderr). In-process, not
    a subprocess: three cold interpreters (pandas, distributed, the readers) took most of this
    module's time budget on a loaded 2-core machine, and nothing here depends on a new process."""
    from analytics.cli import main

    capsys.readouterr()  # what earlier steps printed is not this run's
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_ingest_and_extract_with_scheduler(
    cluster, corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, local_db, local_summary, _ = corpus
    address = cluster.scheduler_address
    monkeypatch.setenv("STRIKES_SCHEDULER", "")
    common = [str(folder), "--published", str(PUBLISHED), "--outlet", "Test Wire"]
    code, out, err = run_cli(
        capsys, "ingest", *common, "--db", str(tmp_path / "cli.db"), "--scheduler", address
    )
    assert code == 1, err  # the two bad files
    assert out.splitlines() == local_summary.lines()
    assert "ingest:" in err and "Traceback" not in err
    with Store(local_db) as a, Store(tmp_path / "cli.db") as b:
        assert_same_store(a, b)

    files = [str(p) for p in sorted(folder.rglob("*")) if p.is_file()] + [str(tmp_path / "missing.txt")]
    args = ["extract", *files, "--published", str(PUBLISHED), "--format", "jsonl"]
    local = run_cli(capsys, *args)
    monkeypatch.setenv("STRIKES_SCHEDULER", address)  # the env variable names the scheduler
    remote = run_cli(capsys, *args)
    assert local[0] == remote[0] == 1
    assert remote[1] == local[1] and len(local[1].splitlines()) >= 10
    assert remote[2] == local[2]  # the unreadable files, same reasons


def test_cli_unreachable_scheduler(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.txt").write_text(story(*STORIES[0]), encoding="utf-8")
    monkeypatch.setattr(dist, "CONNECT_TIMEOUT", "1s")
    from analytics.cli import main

    code = main(
        [
            "ingest",
            str(tmp_path / "a.txt"),
            "--db",
            str(tmp_path / "s.db"),
            "--scheduler",
            "tcp://127.0.0.1:9",
        ]
    )
    assert code == 2
    assert "cannot reach the scheduler at tcp://127.0.0.1:9" in capsys.readouterr().err
