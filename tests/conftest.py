"""Shared fixtures: a live `streamlit run` server and a headless Chromium."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_path() -> str | None:
    for candidate in (os.environ.get("BROWSER_PATH"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class StreamlitServer:
    def __init__(self, db_path: Path, env: dict[str, str] | None = None) -> None:
        self.db_path = db_path
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        full_env = {**os.environ, "STRIKES_DB": str(db_path), **(env or {})}
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                str(ROOT / "dashboard.py"),
                "--server.headless",
                "true",
                "--server.port",
                str(self.port),
                "--server.address",
                "127.0.0.1",
                "--browser.gatherUsageStats",
                "false",
                "--server.fileWatcherType",
                "none",
            ],
            cwd=ROOT,
            env=full_env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )

    def wait_healthy(self, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                out = self.proc.stdout.read().decode(errors="replace") if self.proc.stdout else ""
                raise RuntimeError(f"streamlit exited early:\n{out}")
            try:
                with urllib.request.urlopen(self.url + "/_stcore/health", timeout=2) as resp:
                    return resp.read().decode()
            except OSError:
                time.sleep(0.3)
        raise TimeoutError("streamlit did not become healthy")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


@contextlib.contextmanager
def serving(
    db_path: Path, env: dict[str, str] | None = None, *, samples: bool = False
) -> Iterator[StreamlitServer]:
    """`streamlit run` on a store; unless ``samples``, the first-run choice is made so the page
    shows only what the test put in (a new empty store gets the sample articles otherwise)."""
    from analytics.first_run import write_marker

    if not samples:
        write_marker(db_path, "own")
    server = StreamlitServer(db_path, env)
    try:
        server.wait_healthy()
        yield server
    finally:
        server.stop()


@pytest.fixture
def dashboard_server(tmp_path: Path) -> Iterator[StreamlitServer]:
    """`streamlit run` on the small fixed store of tests/dashboard_data.py."""
    from tests.dashboard_data import fill_store

    db = tmp_path / "dashboard.db"
    fill_store(db)
    with serving(db) as server:
        yield server


@pytest.fixture
def streamlit_server(tmp_path: Path) -> Iterator[StreamlitServer]:
    """`streamlit run` on a new store, as a new user opens it (the samples are read)."""
    with serving(tmp_path / "strikes.db", samples=True) as server:
        yield server


@pytest.fixture
def browser_page():
    """A Playwright page in Debian's Chromium; skipped when no Chromium is installed."""
    path = chromium_path()
    if path is None:
        pytest.skip("no Chromium: apt-get install chromium, or set BROWSER_PATH")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        context = browser.new_context(accept_downloads=True)
        page = context.new_page()
        try:
            yield page
        finally:
            context.close()
            browser.close()


# Fixtures that start a Chromium: a test using one is a browser test whether or not its module
# says so, so `-m "not browser"` never launches a browser.
BROWSER_FIXTURES = frozenset({"browser_page"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if BROWSER_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)
