"""One fan-out for the per-document work (clean, MinHash signatures, mentions, claims): a pure function over
shards of documents, results back in input order, on local processes or on a ``dask.distributed`` cluster.

The caller stays the only process that talks to the warehouse: it reads each shard, hands it out, and
writes the frames that come back, in order, so the tables come out exactly as one process writes them.
Where the work runs is the ``scheduler`` setting (``RASD_DASK_SCHEDULER``):

- empty (the default): today's local behaviour, chosen per stage by ``local`` — inline in this process,
  a prefetching thread (a stage whose caller spends its time in DuckDB), two threads (work that releases
  the GIL), or ``N`` worker processes;
- ``tcp://host:port``: each shard becomes a task of that Dask scheduler, function and shard together (so
  any worker can rerun it, one that joins later too). Reference data the function needs (automata,
  lexicons) lives in per-process caches of the worker, built by its first task and reused by the next ones.

A worker that dies mid-run is Dask's to handle: its tasks are rerun on the workers left. When none is left
for ``no_worker_grace_s`` seconds (a Kubernetes operator may bring one back meanwhile), or Dask gives a
task up after it was on too many workers that died, the step fails with :class:`ComputeError`, which says
which cluster and why; nothing of the step's remaining work is written.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Literal, TypeVar

from pipelines.lib.batch_pool import WorkerPool, ordered_map, prefetch_map

T = TypeVar("T")
R = TypeVar("R")

# Local execution of a stage: "inline" in this process, "thread" (one prefetching thread), "threads" (two
# computing threads, for work that releases the GIL), a number of worker processes of the stage's own (0 or 1:
# inline), or a pool of worker processes the run's stages share.
Local = Literal["inline", "thread", "threads"] | int | WorkerPool

# How often a wait on a Dask result looks at the cluster's workers.
_POLL_S = 1.0


class ComputeError(RuntimeError):
    """The distributed cluster could not finish a step's work."""


def fan_out(fn: Callable[[T], R], items: Iterable[T], scheduler: str = "", local: Local = "inline",
            ahead: int = 1, no_worker_grace_s: float = 30.0, connect_timeout_s: float = 20.0) -> Iterator[R]:
    """``fn(item)`` for each item, in input order, where ``scheduler`` says (see the module docstring).

    ``items`` is consumed lazily in the caller's thread (it may read from the warehouse), and at most
    ``ahead`` items more than there are workers are in flight, so memory holds a few shards, never all.
    ``fn`` must be picklable by reference (a module-level function, or a ``functools.partial`` of one)
    and pure: a shard may be computed twice when its worker dies.
    """
    if scheduler:
        yield from _dask_map(fn, items, scheduler, ahead, no_worker_grace_s, connect_timeout_s)
    elif local in ("thread", "threads"):
        yield from prefetch_map(fn, items, threads=2 if local == "threads" else 1)
    elif local == "inline" or (isinstance(local, int) and local <= 1):
        yield from map(fn, items)
    else:
        yield from ordered_map(fn, items, local, ahead)


def _dask_map(fn: Callable[[T], R], items: Iterable[T], scheduler: str, ahead: int, grace_s: float,
              connect_timeout_s: float) -> Iterator[R]:
    # Imported here: a local run never pays for dask.distributed, and needs it not installed.
    try:
        import dask
        from distributed import Client
    except ImportError as exc:
        raise ComputeError(f"RASD_DASK_SCHEDULER is set ({scheduler}) but dask.distributed is not installed: "
                           "pip install -e '.[cluster]', or unset it to run locally") from exc

    try:
        client = Client(scheduler, set_as_default=False, timeout=f"{connect_timeout_s}s")
    except OSError as exc:
        raise ComputeError(f"no Dask scheduler answers at {scheduler} (RASD_DASK_SCHEDULER): {exc}") from exc
    pending: deque = deque()
    try:
        for item in items:
            # A shard travels inside its task (a cleaning shard of 2,000 articles is ~10 MB), not scattered to one
            # worker ahead: the scheduler then holds it until the task is done and can rerun it on any worker.
            with dask.config.set({"distributed.admin.large-graph-warning-threshold": "2GB"}):
                pending.append(client.submit(fn, item, pure=False))
            # Workers may come and go (an autoscaler): the shards in flight follow the threads there are now.
            if len(pending) > max(1, sum(client.nthreads().values())) + ahead:
                yield _result(client, pending.popleft(), scheduler, grace_s)
        while pending:
            yield _result(client, pending.popleft(), scheduler, grace_s)
    finally:
        if pending:
            client.cancel(list(pending))
        client.close()


def _result(client, future, scheduler: str, grace_s: float):
    """The future's result; a clear :class:`ComputeError` when the cluster cannot produce it."""
    from distributed import KilledWorker
    from distributed.client import FutureCancelledError

    alone_since: float | None = None
    while True:
        try:
            return future.result(timeout=_POLL_S)
        except TimeoutError:
            if client.nthreads():
                alone_since = None
                continue
            alone_since = alone_since or time.monotonic()
            if time.monotonic() - alone_since >= grace_s:
                raise ComputeError(
                    f"the Dask cluster at {scheduler} has had no worker for {grace_s:.0f} s, so this step's "
                    "remaining shards cannot run; nothing more of it was written. Start workers (or unset "
                    "RASD_DASK_SCHEDULER to run locally) and run again.") from None
        except KilledWorker as exc:
            raise ComputeError(
                f"Dask gave a shard up after the workers running it died ({exc}); this step's remaining "
                f"shards were not written. Look at the workers of {scheduler} (memory limits?) and run again."
            ) from exc
        except FutureCancelledError as exc:
            raise ComputeError(f"the Dask cluster at {scheduler} cancelled a shard of this step ({exc}); its remaining "
                               "shards were not written. Run again.") from exc
