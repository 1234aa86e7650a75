"""Resources: where things are, configured from the environment with defaults."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
from dagster_duckdb import DuckDBResource

from pipelines.lib.warehouse import building_path, duckdb_config
from pipelines.settings import path_setting, setting


class RasdSettings(dg.ConfigurableResource):
    """Paths and knobs of a Rasd run. ``warehouse_path`` is the published file readers open."""

    corpus_dir: str
    warehouse_path: str
    lake_dir: str
    reference_dir: str
    dedup_threshold: float = 0.8
    max_file_bytes: int = 20 * 1024 * 1024

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
    )


def build_resources(settings: RasdSettings) -> dict:
    """The resources of one deployment: settings plus a DuckDB resource on the run's building file
    (with the pipeline's memory limit and threads, like every connection it opens)."""
    return {
        "settings": settings,
        "duckdb": DuckDBResource(database=str(building_path(settings.warehouse)), connection_config=duckdb_config()),
    }
