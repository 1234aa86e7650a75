"""One fan-out, two places to run: a Dask cluster of real worker processes gives what local processes give,
row for row, survives a worker killed mid-run, and fails with a clear message when no worker is left."""

from __future__ import annotations

import sys
import time

import cloudpickle
import pytest

from pipelines.lib.compute import ComputeError, fan_out
from tests.cluster.conftest import (
    assert_same_rows,
    kill_when_busy,
    published_rows,
    run_pipeline,
    running_cluster,
)
from tests.conftest import SEEDS

# The scheduler and workers cannot import test modules: what runs there goes by value. Dask pickles a
# module-level function by reference with plain pickle, and falls back to cloudpickle (which honours the
# registration) for what pickle cannot take, such as a closure.
cloudpickle.register_pickle_by_value(sys.modules[__name__])


def _by_value(fn):
    """``fn`` as a closure, so that it and what it calls travel by value."""

    def run(x):
        return fn(x)

    return run


def _square_slowly(x: int) -> tuple[int, int]:
    time.sleep(0.2)
    return x, x * x


_slow_square = _by_value(_square_slowly)


@pytest.fixture
def dask_pair(start_cluster):
    """A Dask scheduler with two single-core workers of its own (a test may kill one)."""
    return start_cluster(("dask",), workers=2)


@pytest.fixture(scope="module")
def dask_shared():
    with running_cluster(("dask",), workers=2) as cluster:
        yield cluster


def test_fan_out_on_dask_keeps_input_order_and_reads_items_lazily(dask_shared):
    read = []

    def items():
        for i in range(12):
            read.append(i)
            yield i

    results = fan_out(_slow_square, items(), dask_shared.scheduler, ahead=1)
    assert next(results) == (0, 0)
    assert len(read) <= 4                       # two workers + one ahead, plus the one asked for
    assert list(results) == [(i, i * i) for i in range(1, 12)]


def test_a_worker_killed_mid_run_has_its_shards_rerun_on_the_other(dask_pair):
    watcher = kill_when_busy(dask_pair, "worker-1", after_tasks=3)
    assert list(fan_out(_slow_square, range(30), dask_pair.scheduler)) == [(i, i * i) for i in range(30)]
    watcher.join(timeout=5)
    assert watcher.killed.is_set()
    assert dask_pair.pids().keys() >= {"dask-worker-0"} and "dask-worker-1" not in dask_pair.pids()


def test_no_worker_left_fails_the_step_with_a_clear_message(start_cluster):
    lone = start_cluster(("dask",), workers=1)
    watcher = kill_when_busy(lone, "worker-0", after_tasks=2)
    with pytest.raises(ComputeError, match="has had no worker for 2 s"):
        list(fan_out(_slow_square, range(30), lone.scheduler, no_worker_grace_s=2))
    assert watcher.killed.is_set()


def test_an_unreachable_scheduler_is_named():
    with pytest.raises(ComputeError, match="no Dask scheduler answers at tcp://127.0.0.1:9"):
        list(fan_out(_slow_square, range(3), "tcp://127.0.0.1:9", connect_timeout_s=2))


def _worker_caches(scheduler: str) -> dict:
    """Per worker, how often each reference cache was built (misses) and reused (hits)."""
    from distributed import Client

    def caches() -> dict:
        from pipelines.stages import extract
        return {"reference": extract._reference.cache_info()._asdict(),
                "lexicon": extract._lexicon.cache_info()._asdict()}

    with Client(scheduler, set_as_default=False, timeout="20s") as client:
        return client.run(caches)


def test_seeds_on_dask_equal_the_local_run_and_build_reference_data_once_per_worker(dask_shared, tmp_path, monkeypatch):
    local = run_pipeline(SEEDS, tmp_path / "local", {}, monkeypatch)
    on_dask = run_pipeline(SEEDS, tmp_path / "dask", {"RASD_DASK_SCHEDULER": dask_shared.scheduler}, monkeypatch)
    assert local["success"] and on_dask["success"], on_dask.get("failure")
    rows = published_rows(tmp_path / "dask" / "warehouse.duckdb")
    assert_same_rows(rows, published_rows(tmp_path / "local" / "warehouse.duckdb"))
    assert len(rows["casualty_claims"]) == 15
    caches = _worker_caches(dask_shared.scheduler)
    # Each worker that ran a mentions or claims shard built the automata once, whatever number of shards.
    assert sum(c["reference"]["misses"] for c in caches.values()) >= 1
    assert all(c["reference"]["misses"] <= 1 and c["lexicon"]["misses"] <= 1 for c in caches.values()), caches


def test_a_generated_corpus_on_dask_equals_the_local_run(dask_shared, generated_corpus, tmp_path, monkeypatch):
    from pipelines.stages import extract

    corpus = generated_corpus(400)
    monkeypatch.setattr(extract, "PART", 60)          # several shards per batch: order across shards matters
    local = run_pipeline(corpus, tmp_path / "local", {}, monkeypatch)
    on_dask = run_pipeline(corpus, tmp_path / "dask", {"RASD_DASK_SCHEDULER": dask_shared.scheduler}, monkeypatch)
    assert local["success"] and on_dask["success"], on_dask.get("failure")
    rows = published_rows(tmp_path / "dask" / "warehouse.duckdb")
    assert_same_rows(rows, published_rows(tmp_path / "local" / "warehouse.duckdb"))
    assert len(rows["documents"]) == 400 and len(rows["casualty_claims"]) > 500
