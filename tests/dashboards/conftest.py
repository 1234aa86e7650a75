"""Fixtures for the dashboard tests: one pipeline-built warehouse per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.dashboards.dash_warehouse import build
from tests.dashboards.incident_warehouse import build_with_incidents


@pytest.fixture(autouse=True)
def release_source(monkeypatch: pytest.MonkeyPatch) -> None:
    """The dashboard reads the DuckDB file at RASD_WAREHOUSE: most tests here hand it a variant of a test
    warehouse (a table dropped, incidents added). Tests of the lake source set RASD_DASHBOARD_SOURCE=lake
    (the page tests, ``open_page``, read the test warehouse's lake)."""
    monkeypatch.setenv("RASD_DASHBOARD_SOURCE", "release")


@pytest.fixture(scope="session")
def dashboard_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse built by the real pipeline from the seeds plus two test articles."""
    return build(tmp_path_factory.getbasetemp() / "rasd_dashboard")


@pytest.fixture(scope="session")
def incident_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test corpus plus three articles on one attack, with fixture incidents (incidents_fixture.sql)."""
    return build_with_incidents(tmp_path_factory.getbasetemp() / "rasd_incidents")
