"""Paths and settings from the environment, each with a default for the embedded seeds run."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent

ENV_DEFAULTS = {
    "RASD_CORPUS": "seeds/articles",
    "RASD_WAREHOUSE": "data/warehouse.duckdb",
    "RASD_LAKE": "data/lake",
    "RASD_REFERENCE": "seeds/reference",
    # The corpus sensor's status when the instance has none stored: "stopped" in development, "running" in
    # the daemon deployment (make daemon).
    "RASD_CORPUS_SENSOR": "stopped",
    "RASD_DEDUP_THRESHOLD": "0.8",
    "RASD_MAX_FILE_BYTES": str(20 * 1024 * 1024),
    "RASD_DUCKDB_MEMORY": "1GB",
    # How long a run waits for another run writing the same warehouse before it gives up (seconds).
    "RASD_LOCK_WAIT_S": "600",
    # Extraction worker processes; 1 runs in the calling process (tests, debugging).
    "RASD_WORKERS": str(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1),
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
