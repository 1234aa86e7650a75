"""``bench.worker_overhead``: the extraction stages run again in one process and on worker processes, on a copy of
a lake, the workers' CPU read from the workers, the rows of both runs compared (no timing asserted)."""

from __future__ import annotations

import pytest

from bench.worker_overhead import measure, overhead
from pipelines.cli import build_warehouse
from pipelines.stages import extract
from tests.conftest import SEEDS


def test_overhead_is_the_share_of_cpu_the_pool_adds():
    assert overhead(10.0, 11.0) == 0.1
    assert overhead(8.0, 7.6) == -0.05
    assert overhead(0.0, 1.0) == 0.0


def test_both_modes_redo_every_document_the_pool_on_its_workers_and_write_the_same_rows(tmp_path, monkeypatch):
    lake = tmp_path / "lake"
    assert build_warehouse(SEEDS, tmp_path / "w.duckdb", lake)["published"]
    before = sorted(p.relative_to(lake) for p in lake.rglob("*"))
    # Parts of one document, so that five seed articles go to the workers (a run keeps 500 a part).
    monkeypatch.setattr(extract, "PART", 1)
    result = measure(lake, workers=2)
    for stage in ("mentions", "claims"):
        runs = result["stages"][stage]
        assert runs["inline"]["documents"] == runs["workers"]["documents"] == 5, stage
        # One process: nothing in any worker. The pool: its workers did the extraction.
        assert runs["inline"]["workers_cpu_s"] == 0.0, stage
        assert runs["workers"]["workers_cpu_s"] > 0.0, stage
        assert runs["overhead"] == pytest.approx(runs["workers"]["cpu_s"] / runs["inline"]["cpu_s"] - 1, abs=0.002)
    # The lake measured is a copy: the one given is left as it was.
    assert sorted(p.relative_to(lake) for p in lake.rglob("*")) == before
