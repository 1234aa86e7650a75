"""Issue 12's integration test on real servers: ≥ 2,000 generated articles, the scaled setup (servers started
by `python -m pipelines.cluster`, 2 single-core Dask workers) against the embedded run, row for row; then a
worker killed mid-run: the run completes (Dask reruns the lost shards on the other worker) or fails cleanly,
and the next run publishes the same result.

Storage: the scaled runs take the lake settings the cluster writes (``STORAGE_SETTINGS``): the DuckLake
catalog in the cluster's PostgreSQL, the tables' Parquet files in its S3 bucket (SeaweedFS); the embedded
run uses the default SQLite catalog and local files. Both are compared through their release files.
"""

from __future__ import annotations

import pytest

from tests.cluster.conftest import assert_same_rows, kill_when_busy, published_rows, run_pipeline

ARTICLES = 2000
SERVERS = ("postgres", "s3", "dask")
# The lake settings (docs/deploy.md, scale contract) a scaled run takes from the cluster besides the scheduler.
STORAGE_SETTINGS: tuple[str, ...] = ("RASD_LAKE_CATALOG", "RASD_LAKE_DATA", "RASD_S3_ENDPOINT", "RASD_S3_ACCESS_KEY",
                                     "RASD_S3_SECRET_KEY", "RASD_S3_REGION", "RASD_S3_USE_SSL")


def scaled_settings(cluster) -> dict[str, str]:
    env = cluster.env()
    return {name: env[name] for name in ("RASD_DASK_SCHEDULER", *STORAGE_SETTINGS)}


@pytest.fixture(scope="module")
def corpus(generated_corpus):
    return generated_corpus(ARTICLES)


@pytest.fixture(scope="module")
def embedded(corpus, tmp_path_factory):
    """The embedded run (no server, local processes): what every scaled run must publish."""
    out = tmp_path_factory.mktemp("embedded")
    with pytest.MonkeyPatch.context() as patch:
        facts = run_pipeline(corpus, out, {}, patch)
    assert facts["success"], facts.get("failure")
    rows = published_rows(out / "warehouse.duckdb")
    assert len(rows["documents"]) == ARTICLES and len(rows["casualty_claims"]) > 500
    return rows


def test_scaled_run_equals_the_embedded_run(start_cluster, corpus, embedded, tmp_path, monkeypatch):
    cluster = start_cluster(SERVERS, workers=2)
    facts = run_pipeline(corpus, tmp_path, scaled_settings(cluster), monkeypatch)
    assert facts["success"], facts.get("failure")
    assert facts["docs_processed"] == ARTICLES
    assert_same_rows(published_rows(tmp_path / "warehouse.duckdb"), embedded)


def test_a_worker_killed_mid_run_then_the_next_run_publish_the_embedded_result(start_cluster, corpus, embedded,
                                                                               tmp_path, monkeypatch):
    cluster = start_cluster(SERVERS, workers=2)
    # Past cleaning and MinHash (one shard each at this size), while worker-1 reads a mentions shard.
    watcher = kill_when_busy(cluster, "worker-1", after_tasks=3)
    first = run_pipeline(corpus, tmp_path, scaled_settings(cluster), monkeypatch)
    watcher.join(timeout=5)
    assert watcher.killed.is_set(), "the worker was never killed: the test did not test anything"
    assert set(cluster.pids()) >= {"dask-scheduler", "dask-worker-0"} and "dask-worker-1" not in cluster.pids()
    if first["success"]:
        assert_same_rows(published_rows(tmp_path / "warehouse.duckdb"), embedded)
    else:
        # Failing cleanly: a cause the person running it can act on, nothing half-written published.
        assert "Dask" in first["failure"], first["failure"]
        assert not (tmp_path / "warehouse.duckdb").exists()
    second = run_pipeline(corpus, tmp_path, scaled_settings(cluster), monkeypatch)
    assert second["success"], second.get("failure")
    assert_same_rows(published_rows(tmp_path / "warehouse.duckdb"), embedded)
