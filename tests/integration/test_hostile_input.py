"""Hostile input through the real pipeline: unreadable files retried, HTML, odd dump fields, replaced files."""

from __future__ import annotations

import shutil

import duckdb

from pipelines.cli import build_warehouse, up_to_date
from pipelines.lib.ingest import scan
from tests.conftest import SEEDS


def _use(monkeypatch, corpus, wh, lake) -> None:
    monkeypatch.setenv("RASD_CORPUS", str(corpus))
    monkeypatch.setenv("RASD_WAREHOUSE", str(wh))
    monkeypatch.setenv("RASD_LAKE", str(lake))


def test_a_file_that_failed_to_read_is_read_by_the_next_run(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    wh, lake = tmp_path / "w.duckdb", tmp_path / "lake"
    _use(monkeypatch, corpus, wh, lake)
    real_read = scan.read_regular_file
    victim = sorted(corpus.iterdir())[0].name

    def failing(path, st):
        if str(path).endswith(victim):
            raise OSError(5, "Input/output error")
        return real_read(path, st)

    monkeypatch.setattr(scan, "read_regular_file", failing)
    first = build_warehouse(corpus, wh, lake)
    assert first["success"] and first["n_quarantined"] == 1
    # nothing in the corpus listing changed, yet the next `make run` must not take the fast path
    assert up_to_date(wh) is None
    monkeypatch.setattr(scan, "read_regular_file", real_read)
    second = build_warehouse(corpus, wh, lake)
    assert second["files_read"] == 1 and second["n_quarantined"] == 0 and second["n_canonical"] == 5
    assert up_to_date(wh) is not None
    with duckdb.connect(str(wh), read_only=True) as con:
        assert con.execute("select count(*) from raw_files where status = 'ok'").fetchone()[0] == 5
