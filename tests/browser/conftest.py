"""Fixtures for the browser test: the dashboard served by `streamlit run`, and headless Chromium.

Both skip with a reason when the machine cannot provide them (no Chromium, no driver,
no selenium); `.ci/install-browser.sh` installs Chromium and its driver where it can.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.dashboards.dash_warehouse import build  # shared with the AppTest suite
from tests.dashboards.incident_warehouse import build_with_incidents

ROOT = Path(__file__).resolve().parents[2]

CHROME_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1440,2400",
    "--lang=en-US",
    # Cut the network: every host name but the local server fails to resolve, so the page
    # shows whether it needs anything from outside (the map must not).
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def browser_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same pipeline-built warehouse the AppTest suite uses (built once per session)."""
    return build(tmp_path_factory.getbasetemp() / "rasd_dashboard")


@contextlib.contextmanager
def serve(warehouse: Path) -> Iterator[str]:
    """Base URL of `streamlit run dashboards/app.py` on ``warehouse``, on a free localhost port."""
    port = _free_port()
    env = {**os.environ, "RASD_WAREHOUSE": str(warehouse), "RASD_DASHBOARD_SOURCE": "release"}
    log = tempfile.TemporaryFile()
    proc = subprocess.Popen(
        [
            sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboards" / "app.py"),
            # only what a test must fix; the rest comes from .streamlit/config.toml, as for `make dashboard`
            "--server.headless=true", f"--server.port={port}", "--server.address=127.0.0.1",
        ],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                    if resp.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                pytest.fail(f"streamlit did not start:\n{log.read().decode(errors='replace')[-3000:]}")
            time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="module")
def dashboard_url(browser_warehouse: Path) -> Iterator[str]:
    """Base URL of the dashboard on the pipeline-built test warehouse."""
    with serve(browser_warehouse) as url:
        yield url


@pytest.fixture(scope="module")
def incident_dashboard_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of the dashboard on the test warehouse with incidents (tests/dashboards/incident_warehouse.py)."""
    with serve(build_with_incidents(tmp_path_factory.getbasetemp() / "rasd_incidents")) as url:
        yield url


@pytest.fixture(scope="module")
def chromium(tmp_path_factory: pytest.TempPathFactory):
    """Headless Chromium through Debian's chromedriver, logging every network request."""
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install -e '.[dev]')")
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    if not binary or not driver_path:
        pytest.skip("no Chromium and chromedriver on PATH (.ci/install-browser.sh installs Debian's)")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in CHROME_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    try:
        driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=driver_path))
    except Exception as exc:  # a broken install must skip, not fail the suite
        pytest.skip(f"Chromium could not be started: {exc}")
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()
