"""The scaled setup: the same pipeline on a real PostgreSQL catalog, then with its data files on a real S3
object store (SeaweedFS), both started on free loopback ports by the project's own ``python -m pipelines.cluster``
(``tests/cluster/conftest.py: running_cluster``), publishes the same tables, row for row, as the embedded
SQLite catalog."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from pipelines.cli import build_warehouse
from pipelines.cluster.servers import postgres_bin
from pipelines.lib import lake
from pipelines.settings import lake_config
from tests.cluster.conftest import running_cluster
from tests.conftest import SEEDS

TABLES = ["raw_files", "documents", "sentences", "actors", "locations", "actor_mentions", "location_mentions",
          "casualty_claims", "incidents", "mart_claims"]
EXTRA = "قصف على إدلب\n\nقتل ثلاثة مدنيين وجرح سبعة آخرون في قصف على بلدة سراقب في ريف إدلب.\n"


@pytest.fixture(scope="module")
def cluster():
    """PostgreSQL and SeaweedFS's S3 gateway (no Dask: the per-document work stays local), stopped at the end."""
    with running_cluster(("postgres", "s3"), workers=0) as started:
        yield started


@pytest.fixture(scope="module")
def postgres(cluster) -> str:
    """The libpq string of the cluster's ``rasd`` database, for DuckLake."""
    return cluster.env()["RASD_LAKE_CATALOG"]


@pytest.fixture(scope="module")
def seaweedfs(cluster) -> dict[str, str]:
    """The S3 settings of the cluster's object store (bucket ``rasd-lake``)."""
    return {k: v for k, v in cluster.env().items() if k.startswith("RASD_S3_")}


def _createdb(catalog: str, name: str) -> None:
    fields = dict(part.split("=", 1) for part in catalog.split(":", 1)[1].split())
    subprocess.run([str(postgres_bin("createdb")), "-h", fields["host"], "-p", fields["port"], "-U", fields["user"],
                    name], check=True, capture_output=True, timeout=60)


def _published(config) -> dict[str, list[tuple]]:
    con, _ = lake.connect_published(config)
    with con:
        return {t: con.execute(f"select * exclude (ingested_at) from {t} order by all").fetchall()
                if t == "raw_files" else con.execute(f"select * from {t} order by all").fetchall() for t in TABLES}


def test_a_postgres_catalog_publishes_what_the_embedded_one_does(postgres, tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    embedded = build_warehouse(corpus, tmp_path / "e.duckdb", tmp_path / "lake-embedded")
    monkeypatch.setenv("RASD_LAKE_CATALOG", postgres)
    monkeypatch.setenv("RASD_LAKE_DATA", str(tmp_path / "pg-tables"))
    scaled_config = lake_config(tmp_path / "lake-scaled")
    assert scaled_config.catalog_kind == "postgres"
    scaled = build_warehouse(corpus, tmp_path / "s.duckdb", tmp_path / "lake-scaled")
    assert embedded["success"] and scaled["success"], scaled
    assert list((tmp_path / "pg-tables").rglob("*.parquet"))
    monkeypatch.delenv("RASD_LAKE_CATALOG")
    monkeypatch.delenv("RASD_LAKE_DATA")
    assert _published(scaled_config) == _published(lake_config(tmp_path / "lake-embedded"))

    # incremental on the server catalog too, and the writer lock is keyed by the catalog string
    monkeypatch.setenv("RASD_LAKE_CATALOG", postgres)
    monkeypatch.setenv("RASD_LAKE_DATA", str(tmp_path / "pg-tables"))
    (corpus / "extra.txt").write_text(EXTRA, encoding="utf-8")
    second = build_warehouse(corpus, tmp_path / "s.duckdb", tmp_path / "lake-scaled")
    assert second["published"] and second["files_read"] == 1 and second["n_canonical"] == embedded["n_canonical"] + 1
    with lake.connect(scaled_config, read_only=True) as con:
        assert [p.run_no for p in lake.publications(con)] == [1, 2]
    assert scaled_config.lock_file(tmp_path / "locks").parent == tmp_path / "locks"


def test_postgres_and_s3_publish_what_the_embedded_lake_does(postgres, seaweedfs, tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    embedded = build_warehouse(corpus, tmp_path / "e.duckdb", tmp_path / "lake-embedded")
    # a database of its own on the test's server, so the first test's lake stays apart
    catalog = postgres.replace("dbname=rasd", "dbname=rasd_s3")
    _createdb(postgres, "rasd_s3")
    for name, value in {"RASD_LAKE_CATALOG": catalog, "RASD_LAKE_DATA": "s3://rasd-lake/tables/", **seaweedfs}.items():
        monkeypatch.setenv(name, value)
    config = lake_config(tmp_path / "lake-scaled")
    assert config.on_s3 and config.catalog_kind == "postgres"
    scaled = build_warehouse(corpus, tmp_path / "s.duckdb", tmp_path / "lake-scaled")
    assert embedded["success"] and scaled["success"], scaled
    assert not (tmp_path / "lake-scaled" / "tables").exists()              # every data file went to S3
    with lake.connect(config, read_only=True) as con:
        files = con.execute("select data_file from ducklake_list_files('lake', 'document_texts')").fetchall()
    assert files and all(f.startswith("s3://rasd-lake/tables/") for (f,) in files)
    scaled_tables = _published(config)
    for name in ("RASD_LAKE_CATALOG", "RASD_LAKE_DATA"):
        monkeypatch.delenv(name)
    assert scaled_tables == _published(lake_config(tmp_path / "lake-embedded"))
