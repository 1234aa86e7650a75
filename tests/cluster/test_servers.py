"""The servers `make cluster-up` starts: loopback only, each one answering, workers pinned, nothing left after
`make cluster-down`."""

from __future__ import annotations

import os
import pathlib
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager

import duckdb
import psutil
import pytest

from pipelines.cluster.servers import ClusterError, Ports, running_pids, up
from tests.cluster.conftest import alive, free_ports, running_cluster


def _extension(module: str, name: str) -> str:
    """A DuckDB extension from its PyPI package (loaded by path: an offline machine cannot download it)."""
    mod = pytest.importorskip(module, reason=f"{module} (the cluster extra) is not installed")
    return str(next(pathlib.Path(mod.__file__).parent.glob(f"extensions/*/{name}.duckdb_extension")))


def _tree(pid: int) -> list[psutil.Process]:
    proc = psutil.Process(pid)
    return [proc, *proc.children(recursive=True)]


@pytest.fixture(scope="module")
def cluster():
    with running_cluster(("postgres", "s3", "dask"), workers=2) as started:
        yield started


def test_every_listening_socket_is_on_loopback(cluster):
    pids = cluster.pids()
    assert {"postgres", "seaweedfs", "dask-scheduler", "dask-worker-0", "dask-worker-1"} <= set(pids)
    listening = []
    for pid in pids.values():
        for proc in _tree(pid):
            listening += [(proc.name(), c.laddr) for c in proc.net_connections(kind="inet")
                          if c.status == psutil.CONN_LISTEN]
    # PostgreSQL, the S3 gateway and its master/volume/filer servers, the scheduler and both workers.
    assert len(listening) >= 8, listening
    assert {addr.ip for _, addr in listening} == {"127.0.0.1"}, listening
    ports = {addr.port for _, addr in listening}
    assert {cluster.state.ports["postgres"], cluster.state.ports["s3"], cluster.state.ports["dask"]} <= ports


def test_env_file_holds_the_scale_settings(cluster):
    text = (cluster.root / "env.sh").read_text()
    env = cluster.env()
    assert env["RASD_DASK_SCHEDULER"] == f"tcp://127.0.0.1:{cluster.state.ports['dask']}"
    assert env["RASD_LAKE_CATALOG"] == (f"postgres:dbname=rasd host=127.0.0.1 port={cluster.state.ports['postgres']} "
                                        "user=rasd")
    assert env["RASD_LAKE_DATA"] == "s3://rasd-lake/tables/"
    for name in ("RASD_S3_ENDPOINT", "RASD_S3_ACCESS_KEY", "RASD_S3_SECRET_KEY", "RASD_S3_REGION", "RASD_S3_USE_SSL"):
        assert f"export {name}=" in text
    assert oct((cluster.root / "env.sh").stat().st_mode & 0o777) == "0o600"     # it holds the S3 secret


def test_postgres_accepts_a_connection(cluster):
    con = duckdb.connect()
    con.execute(f"load '{_extension('duckdb_extension_postgres_scanner', 'postgres_scanner')}'")
    con.execute(f"attach 'dbname=rasd host=127.0.0.1 port={cluster.state.ports['postgres']} user=rasd' "
                "as pg (type postgres)")
    con.execute("create table pg.probe (n integer, word varchar)")
    con.execute("insert into pg.probe values (1, 'رصد'), (2, 'catalog')")
    assert con.execute("select * from pg.probe order by n").fetchall() == [(1, "رصد"), (2, "catalog")]
    con.execute("drop table pg.probe")


def _s3_connection(cluster, secret: str) -> duckdb.DuckDBPyConnection:
    env = cluster.env()
    con = duckdb.connect()
    con.execute(f"load '{_extension('duckdb_extension_httpfs', 'httpfs')}'")
    con.execute("create secret rasd_s3 (type s3, key_id ?, secret ?, endpoint ?, region ?, url_style 'path', "
                "use_ssl false)", [env["RASD_S3_ACCESS_KEY"], secret, env["RASD_S3_ENDPOINT"], env["RASD_S3_REGION"]])
    return con


def test_s3_accepts_a_put_and_a_get_with_the_written_keys_only(cluster):
    con = _s3_connection(cluster, cluster.env()["RASD_S3_SECRET_KEY"])
    con.execute("copy (select range as n, 'سطر ' || range as line from range(1000)) "
                "to 's3://rasd-lake/probe/lines.parquet'")
    assert con.execute("select count(*), sum(n) from 's3://rasd-lake/probe/lines.parquet'").fetchone() == (1000, 499500)
    wrong = _s3_connection(cluster, "not-the-secret")
    with pytest.raises(duckdb.Error):
        wrong.execute("select count(*) from 's3://rasd-lake/probe/lines.parquet'").fetchone()


def test_seaweedfs_logs_stay_in_the_cluster_folder(cluster):
    # glog writes to the temporary folder; the cluster's own, so `cluster-down` and a test's cleanup take them.
    assert sorted(p.name for p in (cluster.root / "tmp").glob("weed.*")), "no SeaweedFS log in the cluster folder"
    assert not [p for p in pathlib.Path(tempfile.gettempdir()).glob(f"weed.*.log.*.{cluster.pids()['seaweedfs']}")]


@contextmanager
def _nearly_full_disk(tmp_path: pathlib.Path, size_gb: int, free_mb: int) -> Iterator[pathlib.Path]:
    """A mounted ext4 file system of ``size_gb`` with ``free_mb`` left (a sparse image, space taken by an
    unwritten fallocate: a few MB of the real disk); skips where this machine cannot mount one."""
    if os.geteuid() != 0 or not shutil.which("mkfs.ext4"):
        pytest.skip("mounting a test file system needs root and mkfs.ext4 (e2fsprogs)")
    image, mount = tmp_path / "disk.img", pathlib.Path(tempfile.mkdtemp(prefix="rasd-disk-"))
    with image.open("wb") as out:
        out.truncate(size_gb * 2**30)
    subprocess.run(["mkfs.ext4", "-q", "-F", "-m", "0", "-N", "1024", "-O", "^has_journal", "-E",
                    "lazy_itable_init=1,nodiscard", str(image)], check=True, capture_output=True)
    mounted = subprocess.run(["mount", "-o", "loop", str(image), str(mount)], capture_output=True, text=True)
    if mounted.returncode != 0:
        mount.rmdir()
        pytest.skip(f"this machine cannot mount a loop device: {mounted.stderr.strip()}")
    try:
        mount.chmod(0o755)
        fill = shutil.disk_usage(mount).free - free_mb * 2**20
        subprocess.run(["fallocate", "-l", str(fill), str(mount / "fill")], check=True, capture_output=True)
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)
        mount.rmdir()


def test_s3_takes_writes_on_a_large_disk_with_little_room_left(tmp_path):
    # 1.2 GB free of 200 GB (0.6 %): what a CI machine's shared disk once had. `weed mini` sized its volumes
    # at 1 GB there and made none (every PUT timed out); the store must take the lake's files while the disk
    # has room for them.
    with _nearly_full_disk(tmp_path, size_gb=200, free_mb=1200) as disk:
        assert 1.0e9 < shutil.disk_usage(disk).free < 1.3e9
        with running_cluster(("s3",), workers=0, parent=disk) as small:
            con = _s3_connection(small, small.env()["RASD_S3_SECRET_KEY"])
            con.execute("copy (select range as n from range(100000)) to 's3://rasd-lake/probe/room.parquet'")
            assert con.execute("select count(*) from 's3://rasd-lake/probe/room.parquet'").fetchone() == (100000,)


def test_dask_runs_a_task_on_pinned_single_thread_workers(cluster):
    from distributed import Client

    with Client(cluster.scheduler, set_as_default=False, timeout="20s") as client:
        assert client.submit(pow, 2, 10).result(timeout=60) == 1024
        assert sorted(client.nthreads().values()) == [1, 1]
    pids = cluster.pids()
    cores = [psutil.Process(pids[f"dask-worker-{n}"]).cpu_affinity() for n in range(2)]
    assert all(len(c) == 1 for c in cores), cores
    if len(os.sched_getaffinity(0)) >= 2:
        assert cores[0] != cores[1]


def test_cluster_down_leaves_no_process(start_cluster):
    own = start_cluster(("postgres", "s3", "dask"), workers=2)
    everything = [p.pid for pid in own.pids().values() for p in _tree(pid)]
    assert len(everything) >= 6
    proc = own.down()
    assert proc.returncode == 0, proc.stderr
    assert "postgres" in proc.stdout and "dask-scheduler" in proc.stdout
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in everything) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert [pid for pid in everything if alive(pid)] == []
    assert own.pids() == {}


def test_a_taken_port_is_named_before_any_server_starts(tmp_path):
    pytest.importorskip("distributed", reason="distributed (the cluster extra) is not installed")
    (dask,), _ = free_ports(1)
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", dask))
        squatter.listen()
        with pytest.raises(ClusterError, match=rf"port {dask} on 127\.0\.0\.1 \(for dask\) is in use.*--dask-port"):
            up(tmp_path / "cluster", Ports(dask=dask), workers=1, services=("dask",))
    assert running_pids(tmp_path / "cluster") == {}
