"""Mapping over batches: results in input order, inputs consumed lazily, errors surface."""

import os
import threading
import time

import pytest

from pipelines.lib.batch_pool import ordered_map, prefetch_map


def _square(x: int) -> int:
    return x * x


def test_prefetch_map_keeps_order_and_runs_off_the_callers_thread():
    caller = threading.get_ident()
    threads = set()

    def work(x: int) -> int:
        threads.add(threading.get_ident())
        return x * 10

    assert list(prefetch_map(work, range(7))) == [0, 10, 20, 30, 40, 50, 60]
    assert threads and caller not in threads
    assert list(prefetch_map(work, [])) == []


def test_prefetch_map_reads_at_most_one_item_ahead():
    read = []

    def items():
        for i in range(5):
            read.append(i)
            yield i

    results = prefetch_map(_square, items())
    assert next(results) == 0 and read == [0, 1]         # the first result, and the second item started
    assert next(results) == 1 and read == [0, 1, 2]
    assert list(results) == [4, 9, 16]


def test_prefetch_map_on_two_threads_keeps_order_reads_two_ahead_and_computes_two_at_once():
    read, running, most = [], [0], [0]
    lock = threading.Lock()
    both_started = threading.Barrier(2, timeout=5)

    def items():
        for i in range(6):
            read.append(i)
            yield i

    def work(x: int) -> int:
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        if x < 2:
            both_started.wait()         # the first two batches only finish once both are being computed
        time.sleep(0.01)
        with lock:
            running[0] -= 1
        return x * 10

    results = prefetch_map(work, items(), threads=2)
    assert next(results) == 0 and read == [0, 1, 2]
    assert list(results) == [10, 20, 30, 40, 50]
    assert most[0] == 2


def test_prefetch_map_raises_the_workers_error():
    def boom(x: int) -> int:
        if x == 2:
            raise ValueError("bad batch 2")
        return x

    with pytest.raises(ValueError, match="bad batch 2"):
        list(prefetch_map(boom, range(4)))


def test_ordered_map_inline_keeps_order():
    assert list(ordered_map(_square, range(4), workers=0)) == [0, 1, 4, 9]


def _record_pid(folder: str) -> None:
    """A worker initializer: leaves a file named after its process."""
    import os
    from pathlib import Path

    (Path(folder) / str(os.getpid())).touch()


def _pid(_: int) -> int:
    import os

    return os.getpid()


def test_a_worker_pool_starts_its_processes_ahead_and_serves_two_stages(tmp_path):
    from functools import partial

    from pipelines.lib.batch_pool import WorkerPool

    pool = WorkerPool(2, partial(_record_pid, str(tmp_path)))
    assert not pool.started
    pool.start()
    # Both processes start, and run the initializer, before any stage hands them work.
    deadline = time.monotonic() + 60
    while len(list(tmp_path.iterdir())) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    started = {int(p.name) for p in tmp_path.iterdir()}
    assert len(started) == 2 and os.getpid() not in started

    assert list(ordered_map(_square, range(6), pool)) == [0, 1, 4, 9, 16, 25]
    # The next stage gets the same processes, not new ones.
    assert set(ordered_map(_pid, range(8), pool)) <= started
    assert pool.started
    pool.close()
    assert not pool.started
    assert len(list(tmp_path.iterdir())) == 2
    pool.close()        # closing twice is harmless


def test_a_pool_closed_without_waiting_returns_and_its_processes_still_end():
    import os
    import time

    from pipelines.lib.batch_pool import WorkerPool

    pool = WorkerPool(2)
    pids = set(ordered_map(_pid, range(4), pool))
    assert pids and os.getpid() not in pids
    pool.close(wait=False)
    assert not pool.started
    deadline = time.monotonic() + 60
    alive = set(pids)
    while alive and time.monotonic() < deadline:
        # The executor's own thread reaps them once they end; a pid without a process raises.
        for pid in list(alive):
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                alive.discard(pid)
        time.sleep(0.05)
    assert not alive


_KEPT: list = []


def _hold_memory(n_mb: int) -> int:
    """Allocate ``n_mb`` MB in pieces and free all but the last (kept, as a cache would be): the heap below it
    is free but not handed back, as after a stage's task. The pid."""
    import os

    held = [bytes(1000) + os.urandom(8) for _ in range(n_mb * 1000)]
    _KEPT.append(held[-1])
    del held
    return os.getpid()


def _rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as fh:
        return next(int(line.split()[1]) / 1024 for line in fh if line.startswith("VmRSS"))


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="reads a process's memory from /proc")
def test_a_pools_workers_hand_back_what_a_stage_left_in_them():
    from pipelines.lib.batch_pool import WorkerPool, release_memory

    release_memory()            # in this process too: harmless
    pool = WorkerPool(2)
    try:
        pids = set(ordered_map(_hold_memory, [200, 200, 200, 200], pool))
        high = {pid: _rss_mb(pid) for pid in pids}
        pool.release_memory()
        low = {pid: _rss_mb(pid) for pid in pids}
        assert all(low[pid] < high[pid] - 100 for pid in pids), (high, low)
        assert list(ordered_map(_square, range(4), pool)) == [0, 1, 4, 9]     # the pool still serves
    finally:
        pool.close()
    WorkerPool(2).release_memory()      # a pool never started: nothing to do
