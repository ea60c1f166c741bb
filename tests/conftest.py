"""Shared fixtures: a live `streamlit run` server and a headless Chromium."""

from __future__ import annotations

import contextlib
import io
import os
import random
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from analytics.store import Store

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


def run_main(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``python -m analytics ARGS`` run in this process (``analytics.cli.main``) with its output
    captured, in ``cwd`` and with ``env`` added to the environment for the call. A new
    interpreter importing pandas for each command costs a second or two of CPU; a test about
    the process itself (exit on a signal, a full standard output) still starts one. Binary
    output (``export`` to standard output) is decoded as UTF-8. An exception that escapes
    ``main`` fails the test, as the traceback it would print should."""
    from analytics.cli import main

    out, err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8"), io.StringIO()
    saved = {k: os.environ.get(k) for k in env or {}}
    os.environ.update(env or {})
    try:
        with contextlib.chdir(cwd or ROOT), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as exc:  # argparse refusing the arguments
                code = exc.code if isinstance(exc.code, int) else 2
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    out.flush()
    text = out.buffer.getvalue().decode("utf-8")  # type: ignore[attr-defined]
    return subprocess.CompletedProcess(list(args), code, text, err.getvalue())


def chromium_path() -> str | None:
    for candidate in (os.environ.get("BROWSER_PATH"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


#: Each pytest-xdist worker (gw0, gw1, ...) picks its servers' ports from a block of its own, below
#: Linux's ephemeral range (32768+, where bind(0) picks), so two workers never pick the same port
#: between one's check and its server's bind. A single run (no xdist) uses the first block.
PORT_BLOCK = 1000
FIRST_PORT = 20_000


def free_port() -> int:
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    index = int(worker[2:]) if worker[2:].isdigit() else 0
    low = FIRST_PORT + (index % 12) * PORT_BLOCK
    for port in random.sample(range(low, low + PORT_BLOCK), PORT_BLOCK):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue  # taken (another run on this machine): the next one
            return port
    raise RuntimeError(f"no free port in {low}-{low + PORT_BLOCK - 1}")


class PortTaken(RuntimeError):
    """The server's port was taken between the check and its bind (another program on the machine)."""


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
                if "already in use" in out:
                    raise PortTaken(out)
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
    for attempt in range(3):
        server = StreamlitServer(db_path, env)
        try:
            server.wait_healthy()
            break
        except PortTaken:
            server.stop()
            if attempt == 2:
                raise
        except BaseException:
            server.stop()
            raise
    try:
        yield server
    finally:
        server.stop()
    # Whatever the page did, the store it leaves is sound (`python -m analytics check`).
    if db_path.exists() and db_path.stat().st_size:
        with Store(db_path, read_only=True) as left:
            assert left.check() == [], f"the page left {db_path.name} unsound: {left.check()}"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A new, empty store in the test's folder (a module that needs one set up otherwise
    defines its own ``store``)."""
    with Store(tmp_path / "store.db") as s:
        yield s


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


def wait_idle(page) -> None:
    """Until the page's script run has finished: the app element says its script is not running
    and Streamlit's running indicator is gone. Locators only, no fixed pause: after an action, a
    test first waits for what the action shows (the run may not have started yet), then this."""
    page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for(timeout=120_000)
    page.get_by_test_id("stStatusWidget").wait_for(state="detached", timeout=120_000)


def wait_for_plots(page) -> None:
    """Until every chart on the page is drawn: as many plotly plots as chart elements, each with
    its layout computed (plotly draws after the script run, and again when the width settles)."""
    page.wait_for_function(
        """() => {
          const charts = document.querySelectorAll('[data-testid="stPlotlyChart"]').length;
          const plots = [...document.querySelectorAll('.js-plotly-plot')];
          return plots.length === charts && plots.every(p => p._fullLayout && p.querySelector('.main-svg'));
        }""",
        timeout=60_000,
    )


# Fixtures that start a Chromium: a test using one is a browser test whether or not its module
# says so, so `-m "not browser"` never launches a browser.
BROWSER_FIXTURES = frozenset({"browser_page"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if BROWSER_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)
