"""The scaled catalog: the same pipeline on a real PostgreSQL catalog (started here on a loopback port from
the Debian binaries) publishes the same tables, row for row, as the embedded SQLite catalog."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest

from pipelines.cli import build_warehouse
from pipelines.lib import lake
from pipelines.settings import lake_config
from tests.conftest import SEEDS

TABLES = ["raw_files", "documents", "sentences", "actors", "locations", "actor_mentions", "location_mentions",
          "casualty_claims", "incidents", "mart_claims"]
EXTRA = "قصف على إدلب\n\nقتل ثلاثة مدنيين وجرح سبعة آخرون في قصف على بلدة سراقب في ريف إدلب.\n"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def postgres():
    """A throwaway PostgreSQL on 127.0.0.1 (trust auth, loopback only); its libpq string for DuckLake."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        pytest.skip("PostgreSQL server binaries not installed (/usr/lib/postgresql/*/bin/initdb)")
    bin_dir = Path(found[-1]).parent
    as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if as_user and not shutil.which("runuser"):
        pytest.skip("running as root and no runuser to start PostgreSQL as the postgres user")
    root = Path(tempfile.mkdtemp(prefix="rasd-pg-"))
    os.chmod(root, 0o777)
    data, port = root / "data", _free_port()
    user = "postgres" if as_user else os.environ.get("USER", "rasd")
    try:
        subprocess.run([*as_user, str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", user],
                       check=True, capture_output=True, timeout=120)
        subprocess.run([*as_user, str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(root / "log"), "-w", "-o",
                        f"-c listen_addresses=127.0.0.1 -c port={port} -k {root}", "start"],
                       check=True, capture_output=True, timeout=120)
    except (subprocess.CalledProcessError, OSError) as exc:
        shutil.rmtree(root, ignore_errors=True)
        pytest.skip(f"PostgreSQL could not be started here: {exc}")
    try:
        subprocess.run([*as_user, str(bin_dir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", user, "rasd"],
                       check=True, capture_output=True, timeout=60)
        yield f"postgres:dbname=rasd host=127.0.0.1 port={port} user={user}"
    finally:
        subprocess.run([*as_user, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"],
                       capture_output=True, timeout=60)
        shutil.rmtree(root, ignore_errors=True)


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
