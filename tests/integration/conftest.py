from __future__ import annotations

import shutil
from pathlib import Path

import dagster as dg
import pytest

from pipelines.cli import build_warehouse
from pipelines.definitions import ASSETS
from pipelines.defs.resources import RasdSettings, build_resources
from tests.conftest import REFERENCE, SEEDS


def materialize_metadata(corpus: Path, wh: Path, lake: Path, reference: Path = REFERENCE) -> dict[str, dict]:
    """Every asset materialised as ``build_warehouse`` runs them (it must succeed); each asset's metadata by its
    table."""
    settings = RasdSettings(corpus_dir=str(corpus), warehouse_path=str(wh), lake_dir=str(lake),
                            reference_dir=str(reference))
    result = dg.materialize(ASSETS, resources=build_resources(settings))
    assert result.success
    return {e.materialization.asset_key.path[-1]: {k: v.value for k, v in e.materialization.metadata.items()}
            for e in result.get_asset_materialization_events()}


@pytest.fixture(scope="session")
def seeds_warehouse(tmp_path_factory) -> tuple[Path, dict]:
    """The real pipeline (every asset and check, via dagster.materialize) run once on seeds/articles."""
    root = tmp_path_factory.mktemp("seeds_run")
    corpus = root / "corpus"
    shutil.copytree(SEEDS, corpus)
    facts = build_warehouse(corpus, root / "warehouse.duckdb", root / "lake")
    return root / "warehouse.duckdb", facts


@pytest.fixture(scope="session")
def gold_warehouses(shared_dir, tmp_path_factory) -> dict[str, Path]:
    """Release files of the corpora the gold and the expected outputs cover, each built once by the real
    pipeline in a lake of its own: seeds, dev, dev2, and dev + dev2 in one folder with their dates
    (``bench.outputs.corpora``)."""
    from bench.outputs import corpora

    root = tmp_path_factory.mktemp("gold")
    out = {}
    for name, corpus in corpora(shared_dir, SEEDS, root).items():
        release = root / f"{name}.duckdb"
        facts = build_warehouse(corpus, release, root / f"lake-{name}")
        assert facts["success"], facts
        out[name] = release
    return out


@pytest.fixture
def seeds_environment(tmp_path, monkeypatch) -> Path:
    """A copy of seeds/articles as the corpus of ``make run``, with a fresh lake and warehouse, all set through the
    environment (``RASD_CORPUS``, ``RASD_LAKE``, ``RASD_WAREHOUSE``) as the bench tools read it; the corpus folder."""
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    monkeypatch.setenv("RASD_CORPUS", str(corpus))
    monkeypatch.setenv("RASD_LAKE", str(tmp_path / "lake"))
    monkeypatch.setenv("RASD_WAREHOUSE", str(tmp_path / "w.duckdb"))
    return corpus
