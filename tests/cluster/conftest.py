"""Fixtures for the tests on real servers: clusters started with ``python -m pipelines.cluster`` in temporary
folders on free loopback ports (beside any cluster ``make cluster-up`` runs), generated corpora, and the
comparison of published warehouses row for row.

A test that needs servers asks ``start_cluster(services, workers)`` (a fixture of wider scope uses
``running_cluster``); it skips with the reason when a server program is not installed (``.ci/run`` installs
PostgreSQL; ``make setup`` the ``cluster`` extra). Every cluster is stopped, and its folder removed, when the
test or fixture that started it ends.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from pipelines.cluster.servers import ClusterError, ClusterState, load_state, postgres_bin, running_pids, weed_bin
from pipelines.lib.release import CONTRACT_VIEWS
from tests.conftest import ROOT, SEEDS, SHARED

# Tables a run writes for its own bookkeeping (timings, run ids), and columns that hold the time of a run:
# everything else must come out the same whatever ran the per-document work.
RUN_BOOKKEEPING = {"run_log", "pipeline_runs", "stage_state"}
RUN_TIME_COLUMNS = {"ingested_at", "started_at", "finished_at", "seconds"}


def published_rows(warehouse: Path) -> dict[str, list[tuple]]:
    """Every table of a published warehouse but the run's bookkeeping, as sorted rows without run times."""
    out = {}
    with duckdb.connect(str(warehouse), read_only=True) as con:
        tables = [r[0] for r in con.execute(
            "select table_name from information_schema.tables where table_type = 'BASE TABLE' "
            "or table_name in (select unnest($views)) order by 1", {"views": list(CONTRACT_VIEWS)}).fetchall()]
        for table in tables:
            if table in RUN_BOOKKEEPING:
                continue
            cols = [r[0] for r in con.execute(
                "select column_name from information_schema.columns where table_name = ? order by ordinal_position",
                [table]).fetchall() if r[0] not in RUN_TIME_COLUMNS]
            select = ", ".join(f'"{c}"' for c in cols)
            out[table] = con.execute(f"select {select} from {table} order by all").fetchall()
    return out


def assert_same_rows(got: dict[str, list[tuple]], want: dict[str, list[tuple]]) -> None:
    assert sorted(got) == sorted(want)
    for table in want:
        assert len(got[table]) == len(want[table]), table
        assert got[table] == want[table], table


def _free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _ephemeral_start() -> int:
    """First port of the kernel's range for outgoing connections (32768 by default on Linux)."""
    try:
        return int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 32768


def free_ports(plain: int, grpc: int = 0) -> tuple[list[int], list[int]]:
    """``plain`` free loopback ports and ``grpc`` more whose port + 10000 is free too (SeaweedFS uses both), all
    distinct and all below the kernel's range for outgoing connections: a port picked there can be taken by any
    client socket between the check and the server's bind (a Dask scheduler once failed to start that way in CI)."""
    top = _ephemeral_start()
    if top - 10000 <= 11000:
        raise RuntimeError(f"the outgoing-connection range starts at {top}: no room below it for test servers")
    taken: set[int] = set()
    rng = random.Random()

    def pick(high: int, with_grpc: bool) -> int:
        while True:
            port = rng.randrange(10000, high)
            wanted = {port, port + 10000} if with_grpc else {port}
            if not wanted & taken and all(_free(p) for p in wanted):
                taken.update(wanted)
                return port

    grpc_ports = [pick(top - 10000, True) for _ in range(grpc)]
    plain_ports = [pick(top, False) for _ in range(plain)]
    return plain_ports, grpc_ports


def require(services: tuple[str, ...]) -> None:
    """Skip the test, saying why, when a server it needs is not installed."""
    try:
        if "dask" in services:
            import distributed  # noqa: F401
        if "postgres" in services:
            postgres_bin("initdb")
            postgres_bin("pg_ctl")
        if "s3" in services:
            weed_bin()
    except (ImportError, ClusterError) as exc:
        pytest.skip(f"cannot start the servers {services}: {exc}")


@dataclass
class Cluster:
    root: Path
    state: ClusterState

    @property
    def scheduler(self) -> str:
        return self.state.scheduler

    def env(self) -> dict[str, str]:
        return self.state.settings()

    def pids(self) -> dict[str, int]:
        return running_pids(self.root)

    def down(self) -> subprocess.CompletedProcess:
        return _cli("down", self.root)


def _cli(command: str, root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipelines.cluster", command, "--root", str(root), *args],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)


@contextmanager
def running_cluster(services: tuple[str, ...] = ("postgres", "s3", "dask"), workers: int = 2,
                    parent: Path | None = None) -> Iterator[Cluster]:
    """A cluster of its own, started and stopped through the project's CLI, in a folder the ``postgres`` user
    can enter (PostgreSQL refuses to run as root, and pytest's temporary folders are private to root); under
    ``parent`` when given, else the system's temporary folder."""
    require(services)
    root = Path(tempfile.mkdtemp(prefix="rasd-cluster-", dir=parent))
    root.chmod(0o755)
    try:
        # The S3 gateway, like SeaweedFS's master, volume and filer servers, serves gRPC on its port + 10000.
        (pg, dask), (s3, *weed) = free_ports(2, grpc=4)
        proc = _cli("up", root, "--workers", str(workers), "--services", ",".join(services), "--pg-port", str(pg),
                    "--s3-port", str(s3), "--dask-port", str(dask), "--weed-ports", ",".join(map(str, weed)))
        assert proc.returncode == 0, proc.stderr + proc.stdout
        yield Cluster(root, load_state(root))
    finally:
        _cli("down", root)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def start_cluster() -> Iterator[Callable[..., Cluster]]:
    """``start_cluster(services, workers)`` in a test: a :func:`running_cluster` stopped when the test ends."""
    with ExitStack() as stack:
        yield lambda services=("postgres", "s3", "dask"), workers=2: stack.enter_context(
            running_cluster(services, workers))


@pytest.fixture(scope="session")
def generated_corpus(tmp_path_factory) -> Callable[[int], Path]:
    """``generated_corpus(n)``: ``n`` articles from ``bench/generate.py`` (seed 7), made once per size."""
    from bench.generate import generate, load_pool

    made: dict[int, Path] = {}

    def make(n: int) -> Path:
        if n not in made:
            sources = [SEEDS] + ([SHARED / "corpus" / "dev"] if (SHARED / "corpus" / "dev").is_dir() else [])
            out = tmp_path_factory.mktemp(f"generated{n}")
            generate(n, out / "corpus", out / "truth.tsv", load_pool(sources), seed=7)
            made[n] = out / "corpus"
        return made[n]

    return make


def run_pipeline(corpus: Path, out: Path, env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> dict:
    """The whole pipeline (``build_warehouse``: every asset and check) on ``corpus`` into ``out``, with the
    settings ``env`` (the cluster's, or none for the embedded local run)."""
    from pipelines.cli import build_warehouse

    with monkeypatch.context() as patch:
        for name in ("RASD_DASK_SCHEDULER", "RASD_LAKE_CATALOG", "RASD_LAKE_DATA", "RASD_S3_ENDPOINT",
                     "RASD_S3_ACCESS_KEY", "RASD_S3_SECRET_KEY", "RASD_S3_REGION", "RASD_S3_USE_SSL"):
            patch.delenv(name, raising=False)
        for name, value in env.items():
            patch.setenv(name, value)
        return build_warehouse(corpus, out / "warehouse.duckdb", out / "lake", raise_on_error=False)


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def kill_when_busy(cluster, worker: str, after_tasks: int) -> threading.Thread:
    """A watcher that kills ``worker`` (SIGKILL: no goodbye to the scheduler) while it runs a task, once
    ``after_tasks`` tasks were seen running on the cluster; its ``killed`` event says whether it did."""
    from distributed import Client

    pid = cluster.pids()[f"dask-{worker}"]
    killed = threading.Event()

    def watch() -> None:
        seen: set = set()
        with Client(cluster.scheduler, set_as_default=False, timeout="20s") as client:
            address = next(a for a, w in client.scheduler_info(n_workers=-1)["workers"].items() if w["name"] == worker)
            deadline = time.monotonic() + 600
            while time.monotonic() < deadline:
                processing = client.processing()
                seen.update(k for keys in processing.values() for k in keys)
                if processing.get(address) and len(seen) >= after_tasks:
                    os.kill(pid, signal.SIGKILL)
                    killed.set()
                    return
                time.sleep(0.02)

    thread = threading.Thread(target=watch, daemon=True)
    thread.killed = killed
    thread.start()
    return thread
