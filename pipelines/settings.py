"""Paths and settings from the environment, each with a default for the embedded seeds run."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from pipelines.lib.cores import available_cores

PROJECT_ROOT = Path(__file__).resolve().parent.parent

ENV_DEFAULTS = {
    "RASD_CORPUS": "seeds/articles",
    "RASD_WAREHOUSE": "data/warehouse.duckdb",
    "RASD_LAKE": "data/lake",
    "RASD_REFERENCE": "seeds/reference",
    # Objects built from the reference data and code (the mentions automata), named by their digest; a
    # folder of its own so a fresh data folder or lake still finds them.
    "RASD_CACHE": ".cache/rasd",
    # The corpus sensor's status when the instance has none stored: "stopped" in development, "running" in
    # the daemon deployment (make daemon).
    "RASD_CORPUS_SENSOR": "stopped",
    "RASD_DEDUP_THRESHOLD": "0.8",
    "RASD_MAX_FILE_BYTES": str(20 * 1024 * 1024),
    "RASD_DUCKDB_MEMORY": "1GB",
    # DuckDB threads of every pipeline connection: a number, or "auto": one thread for a corpus under
    # SMALL_CORPUS_BYTES, every core above. On a small lake most statements are catalog lookups of a few
    # milliseconds, for which waking a second thread costs more than it brings (seeds run 6.1-6.3 s with two
    # threads, 5.35-5.4 s with one; 10,000 articles 30.9 s with two, 32.0 s with one).
    "RASD_DUCKDB_THREADS": "auto",
    # How long a run waits for another run writing the same warehouse before it gives up (seconds).
    "RASD_LOCK_WAIT_S": "600",
    # Extraction worker processes; 1 runs in the calling process (tests, debugging).
    # The DuckLake catalog every table lives in, as DuckLake's ATTACH takes it after ``ducklake:``. Empty: the
    # embedded default, ``sqlite:<RASD_LAKE>/catalog.sqlite`` (no server). Scaled: ``postgres:dbname=rasd
    # host=127.0.0.1 port=54329 user=rasd``. A relative sqlite/duckdb path is taken from the project root.
    "RASD_LAKE_CATALOG": "",
    # Where DuckLake writes the tables' Parquet files. Empty: ``<RASD_LAKE>/tables/``; scaled ``s3://rasd-lake/tables/``.
    "RASD_LAKE_DATA": "",
    # The S3 endpoint and credentials, used only when the data path is ``s3://…`` (path-style URLs).
    "RASD_S3_ENDPOINT": "",
    "RASD_S3_ACCESS_KEY": "",
    "RASD_S3_SECRET_KEY": "",
    "RASD_S3_REGION": "us-east-1",
    "RASD_S3_USE_SSL": "false",
    # Published snapshots kept for time travel; older ones are expired (never one a reader has pinned).
    "RASD_LAKE_KEEP": "10",
    # A reader's pin on a snapshot lasts this long after its last use (seconds).
    "RASD_LAKE_PIN_TTL_S": "3600",
    # Whether a published run refreshes the release file at RASD_WAREHOUSE (the embedded default: yes).
    "RASD_RELEASE_ON_RUN": "true",
    # What the dashboard reads: "lake" (the lake at its newest published snapshot), "release" (the DuckDB file
    # at RASD_WAREHOUSE, e.g. a downloaded release), or "auto": the release file when there is one (the embedded
    # default refreshes it from each publication; its pages render 3-5x faster than over the SQLite catalog),
    # else the lake; time travel (?as_of_run=N) always reads the lake.
    "RASD_DASHBOARD_SOURCE": "auto",
    "RASD_WORKERS": str(available_cores()),
    # A dask.distributed scheduler (tcp://127.0.0.1:8786) for the per-document work; empty: local processes.
    "RASD_DASK_SCHEDULER": "",
}


def setting(name: str) -> str:
    return os.environ.get(name) or ENV_DEFAULTS[name]


def path_setting(name: str) -> Path:
    """A path from the environment; relative paths are taken from the project root."""
    p = Path(setting(name)).expanduser()
    return p if p.is_absolute() else PROJECT_ROOT / p


SQL_DIR = PROJECT_ROOT / "sql"


# The record of DuckDB extension files already checked (pipelines/lib/extension_check), under RASD_CACHE.
EXTENSION_RECORD = "duckdb-extensions-checked.json"
SMALL_CORPUS_BYTES = 50 * 2**20       # about 10,000 articles


@lru_cache(maxsize=8)
def corpus_is_small(corpus: Path) -> bool:
    """Whether the corpus folder holds fewer than SMALL_CORPUS_BYTES (stops counting once past it)."""
    total = 0
    for root, _, files in os.walk(corpus):
        for name in files:
            try:
                total += os.stat(os.path.join(root, name)).st_size
            except OSError:
                continue
            if total >= SMALL_CORPUS_BYTES:
                return False
    return True


def duckdb_threads(corpus: Path | None = None) -> int:
    """DuckDB threads for pipeline connections (``RASD_DUCKDB_THREADS``; ``corpus`` replaces ``RASD_CORPUS``
    for "auto")."""
    value = setting("RASD_DUCKDB_THREADS").strip().lower()
    if value != "auto":
        return max(1, int(value))
    return 1 if corpus_is_small(corpus or path_setting("RASD_CORPUS")) else available_cores()


def lake_config(lake_root: Path | None = None, corpus: Path | None = None, threads: int | None = None):
    """The lake's configuration (``pipelines.lib.lake.LakeConfig``) from the environment; ``lake_root``
    replaces ``RASD_LAKE`` (a run on another lake folder keeps its catalog and tables there by default),
    ``corpus`` replaces ``RASD_CORPUS`` (its size picks DuckDB's threads), ``threads`` replaces that choice."""
    from pipelines.lib.lake import config_from

    threads = threads or duckdb_threads(corpus)
    return config_from(
        setting("RASD_LAKE_CATALOG"), setting("RASD_LAKE_DATA"), lake_root or path_setting("RASD_LAKE"), PROJECT_ROOT,
        s3_endpoint=setting("RASD_S3_ENDPOINT"), s3_access_key=setting("RASD_S3_ACCESS_KEY"),
        s3_secret_key=setting("RASD_S3_SECRET_KEY"), s3_region=setting("RASD_S3_REGION"),
        s3_use_ssl=setting("RASD_S3_USE_SSL").lower() in ("1", "true", "yes"),
        memory_limit=setting("RASD_DUCKDB_MEMORY"), threads=threads,
        extension_record=path_setting("RASD_CACHE") / EXTENSION_RECORD)
