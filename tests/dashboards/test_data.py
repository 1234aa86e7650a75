"""The data layer: read-only connections, results cached per warehouse version."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb
import pytest

from dashboards import data


def test_a_newly_published_warehouse_is_read_without_a_restart(
    dashboard_warehouse: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    published = tmp_path / "warehouse.duckdb"
    shutil.copy2(dashboard_warehouse, published)
    monkeypatch.setenv("RASD_WAREHOUSE", str(published))
    before = data.query("document_count").item()
    assert data.warehouse().path == published and data.readiness().ok

    # publish a new version the way the pipeline does: build aside, then atomic rename
    staged = tmp_path / "next.duckdb"
    shutil.copy2(published, staged)
    with duckdb.connect(str(staged)) as con:
        # `documents` is a view over the texts and the dedup decisions (sql/ddl/030_documents.sql)
        con.execute("delete from document_texts where doc_id in "
                    "(select doc_id from document_decisions where status = 'duplicate')")
        removed = before - con.execute("select count(*) from documents").fetchone()[0]
    stat = published.stat()
    os.replace(staged, published)
    os.utime(published, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))

    assert removed >= 1
    assert data.query("document_count").item() == before - removed


def test_filters_are_bound_parameters(dashboard_warehouse: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RASD_WAREHOUSE", str(dashboard_warehouse))
    hostile = "x'); drop table documents; --"
    empty = data.query(
        "claims_table", outlets=[hostile], date_from=None, date_to=None, governorates=[], actors=[],
        outcomes=[], quantified_only=False, claimants=[],
    )
    assert empty.height == 0
    assert data.query("document_count").item() > 0
