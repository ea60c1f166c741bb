"""The lock files match their inputs: run `make lock` after editing a requirements*.txt.

Offline: reads the files only. The digest is the one scripts/lock.py writes into the header.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.factories import script

lock_script = script("lock")

LOCKS = [(lock, source) for lock, source, _ in lock_script.LOCKS]
RELOCK = "inputs changed without relocking: run `make lock` and commit the lock files"
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?\s*==\s*([^\s;\\]+)")


def norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def input_pins(source: str) -> dict[str, str]:
    """name -> version of every requirement in `source` and its includes; each must be ==."""
    pins: dict[str, str] = {}
    for rel in lock_script.input_files(source):
        for raw in (ROOT / rel).read_text().splitlines():
            line = raw.split(" #", 1)[0].strip()
            if not line or line.startswith(("#", "-")):
                continue
            m = PIN.match(line)
            assert m, f"{rel}: {line!r} is not pinned with =="
            pins[norm(m[1])] = m[2]
    return pins


def lock_entries(lock: str) -> list[tuple[str, str, list[str]]]:
    """(name, version, hashes) of each requirement of a lock; a name may appear once per marker."""
    entries: list[tuple[str, str, list[str]]] = []
    for line in (ROOT / lock).read_text().splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line[0].isspace():
            hashes = re.findall(r"--hash=sha256:([0-9a-f]{64})", line)
            assert hashes, f"{lock}: unexpected continuation line {line!r}"
            entries[-1][2].extend(hashes)
            continue
        m = PIN.match(line)
        assert m, f"{lock}: {line!r} is not an exact pin"
        entries.append((norm(m[1]), m[2], []))
    return entries


def lock_versions(lock: str) -> dict[str, set[str]]:
    versions: dict[str, set[str]] = {}
    for name, version, _ in lock_entries(lock):
        versions.setdefault(name, set()).add(version)
    return versions


@pytest.mark.parametrize(("lock", "source"), LOCKS)
def test_lock_records_the_current_input_digest(lock, source):
    recorded = lock_script.recorded_digest((ROOT / lock).read_text())
    assert recorded is not None, f"{lock} has no input digest: run `make lock`"
    assert recorded == lock_script.input_digest(source), RELOCK


@pytest.mark.parametrize(("lock", "source"), LOCKS)
def test_every_input_pin_is_locked_at_its_version(lock, source):
    locked = lock_versions(lock)
    for name, version in input_pins(source).items():
        assert locked.get(name) == {version}, f"{name}=={version}: {lock} has {locked.get(name)}; {RELOCK}"


@pytest.mark.parametrize(("lock", "source"), LOCKS)
def test_every_locked_package_has_a_hash(lock, source):
    entries = lock_entries(lock)
    assert len(entries) > len(input_pins(source)), "a lock holds the dependencies of the inputs too"
    for name, version, hashes in entries:
        assert hashes, f"{lock}: {name}=={version} has no --hash, so pip's hash-checking mode refuses it"


def test_the_html_cleaner_is_locked():
    # Without it trafilatura's every HTML read raises ImportError (lxml >= 5.2 split it out).
    for lock, _ in LOCKS:
        assert "lxml-html-clean" in lock_versions(lock)


def test_tests_run_on_the_versions_the_app_runs_on():
    # requirements-dev.lock is resolved under requirements.lock as constraints.
    runtime, dev = lock_versions("requirements.lock"), lock_versions("requirements-dev.lock")
    for name, versions in runtime.items():
        assert dev.get(name) == versions, f"{name}: runtime lock {versions}, dev lock {dev.get(name)}"


def test_the_digest_follows_includes_and_sees_any_edit(tmp_path: Path):
    (tmp_path / "base.txt").write_text("a==1\n")
    (tmp_path / "dev.txt").write_text("-r base.txt\nb==2\n")
    assert lock_script.input_files("dev.txt", tmp_path) == ["dev.txt", "base.txt"]
    before = lock_script.input_digest("dev.txt", tmp_path)
    (tmp_path / "base.txt").write_text("a==1.1\n")
    assert lock_script.input_digest("dev.txt", tmp_path) != before
    text = f"# header\n# inputs sha256: {before} (dev.txt base.txt)\nx==1 \\\n"
    assert lock_script.recorded_digest(text) == before


@pytest.mark.parametrize(("lock", "source"), LOCKS)
def test_locks_come_from_the_uv_the_makefile_pins(lock, source):
    pinned = re.search(r"^UV_VERSION\s*:?=\s*(\S+)", (ROOT / "Makefile").read_text(), re.M)
    used = re.search(r"^# locked with uv (\S+)$", (ROOT / lock).read_text(), re.M)
    assert pinned and used and used[1] == pinned[1], f"{lock}: run `make lock` (uv {pinned and pinned[1]})"
