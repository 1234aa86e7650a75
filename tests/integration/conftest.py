from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipelines.cli import build_warehouse
from tests.conftest import SEEDS


@pytest.fixture(scope="session")
def seeds_warehouse(tmp_path_factory) -> tuple[Path, dict]:
    """The real pipeline (every asset and check, via dagster.materialize) run once on seeds/articles."""
    root = tmp_path_factory.mktemp("seeds_run")
    corpus = root / "corpus"
    shutil.copytree(SEEDS, corpus)
    facts = build_warehouse(corpus, root / "warehouse.duckdb", root / "lake")
    return root / "warehouse.duckdb", facts
