"""Resources: where things are, configured from the environment with defaults."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
from dagster_duckdb import DuckDBResource

from pipelines.lib.warehouse import building_path, duckdb_config
from pipelines.lib.writer_lock import acquire, release
from pipelines.settings import path_setting, setting

# A run tagged rasd/verify=true hashes every file whose size and mtime look unchanged (the daily schedule,
# `make run VERIFY=1`): a replacement with the same size and mtime is found.
VERIFY_TAG = "rasd/verify"


class RasdSettings(dg.ConfigurableResource):
    """Paths and knobs of a Rasd run. ``warehouse_path`` is the published file readers open."""

    corpus_dir: str
    warehouse_path: str
    lake_dir: str
    reference_dir: str
    dedup_threshold: float = 0.8
    max_file_bytes: int = 20 * 1024 * 1024
    lock_wait_s: float = 600.0
    # Where the per-document work runs: a dask.distributed scheduler address, or "" for local processes.
    dask_scheduler: str = ""

    @property
    def corpus(self) -> Path:
        return Path(self.corpus_dir)

    @property
    def warehouse(self) -> Path:
        return Path(self.warehouse_path)

    @property
    def lake(self) -> Path:
        return Path(self.lake_dir)

    @property
    def reference(self) -> Path:
        return Path(self.reference_dir)


def settings_from_env() -> RasdSettings:
    return RasdSettings(
        corpus_dir=str(path_setting("RASD_CORPUS")),
        warehouse_path=str(path_setting("RASD_WAREHOUSE")),
        lake_dir=str(path_setting("RASD_LAKE")),
        reference_dir=str(path_setting("RASD_REFERENCE")),
        dedup_threshold=float(setting("RASD_DEDUP_THRESHOLD")),
        max_file_bytes=int(setting("RASD_MAX_FILE_BYTES")),
        lock_wait_s=float(setting("RASD_LOCK_WAIT_S")),
        dask_scheduler=setting("RASD_DASK_SCHEDULER"),
    )


class WarehouseDuckDB(DuckDBResource):
    """The DuckDB resource on a run's building file, holding the warehouse's writer lock for the whole run.

    Every writing asset and check requires it, and the job runs in one process, so Dagster sets it up
    once when the run starts and tears it down when the run ends: a second run (a sensor or scheduled one,
    or ``make run``) waits for the lock, up to ``lock_wait_s``, and then fails with a message that says so.
    """

    published_path: str
    lock_wait_s: float = 600.0

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        acquire(Path(self.published_path), self.lock_wait_s, on_wait=context.log.warning if context.log else None)

    def teardown_after_execution(self, context: dg.InitResourceContext) -> None:
        release(Path(self.published_path))


def build_resources(settings: RasdSettings) -> dict:
    """The resources of one deployment: settings plus a DuckDB resource on the run's building file
    (with the pipeline's memory limit and threads, like every connection it opens)."""
    return {
        "settings": settings,
        "duckdb": WarehouseDuckDB(database=str(building_path(settings.warehouse)), connection_config=duckdb_config(),
                                  published_path=settings.warehouse_path, lock_wait_s=settings.lock_wait_s),
    }
