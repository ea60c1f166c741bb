"""Damaged, read-only and odd store files: every command says what is wrong in words, writes
nothing into a damaged store, and reads a read-only one."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from analytics.cli import main
from analytics.ingest import ingest_uploads
from analytics.store import Store, StoreError

ARTICLES = [
    (
        f"strike{i}.txt",
        f"Russian drones struck a depot in Kharkiv on {i + 1} March 2024, killing {i} people, "
        "the regional governor said.".encode(),
    )
    for i in range(1, 25)
]


def _filled(path: Path) -> Path:
    with Store(path) as store:
        ingest_uploads(ARTICLES, store, published=dt.date(2024, 3, 28))
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return path


def _damage(path: Path) -> None:
    """Overwrite three pages in the middle of the file, as a failing disk would."""
    size = path.stat().st_size
    page = 4096
    with path.open("r+b") as fh:
        for n in (size // page // 2, size // page // 2 + 1, size // page // 2 + 2):
            fh.seek(n * page)
            fh.write(b"\xde\xad\xbe\xef" * (page // 4))


@pytest.fixture
def damaged(tmp_path: Path) -> Path:
    path = _filled(tmp_path / "damaged.db")
    _damage(path)
    return path


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(args)
    out = capsys.readouterr()
    return code, out.out + out.err


def test_check_names_the_damage(damaged: Path, capsys) -> None:
    code, out = _run(["check", "--db", str(damaged)], capsys)
    assert code == 1 and "problem" in out and "Traceback" not in out


def test_ingest_refuses_a_damaged_store_and_writes_nothing(damaged: Path, tmp_path: Path, capsys) -> None:
    before = damaged.read_bytes()
    new = tmp_path / "new.txt"
    new.write_text("Russian missiles hit Odesa on 3 April 2024, the governor said.")
    code, out = _run(["ingest", str(new), "--db", str(damaged)], capsys)
    assert code == 2 and "is damaged" in out and "python -m analytics check" in out
    assert "Traceback" not in out
    assert damaged.read_bytes() == before


@pytest.mark.parametrize("command", [["export", "--format", "csv"], ["reextract"]])
def test_other_commands_say_it_is_damaged(damaged: Path, command: list[str], tmp_path: Path, capsys) -> None:
    code, out = _run([*command, "--db", str(damaged)], capsys)
    assert code != 0 and "damaged" in out and "Traceback" not in out


def test_check_of_an_empty_file_creates_nothing(tmp_path: Path, capsys) -> None:
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    code, out = _run(["check", "--db", str(empty)], capsys)
    assert code == 1 and "empty" in out
    assert empty.read_bytes() == b""


def test_a_file_that_is_no_store(tmp_path: Path, capsys) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is a text file, not a database" * 100)
    for command in (["check"], ["export", "--format", "csv"], ["ingest", str(junk)]):
        code, out = _run([*command, "--db", str(junk)], capsys)
        assert code != 0 and "Traceback" not in out, (command, out)


def test_a_read_only_store_is_read_not_written(tmp_path: Path, capsys) -> None:
    path = _filled(tmp_path / "ro" / "strikes.db")
    with Store(path, read_only=True) as store:
        assert store.read_only and len(store.events_frame()) == 24
        with pytest.raises(StoreError, match="read-only"):
            store.set_review_status(store.events()[0].event_id, "rejected")
    with pytest.raises(StoreError, match="no store"):
        Store(tmp_path / "missing.db", read_only=True)


def _read_only_runner(folder: Path) -> list[str] | None:
    """The command prefix that runs a command with ``folder`` read-only, or None where this
    machine cannot make one. Root passes every permission check, so for root the folder is
    bind-mounted read-only in a mount namespace of the command's own (the kernel then refuses
    the write to everyone, as on a read-only disk or share); others get the folder's
    permissions taken away."""
    if os.geteuid() != 0:
        for p in folder.iterdir():
            p.chmod(stat.S_IRUSR)
        folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
        return []
    if shutil.which("unshare") is None:
        return None
    script = 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" "$0" && exec "$@"'
    probe = subprocess.run(
        ["unshare", "-m", "sh", "-c", script, str(folder), "sh", "-c", f"! touch {folder}/probe"],
        capture_output=True,
    )
    if probe.returncode != 0:
        return None
    return ["unshare", "-m", "sh", "-c", script, str(folder)]


@pytest.mark.slow
def test_a_store_in_a_read_only_folder_exports_and_checks(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    path = _filled(folder / "strikes.db")
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    new = tmp_path / "new.txt"
    new.write_text("Russian missiles hit Odesa on 3 April 2024, the governor said.")
    prefix = _read_only_runner(folder)
    if prefix is None:
        pytest.skip("this machine can make no read-only folder (no mount namespace for root)")

    def run(*args: str) -> tuple[int, str]:
        done = subprocess.run(
            [*prefix, sys.executable, "-m", "analytics", *args, "--db", str(path)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        return done.returncode, done.stdout + done.stderr

    try:
        code, out = run("check")
        assert code == 0 and "Traceback" not in out, out
        code, out = run("export", "--format", "csv", "--out", str(tmp_path / "x.csv"))
        assert code == 0 and "Traceback" not in out, out
        assert "Kharkiv" in (tmp_path / "x.csv").read_text()
        code, out = run("ingest", str(new))
        assert code == 2 and "read-only" in out and "Traceback" not in out, out
    finally:
        folder.chmod(stat.S_IRWXU)
        for p in folder.iterdir():
            p.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_export_to_a_folder_that_cannot_be_written(tmp_path: Path, capsys) -> None:
    path = _filled(tmp_path / "s.db")
    target = tmp_path / "file-not-folder"
    target.write_text("x")
    code, out = _run(
        ["export", "--format", "csv", "--db", str(path), "--out", str(target / "out.csv")], capsys
    )
    assert code == 1 and "cannot write" in out and "Traceback" not in out


def test_an_export_is_readable_by_the_group(tmp_path: Path, capsys) -> None:
    path = _filled(tmp_path / "s.db")
    out = tmp_path / "events.csv"
    old = os.umask(0o022)
    try:
        assert _run(["export", "--format", "csv", "--db", str(path), "--out", str(out)], capsys)[0] == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o644


def test_an_export_into_a_pipe_writes_through_it(tmp_path: Path, capsys) -> None:
    """A FIFO (like /dev/stdout or a device) is written into, never replaced by a plain file."""
    import threading

    path = _filled(tmp_path / "s.db")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []

    def read() -> None:
        with open(fifo, "rb") as fh:
            got.append(fh.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    code, out = _run(["export", "--format", "csv", "--db", str(path), "--out", str(fifo)], capsys)
    reader.join(20)
    assert code == 0, out
    assert stat.S_ISFIFO(os.stat(fifo).st_mode) and got and b"Kharkiv" in got[0]


@pytest.mark.skipif(
    not os.path.exists("/dev/full") or not stat.S_ISCHR(os.stat("/dev/full").st_mode), reason="no /dev/full"
)
def test_an_export_to_a_full_device_says_so(tmp_path: Path, capsys) -> None:
    path = _filled(tmp_path / "s.db")
    code, out = _run(["export", "--format", "csv", "--db", str(path), "--out", "/dev/full"], capsys)
    assert code == 1 and "No space left" in out and "Traceback" not in out
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_an_export_through_a_symlink_writes_the_file_it_names(tmp_path: Path, capsys) -> None:
    path = _filled(tmp_path / "s.db")
    real = tmp_path / "exports" / "events.csv"
    real.parent.mkdir()
    real.write_text("old")
    link = tmp_path / "latest.csv"
    link.symlink_to(real)
    code, out = _run(["export", "--format", "csv", "--db", str(path), "--out", str(link)], capsys)
    assert code == 0, out
    assert link.is_symlink() and "Kharkiv" in real.read_text()


def test_standard_output_that_is_full_is_one_line(tmp_path: Path) -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    path = _filled(tmp_path / "s.db")
    with open("/dev/full", "wb") as full:
        done = subprocess.run(
            [sys.executable, "-m", "analytics", "export", "--format", "csv", "--db", str(path)],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    assert done.returncode == 1 and "cannot write the output: No space left" in done.stderr
    assert "Traceback" not in done.stderr
